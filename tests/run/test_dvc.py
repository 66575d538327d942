import pandas as pd
import yaml

from pipeline.run.export import read_tables
from pipeline.run.dvc import ORDER, run_stage


def test_dvc_stages_map_one_to_one_to_pipeline_stages_and_params(repo):
    dvc = yaml.safe_load((repo / "dvc.yaml").read_text())["stages"]
    params = yaml.safe_load((repo / "params.yaml").read_text())
    # the document stages, in order, plus training the NER model that the ner stage depends on
    assert [n for n in dvc if n != "train_ner"] == ORDER
    assert "models/sv_minutes_ner" in dvc["ner"]["deps"]
    assert dvc["train_ner"]["params"] == ["train_ner"] and "train_ner" in params
    for name, stage in dvc.items():
        if name == "train_ner":
            continue
        assert stage["cmd"].startswith(f"minutes stage {name} ")
        assert stage["params"] == [name] and name in params
        for dep in stage["deps"]:
            assert (repo / dep).exists() or dep.startswith("data/interim/"), dep


def test_stage_by_stage_equals_one_run(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Arbetsgruppen 2 juni 2022\n\nNärvarande:\nEva Holm\nJan Berg\n\nBudget\n\n"
                               "Vi går igenom budgeten till den 9/6.\n", encoding="utf-8")
    prev = raw
    for name in ORDER:
        run_stage(name, prev, tmp_path / name)
        prev = tmp_path / name
    from pipeline.run.process import load_params
    from pipeline.run.runner import run_archive
    run_archive([raw], tmp_path / "direct", load_params())
    staged, direct = read_tables(tmp_path / "export"), read_tables(tmp_path / "direct")
    for table in staged:
        pd.testing.assert_frame_equal(staged[table], direct[table], check_dtype=False)
    assert len(staged["attendees"]) == 2

"""pipeline/contract/resources.py: the shipped models are found without a source checkout."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from pipeline.contract.resources import MODELS_ENV, model_path, models_dir


def test_models_are_found_through_the_package_and_by_name():
    assert (models_dir() / "sv_minutes_ner" / "meta.json").is_file()
    assert model_path("models/repair/bigrams.tsv.gz") == models_dir() / "repair" / "bigrams.tsv.gz"
    assert model_path("/abs/model") == Path("/abs/model")


def test_an_explicit_models_path_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    assert models_dir() == tmp_path and model_path("sv_minutes_ner") == tmp_path / "sv_minutes_ner"


@pytest.mark.slow
def test_a_built_wheel_runs_the_pipeline_with_its_models(repo, tmp_path):
    """Build the wheel, unpack it far from the checkout, and run `minutes run` from it: the models,
    cue lists and name lists must come from the wheel (importlib.resources), not from the repository."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(repo)],
                   check=True, capture_output=True, timeout=600)
    site = tmp_path / "site"
    with zipfile.ZipFile(next((tmp_path / "dist").glob("*.whl"))) as whl:
        whl.extractall(site)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "m.txt").write_text(
        "Brukarrådet 4 mars 2024\n\nNärvarande: Aisha Karimi (ordf), Jonas Berg\n\n§ 1 Lokalfrågan\n"
        "Brukarrådet beslutade att hyra lokalen. Jonas kontaktar hyresvärden.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != MODELS_ENV}
    # the wheel first, then the installed libraries (not through site: the checkout's editable
    # install is a .pth file there, which PYTHONPATH entries do not process)
    env["PYTHONPATH"] = os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]])
    code = ("import pipeline, sys; from pipeline.cli import app; from pipeline.contract.resources import models_dir; "
            "print('PKG', pipeline.__file__, 'MODELS', models_dir(), file=sys.stderr); "
            "sys.argv = ['minutes', 'run', 'in', '--out', 'out', '-q']; app()")
    result = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"PKG {site}/pipeline/" in result.stderr and f"MODELS {site}/minutes_models" in result.stderr
    import pandas as pd
    decisions = pd.read_parquet(tmp_path / "out" / "decisions.parquet")
    assert len(decisions) == 1 and pd.read_parquet(tmp_path / "out" / "entities.parquet").label.eq("PER").any()

"""The notebooks run top to bottom against a fresh output of `minutes run data/raw`."""
from __future__ import annotations

import subprocess
import sys

import nbclient  # the test extra installs nbclient, nbformat, ipykernel, matplotlib and duckdb
import nbformat
import pytest

from pipeline.run.export import read_tables


@pytest.fixture(scope="module")
def fresh_output(repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("notebooks") / "processed"
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(repo / "data" / "raw"), "--out", str(out),
                             "--quiet"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return out


def _outputs(nb) -> tuple[str, int, list[str]]:
    text, images, errors = [], 0, []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                text.append(o.text)
            elif o.output_type in ("execute_result", "display_data"):
                text.append(o.data.get("text/plain", ""))
                text.append(o.data.get("text/html", ""))
                images += "image/png" in o.data
            elif o.output_type == "error":
                errors.append(f"{o.ename}: {o.evalue}")
    return "\n".join(text), images, errors


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_explore_minutes_runs_top_to_bottom(repo, fresh_output, monkeypatch):
    path = repo / "notebooks" / "explore_minutes.ipynb"
    nb = nbformat.read(path, as_version=4)
    monkeypatch.setenv("MINUTES_DATA", str(fresh_output))  # the kernel inherits the environment
    # iopub_timeout: on a loaded machine (CI) the kernel's output can take longer than the default 4 s
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", iopub_timeout=120,
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell

    text, images, errors = _outputs(nb)
    assert errors == []
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), "a code cell did not run"
    t = read_tables(fresh_output)
    assert f"data: {fresh_output.resolve()}" in text  # it read the fresh output, not data/processed
    assert "DuckDB och pandas ger samma resultat / same result: True" in text
    assert "andel brukarorganisationer, DuckDB = pandas: True" in text  # the share per body and year
    assert (f"ANALYS KLAR: {len(t['meetings'])} möten, {len(t['decisions'])} beslut, "
            f"{len(t['action_items'])} åtgärder") in text
    assert "Gemensam utvecklingsgrupp" in text and "socialförvaltningen" in text
    assert images >= 3  # the charts

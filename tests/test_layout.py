"""The layout's rules, checked: import boundaries (import-linter contracts in pyproject.toml) and
size limits (no function in pipeline/ over 80 lines, no module over 600)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 600

def _offenders(root: Path) -> set[str]:
    out = set()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > MAX_MODULE_LINES:
            out.add(rel)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    out.add(f"{rel}::{node.name}")
    return out


def test_no_function_over_80_lines_and_no_module_over_600():
    over = sorted(_offenders(REPO / "pipeline"))
    assert not over, f"over the size limits (split into handlers, layers or modules): {over}"


def test_the_size_check_sees_long_functions_and_modules(tmp_path):
    pkg = tmp_path / "pipeline"
    pkg.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (pkg / "long.py").write_text(f"def short():\n    return 1\n\n\ndef long():\n{body}\n", encoding="utf-8")
    (pkg / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert _offenders(pkg) == {"pipeline/long.py::long", "pipeline/big.py"}


def test_import_contracts_hold():
    """cli > run > products > stages > (lang | contract); the stage packages are independent."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " 0 broken." in result.stdout

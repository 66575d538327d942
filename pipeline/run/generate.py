"""``params.yaml`` and ``dvc.yaml``, generated from the stage declarations (:mod:`pipeline.run.registry`).

Nothing about a stage is written twice: its parameters' defaults and comments come from its
``Params`` class, its DVC deps from its declared code, resources and the previous stage's output.
``minutes params --out params.yaml`` and ``minutes dvc --out dvc.yaml`` write them; tests check
that the committed files are what the declarations give.
"""
from __future__ import annotations

import dataclasses
import textwrap
from typing import Any

import yaml

from pipeline.contract.stage import Params, StageSpec
from pipeline.run.dvc import EXPORT
from pipeline.run.registry import ALL_STAGES, ARCHIVE_STAGES, DOCUMENT_STAGES, SHARED_CODE, SOURCE, TRAIN_STAGES

WIDTH = 120
PARAMS_FILE = "params.yaml"
RAW, INTERIM, PROCESSED = "data/raw", "data/interim", "data/processed"
# code every DVC stage runs through besides the shared code: the passes, the tables between stages
STAGE_RUNNER_CODE = ("pipeline/run/registry.py", "pipeline/run/runner.py", "pipeline/run/dvc.py",
                     "pipeline/run/export.py")

PARAMS_HEADER = """\
# The parameters of every stage: one section per declared stage (the stage names of dvc.yaml).
# Generated from the stages' Params classes by `minutes params --out params.yaml` (a test checks it):
# change a default or a comment there, then regenerate. Every key is optional (a missing key takes
# the default written here); an unknown key or a value of the wrong type is an error naming the key.
"""

DVC_HEADER = """\
# Generated from the stage declarations (pipeline/run/registry.py) by `minutes dvc --out dvc.yaml`;
# a test checks it. `make dvc-repro` rebuilds data/processed from data/raw stage by stage: each stage
# reads the previous stage's tables (data/interim/<stage>/) through the same passes as `minutes run`.
# deps: the previous stage's output, the stage's code and resources, and the code every stage shares.
# train_ner is frozen: `dvc repro` never retrains the shipped NER model; `make train-ner` does.
"""


# -- params.yaml -----------------------------------------------------------------------------------

def _value(value: Any) -> str:
    """A value as YAML on one line (flow style for lists and mappings)."""
    text = yaml.safe_dump({"v": value}, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    return text[len("{v: "):-1]


def _class_doc(params: type[Params]) -> str:
    doc = params.__dict__.get("__doc__") or ""
    return "" if doc.startswith(f"{params.__name__}(") else " ".join(doc.split())  # dataclass's own signature


def _comment_lines(text: str, indent: int) -> list[str]:
    return textwrap.wrap(text, WIDTH - indent - 2) if text else []


def _section(spec: StageSpec) -> list[str]:
    fields = dataclasses.fields(spec.params)
    defaults = spec.params().as_dict()
    head = f"{spec.name}:" if fields else f"{spec.name}: {{}}"
    lines = [f"# {line}" for line in _comment_lines(spec.description, 0)]
    lines += [f"# {line}" for line in _comment_lines(_class_doc(spec.params), 0)]
    lines.append(head)
    entries = [(f"  {f.name}: {_value(defaults[f.name])}", f.metadata.get("doc", "")) for f in fields]
    column = min(max((len(e) for e, _ in entries), default=0) + 2, 48)
    for entry, doc in entries:
        wrapped = _comment_lines(doc, max(column, len(entry) + 2))
        if not wrapped:
            lines.append(entry)
            continue
        lines.append(f"{entry.ljust(column - 2)}  # {wrapped[0]}")
        lines += [f"{' ' * column}# {more}" for more in wrapped[1:]]
    return lines


def params_yaml() -> str:
    """The text of ``params.yaml``: every stage's section with its defaults and their comments."""
    blocks = ["\n".join(_section(spec)) for spec in ALL_STAGES]
    return PARAMS_HEADER + "\n" + "\n\n".join(blocks) + "\n"


# -- dvc.yaml ----------------------------------------------------------------------------------------

def _unique(paths: list[str]) -> list[str]:
    """Paths in order, each once, none that lies inside another path of the list."""
    listed = set(paths)
    out: list[str] = []
    for p in paths:
        parents = {"/".join(p.split("/")[:i]) for i in range(1, p.count("/") + 1)}
        if p not in out and not parents & listed:
            out.append(p)
    return out


def _pipeline_stage(name: str, specs: list[StageSpec], inp: str, out: str) -> dict:
    code = [c for s in specs for c in s.code]
    resources = [r for s in specs for r in s.resources]
    return {"cmd": f"minutes stage {name} --in {inp} --out {out} --params {PARAMS_FILE}",
            "deps": _unique([inp, *code, *resources, *SHARED_CODE, *STAGE_RUNNER_CODE]),
            "params": [s.name for s in specs],
            "outs": [out]}


def _train_stage(spec: StageSpec) -> dict:
    """A frozen stage. Its inputs outside the repository (the corpora) are named in its description and
    its params, not as deps: DVC checks even a frozen stage's deps, and a clone without them must reproduce."""
    reads, writes = ", ".join(spec.inputs), ", ".join(spec.outputs)
    return {"desc": f"reads {reads}, writes {writes}; frozen: make train-ner retrains",
            "cmd": f"python -m {spec.module}",  # a train module reads params.yaml unless told otherwise
            "deps": _unique([*spec.code, *spec.resources]),
            "params": [spec.name],
            "outs": [{o: {"cache": False}} for o in spec.outputs],  # committed to git, not to the DVC cache
            "frozen": True}


def dvc_stages() -> dict[str, dict]:
    """The DVC stages: ingest, one per document stage, export (the archive passes), the train stages."""
    stages = {SOURCE.name: _pipeline_stage(SOURCE.name, [SOURCE], RAW, f"{INTERIM}/{SOURCE.name}")}
    prev = f"{INTERIM}/{SOURCE.name}"
    for spec in DOCUMENT_STAGES:
        stages[spec.name] = _pipeline_stage(spec.name, [spec], prev, f"{INTERIM}/{spec.name}")
        prev = f"{INTERIM}/{spec.name}"
    stages[EXPORT] = _pipeline_stage(EXPORT, list(ARCHIVE_STAGES), prev, PROCESSED)
    for spec in TRAIN_STAGES:
        stages[spec.name] = _train_stage(spec)
    return stages


def dvc_yaml() -> str:
    """The text of ``dvc.yaml``."""
    body = yaml.safe_dump({"stages": dvc_stages()}, sort_keys=False, default_flow_style=False, width=WIDTH)
    return DVC_HEADER + body

"""The stages of the pipeline, in order, from their declarations (``STAGE`` in each stage module).

Everything that needs the list of stages reads it here: the per-document passes
(:mod:`pipeline.run.process`), the parameters (:func:`parse_params`), the cache fingerprint
(:mod:`pipeline.run.cache`) and the generated ``dvc.yaml`` / ``params.yaml`` (:mod:`pipeline.run.dvc`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.contract.stage import Params, ParamsError, StageSpec, read_params_file
from pipeline.products import organisations, persons
from pipeline.run import export
from pipeline.stages import extract, identifiers, ingest, ner, repair, segment
from pipeline.stages.ner import train as train_ner

SOURCE: StageSpec = ingest.STAGE
DOCUMENT_STAGES: tuple[StageSpec, ...] = (identifiers.STAGE, repair.STAGE, segment.STAGE, ner.STAGE, extract.STAGE)
ARCHIVE_STAGES: tuple[StageSpec, ...] = (persons.STAGE, organisations.STAGE, export.STAGE)
TRAIN_STAGES: tuple[StageSpec, ...] = (train_ner.STAGE,)
ALL_STAGES: tuple[StageSpec, ...] = (SOURCE, *DOCUMENT_STAGES, *ARCHIVE_STAGES, *TRAIN_STAGES)
BY_NAME: dict[str, StageSpec] = {s.name: s for s in ALL_STAGES}
# code every stage's results depend on besides its own package
SHARED_CODE: tuple[str, ...] = ("pipeline/__init__.py", "pipeline/contract", "pipeline/lang", "pipeline/run/process.py",
                                "pipeline/run/registry.py")


@dataclass(frozen=True)
class RunParams:
    """The parameters of every stage, each section parsed by its stage's parameter class."""

    sections: dict[str, Params] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Params:
        if name not in self.sections:
            return BY_NAME[name].params()
        return self.sections[name]

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {s.name: self[s.name].as_dict() for s in ALL_STAGES}

    def get(self, name: str, default: Any = None) -> dict | None:
        """A section as a plain dict (for code that reads parameters by key)."""
        return self[name].as_dict() if name in BY_NAME else default


def parse_params(data: Mapping[str, Any] | RunParams | None) -> RunParams:
    """Every section of a parameters mapping parsed; an unknown section or key is a ParamsError."""
    if isinstance(data, RunParams):
        return data
    data = dict(data or {})
    unknown = sorted(set(data) - set(BY_NAME))
    if unknown:
        raise ParamsError(f"params: unknown section '{unknown[0]}' (sections: {', '.join(BY_NAME)})")
    sections = {}
    for name, values in data.items():
        spec = BY_NAME[name]
        sections[name] = values if isinstance(values, spec.params) else spec.parse_params(values)
    return RunParams(sections)


def load_params(path: Path | str | None = None) -> RunParams:
    """The parameters of a file (``--params``); without one, every stage's declared defaults."""
    if path is None:
        return RunParams()
    return parse_params(read_params_file(path))

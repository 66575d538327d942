"""How a stage is declared: its name, typed parameters, the record fields it reads and writes,
and the files it depends on.

Every stage module ends with one ``STAGE = StageSpec(...)``. From those declarations come the
order of the per-document passes (``pipeline.run.registry``), the defaults written to
``params.yaml``, the ``dvc.yaml`` stages (deps, params, outs), and the cache fingerprint (code,
resources, parameters and library versions). Nothing about a stage is said twice.

Parameters are a frozen dataclass per stage. ``Params.from_mapping`` turns a ``params.yaml``
section into one: an unknown key or a value of the wrong type is a :class:`ParamsError` naming
the stage and the key, never a silent default.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar


class ParamsError(ValueError):
    """A parameters file that does not fit the stages' declarations."""


@dataclass(frozen=True)
class Params:
    """Base of every stage's parameter class (a frozen dataclass with a default for each field).

    A field's ``metadata={"doc": ...}`` is its comment in the generated ``params.yaml``.
    """

    section: ClassVar[str] = ""

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None, section: str | None = None):
        section = section or cls.section
        values = dict(values or {})
        if not isinstance(values, dict):
            raise ParamsError(f"params: section '{section}' must be a mapping, got {type(values).__name__}")
        hints = typing.get_type_hints(cls)
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParamsError(f"params: unknown key '{section}.{unknown[0]}' "
                              f"(known keys of '{section}': {', '.join(sorted(known)) or 'none'})")
        coerced = {k: _coerce(v, hints[k], f"{section}.{k}") for k, v in values.items()}
        return cls(**coerced)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return cls().as_dict()

    @classmethod
    def doc(cls, name: str) -> str:
        return next((f.metadata.get("doc", "") for f in dataclasses.fields(cls) if f.name == name), "")


@dataclass(frozen=True)
class Budget(Params):
    """What one document may cost a text stage (issue 16): a document over budget gets an error row,
    naming the stage and the limit, and the run goes on. Every per-document stage's parameters
    derive from this class; the runner enforces it (:mod:`pipeline.run.budget`). 0 = no limit."""

    budget_s: float = field(default=600.0, metadata={"doc": "wall-clock seconds the stage may spend on one document"})
    budget_chars: int = field(default=10_000_000, metadata={"doc": "longest text (characters) the stage takes on"})
    budget_lines: int = field(default=200_000, metadata={"doc": "most lines of text the stage takes on"})


def param(default: Any, doc: str = "") -> Any:
    """A parameter field with its default and the comment written to ``params.yaml``."""
    if isinstance(default, (dict, list, set)):
        return field(default_factory=lambda: type(default)(default), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


def _coerce(value: Any, hint: Any, where: str) -> Any:
    """``value`` as the declared type, or ParamsError. ints are accepted for floats; nothing else is
    converted (a string where a number is declared is an error, not a guess)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        errors = []
        for opt in options:
            if opt is type(None):
                continue
            try:
                return _coerce(value, opt, where)
            except ParamsError as exc:
                errors.append(str(exc))
        raise ParamsError(errors[0] if errors else f"params: {where}: invalid value {value!r}")
    expected = origin or hint
    if expected is Any:
        return value
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected in (int, float) and isinstance(value, bool):
        raise ParamsError(f"params: {where} must be a number, got {value!r}")
    if expected in (list, tuple) and isinstance(value, (list, tuple)):
        (item,) = typing.get_args(hint)[:1] or (Any,)
        return expected(_coerce(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if expected is dict and isinstance(value, dict):
        return dict(value)
    if isinstance(expected, type) and isinstance(value, expected):
        return value
    name = getattr(expected, "__name__", str(expected))
    raise ParamsError(f"params: {where} must be {name}, got {type(value).__name__} {value!r}")


@dataclass(frozen=True)
class StageSpec:
    """One stage, declared once.

    ``requires`` / ``assigns`` name record fields: a table of the record ('blocks', 'sections')
    or a documents column ('document.text'). ``code`` are the package paths whose source decides
    the stage's results, ``resources`` the data files it reads (cue lists, lexicons, models), both
    relative to the repository root. ``libraries`` are the distributions whose versions change
    results (their versions enter the cache fingerprint). ``run`` is the per-document function
    (``None`` for archive passes, which the runner drives).

    A ``train`` stage makes a committed artefact (a model) outside the per-document flow: ``module``
    is run as ``python -m module`` (it reads ``params.yaml``), ``inputs`` is the data it reads (paths
    relative to the repository root, which may lie outside it) and ``outputs`` what it writes. Its
    DVC stage is frozen: ``dvc repro`` never retrains it (``make train-ner`` does).
    """

    name: str
    params: type[Params]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    libraries: tuple[str, ...] = ()
    run: Callable[..., None] | None = None
    kind: str = "document"  # 'source': files -> records; 'document': per document, in order;
    #                          'archive': over all records; 'train': makes a committed artefact
    description: str = ""
    module: str | None = None
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()

    def parse_params(self, values: Mapping[str, Any] | None) -> Params:
        return self.params.from_mapping(values, self.name)


def read_params_file(path: str | Path) -> dict[str, dict]:
    """The sections of a parameters file. A missing file is an error (not 'all defaults')."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise ParamsError(f"params file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ParamsError(f"params file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ParamsError(f"params file {path} must hold a mapping of stage sections")
    return {str(k): (v if v is not None else {}) for k, v in data.items()}

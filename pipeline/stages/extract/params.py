"""Parameters of the extract stage (the ``extract`` section of params.yaml)."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.contract.stage import Budget, param


@dataclass(frozen=True)
class ExtractParams(Budget):
    cues_file: str | None = param(None, "an alternative cue file (default: pipeline/stages/extract/cues.yaml)")
    next_meeting_contributions: bool = param(True, "guests/items listed under 'Nästa möte' are action items")
    resolve_threshold: float = param(88.0, "rapidfuzz ratio for resolving assignees to attendees")

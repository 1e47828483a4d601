"""Evidence from the work itself: the product's recorded activities that count for the
competencies, through the council's table (``EvidenceRule``).

INTERFACE (filled by its task): ``evidence_for_cycle(cycle, settlement)`` returns, for the
cycle's period and the coordinator's settlement, the evidence items per competency key."""

import datetime as dt
from dataclasses import dataclass

from coordinator.models import Settlement

from .models import Cycle


@dataclass(frozen=True)
class EvidenceItem:
    source: str  # the kind of recorded work ("surveys.survey_sent")
    label: str  # that kind, as the reader reads it ("Survey sent")
    day: dt.date
    title: str
    url: str


def evidence_for_cycle(cycle: Cycle, settlement: Settlement) -> dict[str, list[EvidenceItem]]:
    return {}

"""Reading conflicts and their mediation: the coordinator's alone. Every fetch takes the
settlement and the viewer, finds nothing elsewhere or for anyone else (404), and records
the reading in the audit trail when the page shows what happened (``record=True``).
Lists run a fixed number of queries whatever the data."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from coordinator.ids import id_or_404
from coordinator.models import Settlement
from coordinator.services.audit import record_read

from .models_community import Conflict, MediationStep

PERM = "committees.manage_conflicts"
SEARCH_WORDS = 5  # words of a search that count; the rest are ignored

Status = Conflict.Status
ACTIVE = "active"  # the default of the status filter: open and in mediation
ALL = "all"
ACTIVE_STATUSES = (Status.OPEN, Status.MEDIATION)
CLOSED_STATUSES = (Status.RESOLVED, Status.UNRESOLVED)
# Badge of each status: Bootstrap's text-bg-* pairs keep the text readable (contrast).
STATUS_BADGES = {
    Status.OPEN: "text-bg-warning",
    Status.MEDIATION: "text-bg-primary",
    Status.RESOLVED: "text-bg-success",
    Status.UNRESOLVED: "text-bg-secondary",
}


@dataclass(frozen=True)
class ConflictFilter:
    query: str = ""
    status: str = ACTIVE  # ACTIVE, ALL or one status
    kind: str = ""


def _check(user: Any, settlement: Settlement) -> None:
    if not user.has_perm(PERM, settlement):
        raise Http404


def _last_step(settlement: Settlement) -> Subquery:
    steps = MediationStep.objects.filter(settlement=settlement, conflict_id=OuterRef("pk"))
    return Subquery(steps.order_by("-date", "-pk").values("date")[:1])


def conflicts_for(
    *, user: Any, settlement: Settlement, filters: ConflictFilter | None = None
) -> QuerySet[Conflict]:
    """The settlement's conflicts, the most recently opened first, each with the date of
    its last step (``last_step_on``); by default only those open or in mediation."""
    _check(user, settlement)
    filters = filters or ConflictFilter()
    conflicts = Conflict.objects.filter(settlement=settlement)
    if filters.status == ACTIVE:
        conflicts = conflicts.filter(status__in=ACTIVE_STATUSES)
    elif filters.status in Status.values:
        conflicts = conflicts.filter(status=filters.status)
    if filters.kind in Conflict.Kind.values:
        conflicts = conflicts.filter(kind=filters.kind)
    for word in filters.query.split()[:SEARCH_WORDS]:
        conflicts = conflicts.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return (
        conflicts.annotate(last_step_on=_last_step(settlement))
        .only("pk", "title", "kind", "status", "opened_on", "closed_on", "settlement_id")
        .order_by("-opened_on", "-pk")
    )


def conflict_get_for(
    *, user: Any, settlement: Settlement, pk: Any, record: bool = False
) -> Conflict:
    """Fetch and authorise in one call: a conflict of the settlement, if ``user`` manages
    conflicts there; missing and forbidden are both 404. ``record``: the page shows its
    content, so the reading goes into the audit trail."""
    _check(user, settlement)
    conflict = Conflict.objects.filter(settlement=settlement, pk=id_or_404(pk)).first()
    if conflict is None:
        raise Http404
    if record:
        record_read(user=user, obj=conflict)
    return conflict


def conflict_steps(*, conflict: Conflict) -> list[MediationStep]:
    """The conflict's mediation steps in date order (read with the conflict: its reading
    is recorded once, for the conflict)."""
    return list(
        MediationStep.objects.filter(
            settlement_id=conflict.settlement_id, conflict=conflict
        ).order_by("date", "pk")
    )


def first_step_on(*, conflict: Conflict) -> dt.date | None:
    """The date of the conflict's earliest step: it may not open after it."""
    return (
        MediationStep.objects.filter(settlement_id=conflict.settlement_id, conflict=conflict)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


def step_count(*, conflict: Conflict) -> int:
    return MediationStep.objects.filter(
        settlement_id=conflict.settlement_id, conflict=conflict
    ).count()


def step_get_for(
    *, user: Any, settlement: Settlement, pk: Any, record: bool = False
) -> MediationStep:
    """A mediation step of one of the settlement's conflicts, with its conflict, if
    ``user`` manages conflicts there; else 404. ``record`` as for ``conflict_get_for``."""
    _check(user, settlement)
    step = (
        MediationStep.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("conflict")
        .first()
    )
    if step is None or step.conflict.settlement_id != settlement.pk:
        raise Http404
    if record:
        record_read(user=user, obj=step)
    return step

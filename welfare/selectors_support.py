"""Reads of community support. A chair sees the programmes of the committees they chair;
the coordinator and the social worker see all. Each getter fetches and authorises in one
call: another settlement's row, or one the user may not run, is 404."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from coordinator import clock
from coordinator.models import Role, Settlement
from coordinator.permissions import roles_in

from .links import hash_of
from .models_support import FundRequest, SupportProgramme, SupportTask
from .rules import may_open_case, may_run_programme
from .selectors_cases import case_ids_for

PAGE_SIZE = 25


def runs_all(user: Any, settlement: Settlement) -> bool:
    """The coordinator and the social worker run every programme (and add new ones)."""
    return bool(roles_in(user, settlement.pk) & {Role.COORDINATOR, Role.SOCIAL_WORKER})


def programmes_for(*, user: Any, settlement: Settlement) -> QuerySet[SupportProgramme]:
    """The programmes ``user`` may run, with their committee and open tasks counted."""
    rows = SupportProgramme.objects.filter(settlement=settlement)
    if not runs_all(user, settlement):
        rows = rows.filter(committee__chairs=user)
    return (
        rows.select_related("committee")
        .annotate(
            open_tasks=Count(
                "tasks", filter=Q(tasks__status=SupportTask.Status.OPEN), distinct=True
            )
        )
        .order_by("-active", "title", "id")
    )


def programme_get_for(*, user: Any, settlement: Settlement, pk: int) -> SupportProgramme:
    programme: SupportProgramme = get_object_or_404(
        SupportProgramme.objects.select_related("committee", "settlement"),
        pk=pk,
        settlement=settlement,
    )
    if not may_run_programme(user, programme):
        raise Http404
    return programme


def programme_tasks(*, programme: SupportProgramme) -> QuerySet[SupportTask]:
    return SupportTask.objects.filter(
        settlement_id=programme.settlement_id, programme=programme
    ).select_related("volunteer")


def task_get_for(*, user: Any, settlement: Settlement, pk: int) -> tuple[SupportTask, bool]:
    """A task of a case the user may open (and True), or of a programme they run (and
    False: a chair reaches a case's task of their programme as the programme's); else 404."""
    task: SupportTask = get_object_or_404(
        SupportTask.objects.select_related("programme", "case", "volunteer"),
        pk=pk,
        settlement=settlement,
    )
    if task.case is not None and may_open_case(user, task.case):
        return task, True
    if task.programme is not None and may_run_programme(user, task.programme):
        return task, False
    raise Http404


def fund_programmes(*, settlement: Settlement) -> QuerySet[SupportProgramme]:
    return SupportProgramme.objects.filter(
        settlement=settlement, kind=SupportProgramme.Kind.FUND
    ).order_by("-active", "title", "id")


def fund_requests(*, user: Any, settlement: Settlement) -> QuerySet[FundRequest]:
    """The fund's requests ``user`` may read: a request of a case only if they may open
    the case (a social worker: their own cases'); requests of no case, all."""
    requests = FundRequest.objects.filter(settlement=settlement).select_related(
        "programme", "household", "decided_by"
    )
    case_ids = case_ids_for(user=user, settlement=settlement)
    if case_ids is not None:
        requests = requests.filter(Q(case__isnull=True) | Q(case_id__in=case_ids))
    return requests


def fund_totals(*, settlement: Settlement) -> dict[str, Decimal]:
    """What was asked and what was given this year (by the date asked)."""
    year = clock.local_today(settlement).year
    totals = FundRequest.objects.filter(
        settlement=settlement,
        requested_on__gte=dt.date(year, 1, 1),
        requested_on__lte=dt.date(year, 12, 31),
    ).aggregate(
        asked=Sum("amount"),
        approved=Sum("amount_granted", filter=Q(decision=FundRequest.Decision.APPROVED)),
    )
    return {key: value or Decimal(0) for key, value in totals.items()}


def fund_request_get(*, user: Any, settlement: Settlement, pk: int) -> FundRequest:
    """One of ``fund_requests``, else 404."""
    request: FundRequest = get_object_or_404(fund_requests(user=user, settlement=settlement), pk=pk)
    return request


# --- public pages (no login) -----------------------------------------------------------------


def programme_by_token(*, settlement: Settlement, token: str) -> SupportProgramme:
    """The active programme of a shared link, else 404."""
    hashed = hash_of(token)
    if hashed is None:
        raise Http404
    programme = SupportProgramme.objects.filter(
        settlement=settlement, token_hash=hashed, active=True
    ).first()
    if programme is None:
        raise Http404
    programme.settlement = settlement
    return programme


def open_tasks(*, programme: SupportProgramme, today: dt.date) -> QuerySet[SupportTask]:
    """The tasks a volunteer may still take: open, from today on."""
    return SupportTask.objects.filter(
        settlement_id=programme.settlement_id,
        programme=programme,
        status=SupportTask.Status.OPEN,
        on__gte=today,
    ).only("id", "what", "on", "at", "kind", "settlement_id", "programme_id")


def task_by_token(*, settlement: Settlement, token: str) -> SupportTask:
    """The task of a volunteer's link, else 404."""
    hashed = hash_of(token)
    if hashed is None:
        raise Http404
    task = (
        SupportTask.objects.filter(settlement=settlement, token_hash=hashed)
        .select_related("programme")
        .first()
    )
    if task is None:
        raise Http404
    return task

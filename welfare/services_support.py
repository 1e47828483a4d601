"""Every write of community support: programmes and their tasks, a volunteer taking a task
through a programme's shared link, and the charity fund's requests and decisions.

A change of a case's task or of a fund request linked to a case is written to the case's
trail (``trail.case_changed``), naming the part, never its content."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from coordinator import clock
from coordinator.models import Household, Settlement

from . import trail
from .links import PROGRAMME, link_issue, new_nonce
from .models_support import FundRequest, SupportProgramme, SupportTask
from .services_tasks import task_link_send

REPEAT_MAX = 60
ONCE, WEEKLY, DAILY = "once", "weekly", "daily"


class TaskTaken(Exception):
    """The task was taken by someone else (or is no longer open) in the meantime."""


PROGRAMME_FIELDS = ("kind", "title", "description", "committee", "starts_on", "ends_on")


@transaction.atomic
def programme_create(*, settlement: Settlement, data: dict[str, Any]) -> SupportProgramme:
    programme = SupportProgramme(settlement=settlement, created_at=clock.now())
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, data.get(name, getattr(programme, name)))
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, programme: SupportProgramme, data: dict[str, Any]) -> SupportProgramme:
    changed = [
        name
        for name in (*PROGRAMME_FIELDS, "active")
        if name in data and getattr(programme, name) != data[name]
    ]
    if not changed:
        return programme
    for name in changed:
        setattr(programme, name, data[name])
    programme.save(update_fields=changed)
    return programme


@transaction.atomic
def programme_link_make(*, programme: SupportProgramme) -> str:
    """Give the programme a new shared link (the old one stops working); the token."""
    token = link_issue(programme, PROGRAMME)
    programme.save(update_fields=["nonce", "token_hash"])
    return token


def repeat_dates(*, first: dt.date, repeat: str, count: int) -> list[dt.date]:
    """The dates of ``count`` tasks from ``first``: once, weekly or daily (at most 60)."""
    if repeat == ONCE:
        return [first]
    if not 1 <= count <= REPEAT_MAX:
        raise ValueError(f"count must be 1..{REPEAT_MAX}")
    step = dt.timedelta(weeks=1) if repeat == WEEKLY else dt.timedelta(days=1)
    return [first + step * n for n in range(count)]


@transaction.atomic
def tasks_add(
    *,
    programme: SupportProgramme,
    kind: str,
    what: str,
    on: dt.date,
    at: dt.time | None = None,
    where: str = "",
    repeat: str = ONCE,
    count: int = 1,
) -> list[SupportTask]:
    """Add one task, or a roster of them (a meal train, rides), all open."""
    created = clock.now()
    tasks = [
        SupportTask(
            settlement_id=programme.settlement_id,
            programme=programme,
            kind=kind,
            what=what,
            on=day,
            at=at,
            where=where,
            created_at=created,
        )
        for day in repeat_dates(first=on, repeat=repeat, count=count)
    ]
    return SupportTask.objects.bulk_create(tasks)


TASK_FIELDS = (
    "kind",
    "what",
    "on",
    "at",
    "where",
    "status",
    "volunteer",
    "volunteer_name",
    "volunteer_email",
    "volunteer_phone",
)


def _log_case(task: SupportTask, by: Any) -> None:
    if task.case_id:
        trail.case_changed(by, task.case_id, task.settlement_id, "support action")


@transaction.atomic
def task_update(*, task: SupportTask, data: dict[str, Any], by: Any) -> SupportTask:
    """Change a task; a status of done sets when, a volunteer given to an open task takes
    it, and a task given back to nobody is open again."""
    changed = [name for name in TASK_FIELDS if name in data and getattr(task, name) != data[name]]
    if not changed:
        return task
    for name in changed:
        setattr(task, name, data[name])
    has_volunteer = bool(task.volunteer_id or task.volunteer_name or task.volunteer_email)
    if has_volunteer and task.status == SupportTask.Status.OPEN and "status" not in changed:
        task.status = SupportTask.Status.TAKEN
    if task.status == SupportTask.Status.TAKEN and not has_volunteer:
        task.status = SupportTask.Status.OPEN
    if task.status in (SupportTask.Status.TAKEN, SupportTask.Status.DONE) and not task.taken_at:
        task.taken_at = clock.now() if has_volunteer else None
    if task.status == SupportTask.Status.DONE and task.done_at is None:
        task.done_at = clock.now()
    if task.status != SupportTask.Status.DONE:
        task.done_at = None
    task.save()
    _log_case(task, by)
    return task


@transaction.atomic
def task_done(*, task: SupportTask, by: Any = None) -> SupportTask:
    """Mark the task done (once)."""
    if task.status == SupportTask.Status.DONE:
        return task
    task.status = SupportTask.Status.DONE
    task.done_at = clock.now()
    task.save(update_fields=["status", "done_at"])
    _log_case(task, by)
    return task


@transaction.atomic
def task_send_link(*, task: SupportTask, settlement: Settlement, by: Any) -> str:
    """Give the volunteer a new link and send it; the token."""
    token = task_link_send(task=task, settlement=settlement)
    _log_case(task, by)
    return token


@transaction.atomic
def task_take(
    *, programme: SupportProgramme, task_id: int, name: str, email: str = "", phone: str = ""
) -> tuple[SupportTask, str]:
    """A volunteer takes an open, future task of ``programme`` through its shared link.
    Locks the row: of two volunteers at once, the second gets ``TaskTaken``. Returns the
    task and the token of the volunteer's personal link (sent if they gave an e-mail)."""
    if not (email or phone):
        raise ValueError("an e-mail or a phone is needed")
    task = (
        SupportTask.objects.select_for_update()
        .filter(pk=task_id, programme=programme, settlement_id=programme.settlement_id)
        .first()
    )
    today = clock.local_today(programme.settlement)
    if task is None or task.status != SupportTask.Status.OPEN or task.on < today:
        raise TaskTaken
    task.status = SupportTask.Status.TAKEN
    task.volunteer = None
    task.volunteer_name = name
    task.volunteer_email = email
    task.volunteer_phone = phone
    task.taken_at = clock.now()
    task.save()
    token = task_link_send(task=task, settlement=programme.settlement)
    return task, token


@transaction.atomic
def task_give_back(*, task: SupportTask) -> SupportTask:
    """The volunteer can't do it: the task is open again and their link stops working."""
    task.status = SupportTask.Status.OPEN
    task.volunteer = None
    task.volunteer_name = task.volunteer_email = task.volunteer_phone = ""
    task.taken_at = None
    task.done_at = None
    task.nonce = new_nonce()
    task.token_hash = ""
    task.save()
    return task


@transaction.atomic
def fund_request_create(
    *,
    programme: SupportProgramme,
    kind: str,
    amount: Decimal,
    purpose: str,
    household: Household | None = None,
    case: Any = None,
    by: Any,
) -> FundRequest:
    if amount <= 0:
        raise ValueError("amount must be positive")
    request = FundRequest.objects.create(
        settlement_id=programme.settlement_id,
        programme=programme,
        kind=kind,
        amount=amount,
        purpose=purpose,
        household=household if household is not None else getattr(case, "household", None),
        case=case,
        requested_on=clock.local_today(programme.settlement),
    )
    if case is not None:
        trail.case_changed(by, case, programme.settlement_id, "fund request")
    return request


DECISION_FIELDS = ("decision", "amount_granted", "decided_on", "decision_note", "repaid_on")


@transaction.atomic
def fund_request_decide(*, request: FundRequest, data: dict[str, Any], by: Any) -> FundRequest:
    """Record the decision (approved with the amount given, or declined), its reason and,
    for loans, when it was repaid."""
    data = dict(data)
    if data.get("decision") != FundRequest.Decision.APPROVED:
        data["amount_granted"] = None
        data["repaid_on"] = None
    if data.get("decision") == FundRequest.Decision.PENDING:
        data["decided_on"] = None
    elif not data.get("decided_on"):
        data["decided_on"] = clock.local_today(request.settlement)
    if request.kind != FundRequest.Kind.LOAN:
        data["repaid_on"] = None
    changed = [
        name for name in DECISION_FIELDS if name in data and getattr(request, name) != data[name]
    ]
    if not changed:
        return request
    for name in changed:
        setattr(request, name, data[name])
    request.decided_by = by if request.decision != FundRequest.Decision.PENDING else None
    request.save(update_fields=[*changed, "decided_by"])
    if request.case_id:
        trail.case_changed(by, request.case_id, request.settlement_id, "fund request")
    return request

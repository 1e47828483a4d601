"""The trail of a case: every read and change goes to ``CaseAccess`` (append-only), and
opening a case asks for a reason once per session.

A view that shows a case calls ``case_for`` (404 unless the user may open it). The first
time in a session, the view shows the reason form instead (``opened_in_session`` is
False); ``case_open`` records the reason as an ``OPENED`` entry, which the other of the two
(the coordinator, the social worker) reads on the case's access page. After that, each
view of the case is a ``READ`` entry and each change a ``CHANGED`` entry naming the part
that changed (never its content)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from coordinator import clock
from coordinator.models import Settlement

from .models import CaseAccess, WelfareCase
from .rules import may_open_case

SESSION_KEY = "welfare_opened_cases"
REASON_MAX = 300


def case_for(request: HttpRequest, settlement: Settlement, pk: int) -> WelfareCase:
    """The case ``pk`` of ``settlement`` if the user may open it, else 404."""
    case: WelfareCase = get_object_or_404(
        WelfareCase.objects.select_related("household", "resident", "social_worker"),
        pk=pk,
        settlement=settlement,
    )
    if not may_open_case(request.user, case):
        raise Http404
    return case


def opened_in_session(request: HttpRequest, case: WelfareCase) -> bool:
    return case.pk in request.session.get(SESSION_KEY, [])


def access_record(
    *,
    case: WelfareCase | int,
    settlement_id: int,
    user: Any,
    action: str,
    what: str = "",
    reason: str = "",
) -> CaseAccess:
    """Append an entry to the case's trail (``what``: the part of the case, never data)."""
    case_id = case if isinstance(case, int) else case.pk
    return CaseAccess.objects.create(
        settlement_id=settlement_id,
        case_id=case_id,
        user=user,
        action=action,
        what=what[:200],
        reason=reason[:REASON_MAX],
        at=clock.now(),
    )


def case_open(request: HttpRequest, case: WelfareCase, reason: str) -> None:
    """Record why the case is opened, and remember it for the rest of the session."""
    access_record(
        case=case,
        settlement_id=case.settlement_id,
        user=request.user,
        action=CaseAccess.Action.OPENED,
        reason=reason,
    )
    opened = list(request.session.get(SESSION_KEY, []))
    if case.pk not in opened:
        opened.append(case.pk)
    request.session[SESSION_KEY] = opened


def case_read(request: HttpRequest, case: WelfareCase, what: str = "") -> None:
    access_record(
        case=case,
        settlement_id=case.settlement_id,
        user=request.user,
        action=CaseAccess.Action.READ,
        what=what,
    )


def case_changed(user: Any, case: WelfareCase | int, settlement_id: int, what: str) -> None:
    """For services: a change of ``what`` (a part of the case) by ``user``."""
    access_record(
        case=case,
        settlement_id=settlement_id,
        user=user,
        action=CaseAccess.Action.CHANGED,
        what=what,
    )

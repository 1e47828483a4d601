"""Reads of welfare cases that the case pages share: the cases a user may open, the users
who may be assigned a case, a case's trail and the entries of who opened each case.

Nothing here reads a case's details or notes; the list pages never show them."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from coordinator.models import Household, Resident, Role, Settlement, User
from coordinator.permissions import roles_in

from .models import CaseAccess, WelfareCase

# The parts of a case a change names in its trail (the key is stored, never the content).
PARTS: dict[str, Any] = {
    "created": _("The case was created"),
    "note": _("A note"),
    "referral": _("A referral"),
    "support action": _("A support action"),
    "fund request": _("A request to the fund"),
    "status": _("Status"),
    "details": _("Details"),
    "categories": _("What they need"),
    "household": _("Household"),
    "resident": _("Resident"),
    "came to light": _("How it came to light"),
    "consent": _("Consent"),
    "social worker": _("Social worker"),
    "next review": _("Next review"),
}

STATUS_ALL = "all"


def part_label(what: str) -> str:
    """The translated names of the parts an entry names (``what`` is "status, details")."""
    if not what:
        return ""
    return ", ".join(str(PARTS.get(part.strip(), part.strip())) for part in what.split(","))


def sees_every_case(user: Any, settlement: Settlement) -> bool:
    return Role.COORDINATOR in roles_in(user, settlement.pk)


def cases_for(
    *, user: Any, settlement: Settlement, status: str = WelfareCase.Status.OPEN, q: str = ""
) -> QuerySet[WelfareCase]:
    """The cases of ``settlement`` that ``user`` may open (the coordinator: all; a social
    worker: those assigned to them), with ``status`` ("all": any) and a name matching
    ``q``. Ordered newest first."""
    cases = WelfareCase.objects.filter(settlement=settlement).select_related(
        "household", "resident", "social_worker"
    )
    if not sees_every_case(user, settlement):
        cases = cases.filter(social_worker=user)
    if status != STATUS_ALL:
        cases = cases.filter(status=status)
    q = q.strip()
    if q:
        cases = cases.filter(
            Q(household__name__icontains=q)
            | Q(resident__first_name__icontains=q)
            | Q(resident__last_name__icontains=q)
        )
    return cases.order_by("-opened_at", "-id")


def case_ids_for(*, user: Any, settlement: Settlement) -> QuerySet[Any, Any] | None:
    """The ids of the cases ``user`` may open (a subquery), or None for all of them."""
    if sees_every_case(user, settlement):
        return None
    return WelfareCase.objects.filter(settlement=settlement, social_worker=user).values("pk")


def social_workers(settlement: Settlement) -> QuerySet[User]:
    """The users with the social-worker role in ``settlement``."""
    return (
        User.objects.filter(
            memberships__settlement=settlement,
            memberships__role=Role.SOCIAL_WORKER,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def households_of(settlement: Settlement) -> QuerySet[Household]:
    return Household.objects.filter(settlement=settlement).order_by("name", "id")


def residents_of(settlement: Settlement) -> QuerySet[Resident]:
    return Resident.objects.filter(settlement=settlement, archived_at__isnull=True).order_by(
        "last_name", "first_name", "id"
    )


def case_trail(case: WelfareCase) -> QuerySet[CaseAccess]:
    """Who opened, read and changed ``case``, newest first."""
    return (
        CaseAccess.objects.filter(settlement_id=case.settlement_id, case_id=case.pk)
        .select_related("user")
        .order_by("-at", "-id")
    )


def openings_for(
    *, user: Any, settlement: Settlement, case_number: int | None = None
) -> QuerySet[CaseAccess]:
    """The OPENED entries of the cases ``user`` may open, newest first."""
    entries = CaseAccess.objects.filter(
        settlement_id=settlement.pk, action=CaseAccess.Action.OPENED
    ).select_related("user")
    ids = case_ids_for(user=user, settlement=settlement)
    if ids is not None:
        entries = entries.filter(case_id__in=ids)
    if case_number is not None:
        entries = entries.filter(case_id=case_number)
    return entries.order_by("-at", "-id")

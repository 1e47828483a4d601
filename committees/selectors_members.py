"""Reads of a committee's members: who serves, in which role and term, and the residents
who may be added. Every fetch of one member authorises it in the same call."""

import datetime as dt
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from coordinator.ids import as_id
from coordinator.models import Resident, Settlement

from .models import Committee, CommitteeMember
from .selectors import chaired_by

CANDIDATES = 20  # residents offered by one search of the picker
SEARCH_WORDS = 5  # words of a search that count; the rest are ignored

CURRENT = "current"
ENDED = "ended"
UPCOMING = "upcoming"

ROLE_ORDER = Case(
    When(role=CommitteeMember.Role.CHAIR, then=Value(0)),
    When(role=CommitteeMember.Role.DEPUTY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def member_get_for(
    *, user: Any, settlement: Settlement, pk: int, perm: str = "committees.change_committee"
) -> CommitteeMember:
    """One member of one of the settlement's committees, with its committee and resident,
    if ``user`` has ``perm`` on that committee; else 404 (missing and forbidden alike)."""
    member = (
        CommitteeMember.objects.filter(settlement=settlement, pk=pk)
        .select_related("committee", "resident")
        .annotate(chaired_by_user=chaired_by(user, "committee_id"))
        .first()
    )
    if member is None:
        raise Http404
    member.committee.chaired_by_user = member.chaired_by_user  # type: ignore[attr-defined]
    if not user.has_perm(perm, member.committee):
        raise Http404
    return member


def term_state(member: CommitteeMember, today: dt.date) -> str:
    """Whether the member's term is current, has ended or has not started yet."""
    if member.term_end is not None and member.term_end < today:
        return ENDED
    if member.term_start is not None and member.term_start > today:
        return UPCOMING
    return CURRENT


def members_of(*, committee: Committee, today: dt.date) -> list[CommitteeMember]:
    """The committee's members, chairs first, then deputies, then members, by name; each
    with ``term_state``. One query."""
    members: list[CommitteeMember] = list(
        CommitteeMember.objects.filter(settlement_id=committee.settlement_id, committee=committee)
        .select_related("resident")
        .annotate(role_order=ROLE_ORDER)
        .order_by("role_order", "resident__last_name", "resident__first_name", "pk")
    )
    for member in members:
        member.term_state = term_state(member, today)  # type: ignore[attr-defined]
    return members


def resident_choices(*, settlement: Settlement) -> QuerySet[Resident]:
    """Residents who may join a committee: the settlement's current (not archived) ones."""
    return Resident.objects.filter(settlement=settlement, archived_at__isnull=True)


def resident_candidates(
    *, settlement: Settlement, committee: Committee, query: str, chosen_id: Any
) -> tuple[Resident | None, list[Resident]]:
    """The picker's content: the chosen resident (only one of the settlement's current
    residents) and up to ``CANDIDATES`` others whose name matches every word of ``query``,
    leaving out those already on the committee. Two queries at most."""
    choices = resident_choices(settlement=settlement)
    pk = as_id(chosen_id)
    chosen = choices.filter(pk=pk).first() if pk is not None else None
    words = query.split()[:SEARCH_WORDS]
    if not words:
        return chosen, []
    on_committee = CommitteeMember.objects.filter(
        settlement=settlement, committee=committee
    ).values("resident_id")
    matches = choices.exclude(pk__in=on_committee)
    if chosen is not None:
        matches = matches.exclude(pk=chosen.pk)
    for word in words:
        matches = matches.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return chosen, list(matches.order_by("last_name", "first_name", "pk")[:CANDIDATES])

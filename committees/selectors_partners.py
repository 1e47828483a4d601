"""Reading the directory of partners. Every read takes the settlement and the viewer, finds
nothing elsewhere (404), and runs a fixed number of queries whatever the data."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from coordinator.ids import id_or_404
from coordinator.models import Settlement

from .models import Committee, Meeting, Partner
from .rules import reads_all_committees
from .selectors import chaired_by

SEARCH_WORDS = 5  # words of a search that count; the rest are ignored
RECENT_MEETINGS = 10  # meetings shown on a partner's page


@dataclass(frozen=True)
class PartnerFilter:
    query: str = ""
    kind: str = ""


def tel_uri(phone: str) -> str:
    """A ``tel:`` link of a phone number as typed: its digits, and a leading + kept."""
    digits = "".join(c for c in phone if c.isdigit())
    if not digits:
        return ""
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def _committees_prefetch(user: Any, settlement: Settlement) -> Prefetch:
    """The partner's committees, by name, each knowing whether ``user`` chairs it (so the
    rules answer "may they open it?" without a query)."""
    return Prefetch(
        "committees",
        queryset=Committee.objects.filter(settlement=settlement)
        .annotate(chaired_by_user=chaired_by(user))
        .order_by("name", "pk"),
    )


def _check(user: Any, settlement: Settlement) -> None:
    if not user.has_perm("committees.view_partners", settlement):
        raise Http404


def partners_for(
    *, user: Any, settlement: Settlement, filters: PartnerFilter | None = None
) -> QuerySet[Partner]:
    """The settlement's partners by name, filtered by kind and by words of the name, the
    contact person or their role; with their committees."""
    _check(user, settlement)
    filters = filters or PartnerFilter()
    partners = Partner.objects.filter(settlement=settlement)
    if filters.kind in Partner.Kind.values:
        partners = partners.filter(kind=filters.kind)
    for word in filters.query.split()[:SEARCH_WORDS]:
        partners = partners.filter(
            Q(name__icontains=word) | Q(contact_person__icontains=word) | Q(role__icontains=word)
        )
    return partners.prefetch_related(_committees_prefetch(user, settlement)).order_by("name", "pk")


def partner_get_for(*, user: Any, settlement: Settlement, pk: Any, perm: str) -> Partner:
    """Fetch and authorise in one call: a partner of the settlement, if ``perm`` holds for
    ``user`` there (``committees.view_partners`` or ``committees.change_partners``);
    missing and forbidden are both 404."""
    if not user.has_perm(perm, settlement):
        raise Http404
    partner = (
        Partner.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .prefetch_related(_committees_prefetch(user, settlement))
        .first()
    )
    if partner is None:
        raise Http404
    return partner


def partner_meetings_for(*, user: Any, settlement: Settlement, partner: Partner) -> list[Meeting]:
    """The most recent meetings with ``partner`` that ``user`` may open: all of them for
    those who read every committee; a chair's, only those of the committees they chair."""
    meetings = (
        Meeting.objects.filter(settlement=settlement, partners=partner)
        .select_related("committee")
        .order_by("-starts_at", "-pk")
    )
    if not reads_all_committees(user, settlement):
        meetings = meetings.filter(committee__isnull=False).filter(chaired_by(user, "committee_id"))
    rows = list(
        meetings.annotate(chaired_by_user=chaired_by(user, "committee_id"))[:RECENT_MEETINGS]
    )
    for meeting in rows:
        if meeting.committee is not None:
            meeting.committee.chaired_by_user = meeting.chaired_by_user  # type: ignore[attr-defined]
    # The query already decided; the rules must agree (a bug here fails loudly in tests).
    return [m for m in rows if user.has_perm("committees.view_meeting", m)]


def committee_links(*, user: Any, partner: Partner) -> list[tuple[Committee, bool]]:
    """The partner's committees (prefetched), each with whether ``user`` may open it."""
    return [
        (committee, bool(user.has_perm("committees.view_committee", committee)))
        for committee in partner.committees.all()
    ]


def meeting_count(*, settlement: Settlement, partner: Partner) -> int:
    """All meetings with ``partner`` (for the warning before it is deleted)."""
    return Meeting.objects.filter(settlement=settlement, partners=partner).count()

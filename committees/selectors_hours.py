"""Reading volunteer hours and recognition. Every read takes the settlement and the viewer,
finds nothing the viewer may not see (404), and runs a fixed number of queries whatever
the data: the coordinator sees every hour; a chair those of the committees they chair."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django_scopes import scopes_disabled

from coordinator.ids import id_or_404
from coordinator.models import Resident, Settlement

from .models import Committee, CommitteeMember
from .models_volunteers import VolunteerHours, VolunteerMilestone, VolunteerProfile
from .rules import is_coordinator
from .selectors import chaired_by
from .selectors_home import current_members
from .tokens import TOKEN_MAX, token_hash

# Approved hours in all at which a volunteer is recognised.
MILESTONES: tuple[int, ...] = (10, 25, 50, 100, 250, 500)
SEARCH_WORDS = 5  # words of a search that count; the rest are ignored
RECENT_MILESTONE_DAYS = 30  # milestones shown on the hours list and the thanks page
RECENT_MILESTONES_SHOWN = 10
HOME_PENDING_SHOWN = 5  # the oldest entries to confirm on the home page
REPORT_ENTRIES_SHOWN = 10  # a volunteer's last entries on their own page
MAX_VOLUNTEER_CHOICES = 500  # residents offered when logging hours
ZERO = Decimal("0.00")

Status = VolunteerHours.Status
STATUS_TABS = ("pending", "approved", "rejected", "all")


@dataclass(frozen=True)
class HoursFilter:
    status: str = "pending"  # one of STATUS_TABS
    committee: int | None = None  # a committee id; 0: hours for no committee
    month: dt.date | None = None  # the first day of a month
    query: str = ""


def sees_all_hours(user: Any, settlement: Settlement) -> bool:
    return bool(is_coordinator(user, settlement))


def _visible_hours(user: Any, settlement: Settlement) -> QuerySet[VolunteerHours]:
    """The hours ``user`` may see and confirm: all for the coordinator, those of the
    committees they chair for a chair (hours for no committee are the coordinator's)."""
    hours = VolunteerHours.objects.filter(settlement=settlement)
    if sees_all_hours(user, settlement):
        return hours
    return hours.filter(committee__isnull=False).filter(chaired_by(user, "committee_id"))


def committees_of(*, user: Any, settlement: Settlement) -> list[Committee]:
    """The committees whose hours ``user`` logs and confirms, by name."""
    committees = Committee.objects.filter(settlement=settlement)
    if not sees_all_hours(user, settlement):
        committees = committees.filter(chaired_by(user, "pk"))
    return list(committees.order_by("name", "pk"))


def _filtered(user: Any, settlement: Settlement, filters: HoursFilter) -> QuerySet[VolunteerHours]:
    """The visible hours under every filter but the status."""
    hours = _visible_hours(user, settlement)
    if filters.committee == 0:
        hours = hours.filter(committee__isnull=True)
    elif filters.committee is not None:
        hours = hours.filter(committee_id=filters.committee)
    if filters.month is not None:
        hours = hours.filter(date__year=filters.month.year, date__month=filters.month.month)
    for word in filters.query.split()[:SEARCH_WORDS]:
        hours = hours.filter(
            Q(resident__first_name__icontains=word) | Q(resident__last_name__icontains=word)
        )
    return hours


def hours_for(
    *, user: Any, settlement: Settlement, filters: HoursFilter | None = None
) -> QuerySet[VolunteerHours]:
    """The hours ``user`` may see under ``filters``: those to confirm oldest first, the
    others newest first; with their volunteer and committee."""
    if not user.has_perm("committees.list_hours", settlement):
        raise Http404
    filters = filters or HoursFilter()
    hours = _filtered(user, settlement, filters)
    if filters.status in Status.values:
        hours = hours.filter(status=filters.status)
    order = (
        ("date", "created_at", "pk")
        if filters.status == Status.PENDING
        else ("-date", "-created_at", "-pk")
    )
    return hours.select_related("resident", "committee").order_by(*order)


def approved_total(*, user: Any, settlement: Settlement, filters: HoursFilter) -> Decimal:
    """The approved hours under ``filters`` (whatever status tab is shown)."""
    total = (
        _filtered(user, settlement, filters)
        .filter(status=Status.APPROVED)
        .aggregate(total=Sum("hours"))["total"]
    )
    return Decimal(total or ZERO)


def recent_milestones(
    *, user: Any, settlement: Settlement, today: dt.date
) -> list[VolunteerMilestone]:
    """Milestones of the last 30 days: all for the coordinator; for a chair, those of
    volunteers who gave hours to a committee they chair."""
    since = today - dt.timedelta(days=RECENT_MILESTONE_DAYS)
    milestones = VolunteerMilestone.objects.filter(settlement=settlement, reached_on__gte=since)
    if not sees_all_hours(user, settlement):
        given = _visible_hours(user, settlement).filter(resident_id=OuterRef("resident_id"))
        milestones = milestones.filter(Exists(given))
    return list(
        milestones.select_related("resident").order_by("-reached_on", "-hours", "-pk")[
            :RECENT_MILESTONES_SHOWN
        ]
    )


def hours_get_for(*, user: Any, settlement: Settlement, pk: Any) -> VolunteerHours:
    """Fetch and authorise in one call: hours ``user`` may confirm; else 404."""
    entry = (
        VolunteerHours.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("resident", "committee")
        .annotate(chaired_by_user=chaired_by(user, "committee_id"))
        .first()
    )
    if entry is None:
        raise Http404
    if entry.committee is not None:
        entry.committee.chaired_by_user = entry.chaired_by_user  # type: ignore[attr-defined]
    if not user.has_perm("committees.review_hours", entry):
        raise Http404
    return entry


def volunteers_for_log(*, user: Any, settlement: Settlement, today: dt.date) -> list[Resident]:
    """The residents whose hours ``user`` may log: for a chair, the current members of the
    committees they chair; for the coordinator, every resident with a volunteer profile or
    a current committee membership. By name, at most ``MAX_VOLUNTEER_CHOICES``."""
    serving = CommitteeMember.objects.filter(
        current_members(today), settlement=settlement, resident_id=OuterRef("pk")
    )
    residents = Resident.objects.filter(settlement=settlement, archived_at__isnull=True)
    if sees_all_hours(user, settlement):
        profile = VolunteerProfile.objects.filter(resident_id=OuterRef("pk"))
        residents = residents.filter(Exists(serving) | Exists(profile))
    else:
        residents = residents.filter(Exists(serving.filter(chaired_by(user, "committee_id"))))
    return list(residents.order_by("last_name", "first_name", "pk")[:MAX_VOLUNTEER_CHOICES])


# --- milestones ----------------------------------------------------------------------------


def next_milestone(total: Decimal) -> int | None:
    """The first milestone above ``total`` hours, or None past the last."""
    return next((m for m in MILESTONES if m > total), None)


def approved_hours_of(*, resident: Resident, year: int | None = None) -> Decimal:
    hours = VolunteerHours.objects.filter(
        settlement_id=resident.settlement_id, resident=resident, status=Status.APPROVED
    )
    if year is not None:
        hours = hours.filter(date__year=year)
    return Decimal(hours.aggregate(total=Sum("hours"))["total"] or ZERO)


# --- the home panel ------------------------------------------------------------------------


@dataclass
class ToConfirm:
    total: int = 0
    entries: list[VolunteerHours] = field(default_factory=list)


def hours_to_confirm(*, user: Any, settlement: Settlement) -> ToConfirm:
    """How many hours wait for ``user``'s confirmation, and the oldest few (one query)."""
    rows: list[Any] = list(
        _visible_hours(user, settlement)
        .filter(status=Status.PENDING)
        .select_related("resident", "committee")
        .annotate(waiting=Window(Count("pk")))
        .order_by("date", "created_at", "pk")[:HOME_PENDING_SHOWN]
    )
    return ToConfirm(total=rows[0].waiting if rows else 0, entries=rows)


# --- the public page of a volunteer --------------------------------------------------------


def profile_by_token(token: str) -> VolunteerProfile | None:
    """The profile whose hours link is ``token``, from any settlement (the caller then
    works inside its scope); None for an unknown or overlong token."""
    if not token or len(token) > TOKEN_MAX:
        return None
    with scopes_disabled():
        return (
            VolunteerProfile.objects.select_related("resident", "settlement")
            .filter(hours_token_hash=token_hash(token))
            .exclude(hours_token_hash="")
            .first()
        )


def serving_committees(*, resident: Resident, today: dt.date) -> list[Committee]:
    """The committees ``resident`` currently serves on, by name."""
    members = CommitteeMember.objects.filter(
        current_members(today), settlement_id=resident.settlement_id, resident=resident
    )
    return list(
        Committee.objects.filter(
            settlement_id=resident.settlement_id,
            pk__in=Subquery(members.values("committee_id")),
        ).order_by("name", "pk")
    )


def report_entries(*, resident: Resident) -> list[VolunteerHours]:
    return list(
        VolunteerHours.objects.filter(settlement_id=resident.settlement_id, resident=resident)
        .select_related("committee")
        .order_by("-date", "-created_at", "-pk")[:REPORT_ENTRIES_SHOWN]
    )


# --- recognition ---------------------------------------------------------------------------


def _approved_sum(condition: Q) -> Coalesce:
    return Coalesce(
        Sum("volunteer_hours__hours", filter=condition),
        Value(ZERO),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def thanks_for(*, user: Any, settlement: Settlement, year: int) -> QuerySet[Resident]:
    """The residents with approved hours in ``year``, most hours first: each with
    ``hours_year``, ``hours_all``, ``profile_id`` and ``year_milestones``."""
    if not user.has_perm("committees.manage_volunteers", settlement):
        raise Http404
    approved = Q(volunteer_hours__status=Status.APPROVED)
    profile = VolunteerProfile.objects.filter(resident_id=OuterRef("pk")).values("pk")[:1]
    return (
        Resident.objects.filter(settlement=settlement)
        .annotate(
            hours_year=_approved_sum(approved & Q(volunteer_hours__date__year=year)),
            hours_all=_approved_sum(approved),
            profile_id=Subquery(profile),
        )
        .filter(hours_year__gt=0)
        .prefetch_related(
            Prefetch(
                "volunteer_milestones",
                queryset=VolunteerMilestone.objects.filter(reached_on__year=year).order_by("hours"),
                to_attr="year_milestones",
            )
        )
        .order_by("-hours_year", "last_name", "first_name", "pk")
    )


def committees_given_to(
    *, settlement: Settlement, residents: list[Resident], year: int
) -> dict[int, list[str]]:
    """The committees each resident gave approved hours to in ``year`` (one query)."""
    rows = (
        VolunteerHours.objects.filter(
            settlement=settlement,
            resident_id__in=[r.pk for r in residents],
            status=Status.APPROVED,
            date__year=year,
            committee__isnull=False,
        )
        .values_list("resident_id", "committee__name")
        .distinct()
        .order_by("resident_id", "committee__name")
    )
    names: dict[int, list[str]] = defaultdict(list)
    for resident_id, name in rows:
        names[resident_id].append(name)
    return names


def thanks_years(*, settlement: Settlement, today: dt.date) -> list[int]:
    """The years to choose from: from the first approved hours to this year."""
    first = (
        VolunteerHours.objects.filter(settlement=settlement, status=Status.APPROVED)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    start = min(first.year, today.year) if first else today.year
    return list(range(today.year, start - 1, -1))


def profile_get_for(*, user: Any, settlement: Settlement, pk: Any) -> VolunteerProfile:
    """Fetch and authorise in one call: a volunteer profile of the settlement, for the
    coordinator; else 404."""
    if not user.has_perm("committees.manage_volunteers", settlement):
        raise Http404
    profile = (
        VolunteerProfile.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("resident")
        .first()
    )
    if profile is None:
        raise Http404
    return profile

"""Reading volunteers, openings and invitations. Every fetch of one row authorises it in the
same call (missing and forbidden are both 404), and every list runs a fixed number of
queries whatever the data."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from coordinator.ids import id_or_404
from coordinator.models import Resident, Settlement

from . import matching
from .models import Committee, CommitteeMember
from .models_volunteers import (
    Opening,
    OpeningInvitation,
    Skill,
    VolunteerHours,
    VolunteerMilestone,
    VolunteerProfile,
)
from .rules import is_coordinator
from .selectors import chaired_by

MANAGE = "committees.manage_volunteers"
LIST_OPENINGS = "committees.list_openings"
CHANGE_OPENING = "committees.change_opening"

SEARCH_WORDS = 5  # words of a search that count; the rest are ignored
RESIDENT_CHOICES = 20  # residents offered by one search for a new profile
SUGGESTIONS = 20  # suggestions shown on an opening's page
RECENT_DAYS = 30  # "hours in the last 30 days" of the overload rule


def _name_filter(words: list[str], prefix: str = "") -> Q:
    query = Q()
    for word in words[:SEARCH_WORDS]:
        query &= Q(**{f"{prefix}first_name__icontains": word}) | Q(
            **{f"{prefix}last_name__icontains": word}
        )
    return query


def check_expired(profile: VolunteerProfile, today: dt.date) -> bool:
    """Whether a check marked valid has run out (shown as "expired")."""
    return (
        profile.background_check == VolunteerProfile.Check.VALID
        and profile.background_check_until is not None
        and profile.background_check_until < today
    )


# --- Profiles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VolunteerFilter:
    query: str = ""
    skill: int | None = None
    slot: str = ""
    language: str = ""
    active: str = ""  # "yes", "no" or "" for both


def skills_of(*, settlement: Settlement) -> QuerySet[Skill]:
    return Skill.objects.filter(settlement=settlement).order_by("name", "pk")


def volunteers_for(
    *, user: Any, settlement: Settlement, filters: VolunteerFilter | None = None
) -> QuerySet[VolunteerProfile]:
    """The settlement's volunteer profiles by name, with their resident and skills."""
    if not user.has_perm(MANAGE, settlement):
        raise Http404
    filters = filters or VolunteerFilter()
    profiles = VolunteerProfile.objects.filter(settlement=settlement)
    if filters.skill is not None:
        profiles = profiles.filter(skills=filters.skill)
    if filters.slot:  # codes are checked by the form; quoted, so one never matches another
        profiles = profiles.filter(availability__icontains=f'"{filters.slot}"')
    if filters.language:
        profiles = profiles.filter(languages__icontains=f'"{filters.language}"')
    if filters.active == "yes":
        profiles = profiles.filter(active=True)
    elif filters.active == "no":
        profiles = profiles.filter(active=False)
    words = filters.query.split()
    if words:
        profiles = profiles.filter(_name_filter(words, "resident__"))
    return (
        profiles.select_related("resident")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("name", "pk")))
        .order_by("resident__last_name", "resident__first_name", "pk")
    )


def volunteer_get_for(*, user: Any, settlement: Settlement, pk: Any) -> VolunteerProfile:
    """One profile of the settlement, for the coordinator; else 404."""
    if not user.has_perm(MANAGE, settlement):
        raise Http404
    profile = (
        VolunteerProfile.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("resident")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("name", "pk")))
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def resident_get_for(*, user: Any, settlement: Settlement, pk: Any) -> Resident:
    """A current resident of the settlement (to give a profile to), with their profile if
    they have one (``resident.profile`` or None); else 404."""
    if not user.has_perm(MANAGE, settlement):
        raise Http404
    resident = Resident.objects.filter(
        settlement=settlement, pk=id_or_404(pk), archived_at__isnull=True
    ).first()
    if resident is None:
        raise Http404
    profile = (
        VolunteerProfile.objects.filter(settlement=settlement, resident=resident)
        .prefetch_related("skills")
        .first()
    )
    resident.profile = profile  # type: ignore[attr-defined]
    return resident


def residents_without_profile(*, settlement: Settlement, query: str) -> list[Resident]:
    """Up to ``RESIDENT_CHOICES`` current residents with no profile whose name matches
    every word of ``query`` (nothing for an empty query)."""
    words = query.split()
    if not words:
        return []
    residents = Resident.objects.filter(
        settlement=settlement, archived_at__isnull=True, volunteer_profile__isnull=True
    ).filter(_name_filter(words))
    return list(residents.order_by("last_name", "first_name", "pk")[:RESIDENT_CHOICES])


@dataclass(frozen=True)
class VolunteerRecord:
    memberships: list[CommitteeMember]
    invitations: list[OpeningInvitation]
    hours_this_year: Decimal
    milestones: list[VolunteerMilestone]


def volunteer_record(*, profile: VolunteerProfile, today: dt.date) -> VolunteerRecord:
    """The volunteer's current committee memberships, open invitations (to open openings,
    not yet answered or accepted), approved hours this year and milestones. Four queries."""
    settlement_id = profile.settlement_id
    resident_id = profile.resident_id
    memberships = list(
        CommitteeMember.objects.filter(settlement_id=settlement_id, resident_id=resident_id)
        .filter(Q(term_start__isnull=True) | Q(term_start__lte=today))
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .select_related("committee")
        .order_by("committee__name", "pk")
    )
    invitations = list(
        OpeningInvitation.objects.filter(
            settlement_id=settlement_id,
            resident_id=resident_id,
            opening__status=Opening.Status.OPEN,
        )
        .exclude(status=OpeningInvitation.Status.DECLINED)
        .select_related("opening", "opening__committee")
        .order_by("-invited_at", "-pk")
    )
    total = VolunteerHours.objects.filter(
        settlement_id=settlement_id,
        resident_id=resident_id,
        status=VolunteerHours.Status.APPROVED,
        date__year=today.year,
    ).aggregate(total=Sum("hours"))["total"]
    milestones = list(
        VolunteerMilestone.objects.filter(settlement_id=settlement_id, resident_id=resident_id)
    )
    return VolunteerRecord(memberships, invitations, total or Decimal(0), milestones)


# --- Openings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningFilter:
    status: str = ""
    committee: int | None = None
    query: str = ""


def committees_for_openings(*, user: Any, settlement: Settlement) -> QuerySet[Committee]:
    """The committees whose openings ``user`` may post and keep: all for the coordinator,
    else those they chair."""
    committees = Committee.objects.filter(settlement=settlement)
    if not is_coordinator(user, settlement):
        committees = committees.filter(chaired_by(user, "pk"))
    return committees.order_by("name", "pk")


def openings_for(
    *, user: Any, settlement: Settlement, filters: OpeningFilter | None = None
) -> QuerySet[Opening]:
    """The openings ``user`` may keep (all for the coordinator; a chair's, those of the
    committees they chair), newest first, with invited and accepted counts."""
    if not user.has_perm(LIST_OPENINGS, settlement):
        raise Http404
    filters = filters or OpeningFilter()
    openings = Opening.objects.filter(settlement=settlement)
    if not is_coordinator(user, settlement):
        openings = openings.filter(committee__isnull=False).filter(chaired_by(user, "committee_id"))
    if filters.status in Opening.Status.values:
        openings = openings.filter(status=filters.status)
    if filters.committee is not None:
        openings = openings.filter(committee_id=filters.committee)
    for word in filters.query.split()[:SEARCH_WORDS]:
        openings = openings.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return (
        openings.select_related("committee")
        .annotate(
            invited_count=Count("invitations", distinct=True),
            accepted_count=Count(
                "invitations",
                filter=Q(invitations__status=OpeningInvitation.Status.ACCEPTED),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")
    )


def opening_get_for(
    *, user: Any, settlement: Settlement, pk: Any, perm: str = CHANGE_OPENING
) -> Opening:
    """One opening of the settlement, with its committee and skills, if ``user`` has
    ``perm`` on it; else 404."""
    opening = (
        Opening.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("committee")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("name", "pk")))
        .annotate(chaired_by_user=chaired_by(user, "committee_id"))
        .first()
    )
    if opening is None:
        raise Http404
    if opening.committee is not None:
        opening.committee.chaired_by_user = opening.chaired_by_user  # type: ignore[attr-defined]
    if not user.has_perm(perm, opening):
        raise Http404
    return opening


def invitations_of(*, opening: Opening) -> list[OpeningInvitation]:
    """The opening's invitations by the resident's name, with the resident."""
    return list(
        OpeningInvitation.objects.filter(settlement_id=opening.settlement_id, opening=opening)
        .select_related("resident")
        .order_by("resident__last_name", "resident__first_name", "pk")
    )


def invitation_get_for(*, user: Any, settlement: Settlement, pk: Any) -> OpeningInvitation:
    """One invitation of the settlement, for the coordinator; else 404."""
    if not user.has_perm(MANAGE, settlement):
        raise Http404
    invitation = (
        OpeningInvitation.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("opening", "resident")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


# --- The fit ranking ------------------------------------------------------------------------


def need_of(opening: Opening) -> matching.Need:
    """What the opening asks for (its skills prefetched or read: one query at most)."""
    return matching.Need(
        skills=frozenset(s.name for s in opening.skills.all()),
        area=opening.area,
        availability=frozenset(opening.availability or ()),
        language=opening.language,
        needs_background_check=opening.needs_background_check,
    )


def candidates_for(
    *, settlement: Settlement, opening: Opening, today: dt.date
) -> list[tuple[matching.Candidate, VolunteerProfile]]:
    """Every active volunteer of the settlement not yet invited to ``opening`` (and not
    archived), as ranking candidates: their active roles (current committee memberships and
    accepted invitations to open openings) and approved hours in the last 30 days are
    counted in the same query. Two queries, whatever the number of volunteers."""
    memberships = (
        CommitteeMember.objects.filter(resident_id=OuterRef("resident_id"))
        .filter(Q(term_start__isnull=True) | Q(term_start__lte=today))
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .order_by()
        .values("resident_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    accepted = (
        OpeningInvitation.objects.filter(
            resident_id=OuterRef("resident_id"),
            status=OpeningInvitation.Status.ACCEPTED,
            opening__status=Opening.Status.OPEN,
        )
        .order_by()
        .values("resident_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    hours = (
        VolunteerHours.objects.filter(
            resident_id=OuterRef("resident_id"),
            status=VolunteerHours.Status.APPROVED,
            date__gt=today - dt.timedelta(days=RECENT_DAYS),
            date__lte=today,
        )
        .order_by()
        .values("resident_id")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    invited = OpeningInvitation.objects.filter(opening=opening).values("resident_id")
    profiles = (
        VolunteerProfile.objects.filter(
            settlement=settlement, active=True, resident__archived_at__isnull=True
        )
        .exclude(resident_id__in=invited)
        .select_related("resident")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("name", "pk")))
        .annotate(
            member_roles=Coalesce(Subquery(memberships, output_field=IntegerField()), Value(0)),
            accepted_roles=Coalesce(Subquery(accepted, output_field=IntegerField()), Value(0)),
            recent_hours=Coalesce(
                Subquery(hours, output_field=DecimalField(max_digits=9, decimal_places=2)),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=9, decimal_places=2),
            ),
        )
        .order_by("resident__last_name", "resident__first_name", "pk")
    )
    result: list[tuple[matching.Candidate, VolunteerProfile]] = []
    for profile in profiles:
        candidate = matching.Candidate(
            resident_id=profile.resident_id,
            name=profile.resident.full_name,
            skills=frozenset(s.name for s in profile.skills.all()),
            interests=frozenset(profile.interests or ()),
            availability=frozenset(profile.availability or ()),
            languages=frozenset(profile.languages or ()),
            background_check=profile.background_check,
            background_check_until=profile.background_check_until,
            active=profile.active,
            active_roles=profile.member_roles + profile.accepted_roles,
            recent_hours=Decimal(profile.recent_hours),
            hours_per_month=profile.hours_per_month,
        )
        result.append((candidate, profile))
    return result


@dataclass(frozen=True)
class Suggested:
    suggestion: matching.Suggestion
    profile: VolunteerProfile


def suggestions_for(
    *, settlement: Settlement, opening: Opening, today: dt.date, limit: int = SUGGESTIONS
) -> list[Suggested]:
    """The best ``limit`` volunteers for ``opening``, with the reasons of each."""
    pairs = candidates_for(settlement=settlement, opening=opening, today=today)
    by_resident = {candidate.resident_id: profile for candidate, profile in pairs}
    ranked = matching.rank(need_of(opening), [c for c, _p in pairs], today)
    return [Suggested(s, by_resident[s.candidate.resident_id]) for s in ranked[:limit]]


def invitable_residents(
    *, settlement: Settlement, opening: Opening, ids: list[int]
) -> list[Resident]:
    """Of ``ids``, the current residents of the settlement with an active volunteer profile
    (those the ranking may suggest). One query."""
    return list(
        Resident.objects.filter(
            settlement=settlement,
            pk__in=ids,
            archived_at__isnull=True,
            volunteer_profile__active=True,
        ).order_by("last_name", "first_name", "pk")
    )

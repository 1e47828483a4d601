"""Reading residents' initiatives and community services. Every read takes the settlement
and the viewer, finds nothing they may not see (404), and runs a fixed number of queries
whatever the data."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from coordinator import clock
from coordinator.ids import id_or_404
from coordinator.models import Resident, Settlement

from .models import Committee
from .models_community import CommunityService, Initiative
from .rules import reads_all_committees
from .selectors import chaired_by
from .tokens import TOKEN_MAX, token_hash

SEARCH_WORDS = 5  # words of a search that count; the rest are ignored
PUBLIC_IDEAS_PER_HOUR = 20  # ideas one settlement takes from its public form in an hour

ALL = "all"
OPEN = ""  # the default filter: neither done nor declined
CLOSED_STATUSES = (Initiative.Status.DONE, Initiative.Status.DECLINED)
OPEN_STATUSES = tuple(s for s in Initiative.Status.values if s not in CLOSED_STATUSES)


@dataclass(frozen=True)
class InitiativeFilter:
    query: str = ""
    status: str = OPEN  # OPEN, ALL or one status


@dataclass(frozen=True)
class ServiceFilter:
    query: str = ""
    status: str = ""
    kind: str = ""


def _pass_flag(obj: Any) -> None:
    """Hand the chair flag to the committee, so the rules ask no query."""
    if obj.committee is not None:
        obj.committee.chaired_by_user = obj.chaired_by_user


def _people() -> QuerySet[Resident]:
    return Resident.objects.order_by("last_name", "first_name", "pk")


# --- residents to pick -----------------------------------------------------------------------


def resident_choices(*, settlement: Settlement) -> QuerySet[Resident]:
    """The settlement's current residents, by name (champions, volunteers, runners)."""
    return Resident.objects.filter(settlement=settlement, archived_at__isnull=True).order_by(
        "last_name", "first_name", "pk"
    )


def committee_choices(*, user: Any, settlement: Settlement) -> QuerySet[Committee]:
    """The committees ``user`` may give a service to: all for the coordinator, else those
    they chair."""
    committees = Committee.objects.filter(settlement=settlement)
    if not user.has_perm("committees.add_committee", settlement):
        committees = committees.filter(chaired_by(user, "pk"))
    return committees.order_by("name", "pk")


# --- initiatives ------------------------------------------------------------------------------


def initiatives_visible(*, user: Any, settlement: Settlement) -> QuerySet[Initiative]:
    """All the settlement's initiatives for those who read every committee; a chair's,
    only those given to a committee they chair."""
    if not user.has_perm("committees.list_initiatives", settlement):
        raise Http404
    initiatives = Initiative.objects.filter(settlement=settlement)
    if not reads_all_committees(user, settlement):
        initiatives = initiatives.filter(committee__isnull=False).filter(
            chaired_by(user, "committee_id")
        )
    return initiatives


def initiatives_for(
    *, user: Any, settlement: Settlement, filters: InitiativeFilter | None = None
) -> QuerySet[Initiative]:
    """The initiatives ``user`` may see, newest first: the open ones by default, or those
    of one status, or all; filtered by words of the title or the description."""
    filters = filters or InitiativeFilter()
    initiatives = initiatives_visible(user=user, settlement=settlement)
    if filters.status == OPEN:
        initiatives = initiatives.filter(status__in=OPEN_STATUSES)
    elif filters.status in Initiative.Status.values:
        initiatives = initiatives.filter(status=filters.status)
    for word in filters.query.split()[:SEARCH_WORDS]:
        initiatives = initiatives.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return initiatives.select_related("champion", "committee").order_by("-created_at", "-pk")


def initiative_counts(*, user: Any, settlement: Settlement) -> list[dict[str, Any]]:
    """How many initiatives ``user`` may see are in each status (one query), in the
    statuses' order, with the open ones' total first."""
    counted = dict(
        initiatives_visible(user=user, settlement=settlement)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
        .order_by()
    )
    rows = [{"status": OPEN, "label": None, "count": sum(counted.get(s, 0) for s in OPEN_STATUSES)}]
    rows += [
        {"status": value, "label": label, "count": counted.get(value, 0)}
        for value, label in Initiative.Status.choices
    ]
    return rows


def initiative_get_for(*, user: Any, settlement: Settlement, pk: Any, perm: str) -> Initiative:
    """Fetch and authorise in one call: the initiative ``pk`` of the settlement if ``user``
    has ``perm`` on it (``committees.view_initiative`` or ``committees.change_initiative``);
    missing and forbidden are both 404."""
    initiative = (
        Initiative.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("champion", "committee", "resident")
        .prefetch_related(Prefetch("volunteers", queryset=_people()))
        .annotate(chaired_by_user=chaired_by(user, "committee_id"))
        .first()
    )
    if initiative is None:
        raise Http404
    _pass_flag(initiative)
    if not user.has_perm(perm, initiative):
        raise Http404
    return initiative


def initiative_by_token(token: str) -> Initiative | None:
    """The initiative whose status page ``token`` opens (any settlement; the caller must
    work inside its scope); None for an unknown or malformed token."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return (
        Initiative.objects.select_related("settlement")
        .filter(token_hash=token_hash(token))
        .exclude(token_hash="")
        .first()
    )


def public_ideas_last_hour(*, settlement: Settlement) -> int:
    """Ideas the public form took for ``settlement`` in the last hour (the rate limit)."""
    since = clock.now() - dt.timedelta(hours=1)
    return Initiative.objects.filter(
        settlement=settlement, source=Initiative.Source.PUBLIC, created_at__gte=since
    ).count()


# --- services ---------------------------------------------------------------------------------


def _runners_prefetch() -> Prefetch:
    return Prefetch("runners", queryset=_people())


def services_for(
    *, user: Any, settlement: Settlement, filters: ServiceFilter | None = None
) -> QuerySet[CommunityService]:
    """The settlement's community services by name, filtered by status, kind and words of
    the name, the place or the description; with their committee and runners."""
    if not user.has_perm("committees.list_services", settlement):
        raise Http404
    filters = filters or ServiceFilter()
    services = CommunityService.objects.filter(settlement=settlement)
    if filters.status in CommunityService.Status.values:
        services = services.filter(status=filters.status)
    if filters.kind in CommunityService.Kind.values:
        services = services.filter(kind=filters.kind)
    for word in filters.query.split()[:SEARCH_WORDS]:
        services = services.filter(
            Q(name__icontains=word) | Q(place__icontains=word) | Q(description__icontains=word)
        )
    return (
        services.select_related("committee")
        .prefetch_related(_runners_prefetch())
        .annotate(chaired_by_user=chaired_by(user, "committee_id"))
        .order_by("name", "pk")
    )


def pass_flags(services: list[CommunityService]) -> None:
    """After ``services_for``: let the rules read each committee's chair flag."""
    for service in services:
        _pass_flag(service)


def service_get_for(*, user: Any, settlement: Settlement, pk: Any, perm: str) -> CommunityService:
    """Fetch and authorise in one call: the service ``pk`` of the settlement if ``user``
    has ``perm`` (``committees.view_service``, ``committees.change_service`` or
    ``committees.delete_service``); missing and forbidden are both 404."""
    service = (
        CommunityService.objects.filter(settlement=settlement, pk=id_or_404(pk))
        .select_related("committee")
        .prefetch_related(_runners_prefetch())
        .annotate(chaired_by_user=chaired_by(user, "committee_id"))
        .first()
    )
    if service is None:
        raise Http404
    _pass_flag(service)
    if not user.has_perm(perm, service):
        raise Http404
    return service

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from coordinator.models import Settlement

from .models import Committee
from .rules import reads_all_committees


def chaired_by(user: Any, committee_ref: str = "pk") -> Exists:
    """Whether ``user`` is one of the chairs of the committee at ``committee_ref`` of the
    outer query."""
    through = Committee.chairs.through
    return Exists(through.objects.filter(committee=OuterRef(committee_ref), user=user.pk))


def _with_chair_flag(committees: QuerySet[Committee], user: Any) -> QuerySet[Committee]:
    return committees.annotate(chaired_by_user=chaired_by(user))


def committees_for(*, user: Any, settlement: Settlement) -> QuerySet[Committee]:
    """The committees ``user`` may see: all for those who read all, else those they chair."""
    if not user.has_perm("committees.list_committees", settlement):
        raise Http404
    committees = _with_chair_flag(Committee.objects.filter(settlement=settlement), user)
    if not reads_all_committees(user, settlement):
        committees = committees.filter(chaired_by(user))
    return committees.prefetch_related("chairs")


def committee_get_for(*, user: Any, settlement: Settlement, pk: int, perm: str) -> Committee:
    """Fetch and authorise in one call; missing and forbidden are both 404."""
    committee = (
        _with_chair_flag(Committee.objects.filter(settlement=settlement, pk=pk), user)
        .prefetch_related("chairs")
        .first()
    )
    if committee is None or not user.has_perm(perm, committee):
        raise Http404
    return committee

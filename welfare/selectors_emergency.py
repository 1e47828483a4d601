"""Reads of emergency mode: the open emergency, past ones with their counts, the live
board's counts and lists, and the log. Every read is scoped to one settlement."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from coordinator.models import Settlement

from .models import CheckIn, Emergency, EmergencyLog, TeamMember, VulnerableResident

LIST_PAGE = 50

Answer = CheckIn.Answer
FollowUp = CheckIn.FollowUp

_COUNTS = {
    "sent": Count("check_ins"),
    "safe": Count("check_ins", filter=Q(check_ins__answer=Answer.SAFE)),
    "help": Count("check_ins", filter=Q(check_ins__answer=Answer.HELP)),
    "silent": Count("check_ins", filter=Q(check_ins__answer=Answer.NONE)),
}


def emergency_open_in(*, settlement: Settlement) -> Emergency | None:
    return (
        Emergency.objects.filter(settlement=settlement, ended_at__isnull=True)
        .select_related("declared_by")
        .first()
    )


def emergencies_past(*, settlement: Settlement) -> QuerySet[Emergency]:
    """The emergencies that are over, newest first, with their check-ins' counts."""
    return (
        Emergency.objects.filter(settlement=settlement, ended_at__isnull=False)
        .annotate(**_COUNTS)
        .order_by("-declared_at", "-id")
    )


def emergency_get(*, settlement: Settlement, pk: int) -> Emergency:
    emergency = Emergency.objects.filter(settlement=settlement, pk=pk).first()
    if emergency is None:
        raise Http404
    return emergency


def board_counts(*, emergency: Emergency) -> dict[str, int]:
    """Sent, safe, need help, not heard from; follow-ups assigned and reached; and the
    share answered (0-100) for the bar. One query."""
    counts: dict[str, int] = CheckIn.objects.filter(emergency=emergency).aggregate(
        sent=Count("id"),
        safe=Count("id", filter=Q(answer=Answer.SAFE)),
        help=Count("id", filter=Q(answer=Answer.HELP)),
        silent=Count("id", filter=Q(answer=Answer.NONE)),
        assigned=Count("id", filter=~Q(assigned_to="")),
        reached=Count("id", filter=Q(follow_up=FollowUp.REACHED)),
        not_reached=Count("id", filter=Q(follow_up=FollowUp.NOT_REACHED)),
    )
    sent = counts["sent"]
    counts["answered"] = counts["safe"] + counts["help"]
    counts["percent"] = round(100 * counts["answered"] / sent) if sent else 0
    return counts


def _page(rows: QuerySet[CheckIn], total: int, number: Any) -> Page:
    """A page of ``rows`` whose total is known already (no COUNT query)."""
    paginator = Paginator(rows, LIST_PAGE)
    paginator.__dict__["count"] = total  # the cached property, from board_counts
    return paginator.get_page(number)


def _rows(emergency: Emergency) -> QuerySet[CheckIn]:
    return (
        CheckIn.objects.filter(emergency=emergency)
        .select_related("resident", "resident__household")
        .annotate(
            vulnerable=Exists(
                VulnerableResident.objects.filter(resident_id=OuterRef("resident_id"))
            )
        )
    )


def board_lists(
    *, emergency: Emergency, counts: dict[str, int], pages: dict[str, Any]
) -> dict[str, Page]:
    """The three lists, a page of each: need help (the latest answers first), not heard
    from (residents on the list of those who need help in an emergency first), safe."""
    rows = _rows(emergency)
    order = ("resident__last_name", "resident__first_name", "id")
    return {
        "help": _page(
            rows.filter(answer=Answer.HELP).order_by("-vulnerable", *order),
            counts["help"],
            pages.get("help"),
        ),
        "silent": _page(
            rows.filter(answer=Answer.NONE).order_by("-vulnerable", *order),
            counts["silent"],
            pages.get("silent"),
        ),
        "safe": _page(
            rows.filter(answer=Answer.SAFE).order_by(*order), counts["safe"], pages.get("safe")
        ),
    }


def helper_names(*, settlement: Settlement) -> list[str]:
    """The roster's names (members, volunteers, youth) for the assignment's suggestions."""
    return list(
        TeamMember.objects.filter(settlement=settlement)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def check_in_get(*, settlement: Settlement, pk: int) -> CheckIn:
    row = (
        CheckIn.objects.filter(settlement=settlement, pk=pk)
        .select_related("emergency", "resident")
        .first()
    )
    if row is None:
        raise Http404
    return row


def check_in_by_token(*, settlement: Settlement, token_hash: str | None) -> CheckIn:
    """A resident's check-in by the hash of their link's token, else 404."""
    if not token_hash:
        raise Http404
    row = (
        CheckIn.objects.filter(settlement=settlement, token_hash=token_hash)
        .select_related("emergency", "resident")
        .first()
    )
    if row is None:
        raise Http404
    return row


def team_head_phone(*, settlement: Settlement) -> str:
    """The phone of the emergency team's head (not a deputy first), or ""."""
    phone = (
        TeamMember.objects.filter(settlement=settlement, function="head")
        .exclude(phone="")
        .order_by("deputy", "id")
        .values_list("phone", flat=True)
        .first()
    )
    return phone or ""


def log_entries(*, emergency: Emergency) -> QuerySet[EmergencyLog]:
    return (
        EmergencyLog.objects.filter(emergency=emergency)
        .select_related("user")
        .order_by("-at", "-id")
    )

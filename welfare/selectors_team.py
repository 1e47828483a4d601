"""The reads of the emergency team's pages and of the offline PDF.

The roster comes grouped by function (the head first, as ``Function`` lists them), the
leads before the deputies, with the warnings a coordinator should act on: no head, a
function with nobody, a function without a deputy. The list of residents who need help
adds the households with an open welfare case, saying only that they have one."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from coordinator.models import Household, Membership, Role, Settlement
from coordinator.models import User as UserModel

from .models import CouncilContact, Drill, Emergency, TeamMember, VulnerableResident, WelfareCase
from .models_emergency import Function

# The functions every team should fill (issue 9); security, youth and "other" are optional.
EXPECTED = (
    Function.HEAD,
    Function.WELFARE,
    Function.LOGISTICS,
    Function.INFORMATION,
    Function.MEDICAL,
    Function.EDUCATION,
    Function.POPULATION,
)
SEARCH_WORDS = 4


@dataclass
class FunctionGroup:
    function: str
    label: str
    leads: list[TeamMember] = field(default_factory=list)
    deputies: list[TeamMember] = field(default_factory=list)

    @property
    def members(self) -> list[TeamMember]:
        return self.leads + self.deputies

    @property
    def expected(self) -> bool:
        return self.function in EXPECTED


@dataclass
class Roster:
    groups: list[FunctionGroup]
    members: list[TeamMember]

    @property
    def head(self) -> FunctionGroup:
        return self.groups[0]

    def warnings(self) -> list[str]:
        """What the coordinator should fix, in plain words (no head first)."""
        found: list[str] = []
        if not self.head.leads:
            found.append(_("The team has no head. Add one, or mark a deputy as the head."))
        for group in self.groups:
            if not group.members:
                if group.expected and group.function != Function.HEAD:
                    found.append(
                        _("Nobody is responsible for %(function)s.") % {"function": group.label}
                    )
            elif not group.deputies:
                found.append(_("%(function)s has no deputy.") % {"function": group.label})
        return found


def team_members(*, settlement: Settlement) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(settlement=settlement)


def roster_of(*, settlement: Settlement) -> Roster:
    """The roster grouped by function, every function present (one query)."""
    members = list(team_members(settlement=settlement).select_related("user", "resident"))
    return roster_from(members)


def roster_from(members: list[TeamMember]) -> Roster:
    groups = {value: FunctionGroup(value, str(label)) for value, label in Function.choices}
    for member in sorted(members, key=lambda m: (m.name.casefold(), m.pk)):
        group = groups.get(member.function) or groups[Function.OTHER]
        (group.deputies if member.deputy else group.leads).append(member)
    return Roster(groups=list(groups.values()), members=members)


def team_accounts(*, settlement: Settlement) -> QuerySet[Any]:
    """Accounts that may be linked to a roster member: this settlement's users with the
    emergency-team role."""
    ids = Membership.objects.filter(settlement=settlement, role=Role.EMERGENCY).values("user_id")
    return UserModel.objects.filter(pk__in=ids, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def drills_of(*, settlement: Settlement) -> QuerySet[Drill]:
    """Newest first, each with who took part (prefetched: one query per page)."""
    return Drill.objects.filter(settlement=settlement).prefetch_related("attendees")


def contacts_of(*, settlement: Settlement) -> list[tuple[str, list[CouncilContact]]]:
    """The council contacts by department, in the order ``Department`` lists them."""
    labels = dict(CouncilContact.Department.choices)
    grouped: dict[str, list[CouncilContact]] = {value: [] for value in labels}
    for contact in CouncilContact.objects.filter(settlement=settlement):
        grouped.setdefault(contact.department, []).append(contact)
    return [(str(labels.get(key, key)), rows) for key, rows in grouped.items() if rows]


def open_emergency(*, settlement: Settlement) -> Emergency | None:
    return Emergency.objects.filter(settlement=settlement, ended_at__isnull=True).first()


def vulnerable_list(
    *, settlement: Settlement, reason: str = "", query: str = ""
) -> QuerySet[VulnerableResident]:
    """Residents who need help, with their household and who checks on them."""
    rows = VulnerableResident.objects.filter(settlement=settlement).select_related(
        "resident", "resident__household", "buddy"
    )
    if reason:
        rows = rows.filter(reason=reason)
    for word in query.split()[:SEARCH_WORDS]:
        rows = rows.filter(
            Q(resident__first_name__icontains=word) | Q(resident__last_name__icontains=word)
        )
    return rows.order_by("reason", "resident__last_name", "resident__first_name", "id")


def households_with_a_case(*, settlement: Settlement, query: str = "") -> list[Household]:
    """Households with a case open or being followed (the case's own, or the household of the
    resident whose case it is): their name and address only, nothing of the case. One
    query."""
    cases = WelfareCase.objects.filter(settlement=settlement).exclude(
        status=WelfareCase.Status.CLOSED
    )
    households = Household.objects.filter(settlement=settlement).filter(
        Q(pk__in=cases.filter(household__isnull=False).values("household_id"))
        | Q(pk__in=cases.filter(resident__isnull=False).values("resident__household_id"))
    )
    for word in query.split()[:SEARCH_WORDS]:
        households = households.filter(name__icontains=word)
    return list(households.order_by("name", "pk"))


def buddies_of(entries: list[VulnerableResident]) -> dict[int, list[VulnerableResident]]:
    """Who each team member checks on (by the member's id)."""
    found: dict[int, list[VulnerableResident]] = {}
    for entry in entries:
        if entry.buddy_id is not None:
            found.setdefault(entry.buddy_id, []).append(entry)
    return found

"""Who may see and change welfare and emergency data.

Cases: only the settlement's coordinator and the social worker assigned to a case open it
(``may_open_case``); a social worker sees the list of their own cases. Nobody else (chairs,
the board, the secretary, council staff, the emergency team) reaches a case page: they get
404. Support programmes are run by the coordinator and the social worker, and by the chair
of the programme's committee; the charity fund's requests name families, so they are the
coordinator's and the social worker's only. Volunteers see a task through its link.

The emergency team: the coordinator keeps the roster, the council contacts and the list of
residents who need help; team members read the roster and contacts always, and the list
of residents and the live board only while an emergency is declared. The coordinator or
the head of the team (a roster member with an account) declares and ends an emergency.
Council staff see counts of open cases, never a case, and set how long closed cases are
kept.
"""

from typing import Any

import rules

from coordinator.models import Role, Settlement
from coordinator.permissions import has_role, is_council_staff_of, roles_in, settlement_id_of

is_coordinator = has_role(Role.COORDINATOR)
works_cases = has_role(Role.COORDINATOR, Role.SOCIAL_WORKER)
on_team = has_role(Role.COORDINATOR, Role.EMERGENCY)

CASES = "welfare.view_cases"  # the list of cases one may open, and new cases
SUPPORT = "welfare.view_support"  # the support programmes (a chair: their committee's)
FUND = "welfare.view_fund"  # the charity fund's requests
COUNTS = "welfare.view_counts"  # numbers of open cases, nothing more
TEAM = "welfare.view_team"  # the roster, drills and council contacts
TEAM_CHANGE = "welfare.change_team"
VULNERABLE = "welfare.view_vulnerable"  # the list of residents, and the live board
DECLARE = "welfare.declare_emergency"
POLICY = "welfare.policy"  # the council's keeping period

_OPEN_EMERGENCY = "_welfare_open_emergency"


def emergency_open(settlement: Settlement) -> bool:
    """Whether an emergency is declared in ``settlement`` now (read once per object)."""
    cached = getattr(settlement, _OPEN_EMERGENCY, None)
    if cached is None:
        from .models import Emergency

        cached = Emergency.objects.filter(settlement=settlement, ended_at__isnull=True).exists()
        setattr(settlement, _OPEN_EMERGENCY, cached)
    return bool(cached)


def forget_emergency(settlement: Settlement) -> None:
    """After a declaration or an end in this request, read the state again."""
    if hasattr(settlement, _OPEN_EMERGENCY):
        delattr(settlement, _OPEN_EMERGENCY)


@rules.predicate
def team_during_emergency(user: Any, settlement: Any = None) -> bool:
    if not isinstance(settlement, Settlement):
        return False
    return Role.EMERGENCY in roles_in(user, settlement.pk) and emergency_open(settlement)


@rules.predicate
def heads_team(user: Any, settlement: Any = None) -> bool:
    if not isinstance(settlement, Settlement):
        return False
    if Role.EMERGENCY not in roles_in(user, settlement.pk):
        return False
    from .models import TeamMember
    from .models_emergency import Function

    return TeamMember.objects.filter(
        settlement=settlement, user=user, function=Function.HEAD
    ).exists()


def may_open_case(user: Any, case: Any) -> bool:
    """The settlement's coordinator, or the social worker assigned to this case."""
    roles = roles_in(user, settlement_id_of(case))
    if Role.COORDINATOR in roles:
        return True
    return Role.SOCIAL_WORKER in roles and case.social_worker_id == user.pk


def may_run_programme(user: Any, programme: Any) -> bool:
    """The coordinator, the social worker, or a chair of the programme's committee."""
    roles = roles_in(user, settlement_id_of(programme))
    if roles & {Role.COORDINATOR, Role.SOCIAL_WORKER}:
        return True
    if Role.CHAIR not in roles or programme.committee_id is None:
        return False
    from committees.models import Committee

    return Committee.objects.filter(pk=programme.committee_id, chairs=user).exists()


rules.add_perm(CASES, works_cases)
rules.add_perm(SUPPORT, has_role(Role.COORDINATOR, Role.SOCIAL_WORKER, Role.CHAIR))
rules.add_perm(FUND, works_cases)
rules.add_perm(COUNTS, is_coordinator)
rules.add_perm(TEAM, on_team)
rules.add_perm(TEAM_CHANGE, is_coordinator)
rules.add_perm(VULNERABLE, is_coordinator | team_during_emergency)
rules.add_perm(DECLARE, is_coordinator | heads_team)
rules.add_perm(POLICY, rules.predicate(is_council_staff_of))

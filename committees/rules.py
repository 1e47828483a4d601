"""Who may see and change a committee. The coordinator: all of the settlement's; a chair:
their own; the secretary and the board: read."""

from typing import Any

import rules

from coordinator.models import Role
from coordinator.permissions import has_role, memberships_of

is_coordinator = has_role(Role.COORDINATOR)
reads_all_committees = has_role(Role.COORDINATOR, Role.SECRETARY, Role.BOARD)


@rules.predicate
def chairs_this_committee(user: Any, committee: Any) -> bool:
    if committee is None or not hasattr(committee, "chairs"):
        return False
    if not any(
        m.role == Role.CHAIR and m.settlement_id == committee.settlement_id
        for m in memberships_of(user)
    ):
        return False
    chaired = getattr(committee, "chaired_by_user", None)
    if chaired is not None:
        return bool(chaired)
    return committee.chairs.filter(pk=user.pk).exists()


is_chair_here = has_role(Role.CHAIR)

rules.add_perm("committees.list_committees", reads_all_committees | is_chair_here)
rules.add_perm("committees.add_committee", is_coordinator)
rules.add_perm("committees.view_committee", reads_all_committees | chairs_this_committee)
rules.add_perm("committees.change_committee", is_coordinator | chairs_this_committee)

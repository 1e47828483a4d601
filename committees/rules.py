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


# Meetings: a committee's meeting is the committee's business; a meeting with office
# holders (no committee) is read by those who read all committees and kept by the
# coordinator. An action item's owner may tick it done.
@rules.predicate
def views_meeting(user: Any, meeting: Any) -> bool:
    if meeting is None:
        return False
    if meeting.committee_id is not None:
        return bool(user.has_perm("committees.view_committee", meeting.committee))
    return bool(reads_all_committees(user, meeting))


@rules.predicate
def changes_meeting(user: Any, meeting: Any) -> bool:
    if meeting is None:
        return False
    if meeting.committee_id is not None:
        return bool(user.has_perm("committees.change_committee", meeting.committee))
    return bool(is_coordinator(user, meeting))


@rules.predicate
def owns_action_item(user: Any, item: Any) -> bool:
    return item is not None and item.owner_id is not None and item.owner_id == user.pk


@rules.predicate
def changes_action_meeting(user: Any, item: Any) -> bool:
    return item is not None and bool(user.has_perm("committees.change_meeting", item.meeting))


rules.add_perm("committees.list_meetings", reads_all_committees | is_chair_here)
rules.add_perm("committees.add_meeting", is_coordinator | is_chair_here)
rules.add_perm("committees.view_meeting", views_meeting)
rules.add_perm("committees.change_meeting", changes_meeting)
rules.add_perm("committees.complete_action_item", changes_action_meeting | owns_action_item)
# The directory of partners: contacts of departments and professionals, not residents.
rules.add_perm("committees.view_partners", reads_all_committees | is_chair_here)
rules.add_perm("committees.change_partners", is_coordinator)


# Volunteers, openings and hours. Profiles, the fit ranking, invitations and recognition
# are the coordinator's; a chair posts openings for their committee and logs and confirms
# its volunteers' hours. Hours given for no committee are confirmed by the coordinator.
def _keeps_committee_of(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    if obj.committee_id is None:
        return bool(is_coordinator(user, obj))
    return bool(user.has_perm("committees.change_committee", obj.committee))


def _reads_committee_of(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    if bool(reads_all_committees(user, obj)):
        return True
    return obj.committee_id is not None and bool(
        user.has_perm("committees.view_committee", obj.committee)
    )


keeps_committee_of = rules.predicate(_keeps_committee_of, name="keeps_committee_of")
reads_committee_of = rules.predicate(_reads_committee_of, name="reads_committee_of")

rules.add_perm("committees.manage_volunteers", is_coordinator)
rules.add_perm("committees.list_openings", is_coordinator | is_chair_here)
rules.add_perm("committees.add_opening", is_coordinator | is_chair_here)
rules.add_perm("committees.change_opening", keeps_committee_of)
rules.add_perm("committees.list_hours", is_coordinator | is_chair_here)
rules.add_perm("committees.log_hours", is_coordinator | is_chair_here)
rules.add_perm("committees.review_hours", keeps_committee_of)
# Residents' initiatives: the coordinator runs them; those who read all committees read
# them, and a chair reads those given to their committee.
rules.add_perm("committees.list_initiatives", reads_all_committees | is_chair_here)
rules.add_perm("committees.view_initiative", reads_committee_of)
rules.add_perm("committees.change_initiative", is_coordinator)
# Community services: read by all who read committees; kept by the coordinator and the
# chair of the committee that runs one.
rules.add_perm("committees.list_services", reads_all_committees | is_chair_here)
rules.add_perm("committees.add_service", is_coordinator)
rules.add_perm("committees.change_service", keeps_committee_of)
rules.add_perm("committees.delete_service", is_coordinator)
# Conflicts and mediation: the coordinator's alone.
rules.add_perm("committees.manage_conflicts", is_coordinator)
rules.add_perm("committees.view_service", reads_all_committees | is_chair_here)

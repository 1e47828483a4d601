"""Who may see and change events. Everyone with a role in the settlement reads its
calendar; the coordinator keeps it, and the chair of an event's organising committee edits
that event."""

from typing import Any

import rules

from coordinator.models import Role
from coordinator.permissions import SETTLEMENT_ROLES, has_role

is_coordinator = has_role(Role.COORDINATOR)
in_settlement = has_role(*SETTLEMENT_ROLES)


@rules.predicate
def chairs_organising_committee(user: Any, event: Any) -> bool:
    if event is None or getattr(event, "committee_id", None) is None:
        return False
    return bool(user.has_perm("committees.change_committee", event.committee))


rules.add_perm("events.view_events", in_settlement)
rules.add_perm("events.add_event", is_coordinator)
rules.add_perm("events.change_event", is_coordinator | chairs_organising_committee)
rules.add_perm("events.delete_event", is_coordinator)


# The classes programme (task H3). Everyone of the settlement sees what is offered; the
# coordinator runs the programme (seasons, instructors, the form of a class); the keepers
# of one class (who takes part, pays and comes) are the coordinator and the chair of the
# class's committee.
@rules.predicate
def chairs_class_committee(user: Any, course: Any) -> bool:
    if course is None or getattr(course, "committee_id", None) is None:
        return False
    return bool(user.has_perm("committees.change_committee", course.committee))


rules.add_perm("events.view_classes", in_settlement)
rules.add_perm("events.manage_classes", is_coordinator)
rules.add_perm("events.change_course", is_coordinator | chairs_class_committee)

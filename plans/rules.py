"""Who may see and change the yearly plan. The coordinator writes it and keeps it through
the year; the settlement's secretary and board members read the plan and its budget, and
either of them approves it or returns it. Chairs, social workers, the emergency team and
council staff do not open it (council staff see a row of numbers per settlement on their
dashboard)."""

import rules

from coordinator.models import Role
from coordinator.permissions import has_role

is_coordinator = has_role(Role.COORDINATOR)
reads_plan = has_role(Role.COORDINATOR, Role.SECRETARY, Role.BOARD)
decides_plan = has_role(Role.SECRETARY, Role.BOARD)

VIEW = "plans.view_plan"
CHANGE = "plans.change_plan"
DECIDE = "plans.decide_plan"

rules.add_perm(VIEW, reads_plan)
rules.add_perm(CHANGE, is_coordinator)
rules.add_perm(DECIDE, decides_plan)

"""Who may do what with needs mapping. Surveys, their answers, invitations and the records
of meetings are the coordinator's. The needs register is read by the secretary and the
board too: the yearly plan they approve is built from it."""

import rules

from coordinator.models import Role
from coordinator.permissions import has_role

is_coordinator = has_role(Role.COORDINATOR)
reads_needs = has_role(Role.COORDINATOR, Role.SECRETARY, Role.BOARD)

rules.add_perm("surveys.manage_surveys", is_coordinator)
rules.add_perm("surveys.view_results", is_coordinator)
rules.add_perm("surveys.manage_mapping", is_coordinator)
rules.add_perm("surveys.view_needs", reads_needs)
rules.add_perm("surveys.change_needs", is_coordinator)

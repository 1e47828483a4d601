"""The record of messages to residents is the coordinator's, and so are quiet hours."""

import rules

from coordinator.models import Role
from coordinator.permissions import has_role

rules.add_perm("messaging.view_messages", has_role(Role.COORDINATOR))
rules.add_perm("messaging.manage_messages", has_role(Role.COORDINATOR))

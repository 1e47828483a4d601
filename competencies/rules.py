"""Who may use the competency pages. A coordinator keeps their own self-assessments and
development plan (their role in the active settlement); council staff see those they are
chosen to mentor, the model, the council's evidence table and aggregates of the council's
coordinators, never another person's ratings."""

import rules

from coordinator.models import Role
from coordinator.permissions import has_role, is_council_staff_of

ASSESS = "competencies.assess"
COUNCIL = "competencies.council"

rules.add_perm(ASSESS, has_role(Role.COORDINATOR))
rules.add_perm(COUNCIL, rules.predicate(is_council_staff_of))

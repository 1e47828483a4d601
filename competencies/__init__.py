"""The community worker's competency model, self-assessment and development plan.

Filled by the competencies issue; registered from the start so the project's layout and
migrations graph are stable."""

"""Events, the settlement's calendar, and the classes programme (``Course``).

Filled by the events and classes issue; registered from the start so the project's layout
and migrations graph are stable."""

"""The vocabulary of the per-app URL access tables (``<app>/access.py``).

Each app states, for every URL it names, who may GET and POST it and which objects its
URL arguments take. tests/test_permissions.py walks every URL of the project for every
role against these tables; a URL missing from them fails the suite.

Roles in the tables: the names of ``Role`` plus ``anonymous``, ``other_coordinator`` (the
coordinator of a settlement in another council), ``chair_elsewhere`` (a chair in the same
settlement who does not chair the object's committee) and ``superuser``.
"""

from dataclasses import dataclass, field

ANONYMOUS = "anonymous"
COORDINATOR = "coordinator"
CHAIR = "chair"
CHAIR_ELSEWHERE = "chair_elsewhere"
SOCIAL_WORKER = "social_worker"
SECRETARY = "secretary"
BOARD = "board"
EMERGENCY = "emergency"
COUNCIL_STAFF = "council_staff"
OTHER_COORDINATOR = "other_coordinator"
SUPERUSER = "superuser"

SETTLEMENT_MEMBERS = frozenset(
    {COORDINATOR, CHAIR, CHAIR_ELSEWHERE, SOCIAL_WORKER, SECRETARY, BOARD, EMERGENCY}
)
LOGGED_IN = SETTLEMENT_MEMBERS | {COUNCIL_STAFF, OTHER_COORDINATOR, SUPERUSER}
ALL_ROLES = LOGGED_IN | {ANONYMOUS}


@dataclass(frozen=True)
class Expect:
    """Who may use a method of a URL, and the status each kind of caller gets."""

    allowed: frozenset[str]
    ok: int = 200  # status for the allowed roles
    denied: int = 404  # for the other logged-in roles: never 403, ids reveal nothing
    anonymous: int = 302  # to the login page
    by_role: dict[str, int] = field(default_factory=dict)  # exceptions, per role

    def status_for(self, role: str) -> int:
        if role in self.by_role:
            return self.by_role[role]
        if role in self.allowed:
            return self.ok
        return self.anonymous if role == ANONYMOUS else self.denied


def everyone(status: int) -> Expect:
    """The same answer for every caller (public pages, or a method the URL refuses)."""
    return Expect(allowed=ALL_ROLES, ok=status)


NOT_ALLOWED = everyone(405)


@dataclass(frozen=True)
class Rule:
    get: Expect
    post: Expect = NOT_ALLOWED
    # URL argument -> the world object whose pk it takes ("resident", "committee", ...).
    # Also requested with the same kind of object of another settlement: 404 for everyone.
    kwargs: dict[str, str] = field(default_factory=dict)
    # Literal URL arguments (tokens, app labels) that are not world objects.
    literal_kwargs: dict[str, str] = field(default_factory=dict)

"""Who may reach each URL of the committees app. See ``coordinator.access_rules``."""

from coordinator.access_rules import (
    BOARD,
    CHAIR,
    CHAIR_ELSEWHERE,
    COORDINATOR,
    SECRETARY,
    Expect,
    Rule,
)

READ_ALL = frozenset({COORDINATOR, SECRETARY, BOARD})

ACCESS: dict[str, Rule] = {
    "committees:list": Rule(get=Expect(allowed=READ_ALL | {CHAIR, CHAIR_ELSEWHERE})),
    "committees:create": Rule(
        get=Expect(allowed=frozenset({COORDINATOR})),
        post=Expect(allowed=frozenset({COORDINATOR}), ok=400),
    ),
    "committees:detail": Rule(get=Expect(allowed=READ_ALL | {CHAIR}), kwargs={"pk": "committee"}),
    "committees:edit": Rule(
        get=Expect(allowed=frozenset({COORDINATOR, CHAIR})),
        post=Expect(allowed=frozenset({COORDINATOR, CHAIR}), ok=400),
        kwargs={"pk": "committee"},
    ),
}

"""Who may reach each URL of the messages record. See ``coordinator.access_rules``."""

from coordinator.access_rules import COORDINATOR, NOT_ALLOWED, Expect, Rule

ONLY = frozenset({COORDINATOR})

ACCESS: dict[str, Rule] = {
    "messaging:list": Rule(get=Expect(allowed=ONLY)),
    "messaging:detail": Rule(get=Expect(allowed=ONLY), kwargs={"pk": "message"}),
    # An interrupted message: the coordinator says what happened. Without a choice: 400.
    "messaging:resolve": Rule(
        get=NOT_ALLOWED, post=Expect(allowed=ONLY, ok=400), kwargs={"pk": "message"}
    ),
    "messaging:quiet_hours": Rule(get=Expect(allowed=ONLY), post=Expect(allowed=ONLY, ok=400)),
}

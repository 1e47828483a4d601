"""Who may reach each URL of the events app. See ``coordinator.access_rules``."""

from coordinator.access_rules import (
    CHAIR,
    COORDINATOR,
    NOT_ALLOWED,
    SETTLEMENT_MEMBERS,
    Expect,
    Rule,
    everyone,
)

# The public pages of the world in tests/test_permissions.py: its home settlement's slug.
WORLD_SLUG = "home-village"

KEEPERS = frozenset({COORDINATOR, CHAIR})  # the coordinator, and the organising chair
ONLY_COORDINATOR = frozenset({COORDINATOR})


def page(obj: str, read: frozenset[str], post: int | None = None, write=ONLY_COORDINATOR) -> Rule:
    return Rule(
        get=Expect(allowed=read),
        post=NOT_ALLOWED if post is None else Expect(allowed=write, ok=post),
        kwargs={"pk": obj} if obj else {},
    )


ACCESS: dict[str, Rule] = {
    "events:calendar": page("", SETTLEMENT_MEMBERS),
    "events:create": page("", ONLY_COORDINATOR, 400),
    "events:detail": page("event", SETTLEMENT_MEMBERS),
    "events:edit": page("event", KEEPERS, 400, KEEPERS),
    "events:delete": page("event", ONLY_COORDINATOR, 302),
    "events:announcement": page("event", KEEPERS),
    "events:poster": page("event", KEEPERS),
    # Holiday suggestions for a year; a POST turns one into an event (empty: 400).
    "events:holidays": page("", ONLY_COORDINATOR, 400),
    # Public: the settlement's upcoming events, one published event, the calendar feed.
    "calendar:events": Rule(get=everyone(200), literal_kwargs={"slug": WORLD_SLUG}),
    "calendar:event": Rule(
        get=everyone(200), kwargs={"pk": "event"}, literal_kwargs={"slug": WORLD_SLUG}
    ),
    "calendar:feed": Rule(get=everyone(200), literal_kwargs={"slug": WORLD_SLUG}),
}

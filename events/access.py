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

# The public pages of the world in tests/test_permissions.py: its home settlement's slug,
# and the personal links of its sign-ups (only their hashes are stored).
WORLD_SLUG = "home-village"
WORLD_SIGNUP_TOKEN = "s" * 43
WORLD_SHIFT_TOKEN = "f" * 43
WORLD_CLASS_TOKEN = "c" * 43

KEEPERS = frozenset({COORDINATOR, CHAIR})  # the coordinator, and the organising chair
ONLY_COORDINATOR = frozenset({COORDINATOR})


def post_only(obj: str, write=ONLY_COORDINATOR, ok: int = 302) -> Rule:
    return Rule(get=NOT_ALLOWED, post=Expect(allowed=write, ok=ok), kwargs={"pk": obj})


def public(token: str = "", obj: str = "", post: int | None = None) -> Rule:
    literal = {"slug": WORLD_SLUG} | ({"token": token} if token else {})
    return Rule(
        get=everyone(200),
        post=NOT_ALLOWED if post is None else everyone(post),
        kwargs={"pk": obj} if obj else {},
        literal_kwargs=literal,
    )


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
    # Who comes and who helps: the keepers of the event (an empty POST is a 400).
    "events:registrations": page("event", KEEPERS),
    "events:registrations_export": page("event", KEEPERS),
    "events:registration_add": page("event", KEEPERS, 400, KEEPERS),
    "events:registration_cancel": post_only("event_registration", KEEPERS),
    "events:attendance": page("event", KEEPERS, 302, KEEPERS),
    "events:feedback": page("event", KEEPERS, 302, KEEPERS),
    "events:shifts": page("event", KEEPERS, 400, KEEPERS),
    "events:shift_edit": page("shift", KEEPERS, 400, KEEPERS),
    "events:shift_delete": page("shift", KEEPERS, 302, KEEPERS),
    "events:shift_signup_cancel": post_only("shift_signup", KEEPERS),
    # Public sign-up and volunteering for a published event, and the personal links they
    # give (to see one's place and cancel it); an empty POST is a 400.
    "calendar:event_signup": public(obj="event", post=400),
    "calendar:event_volunteer": public(obj="event", post=400),
    "calendar:signup": public(WORLD_SIGNUP_TOKEN, post=400),
    "calendar:shift_signup": public(WORLD_SHIFT_TOKEN, post=400),
    # The classes programme. Everyone of the settlement sees what is offered; who takes
    # part, pays and comes is for the coordinator and the chair of the class's committee;
    # seasons, instructors (and their rates), the form of a class and reports for the
    # coordinator.
    "classes:list": page("", SETTLEMENT_MEMBERS),
    "classes:create": page("", ONLY_COORDINATOR, 400),
    "classes:detail": page("course", KEEPERS),
    "classes:edit": page("course", ONLY_COORDINATOR, 400),
    "classes:delete": page("course", ONLY_COORDINATOR, 302),
    "classes:cancel": page("course", ONLY_COORDINATOR, 302),
    "classes:sessions_make": post_only("course"),
    "classes:session": page("course_session", KEEPERS, 302, KEEPERS),
    "classes:session_skip": post_only("course_session"),
    "classes:participants_export": page("course", KEEPERS),
    "classes:register": page("course", KEEPERS, 400, KEEPERS),
    "classes:registration": page("class_registration", KEEPERS, 400, KEEPERS),
    "classes:registration_cancel": post_only("class_registration", KEEPERS),
    "classes:seasons": page("", ONLY_COORDINATOR, 400),
    "classes:season_edit": page("season", ONLY_COORDINATOR, 400),
    "classes:instructors": page("", ONLY_COORDINATOR),
    "classes:instructor_create": page("", ONLY_COORDINATOR, 400),
    "classes:instructor_edit": page("instructor", ONLY_COORDINATOR, 400),
    "classes:instructor_delete": page("instructor", ONLY_COORDINATOR, 302),
    "classes:reports": page("", ONLY_COORDINATOR),
    "classes:reports_export": page("", ONLY_COORDINATOR),
    # Public: the open classes, a class's page with its registration form, and the
    # personal link of a registration.
    "calendar:classes": public(),
    "calendar:class_register": public(obj="course", post=400),
    "calendar:class_registration": public(WORLD_CLASS_TOKEN, post=400),
}

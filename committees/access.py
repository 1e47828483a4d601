"""Who may reach each URL of the committees app. See ``coordinator.access_rules``."""

from coordinator.access_rules import (
    BOARD,
    CHAIR,
    CHAIR_ELSEWHERE,
    COORDINATOR,
    NOT_ALLOWED,
    SECRETARY,
    Expect,
    Rule,
)

READ_ALL = frozenset({COORDINATOR, SECRETARY, BOARD})
KEEPERS = frozenset({COORDINATOR, CHAIR})  # the coordinator, and the chair of the committee
ONLY_COORDINATOR = frozenset({COORDINATOR})


def page(obj: str, read: frozenset[str], post: int | None, write: frozenset[str]) -> Rule:
    """GET for ``read``; an empty POST gives ``post`` to ``write`` (None: no POST)."""
    return Rule(
        get=Expect(allowed=read),
        post=NOT_ALLOWED if post is None else Expect(allowed=write, ok=post),
        kwargs={"pk": obj} if obj else {},
    )


def form(obj: str = "", who: frozenset[str] = KEEPERS) -> Rule:
    """A form page: GET shows it, an empty POST is a 400."""
    return page(obj, who, 400, who)


def delete(obj: str, who: frozenset[str] = KEEPERS) -> Rule:
    """A confirmation page, then the POST that deletes."""
    return page(obj, who, 302, who)


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
    # Members
    "committees:member_add": form("committee"),
    "committees:member_edit": form("committee_member"),
    "committees:member_remove": delete("committee_member"),
    # The yearly work plan
    "committees:work_plan": page("committee", READ_ALL | {CHAIR}, None, KEEPERS),
    "committees:goal_add": form("committee"),
    "committees:goal_edit": form("goal"),
    "committees:goal_delete": delete("goal"),
    "committees:activity_add": form("goal"),
    "committees:activity_edit": form("activity"),
    "committees:activity_delete": delete("activity"),
    # Meetings. Chairs see their committees' meetings only (the list filters).
    "committees:meetings": page("", READ_ALL | {CHAIR, CHAIR_ELSEWHERE}, None, KEEPERS),
    "committees:meeting_create": form(who=KEEPERS | {CHAIR_ELSEWHERE}),
    "committees:meeting_detail": page("meeting", READ_ALL | {CHAIR}, None, KEEPERS),
    "committees:meeting_edit": form("meeting"),
    "committees:meeting_minutes": form("meeting"),
    "committees:meeting_delete": delete("meeting"),
    "committees:meeting_ics": page("meeting", READ_ALL | {CHAIR}, None, KEEPERS),
    "committees:action_add": form("meeting"),
    "committees:action_edit": form("action_item"),
    # Ticked done by the meeting's keepers or the item's owner (the secretary in the world).
    "committees:action_done": Rule(
        get=NOT_ALLOWED,
        post=Expect(allowed=KEEPERS | {SECRETARY}, ok=302),
        kwargs={"pk": "action_item"},
    ),
    # Partners
    "committees:partners": page("", READ_ALL | {CHAIR, CHAIR_ELSEWHERE}, None, KEEPERS),
    "committees:partner_create": form(who=ONLY_COORDINATOR),
    "committees:partner_detail": page(
        "partner", READ_ALL | {CHAIR, CHAIR_ELSEWHERE}, None, KEEPERS
    ),
    "committees:partner_edit": form("partner", ONLY_COORDINATOR),
    "committees:partner_delete": delete("partner", ONLY_COORDINATOR),
}

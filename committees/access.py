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
    everyone,
)

# The public links of the world in tests/test_permissions.py (its home settlement's slug,
# and tokens whose hashes its objects carry).
WORLD_SLUG = "home-village"
WORLD_HOURS_TOKEN = "world-hours-token"  # noqa: S105
WORLD_OPENING_TOKEN = "world-opening-token"  # noqa: S105
WORLD_INITIATIVE_TOKEN = "world-initiative-token"  # noqa: S105

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
    "committees:plan_summary": form("committee"),
    # Volunteers: profiles, the fit ranking and invitations are the coordinator's.
    "committees:volunteers": page("", ONLY_COORDINATOR, None, ONLY_COORDINATOR),
    "committees:volunteer_detail": page("volunteer", ONLY_COORDINATOR, None, ONLY_COORDINATOR),
    "committees:volunteer_edit": form("resident", ONLY_COORDINATOR),
    "committees:openings": page("", KEEPERS | {CHAIR_ELSEWHERE}, None, KEEPERS),
    "committees:opening_create": form(who=KEEPERS | {CHAIR_ELSEWHERE}),
    "committees:opening_detail": page("opening", KEEPERS, None, KEEPERS),
    "committees:opening_edit": form("opening"),
    "committees:opening_invite": Rule(
        get=NOT_ALLOWED,
        post=Expect(allowed=ONLY_COORDINATOR, ok=400),
        kwargs={"pk": "opening"},
    ),
    "committees:invitation_answer": Rule(
        get=NOT_ALLOWED,
        post=Expect(allowed=ONLY_COORDINATOR, ok=400),
        kwargs={"pk": "opening_invitation"},
    ),
    # Hours: logged and confirmed by the chair of the committee, or the coordinator.
    "committees:hours": page("", KEEPERS | {CHAIR_ELSEWHERE}, None, KEEPERS),
    "committees:hours_log": form(who=KEEPERS | {CHAIR_ELSEWHERE}),
    "committees:hours_review": Rule(
        get=NOT_ALLOWED, post=Expect(allowed=KEEPERS, ok=400), kwargs={"pk": "hours"}
    ),
    "committees:hours_link": page("volunteer", ONLY_COORDINATOR, 302, ONLY_COORDINATOR),
    "committees:thanks": page("", ONLY_COORDINATOR, None, ONLY_COORDINATOR),
    "committees:thanks_export": page("", ONLY_COORDINATOR, None, ONLY_COORDINATOR),
    "committees:thanks_letter": page("volunteer", ONLY_COORDINATOR, None, ONLY_COORDINATOR),
    # Residents' initiatives
    "committees:initiatives": page("", READ_ALL | {CHAIR, CHAIR_ELSEWHERE}, None, KEEPERS),
    "committees:initiative_create": form(who=ONLY_COORDINATOR),
    "committees:initiative_detail": page("initiative", READ_ALL | {CHAIR}, None, KEEPERS),
    "committees:initiative_edit": form("initiative", ONLY_COORDINATOR),
    # Community services
    "committees:services": page("", READ_ALL | {CHAIR, CHAIR_ELSEWHERE}, None, KEEPERS),
    "committees:service_create": form(who=ONLY_COORDINATOR),
    "committees:service_detail": page(
        "service", READ_ALL | {CHAIR, CHAIR_ELSEWHERE}, None, KEEPERS
    ),
    "committees:service_edit": form("service"),
    "committees:service_delete": delete("service", ONLY_COORDINATOR),
    # Conflicts and mediation: the coordinator alone.
    "committees:conflicts": page("", ONLY_COORDINATOR, None, ONLY_COORDINATOR),
    "committees:conflict_create": form(who=ONLY_COORDINATOR),
    "committees:conflict_detail": page("conflict", ONLY_COORDINATOR, None, ONLY_COORDINATOR),
    "committees:conflict_edit": form("conflict", ONLY_COORDINATOR),
    "committees:conflict_delete": delete("conflict", ONLY_COORDINATOR),
    "committees:step_add": form("conflict", ONLY_COORDINATOR),
    "committees:step_edit": form("mediation_step", ONLY_COORDINATOR),
    "committees:step_delete": delete("mediation_step", ONLY_COORDINATOR),
    # Public links: volunteers report hours and answer invitations; residents send ideas
    # and follow them. An empty POST is a 400.
    "public:hours": Rule(
        get=everyone(200), post=everyone(400), literal_kwargs={"token": WORLD_HOURS_TOKEN}
    ),
    "public:opening": Rule(
        get=everyone(200), post=everyone(400), literal_kwargs={"token": WORLD_OPENING_TOKEN}
    ),
    "public:idea_new": Rule(
        get=everyone(200), post=everyone(400), literal_kwargs={"slug": WORLD_SLUG}
    ),
    "public:idea_status": Rule(get=everyone(200), literal_kwargs={"token": WORLD_INITIATIVE_TOKEN}),
}

"""Who may reach each URL of the welfare app. See ``coordinator.access_rules``.

The world's case is assigned to its social worker, so both the coordinator and that social
worker open it; everyone else gets 404. A case's pages other than its own page and its
trail need the reason given once per session: a fresh session is sent (302) to the case's
page, which asks for it. The world's programme belongs to the chair's committee. The
world's emergency is over: the team's members reach the roster, the contacts and the
emergency page, not the list of residents or the board (a test declares one and checks
they do then). The world's emergency-team member heads the team, so may declare."""

from committees.access import WORLD_SLUG
from coordinator.access_rules import (
    CHAIR,
    CHAIR_ELSEWHERE,
    COORDINATOR,
    COUNCIL_STAFF,
    EMERGENCY,
    NOT_ALLOWED,
    SOCIAL_WORKER,
    Expect,
    Rule,
    everyone,
)

CASE = frozenset({COORDINATOR, SOCIAL_WORKER})
RUNNERS = frozenset({COORDINATOR, SOCIAL_WORKER, CHAIR})
SUPPORT = RUNNERS | {CHAIR_ELSEWHERE}
TEAM = frozenset({COORDINATOR, EMERGENCY})
KEEPER = frozenset({COORDINATOR})
STAFF = frozenset({COUNCIL_STAFF})

WORLD_CHECK_IN_TOKEN = "k" * 43
WORLD_PROGRAMME_TOKEN = "m" * 43
WORLD_TASK_TOKEN = "t" * 43


def page(obj: str = "", read=KEEPER, post: int | None = None, write=None, get: int = 200) -> Rule:
    return Rule(
        get=Expect(allowed=read, ok=get),
        post=NOT_ALLOWED if post is None else Expect(allowed=write or read, ok=post),
        kwargs={"pk": obj} if obj else {},
    )


def post_only(obj: str, ok: int = 302, write=KEEPER) -> Rule:
    return Rule(get=NOT_ALLOWED, post=Expect(allowed=write, ok=ok), kwargs={"pk": obj})


def public(token: str) -> Rule:
    return Rule(
        get=everyone(200), post=everyone(400), literal_kwargs={"slug": WORLD_SLUG, "token": token}
    )


ACCESS: dict[str, Rule] = {
    # Cases: the list, a new case (an empty POST: 400), the case's page (a fresh session
    # sees the reason form there), its trail, and the page of who opened every case.
    "welfare:cases": page(read=CASE),
    "welfare:case_create": page(read=CASE, post=400),
    "welfare:case_detail": page("case", CASE),
    "welfare:case_open": post_only("case", 400, CASE),
    "welfare:case_access": page("case", CASE),
    "welfare:access_log": page(read=CASE),
    # The case's other pages ask for the reason first: to the case's page (302).
    "welfare:case_edit": page("case", CASE, 302, get=302),
    "welfare:note_add": post_only("case", 302, CASE),
    "welfare:referral_create": page("case", CASE, 302, get=302),
    "welfare:referral_edit": page("referral", CASE, 302, get=302),
    "welfare:case_task_create": page("case", CASE, 302, get=302),
    # Community support: programmes (a chair sees their committee's), tasks, the fund.
    "welfare:programmes": page(read=SUPPORT, post=400, write=CASE),
    "welfare:programme": page("support_programme", RUNNERS, 400),
    "welfare:programme_edit": page("support_programme", RUNNERS, 400),
    "welfare:programme_link": post_only("support_programme", 302, RUNNERS),
    "welfare:task_edit": page("programme_task", RUNNERS, 400),
    "welfare:fund": page(read=CASE, post=400),
    "welfare:fund_request": page("fund_request", CASE, 400),
    # The emergency team: the team reads the roster, drills and contacts; the coordinator
    # keeps them and the list of residents who need help.
    "welfare:team": page(read=TEAM, post=400, write=KEEPER),
    "welfare:member_edit": page("team_member", KEEPER, 400),
    "welfare:member_delete": post_only("team_member"),
    "welfare:drills": page(read=TEAM, post=400, write=KEEPER),
    "welfare:contacts": page(read=TEAM, post=400, write=KEEPER),
    "welfare:contact_edit": page("council_contact", KEEPER, 400),
    "welfare:contact_delete": post_only("council_contact"),
    "welfare:vulnerable": page(read=KEEPER, post=400),
    "welfare:vulnerable_edit": page("vulnerable", KEEPER, 400),
    "welfare:vulnerable_delete": post_only("vulnerable"),
    "welfare:offline_pdf": page(read=TEAM),
    # Emergency mode: declaring (an empty POST: 400), the board and log of the world's
    # ended emergency, ending it again (nothing to do: back to the page), a follow-up.
    "welfare:emergency": page(read=TEAM, post=400),
    "welfare:board": page("emergency"),
    "welfare:emergency_end": post_only("emergency", 302, TEAM),
    "welfare:emergency_log": page("emergency"),
    "welfare:check_in": post_only("check_in", 400),
    # Numbers only.
    "welfare:home_panel": page(),
    "welfare:policy": page(read=STAFF, post=400),
    # Public: the check-in's answer, a programme's sign-up link, a volunteer's task.
    "help:check_in": public(WORLD_CHECK_IN_TOKEN),
    "help:signup": public(WORLD_PROGRAMME_TOKEN),
    "help:task": public(WORLD_TASK_TOKEN),
}

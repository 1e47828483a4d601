"""Who may reach each URL of the competencies app. See ``coordinator.access_rules``.

A self-assessment, a development goal and an activity belong to one coordinator: anyone
else gets 404, their mentor aside (the world's council staff member mentors the home
coordinator's self-assessment). Council pages (the model, the evidence table, the
aggregates, the self-assessments one mentors) are for council staff."""

from coordinator.access_rules import (
    COORDINATOR,
    COUNCIL_STAFF,
    NOT_ALLOWED,
    Expect,
    Rule,
)

OWNER = frozenset({COORDINATOR})
STAFF = frozenset({COUNCIL_STAFF})
OWNER_AND_MENTOR = frozenset({COORDINATOR, COUNCIL_STAFF})
# The competency whose history the world's pages show, by its key (not an object of the
# world: the model is shared by every settlement).
WORLD_KEY = "2.2"


def page(obj: str = "", read=OWNER, post: int | None = None, write=OWNER) -> Rule:
    return Rule(
        get=Expect(allowed=read),
        post=NOT_ALLOWED if post is None else Expect(allowed=write, ok=post),
        kwargs={"pk": obj} if obj else {},
    )


def post_only(obj: str, ok: int = 302, write=OWNER) -> Rule:
    return Rule(get=NOT_ALLOWED, post=Expect(allowed=write, ok=ok), kwargs={"pk": obj})


ACCESS: dict[str, Rule] = {
    # The coordinator's own: self-assessments (a new one: an empty POST is a 400), the
    # radar of the latest two, the development plan's next step. The home page's panel
    # loads on its own (HTMX), so the home page keeps its queries.
    "competencies:home": page(post=400),
    "competencies:home_panel": page(),
    # A self-assessment: the coordinator rates and saves (half done is fine: an empty
    # POST saves nothing and returns to the page); the mentor reads it and rates on
    # their own page.
    "competencies:cycle": page("cycle", OWNER_AND_MENTOR, 302),
    "competencies:cycle_complete": post_only("cycle"),
    "competencies:cycle_mentor": page("cycle", STAFF, 302, STAFF),
    "competencies:history": Rule(get=Expect(allowed=OWNER), literal_kwargs={"key": WORLD_KEY}),
    # The development plan: goals per competency, learning activities with due dates.
    "competencies:plan": page(post=400),
    "competencies:goal_edit": page("development_goal", post=400),
    "competencies:goal_delete": post_only("development_goal"),
    "competencies:activity_create": page("development_goal", post=400),
    "competencies:activity_edit": page("learning_activity", post=400),
    "competencies:activity_delete": post_only("learning_activity"),
    # The model as the council uses it (coordinators read it; council staff add their
    # own competencies as a new version: an empty POST is a 400).
    "competencies:framework": page(read=OWNER_AND_MENTOR, post=400, write=STAFF),
    # The council's: its table of evidence (add or remove a row: an empty POST is a 400),
    # the self-assessments its staff mentor, and the aggregates across its coordinators.
    "competencies:evidence_rules": page(read=STAFF, post=400, write=STAFF),
    "competencies:mentoring": page(read=STAFF),
    "competencies:council": page(read=STAFF),
}

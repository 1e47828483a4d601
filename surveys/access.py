"""Who may reach each URL of needs mapping. See ``coordinator.access_rules``.

Surveys, invitations, answers and meeting records are the coordinator's alone: a chair,
council staff, the board and another settlement's coordinator never see an answer. The
needs register is read by the secretary and the board as well. The answering pages are
public: a personal or shared link is all they need."""

from coordinator.access_rules import (
    BOARD,
    COORDINATOR,
    NOT_ALLOWED,
    SECRETARY,
    Expect,
    Rule,
    everyone,
)

ONLY = frozenset({COORDINATOR})
READ_NEEDS = frozenset({COORDINATOR, SECRETARY, BOARD})

# The answering pages of the world built by tests/test_permissions.py.
WORLD_PERSONAL_TOKEN = "world-personal-token-0123456789"  # noqa: S105  (a test link)
WORLD_SHARED_TOKEN = "world-shared-token-0123456789"  # noqa: S105


def page(obj: str = "", post: int | None = None, allowed: frozenset[str] = ONLY) -> Rule:
    """A page of ``allowed`` roles, about the world object ``obj``; ``post``: the status an
    allowed role gets for an empty POST (None: the URL takes no POST)."""
    return Rule(
        get=Expect(allowed=allowed),
        post=NOT_ALLOWED if post is None else Expect(allowed=ONLY, ok=post),
        kwargs={"pk": obj} if obj else {},
    )


def action(obj: str, post: int) -> Rule:
    """A button: POST only."""
    return Rule(get=NOT_ALLOWED, post=Expect(allowed=ONLY, ok=post), kwargs={"pk": obj})


ACCESS: dict[str, Rule] = {
    # Building
    "surveys:list": page(),
    "surveys:create": page(post=400),
    "surveys:starter": Rule(get=NOT_ALLOWED, post=Expect(allowed=ONLY, ok=302)),
    "surveys:detail": page("survey"),
    "surveys:edit": page("survey", post=400),
    "surveys:copy": action("survey", 302),
    "surveys:delete": page("survey", post=302),
    "surveys:preview": page("survey"),
    "surveys:section_add": page("survey", post=400),
    "surveys:section_edit": page("section", post=400),
    "surveys:section_delete": page("section", post=302),
    "surveys:question_add": page("section", post=400),
    "surveys:question_edit": page("question", post=400),
    "surveys:question_delete": page("question", post=302),
    "surveys:question_move": action("question", 400),
    # Audience and sending
    "surveys:audience": page("survey", post=400),
    "surveys:audience_pick": page("survey", post=400),
    "surveys:send": page("survey", post=302),
    "surveys:invitations": page("running_survey"),
    "surveys:sheets": page("running_survey"),
    "surveys:share": page("running_survey"),
    "surveys:close": action("running_survey", 302),
    # Results
    "surveys:results": page("running_survey"),
    "surveys:results_export": page("running_survey"),
    "surveys:text_answers": page("text_question"),
    # Answering: public. An empty answer to a survey with a required question is a 400.
    "surveys:answer": Rule(
        get=everyone(200), post=everyone(400), literal_kwargs={"token": WORLD_PERSONAL_TOKEN}
    ),
    "surveys:answer_shared": Rule(
        get=everyone(200), post=everyone(400), literal_kwargs={"token": WORLD_SHARED_TOKEN}
    ),
    # Meetings, focus groups, steering team, interviews
    "surveys:records": page(),
    "surveys:record_create": page(post=400),
    "surveys:record_detail": page("record"),
    "surveys:record_edit": page("record", post=400),
    "surveys:record_delete": page("record", post=302),
    # The needs register
    "surveys:needs": page(allowed=READ_NEEDS),
    "surveys:need_create": page(post=400),
    "surveys:need_detail": page("need", allowed=READ_NEEDS),
    "surveys:need_edit": page("need", post=400),
    "surveys:need_delete": page("need", post=302),
}

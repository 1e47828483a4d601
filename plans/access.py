"""Who may reach each URL of the plans app. See ``coordinator.access_rules``.

In the walk's world the plan is submitted: its decision form answers an empty POST with
400, and so does every form of the coordinator's (an empty form, or a plan that is with
the board)."""

from coordinator.access_rules import (
    BOARD,
    COORDINATOR,
    NOT_ALLOWED,
    SECRETARY,
    Expect,
    Rule,
)

READERS = frozenset({COORDINATOR, SECRETARY, BOARD})
WRITER = frozenset({COORDINATOR})
DECIDERS = frozenset({SECRETARY, BOARD})


def page(obj: str, read: frozenset[str] = READERS, post: int | None = None, write=WRITER) -> Rule:
    return Rule(
        get=Expect(allowed=read),
        post=NOT_ALLOWED if post is None else Expect(allowed=write, ok=post),
        kwargs={"pk": obj} if obj else {},
    )


def post_only(obj: str, ok: int = 302, write=WRITER) -> Rule:
    return Rule(get=NOT_ALLOWED, post=Expect(allowed=write, ok=ok), kwargs={"pk": obj})


ACCESS: dict[str, Rule] = {
    # The plans of the years, and a new one (an empty POST: 400).
    "plans:list": page("", post=400),
    # The vision: read by the plan's readers, revised by the coordinator.
    "plans:vision": page("", post=400),
    # A plan's page: goals, targets, programmes, budget, funding, progress.
    "plans:detail": page("plan"),
    "plans:edit": page("plan", WRITER, 400),
    "plans:revisions": page("plan"),
    "plans:submit": post_only("plan"),
    "plans:decide": page("plan", DECIDERS, 400, DECIDERS),
    "plans:goal_create": page("plan", WRITER, 400),
    "plans:goal_edit": page("plan_goal", WRITER, 400),
    "plans:goal_delete": page("plan_goal", WRITER, 400),
    "plans:target_create": page("plan_goal", WRITER, 400),
    "plans:target_edit": page("target", WRITER, 400),
    "plans:target_delete": page("target", WRITER, 400),
    "plans:programme_create": page("plan_goal", WRITER, 400),
    "plans:programme_edit": page("programme", WRITER, 400),
    "plans:programme_delete": page("programme", WRITER, 400),
    "plans:line_create": page("programme", WRITER, 400),
    "plans:line_edit": page("budget_line", WRITER, 400),
    "plans:line_delete": page("budget_line", WRITER, 400),
    "plans:funding": page("plan", post=400),
    "plans:funding_edit": page("funding", WRITER, 400),
    "plans:funding_delete": page("funding", WRITER, 400),
    "plans:funding_status": post_only("funding", 400),
    # Through the year: what was spent and received, and readings of the targets.
    "plans:actuals": page("budget_line", post=400),
    "plans:actual_delete": post_only("actual"),
    "plans:carry": post_only("budget_line"),
    "plans:measurements": page("target", post=400),
    "plans:measurement_delete": post_only("measurement"),
    # Documents for the board: the plan as PDF and XLSX, the quarterly progress report.
    "plans:pdf": page("plan"),
    "plans:xlsx": page("plan"),
    "plans:quarterly": page("plan"),
}

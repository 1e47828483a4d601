"""Yearly plans for the scale data set: the vision, and for each year a plan with goals,
targets, programmes, funding sources, budget lines and some actuals."""

import datetime as dt
from decimal import Decimal

from coordinator.scale import ScaleContext

from .models import Actual, BudgetLine, FundingSource, Goal, Plan, Programme, Target, Vision

GOALS = ["Strengthen community life", "Welcome new families", "Youth leadership", "Seniors"]
CATEGORIES = [BudgetLine.Category.ACTIVITIES, BudgetLine.Category.STAFF, BudgetLine.Category.FOOD]


def build(ctx: ScaleContext) -> None:
    rng = ctx.rng("plans")
    s = ctx.settlement
    committees = ctx.shared.get("committee_ids", [])
    decider = ctx.users.get("secretary") or ctx.coordinator
    ctx.bulk(
        [
            Vision(
                settlement=s,
                statement=f"{s.name}: a community where everyone belongs.",
                values="Mutual help, openness, initiative",
                updated_by=ctx.coordinator,
                updated_at=ctx.now,
            )
        ]
    )
    years = list(range(ctx.today.year - ctx.years + 1, ctx.today.year + 1))
    plans = ctx.bulk(
        Plan(
            settlement=s,
            year=year,
            title=f"Plan {year}",
            status=Plan.Status.APPROVED if year < ctx.today.year else Plan.Status.SUBMITTED,
            submitted_at=ctx.at(dt.date(year - 1, 12, 1), 10),
            decided_at=ctx.at(dt.date(year - 1, 12, 20), 10) if year < ctx.today.year else None,
            decided_by=decider if year < ctx.today.year else None,
            created_at=ctx.at(dt.date(year - 1, 10, 1), 10),
        )
        for year in years
    )
    goals = ctx.bulk(
        Goal(settlement=s, plan=plan, title=title, position=position)
        for plan in plans
        for position, title in enumerate(GOALS[: ctx.n(len(GOALS), minimum=2)])
    )
    ctx.bulk(
        Target(
            settlement=s,
            goal=goal,
            indicator="Residents taking part",
            baseline=Decimal(rng.randint(10, 50)),
            target_value=Decimal(rng.randint(60, 200)),
            unit="people",
        )
        for goal in goals
    )
    funding = ctx.bulk(
        FundingSource(
            settlement=s,
            plan=plan,
            kind=kind,
            name=label,
            amount=Decimal(rng.randint(50, 300) * 100),
            status=FundingSource.Status.APPROVED,
        )
        for plan in plans
        for kind, label in [
            (FundingSource.Kind.COUNCIL, "Council"),
            (FundingSource.Kind.SETTLEMENT, "Settlement budget"),
            (FundingSource.Kind.FEES, "Fees"),
        ]
    )
    funding_of: dict[int, list[FundingSource]] = {}
    for source in funding:
        funding_of.setdefault(source.plan_id, []).append(source)
    programmes = ctx.bulk(
        Programme(
            settlement=s,
            goal=goal,
            title=f"{goal.title}: programme {number + 1}",
            owner_id=rng.choice(committees) if committees else None,
            starts_on=dt.date(goal.plan.year, 1, 1),
            ends_on=dt.date(goal.plan.year, 12, 31),
        )
        for goal in goals
        for number in range(3)
    )
    lines = ctx.bulk(
        BudgetLine(
            settlement=s,
            programme=programme,
            category=category,
            description=str(category.label),
            planned_expense=Decimal(rng.randint(5, 80) * 100),
            planned_income=Decimal(rng.randint(0, 20) * 100),
            funding=rng.choice(funding_of[programme.goal.plan_id]),
        )
        for programme in programmes
        for category in CATEGORIES
    )
    ctx.bulk(
        Actual(
            settlement=s,
            line=line,
            amount=Decimal(rng.randint(1, 40) * 100),
            on=min(ctx.today, dt.date(line.programme.goal.plan.year, rng.randint(1, 12), 15)),
            description="Paid",
            recorded_by=ctx.coordinator,
            recorded_at=ctx.now,
        )
        for line in lines
        if rng.random() < 0.6
    )

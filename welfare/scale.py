"""Welfare for the scale data set: cases for a few per cent of the households (their
details encrypted, so kept short and few), a note on some, the emergency team's roster, the
council contacts and the residents who need help in an emergency."""

import datetime as dt

from coordinator.scale import ScaleContext

from .models import (
    CaseNote,
    CouncilContact,
    NeedCategory,
    TeamMember,
    VulnerableResident,
    WelfareCase,
)
from .models_emergency import Function
from .selectors_team import EXPECTED

# Every function the team should fill, and the optional security and youth.
ROSTER = [*EXPECTED, Function.SECURITY, Function.YOUTH]


def build(ctx: ScaleContext) -> None:
    rng = ctx.rng("welfare")
    s = ctx.settlement
    worker = ctx.users.get("social_worker")
    categories = list(NeedCategory.values)
    cases: list[WelfareCase] = []
    for household_id in rng.sample(
        ctx.households, min(len(ctx.households), ctx.n(len(ctx.households) * 0.04))
    ):
        opened = ctx.now - dt.timedelta(days=rng.randint(1, 365 * ctx.years))
        # The first is open, so that every settlement's list of open cases has one.
        status = rng.choice(list(WelfareCase.Status.values)) if cases else WelfareCase.Status.OPEN
        cases.append(
            WelfareCase(
                settlement=s,
                household_id=household_id,
                categories=rng.sample(categories, rng.randint(1, 2)),
                need_details="Needs help",
                came_to_light=rng.choice(list(WelfareCase.Source.values)),
                consent_at=opened,
                consent_by=worker or ctx.coordinator,
                social_worker=worker,
                status=status,
                review_on=(opened + dt.timedelta(days=90)).date(),
                opened_at=opened,
                closed_at=opened + dt.timedelta(days=60) if status == "closed" else None,
            )
        )
    ctx.bulk(cases)
    ctx.bulk(
        CaseNote(
            settlement=s,
            case=case,
            text="Visited",
            written_by=worker or ctx.coordinator,
            written_at=case.opened_at + dt.timedelta(days=7),
        )
        for case in cases
        if rng.random() < 0.5
    )

    adults = [r for r in ctx.residents if 25 <= r.age < 70]
    team = []
    emergency_user = ctx.users.get("emergency")
    for position, function in enumerate(ROSTER[: ctx.n(len(ROSTER))]):
        for deputy in (False, True):
            resident = rng.choice(adults) if adults else None
            team.append(
                TeamMember(
                    settlement=s,
                    function=function,
                    deputy=deputy,
                    name=resident.name if resident else f"Team member {position + 1}",
                    phone="050-0000000",
                    email=resident.email if resident else "",
                    user=emergency_user if position == 0 and not deputy else None,
                    resident_id=resident.pk if resident else None,
                    trained_on=ctx.today - dt.timedelta(days=rng.randint(10, 400)),
                )
            )
    ctx.bulk(team)
    ctx.bulk(
        CouncilContact(settlement=s, department=department, name=f"{label} desk", phone="100")
        for department, label in [
            (CouncilContact.Department.WELFARE, "Welfare"),
            (CouncilContact.Department.SECURITY, "Security"),
            (CouncilContact.Department.VIOLENCE, "Violence, drugs and alcohol"),
        ]
    )
    seniors = [r for r in ctx.residents if r.age >= 75]
    ctx.bulk(
        VulnerableResident(
            settlement=s,
            resident_id=resident.pk,
            reason=VulnerableResident.Reason.ELDERLY_ALONE,
            needs="Stairs",
            buddy=rng.choice(team),
        )
        for resident in rng.sample(seniors, min(len(seniors), ctx.n(len(ctx.residents) * 0.01)))
    )

"""Committees for the scale data set: about six per settlement with chairs and members,
meetings a few times a month with attendance and action items, and a few partners."""

import datetime as dt

from coordinator.scale import ScaleContext

from .models import ActionItem, Committee, CommitteeMember, Meeting, MeetingAttendance, Partner

KINDS = [
    (Committee.Kind.CULTURE, "Culture committee"),
    (Committee.Kind.ABSORPTION, "Absorption committee"),
    (Committee.Kind.YOUTH, "Youth committee"),
    (Committee.Kind.WELFARE, "Welfare committee"),
    (Committee.Kind.EMERGENCY, "Emergency team"),
    (Committee.Kind.SPORT, "Sport committee"),
]
ACTIONS = ["Book the hall", "Order the food", "Write to the council", "Call the instructor"]


def build(ctx: ScaleContext) -> None:
    rng = ctx.rng("committees")
    s = ctx.settlement
    committees = ctx.bulk(
        Committee(settlement=s, name=name, kind=kind, mandate=f"{name} of {s.name}")
        for kind, name in KINDS
    )
    ctx.shared["committee_ids"] = [c.pk for c in committees]
    chair = ctx.users.get("chair")
    if chair is not None:
        Committee.chairs.through.objects.create(committee_id=committees[0].pk, user_id=chair.pk)
        ctx.counts[Committee.chairs.through._meta.label] += 1

    adults = [r for r in ctx.residents if r.age >= 18]
    members: dict[int, list[int]] = {}
    rows = []
    for committee in committees:
        picked = rng.sample(adults, min(len(adults), rng.randint(5, 9)))
        members[committee.pk] = [r.pk for r in picked]
        for position, resident in enumerate(picked):
            role = CommitteeMember.Role.CHAIR if position == 0 else CommitteeMember.Role.MEMBER
            rows.append(
                CommitteeMember(
                    settlement=s,
                    committee=committee,
                    resident_id=resident.pk,
                    role=role,
                    term_start=ctx.start,
                )
            )
    ctx.bulk(rows)

    ctx.bulk(
        Partner(settlement=s, name=f"{label} partner", kind=kind, contact_person="Scale Partner")
        for kind, label in [
            (Partner.Kind.WELFARE, "Welfare"),
            (Partner.Kind.SECURITY, "Security"),
            (Partner.Kind.CULTURE_YOUTH, "Culture"),
        ]
    )

    # A few meetings a month over the years, and a month ahead: the first of them ahead,
    # so that every settlement, the small one too, has an upcoming meeting.
    days = (ctx.today - ctx.start).days + 30
    meetings = []
    for number in range(ctx.n(4 * ctx.months, minimum=5)):
        committee = rng.choice(committees)
        day = (
            ctx.today + dt.timedelta(days=rng.randint(1, 30))
            if number == 0
            else ctx.start + dt.timedelta(days=rng.randint(0, days))
        )
        starts = ctx.at(day, rng.choice([17, 18, 19, 20]))
        past = starts < ctx.now
        meetings.append(
            Meeting(
                settlement=s,
                kind=Meeting.Kind.COMMITTEE,
                committee=committee,
                title=f"{committee.name} {day:%B %Y}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                place="Community hall",
                agenda="Plans, budget, events",
                minutes="Discussed the plans." if past else "",
                created_at=starts - dt.timedelta(days=14),
            )
        )
    ctx.bulk(meetings)

    attendance = []
    items = []
    owners = [u for u in (ctx.users.get("chair"), ctx.coordinator) if u is not None]
    for meeting in meetings:
        past = meeting.starts_at < ctx.now
        for resident_id in members[meeting.committee_id or 0]:
            attended = rng.random() < 0.8 if past else None
            attendance.append(
                MeetingAttendance(
                    settlement=s, meeting=meeting, resident_id=resident_id, attended=attended
                )
            )
        for _item in range(rng.randint(1, 3)):
            due = meeting.starts_at.date() + dt.timedelta(days=rng.randint(7, 30))
            done = past and due < ctx.today and rng.random() < 0.85
            items.append(
                ActionItem(
                    settlement=s,
                    meeting=meeting,
                    title=rng.choice(ACTIONS),
                    owner=rng.choice(owners),
                    due_on=due,
                    done_at=ctx.at(due, 12) if done else None,
                    created_at=meeting.starts_at,
                )
            )
    ctx.bulk(attendance)
    ctx.bulk(items)

"""What the load needs, on a database that ``seed_scale`` filled: run as
``python -m loadtest.prepare --users N --out plan.json`` with the server's environment (the
same ``SECRET_KEY``: the survey links are HMACs under it).

For each simulated user an account of its own (a TOTP replay check refuses the same code
twice, so two users never share an account): coordinators of the settlements in turn,
chairs of a committee each with an action item of their own to tick, and council staff.
Each account has a confirmed authenticator app whose key goes into the plan, so the load
logs in the way production requires (password, then the code). In every big settlement a
running survey with one personal link per invited resident and a shared link.

The plan file holds passwords and keys of throw-away accounts: it stays in the run's
folder under ``var/``.
"""

import argparse
import datetime as dt
import json
import secrets
import sys
from pathlib import Path
from typing import Any

import django

# Everything after django.setup() (models, services) is imported inside main().


def _survey(settlement: Any, by: Any) -> Any:
    """A running survey of the settlement, sent to everyone who agreed to be contacted."""
    from coordinator import clock
    from surveys.services import builder, dispatch
    from surveys.services.builder import QuestionData

    language = settlement.language

    def text(value: str) -> dict[str, str]:
        return {language: value}

    survey = builder.survey_create(
        settlement=settlement, by=by, languages=[language], title=text("Load test survey")
    )
    section = builder.section_create(survey=survey, title=text("Questions"))
    questions = [
        QuestionData(
            kind="single",
            text=text("Which activity would you join?"),
            required=True,
            options=[text("Concerts"), text("Sport"), text("Classes")],
        ),
        QuestionData(kind="rating", text=text("How do you like living here?"), required=True),
        QuestionData(kind="yes_no", text=text("Would you volunteer?")),
        QuestionData(
            kind="multiple",
            text=text("Which days suit you?"),
            options=[text("Weekdays"), text("Weekends")],
        ),
        QuestionData(kind="number", text=text("How many children live with you?"), number_min=0),
        QuestionData(kind="short_text", text=text("What is missing?")),
    ]
    for data in questions:
        builder.question_create(section=section, data=data)
    builder.survey_schedule(
        survey=survey, closes_on=clock.today() + dt.timedelta(days=30), reminder_days=[]
    )
    survey = dispatch.survey_send(survey=survey, settlement=settlement, by=by)
    dispatch.survey_invite(survey=survey, settlement=settlement)
    return survey


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, required=True, help="accounts of each role")
    parser.add_argument("--out", type=Path, required=True, help="the plan file (JSON)")
    args = parser.parse_args(argv)

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_scopes import scopes_disabled

    from bench.pages import settlement_urls
    from committees.models import ActionItem, Committee
    from coordinator import clock
    from coordinator.models import Council, Membership, Role, User
    from surveys import tokens
    from surveys.models import Invitation

    with scopes_disabled(), transaction.atomic():
        council = Council.objects.order_by("pk").first()
        if council is None:
            print("No council: run seed_scale first.", file=sys.stderr)
            return 2
        # The big settlements (the small one's slug ends in -small).
        settlements = list(council.settlements.exclude(slug__endswith="-small").order_by("slug"))
        password = secrets.token_urlsafe(12)
        hashed = make_password(password)
        now = clock.now()

        def accounts(role: str, count: int) -> list[User]:
            users = User.objects.bulk_create(
                User(
                    username=f"load-{role}-{number}",
                    first_name="Load",
                    last_name=f"{role.title()} {number}",
                    email=f"load-{role}-{number}@load.example.org",
                    password=hashed,
                )
                for number in range(count)
            )
            return users

        coordinators = accounts("coordinator", args.users)
        chairs = accounts("chair", args.users)
        staff = accounts("staff", args.users)
        users = coordinators + chairs + staff
        keys = {user.pk: secrets.token_hex(20) for user in users}
        TOTPDevice.objects.bulk_create(
            TOTPDevice(user=user, name="Load test", key=keys[user.pk], confirmed=True)
            for user in users
        )

        # Coordinators: the settlements in turn, with the pages of their settlement.
        memberships = []
        pages = {s.pk: settlement_urls(s) for s in settlements}
        plan_coordinators = []
        for number, user in enumerate(coordinators):
            settlement = settlements[number % len(settlements)]
            memberships.append(Membership(user=user, role=Role.COORDINATOR, settlement=settlement))
            urls = {name: url for name, (url, _why) in pages[settlement.pk].items() if url}
            plan_coordinators.append(
                {
                    "username": user.username,
                    "key": keys[user.pk],
                    "settlement": settlement.slug,
                    "pages": {
                        name: urls[name]
                        for name in (
                            "home",
                            "resident list",
                            "resident search",
                            "committee page",
                            "calendar",
                            "plan page",
                        )
                        if name in urls
                    },
                }
            )

        # Chairs: a committee each (with meetings), and an action item of their own in
        # its latest meeting, which they tick done and open again.
        committees = list(
            Committee.objects.filter(settlement__in=settlements, meetings__isnull=False)
            .distinct()
            .order_by("settlement__slug", "pk")
        )
        if not committees:
            print("No committee with meetings in the seeded data.", file=sys.stderr)
            return 2
        plan_chairs = []
        for number, user in enumerate(chairs):
            committee = committees[number % len(committees)]
            committee.chairs.add(user)
            memberships.append(
                Membership(user=user, role=Role.CHAIR, settlement_id=committee.settlement_id)
            )
            meeting = committee.meetings.order_by("-starts_at", "-pk").first()
            assert meeting is not None  # noqa: S101  (filtered above)
            item = ActionItem.objects.create(
                settlement_id=committee.settlement_id,
                meeting=meeting,
                title=f"Load test task {number}",
                owner=user,
                due_on=clock.today() + dt.timedelta(days=14),
                created_at=now,
            )
            plan_chairs.append(
                {
                    "username": user.username,
                    "key": keys[user.pk],
                    "pages": {
                        "home": reverse("home"),
                        "committee page": reverse("committees:detail", kwargs={"pk": committee.pk}),
                        "meeting": reverse("committees:meeting_detail", kwargs={"pk": meeting.pk}),
                    },
                    "action_done": reverse("committees:action_done", kwargs={"pk": item.pk}),
                }
            )

        memberships += [
            Membership(user=user, role=Role.COUNCIL_STAFF, council=council) for user in staff
        ]
        Membership.objects.bulk_create(memberships)
        plan_staff = [
            {
                "username": user.username,
                "key": keys[user.pk],
                "pages": {
                    "council dashboard": reverse("council:dashboard"),
                    "competencies council": reverse("competencies:council"),
                },
            }
            for user in staff
        ]

        # Surveys: one running survey per big settlement.
        personal: list[str] = []
        shared: list[str] = []
        for settlement in settlements:
            owner = Membership.objects.filter(
                settlement=settlement, role=Role.COORDINATOR, user__username__startswith="scale"
            ).first()
            survey = _survey(settlement, owner.user if owner else coordinators[0])
            shared.append(reverse("surveys:answer_shared", kwargs={"token": survey.share_token}))
            nonces = Invitation.objects.filter(survey=survey, nonce__isnull=False).values_list(
                "nonce", flat=True
            )
            personal += [
                reverse("surveys:answer", kwargs={"token": tokens.invitation_token(nonce)})
                for nonce in nonces
                if nonce
            ]

    plan = {
        "password": password,
        "coordinators": plan_coordinators,
        "chairs": plan_chairs,
        "council_staff": plan_staff,
        "personal_links": personal,
        "shared_links": shared,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(plan, indent=1))
    args.out.chmod(0o600)
    print(
        f"Prepared {len(users)} accounts, {len(personal)} personal links and "
        f"{len(shared)} shared links in {len(settlements)} settlements."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

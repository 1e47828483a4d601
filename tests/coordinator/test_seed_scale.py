"""The scale data set: every kind of row, the accounts of each role, a small settlement,
the same names from the same seed, and the command."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from committees.models import ActionItem, Committee, CommitteeMember, Meeting
from coordinator import clock
from coordinator.models import Household, Membership, Resident, Role, User
from coordinator.scale import ScaleWorld, scale_build
from events.models import (
    ClassRegistration,
    Course,
    CourseSession,
    Event,
    EventRegistration,
    SessionAttendance,
)
from plans.models import BudgetLine, Goal, Plan, Programme
from surveys.models import Answer, Invitation, Response, Survey
from surveys.selectors.results import MIN_GROUP
from welfare.models import TeamMember, WelfareCase

TINY = {"settlements": 2, "residents_per_settlement": 40, "years": 1}
KINDS = [
    Household,
    Resident,
    Committee,
    CommitteeMember,
    Meeting,
    ActionItem,
    Event,
    EventRegistration,
    Course,
    CourseSession,
    ClassRegistration,
    SessionAttendance,
    Survey,
    Invitation,
    Response,
    Answer,
    Plan,
    Goal,
    Programme,
    BudgetLine,
    WelfareCase,
    TeamMember,
]


@pytest.fixture
def world(db) -> ScaleWorld:
    return scale_build(**TINY, seed=7)


def test_every_kind_of_row_is_made_in_every_settlement(world):
    with scopes_disabled():
        for settlement in [*world.settlements, world.small]:
            for model in KINDS:
                made = model.objects.filter(settlement=settlement).count()
                assert made > 0, (model.__name__, settlement.slug)
        for model in KINDS:
            assert world.counts[model._meta.label] == model.objects.count(), model.__name__
        assert Resident.objects.filter(settlement=world.settlements[0]).count() == 40
        ages = {
            world.settlements[0].age_group_of(r.birth_date, r.created_at.date())
            for r in Resident.objects.filter(settlement=world.settlements[0])
        }
    assert len(world.settlements) == 2
    assert ages == {"children", "youth", "young_adults", "adults", "seniors"}


def logs_in(client, username: str, password: str) -> bool:
    """A login through the form (django-axes refuses ``client.login()``)."""
    client.logout()
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_the_accounts_have_their_roles_and_log_in(world, client):
    first = world.settlements[0]
    expected = {
        "coordinator": Role.COORDINATOR,
        "chair": Role.CHAIR,
        "secretary": Role.SECRETARY,
        "board": Role.BOARD,
        "social_worker": Role.SOCIAL_WORKER,
        "emergency": Role.EMERGENCY,
    }
    for key, role in expected.items():
        user = User.objects.get(username=world.accounts[key])
        assert Membership.objects.filter(user=user, role=role, settlement=first).exists(), key
        assert logs_in(client, user.username, world.password), key
    staff = User.objects.get(username=world.accounts["council_staff"])
    assert Membership.objects.filter(
        user=staff, role=Role.COUNCIL_STAFF, council=world.council
    ).exists()
    small = User.objects.get(username=world.accounts["small_coordinator"])
    assert Membership.objects.filter(
        user=small, role=Role.COORDINATOR, settlement=world.small
    ).exists()
    with scopes_disabled():
        chair = User.objects.get(username=world.accounts["chair"])
        assert Committee.objects.filter(settlement=first, chairs=chair).exists()
        emergency = User.objects.get(username=world.accounts["emergency"])
        assert TeamMember.objects.filter(settlement=first, user=emergency).exists()
    assert logs_in(client, staff.username, world.password)
    assert not logs_in(client, staff.username, "wrong password")


def test_the_small_settlement_is_smaller(world):
    with scopes_disabled():
        big = Resident.objects.filter(settlement=world.settlements[0]).count()
        small = Resident.objects.filter(settlement=world.small).count()
        big_meetings = Meeting.objects.filter(settlement=world.settlements[0]).count()
        small_meetings = Meeting.objects.filter(settlement=world.small).count()
    assert 0 < small < big
    assert 0 < small_meetings < big_meetings
    assert world.small.council_id == world.council.pk


def test_every_settlement_has_what_the_measured_pages_show(world):
    """The small settlement too (1 % of the data): an upcoming meeting and event, an open
    welfare case, and a named survey with enough answers for its results to be shown, so
    that the benchmark compares pages doing the same work at 1 % and at 100 %."""
    now = clock.now()
    with scopes_disabled():
        for settlement in [*world.settlements, world.small]:
            mine = {"settlement": settlement}
            assert Meeting.objects.filter(**mine, starts_at__gte=now).exists()
            assert Event.objects.filter(**mine, starts_at__gte=now).exists()
            assert WelfareCase.objects.filter(**mine, status=WelfareCase.Status.OPEN).exists()
            named = Survey.objects.filter(**mine, anonymous=False)
            answered = [Response.objects.filter(survey=survey).count() for survey in named]
            assert max(answered, default=0) >= MIN_GROUP, settlement.slug


def _names(world: ScaleWorld) -> list[tuple[str, str, str]]:
    with scopes_disabled():
        return list(
            Resident.objects.filter(settlement__council=world.council)
            .order_by("pk")
            .values_list("settlement__name", "first_name", "last_name")
        )


class Rollback(Exception):
    pass


def test_the_same_seed_gives_the_same_names_and_counts(db):
    built: list[tuple[list[tuple[str, str, str]], dict[str, int]]] = []
    for _attempt in range(2):
        with pytest.raises(Rollback), transaction.atomic():
            world = scale_build(**TINY, seed=3)
            built.append((_names(world), world.counts))
            raise Rollback
    assert built[0] == built[1]
    assert len(built[0][0]) > 80
    # In the same database a second build gets identifiers of its own, the same names.
    first = scale_build(**TINY, seed=3)
    second = scale_build(**TINY, seed=3)
    assert first.council.slug != second.council.slug
    assert [n for _s, *n in _names(first)] == [n for _s, *n in _names(second)]
    other = scale_build(**TINY, seed=4)
    assert [n for _s, *n in _names(other)] != [n for _s, *n in _names(first)]


def test_the_command_builds_and_prints_a_summary(db, capsys, settings):
    settings.DEBUG = True
    call_command(
        "seed_scale", settlements=1, residents_per_settlement=30, years=1, seed=5, small_share=0.5
    )
    out = capsys.readouterr().out
    assert "committees.Meeting" in out and "coordinator.Resident" in out
    assert "scale-5-001-coordinator" in out
    with scopes_disabled():
        assert Resident.objects.count() == 30 + 15


def test_the_seed_commands_refuse_to_run_without_debug(db, settings):
    """They make accounts whose password is published: never on a production server."""
    settings.DEBUG = False
    for command in ("seed_scale", "seed_demo"):
        with pytest.raises(CommandError, match="DEBUG=1"):
            call_command(command)
    with scopes_disabled():
        assert not Resident.objects.exists()


def test_the_main_pages_render_on_the_data(world, client):
    first = world.settlements[0]
    with scopes_disabled():
        survey = Survey.objects.filter(settlement=first).order_by("pk").first()
        plan = Plan.objects.filter(settlement=first).order_by("-year").first()
        committee = Committee.objects.filter(settlement=first).order_by("pk").first()
        course = Course.objects.filter(settlement=first).order_by("pk").first()
    assert survey and plan and committee and course
    assert logs_in(client, world.accounts["coordinator"], world.password)
    for url in [
        reverse("home"),
        reverse("residents:list"),
        reverse("households:list"),
        reverse("committees:list"),
        reverse("committees:detail", args=[committee.pk]),
        reverse("committees:meetings"),
        reverse("events:calendar"),
        reverse("classes:list"),
        reverse("classes:detail", args=[course.pk]),
        reverse("surveys:list"),
        reverse("surveys:results", args=[survey.pk]),
        reverse("plans:list"),
        reverse("plans:detail", args=[plan.pk]),
        reverse("welfare:team"),
    ]:
        assert client.get(url).status_code == 200, url
    assert logs_in(client, world.accounts["council_staff"], world.password)
    assert client.get(reverse("council:dashboard")).status_code == 200
    for key in ("chair", "social_worker", "emergency", "small_coordinator"):
        assert logs_in(client, world.accounts[key], world.password)
        assert client.get(reverse("home")).status_code == 200, key

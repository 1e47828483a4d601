"""The role × URL walk: every URL of the project, for every role, GET and POST.

Each app declares who may reach each of its URLs in ``<app>/access.py``. This test walks
the URL resolver, so a URL added without an entry fails here. Objects are built by
factories in a home settlement; the same kinds of objects exist in a second settlement of
the same council, each carrying a marker that must never appear in any response to anyone
but a superuser, and every URL that takes an object is also requested with that
settlement's object, which must be 404 for every logged-in user.
"""

import importlib
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.http import HttpResponse
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from committees.access import WORLD_SLUG
from committees.models import MeetingAttendance
from coordinator import access_rules as r
from coordinator import clock
from coordinator.models import Role

from . import factories

MARKER = "ZZLEAKMARKER"
SEARCH = {"q": "Resident"}  # matches the marker resident too, were it in reach
HTMX = {"HX-Request": "true"}
ADMIN_PREFIX = "admin:"


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Every named URL of the project, with namespaces ("residents:list")."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if not pattern.name and namespace.startswith(ADMIN_PREFIX):
                continue  # the admin's own unnamed redirects
            assert pattern.name, f"Every URL needs a name: {pattern.pattern}"
            names.append(namespace + pattern.name)
    return sorted(set(names))


def access_tables() -> dict[str, r.Rule]:
    tables: dict[str, r.Rule] = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.access")
        except ModuleNotFoundError:
            continue
        overlap = set(tables) & set(module.ACCESS)
        assert not overlap, f"URL declared twice: {overlap}"
        tables.update(module.ACCESS)
    return tables


PRODUCT_URLS = [name for name in url_names() if not name.startswith(ADMIN_PREFIX)]
ADMIN_URLS = [name for name in url_names() if name.startswith(ADMIN_PREFIX)]
TABLES = access_tables()


def test_every_url_has_an_access_entry():
    missing = sorted(set(PRODUCT_URLS) - set(TABLES))
    stale = sorted(set(TABLES) - set(PRODUCT_URLS))
    assert not missing, f"URLs without an entry in their app's access.py: {missing}"
    assert not stale, f"access.py entries for URLs that do not exist: {stale}"


def test_a_new_url_without_an_entry_is_caught(settings):
    """The guard itself can fail: a URL added to the resolver shows up as missing."""
    from django.urls import clear_url_caches, path

    import coordinator.urls as root

    extra = path("unlisted/", lambda request: HttpResponse(), name="unlisted_probe")
    root.urlpatterns.append(extra)
    clear_url_caches()
    try:
        assert "unlisted_probe" in set(url_names()) - set(TABLES)
    finally:
        root.urlpatterns.remove(extra)
        clear_url_caches()


@dataclass
class World:
    users: dict[str, Any]
    home: dict[str, Any]
    away: dict[str, Any]

    def snapshot(self) -> dict[str, int]:
        """Row counts of every model, to show a refused request changed nothing."""
        with scopes_disabled():
            return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def objects_in(settlement, coordinator, marker=""):
    tag = factories.TagFactory(settlement=settlement, name=f"{marker}tag")
    neighbourhood = factories.NeighbourhoodFactory(
        settlement=settlement, name=f"{marker}neighbourhood"
    )
    household = factories.HouseholdFactory(
        settlement=settlement, name=f"{marker}household", neighbourhood=neighbourhood
    )
    resident = factories.ResidentFactory.create(
        settlement=settlement,
        first_name=f"{marker}Resident",
        last_name=f"{marker}Person",
        household=household,
        neighbourhood=neighbourhood,
        email=f"{marker.lower() or 'home'}@example.org",
    )
    resident.tags.add(tag)
    committee = factories.CommitteeFactory(settlement=settlement, name=f"{marker}committee")
    batch = factories.ImportBatchFactory(settlement=settlement, created_by=coordinator)
    committee_member = factories.CommitteeMemberFactory(committee=committee, resident=resident)
    goal = factories.WorkPlanGoalFactory(
        work_plan__committee=committee, title=f"{marker}Goal of the plan"
    )
    activity = factories.WorkPlanActivityFactory(goal=goal, title=f"{marker}Activity")
    meeting = factories.MeetingFactory(
        committee=committee, title=f"{marker}Meeting", minutes=f"{marker}minutes"
    )
    MeetingAttendance.objects.create(
        meeting=meeting, settlement=settlement, resident=resident, attended=True
    )
    partner = factories.PartnerFactory(settlement=settlement, name=f"{marker}Partner")
    partner.committees.add(committee)
    meeting.partners.add(partner)
    return merged(
        survey_objects(settlement, resident, marker),
        volunteer_objects(settlement, resident, committee, marker),
        competency_objects(coordinator, marker),
        welfare_objects(settlement, household, resident, committee, coordinator, marker),
        {
            "committee_member": committee_member,
            "goal": goal,
            "activity": activity,
            "meeting": meeting,
            "action_item": factories.ActionItemFactory(meeting=meeting, title=f"{marker}Action"),
            "partner": partner,
            "resident": resident,
            "resident_history": resident.history.order_by("-history_id").first(),
            "household": household,
            "neighbourhood": neighbourhood,
            "tag": tag,
            "committee": committee,
            "import_batch": batch,
        },
    )


def merged(*parts: dict[str, Any]) -> dict[str, Any]:
    """The world's objects by name: two apps naming an object alike would hand one app's
    URLs the other's ids, which passes or fails by chance of the ids."""
    objects: dict[str, Any] = {}
    for part in parts:
        clash = set(objects) & set(part)
        assert not clash, f"world objects named twice: {clash}"
        objects.update(part)
    return objects


def volunteer_objects(settlement, resident, committee, marker=""):
    """Volunteering, initiatives, conflicts and services. Only the home world's links are
    the fixed tokens the access table names."""
    from committees.access import (
        WORLD_HOURS_TOKEN,
        WORLD_INITIATIVE_TOKEN,
        WORLD_OPENING_TOKEN,
    )
    from committees.tokens import token_hash

    def hashed(token: str) -> str:
        return "" if marker else token_hash(token)

    skill = factories.SkillFactory(settlement=settlement, name=f"{marker}Skill")
    volunteer = factories.VolunteerProfileFactory(
        resident=resident,
        skills=[skill],
        notes=f"{marker}notes",
        hours_nonce="n" * 32,
        hours_token_hash=hashed(WORLD_HOURS_TOKEN),
    )
    opening = factories.OpeningFactory(
        committee=committee, title=f"{marker}Opening", skills=[skill]
    )
    invitation = factories.OpeningInvitationFactory(
        opening=opening, resident=resident, token_hash=hashed(WORLD_OPENING_TOKEN)
    )
    hours = factories.VolunteerHoursFactory(
        committee=committee, resident=resident, description=f"{marker}Hours"
    )
    factories.VolunteerMilestoneFactory(resident=resident)
    initiative = factories.InitiativeFactory(
        settlement=settlement,
        title=f"{marker}Idea",
        committee=committee,
        token_hash=hashed(WORLD_INITIATIVE_TOKEN),
    )
    conflict = factories.ConflictFactory(settlement=settlement, title=f"{marker}Conflict")
    step = factories.MediationStepFactory(conflict=conflict, notes=f"{marker}Step")
    service = factories.CommunityServiceFactory(
        settlement=settlement, name=f"{marker}Service", committee=committee
    )
    service.runners.add(resident)
    return merged(
        event_objects(settlement, resident, committee, marker),
        plan_objects(settlement, committee, marker),
        {
            "skill": skill,
            "volunteer": volunteer,
            "opening": opening,
            "opening_invitation": invitation,
            "hours": hours,
            "initiative": initiative,
            "conflict": conflict,
            "mediation_step": step,
            "service": service,
        },
    )


def event_objects(settlement, resident, committee, marker=""):
    """An event with a registration, a shift and its volunteer; a class with a session, a
    registration of a participant and their attendance. Only the home world's links are
    the fixed tokens the access table names."""
    from committees.tokens import token_hash
    from events.access import WORLD_CLASS_TOKEN, WORLD_SHIFT_TOKEN, WORLD_SIGNUP_TOKEN

    def hashed(token: str) -> str:
        return "" if marker else token_hash(token)

    event = factories.EventFactory(
        committee=committee,
        title={"en": f"{marker}Event"},
        description={"en": f"{marker}About the event"},
        signup_open=True,
        capacity=30,
    )
    registration = factories.EventRegistrationFactory(
        event=event,
        name=f"{marker}Guest",
        email=f"{marker.lower() or 'home'}-guest@example.org",
        token_hash=hashed(WORLD_SIGNUP_TOKEN),
    )
    shift = factories.VolunteerShiftFactory(event=event, role=f"{marker}Door")
    shift_signup = factories.ShiftSignupFactory(
        shift=shift, name=f"{marker}Helper", token_hash=hashed(WORLD_SHIFT_TOKEN)
    )
    instructor = factories.InstructorFactory(settlement=settlement, name=f"{marker}Instructor")
    season = factories.SeasonFactory(settlement=settlement, name=f"{marker}2026–27")
    course = factories.CourseFactory(
        committee=committee,
        season=season,
        instructor=instructor,
        title={"en": f"{marker}Class"},
    )
    session = factories.CourseSessionFactory(course=course, note=f"{marker}session")
    class_registration = factories.ClassRegistrationFactory(
        course=course, name=f"{marker}Parent", token_hash=hashed(WORLD_CLASS_TOKEN)
    )
    participant = factories.ClassParticipantFactory(
        registration=class_registration, name=f"{marker}Child", resident=resident
    )
    factories.SessionAttendanceFactory(session=session, participant=participant)
    return {
        "event": event,
        "event_registration": registration,
        "shift": shift,
        "shift_signup": shift_signup,
        "instructor": instructor,
        "season": season,
        "course": course,
        "course_session": session,
        "class_registration": class_registration,
    }


def plan_objects(settlement, committee, marker=""):
    """The vision and a submitted plan of 2027 with a goal, a target and its reading, a
    programme of the committee with a budget line, its actual, and a funding source."""
    factories.VisionFactory(settlement=settlement, statement=f"{marker}Vision")
    plan = factories.PlanFactory(
        settlement=settlement, year=2027, title=f"{marker}Plan", status="submitted"
    )
    goal = factories.GoalFactory(plan=plan, title=f"{marker}Plan goal")
    target = factories.TargetFactory(goal=goal, indicator=f"{marker}Indicator")
    measurement = factories.MeasurementFactory(target=target, note=f"{marker}reading")
    programme = factories.ProgrammeFactory(goal=goal, title=f"{marker}Programme", owner=committee)
    funding = factories.FundingSourceFactory(plan=plan, name=f"{marker}Funding")
    line = factories.BudgetLineFactory(
        programme=programme, description=f"{marker}Line", funding=funding
    )
    actual = factories.ActualFactory(line=line, description=f"{marker}Spent")
    factories.PlanRevisionFactory(plan=plan, reason=f"{marker}Why")
    return {
        "plan": plan,
        "plan_goal": goal,
        "target": target,
        "measurement": measurement,
        "programme": programme,
        "funding": funding,
        "budget_line": line,
        "actual": actual,
    }


def welfare_objects(settlement, household, resident, committee, coordinator, marker=""):
    """A case with a note, a referral and a support action; a meal train of the committee
    with a task and its volunteer's link; the charity fund with a request; the emergency
    team, a contact, a drill, a resident who needs help; an emergency that is over, with a
    check-in and its log. Only the home world's links are the fixed tokens the access
    table names; the social worker and the team's head are set by ``build_world``."""
    from committees.tokens import token_hash
    from welfare.access import WORLD_CHECK_IN_TOKEN, WORLD_PROGRAMME_TOKEN, WORLD_TASK_TOKEN

    def hashed(token: str) -> str:
        return "" if marker else token_hash(token)

    case = factories.WelfareCaseFactory(
        settlement=settlement, household=household, need_details=f"{marker}needs"
    )
    factories.CaseNoteFactory(case=case, text=f"{marker}note")
    referral = factories.ReferralFactory(case=case, contact=f"{marker}Referral")
    factories.SupportTaskFactory(case=case, programme=None, what=f"{marker}Support")
    programme = factories.SupportProgrammeFactory(
        settlement=settlement,
        committee=committee,
        title=f"{marker}Meal train",
        token_hash=hashed(WORLD_PROGRAMME_TOKEN),
    )
    task = factories.SupportTaskFactory(
        programme=programme, what=f"{marker}Meal", token_hash=hashed(WORLD_TASK_TOKEN)
    )
    fund = factories.SupportProgrammeFactory(
        settlement=settlement, kind="fund", title=f"{marker}Charity fund"
    )
    request = factories.FundRequestFactory(
        programme=fund, case=case, household=household, purpose=f"{marker}Purpose"
    )
    member = factories.TeamMemberFactory(settlement=settlement, name=f"{marker}Team member")
    contact = factories.CouncilContactFactory(settlement=settlement, name=f"{marker}Contact")
    drill = factories.DrillFactory(settlement=settlement, title=f"{marker}Drill")
    drill.attendees.add(member)
    vulnerable = factories.VulnerableResidentFactory(
        resident=resident, buddy=member, needs=f"{marker}Oxygen"
    )
    emergency = factories.EmergencyFactory(
        settlement=settlement,
        title=f"{marker}Storm",
        declared_by=coordinator,
        ended_at=factories.FIXED_NOW,
        ended_by=coordinator,
    )
    check_in = factories.CheckInFactory(
        emergency=emergency,
        resident=resident,
        help_note=f"{marker}help",
        token_hash=hashed(WORLD_CHECK_IN_TOKEN) or f"{marker}hash",
    )
    factories.EmergencyLogFactory(emergency=emergency, detail=f"{marker}log")
    return {
        "case": case,
        "referral": referral,
        "support_programme": programme,
        "programme_task": task,
        "fund_request": request,
        "team_member": member,
        "council_contact": contact,
        "vulnerable": vulnerable,
        "emergency": emergency,
        "check_in": check_in,
    }


def competency_objects(coordinator, marker=""):
    """The coordinator's self-assessment with a rating and comment, a development goal and
    its learning activity (personal rows: the other world's are its own coordinator's)."""
    cycle = factories.CycleFactory(owner=coordinator, title=f"{marker}Self-assessment")
    factories.RatingFactory(cycle=cycle, comment=f"{marker}my comment", mentor_comment="")
    goal = factories.DevelopmentGoalFactory(owner=coordinator, goal=f"{marker}Grow")
    activity = factories.LearningActivityFactory(goal=goal, title=f"{marker}Course")
    return {"cycle": cycle, "development_goal": goal, "learning_activity": activity}


def survey_objects(settlement, resident, marker=""):
    """A draft survey to build, and a running one with an invitation and an answer. Only
    the home world's links are the fixed tokens the access table names."""
    from surveys.access import WORLD_PERSONAL_TOKEN, WORLD_SHARED_TOKEN
    from surveys.models import Question, Survey
    from surveys.tokens import token_hash

    draft = factories.SurveyFactory(settlement=settlement, title={"en": f"{marker}Draft survey"})
    question = factories.QuestionFactory(
        section__survey=draft, section__settlement=settlement, text={"en": f"{marker}Question"}
    )
    factories.OptionFactory(question=question, label={"en": f"{marker}Option"})
    running = factories.SurveyFactory(
        settlement=settlement,
        title={"en": f"{marker}Running survey"},
        state=Survey.State.RUNNING,
        sent_at=factories.FIXED_NOW,
        share_token=None if marker else WORLD_SHARED_TOKEN,
    )
    required = factories.QuestionFactory(
        section__survey=running,
        section__settlement=settlement,
        kind=Question.Kind.YES_NO,
        required=True,
        text={"en": f"{marker}Do you agree?"},
    )
    text_question = factories.QuestionFactory(
        section=required.section, kind=Question.Kind.LONG_TEXT, text={"en": f"{marker}Tell us"}
    )
    invitation = factories.InvitationFactory(survey=running, resident=resident)
    if not marker:
        invitation.token_hash = token_hash(WORLD_PERSONAL_TOKEN)
        invitation.save()
    response = factories.ResponseFactory(survey=running)
    factories.AnswerFactory(response=response, question=required, flag=True)
    factories.AnswerFactory(response=response, question=text_question, text=f"{marker}Answer")
    record = factories.MappingRecordFactory(settlement=settlement, title=f"{marker}Meeting")
    record.participants.add(resident)
    need = factories.NeedFactory(settlement=settlement, title=f"{marker}Need")
    need.evidence_records.add(record)
    message = factories.MessageFactory(
        settlement=settlement, resident=resident, subject=f"{marker}Invitation"
    )
    return {
        "survey": draft,
        "section": question.section,
        "question": question,
        "running_survey": running,
        "text_question": text_question,
        "record": record,
        "need": need,
        "message": message,
    }


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world, built once per module and worker inside a transaction of its own: each
    test's transaction nests in it (a savepoint) and rolls back to it, and the world is
    rolled back when the module ends. Building it for each of thousands of tests took
    half of the walk's time."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with clock.frozen_at(factories.FIXED_NOW):
                yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(db, shared_world):
    return shared_world


def build_world():
    council = factories.CouncilFactory(name="Valley Council")
    home = factories.SettlementFactory(council=council, name="Home Village", slug=WORLD_SLUG)
    # Same council, so council staff may see its numbers but never its people.
    away = factories.SettlementFactory(council=council, name="Away Village")
    elsewhere = factories.SettlementFactory(name="Elsewhere")  # another council
    users = {
        r.COORDINATOR: factories.member(home, Role.COORDINATOR),
        r.CHAIR: factories.member(home, Role.CHAIR),
        r.CHAIR_ELSEWHERE: factories.member(home, Role.CHAIR),
        r.SOCIAL_WORKER: factories.member(home, Role.SOCIAL_WORKER),
        r.SECRETARY: factories.member(home, Role.SECRETARY),
        r.BOARD: factories.member(home, Role.BOARD),
        r.EMERGENCY: factories.member(home, Role.EMERGENCY),
        r.COUNCIL_STAFF: factories.council_staff(council),
        r.OTHER_COORDINATOR: factories.member(elsewhere, Role.COORDINATOR),
        r.SUPERUSER: factories.UserFactory(is_superuser=True, is_staff=True),
    }
    away_coordinator = factories.member(away, Role.COORDINATOR)
    home_objects = objects_in(home, users[r.COORDINATOR])
    home_objects["committee"].chairs.add(users[r.CHAIR])
    factories.CommitteeFactory(settlement=home, chairs=[users[r.CHAIR_ELSEWHERE]])
    # The secretary owns the home meeting's action item: an owner may tick it done.
    home_objects["action_item"].owner = users[r.SECRETARY]
    home_objects["action_item"].save()
    # A meeting with office holders (no committee) in each settlement, for the lists.
    factories.MeetingFactory(committee=None, settlement=home, kind="board", title="Board")
    # The council's staff member mentors the home coordinator's self-assessment.
    home_objects["cycle"].mentor = users[r.COUNCIL_STAFF]
    home_objects["cycle"].save()
    # The world's case is the social worker's; its emergency-team member heads the team.
    home_objects["case"].social_worker = users[r.SOCIAL_WORKER]
    home_objects["case"].save()
    factories.TeamMemberFactory(settlement=home, function="head", user=users[r.EMERGENCY])
    away_objects = objects_in(away, away_coordinator, MARKER)
    factories.MeetingFactory(committee=None, settlement=away, kind="board", title=MARKER)
    away_objects["committee"].chairs.add(users[r.CHAIR])  # even a mistaken link must not leak
    return World(users=users, home=home_objects, away=away_objects)


def kwargs_for(rule: r.Rule, objects: dict[str, Any]) -> dict[str, Any]:
    return {**rule.literal_kwargs, **{arg: objects[key].pk for arg, key in rule.kwargs.items()}}


def login(client, world: World, role: str) -> None:
    if role != r.ANONYMOUS:
        client.force_login(world.users[role])


INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(rb"<style\b|\sstyle=", re.I)


def check_body(response, role: str, url: str) -> None:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if role != r.SUPERUSER:
        assert MARKER.encode() not in body, f"{role} saw another settlement's data at {url}"
    if response.get("Content-Type", "").startswith("text/html"):
        # The Content-Security-Policy will forbid inline code: pages must not need it.
        assert not INLINE_SCRIPT.search(body), f"inline script at {url}"
        assert not INLINE_STYLE.search(body), f"inline style at {url}"


@pytest.mark.parametrize("role", sorted(r.ALL_ROLES))
@pytest.mark.parametrize("name", PRODUCT_URLS)
def test_role_url_access(client, world, name, role):
    rule = TABLES[name]
    url = reverse(name, kwargs=kwargs_for(rule, world.home))
    # A URL without an object means "in my settlement": there the coordinator of another
    # settlement is simply a coordinator (and the marker check still holds).
    acting_as = r.COORDINATOR if role == r.OTHER_COORDINATOR and not rule.kwargs else role
    for method, expect in (("get", rule.get), ("post", rule.post)):
        login(client, world, role)
        before = world.snapshot()
        response = client.get(url) if method == "get" else client.post(url, {})
        expected = expect.status_for(acting_as)
        assert response.status_code == expected, (
            f"{method.upper()} {url} as {role}: {response.status_code}, expected {expected}"
        )
        check_body(response, role, url)
        if expected in (302, 403, 404, 405) and acting_as not in expect.allowed:
            assert world.snapshot() == before, f"refused {method} {url} as {role} wrote data"
        if method == "get" and expected == 200:
            # The same page as a search for the marker's name and as an HTMX partial.
            for params, headers in ((SEARCH, {}), ({}, HTMX), (SEARCH, HTMX)):
                variant = client.get(url, params, headers=headers)
                assert variant.status_code == 200, f"{url} {params} {headers} as {role}"
                check_body(variant, role, url)
        client.logout()


@pytest.mark.parametrize("role", sorted(r.LOGGED_IN - {r.SUPERUSER}))
@pytest.mark.parametrize("name", [n for n in PRODUCT_URLS if TABLES[n].kwargs])
def test_objects_of_another_settlement_are_404(client, world, name, role):
    """Changing an id in a URL to another settlement's object finds nothing, for anyone."""
    rule = TABLES[name]
    url = reverse(name, kwargs=kwargs_for(rule, world.away))
    client.force_login(world.users[role])
    for method, expect in (("get", rule.get), ("post", rule.post)):
        before = world.snapshot()
        response = client.get(url) if method == "get" else client.post(url, {})
        expected = 405 if expect.ok == 405 else 404
        assert response.status_code == expected, f"{method.upper()} {url} as {role}"
        check_body(response, role, url)
        assert world.snapshot() == before


ADMIN_KWARGS: tuple[dict[str, str], ...] = (
    {},
    {"app_label": "coordinator"},
    {"object_id": "1"},
    {"content_type_id": "1", "object_id": "1"},
    {"id": "1"},
    {"pk": "1"},
)
ADMIN_PUBLIC = {"admin:login", "admin:logout"}  # its own login page, open to all


def admin_url(name: str) -> str:
    for kwargs in ADMIN_KWARGS:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"No sample arguments for {name}: add them to ADMIN_KWARGS")


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_is_for_superusers_only(client, world, name):
    """Only superusers reach the admin; everyone else is sent to its login page."""
    url = admin_url(name)
    for role in sorted(r.LOGGED_IN - {r.SUPERUSER} | {r.ANONYMOUS}):
        login(client, world, role)
        response = client.get(url)
        if name in ADMIN_PUBLIC:
            assert response.status_code in (200, 302, 405)
        else:
            assert response.status_code in (302, 404), f"{url} as {role}: {response.status_code}"
        if response.status_code == 302 and name not in ADMIN_PUBLIC:
            assert "/admin/login/" in response["Location"]
        check_body(response, role, url)
        client.logout()


@pytest.mark.parametrize(
    "name", ["admin:index", "admin:coordinator_resident_changelist", "admin:coordinator_user_add"]
)
def test_superuser_reaches_the_admin(client, world, name):
    client.force_login(world.users[r.SUPERUSER])
    assert client.get(reverse(name)).status_code == 200

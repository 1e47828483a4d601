"""factory_boy factories. ``create()`` of a scoped model needs no scope; reading does."""

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from django_scopes import scopes_disabled
from factory.django import DjangoModelFactory

from committees.models import (
    ActionItem,
    Committee,
    CommitteeMember,
    CommunityService,
    Conflict,
    Initiative,
    MediationStep,
    Meeting,
    Opening,
    OpeningInvitation,
    Partner,
    Skill,
    VolunteerHours,
    VolunteerMilestone,
    VolunteerProfile,
    WorkPlan,
    WorkPlanActivity,
    WorkPlanGoal,
)
from competencies.models import (
    Competency,
    Cycle,
    DevelopmentGoal,
    Framework,
    LearningActivity,
    Rating,
)
from coordinator.models import (
    Council,
    Household,
    ImportBatch,
    Membership,
    Neighbourhood,
    Resident,
    Role,
    Settlement,
    Tag,
    User,
)
from events.models import (
    ClassParticipant,
    ClassRegistration,
    Course,
    CourseSession,
    Event,
    EventRegistration,
    Instructor,
    Season,
    SessionAttendance,
    ShiftSignup,
    VolunteerShift,
)
from messaging.models import Message
from plans.models import (
    Actual,
    BudgetLine,
    FundingSource,
    Goal,
    Measurement,
    Plan,
    PlanRevision,
    Programme,
    Target,
    Vision,
)
from surveys import tokens
from surveys.models import (
    Answer,
    Invitation,
    MappingRecord,
    Need,
    Option,
    Question,
    Response,
    Section,
    Survey,
)
from welfare.models import (
    CaseNote,
    CheckIn,
    CouncilContact,
    Drill,
    Emergency,
    EmergencyLog,
    FundRequest,
    Referral,
    SupportProgramme,
    SupportTask,
    TeamMember,
    VulnerableResident,
    WelfareCase,
)

FIXED_NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


class CouncilFactory(DjangoModelFactory[Council]):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")


class SettlementFactory(DjangoModelFactory[Settlement]):
    class Meta:
        model = Settlement

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Settlement {n}")
    slug = factory.Sequence(lambda n: f"settlement-{n}")
    language = "en"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.COORDINATOR
    settlement = factory.SubFactory(SettlementFactory)
    council = None


class NeighbourhoodFactory(DjangoModelFactory[Neighbourhood]):
    class Meta:
        model = Neighbourhood

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Neighbourhood {n}")


class TagFactory(DjangoModelFactory[Tag]):
    class Meta:
        model = Tag

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


class HouseholdFactory(DjangoModelFactory[Household]):
    class Meta:
        model = Household

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Household {n}")
    address = factory.Sequence(lambda n: f"Main Street {n}")


class ResidentFactory(DjangoModelFactory[Resident]):
    class Meta:
        model = Resident

    settlement = factory.SubFactory(SettlementFactory)
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    birth_date = dt.date(1980, 5, 17)
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    phone = "+386 40 123 456"
    preferred_language = "en"
    consent_to_contact = True


class CommitteeFactory(DjangoModelFactory[Committee]):
    class Meta:
        model = Committee
        skip_postgeneration_save = True

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Committee {n}")
    kind = "culture"

    @factory.post_generation
    def chairs(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.chairs.set(extracted)


class ImportBatchFactory(DjangoModelFactory[ImportBatch]):
    class Meta:
        model = ImportBatch

    settlement = factory.SubFactory(SettlementFactory)
    filename = "residents.csv"
    file_format = "csv"
    content = b"first_name,last_name,birth_date\nNew,Person,1990-01-02\n"
    row_count = 1
    created_at = FIXED_NOW


class CommitteeMemberFactory(DjangoModelFactory[CommitteeMember]):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    settlement = factory.SelfAttribute("committee.settlement")
    resident = factory.SubFactory(ResidentFactory, settlement=factory.SelfAttribute("..settlement"))
    role = CommitteeMember.Role.MEMBER


class WorkPlanFactory(DjangoModelFactory[WorkPlan]):
    class Meta:
        model = WorkPlan

    committee = factory.SubFactory(CommitteeFactory)
    settlement = factory.SelfAttribute("committee.settlement")
    year = 2026


class WorkPlanGoalFactory(DjangoModelFactory[WorkPlanGoal]):
    class Meta:
        model = WorkPlanGoal

    work_plan = factory.SubFactory(WorkPlanFactory)
    settlement = factory.SelfAttribute("work_plan.settlement")
    title = factory.Sequence(lambda n: f"Goal {n}")


class WorkPlanActivityFactory(DjangoModelFactory[WorkPlanActivity]):
    class Meta:
        model = WorkPlanActivity

    goal = factory.SubFactory(WorkPlanGoalFactory)
    settlement = factory.SelfAttribute("goal.settlement")
    title = factory.Sequence(lambda n: f"Activity {n}")
    starts_on = dt.date(2026, 12, 1)
    ends_on = dt.date(2026, 12, 31)
    budget_request = 1200


class PartnerFactory(DjangoModelFactory[Partner]):
    class Meta:
        model = Partner

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = Partner.Kind.WELFARE
    email = factory.Sequence(lambda n: f"partner{n}@example.org")


class MeetingFactory(DjangoModelFactory[Meeting]):
    """A committee meeting by default; ``committee=None`` for one with office holders."""

    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    settlement = factory.LazyAttribute(
        lambda o: o.committee.settlement if o.committee else SettlementFactory.create()
    )
    kind = Meeting.Kind.COMMITTEE
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = dt.datetime(2026, 11, 24, 18, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2026, 11, 24, 19, 30, tzinfo=dt.UTC)
    place = "Community hall"
    created_at = FIXED_NOW


class ActionItemFactory(DjangoModelFactory[ActionItem]):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    settlement = factory.SelfAttribute("meeting.settlement")
    title = factory.Sequence(lambda n: f"Action {n}")
    due_on = dt.date(2026, 11, 30)
    created_at = FIXED_NOW


class SkillFactory(DjangoModelFactory[Skill]):
    class Meta:
        model = Skill

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Skill {n}")


class VolunteerProfileFactory(DjangoModelFactory[VolunteerProfile]):
    """A profile; ``skills=[...]`` takes Skill rows."""

    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    resident = factory.SubFactory(ResidentFactory)
    settlement = factory.SelfAttribute("resident.settlement")
    interests = factory.LazyFunction(lambda: ["culture"])
    availability = factory.LazyFunction(lambda: ["weekday_evenings"])
    languages = factory.LazyFunction(lambda: ["en"])
    created_at = FIXED_NOW

    @factory.post_generation
    def skills(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            with scopes_disabled():
                self.skills.set(extracted)


class OpeningFactory(DjangoModelFactory[Opening]):
    class Meta:
        model = Opening
        skip_postgeneration_save = True

    committee = factory.SubFactory(CommitteeFactory)
    settlement = factory.LazyAttribute(
        lambda o: o.committee.settlement if o.committee else SettlementFactory.create()
    )
    title = factory.Sequence(lambda n: f"Opening {n}")
    area = Committee.Kind.CULTURE
    availability = factory.LazyFunction(lambda: ["weekday_evenings"])
    created_at = FIXED_NOW

    @factory.post_generation
    def skills(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            with scopes_disabled():
                self.skills.set(extracted)


class OpeningInvitationFactory(DjangoModelFactory[OpeningInvitation]):
    class Meta:
        model = OpeningInvitation

    opening = factory.SubFactory(OpeningFactory)
    settlement = factory.SelfAttribute("opening.settlement")
    resident = factory.SubFactory(ResidentFactory, settlement=factory.SelfAttribute("..settlement"))
    nonce = factory.LazyFunction(tokens.new_nonce)
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    invited_at = FIXED_NOW


class VolunteerHoursFactory(DjangoModelFactory[VolunteerHours]):
    class Meta:
        model = VolunteerHours

    committee = factory.SubFactory(CommitteeFactory)
    settlement = factory.LazyAttribute(
        lambda o: o.committee.settlement if o.committee else SettlementFactory.create()
    )
    resident = factory.SubFactory(ResidentFactory, settlement=factory.SelfAttribute("..settlement"))
    date = dt.date(2026, 11, 20)
    hours = Decimal("2.50")
    description = "Set up the hall"
    source = VolunteerHours.Source.SELF
    created_at = FIXED_NOW


class VolunteerMilestoneFactory(DjangoModelFactory[VolunteerMilestone]):
    class Meta:
        model = VolunteerMilestone

    resident = factory.SubFactory(ResidentFactory)
    settlement = factory.SelfAttribute("resident.settlement")
    hours = 10
    reached_on = dt.date(2026, 11, 20)


class InitiativeFactory(DjangoModelFactory[Initiative]):
    class Meta:
        model = Initiative

    settlement = factory.SubFactory(SettlementFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    description = "A bench by the playground"
    submitter_name = "Dana"
    source = Initiative.Source.PUBLIC
    nonce = factory.LazyFunction(tokens.new_nonce)
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    created_at = FIXED_NOW
    status_changed_at = FIXED_NOW


class ConflictFactory(DjangoModelFactory[Conflict]):
    class Meta:
        model = Conflict

    settlement = factory.SubFactory(SettlementFactory)
    title = factory.Sequence(lambda n: f"Conflict {n}")
    kind = Conflict.Kind.NEIGHBOURS
    description = "Noise at night between two neighbouring houses"
    opened_on = dt.date(2026, 11, 1)


class MediationStepFactory(DjangoModelFactory[MediationStep]):
    class Meta:
        model = MediationStep

    conflict = factory.SubFactory(ConflictFactory)
    settlement = factory.SelfAttribute("conflict.settlement")
    date = dt.date(2026, 11, 5)
    kind = MediationStep.Kind.CONVERSATION
    notes = "Listened to one side"
    created_at = FIXED_NOW


class CommunityServiceFactory(DjangoModelFactory[CommunityService]):
    class Meta:
        model = CommunityService

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = CommunityService.Kind.LIBRARY
    opening_hours = "Tuesdays 17:00-19:00"


class EventFactory(DjangoModelFactory[Event]):
    """A published culture event a week from the fixed now, of a committee by default."""

    class Meta:
        model = Event

    committee = factory.SubFactory(CommitteeFactory)
    settlement = factory.LazyAttribute(
        lambda o: o.committee.settlement if o.committee else SettlementFactory.create()
    )
    title = factory.Sequence(lambda n: {"en": f"Event {n}"})
    kind = Event.Kind.CULTURE
    status = Event.Status.PUBLISHED
    starts_at = dt.datetime(2026, 11, 30, 17, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2026, 11, 30, 19, 0, tzinfo=dt.UTC)
    place = "Community hall"
    created_at = FIXED_NOW


class EventRegistrationFactory(DjangoModelFactory[EventRegistration]):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventFactory, signup_open=True, capacity=50)
    settlement = factory.LazyAttribute(lambda o: o.event.settlement)
    name = factory.Sequence(lambda n: f"Guest {n}")
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    language = "en"
    created_at = FIXED_NOW


class VolunteerShiftFactory(DjangoModelFactory[VolunteerShift]):
    class Meta:
        model = VolunteerShift

    event = factory.SubFactory(EventFactory)
    settlement = factory.LazyAttribute(lambda o: o.event.settlement)
    role = factory.Sequence(lambda n: f"Role {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at - dt.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.event.starts_at + dt.timedelta(hours=1))
    needed = 2


class ShiftSignupFactory(DjangoModelFactory[ShiftSignup]):
    class Meta:
        model = ShiftSignup

    shift = factory.SubFactory(VolunteerShiftFactory)
    settlement = factory.LazyAttribute(lambda o: o.shift.settlement)
    name = factory.Sequence(lambda n: f"Helper {n}")
    email = factory.Sequence(lambda n: f"helper{n}@example.org")
    language = "en"
    created_at = FIXED_NOW


class SeasonFactory(DjangoModelFactory[Season]):
    class Meta:
        model = Season

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"2026–27 ({n})")
    starts_on = dt.date(2026, 9, 1)
    ends_on = dt.date(2027, 6, 30)


class InstructorFactory(DjangoModelFactory[Instructor]):
    class Meta:
        model = Instructor

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Instructor {n}")
    email = factory.Sequence(lambda n: f"instructor{n}@example.org")
    rate = Decimal("150.00")
    rate_unit = Instructor.RateUnit.SESSION


class CourseFactory(DjangoModelFactory[Course]):
    """An open weekly class (Tuesdays 17:00-18:00) for children, of a committee."""

    class Meta:
        model = Course

    committee = factory.SubFactory(CommitteeFactory)
    settlement = factory.LazyAttribute(lambda o: o.committee.settlement)
    season = factory.SubFactory(SeasonFactory, settlement=factory.SelfAttribute("..settlement"))
    instructor = factory.SubFactory(
        InstructorFactory, settlement=factory.SelfAttribute("..settlement")
    )
    title = factory.Sequence(lambda n: {"en": f"Class {n}"})
    age_group = "children"
    weekdays = factory.LazyFunction(lambda: [1])
    start_time = dt.time(17, 0)
    end_time = dt.time(18, 0)
    starts_on = dt.date(2026, 12, 1)
    ends_on = dt.date(2027, 1, 31)
    place = "Club house"
    capacity = 12
    min_participants = 5
    fee = Decimal("120.00")
    status = Course.Status.OPEN
    created_at = FIXED_NOW


class CourseSessionFactory(DjangoModelFactory[CourseSession]):
    class Meta:
        model = CourseSession

    course = factory.SubFactory(CourseFactory)
    settlement = factory.LazyAttribute(lambda o: o.course.settlement)
    date = dt.date(2026, 12, 1)
    starts_at = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC)


class ClassRegistrationFactory(DjangoModelFactory[ClassRegistration]):
    class Meta:
        model = ClassRegistration

    course = factory.SubFactory(CourseFactory)
    settlement = factory.LazyAttribute(lambda o: o.course.settlement)
    name = factory.Sequence(lambda n: f"Parent {n}")
    email = factory.Sequence(lambda n: f"parent{n}@example.org")
    language = "en"
    places = 1
    created_at = FIXED_NOW


class ClassParticipantFactory(DjangoModelFactory[ClassParticipant]):
    class Meta:
        model = ClassParticipant

    registration = factory.SubFactory(ClassRegistrationFactory)
    settlement = factory.LazyAttribute(lambda o: o.registration.settlement)
    name = factory.Sequence(lambda n: f"Child {n}")
    age_group = "children"


class SessionAttendanceFactory(DjangoModelFactory[SessionAttendance]):
    class Meta:
        model = SessionAttendance

    session = factory.SubFactory(CourseSessionFactory)
    participant = factory.SubFactory(
        ClassParticipantFactory, registration__course=factory.SelfAttribute("...session.course")
    )
    settlement = factory.LazyAttribute(lambda o: o.session.settlement)


class SurveyFactory(DjangoModelFactory[Survey]):
    class Meta:
        model = Survey

    settlement = factory.SubFactory(SettlementFactory)
    title = factory.Sequence(lambda n: {"en": f"Survey {n}"})
    languages = factory.LazyFunction(lambda: ["en"])
    created_at = FIXED_NOW


class SectionFactory(DjangoModelFactory[Section]):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    settlement = factory.SelfAttribute("survey.settlement")
    title = factory.LazyFunction(lambda: {"en": "About you"})


class QuestionFactory(DjangoModelFactory[Question]):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    survey = factory.SelfAttribute("section.survey")
    settlement = factory.SelfAttribute("section.settlement")
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: {"en": f"Question {n}?"})


class OptionFactory(DjangoModelFactory[Option]):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    settlement = factory.SelfAttribute("question.settlement")
    label = factory.Sequence(lambda n: {"en": f"Option {n}"})
    position = factory.Sequence(lambda n: n)


class InvitationFactory(DjangoModelFactory[Invitation]):
    """``token=...`` sets the link that opens it (the nonce is then not the source)."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    survey = factory.SubFactory(SurveyFactory)
    settlement = factory.SelfAttribute("survey.settlement")
    resident = factory.SubFactory(ResidentFactory, settlement=factory.SelfAttribute("..settlement"))
    language = "en"
    channel = Invitation.Channel.EMAIL
    nonce = factory.LazyFunction(tokens.new_nonce)
    token = factory.LazyAttribute(lambda o: tokens.invitation_token(o.nonce))
    token_hash = factory.LazyAttribute(lambda o: tokens.token_hash(o.token))
    created_at = FIXED_NOW


class ResponseFactory(DjangoModelFactory[Response]):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    settlement = factory.SelfAttribute("survey.settlement")
    language = "en"
    via = Response.Via.PERSONAL


class AnswerFactory(DjangoModelFactory[Answer]):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    settlement = factory.SelfAttribute("response.settlement")
    question = factory.SubFactory(
        QuestionFactory, section__survey=factory.SelfAttribute("...response.survey")
    )


class MappingRecordFactory(DjangoModelFactory[MappingRecord]):
    class Meta:
        model = MappingRecord

    settlement = factory.SubFactory(SettlementFactory)
    kind = MappingRecord.Kind.HOUSE_MEETING
    title = factory.Sequence(lambda n: f"House meeting {n}")
    held_on = dt.date(2026, 11, 2)
    participant_count = 12
    created_at = FIXED_NOW


class NeedFactory(DjangoModelFactory[Need]):
    class Meta:
        model = Need

    settlement = factory.SubFactory(SettlementFactory)
    title = factory.Sequence(lambda n: f"Need {n}")
    created_at = FIXED_NOW
    updated_at = FIXED_NOW


class MessageFactory(DjangoModelFactory[Message]):
    class Meta:
        model = Message

    settlement = factory.SubFactory(SettlementFactory)
    resident = factory.SubFactory(ResidentFactory, settlement=factory.SelfAttribute("..settlement"))
    to_address = factory.SelfAttribute("resident.email")
    language = "en"
    kind = "test.note"
    subject = "A note"
    body = "Hello"
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")
    not_before = FIXED_NOW
    created_at = FIXED_NOW


def member(settlement: Settlement, role: str, **kwargs: Any) -> User:
    user = UserFactory.create(**kwargs)
    MembershipFactory(user=user, role=role, settlement=settlement)
    return user


def council_staff(council: Council, **kwargs: Any) -> User:
    user = UserFactory.create(**kwargs)
    MembershipFactory(user=user, role=Role.COUNCIL_STAFF, settlement=None, council=council)
    return user


# --- plans (the yearly plan) -----------------------------------------------------------------


class PlanFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    settlement = factory.SubFactory(SettlementFactory)
    year = factory.Sequence(lambda n: 2027 + n % 70)
    created_at = FIXED_NOW


class GoalFactory(DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    settlement = factory.LazyAttribute(lambda o: o.plan.settlement)
    title = factory.Sequence(lambda n: f"Goal {n}")


class ProgrammeFactory(DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    goal = factory.SubFactory(GoalFactory)
    settlement = factory.LazyAttribute(lambda o: o.goal.settlement)
    title = factory.Sequence(lambda n: f"Programme {n}")


class BudgetLineFactory(DjangoModelFactory[BudgetLine]):
    class Meta:
        model = BudgetLine

    programme = factory.SubFactory(ProgrammeFactory)
    settlement = factory.LazyAttribute(lambda o: o.programme.settlement)
    planned_expense = Decimal("1000.00")
    planned_income = Decimal("0.00")


class FundingSourceFactory(DjangoModelFactory[FundingSource]):
    class Meta:
        model = FundingSource

    plan = factory.SubFactory(PlanFactory)
    settlement = factory.LazyAttribute(lambda o: o.plan.settlement)
    kind = FundingSource.Kind.COUNCIL
    name = factory.Sequence(lambda n: f"Source {n}")
    amount = Decimal("500.00")


class VisionFactory(DjangoModelFactory[Vision]):
    class Meta:
        model = Vision

    settlement = factory.SubFactory(SettlementFactory)
    statement = "A village where every family belongs."
    values = "Belonging, mutual help, openness"
    updated_at = FIXED_NOW


class TargetFactory(DjangoModelFactory[Target]):
    class Meta:
        model = Target

    goal = factory.SubFactory(GoalFactory)
    settlement = factory.LazyAttribute(lambda o: o.goal.settlement)
    indicator = factory.Sequence(lambda n: f"Indicator {n}")
    baseline = Decimal("10.00")
    target_value = Decimal("50.00")
    unit = "people"


class MeasurementFactory(DjangoModelFactory[Measurement]):
    class Meta:
        model = Measurement

    target = factory.SubFactory(TargetFactory)
    settlement = factory.LazyAttribute(lambda o: o.target.settlement)
    measured_on = dt.date(2026, 11, 1)
    value = Decimal("20.00")
    recorded_at = FIXED_NOW


class ActualFactory(DjangoModelFactory[Actual]):
    class Meta:
        model = Actual

    line = factory.SubFactory(BudgetLineFactory)
    settlement = factory.LazyAttribute(lambda o: o.line.settlement)
    amount = Decimal("100.00")
    on = dt.date(2026, 11, 1)
    recorded_at = FIXED_NOW


class PlanRevisionFactory(DjangoModelFactory[PlanRevision]):
    class Meta:
        model = PlanRevision

    plan = factory.SubFactory(PlanFactory)
    settlement = factory.LazyAttribute(lambda o: o.plan.settlement)
    made_at = FIXED_NOW
    reason = "The council's grant came in smaller"
    summary = "Budget line “Hall hire”: planned expense 1000.00 → 800.00"


# --- competencies ----------------------------------------------------------------------------


def base_framework() -> Framework:
    """The competency model as the migration loaded it (version 1, no council)."""
    return Framework.objects.get(council=None, version=1)


def competency(key: str) -> Competency:
    return Competency.objects.get(area__framework=base_framework(), key=key)


class CycleFactory(DjangoModelFactory[Cycle]):
    class Meta:
        model = Cycle

    owner = factory.SubFactory(UserFactory)
    framework = factory.LazyFunction(base_framework)
    title = factory.Sequence(lambda n: f"Self-assessment {n}")
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    created_at = FIXED_NOW


class RatingFactory(DjangoModelFactory[Rating]):
    class Meta:
        model = Rating

    cycle = factory.SubFactory(CycleFactory)
    competency = factory.LazyFunction(lambda: competency("1.1"))
    level = 2
    updated_at = FIXED_NOW


class DevelopmentGoalFactory(DjangoModelFactory[DevelopmentGoal]):
    class Meta:
        model = DevelopmentGoal

    owner = factory.SubFactory(UserFactory)
    competency = factory.LazyFunction(lambda: competency("2.2"))
    goal = factory.Sequence(lambda n: f"Learn to map needs {n}")
    created_at = FIXED_NOW


class LearningActivityFactory(DjangoModelFactory[LearningActivity]):
    class Meta:
        model = LearningActivity

    goal = factory.SubFactory(DevelopmentGoalFactory)
    title = factory.Sequence(lambda n: f"Training day {n}")
    due_on = dt.date(2026, 12, 10)


# --- welfare ---------------------------------------------------------------------------------


class WelfareCaseFactory(DjangoModelFactory[WelfareCase]):
    class Meta:
        model = WelfareCase

    household = factory.SubFactory(HouseholdFactory)
    settlement = factory.LazyAttribute(lambda o: o.household.settlement)
    categories = factory.LazyFunction(lambda: ["food"])
    need_details = "Behind on rent since the father lost his job"
    opened_at = FIXED_NOW


class CaseNoteFactory(DjangoModelFactory[CaseNote]):
    class Meta:
        model = CaseNote

    case = factory.SubFactory(WelfareCaseFactory)
    settlement = factory.LazyAttribute(lambda o: o.case.settlement)
    text = "Spoke with the mother; the social worker will call on Sunday"
    written_at = FIXED_NOW


class ReferralFactory(DjangoModelFactory[Referral]):
    class Meta:
        model = Referral

    case = factory.SubFactory(WelfareCaseFactory)
    settlement = factory.LazyAttribute(lambda o: o.case.settlement)
    service = "social"
    contact = "Council social services"
    referred_on = dt.date(2026, 11, 1)
    note = "Asked for an assessment of the family's income"


class SupportProgrammeFactory(DjangoModelFactory[SupportProgramme]):
    class Meta:
        model = SupportProgramme

    settlement = factory.SubFactory(SettlementFactory)
    kind = "meals"
    title = factory.Sequence(lambda n: f"Meal train {n}")
    description = "Cooked meals for a family with a new baby"
    created_at = FIXED_NOW


class SupportTaskFactory(DjangoModelFactory[SupportTask]):
    class Meta:
        model = SupportTask

    programme = factory.SubFactory(SupportProgrammeFactory)
    settlement = factory.LazyAttribute(
        lambda o: o.programme.settlement if o.programme else o.case.settlement
    )
    kind = "meal"
    what = "A cooked dinner for four"
    on = dt.date(2026, 11, 25)
    where = "Olive Street 3"
    created_at = FIXED_NOW


class FundRequestFactory(DjangoModelFactory[FundRequest]):
    class Meta:
        model = FundRequest

    programme = factory.SubFactory(SupportProgrammeFactory, kind="fund", title="Charity fund")
    settlement = factory.LazyAttribute(lambda o: o.programme.settlement)
    amount = Decimal("1500.00")
    purpose = "Heating bills for the winter"
    requested_on = dt.date(2026, 11, 10)


class TeamMemberFactory(DjangoModelFactory[TeamMember]):
    class Meta:
        model = TeamMember

    settlement = factory.SubFactory(SettlementFactory)
    function = "welfare"
    name = factory.Sequence(lambda n: f"Team member {n}")
    phone = factory.Sequence(lambda n: f"050-000{n:04d}")


class DrillFactory(DjangoModelFactory[Drill]):
    class Meta:
        model = Drill

    settlement = factory.SubFactory(SettlementFactory)
    title = "Evacuation drill"
    held_on = dt.date(2026, 10, 12)


class CouncilContactFactory(DjangoModelFactory[CouncilContact]):
    class Meta:
        model = CouncilContact

    settlement = factory.SubFactory(SettlementFactory)
    department = "welfare"
    name = factory.Sequence(lambda n: f"Council contact {n}")
    phone = "04-0000000"


class VulnerableResidentFactory(DjangoModelFactory[VulnerableResident]):
    class Meta:
        model = VulnerableResident

    resident = factory.SubFactory(ResidentFactory)
    settlement = factory.LazyAttribute(lambda o: o.resident.settlement)
    reason = "elderly_alone"
    needs = "Walks with a frame; hard of hearing"


class EmergencyFactory(DjangoModelFactory[Emergency]):
    class Meta:
        model = Emergency

    settlement = factory.SubFactory(SettlementFactory)
    kind = "weather"
    title = "Storm and flooding"
    declared_at = FIXED_NOW
    declared_by = factory.SubFactory(UserFactory)


class CheckInFactory(DjangoModelFactory[CheckIn]):
    class Meta:
        model = CheckIn

    emergency = factory.SubFactory(EmergencyFactory)
    settlement = factory.LazyAttribute(lambda o: o.emergency.settlement)
    resident = factory.SubFactory(ResidentFactory, settlement=factory.SelfAttribute("..settlement"))
    nonce = factory.Sequence(lambda n: f"{n:032d}")
    token_hash = factory.Sequence(lambda n: f"{n:064d}")


class EmergencyLogFactory(DjangoModelFactory[EmergencyLog]):
    class Meta:
        model = EmergencyLog

    emergency = factory.SubFactory(EmergencyFactory)
    settlement = factory.LazyAttribute(lambda o: o.emergency.settlement)
    at = FIXED_NOW
    event = "declared"


# --- welfare: counts and the council's policy (issue 9, deliverable 4) -----------------------


class PurgedCasesFactory(DjangoModelFactory[Any]):
    class Meta:
        model = "welfare.PurgedCases"

    settlement = factory.SubFactory(SettlementFactory)
    year = 2024
    category = "food"
    count = 5

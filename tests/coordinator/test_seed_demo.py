"""The demo seed: every role gets an account, the data is plausible, and it is idempotent."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from committees.models import Committee, CommitteeMember, Meeting, Partner
from competencies.models import Cycle, LearningActivity
from coordinator.models import Household, Membership, Resident, Role, Settlement, User
from events.models import ClassRegistration, Course, Event, EventRegistration, ShiftSignup
from messaging.models import Message
from plans.models import Actual, Measurement, Plan
from surveys.models import Invitation, MappingRecord, Need, Response, Survey


@pytest.fixture(autouse=True)
def on_a_developers_machine(settings):
    """The seed commands run only with DEBUG on (they make accounts with a known password)."""
    settings.DEBUG = True


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {
            "settlements": Settlement.objects.count(),
            "households": Household.objects.count(),
            "residents": Resident.objects.count(),
            "committees": Committee.objects.count(),
            "users": User.objects.count(),
            "memberships": Membership.objects.count(),
            "surveys": Survey.objects.count(),
            "responses": Response.objects.count(),
            "needs": Need.objects.count(),
            "records": MappingRecord.objects.count(),
            "committee_members": CommitteeMember.objects.count(),
            "messages": Message.objects.count(),
            "meetings": Meeting.objects.count(),
            "partners": Partner.objects.count(),
            "events": Event.objects.count(),
            "courses": Course.objects.count(),
            "class_registrations": ClassRegistration.objects.count(),
            "plans": Plan.objects.count(),
            "actuals": Actual.objects.count(),
            "readings": Measurement.objects.count(),
            "cycles": Cycle.objects.count(),
            "learning": LearningActivity.objects.count(),
        }


def test_seed_demo_builds_every_role_and_is_idempotent(db, capsys):
    call_command("seed_demo", residents=30)
    first = counts()
    output = capsys.readouterr().out
    assert first["settlements"] == 3
    assert first["residents"] == 90
    assert {m.role for m in Membership.objects.all()} == set(Role.values)
    for username in ("coordinator-kfar-hadar", "chair-zgornja-lipa", "council"):
        assert username in output
        assert User.objects.get(username=username).check_password("demo-community-2026")
    with scopes_disabled():
        languages = set(Settlement.objects.values_list("language", flat=True))
        chair = User.objects.get(username="chair-meadowbrook")
        assert Committee.objects.filter(chairs=chair).exists()
    assert languages == {"he", "sl", "en"}
    # Needs mapping in each settlement: a running survey answered by some, a draft copy,
    # meetings and needs; the demo's invitations count as sent days ago.
    assert first["surveys"] == 6 and first["needs"] == 15 and first["records"] == 9
    assert first["committee_members"] > 0
    # Committee work: a fortnightly series per committee and a board meeting; partners.
    assert first["meetings"] == first["committees"] * 4 + 3 and first["partners"] == 9
    with scopes_disabled():
        running = Survey.objects.filter(state="running")
        assert running.count() == 3
        for survey in running:
            invited = Invitation.objects.filter(survey=survey).count()
            assert (
                survey.answer_count
                == Invitation.objects.filter(survey=survey, answered=True).count()
            )
            assert 0 < survey.answer_count < invited
        assert not Message.objects.exclude(state="sent").exists()
        # Events and classes: sign-ups with a waiting list, each with its personal link.
        assert first["events"] >= 3 and first["courses"] == 18
        assert EventRegistration.objects.filter(status="waiting").exists()
        assert ClassRegistration.objects.filter(status="waiting").exists()
        for model in (EventRegistration, ShiftSignup, ClassRegistration):
            assert not model.objects.filter(nonce="").exists()
        # The yearly plan: this year's approved, built from needs, next year's a draft.
        assert first["plans"] == 6 and first["actuals"] == 12 and first["readings"] == 18
        assert set(Plan.objects.values_list("year", "status")) == {
            (2026, "approved"),
            (2027, "draft"),
        }
        assert not Plan.objects.filter(year=2026, goals__needs=None).exists()
        # Competencies: each coordinator's last year completed with the council's mentor,
        # this year's half done, and a development plan.
        assert first["cycles"] == 6 and first["learning"] == 12
        assert not Cycle.objects.filter(mentor=None).exists()
        assert set(Cycle.objects.values_list("status", flat=True)) == {"open", "completed"}

    call_command("seed_demo", residents=30)
    assert counts() == first

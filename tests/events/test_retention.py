"""Sign-ups lose their names and addresses a year after the event or the season; the rows
stay for the counts."""

import datetime as dt

from django_scopes import scope

from coordinator import clock
from events.models import ClassParticipant, ClassRegistration, EventRegistration, ShiftSignup
from events.services_retention import signups_forget
from events.tasks import signups_forget as signups_forget_task
from tests import factories


def test_old_sign_ups_are_blanked_and_recent_ones_kept(settlement):
    committee = factories.CommitteeFactory(settlement=settlement)
    resident = factories.ResidentFactory(settlement=settlement)
    old_event = factories.EventFactory(
        committee=committee,
        starts_at=clock.now() - dt.timedelta(days=400),
        ends_at=clock.now() - dt.timedelta(days=400) + dt.timedelta(hours=2),
    )
    new_event = factories.EventFactory(committee=committee)
    old = factories.EventRegistrationFactory(event=old_event, name="Old Guest", resident=resident)
    new = factories.EventRegistrationFactory(event=new_event, name="New Guest")
    factories.ShiftSignupFactory(shift__event=old_event, name="Old Helper")
    old_season = factories.SeasonFactory(
        settlement=settlement, starts_on=dt.date(2024, 9, 1), ends_on=dt.date(2025, 6, 30)
    )
    course = factories.CourseFactory(
        committee=committee,
        season=old_season,
        starts_on=dt.date(2024, 9, 1),
        ends_on=dt.date(2025, 6, 30),
    )
    factories.ClassParticipantFactory(
        registration__course=course, registration__name="Old Parent", name="Old Child"
    )
    with scope(settlement=settlement.pk):
        assert signups_forget(settlement=settlement) == 4
        assert signups_forget(settlement=settlement) == 0  # nothing left to blank
        old.refresh_from_db()
        assert (old.name, old.email, old.resident, old.token_hash) == ("", "", None, "")
        new.refresh_from_db()
        assert new.name == "New Guest" and new.email
        assert EventRegistration.objects.count() == 2  # the rows stay, for the counts
        assert list(ShiftSignup.objects.values_list("name", flat=True)) == [""]
        assert list(ClassRegistration.objects.values_list("name", flat=True)) == [""]
        assert list(ClassParticipant.objects.values_list("name", flat=True)) == [""]


def test_the_beat_task_goes_through_every_settlement(settlement, other_settlement):
    for place in (settlement, other_settlement):
        factories.EventRegistrationFactory(
            event__committee__settlement=place,
            event__starts_at=clock.now() - dt.timedelta(days=500),
            event__ends_at=None,
        )
    assert signups_forget_task() == 2

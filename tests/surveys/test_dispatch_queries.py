"""Exact query counts of planning a survey's dispatch (``survey_invite``: the invitations
and their messages), at two sizes: 30 and 300 residents. Issue 10 wants at most 25 queries
for 10,000 invitations, so the count must not grow with the audience.

On PostgreSQL every INSERT goes in whole (Django binds parameters client-side), so the
count is the same at any size. SQLite limits a query's parameters: there Django splits the
INSERTs (``connection.ops.bulk_batch_size``) and the key lookup, and the count grows by
exactly those pieces, which ``pieces`` computes the way Django does.
"""

import pytest
from django.db import connection
from django.db.models import Model
from django_scopes import scope

from coordinator.models import Resident
from messaging.models import Message
from surveys.models import Invitation, Survey
from surveys.services import dispatch
from tests import factories

# The audience not yet invited, the invitations' INSERT, the messages' keys already queued,
# the messages' INSERT, each invitation pointed at its message, the survey counting them.
QUERIES = 6


def pieces(model: type[Model], rows: int) -> int:
    """How many INSERTs Django makes of ``rows`` new rows of ``model``."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    size = max(connection.ops.bulk_batch_size(fields, [None] * rows), 1)
    return -(-rows // size)


def lookups(keys: int) -> int:
    """How many queries ``messages_queue`` makes to find which of ``keys`` are queued."""
    limit = connection.features.max_query_params
    return -(-keys // (limit - 1)) if limit else 1


def expected(invitations: int, messages: int) -> int:
    """QUERIES on PostgreSQL at any size; on SQLite, plus the further pieces."""
    return (
        QUERIES
        + pieces(Invitation, invitations)
        - 1
        + pieces(Message, messages)
        - 1
        + lookups(messages)
        - 1
    )


def add_residents(settlement, count: int, start: int = 0) -> None:
    """``count`` residents: every tenth without an e-mail address (a printed sheet), and
    every seventh without consent to be contacted (not invited)."""
    Resident.objects.bulk_create(
        Resident(
            settlement=settlement,
            first_name=f"Person{n}",
            last_name="Count",
            email="" if n % 10 == 0 else f"p{n}@example.org",
            preferred_language="en",
            consent_to_contact=n % 7 != 0,
        )
        for n in range(start, start + count)
    )


def running_survey(settlement) -> Survey:
    return factories.SurveyFactory.create(
        settlement=settlement, state=Survey.State.RUNNING, languages=["en"], title={"en": "Q"}
    )


def audience(start: int, count: int) -> tuple[int, int]:
    """(invited, e-mailed) among residents ``start`` .. ``start + count - 1``."""
    invited = [n for n in range(start, start + count) if n % 7 != 0]
    return len(invited), sum(1 for n in invited if n % 10 != 0)


@pytest.mark.parametrize("size", [30, 300])
def test_invite_takes_the_same_queries_at_any_size(settlement, size, django_assert_num_queries):
    add_residents(settlement, size)
    factories.ResidentFactory.create(settlement=factories.SettlementFactory())  # elsewhere
    survey = running_survey(settlement)
    invited, emailed = audience(0, size)
    with scope(settlement=settlement.pk):
        with django_assert_num_queries(expected(invited, emailed)):
            created = dispatch.survey_invite(survey=survey, settlement=settlement)
        assert created == invited
        assert Message.objects.filter(kind="surveys.invitation").count() == emailed
        linked = Invitation.objects.filter(survey=survey, message__isnull=False)
        assert linked.count() == emailed
        assert not linked.exclude(channel=Invitation.Channel.EMAIL).exists()
        survey.refresh_from_db()
    assert survey.invitation_count == invited


def test_on_postgresql_the_count_is_the_same_at_30_and_300():
    """What the formula above says where it matters: on PostgreSQL no piece is added."""
    if connection.vendor != "postgresql":
        assert expected(300, 300) > QUERIES  # SQLite: Django splits; see the test above
        return
    assert expected(30, 27) == expected(9000, 8000) == QUERIES


def test_run_again_it_invites_only_the_newcomers(settlement, django_assert_num_queries):
    add_residents(settlement, 40)
    survey = running_survey(settlement)
    with scope(settlement=settlement.pk):
        first = dispatch.survey_invite(survey=survey, settlement=settlement)
        with django_assert_num_queries(1):  # nothing missing: one look, no writes
            assert dispatch.survey_invite(survey=survey, settlement=settlement) == 0
        add_residents(settlement, 20, start=40)
        invited, emailed = audience(40, 20)
        with django_assert_num_queries(expected(invited, emailed)):
            assert dispatch.survey_invite(survey=survey, settlement=settlement) == invited
        residents = list(Invitation.objects.filter(survey=survey).values_list("resident_id"))
        keys = list(Message.objects.values_list("dedupe_key", flat=True))
        survey.refresh_from_db()
    assert first == audience(0, 40)[0]
    assert len(residents) == len(set(residents)) == first + invited == survey.invitation_count
    assert len(keys) == len(set(keys)) == audience(0, 40)[1] + emailed


def test_a_message_already_queued_is_not_queued_again(settlement):
    """A key taken by an earlier run (its invitation since removed) is skipped, not an
    error: each resident still gets one message."""
    add_residents(settlement, 3, start=1)
    survey = running_survey(settlement)
    with scope(settlement=settlement.pk):
        dispatch.survey_invite(survey=survey, settlement=settlement)
        Invitation.objects.filter(survey=survey).delete()
        assert dispatch.survey_invite(survey=survey, settlement=settlement) == 3
        assert Message.objects.count() == 3

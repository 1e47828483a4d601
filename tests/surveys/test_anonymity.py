"""An anonymous survey's answers cannot be joined to a resident: checked in the database
schema itself, and after answering through the real page."""

import pytest
from django.apps import apps
from django.db import connection
from django_scopes import scopes_disabled

from surveys.models import Answer, Invitation, Response, ResponseAuthor, Survey

from .test_answering import build_survey, invite, personal_url, shared_url, valid_answers

# Every column the two tables may have, and what each foreign key may point at. A new
# column fails here until someone has thought about what it would reveal.
ALLOWED_COLUMNS = {
    "surveys_response": {"id", "settlement_id", "survey_id", "language", "via"},
    "surveys_answer": {
        "id",
        "settlement_id",
        "response_id",
        "question_id",
        "option_id",
        "rank",
        "number",
        "flag",
        "text",
    },
}
ALLOWED_TARGETS = {
    "coordinator_settlement",
    "surveys_survey",
    "surveys_response",
    "surveys_question",
    "surveys_option",
}
TIME_TYPES = {"DateTimeField", "DateField", "TimeField", "DurationField"}
TELLING_WORDS = (
    "resident",
    "invitation",
    "person",
    "user",
    "address",
    "ip",
    "agent",
    "device",
    "time",
    "date",
    "created",
    "submitted",
    "answered_at",
    "token",
    "session",
)


def describe(table: str) -> dict[str, str]:
    """Column name -> Django field type, as the database reports them."""
    with connection.cursor() as cursor:
        return {
            column.name: connection.introspection.get_field_type(column.type_code, column)
            for column in connection.introspection.get_table_description(cursor, table)
        }


def relations(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_relations(cursor, table)
    return {column: target_table for column, (_target_column, target_table) in found.items()}


@pytest.mark.parametrize("table", sorted(ALLOWED_COLUMNS))
def test_the_tables_hold_no_person_device_or_time(db, table):
    columns = describe(table)
    assert set(columns) == ALLOWED_COLUMNS[table]
    assert not TIME_TYPES & set(columns.values()), columns
    for column in columns:
        bare = column.removesuffix("_id")
        assert not any(word == bare or word in bare.split("_") for word in TELLING_WORDS), column


@pytest.mark.parametrize("table", sorted(ALLOWED_COLUMNS))
def test_foreign_keys_point_only_at_the_survey_and_its_questions(db, table):
    targets = relations(table)
    assert targets, "the introspection found the foreign keys"
    assert set(targets.values()) <= ALLOWED_TARGETS, targets
    assert "coordinator_resident" not in targets.values()
    assert "surveys_invitation" not in targets.values()


@pytest.mark.parametrize("table", sorted(ALLOWED_COLUMNS))
def test_keys_are_random_uuids_not_a_sequence(db, table):
    with connection.cursor() as cursor:
        primary_key = connection.introspection.get_primary_key_column(cursor, table)
    assert primary_key == "id"
    column_type = describe(table)["id"]
    if connection.vendor == "postgresql":
        assert column_type == "UUIDField"
    else:  # SQLite keeps a UUID as 32 hexadecimal characters
        with connection.cursor() as cursor:
            description = connection.introspection.get_table_description(cursor, table)
        assert next(c for c in description if c.name == "id").type_code.lower() == "char(32)"
    model = Response if table == "surveys_response" else Answer
    assert model._meta.pk.get_default().version == 4


def test_only_the_named_surveys_author_table_points_at_a_response(db):
    """Of every table in the database, only the answers and ResponseAuthor (never written
    for an anonymous survey) refer to a response."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    pointing = {
        table
        for table in tables
        if "surveys_response" in relations(table).values()
        or "surveys_answer" in relations(table).values()
    }
    assert pointing == {"surveys_answer", "surveys_responseauthor"}


def row_counts() -> dict[str, int]:
    with scopes_disabled():
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_answering_an_anonymous_survey_leaves_no_trace_of_who(client, settlement):
    s = build_survey(settlement, anonymous=True)
    invitation = invite(s)
    before = row_counts()
    assert client.get(personal_url()).status_code == 200
    assert client.post(personal_url(), valid_answers(s)).status_code == 302
    after = row_counts()
    changed = {
        label: after[label] - before[label] for label in after if after[label] != before[label]
    }
    # One response and its answers; no author, no session, no audit event, no history row.
    assert changed == {"surveys.Response": 1, "surveys.Answer": 10}
    with scopes_disabled():
        invitation = Invitation.objects.get(pk=invitation.pk)
        assert invitation.answered and invitation.opened
        assert invitation.answered_at is None and invitation.opened_at is None
        assert not ResponseAuthor.objects.exists()
        response = Response.objects.get()
        # Nothing joins the response to the invitation or its resident: no query can.
        fields = {f.name for f in Response._meta.concrete_fields}
        assert fields == {"id", "settlement", "survey", "language", "via"}
        assert not Response.objects.filter(author__isnull=False).exists()
        assert response.survey_id == invitation.survey_id  # the only thing they share
        assert Survey.objects.get(pk=s.survey.pk).answer_count == 1


def test_the_shared_link_stores_nothing_about_the_device(client, settlement):
    s = build_survey(settlement, anonymous=True)
    before = row_counts()
    client.post(
        shared_url(),
        valid_answers(s),
        headers={"user-agent": "Phone/1.0 ZZDEVICE", "x-forwarded-for": "203.0.113.9"},
        REMOTE_ADDR="203.0.113.9",
    )
    after = row_counts()
    assert {k for k in after if after[k] != before[k]} == {"surveys.Response", "surveys.Answer"}
    with scopes_disabled():
        for answer in Answer.objects.all():
            assert "ZZDEVICE" not in answer.text and "203.0.113.9" not in answer.text


def test_a_named_surveys_answers_are_tied_to_their_resident(client, settlement):
    s = build_survey(settlement, anonymous=False)
    invitation = invite(s)
    client.post(personal_url(), valid_answers(s))
    with scopes_disabled():
        author = ResponseAuthor.objects.select_related("response").get()
        assert author.resident_id == invitation.resident_id
        assert author.response.answers.count() == 10

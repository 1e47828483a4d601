"""The door list of an event and the participants of a class, as CSV and XLSX: their
content, formulas kept as text, the audit trail, who may export, and a fixed number of
queries."""

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from coordinator.models import AuditEvent, Role
from tests import factories

EVENT_HEADERS = ["Name", "People", "Phone", "E-mail", "Status", "Came", "Signed up"]
CLASS_HEADERS = [
    "Participant",
    "Age group",
    "Payment",
    "Registration",
    "Contact name",
    "Phone",
    "E-mail",
    "Registered",
]


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet: Any = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def exports() -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).order_by("pk"))


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


@pytest.fixture
def elsewhere_client(client, settlement):
    """A chair of the settlement who does not chair the organising committee."""
    user = factories.member(settlement, Role.CHAIR, username="elsewhere")
    factories.CommitteeFactory(settlement=settlement, name="Youth", chairs=[user])
    client.force_login(user)
    return client


# --- the door list of an event -------------------------------------------------------------


@pytest.fixture
def event(settlement, culture):
    settlement.time_zone = "Europe/Ljubljana"  # UTC+1 in November
    settlement.save()
    return factories.EventFactory(
        committee=culture, title={"en": "Winter fair"}, signup_open=True, capacity=4
    )


@pytest.fixture
def door(event):
    """Waiting Wanda signed up first, yet the door list puts those with a place first; a
    cancelled registration is left out."""
    factories.EventRegistrationFactory(
        event=event,
        name="Wanda Wait",
        email="wanda@example.org",
        status="waiting",
        created_at=factories.FIXED_NOW - dt.timedelta(days=2),
    )
    factories.EventRegistrationFactory(
        event=event,
        name="Ana Novak",
        seats=3,
        phone="041 123 456",
        email="ana@example.org",
        attended=True,
        created_at=factories.FIXED_NOW - dt.timedelta(days=1),
    )
    factories.EventRegistrationFactory(
        event=event, name="Bor Kralj", attended=False, email="bor@example.org"
    )
    factories.EventRegistrationFactory(event=event, name="Cene Gone", status="cancelled")


def door_url(event) -> str:
    return reverse("events:registrations_export", args=[event.pk])


def test_door_list_csv(coordinator_client, event, door):
    response = coordinator_client.get(door_url(event), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (f'attachment; filename="door-list-{event.pk}.csv"')
    rows = csv_rows(response)
    assert rows[0] == EVENT_HEADERS
    assert rows[1:] == [
        [
            "Ana Novak",
            "3",
            "041 123 456",
            "ana@example.org",
            "Has a place",
            "Yes",
            "2026-11-22 11:00",  # 10:00 UTC in Ljubljana
        ],
        ["Bor Kralj", "1", "", "bor@example.org", "Has a place", "No", "2026-11-23 11:00"],
        ["Wanda Wait", "1", "", "wanda@example.org", "On the waiting list", "", "2026-11-21 11:00"],
    ]


def test_door_list_is_csv_without_a_format(coordinator_client, event, door):
    response = coordinator_client.get(door_url(event))
    assert response.status_code == 200
    assert csv_rows(response)[0] == EVENT_HEADERS


def test_door_list_xlsx(chair_client, event, door):
    response = chair_client.get(door_url(event), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'filename="door-list-{event.pk}.xlsx"')
    rows = xlsx_rows(response)
    assert rows[0] == EVENT_HEADERS
    assert [row[0] for row in rows[1:]] == ["Ana Novak", "Bor Kralj", "Wanda Wait"]
    assert rows[1][1] == 3 and rows[1][5] == "Yes"
    assert rows[3][4] == "On the waiting list"


def test_door_list_headers_and_values_are_translated(coordinator_client, event, door):
    with translation.override("sl"):
        headers = [translation.gettext(h) for h in EVENT_HEADERS]
        place, yes = translation.gettext("Has a place"), translation.gettext("Yes")
    assert headers != EVENT_HEADERS  # the catalogue has them
    coordinator_client.cookies["django_language"] = "sl"
    rows = csv_rows(coordinator_client.get(door_url(event)))
    assert rows[0] == headers
    assert (rows[1][4], rows[1][5]) == (place, yes)


def test_participants_are_translated(coordinator_client, course, participants):
    with translation.override("sl"):
        headers = [translation.gettext(h) for h in CLASS_HEADERS]
        paid, children = translation.gettext("Paid"), translation.gettext("Children")
    assert headers != CLASS_HEADERS
    coordinator_client.cookies["django_language"] = "sl"
    rows = xlsx_rows(coordinator_client.get(class_url(course), {"format": "xlsx"}))
    assert rows[0] == headers
    assert (rows[1][1], rows[1][2]) == (children, paid)


def test_door_list_neutralises_formulas(coordinator_client, event):
    factories.EventRegistrationFactory(event=event, name="=HYPERLINK(1)", phone="+386 41 1")
    for file_format, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(coordinator_client.get(door_url(event), {"format": file_format}))
        assert rows[1][0] == "'=HYPERLINK(1)"
        assert rows[1][2] == "'+386 41 1"


def test_door_list_export_is_audited_without_personal_data(
    coordinator_client, coordinator, event, door
):
    coordinator_client.get(door_url(event), {"format": "xlsx"})
    [audit] = exports()
    assert (audit.action, audit.actor, audit.object_type, audit.object_id) == (
        "exported",
        coordinator,
        "event",
        event.pk,
    )
    assert audit.settlement_id == event.settlement_id
    assert audit.summary == "xlsx export of the door list of an event, 3 rows"
    for personal in ("Ana", "Novak", "Wanda", "example.org", "041", "Winter fair"):
        assert personal not in audit.summary


def test_door_list_of_an_unknown_format_is_404(coordinator_client, event, door):
    for bad in ("pdf", "", "CSV"):
        assert coordinator_client.get(door_url(event), {"format": bad}).status_code == 404
    assert exports() == []


def test_door_list_is_for_the_keepers(elsewhere_client, event, door):
    assert elsewhere_client.get(door_url(event)).status_code == 404
    assert exports() == []


def test_door_list_of_another_settlement_is_404(coordinator_client, other_settlement):
    far = factories.EventFactory(committee=factories.CommitteeFactory(settlement=other_settlement))
    factories.EventRegistrationFactory(event=far, name="Far Away")
    response = coordinator_client.get(door_url(far))
    assert response.status_code == 404
    assert b"Far Away" not in response.content
    assert exports() == []


def test_the_registrations_page_offers_both_exports(coordinator_client, event):
    page = coordinator_client.get(reverse("events:registrations", args=[event.pk]))
    assert page.status_code == 200
    for file_format in ("csv", "xlsx"):
        assert f"{door_url(event)}?format={file_format}" in page.content.decode()


def make_registrations(event, count: int) -> None:
    for n in range(count):
        factories.EventRegistrationFactory(
            event=event, name=f"Guest {n}", status="waiting" if n % 3 == 0 else "confirmed"
        )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_door_list_queries_are_fixed(
    client, event, coordinator, chair, django_assert_num_queries, file_format, who
):
    # Session, user, memberships, the event (with the chair's check for a chair), the two
    # lists and the audit INSERT.
    expected = 7
    client.force_login(coordinator if who == "coordinator" else chair)
    url = door_url(event)
    for count in (3, 57):  # 3 rows, then 60
        make_registrations(event, count)
        client.get(url, {"format": file_format})  # warm the session and caches
        with django_assert_num_queries(expected):
            response = client.get(url, {"format": file_format})
        assert response.status_code == 200


# --- the participants of a class -----------------------------------------------------------


@pytest.fixture
def course(culture):
    return factories.CourseFactory(committee=culture, title={"en": "Pottery"})


@pytest.fixture
def participants(course):
    """A waiting family signed up first; a parent with two children has places; a
    cancelled registration is left out."""
    waiting = factories.ClassRegistrationFactory(
        course=course,
        name="Wanda Wait",
        email="wanda@example.org",
        status="waiting",
        created_at=factories.FIXED_NOW - dt.timedelta(days=3),
    )
    factories.ClassParticipantFactory(registration=waiting, name="Willy Wait")
    parent = factories.ClassRegistrationFactory(
        course=course,
        name="Petra Parent",
        phone="041 999 000",
        email="petra@example.org",
        places=2,
        created_at=factories.FIXED_NOW - dt.timedelta(days=1),
    )
    factories.ClassParticipantFactory(registration=parent, name="Kid One", payment="paid")
    factories.ClassParticipantFactory(
        registration=parent, name="Kid Two", payment="exempt", age_group="youth"
    )
    gone = factories.ClassRegistrationFactory(course=course, name="Gone", status="cancelled")
    factories.ClassParticipantFactory(registration=gone, name="Gone Kid")


def class_url(course) -> str:
    return reverse("classes:participants_export", args=[course.pk])


def test_participants_csv(coordinator_client, course, participants):
    response = coordinator_client.get(class_url(course), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="class-participants-{course.pk}.csv"'
    )
    rows = csv_rows(response)
    assert rows[0] == CLASS_HEADERS
    assert rows[1:] == [
        [
            "Kid One",
            "Children",
            "Paid",
            "Has a place",
            "Petra Parent",
            "041 999 000",
            "petra@example.org",
            "2026-11-22",
        ],
        [
            "Kid Two",
            "Youth",
            "Exempt",
            "Has a place",
            "Petra Parent",
            "041 999 000",
            "petra@example.org",
            "2026-11-22",
        ],
        [
            "Willy Wait",
            "Children",
            "Due",
            "On the waiting list",
            "Wanda Wait",
            "",
            "wanda@example.org",
            "2026-11-20",
        ],
    ]


def test_participants_xlsx(chair_client, course, participants):
    response = chair_client.get(class_url(course), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        f'filename="class-participants-{course.pk}.xlsx"'
    )
    rows = xlsx_rows(response)
    assert rows[0] == CLASS_HEADERS
    assert [row[0] for row in rows[1:]] == ["Kid One", "Kid Two", "Willy Wait"]
    assert rows[2][2] == "Exempt" and rows[3][3] == "On the waiting list"


def test_participants_neutralise_formulas(coordinator_client, course):
    registration = factories.ClassRegistrationFactory(course=course, name="@SUM(A1)")
    factories.ClassParticipantFactory(registration=registration, name="=1+1")
    for file_format, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(coordinator_client.get(class_url(course), {"format": file_format}))
        assert rows[1][0] == "'=1+1"
        assert rows[1][4] == "'@SUM(A1)"


def test_participants_export_is_audited_without_personal_data(
    chair_client, chair, course, participants
):
    chair_client.get(class_url(course))
    [audit] = exports()
    assert (audit.action, audit.actor, audit.object_type, audit.object_id) == (
        "exported",
        chair,
        "course",
        course.pk,
    )
    assert audit.summary == "csv export of the participants of a class, 3 rows"
    for personal in ("Kid", "Petra", "Wanda", "example.org", "041", "Pottery"):
        assert personal not in audit.summary


def test_participants_of_an_unknown_format_is_404(coordinator_client, course, participants):
    assert coordinator_client.get(class_url(course), {"format": "ods"}).status_code == 404
    assert exports() == []


def test_participants_are_for_the_keepers(elsewhere_client, course, participants):
    assert elsewhere_client.get(class_url(course)).status_code == 404
    assert exports() == []


def test_participants_of_another_settlement_is_404(coordinator_client, other_settlement):
    committee = factories.CommitteeFactory(settlement=other_settlement)
    far = factories.CourseFactory(committee=committee)
    factories.ClassParticipantFactory(registration__course=far, name="Far Kid")
    response = coordinator_client.get(class_url(far))
    assert response.status_code == 404
    assert b"Far Kid" not in response.content
    assert exports() == []


def test_the_class_page_offers_both_exports(coordinator_client, course):
    page = coordinator_client.get(reverse("classes:detail", args=[course.pk]))
    assert page.status_code == 200
    for file_format in ("csv", "xlsx"):
        assert f"{class_url(course)}?format={file_format}" in page.content.decode()


def make_participants(course, count: int) -> None:
    """``count`` participants, in registrations of one or two."""
    made = 0
    while made < count:
        size = 2 if count - made >= 2 and made % 4 == 0 else 1
        registration = factories.ClassRegistrationFactory(
            course=course, places=size, status="waiting" if made % 5 == 0 else "confirmed"
        )
        for _n in range(size):
            factories.ClassParticipantFactory(registration=registration)
        made += size


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_participants_queries_are_fixed(
    client, course, coordinator, chair, django_assert_num_queries, file_format, who
):
    # Session, user, memberships, the class (with its counts and the chair's check), the
    # registrations, their participants and the audit INSERT.
    expected = 7
    client.force_login(coordinator if who == "coordinator" else chair)
    url = class_url(course)
    for count in (3, 57):  # 3 rows, then 60
        make_participants(course, count)
        client.get(url, {"format": file_format})
        with django_assert_num_queries(expected):
            response = client.get(url, {"format": file_format})
        assert response.status_code == 200

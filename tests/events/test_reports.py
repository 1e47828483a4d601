"""The classes reports: participation by age group against the population, income against
the instructor's cost, attendance; the page, its export and its query count."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from events import selectors_reports as reports
from events.models import Course, Instructor
from events.views_reports import reports_file
from tests import factories


def test_months_touched_counts_both_ends():
    assert reports.months_touched(dt.date(2026, 12, 1), dt.date(2027, 1, 31)) == 2
    assert reports.months_touched(dt.date(2026, 9, 30), dt.date(2026, 10, 1)) == 2
    assert reports.months_touched(dt.date(2026, 9, 1), dt.date(2027, 6, 30)) == 10
    assert reports.months_touched(dt.date(2026, 9, 5), dt.date(2026, 9, 5)) == 1


def course(**kwargs) -> Course:
    values = {
        "starts_on": dt.date(2026, 12, 1),
        "ends_on": dt.date(2027, 2, 28),
        "start_time": dt.time(17, 0),
        "end_time": dt.time(18, 30),
        "fee": Decimal("120.50"),
        "fee_period": Course.FeePeriod.MONTH,
    }
    return Course(**(values | kwargs))


def test_fee_per_participant_by_month_or_season():
    assert reports.fee_per_participant(course()) == Decimal("361.50")
    assert reports.fee_per_participant(course(fee_period="season")) == Decimal("120.50")


@pytest.mark.parametrize(
    ("unit", "rate", "expected"),
    [
        ("session", "150.00", Decimal("1500.00")),  # 10 sessions
        ("hour", "99.99", Decimal("1499.85")),  # 10 x 1.5 hours
        ("month", "333.33", Decimal("999.99")),  # December to February
    ],
)
def test_instructor_cost_is_exact(unit, rate, expected):
    instructor = Instructor(rate=Decimal(rate), rate_unit=unit)
    cost = reports.instructor_cost(course(), instructor, 10)
    assert cost == expected
    assert isinstance(cost, Decimal)


def test_no_instructor_costs_nothing():
    assert reports.instructor_cost(course(), None, 10) == Decimal(0)


def test_age_comparison_marks_the_groups_under_the_average():
    result = reports.age_comparison(
        {"children": 10, "youth": 1, "seniors": 2},
        {"children": 40, "youth": 20, "young_adults": 0, "adults": 100, "seniors": 10},
    )
    rows = {r.group: r for r in result.rows}
    assert result.participants == 13 and result.residents == 170
    assert result.average == Decimal("7.6")
    assert rows["children"].share == Decimal("25.0") and not rows["children"].below_average
    assert rows["seniors"].share == Decimal("20.0") and not rows["seniors"].below_average
    assert rows["youth"].share == Decimal("5.0") and rows["youth"].below_average
    assert rows["adults"].share == Decimal("0.0") and rows["adults"].below_average
    assert rows["young_adults"].share is None and not rows["young_adults"].below_average
    assert rows["children"].bar == "w-100" and rows["seniors"].bar == "w-80"


@pytest.fixture
def programme(settlement):
    """A season with two classes (one by the session, one by the hour), a cancelled class,
    participants of each age, payments and attendance; residents of each age."""
    committee = factories.CommitteeFactory(settlement=settlement)
    season = factories.SeasonFactory(settlement=settlement, name="2026–27")
    old = factories.SeasonFactory(
        settlement=settlement,
        name="2025–26",
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 6, 30),
    )
    by_session = factories.InstructorFactory(
        settlement=settlement, rate=Decimal("150.00"), rate_unit="session"
    )
    by_hour = factories.InstructorFactory(
        settlement=settlement, rate=Decimal("80.00"), rate_unit="hour"
    )
    chess = factories.CourseFactory(
        committee=committee,
        season=season,
        instructor=by_session,
        title={"en": "=Chess"},
        starts_on=dt.date(2026, 11, 1),
        ends_on=dt.date(2027, 1, 31),
        fee=Decimal("100.00"),
        fee_period="month",
    )
    choir = factories.CourseFactory(
        committee=committee,
        season=season,
        instructor=by_hour,
        title={"en": "Choir"},
        age_group="seniors",
        end_time=dt.time(18, 30),
        fee=Decimal("250.00"),
        fee_period="season",
    )
    cancelled = factories.CourseFactory(
        committee=committee, season=season, status="cancelled", title={"en": "Gone"}
    )
    factories.CourseFactory(committee=committee, season=old, title={"en": "Last year"})
    # Chess: three children (one exempt, one paid) and a waiting child.
    confirmed = factories.ClassRegistrationFactory(course=chess, places=3)
    kids = [
        factories.ClassParticipantFactory(registration=confirmed, payment=payment)
        for payment in ("paid", "due", "exempt")
    ]
    waiting = factories.ClassRegistrationFactory(course=chess, status="waiting")
    factories.ClassParticipantFactory(registration=waiting)
    # Choir: two seniors, both paid.
    sung = factories.ClassRegistrationFactory(course=choir, places=2)
    for _n in range(2):
        factories.ClassParticipantFactory(registration=sung, age_group="seniors", payment="paid")
    gone = factories.ClassRegistrationFactory(course=cancelled)
    factories.ClassParticipantFactory(registration=gone, age_group="adults")

    # Sessions: chess had two (one with attendance), one skipped, one to come.
    def session(course, day, status="scheduled"):
        start = dt.datetime(2026, 11, day, 15, tzinfo=dt.UTC)
        return factories.CourseSessionFactory(
            course=course,
            date=start.date(),
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            status=status,
        )

    held = session(chess, 3)
    session(chess, 10)
    session(chess, 17, status="skipped")
    session(chess, 24)
    for kid, present in zip(kids, (True, True, False), strict=True):
        factories.SessionAttendanceFactory(session=held, participant=kid, present=present)
    session(choir, 4)
    # Residents: 4 children, 10 adults, 2 seniors; one without birth date, one archived.
    for _n in range(4):
        factories.ResidentFactory(settlement=settlement, birth_date=dt.date(2018, 1, 1))
    for _n in range(10):
        factories.ResidentFactory(settlement=settlement, birth_date=dt.date(1980, 1, 1))
    for _n in range(2):
        factories.ResidentFactory(settlement=settlement, birth_date=dt.date(1950, 1, 1))
    factories.ResidentFactory(settlement=settlement, birth_date=None)
    factories.ResidentFactory(
        settlement=settlement, birth_date=dt.date(1950, 1, 1), archived_at=factories.FIXED_NOW
    )
    return {"season": season, "old": old, "chess": chess, "choir": choir}


def test_reports_for_the_current_season(settlement, programme, unscoped):
    data = reports.reports_for(settlement=settlement, season_id=None, language="en")
    assert data.season == programme["season"]
    rows = {r.group: r for r in data.ages.rows}
    assert (rows["children"].participants, rows["children"].residents) == (3, 4)
    assert (rows["seniors"].participants, rows["seniors"].residents) == (2, 2)
    assert (rows["adults"].participants, rows["adults"].residents) == (0, 10)
    assert rows["adults"].below_average and not rows["children"].below_average
    chess, choir = data.classes
    assert chess.title == "=Chess" and choir.title == "Choir"
    # Chess: 100 a month, November to January, for the two who are not exempt.
    assert (chess.participants, chess.paying, chess.paid) == (3, 2, 1)
    assert chess.expected == Decimal("600.00") and chess.collected == Decimal("300.00")
    assert chess.sessions == 3 and chess.cost == Decimal("450.00")
    assert chess.balance == Decimal("150.00")
    assert (chess.marks, chess.present, chess.attendance) == (3, 2, Decimal("66.7"))
    assert (chess.past_sessions, chess.untaken) == (2, 1)
    # Choir: 250 a season each; one session of 1.5 hours at 80 an hour.
    assert choir.expected == Decimal("500.00") == choir.collected
    assert choir.cost == Decimal("120.00") and choir.attendance is None
    assert data.totals.expected == Decimal("1100.00")
    assert data.totals.cost == Decimal("570.00")
    assert data.totals.balance == Decimal("530.00")


def test_reports_for_another_season_and_none(settlement, other_settlement, programme, unscoped):
    data = reports.reports_for(settlement=settlement, season_id=programme["old"].pk, language="en")
    assert [r.title for r in data.classes] == ["Last year"]
    assert data.ages.participants == 0
    foreign = factories.SeasonFactory(settlement=other_settlement)
    data = reports.reports_for(settlement=settlement, season_id=foreign.pk, language="en")
    assert data.season == programme["season"]  # another settlement's season: the default
    empty = reports.reports_for(settlement=other_settlement, season_id=None, language="en")
    assert empty.season == foreign
    assert (
        reports.reports_for(
            settlement=factories.SettlementFactory(), season_id=None, language="en"
        ).season
        is None
    )


def test_the_page(client, settlement, coordinator, programme):
    client.force_login(coordinator)
    response = client.get(reverse("classes:reports"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Participation by age group" in html and "under the average" in html
    assert "600.00" in html and "1,100.00" in html and "66.7%" in html
    assert 'class="w-100"' in html
    response = client.get(reverse("classes:reports"), {"season": programme["old"].pk})
    assert "Last year" in response.content.decode()
    response = client.get(reverse("classes:reports"), {"season": "nonsense"})
    assert response.status_code == 200
    assert response.context["reports"].season == programme["season"]


def test_the_page_without_seasons(client, settlement, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("classes:reports"))
    assert response.status_code == 200
    assert "There is no season yet" in response.content.decode()


def test_only_the_coordinator(client, settlement, chair, programme):
    client.force_login(chair)
    assert client.get(reverse("classes:reports")).status_code == 404
    assert client.get(reverse("classes:reports_export")).status_code == 404


def test_export_csv_has_the_three_tables_and_no_formulas(
    client, settlement, coordinator, programme
):
    client.force_login(coordinator)
    response = client.get(reverse("classes:reports_export"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = [row[0] for row in rows if row and row[0]]
    assert "Participation by age group" in titles
    assert (
        "Income and instructor cost (ILS)" in titles or "Income and instructor cost (EUR)" in titles
    )
    assert "Attendance" in titles
    assert ["'=Chess", "Instructor 0"][0] in [row[0] for row in rows]
    assert "=Chess" not in [row[0] for row in rows]
    total = next(row for row in rows if row[0] == "Total")
    assert total[5] == "1100.00" and total[9] == "530.00"


def test_export_xlsx_has_a_sheet_each(client, settlement, coordinator, programme):
    client.force_login(coordinator)
    response = client.get(reverse("classes:reports_export"), {"format": "xlsx"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 3
    money_sheet = book[book.sheetnames[1]]
    values = [[c.value for c in row] for row in money_sheet.iter_rows()]
    assert values[1][0] == "'=Chess"
    assert Decimal(str(values[-1][9])) == Decimal("530.00")


def test_export_of_an_unknown_format_is_404(client, settlement, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("classes:reports_export"), {"format": "pdf"}).status_code == 404


def test_reports_file_without_a_season_is_still_a_file(settlement, unscoped):
    data = reports.reports_for(settlement=settlement, season_id=None, language="en")
    assert (
        reports_file(data, "EUR", "csv")
        .decode("utf-8-sig")
        .startswith("Participation by age group")
    )


def grow(settlement, season, count):
    committee = factories.CommitteeFactory(settlement=settlement)
    for n in range(count):
        course = factories.CourseFactory(committee=committee, season=season)
        registration = factories.ClassRegistrationFactory(course=course)
        participant = factories.ClassParticipantFactory(
            registration=registration, age_group=["children", "adults"][n % 2]
        )
        start = dt.datetime(2026, 11, 3, 15, tzinfo=dt.UTC)
        session = factories.CourseSessionFactory(
            course=course, date=start.date(), starts_at=start, ends_at=start + dt.timedelta(hours=1)
        )
        factories.SessionAttendanceFactory(session=session, participant=participant)
        factories.ResidentFactory(settlement=settlement, birth_date=dt.date(2015 - n, 1, 1))


@pytest.mark.parametrize("url", ["classes:reports", "classes:reports_export"])
def test_queries_are_fixed(client, settlement, coordinator, django_assert_num_queries, url):
    season = factories.SeasonFactory(settlement=settlement)
    client.force_login(coordinator)
    client.get(reverse(url))
    for size in (2, 25):
        grow(settlement, season, size)
        # session, user, membership; seasons, participants by age, residents, classes
        with django_assert_num_queries(7):
            response = client.get(reverse(url))
        assert response.status_code == 200

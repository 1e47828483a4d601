"""The plan's documents: the PDF for the board (Hebrew right to left, Slovenian letters),
the workbook, and the quarterly progress report (page and PDF).

The key check of the issue: the Hebrew PDF's text, extracted again from the file, holds
every paragraph of the plan. PDF text of mixed right-to-left words and numbers comes out
in visual order, so paragraphs are compared as normalised words: a multiset, each word
found as written or reversed."""

import datetime as dt
import io
import re
import unicodedata
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from committees.money import money
from coordinator.models import AuditEvent, Role
from plans import documents, quarterly
from tests import factories

HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea]")
# Runs of Hebrew letters, of other letters, of digits: visual order glues a Hebrew word to a
# number or to an English word next to it ("ו120", "החדשותGoal").
WORD = re.compile(r"[\u0590-\u05ff]+|[^\W\d_\u0590-\u05ff]+|\d+")


# --- comparing paragraphs with the PDF's text ----------------------------------------------


def words(text: str) -> list[str]:
    """``text`` as normalised words: NFC, case-folded, punctuation dropped, Hebrew, other
    letters and digits apart."""
    return [w.casefold() for w in WORD.findall(unicodedata.normalize("NFC", text))]


def missing_words(paragraphs: list[str], text: str) -> dict[str, list[str]]:
    """The words of each paragraph that the text lacks, counting each occurrence once (a
    multiset); a word is found as written or reversed (right-to-left in visual order)."""
    found = Counter(words(text))
    missing: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        for word in words(paragraph):
            for form in (word, word[::-1]):
                if found[form] > 0:
                    found[form] -= 1
                    break
            else:
                missing.setdefault(paragraph, []).append(word)
    return missing


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_fonts(content: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        resources: Any = page["/Resources"]
        fonts = resources.get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_comparison_finds_reversed_words_and_misses_absent_ones():
    text = "םולש world 2027 ו120 החדשותGoal"
    assert missing_words(["שלום, World!", "ו-120", "2027", "goal החדשות"], text) == {}
    assert missing_words(["שלום שלום"], text) == {"שלום שלום": ["שלום"]}
    assert missing_words(["מילה חסרה"], text) == {"מילה חסרה": ["מילה", "חסרה"]}


# --- a Hebrew plan ------------------------------------------------------------------------


@pytest.fixture
def hebrew(db):
    return factories.SettlementFactory(
        name="כפר הדקלים", slug="dkalim", language="he", currency="ILS", time_zone="Asia/Jerusalem"
    )


@pytest.fixture
def hebrew_coordinator(hebrew):
    return factories.member(hebrew, Role.COORDINATOR, username="rakezet")


HEBREW = {
    "vision": "כפר שבו כל משפחה מרגישה שייכת ומוגנת, ו-120 משפחות חדשות נקלטות עד 2030.",
    "values": "ערבות הדדית, פתיחות, התנדבות ואחריות משותפת",
    "goals": [
        (
            "חיזוק הקשר בין הוותיקים למשפחות החדשות",
            "נקיים מפגשי היכרות בחוגי בית בכל שכונה, ונלווה 40 משפחות בשנה הראשונה שלהן ביישוב.",
        ),
        (
            "פעילות פנאי לבני הנוער",
            "מועדון נוער פתוח שלושה ערבים בשבוע, עם מדריכים מקצועיים ותכנית קיץ.",
        ),
    ],
    "targets": [
        "מספר המשפחות החדשות שהשתתפו בחוג בית",
        "שיעור בני הנוער המשתתפים בפעילות קבועה",
    ],
    "programmes": [
        ("חוגי בית בשכונות", "שמונה חוגי בית בשנה, בהנחיית צוות ההיגוי והמשפחות המלוות."),
        ("מועדון הנוער", "פתיחת המועדון בימים א׳, ג׳ ו-ה׳ בשעות הערב, כולל הסעות מהשכונות."),
    ],
}


def build_plan(settlement, texts, year=2027, status="approved"):
    factories.VisionFactory(
        settlement=settlement, statement=texts["vision"], values=texts["values"]
    )
    plan = factories.PlanFactory(settlement=settlement, year=year, status=status)
    funding = factories.FundingSourceFactory(plan=plan, name=texts["funding"])
    for n, ((title, description), indicator, (p_title, p_description)) in enumerate(
        zip(texts["goals"], texts["targets"], texts["programmes"], strict=True)
    ):
        goal = factories.GoalFactory(plan=plan, title=title, description=description)
        factories.TargetFactory(goal=goal, indicator=indicator)
        programme = factories.ProgrammeFactory(goal=goal, title=p_title, description=p_description)
        factories.BudgetLineFactory(
            programme=programme,
            description=texts["line"],
            planned_expense=Decimal("12345.67") + n,
            funding=funding,
        )
    return plan


def paragraphs(texts):
    return [
        texts["vision"],
        texts["values"],
        *(part for goal in texts["goals"] for part in goal),
        *texts["targets"],
        *(part for programme in texts["programmes"] for part in programme),
    ]


def test_the_hebrew_pdf_holds_every_paragraph_of_the_plan(client, hebrew, hebrew_coordinator):
    texts = {**HEBREW, "funding": "מענק המועצה", "line": "הנחיית חוגים"}
    plan = build_plan(hebrew, texts)
    client.force_login(hebrew_coordinator)

    response = client.get(reverse("plans:pdf", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-2027.pdf"'
    content = response.content
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert missing_words(paragraphs(texts), text) == {}
    assert len(HEBREW_LETTER.findall(text)) > 200
    assert "כפר הדקלים" in text or "םילקדה רפכ" in text
    assert "₪" in text  # money in the settlement's currency
    fonts = pdf_fonts(content)
    assert fonts, "the PDF names its fonts"
    assert all("DejaVu" in name for name in fonts), fonts


def test_a_paragraph_left_out_of_the_pdf_would_be_found_missing(client, hebrew, hebrew_coordinator):
    texts = {**HEBREW, "funding": "מענק המועצה", "line": "הנחיית חוגים"}
    plan = build_plan(hebrew, texts)
    client.force_login(hebrew_coordinator)
    text = pdf_text(client.get(reverse("plans:pdf", args=[plan.pk])).content)
    absent = "תושבים מתנדבים בגינה הקהילתית"
    assert set(missing_words([absent], text)[absent]) == set(words(absent))


def test_the_hebrew_pdf_is_right_to_left_in_the_settlements_language(
    client, hebrew, hebrew_coordinator, monkeypatch
):
    plan = build_plan(hebrew, {**HEBREW, "funding": "מענק", "line": "שורה"})
    written = []

    def keep(html):
        written.append(html)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(documents, "pdf_bytes", keep)
    client.force_login(hebrew_coordinator)
    client.get(reverse("plans:pdf", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en")

    (html,) = written
    assert '<html lang="he" dir="rtl">' in html
    assert 'font-family: "DejaVu Sans"' in html
    assert (documents.FONTS_DIR.resolve().as_uri() + "/DejaVuSans.ttf") in html
    assert "size: A4" in html
    assert "counter(page)" in html
    with translation.override("he"):
        assert money(Decimal("12345.67"), "ILS") in html  # exact to the agora, in shekels


# --- a Slovenian plan ---------------------------------------------------------------------

SLOVENIAN = {
    "vision": "Vas, kjer se vsak čuti sprejetega in kjer šola, društva in soseske sodelujejo.",
    "values": "Solidarnost, odprtost, prostovoljstvo in odgovornost",
    "goals": [
        (
            "Povezovanje starejših in novih družin",
            "Srečanja na domu v vsaki soseski; mentorske družine spremljajo 15 novih družin.",
        ),
        ("Prosti čas za mlade", "Mladinski klub odprt trikrat na teden, poletni tabor in izleti."),
    ],
    "targets": ["Število družin na srečanjih", "Delež mladih, ki redno obiskujejo klub"],
    "programmes": [
        ("Srečanja na domu", "Osem srečanj na leto, ki jih vodi usmerjevalna skupina."),
        ("Mladinski klub", "Ponedeljek, sreda in četrtek zvečer; prevoz iz oddaljenih zaselkov."),
    ],
    "funding": "Občinska sredstva",
    "line": "Vodenje krožkov",
}


def test_the_slovenian_pdf_keeps_its_letters(client, db):
    settlement = factories.SettlementFactory(
        name="Krajevna skupnost Žiri", slug="ziri", language="sl", currency="EUR"
    )
    coordinator = factories.member(settlement, Role.COORDINATOR, username="delavka")
    plan = build_plan(settlement, SLOVENIAN, status="submitted")
    client.force_login(coordinator)

    response = client.get(reverse("plans:pdf", args=[plan.pk]))

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert missing_words(paragraphs(SLOVENIAN), text) == {}
    for letter in "čšžŽ":
        assert letter in text
    assert "€" in text
    assert all("DejaVu" in name for name in pdf_fonts(response.content))


def test_the_pdf_shows_revisions_funding_roll_up_and_is_audited(client, settlement, coordinator):
    committee = factories.CommitteeFactory(settlement=settlement, name="Culture committee")
    plan = factories.PlanFactory(settlement=settlement, year=2026, status="approved")
    goal = factories.GoalFactory(plan=plan, title="Belonging")
    programme = factories.ProgrammeFactory(goal=goal, title="Welcome evenings", owner=committee)
    factories.BudgetLineFactory(programme=programme, description="Hall hire")
    factories.WorkPlanActivityFactory(
        goal__work_plan__committee=committee,
        goal__work_plan__year=2026,
        title="Harvest festival",
        budget_request=Decimal("800.00"),
    )
    factories.FundingSourceFactory(plan=plan, name="Council grant", status="received")
    factories.PlanRevisionFactory(
        plan=plan, reason="Smaller grant", made_by=coordinator, summary="Hall hire lowered"
    )
    client.force_login(coordinator)

    response = client.get(reverse("plans:pdf", args=[plan.pk]))

    text = " ".join(pdf_text(response.content).split())
    for expected in (
        "Harvest festival",
        "Culture committee",
        "Council grant",
        "Smaller grant",
        "Hall hire lowered",
        coordinator.get_full_name(),
        "1,000.00 €",
        "800.00 €",
    ):
        assert expected in text
    with scopes_disabled():
        event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED, object_id=plan.pk)
    assert event.object_type == "plan"
    assert event.actor == coordinator
    assert event.summary == "pdf of the plan of 2026"


def test_documents_fetch_only_the_vendored_fonts():
    fetcher = documents.fonts_only()
    with pytest.raises(ValueError, match="Not fetched"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="Not fetched"):
        fetcher.fetch("https://example.org/font.ttf")
    font = documents.FONTS_DIR.resolve().as_uri() + "/DejaVuSans.ttf"
    assert fetcher.fetch(font) is not None


def test_a_texts_markup_is_not_read_as_html(client, settlement, coordinator, monkeypatch):
    plan = factories.PlanFactory(settlement=settlement, year=2026)
    factories.GoalFactory(plan=plan, title='<img src="file:///etc/passwd">')
    written = []
    monkeypatch.setattr(documents, "pdf_bytes", lambda html: written.append(html) or b"%PDF")
    client.force_login(coordinator)
    client.get(reverse("plans:pdf", args=[plan.pk]))
    assert '<img src="file' not in written[0]
    assert "&lt;img" in written[0]


# --- the workbook -------------------------------------------------------------------------


def test_the_workbook_has_money_as_numbers_and_texts_safe_from_formulas(
    client, settlement, coordinator
):
    plan = factories.PlanFactory(settlement=settlement, year=2026)
    goal = factories.GoalFactory(plan=plan, title="=cmd|' /C calc'!A0")
    target = factories.TargetFactory(goal=goal, indicator="Families at house meetings")
    factories.MeasurementFactory(target=target, value=Decimal("30.00"))
    programme = factories.ProgrammeFactory(goal=goal, title="House meetings")
    line = factories.BudgetLineFactory(
        programme=programme,
        description="+Refreshments",
        planned_expense=Decimal("1234.56"),
        planned_income=Decimal("0.10"),
    )
    factories.ActualFactory(line=line, amount=Decimal("99.99"))
    factories.FundingSourceFactory(plan=plan, name="@donors", amount=Decimal("700.05"))
    client.force_login(coordinator)

    response = client.get(reverse("plans:xlsx", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == documents.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="plan-2026.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Plan", "Targets", "Funding"]
    sheet = workbook["Plan"]
    assert [c.value for c in sheet[1]][:3] == ["Goal", "Programme", "Budget line"]
    row = sheet[2]
    assert row[0].value == "'=cmd|' /C calc'!A0"
    assert row[0].data_type == "s"
    assert row[2].value == "'+Refreshments"
    assert isinstance(row[5].value, int | float) and Decimal(str(row[5].value)) == Decimal(
        "1234.56"
    )
    assert Decimal(str(row[6].value)) == Decimal("0.10")
    assert Decimal(str(row[7].value)) == Decimal("99.99")
    assert row[5].number_format == "#,##0.00"
    targets = workbook["Targets"]
    assert targets[2][1].value == "Families at house meetings"
    assert targets[2][6].value == 30
    assert targets[2][9].value == "Behind"
    funding = workbook["Funding"]
    assert funding[2][0].value == "'@donors"
    assert Decimal(str(funding[2][2].value)) == Decimal("700.05")
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            action=AuditEvent.Action.EXPORTED, object_id=plan.pk, summary__startswith="xlsx"
        ).exists()


def test_the_workbooks_headers_are_in_the_readers_language(client, settlement, coordinator):
    plan = factories.PlanFactory(settlement=settlement, year=2026)
    client.force_login(coordinator)
    english = load_workbook(io.BytesIO(client.get(reverse("plans:xlsx", args=[plan.pk])).content))
    hebrew = load_workbook(
        io.BytesIO(
            client.get(reverse("plans:xlsx", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="he").content
        )
    )
    assert english["Plan"]["A1"].value == "Goal"
    with translation.override("he"):
        assert hebrew.sheetnames[0] == translation.gettext("Plan") != "Plan"
        assert hebrew.worksheets[0]["A1"].value == translation.gettext("Goal")
        assert hebrew.sheetnames[1] == translation.gettext("Targets")


# --- the quarterly report -----------------------------------------------------------------


@pytest.fixture
def year_plan(settlement):
    """A plan of 2026 (today is 23 Nov 2026: the fourth quarter) with money, readings,
    funding and revisions in several quarters."""
    settlement.time_zone = "Asia/Jerusalem"
    settlement.currency = "ILS"
    settlement.save()
    plan = factories.PlanFactory(settlement=settlement, year=2026, status="approved")
    goal = factories.GoalFactory(plan=plan, title="Belonging")
    target = factories.TargetFactory(
        goal=goal, indicator="Families at house meetings", baseline=10, target_value=50
    )
    for on, value in ((dt.date(2026, 5, 10), 20), (dt.date(2026, 8, 1), 30)):
        factories.MeasurementFactory(target=target, measured_on=on, value=value)
    factories.MeasurementFactory(target=target, measured_on=dt.date(2026, 11, 1), value=50)
    programme = factories.ProgrammeFactory(goal=goal, title="House meetings")
    line = factories.BudgetLineFactory(programme=programme, planned_expense=Decimal("1000.00"))
    for on, amount, kind in (
        (dt.date(2026, 3, 1), "30.00", "expense"),
        (dt.date(2026, 8, 15), "100.50", "expense"),
        (dt.date(2026, 9, 30), "12.25", "income"),
        (dt.date(2026, 10, 5), "250.00", "expense"),
        (dt.date(2026, 11, 1), "40.00", "income"),
    ):
        factories.ActualFactory(line=line, on=on, amount=Decimal(amount), kind=kind)
    factories.FundingSourceFactory(
        plan=plan,
        name="Council grant",
        status="received",
        amount=Decimal("600.00"),
        received_on=dt.date(2026, 8, 20),
    )
    factories.FundingSourceFactory(
        plan=plan, name="Donations", status="received", received_on=dt.date(2026, 11, 2)
    )
    factories.PlanRevisionFactory(
        plan=plan, reason="Summer change", made_at=dt.datetime(2026, 8, 10, 9, tzinfo=dt.UTC)
    )
    # 30 Sep 22:30 UTC is already 1 October in Israel: the fourth quarter's.
    factories.PlanRevisionFactory(
        plan=plan,
        reason="Autumn change",
        made_at=dt.datetime(2026, 9, 30, 22, 30, tzinfo=dt.UTC),
    )
    return plan


def test_a_quarters_numbers(coordinator_client, year_plan):
    response = coordinator_client.get(
        reverse("plans:quarterly", args=[year_plan.pk]), {"quarter": "3"}
    )

    assert response.status_code == 200
    report = response.context["report"]
    assert (report.quarter, report.starts_on, report.ends_on) == (
        3,
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
    )
    goal_row, programme_row = report.money
    assert goal_row.is_goal and not programme_row.is_goal
    assert programme_row.planned.expense == Decimal("1000.00")
    assert programme_row.quarter.actual_expense == Decimal("100.50")
    assert programme_row.quarter.actual_income == Decimal("12.25")
    assert programme_row.to_date.actual_expense == Decimal("130.50")
    assert programme_row.used == Decimal("13.1")
    assert report.total.quarter.actual_expense == Decimal("100.50")
    (target,) = report.targets
    assert [r.value for r in target.readings] == [Decimal("30.00")]
    assert target.progress.percent == Decimal("50.0")
    assert target.standing_label == "Behind"
    assert [s.name for s in report.received] == ["Council grant"]
    assert [r.reason for r, _who in report.revisions] == ["Summer change"]
    content = response.content.decode()
    assert "100.50\u00a0₪" in content
    assert "600.00\u00a0₪" in content
    assert "Autumn change" not in content
    assert 'href="?quarter=3&amp;format=pdf"' in content


def test_the_default_quarter_is_todays_and_a_bad_one_falls_back(coordinator_client, year_plan):
    url = reverse("plans:quarterly", args=[year_plan.pk])
    for params in ({}, {"quarter": "9"}, {"quarter": "abc"}, {"quarter": ""}, {"quarter": "0"}):
        response = coordinator_client.get(url, params)
        assert response.status_code == 200
        report = response.context["report"]
        assert report.quarter == 4, params
    assert report.money[1].quarter.actual_expense == Decimal("250.00")
    assert report.money[1].quarter.actual_income == Decimal("40.00")
    assert [r.reason for r, _who in report.revisions] == ["Autumn change"]
    assert report.targets[0].standing_label == "Reached"


@pytest.mark.parametrize(
    ("year", "today", "quarter"),
    [
        (2027, dt.date(2026, 11, 23), 1),
        (2026, dt.date(2026, 11, 23), 4),
        (2026, dt.date(2026, 4, 1), 2),
        (2025, dt.date(2026, 11, 23), 4),
    ],
)
def test_default_quarter(year, today, quarter):
    assert quarterly.default_quarter(year, today) == quarter


def test_quarter_spans():
    assert quarterly.quarter_span(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert quarterly.quarter_span(2028, 1)[1] == dt.date(2028, 3, 31)
    assert quarterly.quarter_span(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def test_the_quarterly_report_as_pdf(coordinator_client, year_plan):
    response = coordinator_client.get(
        reverse("plans:quarterly", args=[year_plan.pk]), {"quarter": "3", "format": "pdf"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-2026-q3.pdf"'
    text = " ".join(pdf_text(response.content).split())
    assert "Families at house meetings" in text
    assert "100.50 ₪" in text
    assert "Summer change" in text
    assert "Autumn change" not in text
    assert all("DejaVu" in name for name in pdf_fonts(response.content))
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            action=AuditEvent.Action.EXPORTED, summary__contains="quarter 3"
        ).exists()


# --- who may have them --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plans:pdf", "plans:xlsx", "plans:quarterly"])
def test_another_settlements_plan_is_not_found(client, other_settlement, coordinator, name):
    plan = factories.PlanFactory(settlement=other_settlement, year=2026)
    client.force_login(coordinator)
    assert client.get(reverse(name, args=[plan.pk])).status_code == 404


@pytest.mark.parametrize("name", ["plans:pdf", "plans:xlsx", "plans:quarterly"])
def test_a_chair_has_no_documents_and_a_visitor_logs_in(client, settlement, chair, name):
    plan = factories.PlanFactory(settlement=settlement, year=2026)
    url = reverse(name, args=[plan.pk])
    assert client.get(url).status_code == 302
    client.force_login(chair)
    assert client.get(url).status_code == 404


def test_a_board_member_gets_the_pdf(client, settlement):
    plan = factories.PlanFactory(settlement=settlement, year=2026, status="submitted")
    client.force_login(factories.member(settlement, Role.BOARD, username="board"))
    assert client.get(reverse("plans:pdf", args=[plan.pk])).status_code == 200


# --- queries --------------------------------------------------------------------------------


def make_plan(settlement, size: int):
    """A plan of 2026 whose every part grows with ``size``."""
    committee = factories.CommitteeFactory(settlement=settlement)
    partner = factories.PartnerFactory.create(settlement=settlement)
    need = factories.NeedFactory.create(settlement=settlement)
    plan = factories.PlanFactory(settlement=settlement, year=2026, status="approved")
    funding = factories.FundingSourceFactory(plan=plan, received_on=dt.date(2026, 11, 1))
    for n in range(size):
        goal = factories.GoalFactory.create(plan=plan)
        goal.needs.add(need)
        target = factories.TargetFactory(goal=goal)
        factories.MeasurementFactory(target=target)
        programme = factories.ProgrammeFactory.create(goal=goal, owner=committee)
        programme.partners.add(partner)
        line = factories.BudgetLineFactory(programme=programme, funding=funding)
        factories.ActualFactory(line=line)
        factories.ActualFactory(line=line, kind="income", on=dt.date(2026, 2, 1))
        factories.WorkPlanActivityFactory(
            goal__work_plan__committee=committee, goal__work_plan__year=2026 + n
        )
        factories.PlanRevisionFactory(plan=plan, made_at=factories.FIXED_NOW)
    return plan


# The request's baseline (session, user, memberships) and the plan (with the settlement's
# vision), then the overview's six queries (plans.overview), four for the documents that
# show only numbers.
BASE = 3 + 1
QUARTERLY = BASE + 4 + 3  # the quarter's actuals, the readings to its end, its revisions
PDF = BASE + 6 + 1 + 1  # the revisions, the audit entry
XLSX = BASE + 4 + 1  # the audit entry


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        ("plans:quarterly", {}, QUARTERLY),
        ("plans:quarterly", {"quarter": "2"}, QUARTERLY),
        ("plans:quarterly", {"format": "pdf"}, QUARTERLY + 1),  # the audit entry
        ("plans:pdf", {}, PDF),
        ("plans:xlsx", {}, XLSX),
    ],
)
@pytest.mark.parametrize("size", [1, 6])
def test_queries_are_fixed(
    coordinator_client, settlement, django_assert_num_queries, name, params, expected, size
):
    plan = make_plan(settlement, size)
    url = reverse(name, args=[plan.pk])
    coordinator_client.get(url, params)  # warm the session
    with django_assert_num_queries(expected):
        response = coordinator_client.get(url, params)
    assert response.status_code == 200

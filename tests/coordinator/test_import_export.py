"""Import of the registry from CSV and XLSX (preview, then confirm) and export to both."""

import csv
import datetime as dt
import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coordinator import clock, services
from coordinator.models import Household, ImportBatch, Neighbourhood, Resident, Role, Tag
from coordinator.services import ImportRejected
from tests import factories

HEADER = ["first_name", "last_name", "birth_date", "email", "household", "tags"]
GOOD_ROWS = [
    ["Ana", "Novak", "1990-04-01", "ana@example.org", "Novak", "volunteer; new family"],
    ["Bor", "Novak", "02/03/2015", "", "Novak", ""],
    ["Cene", "Kranjc", "", "cene@example.org", "", "volunteer"],
]


def csv_bytes(rows, header=HEADER, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def counts(settlement) -> tuple[int, int]:
    with scope(settlement=settlement.pk):
        return Resident.objects.count(), ImportBatch.objects.count()


def preview(settlement, content, filename="residents.csv", user=None):
    with scope(settlement=settlement.pk):
        return services.residents_import_preview(
            settlement=settlement, user=user, filename=filename, content=content
        )


def upload(client, content, filename="residents.csv"):
    return client.post(reverse("residents:import"), {"file": SimpleUploadedFile(filename, content)})


def errors_of(result) -> dict[int, list[str]]:
    return {row.number: row.errors for row in result.rows if row.errors}


# --- good files ------------------------------------------------------------------------------


def test_good_csv_preview_then_confirm(coordinator_client, settlement):
    response = upload(coordinator_client, csv_bytes(GOOD_ROWS))
    assert response.status_code == 200
    assert b"New residents: 3. Updated: 0." in response.content
    assert counts(settlement) == (0, 1)  # nothing imported before the confirmation
    with scope(settlement=settlement.pk):
        batch = ImportBatch.objects.get()
    assert batch.row_count == 3
    response = coordinator_client.post(reverse("residents:import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:list")
    with scope(settlement=settlement.pk):
        ana = Resident.objects.get(first_name="Ana")
        assert ana.birth_date == dt.date(1990, 4, 1)
        assert ana.household.name == "Novak"
        assert sorted(t.name for t in ana.tags.all()) == ["new family", "volunteer"]
        assert Resident.objects.get(first_name="Bor").birth_date == dt.date(2015, 3, 2)
        assert Resident.objects.get(first_name="Cene").household is None
        assert Household.objects.count() == 1
        assert Tag.objects.count() == 2
        batch.refresh_from_db()
        assert batch.applied_at == factories.FIXED_NOW
        assert bytes(batch.content) == b""
    assert counts(settlement) == (3, 1)
    followed = coordinator_client.get(response["Location"])
    assert b"Import done. New residents: 3. Updated: 0." in followed.content


def test_good_xlsx_preview_then_confirm(coordinator_client, settlement):
    rows = [
        # Excel cells carry no time zone: a naive datetime is what a workbook holds.
        ["Ana", "Novak", dt.datetime(1990, 4, 1), "ana@example.org", "Novak", "volunteer"],  # noqa: DTZ001
        ["Bor", "Novak", "02.03.2015", None, "Novak", None],
    ]
    response = upload(coordinator_client, xlsx_bytes(rows), "list.xlsx")
    assert response.status_code == 200
    assert b"New residents: 2." in response.content
    with scope(settlement=settlement.pk):
        batch = ImportBatch.objects.get()
    assert batch.file_format == "xlsx"
    response = coordinator_client.post(reverse("residents:import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        assert Resident.objects.get(first_name="Ana").birth_date == dt.date(1990, 4, 1)
        assert Resident.objects.get(first_name="Bor").birth_date == dt.date(2015, 3, 2)
        assert Resident.objects.get(first_name="Bor").email == ""


def test_import_fields_and_defaults(settlement):
    header = [
        "First Name",
        "last-name",
        "phone",
        "neighbourhood",
        "arrival_date",
        "preferred_language",
        "consent_to_contact",
    ]
    rows = [
        ["Ana", "Novak", "+386 40 111 222", "North", "2026-11-25", "Slovenian", "yes"],
        ["Bor", "Novak", "", "north", "", "", "no"],
    ]
    result = preview(settlement, csv_bytes(rows, header))
    assert result.is_valid, errors_of(result)
    with scope(settlement=settlement.pk):
        services.residents_import_apply(batch=result.batch)
        ana = Resident.objects.get(first_name="Ana")
        bor = Resident.objects.get(first_name="Bor")
        assert (ana.phone, ana.preferred_language, ana.consent_to_contact) == (
            "+386 40 111 222",
            "sl",
            True,
        )
        assert ana.arrival_date == dt.date(2026, 11, 25)
        assert bor.preferred_language == settlement.language
        assert bor.consent_to_contact is False
        assert ana.neighbourhood == bor.neighbourhood
        assert Neighbourhood.objects.count() == 1


# --- files refused as a whole ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["first_name", "last_name", "shoe_size"], "Unknown columns: shoe_size."),
        (["last_name", "birth_date"], "Missing columns: first_name."),
        (["first_name", "last_name", "Last Name"], "Repeated columns: last_name."),
    ],
)
def test_wrong_columns_are_refused(coordinator_client, settlement, header, message):
    content = csv_bytes([["Ana", "Novak", "x"][: len(header)]], header)
    with pytest.raises(ImportRejected, match=message):
        preview(settlement, content)
    response = upload(coordinator_client, content)
    assert response.status_code == 400
    assert message.encode() in response.content
    assert b"The columns are: id, first_name" in response.content
    assert counts(settlement) == (0, 0)


def test_a_file_too_large_is_refused(coordinator_client, settlement):
    junk = os.urandom(5 * 1024 * 1024)
    response = upload(coordinator_client, junk, "huge.csv")
    assert response.status_code == 400
    assert b"The file is too large: at most 2 MB." in response.content
    with pytest.raises(ImportRejected, match="too large"):
        preview(settlement, junk, "huge.xlsx")
    assert counts(settlement) == (0, 0)


def test_junk_named_xlsx_could_not_be_read(coordinator_client, settlement):
    junk = os.urandom(20_000)
    response = upload(coordinator_client, junk, "residents.xlsx")
    assert response.status_code == 400
    assert b"The file could not be read as XLSX." in response.content
    assert counts(settlement) == (0, 0)


def test_a_non_utf8_csv_is_refused(coordinator_client, settlement):
    content = csv_bytes([["Žana", "Čebular"]], ["first_name", "last_name"], encoding="cp1250")
    response = upload(coordinator_client, content)
    assert response.status_code == 400
    assert b"The file is not UTF-8 text." in response.content
    assert counts(settlement) == (0, 0)


def test_a_utf8_csv_with_bom_is_read(settlement):
    content = "\ufefffirst_name,last_name\nŽana,Čebular\n".encode()
    result = preview(settlement, content)
    assert result.is_valid
    assert result.rows[0].data["first_name"] == "Žana"


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("residents.txt", b"first_name,last_name\nA,B\n", "Upload a CSV or an Excel"),
        ("residents.csv", b"   \n", "The file is empty."),
        ("residents.csv", b"first_name,last_name\n,\n", "column headers but no rows"),
    ],
)
def test_other_files_refused(settlement, filename, content, message):
    with pytest.raises(ImportRejected, match=message):
        preview(settlement, content, filename)
    assert counts(settlement) == (0, 0)


def test_too_many_rows_are_refused(settlement, settings):
    settings.IMPORT_MAX_ROWS = 2
    with pytest.raises(ImportRejected, match="Rows in the file: 3. At most 2"):
        preview(settlement, csv_bytes(GOOD_ROWS))


# --- row errors ------------------------------------------------------------------------------


def test_bad_rows_are_reported_row_by_row_and_nothing_is_imported(coordinator_client, settlement):
    header = ["first_name", "last_name", "birth_date", "email", "preferred_language"]
    rows = [
        ["Ana", "Novak", "1990-04-01", "ana@example.org", "en"],  # row 2: good
        ["Bor", "Novak", "31/02/1990", "", ""],  # row 3
        ["Cene", "Kranjc", "yesterday", "", ""],  # row 4
        ["Dana", "Kos", "1980-01-01", "not-an-address", ""],  # row 5
        ["Eva", "Kos", "1980-01-01", "", "klingon"],  # row 6
        ["Filip", "Kos", "2026-11-24", "", ""],  # row 7: tomorrow
        ["", "Kos", "", "", ""],  # row 8
    ]
    content = csv_bytes(rows, header)
    result = preview(settlement, content)
    assert not result.is_valid
    assert result.batch is None
    errors = errors_of(result)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8]
    assert errors[3] == ["birth date: “31/02/1990” is not a date (write YYYY-MM-DD or DD/MM/YYYY)."]
    assert "birth date: “yesterday” is not a date" in errors[4][0]
    assert errors[5] == ["e-mail: “not-an-address” is not an e-mail address."]
    assert errors[6] == ["preferred language: “klingon” is not one of he, sl, en."]
    assert errors[7] == ["birth date: in the future."]
    assert errors[8] == ["first name: required."]

    response = upload(coordinator_client, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert "6 rows have errors." in page
    assert "Nothing was imported." in page
    assert "“31/02/1990” is not a date" in page
    assert "<td>3</td>" in page and "<td>7</td>" in page
    assert counts(settlement) == (0, 0)


def test_birth_date_today_is_accepted(settlement):
    result = preview(settlement, csv_bytes([["Baby", "Novak", "2026-11-23", "", "", ""]]))
    assert result.is_valid, errors_of(result)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("phone", "call me", "phone: “call me” is not a phone number."),
        ("consent_to_contact", "maybe", "agrees to be contacted: “maybe” should be yes or no."),
        ("arrival_date", "soon", "arrival date: “soon” is not a date"),
        ("birth_date", "1850-01-01", "birth date: before 1900."),
        ("tags", "x" * 51, "tags: a tag is longer than 50 characters."),
        ("id", "abc", "id: no resident with this id."),
    ],
)
def test_more_row_errors(settlement, column, value, message):
    result = preview(
        settlement, csv_bytes([["Ana", "Novak", value]], ["first_name", "last_name", column])
    )
    assert message in errors_of(result)[2][0]
    assert counts(settlement) == (0, 0)


def test_duplicates_inside_the_file(settlement):
    rows = [
        ["Ana", "Novak", "1990-04-01", "", "", ""],
        ["Bor", "Novak", "", "", "", ""],
        ["ana", "NOVAK", "01/04/1990", "", "", ""],
    ]
    result = preview(settlement, csv_bytes(rows))
    assert errors_of(result) == {4: ["Same name and birth date as row 2 of this file."]}
    assert counts(settlement) == (0, 0)


def test_duplicates_against_the_registry(settlement):
    factories.ResidentFactory(
        settlement=settlement, first_name="Ana", last_name="Novak", birth_date=dt.date(1990, 4, 1)
    )
    result = preview(settlement, csv_bytes([["Ana", "Novak", "1990-04-01", "", "", ""]]))
    assert errors_of(result) == {
        2: ["A resident with this name and birth date is already in the registry."]
    }
    assert counts(settlement) == (1, 0)


def test_an_archived_namesake_is_no_duplicate(settlement):
    factories.ResidentFactory(
        settlement=settlement,
        first_name="Ana",
        last_name="Novak",
        birth_date=dt.date(1990, 4, 1),
        archived_at=factories.FIXED_NOW,
    )
    result = preview(settlement, csv_bytes([["Ana", "Novak", "1990-04-01", "", "", ""]]))
    assert result.is_valid


# --- updates through the id column -----------------------------------------------------------


def test_update_through_the_id_column(coordinator_client, settlement):
    resident = factories.ResidentFactory(
        settlement=settlement, first_name="Ana", last_name="Novak", email="old@example.org"
    )
    content = csv_bytes(
        [[resident.pk, "Ana", "Novak-Kos", "new@example.org"], ["", "Bor", "Kos", ""]],
        ["id", "first_name", "last_name", "email"],
    )
    response = upload(coordinator_client, content)
    assert response.status_code == 200
    assert b"New residents: 1. Updated: 1." in response.content
    with scope(settlement=settlement.pk):
        batch = ImportBatch.objects.get()
    coordinator_client.post(reverse("residents:import_confirm", args=[batch.pk]))
    with scope(settlement=settlement.pk):
        resident.refresh_from_db()
        assert (resident.last_name, resident.email) == ("Novak-Kos", "new@example.org")
        assert Resident.objects.count() == 2


def test_an_id_of_another_settlements_resident_is_refused(settlement, other_settlement):
    foreign = factories.ResidentFactory(settlement=other_settlement, first_name="Theirs")
    content = csv_bytes([[foreign.pk, "Mine", "Now"]], ["id", "first_name", "last_name"])
    result = preview(settlement, content)
    assert errors_of(result) == {2: ["id: no resident with this id."]}
    with scope(settlement=other_settlement.pk):
        assert Resident.objects.get(pk=foreign.pk).first_name == "Theirs"
    assert counts(settlement) == (0, 0)


def test_the_same_id_twice_is_refused(settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    content = csv_bytes(
        [[resident.pk, "Ana", "Novak"], [resident.pk, "Bor", "Novak"]],
        ["id", "first_name", "last_name"],
    )
    result = preview(settlement, content)
    assert errors_of(result) == {3: ["The same id is in row 2 of this file."]}


def test_export_then_import_round_trip(coordinator_client, settlement):
    """An exported file imports back unchanged: each row updates its own resident."""
    household = factories.HouseholdFactory(settlement=settlement, name="Novak")
    tag = factories.TagFactory(settlement=settlement, name="volunteer")
    resident = factories.ResidentFactory(
        settlement=settlement, phone="+386 40 123 456", household=household
    )
    resident.tags.add(tag)
    factories.ResidentFactory(settlement=settlement, phone="-")
    for file_format in ("csv", "xlsx"):
        exported = coordinator_client.get(reverse("residents:export"), {"format": file_format})
        result = preview(settlement, exported.content, f"export.{file_format}")
        assert result.is_valid, errors_of(result)
        assert result.updates == 2
        assert result.rows[-1].data["phone"] in ("+386 40 123 456", "-")
        with scope(settlement=settlement.pk):
            services.residents_import_apply(batch=result.batch)
            resident.refresh_from_db()
            assert resident.phone == "+386 40 123 456"
            assert resident.household == household
            assert list(resident.tags.all()) == [tag]
    assert counts(settlement)[0] == 2


# --- formula injection -----------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil","x")'


def test_a_formula_is_imported_as_text_and_neutralised_in_both_exports(
    coordinator_client, settlement
):
    result = preview(settlement, csv_bytes([[FORMULA, "Novak", "", "", "", ""]]))
    assert result.is_valid
    with scope(settlement=settlement.pk):
        services.residents_import_apply(batch=result.batch)
        assert Resident.objects.get().first_name == FORMULA

    response = coordinator_client.get(reverse("residents:export"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["first_name"] == "'" + FORMULA
    assert rows[0]["last_name"] == "Novak"

    response = coordinator_client.get(reverse("residents:export"), {"format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    name = sheet.cell(row=2, column=header.index("first_name") + 1)
    assert name.value == "'" + FORMULA
    assert name.data_type == "s"


def test_a_formula_cell_in_an_xlsx_import_is_not_imported_as_a_formula(settlement):
    """A live formula in an uploaded workbook is read as its cached value (none here)."""
    content = xlsx_bytes([[FORMULA, "Novak"]], ["first_name", "last_name"])
    result = preview(settlement, content, "residents.xlsx")
    assert errors_of(result) == {2: ["first name: required."]}
    assert counts(settlement) == (0, 0)


def test_export_respects_the_filters_and_settlement(
    coordinator_client, settlement, other_settlement
):
    factories.ResidentFactory(settlement=settlement, first_name="Ana", last_name="Novak")
    factories.ResidentFactory(settlement=settlement, first_name="Bor", last_name="Kos")
    factories.ResidentFactory(settlement=other_settlement, first_name="Theirs")
    response = coordinator_client.get(reverse("residents:export"), {"format": "csv", "q": "novak"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["first_name"] for row in rows] == ["Ana"]
    assert list(rows[0]) == list(services.transfer.COLUMNS)
    assert response["Content-Disposition"] == (
        'attachment; filename="residents-home-2026-11-23.csv"'
    )
    assert coordinator_client.get(reverse("residents:export"), {"format": "pdf"}).status_code == 404


def test_the_import_template_is_the_header_row(coordinator_client):
    response = coordinator_client.get(reverse("residents:import_template"))
    text = response.content.decode("utf-8-sig").strip()
    assert text == ",".join(services.transfer.COLUMNS)


# --- confirming ------------------------------------------------------------------------------


def test_a_confirmed_batch_cannot_be_applied_twice(coordinator_client, settlement):
    upload(coordinator_client, csv_bytes(GOOD_ROWS))
    with scope(settlement=settlement.pk):
        batch = ImportBatch.objects.get()
    url = reverse("residents:import_confirm", args=[batch.pk])
    assert coordinator_client.post(url).status_code == 302
    assert coordinator_client.post(url).status_code == 404
    with scope(settlement=settlement.pk):
        batch.refresh_from_db()
        with pytest.raises(ImportRejected, match="already been imported"):
            services.residents_import_apply(batch=batch)
    assert counts(settlement) == (3, 1)


def test_another_coordinators_batch_is_404(client, coordinator, settlement):
    colleague = factories.member(settlement, Role.COORDINATOR)
    result = preview(settlement, csv_bytes(GOOD_ROWS), user=colleague)
    client.force_login(coordinator)
    response = client.post(reverse("residents:import_confirm", args=[result.batch.pk]))
    assert response.status_code == 404
    assert counts(settlement) == (0, 1)


def test_another_settlements_batch_is_404(coordinator_client, coordinator, other_settlement):
    result = preview(other_settlement, csv_bytes(GOOD_ROWS), user=coordinator)
    response = coordinator_client.post(reverse("residents:import_confirm", args=[result.batch.pk]))
    assert response.status_code == 404
    assert counts(other_settlement) == (0, 1)


def test_apply_validates_again(coordinator_client, settlement):
    """The registry changed after the preview: a duplicate was added, nothing is imported."""
    upload(coordinator_client, csv_bytes(GOOD_ROWS))
    with scope(settlement=settlement.pk):
        batch = ImportBatch.objects.get()
    factories.ResidentFactory(
        settlement=settlement, first_name="Bor", last_name="Novak", birth_date=dt.date(2015, 3, 2)
    )
    response = coordinator_client.post(reverse("residents:import_confirm", args=[batch.pk]))
    assert response.status_code == 400
    assert b"The registry changed since the upload; nothing was imported." in response.content
    assert b"already in the registry" in response.content
    with scope(settlement=settlement.pk):
        assert list(Resident.objects.values_list("first_name", flat=True)) == ["Bor"]
        assert not Tag.objects.exists()
        assert not Household.objects.exists()
        batch.refresh_from_db()
        assert batch.applied_at is None


def test_apply_is_all_or_nothing(settlement, monkeypatch):
    result = preview(settlement, csv_bytes(GOOD_ROWS))
    calls = []
    real = services.transfer.tags_get_or_create

    def failing(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services.transfer, "tags_get_or_create", failing)
    with scope(settlement=settlement.pk), pytest.raises(RuntimeError):
        services.residents_import_apply(batch=result.batch)
    assert counts(settlement) == (0, 1)


# --- housekeeping ----------------------------------------------------------------------------


def test_purge_stale_deletes_unconfirmed_batches_older_than_a_day(settlement, other_settlement):
    applied = preview(settlement, csv_bytes(GOOD_ROWS[:1])).batch
    with scope(settlement=settlement.pk):
        services.residents_import_apply(batch=applied)
    stale = preview(settlement, csv_bytes(GOOD_ROWS[1:2])).batch
    elsewhere = preview(other_settlement, csv_bytes(GOOD_ROWS[1:2])).batch
    with clock.frozen_at(factories.FIXED_NOW + dt.timedelta(hours=12)):
        fresh = preview(settlement, csv_bytes(GOOD_ROWS[2:])).batch
    with clock.frozen_at(factories.FIXED_NOW + dt.timedelta(hours=24, minutes=1)):
        with scopes_disabled():
            assert services.residents_import_purge_stale() == 2
            remaining = set(ImportBatch.objects.values_list("pk", flat=True))
    assert remaining == {applied.pk, fresh.pk}
    assert stale.pk not in remaining and elsewhere.pk not in remaining


def test_purge_stale_keeps_batches_younger_than_a_day(settlement):
    preview(settlement, csv_bytes(GOOD_ROWS))
    with clock.frozen_at(factories.FIXED_NOW + dt.timedelta(hours=23)), scopes_disabled():
        assert services.residents_import_purge_stale() == 0
    assert counts(settlement) == (0, 1)


def test_formula_text_in_an_xlsx_text_cell_is_imported_as_text(settlement):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["first_name", "last_name"])
    sheet["A2"] = FORMULA
    sheet["A2"].data_type = "s"  # stored as text, the way a spreadsheet keeps '=...
    sheet["B2"] = "Novak"
    out = io.BytesIO()
    workbook.save(out)
    result = preview(settlement, out.getvalue(), "residents.xlsx")
    assert result.is_valid, errors_of(result)
    assert result.rows[0].data["first_name"] == FORMULA


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("'+386 40 123 456", "+386 40 123 456"),  # a quote the export added
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'Brien", "'Brien"),  # a quote that belongs to the text
        ("=SUM(A1)", "=SUM(A1)"),
    ],
)
def test_cells_read_back_from_an_export(cell, text):
    assert services.transfer.cell_text(cell) == text
    assert services.transfer.cell_text(services.transfer.neutralise(text)) == text  # round trip

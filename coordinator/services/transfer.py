"""Import of the resident registry from CSV and XLSX, and export to both.

A file is read with tablib and each row validated like a form. A file with any bad row
imports nothing: the coordinator sees every error, row by row, fixes the file and uploads
it again. A valid file is kept as an ``ImportBatch`` until the coordinator confirms the
preview; it is then validated again and applied in one transaction.
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .. import clock
from ..history import acting_user
from ..models import (
    AuditEvent,
    Household,
    ImportBatch,
    Language,
    Neighbourhood,
    Resident,
    Settlement,
    Tag,
)
from .audit import audit_record
from .residents import tags_get_or_create

COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "household",
    "neighbourhood",
    "arrival_date",
    "preferred_language",
    "consent_to_contact",
    "tags",
)
REQUIRED_COLUMNS = ("first_name", "last_name")
FORMATS = ("csv", "xlsx")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
TRUE_WORDS = {"1", "yes", "y", "true", "x", "כן", "da", "ja"}
FALSE_WORDS = {"", "0", "no", "n", "false", "לא", "ne", "nein"}
LANGUAGE_WORDS = {
    **{code: code for code in Language.values},
    "english": "en",
    "hebrew": "he",
    "slovenian": "sl",
    "slovenščina": "sl",
    "slovenscina": "sl",
    "עברית": "he",
    "אנגלית": "en",
    "angleščina": "en",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportRejected(Exception):
    """The file as a whole cannot be read (size, format, columns)."""


@dataclass
class RowResult:
    number: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> str:
        return "update" if self.data.get("id") else "create"


@dataclass
class ImportPreview:
    rows: list[RowResult]
    batch: ImportBatch | None = None

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.error_rows

    @property
    def creates(self) -> int:
        return sum(1 for row in self.rows if row.action == "create")

    @property
    def updates(self) -> int:
        return sum(1 for row in self.rows if row.action == "update")


# --- reading --------------------------------------------------------------------------------


def file_format_of(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FORMATS:
        raise ImportRejected(_("Upload a CSV or an Excel (.xlsx) file."))
    return extension


def read_table(content: bytes, file_format: str) -> tuple[list[str], list[list[Any]]]:
    """Headers (normalised) and rows of an uploaded file, or ``ImportRejected`` saying why not."""
    if len(content) > django_settings.IMPORT_MAX_BYTES:
        raise ImportRejected(
            _("The file is too large: at most %(size)d MB.")
            % {"size": django_settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if not content.strip():
        raise ImportRejected(_("The file is empty."))
    dataset = tablib.Dataset()
    try:
        if file_format == "csv":
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ImportRejected(
                    _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
                ) from error
            if "\x00" in text:
                raise ImportRejected(_("The file could not be read as CSV."))
            dataset.load(text, format="csv")
        else:
            dataset.load(content, format="xlsx")
    except ImportRejected:
        raise
    except Exception as error:  # tablib and openpyxl raise many kinds for a broken file
        raise ImportRejected(
            _("The file could not be read as %(format)s.") % {"format": file_format.upper()}
        ) from error
    headers = [normalise_header(h) for h in (dataset.headers or [])]
    unknown = [h for h in headers if h and h not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    problems = []
    if unknown:
        problems.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if duplicated:
        problems.append(_("Repeated columns: %(columns)s.") % {"columns": ", ".join(duplicated)})
    if problems:
        problems.append(_("The columns are: %(columns)s.") % {"columns": ", ".join(COLUMNS)})
        raise ImportRejected(" ".join(problems))
    rows = [list(row) for row in dataset if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise ImportRejected(_("The file has column headers but no rows."))
    if len(rows) > django_settings.IMPORT_MAX_ROWS:
        raise ImportRejected(
            _("Rows in the file: %(count)d. At most %(max)d can be imported at once.")
            % {"count": len(rows), "max": django_settings.IMPORT_MAX_ROWS}
        )
    return headers, rows


def normalise_header(header: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(header or "").strip().lower())


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unneutralise(str(value).strip())


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, date_format).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            continue
    raise ValueError(text)


# --- validating -----------------------------------------------------------------------------


@dataclass
class _RegistryIndex:
    """What the registry already holds, read once for the whole file."""

    ids: set[int]
    keys: dict[tuple[str, str, dt.date | None], int]

    @classmethod
    def load(cls, settlement: Settlement) -> "_RegistryIndex":
        ids: set[int] = set()
        keys: dict[tuple[str, str, dt.date | None], int] = {}
        for pk, first, last, birth, archived in Resident.objects.filter(
            settlement=settlement
        ).values_list("pk", "first_name", "last_name", "birth_date", "archived_at"):
            ids.add(pk)
            if archived is None:
                keys[(first.casefold().strip(), last.casefold().strip(), birth)] = pk
        return cls(ids, keys)


def _validate_row(number: int, values: dict[str, Any], registry: _RegistryIndex) -> RowResult:
    texts = {column: cell_text(values.get(column)) for column in COLUMNS}
    result = RowResult(number=number, values=texts)
    errors = result.errors
    data = result.data
    today = clock.today()

    def label(column: str) -> str:
        return column_labels()[column]

    if texts["id"]:
        try:
            data["id"] = int(texts["id"])
        except ValueError:
            data["id"] = None
        if data["id"] not in registry.ids:
            errors.append(_("%(column)s: no resident with this id.") % {"column": label("id")})
    for column in ("first_name", "last_name"):
        if not texts[column]:
            errors.append(_("%(column)s: required.") % {"column": label(column)})
        elif len(texts[column]) > 100:
            errors.append(_("%(column)s: too long.") % {"column": label(column)})
        data[column] = texts[column]
    for column in ("birth_date", "arrival_date"):
        try:
            data[column] = parse_date(values.get(column))
        except ValueError:
            errors.append(
                _("%(column)s: “%(value)s” is not a date (write YYYY-MM-DD or DD/MM/YYYY).")
                % {"column": label(column), "value": texts[column]}
            )
            continue
        if column == "birth_date" and data[column] is not None:
            if data[column] > today:
                errors.append(_("%(column)s: in the future.") % {"column": label(column)})
            elif data[column].year < 1900:
                errors.append(_("%(column)s: before 1900.") % {"column": label(column)})
    if texts["email"]:
        try:
            validate_email(texts["email"])
        except ValidationError:
            errors.append(
                _("%(column)s: “%(value)s” is not an e-mail address.")
                % {"column": label("email"), "value": texts["email"]}
            )
    data["email"] = texts["email"]
    if len(texts["phone"]) > 30 or (
        texts["phone"] and not re.fullmatch(r"[\d\s+()\-./]+", texts["phone"])
    ):
        errors.append(
            _("%(column)s: “%(value)s” is not a phone number.")
            % {"column": label("phone"), "value": texts["phone"]}
        )
    data["phone"] = texts["phone"]
    for column, limit in (("household", 200), ("neighbourhood", 100)):
        if len(texts[column]) > limit:
            errors.append(_("%(column)s: too long.") % {"column": label(column)})
        data[column] = texts[column]
    language = texts["preferred_language"].casefold()
    if language and language not in LANGUAGE_WORDS:
        errors.append(
            _("%(column)s: “%(value)s” is not one of he, sl, en.")
            % {"column": label("preferred_language"), "value": texts["preferred_language"]}
        )
    data["preferred_language"] = LANGUAGE_WORDS.get(language, "")
    consent = texts["consent_to_contact"].casefold()
    if consent not in TRUE_WORDS | FALSE_WORDS:
        errors.append(
            _("%(column)s: “%(value)s” should be yes or no.")
            % {"column": label("consent_to_contact"), "value": texts["consent_to_contact"]}
        )
    data["consent_to_contact"] = consent in TRUE_WORDS
    data["tags"] = [t.strip() for t in re.split(r"[;,]", texts["tags"]) if t.strip()]
    if any(len(t) > 50 for t in data["tags"]):
        errors.append(
            _("%(column)s: a tag is longer than 50 characters.") % {"column": label("tags")}
        )
    return result


def column_labels() -> dict[str, str]:
    return {
        "id": _("id"),
        "first_name": _("first name"),
        "last_name": _("last name"),
        "birth_date": _("birth date"),
        "email": _("e-mail"),
        "phone": _("phone"),
        "household": _("household"),
        "neighbourhood": _("neighbourhood"),
        "arrival_date": _("arrival date"),
        "preferred_language": _("preferred language"),
        "consent_to_contact": _("agrees to be contacted"),
        "tags": _("tags"),
    }


def validate_table(
    *, settlement: Settlement, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> list[RowResult]:
    registry = _RegistryIndex.load(settlement)
    results = []
    seen: dict[tuple[str, str, dt.date | None], int] = {}
    seen_ids: dict[int, int] = {}
    for number, row in enumerate(rows, start=2):  # row 1 holds the headers
        values = {h: row[i] for i, h in enumerate(headers) if h and i < len(row)}
        result = _validate_row(number, values, registry)
        data = result.data
        if not result.errors:
            key = (
                data["first_name"].casefold(),
                data["last_name"].casefold(),
                data.get("birth_date"),
            )
            if key in seen:
                result.errors.append(
                    _("Same name and birth date as row %(row)d of this file.") % {"row": seen[key]}
                )
            elif registry.keys.get(key) not in (None, data.get("id")):
                result.errors.append(
                    _("A resident with this name and birth date is already in the registry.")
                )
            seen.setdefault(key, number)
            resident_id = data.get("id")
            if resident_id:
                if resident_id in seen_ids:
                    result.errors.append(
                        _("The same id is in row %(row)d of this file.")
                        % {"row": seen_ids[resident_id]}
                    )
                seen_ids.setdefault(resident_id, number)
        results.append(result)
    return results


# --- the services ---------------------------------------------------------------------------


def residents_import_preview(
    *, settlement: Settlement, user: Any, filename: str, content: bytes
) -> ImportPreview:
    """Validate an uploaded file. Only a file without errors is kept for confirmation."""
    file_format = file_format_of(filename)
    headers, rows = read_table(content, file_format)
    results = validate_table(settlement=settlement, headers=headers, rows=rows)
    preview = ImportPreview(rows=results)
    if preview.is_valid:
        preview.batch = ImportBatch.objects.create(
            settlement=settlement,
            created_by=user,
            filename=filename[:255],
            file_format=file_format,
            content=content,
            row_count=len(results),
            created_at=clock.now(),
        )
    return preview


def residents_import_apply(*, batch: ImportBatch) -> ImportPreview:
    """Apply a confirmed batch: every row or none. Returns the preview it applied; if the
    registry changed since the upload and a row is now bad, nothing is written and the
    preview carries the errors."""
    settlement = batch.settlement
    if batch.applied_at is not None:
        raise ImportRejected(_("This file has already been imported."))
    with transaction.atomic(), acting_user(batch.created_by):
        headers, rows = read_table(bytes(batch.content), batch.file_format)
        preview = ImportPreview(
            rows=validate_table(settlement=settlement, headers=headers, rows=rows), batch=batch
        )
        if not preview.is_valid:
            return preview
        neighbourhoods = _by_name(Neighbourhood, settlement, preview.rows, "neighbourhood")
        households = _households_by_name(settlement, preview.rows, neighbourhoods)
        existing = {
            r.pk: r
            for r in Resident.objects.filter(
                settlement=settlement,
                pk__in=[row.data["id"] for row in preview.rows if row.data.get("id")],
            )
        }
        tag_cache: dict[str, Tag] = {}
        for row in preview.rows:
            data = row.data
            fields = {
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "birth_date": data["birth_date"],
                "email": data["email"],
                "phone": data["phone"],
                "household": households.get(data["household"].casefold()),
                "neighbourhood": neighbourhoods.get(data["neighbourhood"].casefold()),
                "arrival_date": data["arrival_date"],
                "preferred_language": data["preferred_language"] or settlement.language,
                "consent_to_contact": data["consent_to_contact"],
            }
            if data.get("id"):
                resident = existing[data["id"]]
                for key, value in fields.items():
                    setattr(resident, key, value)
                resident.archived_at = None
                resident.save()
            else:
                resident = Resident.objects.create(settlement=settlement, **fields)
            missing = [t for t in data["tags"] if t.casefold() not in tag_cache]
            for tag in tags_get_or_create(settlement=settlement, names=missing):
                tag_cache[tag.name.casefold()] = tag
            resident.tags.set([tag_cache[t.casefold()] for t in data["tags"]])
        batch.applied_at = clock.now()
        batch.content = b""
        batch.save(update_fields=["applied_at", "content"])
        audit_record(
            action=AuditEvent.Action.IMPORTED,
            object_type="resident",
            settlement=settlement,
            actor=batch.created_by,
            summary=f"{batch.file_format} import: {preview.creates} new, {preview.updates} updated",
        )
    return preview


def _by_name(
    model: type[Neighbourhood], settlement: Settlement, rows: list[RowResult], column: str
) -> dict[str, Neighbourhood]:
    found = {n.name.casefold(): n for n in model.objects.filter(settlement=settlement)}
    for row in rows:
        name = row.data[column]
        if name and name.casefold() not in found:
            found[name.casefold()] = model.objects.create(settlement=settlement, name=name)
    return found


def _households_by_name(
    settlement: Settlement, rows: list[RowResult], neighbourhoods: dict[str, Neighbourhood]
) -> dict[str, Household]:
    found = {h.name.casefold(): h for h in Household.objects.filter(settlement=settlement)}
    for row in rows:
        name = row.data["household"]
        if name and name.casefold() not in found:
            found[name.casefold()] = Household.objects.create(
                settlement=settlement,
                name=name,
                neighbourhood=neighbourhoods.get(row.data["neighbourhood"].casefold()),
            )
    return found


def residents_import_purge_stale(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete uploads never confirmed, and clear leftovers of applied ones. Runs from beat,
    inside a scope over every settlement."""
    cutoff = clock.now() - older_than
    deleted, _detail = ImportBatch.objects.filter(
        applied_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


# --- export ---------------------------------------------------------------------------------


def neutralise(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_file(headers: Sequence[Any], rows: Iterable[Sequence[Any]], file_format: str) -> bytes:
    """A table as CSV (UTF-8 with a BOM, so spreadsheets read Hebrew and Slovenian letters)
    or XLSX, with every text cell kept from being read as a formula."""
    dataset = tablib.Dataset(headers=[neutralise(str(h)) for h in headers])
    for row in rows:
        dataset.append([neutralise(c) if isinstance(c, str) else c for c in row])
    if file_format == "xlsx":
        exported: bytes = dataset.export("xlsx")
        return exported
    text: str = dataset.export("csv")
    return text.encode("utf-8-sig")


def unneutralise(value: str) -> str:
    """Undo ``neutralise`` on a cell read back from an export, so an exported file imports
    unchanged (a phone number "+386 ..." is exported as "'+386 ...")."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def residents_export_record(
    *, settlement: Settlement, by: Any, filters: dict[str, Any], rows: int, file_format: str
) -> AuditEvent:
    """Record who exported the registry, with which filters and how many rows.

    Filter values are ids and choices; a search text is noted but not kept, since it is
    often a person's name."""
    described = []
    for key, value in sorted(filters.items()):
        if value in (None, "", False):
            continue
        if key == "query":
            described.append("search text")
        elif value is True:
            described.append(key)
        else:
            described.append(f"{key}={value}")
    return audit_record(
        action=AuditEvent.Action.EXPORTED,
        object_type="resident",
        settlement=settlement,
        actor=by,
        summary=f"{file_format} export, {rows} rows; filters: {', '.join(described) or 'none'}",
    )


def residents_export(*, residents: Iterable[Resident], file_format: str) -> bytes:
    """The residents as CSV or XLSX, in the columns the import reads back."""
    dataset = tablib.Dataset(headers=list(COLUMNS))
    for resident in residents:
        row = [
            str(resident.pk),
            resident.first_name,
            resident.last_name,
            resident.birth_date.isoformat() if resident.birth_date else "",
            resident.email,
            resident.phone,
            resident.household.name if resident.household else "",
            resident.neighbourhood.name if resident.neighbourhood else "",
            resident.arrival_date.isoformat() if resident.arrival_date else "",
            resident.preferred_language,
            "yes" if resident.consent_to_contact else "no",
            "; ".join(t.name for t in resident.tags.all()),
        ]
        dataset.append([neutralise(cell) for cell in row])
    if file_format == "xlsx":
        exported: bytes = dataset.export("xlsx")
        return exported
    text: str = dataset.export("csv")
    return text.encode("utf-8-sig")

"""Spreadsheets for the keepers of an event or a class: the door list of an event (those
with a place, then the waiting list) and the participants of a class (for the instructor
and the treasurer). Each as CSV or XLSX (``?format=csv|xlsx``; anything else is 404).

Texts a spreadsheet would read as a formula are neutralised (``table_file`` of the registry
export), and every export is one ``AuditEvent`` (action "exported", the event's or
the class's id, the format and the number of rows; no names), as for the volunteers to
thank. File names carry ids only, never a person's data."""

from collections.abc import Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator.clock import settlement_zone
from coordinator.decorators import settlement_permission
from coordinator.models import AuditEvent, Settlement
from coordinator.services.audit import audit_record
from coordinator.services.transfer import table_file

from . import selectors_classes, selectors_signups
from .models_signups import SignupStatus
from .selectors import VIEW as EVENTS_VIEW

EXPORT_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file_format(request: HttpRequest) -> str:
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise Http404
    return file_format


def _export(
    request: HttpRequest,
    *,
    settlement: Settlement,
    object_type: str,
    object_id: int,
    what: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    file_format: str,
    file_name: str,
) -> HttpResponse:
    """Record the export in the audit trail (ids and counts only) and answer the file."""
    content = table_file(headers, rows, file_format)
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        object_type=object_type,
        object_id=object_id,
        settlement=settlement,
        actor=request.user,
        summary=f"{file_format} export of {what}, {len(rows)} rows",
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{file_name}.{file_format}"'
    return response


def _came(attended: bool | None) -> str:
    if attended is None:
        return ""
    return _("Yes") if attended else _("No")


@require_GET
@settlement_permission(EVENTS_VIEW)
def registrations_export(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The door list: those with a place, then the waiting list, each in the order they
    signed up."""
    file_format = _file_format(request)
    event = selectors_signups.keeper_event(user=request.user, settlement=settlement, pk=pk)
    registrations = [
        *selectors_signups.registrations_of(event, SignupStatus.CONFIRMED),
        *selectors_signups.registrations_of(event, SignupStatus.WAITING),
    ]
    zone = settlement_zone(settlement)
    headers = [
        _("Name"),
        _("People"),
        _("Phone"),
        _("E-mail"),
        _("Status"),
        _("Came"),
        _("Signed up"),
    ]
    rows = [
        [
            row.name or _("(name removed)"),
            row.seats,
            row.phone,
            row.email,
            row.get_status_display(),
            _came(row.attended),
            f"{row.created_at.astimezone(zone):%Y-%m-%d %H:%M}",
        ]
        for row in registrations
    ]
    return _export(
        request,
        settlement=settlement,
        object_type="event",
        object_id=event.pk,
        what="the door list of an event",
        headers=headers,
        rows=rows,
        file_format=file_format,
        file_name=f"door-list-{event.pk}",
    )


@require_GET
@settlement_permission(selectors_classes.VIEW)
def participants_export(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """A class's participants, those with a place first, then the waiting list: for the
    instructor's register and the treasurer's payments."""
    file_format = _file_format(request)
    course = selectors_classes.course_get_for(user=request.user, settlement=settlement, pk=pk)
    zone = settlement_zone(settlement)
    headers = [
        _("Participant"),
        _("Age group"),
        _("Payment"),
        _("Registration"),
        _("Contact name"),
        _("Phone"),
        _("E-mail"),
        _("Registered"),
    ]
    rows = [
        [
            participant.name or _("(name removed)"),
            participant.get_age_group_display(),
            participant.get_payment_display(),
            registration.get_status_display(),
            registration.name or _("(name removed)"),
            registration.phone,
            registration.email,
            f"{registration.created_at.astimezone(zone):%Y-%m-%d}",
        ]
        for registration in selectors_classes.course_registrations(course)
        if registration.status in (SignupStatus.CONFIRMED, SignupStatus.WAITING)
        for participant in registration.participants.all()
    ]
    return _export(
        request,
        settlement=settlement,
        object_type="course",
        object_id=course.pk,
        what="the participants of a class",
        headers=headers,
        rows=rows,
        file_format=file_format,
        file_name=f"class-participants-{course.pk}",
    )

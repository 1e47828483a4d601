"""Meetings of committees and with office holders: the list, arranging one (or a series),
its page, the minutes (the chair's phone page), deleting and its calendar file (action
items are in ``views_actions``). Times are shown on the settlement's clocks."""

import datetime as dt
from typing import Any

import icalendar
from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from messaging.services import absolute_url

from . import selectors_meetings as selectors
from . import services_meetings as services
from .forms_meetings import (
    NEW_ACTION_ROWS,
    ActionRowForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    meeting_initial,
)
from .models import Meeting
from .rules import is_coordinator, reads_all_committees

SEE = "coordinator.view_settlement"  # the object's own permission is asked by the selector
CHANGE = "committees.change_meeting"


def render_local(
    request: HttpRequest,
    settlement: Settlement,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render with the settlement's time zone active, so every time shows on its clocks."""
    zone = clock.settlement_zone(settlement)
    with timezone.override(zone):
        response = render(request, template, {"settlement_zone": zone, **context}, status=status)
        # Rendered now, inside the override (a TemplateResponse would render later).
        return response


def _local(value: dt.datetime | None, settlement: Settlement) -> dt.datetime | None:
    return timezone.localtime(value, clock.settlement_zone(settlement)) if value else None


def add_local_times(meetings: list[Meeting], settlement: Settlement) -> None:
    for meeting in meetings:
        meeting.local_start = _local(meeting.starts_at, settlement)  # type: ignore[attr-defined]
        meeting.local_end = _local(meeting.ends_at, settlement)  # type: ignore[attr-defined]


# --- list ----------------------------------------------------------------------------------


@require_GET
@settlement_permission("committees.list_meetings")
def meeting_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    user = request.user
    committees = selectors.committees_visible(user=user, settlement=settlement)
    form = MeetingFilterForm(request.GET or None, committees=committees)
    reads_all = reads_all_committees(user, settlement)
    if not reads_all:
        del form.fields["kind"]  # a chair's meetings are all committee meetings
    filters = selectors.MeetingFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        data = form.cleaned_data
        committee = data.get("committee")
        filters = selectors.MeetingFilter(
            query=data.get("q", ""),
            committee_id=committee.pk if committee else None,
            kind=data.get("kind", ""),
            when=data.get("when") or selectors.UPCOMING,
        )
    meetings = selectors.meetings_for(user=user, settlement=settlement, filters=filters)
    page = Paginator(meetings, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    add_local_times(rows, settlement)
    query = request.GET.copy()
    query.pop("page", None)
    tab_query = query.copy()
    tab_query.pop("when", None)
    context = {
        "form": form,
        "page": page,
        "meetings": rows,
        "query": query.urlencode(),
        "tab_query": tab_query.urlencode(),
        "when": filters.when,
        "past": filters.when == selectors.PAST,
        "filtered": bool(filters.query or filters.committee_id or filters.kind),
        "can_add": user.has_perm("committees.add_meeting", settlement),
        "show_kind_filter": reads_all,
    }
    partial = bool(getattr(request, "htmx", False))
    template = "committees/meetings/_table.html" if partial else "committees/meetings/list.html"
    return render_local(request, settlement, template, context)


# --- create and edit -----------------------------------------------------------------------


def _meeting_form(
    request: HttpRequest,
    settlement: Settlement,
    meeting: Meeting | None,
    initial: dict[str, Any],
) -> MeetingForm:
    """The form to arrange ``meeting`` (None: a new one) or change it; for a change, its
    staff, partners and residents invited are the form's starting values."""
    user = request.user
    today = selectors.local_today(settlement)
    links: dict[str, list[int]] = {}
    invitable = None
    if meeting is not None:
        links = selectors.meeting_link_ids(meeting=meeting)
        day = timezone.localtime(meeting.starts_at, clock.settlement_zone(settlement)).date()
        invitable = selectors.invitable_residents(meeting=meeting, on=day)
        if request.method != "POST":
            initial = {
                **initial,
                **links,
                "invited": [
                    row.resident_id for row in selectors.meeting_attendance(meeting=meeting)
                ],
            }
    return MeetingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        committees=selectors.committees_changeable(user=user, settlement=settlement),
        users=selectors.member_users(settlement=settlement, include=links.get("users", [])),
        partners=selectors.partner_choices(settlement=settlement),
        can_office=bool(is_coordinator(user, settlement)),
        today=today,
        invitable=invitable,
        repeatable=meeting is None,
    )


def _form_page(
    request: HttpRequest, settlement: Settlement, form: MeetingForm, meeting: Meeting | None
) -> HttpResponse:
    return render_local(
        request,
        settlement,
        "committees/meetings/form.html",
        {"form": form, "meeting": meeting, "can_office": form.can_office},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission("committees.add_meeting")
def meeting_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    initial: dict[str, Any] = {"date": selectors.local_today(settlement)}
    if request.method == "GET" and request.GET.get("committee"):
        initial["committee"] = request.GET["committee"]  # checked against the choices
    form = _meeting_form(request, settlement, None, initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meetings = services.meeting_create(
            settlement=settlement,
            data=form.meeting_data(),
            users=list(data["users"]),
            partners=list(data["partners"]),
            repeats=data["repeats"],
            until=data.get("until"),
        )
        if len(meetings) > 1:
            messages.success(
                request,
                ngettext(
                    "%(count)d meeting was arranged.",
                    "%(count)d meetings were arranged.",
                    len(meetings),
                )
                % {"count": len(meetings)},
            )
        else:
            messages.success(request, _("The meeting was arranged."))
        return redirect("committees:meeting_detail", pk=meetings[0].pk)
    return _form_page(request, settlement, form, None)


@settlement_permission(SEE)
def meeting_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    zone = clock.settlement_zone(settlement)
    initial = meeting_initial(
        meeting,
        timezone.localtime(meeting.starts_at, zone),
        timezone.localtime(meeting.ends_at, zone) if meeting.ends_at else None,
    )
    form = _meeting_form(request, settlement, meeting, initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.meeting_update(
            meeting=meeting,
            data=form.meeting_data(),
            users=list(data["users"]),
            partners=list(data["partners"]),
            invited=list(data["invited"]),
        )
        messages.success(request, _("The changes were saved."))
        return redirect("committees:meeting_detail", pk=meeting.pk)
    return _form_page(request, settlement, form, meeting)


# --- the meeting's page --------------------------------------------------------------------


@require_GET
@settlement_permission(SEE)
def meeting_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    user = request.user
    meeting = selectors.meeting_get_for(
        user=user, settlement=settlement, pk=pk, perm="committees.view_meeting"
    )
    can_change = user.has_perm(CHANGE, meeting)
    today = selectors.local_today(settlement)
    items = selectors.meeting_action_items(meeting=meeting)
    for item in items:
        item.meeting = meeting  # the rules ask about it: no query
        item.overdue = item.done_at is None and item.due_on < today  # type: ignore[attr-defined]
        item.can_tick = user.has_perm(  # type: ignore[attr-defined]
            "committees.complete_action_item", item
        )
    attendance = selectors.meeting_attendance(meeting=meeting)
    series = selectors.series_next(meeting=meeting)
    add_local_times([meeting, *series], settlement)
    return render_local(
        request,
        settlement,
        "committees/meetings/detail.html",
        {
            "meeting": meeting,
            "attendance": attendance,
            "came": sum(1 for row in attendance if row.attended is True),
            "absent": sum(1 for row in attendance if row.attended is False),
            "items": items,
            "partners": selectors.meeting_partners(meeting=meeting),
            "users": selectors.meeting_users(meeting=meeting),
            "series": series,
            "can_change": can_change,
            "here": request.get_full_path(),
        },
    )


# --- minutes -------------------------------------------------------------------------------


@settlement_permission(SEE)
def meeting_minutes(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The minutes, who came and new action items, on one page made for a phone."""
    meeting = selectors.meeting_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    attendance = selectors.meeting_attendance(meeting=meeting)
    version = selectors.minutes_version(meeting=meeting, attendance=attendance)
    owners = selectors.member_users(settlement=settlement)
    today = selectors.local_today(settlement)
    data = request.POST if request.method == "POST" else None
    form = MinutesForm(
        data,
        attendance=attendance,
        initial={"minutes": meeting.minutes, "decisions": meeting.decisions, "version": version},
    )
    rows = [
        ActionRowForm(data, prefix=f"action-{n}", owners=owners, today=today)
        for n in range(NEW_ACTION_ROWS)
    ]
    conflict = False
    if request.method == "POST":
        valid = form.is_valid()
        valid = all([row.is_valid() for row in rows]) and valid
        if valid and form.cleaned_data["version"] != version:
            conflict = True
            form.add_error(
                None,
                _(
                    "Someone else saved the minutes or the attendance while you were writing, "
                    "so nothing was saved. What is saved now is shown below your text: check "
                    "both, then save again."
                ),
            )
            valid = False
        if valid:
            new_items = [item for item in (row.item() for row in rows) if item is not None]
            services.meeting_record_minutes(
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                decisions=form.cleaned_data["decisions"],
                attendance=form.attendance_data(),
                new_items=new_items,
            )
            messages.success(request, _("The minutes were saved."))
            return redirect("committees:meeting_detail", pk=meeting.pk)
    add_local_times([meeting], settlement)
    return render_local(
        request,
        settlement,
        "committees/meetings/minutes.html",
        {
            "meeting": meeting,
            "form": form,
            "rows": rows,
            "version": version,
            "conflict": conflict,
        },
        status=400 if form.is_bound and (form.errors or any(r.errors for r in rows)) else 200,
    )


# --- delete --------------------------------------------------------------------------------


@settlement_permission(SEE)
def meeting_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    if request.method == "POST":
        count = services.meeting_delete(
            meeting=meeting, following=request.POST.get("scope") == "following"
        )
        messages.success(
            request,
            ngettext(
                "The meeting “%(title)s” was deleted.",
                "%(count)d meetings of the series “%(title)s” were deleted.",
                count,
            )
            % {"title": meeting.title, "count": count},
        )
        return redirect("committees:meetings")
    in_series = selectors.series_following(meeting=meeting).count() if meeting.series else 1
    add_local_times([meeting], settlement)
    return render_local(
        request,
        settlement,
        "committees/meetings/delete.html",
        {"meeting": meeting, "following": in_series},
    )


# --- calendar file -------------------------------------------------------------------------


def _calendar(meeting: Meeting, settlement: Settlement, url: str) -> bytes:
    """One event: when, where, what (the agenda) and a link to the meeting's page; nothing
    about the residents invited."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Community workplace//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@{settlement.slug}")
    event.add("dtstamp", clock.now().astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(dt.UTC))
    ends = meeting.ends_at or meeting.starts_at + dt.timedelta(hours=1)
    event.add("dtend", ends.astimezone(dt.UTC))
    event.add("summary", meeting.title)
    location = meeting.place or meeting.video_link
    if location:
        event.add("location", location)
    description = meeting.agenda
    if meeting.place and meeting.video_link:
        description = "\n\n".join(filter(None, [description, meeting.video_link]))
    if description:
        event.add("description", description)
    event.add("url", url)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


@require_GET
@settlement_permission(SEE)
def meeting_ics(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="committees.view_meeting"
    )
    url = absolute_url(reverse("committees:meeting_detail", args=[meeting.pk]))
    response = HttpResponse(
        _calendar(meeting, settlement, url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response

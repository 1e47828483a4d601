"""The staff pages of the classes programme: the list of a season's classes, a class's
page and form, deleting or cancelling it, its sessions and their attendance."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from committees.money import money
from coordinator.decorators import settlement_permission
from coordinator.ids import as_ids
from coordinator.models import Settlement
from messaging.services import absolute_url

from . import selectors_classes as selectors
from . import services_class_people as services
from . import services_classes as classes
from .forms_classes import CourseFilterForm, CourseForm, SessionSkipForm
from .models_classes import Course
from .models_signups import SignupStatus
from .selectors import event_languages
from .selectors_classes import MANAGE, VIEW


def label(course: Course, settlement: Settlement) -> Course:
    """Put the title in the reader's language and the days of the week on ``course``."""
    course.label = selectors.course_title(course, settlement, get_language() or "")  # type: ignore[attr-defined]
    course.days = ", ".join(str(WEEKDAYS_ABBR.get(day, day)) for day in course.weekdays)  # type: ignore[attr-defined]
    return course


def short_of_minimum(course: Any) -> bool:
    return bool(
        course.status != Course.Status.CANCELLED and course.participants < course.min_participants
    )


@require_GET
@settlement_permission(VIEW)
def course_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    seasons = list(selectors.seasons_for(user=request.user, settlement=settlement))
    form = CourseFilterForm(request.GET, seasons=seasons)
    form.is_valid()  # a bad value drops only its own filter
    data = form.cleaned_data
    by_pk = {str(season.pk): season for season in seasons}
    season = by_pk.get(data.get("season") or "") or selectors.current_season(seasons)
    filters = selectors.CourseFilter(
        season=season,
        age_group=data.get("age_group", ""),
        status=data.get("status", ""),
        search=" ".join(data.get("q", "").split()),
    )
    page = None
    if season is not None:
        courses = selectors.courses_for(user=request.user, settlement=settlement, filters=filters)
        page = Paginator(courses, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
        for course in page.object_list:
            label(course, settlement)
            course.short = short_of_minimum(course)
    query = request.GET.copy()
    query.pop("page", None)
    if season is not None:
        query["season"] = str(season.pk)
    return render(
        request,
        "events/classes/list.html",
        {
            "form": form,
            "season": season,
            "seasons": seasons,
            "page": page,
            "filter_query": query.urlencode(),
            "filtered": bool(filters.age_group or filters.status or filters.search),
            "can_manage": request.user.has_perm(MANAGE, settlement),
        },
    )


def _course_form(request: HttpRequest, settlement: Settlement, course: Course | None) -> Any:
    options: dict[str, Any] = {
        "languages": event_languages(settlement),
        "seasons": selectors.seasons_for(user=request.user, settlement=settlement),
        "instructors": selectors.instructors_for(user=request.user, settlement=settlement),
        "committees": selectors.committees_for_course(settlement=settlement),
        "course": course,
    }
    if request.method == "POST":
        form = CourseForm(request.POST, **options)
        if form.is_valid():
            if course is None:
                course, made = services.course_create_with_sessions(
                    settlement=settlement, data=form.course_data(), by=request.user
                )
                messages.success(
                    request,
                    _("The class was added: %(planned)s, %(skipped)s.")
                    % {
                        "planned": ngettext(
                            "%(count)d session planned", "%(count)d sessions planned", made.created
                        )
                        % {"count": made.created},
                        "skipped": ngettext(
                            "%(count)d skipped for holidays",
                            "%(count)d skipped for holidays",
                            made.skipped,
                        )
                        % {"count": made.skipped},
                    },
                )
            else:
                _changed, remade = services.course_update_with_sessions(
                    course=course, data=form.course_data()
                )
                if remade is not None:
                    messages.success(
                        request,
                        _(
                            "The changes were saved and the sessions follow the new schedule: "
                            "%(created)d new, %(skipped)d skipped, %(removed)d removed."
                        )
                        % {
                            "created": remade.created,
                            "skipped": remade.skipped,
                            "removed": remade.removed,
                        },
                    )
                else:
                    messages.success(request, _("The changes were saved."))
            return redirect("classes:detail", pk=course.pk)
    else:
        initial = {"status": Course.Status.PLANNED, "min_participants": 0, "fee": 0}
        season = request.GET.get("season")
        if course is None and season:
            initial["season"] = season
        form = CourseForm(initial=initial, **options)
    return render(
        request,
        "events/classes/form.html",
        {"form": form, "course": course and label(course, settlement)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def course_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _course_form(request, settlement, None)


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def course_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    course = selectors.course_get_for(user=request.user, settlement=settlement, pk=pk, perm=MANAGE)
    return _course_form(request, settlement, course)


@require_GET
@settlement_permission(VIEW)
def course_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    course = selectors.course_get_for(user=request.user, settlement=settlement, pk=pk)
    registrations = selectors.course_registrations(course)
    sessions = selectors.upcoming_sessions(course)
    for session in sessions:
        session.reason = selectors.holiday_name(session.note)  # type: ignore[attr-defined]
    open_ = course.status == Course.Status.OPEN
    public_url = (
        absolute_url(
            reverse("calendar:class_register", kwargs={"slug": settlement.slug, "pk": course.pk})
        )
        if open_
        else ""
    )
    can_manage = request.user.has_perm(MANAGE, settlement)
    return render(
        request,
        "events/classes/detail.html",
        {
            "course": label(course, settlement),
            "description": selectors.course_description(course, settlement, get_language() or ""),
            "fee": money(course.fee, settlement.currency),
            "short": short_of_minimum(course),
            "confirmed": [r for r in registrations if r.status == SignupStatus.CONFIRMED],
            "waiting": [r for r in registrations if r.status == SignupStatus.WAITING],
            "cancelled_count": sum(1 for r in registrations if r.status == SignupStatus.CANCELLED),
            "sessions": sessions,
            "public_url": public_url,
            "can_manage": can_manage,
            "can_register": open_,
        },
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def course_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    course = selectors.course_get_for(user=request.user, settlement=settlement, pk=pk, perm=MANAGE)
    label(course, settlement)
    if request.method == "POST":
        try:
            services.course_delete(course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("classes:detail", pk=course.pk)
        messages.success(
            request,
            _("The class “%(title)s” was deleted.") % {"title": course.label},  # type: ignore[attr-defined]
        )
        return redirect("classes:list")
    has_people = course.taken or course.waiting  # type: ignore[attr-defined]
    return render(
        request, "events/classes/delete.html", {"course": course, "has_people": has_people}
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def course_cancel(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    course = selectors.course_get_for(user=request.user, settlement=settlement, pk=pk, perm=MANAGE)
    label(course, settlement)
    if request.method == "POST":
        try:
            queued = classes.course_cancel(course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("classes:detail", pk=course.pk)
        messages.success(
            request,
            ngettext(
                "The class was cancelled and %(count)d message was queued.",
                "The class was cancelled and %(count)d messages were queued.",
                queued,
            )
            % {"count": queued},
        )
        return redirect("classes:detail", pk=course.pk)
    people = selectors.registrations_to_tell(course)
    return render(
        request,
        "events/classes/cancel.html",
        {"course": course, "people": people, "cancelled": course.status == Course.Status.CANCELLED},
    )


@require_POST
@settlement_permission(MANAGE)
def sessions_make(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    course = selectors.course_get_for(user=request.user, settlement=settlement, pk=pk, perm=MANAGE)
    try:
        made = classes.sessions_make(course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("classes:detail", pk=course.pk)
    messages.success(
        request,
        _("Sessions made again: %(created)d new, %(skipped)d skipped, %(removed)d removed.")
        % {"created": made.created, "skipped": made.skipped, "removed": made.removed},
    )
    return redirect("classes:detail", pk=course.pk)


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def session_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    session = selectors.session_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        present = set(as_ids(request.POST.getlist("present")))
        came = services.attendance_save(session=session, present=present)
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)d present.",
                "Attendance saved: %(count)d present.",
                came,
            )
            % {"count": came},
        )
        return redirect("classes:session", pk=session.pk)
    participants = selectors.confirmed_participants(session.course)
    taken = selectors.session_attendance(session)
    for participant in participants:
        participant.present = taken.get(participant.pk, False)  # type: ignore[attr-defined]
    came, recorded = selectors.attendance_rate(session.course)
    return render(
        request,
        "events/classes/session.html",
        {
            "session": session,
            "course": label(session.course, settlement),
            "reason": selectors.holiday_name(session.note),
            "participants": participants,
            "taken": bool(taken),
            "rate": round(100 * came / recorded) if recorded else None,
            "time_zone": selectors.settlement_zone(settlement).key,
            "can_manage": request.user.has_perm(MANAGE, settlement),
        },
    )


@require_POST
@settlement_permission(MANAGE)
def session_skip(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    session = selectors.session_get_for(user=request.user, settlement=settlement, pk=pk)
    form = SessionSkipForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to skip or hold the session."))
        return redirect("classes:session", pk=session.pk)
    data = form.cleaned_data
    try:
        classes.session_skip(session=session, skip=data["skip"], note=data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The session is skipped.") if data["skip"] else _("The session is held."),
        )
    return redirect("classes:session", pk=session.pk)

"""The settlement's public classes, with no login: the open classes by age group, a class's
page with its registration form, and the personal page of a registration (its place or
place on the waiting list, and a button to cancel). Nothing about other people is shown:
only how many places are left."""

from typing import Any

from django.conf import settings as django_settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope

from committees.money import money
from coordinator import clock
from coordinator.models import AgeGroup, Language, Settlement
from coordinator.public import asked_language, personal_page
from surveys.i18n import text_in

from . import selectors_public
from . import services_classes as services
from .forms_public_classes import ROWS, CancelForm, ClassContactForm, participant_formset
from .models_classes import ClassRegistration, Course
from .models_signups import SignupStatus
from .signups import by_token


def _languages(settlement: Settlement) -> list[str]:
    return [settlement.language, *(code for code in Language.values if code != settlement.language)]


def _shown(course: Course, settlement: Settlement) -> dict[str, Any]:
    """What a visitor sees of a class: never who registered, only how many places are left."""
    languages = _languages(settlement)
    wanted = translation.get_language() or ""
    left = max(0, course.capacity - int(getattr(course, "taken", 0)))
    return {
        "pk": course.pk,
        "title": text_in(course.title, languages, wanted),
        "description": text_in(course.description, languages, wanted),
        "age_group": course.get_age_group_display() if course.age_group else "",
        "days": [str(WEEKDAYS[int(day)]) for day in sorted(course.weekdays or [])],
        "start_time": course.start_time,
        "end_time": course.end_time,
        "starts_on": course.starts_on,
        "ends_on": course.ends_on,
        "place": course.place,
        "fee": money(course.fee, settlement.currency) if course.fee else "",
        "fee_period": course.get_fee_period_display(),
        "left": left,
        "full": left == 0,
    }


def _grouped(courses: list[dict[str, Any]], raw: list[Course]) -> list[dict[str, Any]]:
    order = {value: n for n, value in enumerate(AgeGroup.values)}
    groups: dict[str, list[dict[str, Any]]] = {}
    for course, shown in sorted(
        zip(raw, courses, strict=True),
        key=lambda pair: (order.get(pair[0].age_group, len(order)), pair[0].starts_on),
    ):
        groups.setdefault(course.age_group, []).append(shown)
    return [
        {
            "key": key or "all",
            "name": AgeGroup(key).label if key else translation.gettext("For everyone"),
            "classes": shown,
        }
        for key, shown in groups.items()
    ]


def _language_links(request: HttpRequest, current: str) -> list[dict[str, Any]]:
    links = []
    for code, _name in django_settings.LANGUAGES:
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{request.path}?lang={code}",
                "current": code == current,
            }
        )
    return links


def _render(
    request: HttpRequest,
    settlement: Settlement,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    language = translation.get_language() or ""
    context = {
        "settlement": settlement,
        "languages": _language_links(request, language),
        "lang": language,
        **context,
    }
    with timezone.override(clock.settlement_zone(settlement)):
        response = render(request, template, context, status=status)
    response["Content-Language"] = language
    return response


@require_GET
def classes(request: HttpRequest, slug: str) -> HttpResponse:
    settlement = selectors_public.settlement_by_slug(slug=slug)
    with scope(settlement=settlement.pk), translation.override(asked_language(request, settlement)):
        raw = list(
            selectors_public.courses_open(settlement=settlement).order_by(
                "starts_on", "start_time", "id"
            )
        )
        shown = [_shown(course, settlement) for course in raw]
        return _render(
            request, settlement, "events/public/classes.html", {"groups": _grouped(shown, raw)}
        )


def _rows(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("rows", ROWS))
    except ValueError:
        return ROWS


@require_http_methods(["GET", "POST"])
def class_register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    settlement = selectors_public.settlement_by_slug(slug=slug)
    language = asked_language(request, settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        course = selectors_public.courses_open(settlement=settlement).filter(pk=pk).first()
        if course is None:
            raise Http404
        error = ""
        if request.method == "POST":
            form = ClassContactForm(request.POST)
            people = participant_formset(request.POST)
            if form.is_valid() and people.is_valid():
                if form.is_robot:
                    return redirect(
                        reverse("calendar:classes", kwargs={"slug": slug}) + f"?lang={language}"
                    )
                try:
                    registration, token = services.class_register(
                        course=course,
                        contact=form.contact(language),
                        participants=people.participants(),
                    )
                except services.RegistrationRefused as refused:
                    error = " ".join(str(message) for message in refused.messages)
                else:
                    url = reverse(
                        "calendar:class_registration", kwargs={"slug": slug, "token": token}
                    )
                    return redirect(f"{url}?lang={registration.language}")
        else:
            rows = _rows(request)
            form = ClassContactForm()
            people = participant_formset(rows=rows)
        return _render(
            request,
            settlement,
            "events/public/class.html",
            {
                "course": _shown(course, settlement),
                "form": form,
                "people": people,
                "error": error,
                "more_rows": people.total_form_count() < services.MAX_PARTICIPANTS,
                "max_participants": services.MAX_PARTICIPANTS,
            },
            status=400 if request.method == "POST" else 200,
        )


def _registration_language(request: HttpRequest, row: ClassRegistration) -> str:
    known = {code for code, _name in django_settings.LANGUAGES}
    for code in (request.GET.get("lang", ""), row.language, row.settlement.language):
        if code in known:
            return code
    return str(django_settings.LANGUAGE_CODE)


def _status(row: ClassRegistration, course: Course) -> dict[str, Any]:
    if course.status == Course.Status.CANCELLED:
        return {"key": "course_cancelled", "position": None}
    if row.status == SignupStatus.WAITING:
        ahead = course.registrations.filter(status=SignupStatus.WAITING).filter(
            Q(created_at__lt=row.created_at) | Q(created_at=row.created_at, pk__lt=row.pk)
        )
        return {"key": "waiting", "position": ahead.count() + 1}
    return {"key": row.status, "position": None}


@require_http_methods(["GET", "POST"])
def class_registration(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    settlement = selectors_public.settlement_by_slug(slug=slug)
    with scope(settlement=settlement.pk):
        row = by_token(
            ClassRegistration.objects.filter(settlement=settlement).select_related(
                "course", "settlement"
            ),
            token,
        )
        if row is None:
            raise Http404
        language = _registration_language(request, row)
        with translation.override(language):
            form = CancelForm(request.POST if request.method == "POST" else None)
            if form.is_bound and form.is_valid():
                services.class_registration_cancel(registration=row)
                return redirect(f"{request.path}?lang={language}")
            return personal_page(_registration_page(request, row, form), language)


def _registration_page(
    request: HttpRequest, row: ClassRegistration, form: CancelForm
) -> HttpResponse:
    settlement = row.settlement
    course = row.course
    status = _status(row, course)
    participants = [
        {
            "name": person.name,
            "age_group": person.get_age_group_display(),
            "payment": person.get_payment_display(),
        }
        for person in row.participants.all()
    ]
    can_cancel = row.status != SignupStatus.CANCELLED and course.status != Course.Status.CANCELLED
    return _render(
        request,
        settlement,
        "events/public/class_registration.html",
        {
            "registration": {
                "name": row.name,
                "places": row.places,
                "signed_up": row.created_at,
                "promoted": row.promoted_at,
                "cancelled": row.cancelled_at,
            },
            "status": status,
            "course": {**_shown(course, settlement), "left": None},
            "participants": participants,
            "form": form,
            "can_cancel": can_cancel,
        },
        status=400 if form.is_bound else 200,
    )

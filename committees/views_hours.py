"""Volunteer hours and recognition: the list of hours to confirm, logging and confirming
hours, the volunteer's personal link and its public page, the yearly list of volunteers to
thank (with its export) and the printable thank-you letter."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scope

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Resident, Settlement
from coordinator.public import personal_page, qr_data_uri, resident_language

from . import selectors_hours as selectors
from . import services_hours as services
from .forms_hours import (
    HoursFilterForm,
    HoursLogForm,
    HoursReportForm,
    LinkForm,
    ReviewForm,
)
from .models_volunteers import VolunteerProfile

LIST = "committees.list_hours"
LOG = "committees.log_hours"
MANAGE = "committees.manage_volunteers"


def hours_text(value: Any) -> str:
    """Hours as the locale writes them, with at most two decimals ("2.5", "12")."""
    return str(floatformat(value, -2))


# --- the list ------------------------------------------------------------------------------


@require_GET
@settlement_permission(LIST)
def hours_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    user: Any = request.user
    coordinator = selectors.sees_all_hours(user, settlement)
    committees = selectors.committees_of(user=user, settlement=settlement)
    form = HoursFilterForm(request.GET or None, committees=committees, coordinator=coordinator)
    filters = selectors.HoursFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        data = form.cleaned_data
        filters = selectors.HoursFilter(
            status=data.get("status") or "pending",
            committee=data.get("committee"),
            month=data.get("month"),
            query=data.get("q", ""),
        )
    hours = selectors.hours_for(user=user, settlement=settlement, filters=filters)
    page = Paginator(hours, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    tab_query = query.copy()
    tab_query.pop("status", None)
    context = {
        "form": form,
        "page": page,
        "entries": list(page.object_list),
        "query": query.urlencode(),
        "tab_query": tab_query.urlencode(),
        "status": filters.status,
        "tabs": [
            ("pending", _("To confirm")),
            ("approved", _("Approved")),
            ("rejected", _("Not approved")),
            ("all", _("All")),
        ],
        "filtered": bool(filters.committee is not None or filters.month or filters.query),
        "total": selectors.approved_total(user=user, settlement=settlement, filters=filters),
        "milestones": selectors.recent_milestones(
            user=user, settlement=settlement, today=clock.today()
        ),
        "can_log": bool(committees) or coordinator,
        "is_coordinator": coordinator,
        "next": request.get_full_path(),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "committees/hours/_table.html" if partial else "committees/hours/list.html"
    return render(request, template, context)


# --- logging and confirming ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(LOG)
def hours_log(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    user: Any = request.user
    coordinator = selectors.sees_all_hours(user, settlement)
    committees = selectors.committees_of(user=user, settlement=settlement)
    residents = selectors.volunteers_for_log(user=user, settlement=settlement, today=clock.today())
    form = HoursLogForm(
        request.POST if request.method == "POST" else None,
        residents=residents,
        committees=committees,
        committee_required=not coordinator,
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        services.hours_log(
            settlement=settlement,
            resident=data["resident"],
            committee=data["committee"],
            date=data["date"],
            hours=data["hours"],
            description=data["description"],
            by=user,
            as_coordinator=coordinator,
        )
        messages.success(
            request,
            _("%(hours)s hours of %(name)s were logged and approved.")
            % {"hours": hours_text(data["hours"]), "name": data["resident"]},
        )
        return redirect(reverse("committees:hours") + "?status=approved")
    return render(
        request,
        "committees/hours/log.html",
        {"form": form, "has_choices": bool(residents) and (coordinator or bool(committees))},
        status=400 if form.is_bound else 200,
    )


def _safe_next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("committees:hours")


@require_POST
@settlement_permission(LIST)
def hours_review(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    entry = selectors.hours_get_for(user=request.user, settlement=settlement, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render(
            request, "committees/hours/review.html", {"form": form, "entry": entry}, status=400
        )
    approve = form.cleaned_data["decision"] == "approve"
    reached = services.hours_review(
        entry=entry, approve=approve, note=form.cleaned_data["note"], by=request.user
    )
    name = str(entry.resident)
    if approve:
        messages.success(request, _("The hours of %(name)s were approved.") % {"name": name})
    else:
        messages.success(request, _("The hours of %(name)s were not approved.") % {"name": name})
    for hours in reached:
        messages.info(
            request,
            _("%(name)s has reached %(hours)s volunteer hours. Time to say thank you!")
            % {"name": name, "hours": hours},
        )
    return redirect(_safe_next(request, form.cleaned_data.get("next", "")))


# --- the personal link ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def hours_link(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    profile = selectors.profile_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        form = LinkForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "committees/hours/link.html",
                _link_context(profile, form),
                status=400,
            )
        if form.cleaned_data["action"] == "reset":
            services.hours_link_reset(profile=profile, by=request.user)
            messages.success(request, _("A new link was made. The old link no longer works."))
        elif services.hours_link_send(profile=profile, by=request.user):
            messages.success(
                request,
                _("The link was sent to %(name)s by e-mail.") % {"name": profile.resident},
            )
        elif _can_mail(profile.resident):
            messages.info(
                request,
                _("The link was already sent today. Print it, or send it again tomorrow."),
            )
        else:
            messages.info(
                request,
                _("The link is ready. %(name)s cannot get e-mail from us: print it for them.")
                % {"name": profile.resident},
            )
        return redirect("committees:hours_link", pk=profile.pk)
    return render(request, "committees/hours/link.html", _link_context(profile, LinkForm()))


def _can_mail(resident: Resident) -> bool:
    from messaging.services import can_receive

    return can_receive(resident)


def _link_context(profile: VolunteerProfile, form: LinkForm) -> dict[str, Any]:
    link = services.hours_link_of(profile)
    return {
        "profile": profile,
        "resident": profile.resident,
        "form": form,
        "link": link,
        "qr": qr_data_uri(link) if link else "",
        "can_mail": _can_mail(profile.resident),
    }


# --- the volunteer's public page -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def hours_report(request: HttpRequest, token: str) -> HttpResponse:
    """A volunteer's own page: report hours, see the last ones and the year's total."""
    profile = selectors.profile_by_token(token)
    if profile is None:
        response = render(
            request,
            "committees/hours/public_message.html",
            {
                "title": _("This link is not valid"),
                "text": _(
                    "This link does not open a volunteer's page. Check that you copied the "
                    "whole link; if it still does not work, ask the community coordinator "
                    "for a new one."
                ),
            },
            status=404,
        )
        return personal_page(response, translation.get_language())
    with (
        scope(settlement=profile.settlement_id),
        translation.override(resident_language(profile.resident, profile.settlement)),
    ):
        return personal_page(_report_page(request, profile), translation.get_language())


def _report_page(request: HttpRequest, profile: VolunteerProfile) -> HttpResponse:
    resident = profile.resident
    settlement = profile.settlement
    if not profile.active or resident.archived_at is not None:
        return render(
            request,
            "committees/hours/public_message.html",
            {
                "settlement": settlement,
                "title": _("Thank you for volunteering"),
                "text": _(
                    "This page no longer takes hours. If you volunteer again, the community "
                    "coordinator will be glad to hear from you."
                ),
            },
            status=400 if request.method == "POST" else 200,
        )
    today = clock.today()
    committees = selectors.serving_committees(resident=resident, today=today)
    form = HoursReportForm(
        request.POST if request.method == "POST" else None, committees=committees
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        services.hours_report(
            profile=profile,
            committee=form.chosen_committee(),
            date=data["date"],
            hours=data["hours"],
            description=data["description"],
        )
        messages.success(
            request,
            _("Thank you! Your %(hours)s hours were sent for confirmation.")
            % {"hours": hours_text(data["hours"])},
        )
        return redirect(request.path)
    year_total = selectors.approved_hours_of(resident=resident, year=today.year)
    all_total = selectors.approved_hours_of(resident=resident)
    upcoming = selectors.next_milestone(all_total)
    return render(
        request,
        "committees/hours/report.html",
        {
            "settlement": settlement,
            "resident": resident,
            "form": form,
            "entries": selectors.report_entries(resident=resident),
            "year": today.year,
            "year_total": year_total,
            "all_total": all_total,
            "next_milestone": upcoming,
            "to_go": (upcoming - all_total) if upcoming else None,
            "milestones": list(resident.volunteer_milestones.order_by("-hours")[:3]),
        },
        status=400 if form.is_bound else 200,
    )


# --- recognition ---------------------------------------------------------------------------

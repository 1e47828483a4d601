"""Emergency mode: the emergency page (declare one, see past ones), the live board and its
follow-ups, the log, ending an emergency, and the resident's one-tap answer page.

Views are thin: the active settlement scopes every object (another settlement's is 404),
a form validates, a service of ``services_emergency`` writes."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_scopes import scope

from coordinator.clock import settlement_zone
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from coordinator.public import personal_page, resident_language
from events.selectors_public import settlement_by_slug

from . import selectors_emergency as selectors
from . import services_emergency as services
from .forms_emergency import AnswerForm, DeclareForm, FollowUpForm
from .links import hash_of
from .models import CheckIn, Emergency
from .rules import DECLARE, TEAM, TEAM_CHANGE, VULNERABLE

PAST_PAGE = 20
LOG_PAGE = 50


def _is_coordinator(request: HttpRequest, settlement: Settlement) -> bool:
    return bool(request.user.has_perm(TEAM_CHANGE, settlement))


@require_http_methods(["GET", "POST"])
@settlement_permission(TEAM)
def emergency_home(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    can_declare = bool(request.user.has_perm(DECLARE, settlement))
    if request.method == "POST" and not can_declare:
        raise Http404
    current = selectors.emergency_open_in(settlement=settlement)
    form = DeclareForm(request.POST or None) if can_declare and current is None else None
    status = 200
    if request.method == "POST":
        if form is None:
            form = DeclareForm(request.POST)
            form.is_valid()
            form.add_error(
                None, _("An emergency is already declared. End it before declaring another one.")
            )
        elif form.is_valid():
            try:
                emergency = services.emergency_declare(
                    settlement=settlement,
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    instructions=form.cleaned_data["instructions"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("The emergency was declared. The safety check-in is being sent now."),
                )
                return redirect("welfare:board", pk=emergency.pk)
        status = 400
    page = Paginator(selectors.emergencies_past(settlement=settlement), PAST_PAGE).get_page(
        request.GET.get("page")
    )
    may_see_board = bool(request.user.has_perm(VULNERABLE, settlement))
    return render(
        request,
        "welfare/emergency/home.html",
        {
            "current": current,
            "form": form,
            "page": page,
            "query": "",
            "can_declare": can_declare,
            "may_see_board": may_see_board,
            "is_coordinator": _is_coordinator(request, settlement),
            "zone": settlement_zone(settlement),
        },
        status=status,
    )


def _emergency_for(request: HttpRequest, settlement: Settlement, pk: int) -> Emergency:
    """An emergency of the settlement; one that is over only for the coordinator."""
    emergency = selectors.emergency_get(settlement=settlement, pk=pk)
    if emergency.ended_at is not None and not _is_coordinator(request, settlement):
        raise Http404
    return emergency


@require_http_methods(["GET"])
@settlement_permission(VULNERABLE)
def board(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    emergency = _emergency_for(request, settlement, pk)
    counts = selectors.board_counts(emergency=emergency)
    pages = {key: request.GET.get(key) for key in ("help", "silent", "safe")}
    lists = selectors.board_lists(emergency=emergency, counts=counts, pages=pages)
    open_now = emergency.ended_at is None
    context: dict[str, Any] = {
        "emergency": emergency,
        "counts": counts,
        "lists": lists,
        "open_now": open_now,
        "follow_up_choices": CheckIn.FollowUp.choices,
        "query": request.GET.urlencode(),
        "live_url": request.get_full_path(),
        "zone": settlement_zone(settlement),
    }
    if getattr(request, "htmx", False):
        return render(request, "welfare/emergency/_board_live.html", context)
    context["helpers"] = selectors.helper_names(settlement=settlement) if open_now else []
    context["can_end"] = open_now and bool(request.user.has_perm(DECLARE, settlement))
    return render(request, "welfare/emergency/board.html", context)


@require_http_methods(["POST"])
@settlement_permission(VULNERABLE)
def check_in_follow_up(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    row = selectors.check_in_get(settlement=settlement, pk=pk)
    emergency = _emergency_for(request, settlement, row.emergency_id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            changed = services.check_in_follow_up(
                check_in=row,
                user=request.user,
                assigned_to=form.cleaned_data["assigned_to"],
                follow_up=form.cleaned_data["follow_up"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if changed:
                messages.success(request, _("The follow-up was saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(reverse("welfare:board", args=[emergency.pk]) + f"#check-in-{row.pk}")
    return render(
        request,
        "welfare/emergency/follow_up_error.html",
        {"emergency": emergency, "row": row, "form": form},
        status=400,
    )


@require_http_methods(["POST"])
@settlement_permission(DECLARE)
def emergency_end(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    emergency = selectors.emergency_get(settlement=settlement, pk=pk)
    if services.emergency_end(settlement=settlement, emergency=emergency, user=request.user):
        messages.success(
            request, _("The emergency was ended. The team's access to the board was closed.")
        )
    else:
        messages.info(request, _("This emergency was already over. Nothing was changed."))
    return redirect("welfare:emergency")


@require_http_methods(["GET"])
@settlement_permission(VULNERABLE)
def emergency_log(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    emergency = _emergency_for(request, settlement, pk)
    page = Paginator(selectors.log_entries(emergency=emergency), LOG_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "welfare/emergency/log.html",
        {"emergency": emergency, "page": page, "query": "", "zone": settlement_zone(settlement)},
    )


# The resident's page, without login.


@require_http_methods(["GET", "POST"])
def check_in_answer(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    settlement = settlement_by_slug(slug=slug)
    with scope(settlement=settlement.pk):
        row = selectors.check_in_by_token(settlement=settlement, token_hash=hash_of(token))
        language = resident_language(row.resident, settlement)
        with translation.override(language), timezone.override(settlement_zone(settlement)):
            return _answer_page(request, settlement, row, language)


def _answer_page(
    request: HttpRequest, settlement: Settlement, row: CheckIn, language: str
) -> HttpResponse:
    over = row.emergency.ended_at is not None
    form = AnswerForm(request.POST if request.method == "POST" else None)
    status = 200
    error = ""
    if request.method == "POST":
        status = 400
        if over:
            error = _("This emergency is over: your answer was not recorded.")
        elif form.is_valid():
            try:
                row = services.check_in_answer(
                    check_in=row,
                    answer=form.cleaned_data["answer"],
                    help_note=form.cleaned_data["help_note"],
                )
            except ValidationError as problem:
                error = " ".join(problem.messages)
            else:
                return redirect(request.get_full_path())
        elif "help_note" in form.errors:
            error = _("Please write at most 500 characters about the help you need.")
        else:
            error = _("Press one of the two buttons: We are safe, or We need help.")
    response = render(
        request,
        "welfare/public/check_in.html",
        {
            "settlement": settlement,
            "row": row,
            "emergency": row.emergency,
            "over": over,
            "form": form,
            "error": error,
            "head_phone": selectors.team_head_phone(settlement=settlement) if over else "",
        },
        status=status,
    )
    return personal_page(response, language)

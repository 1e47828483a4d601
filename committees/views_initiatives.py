"""Residents' initiatives: the coordinator's list, entering and moving an idea along; the
public form a resident sends an idea through, and the idea's status page (no login)."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope, scopes_disabled

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from coordinator.public import asked_language
from messaging.services import absolute_url

from . import selectors_community as selectors
from . import services_community as services
from .forms_community import (
    DECLINE_NEEDS_ANSWER,
    IdeaForm,
    InitiativeCreateForm,
    InitiativeEditForm,
    InitiativeFilterForm,
)
from .models_community import Initiative

LIST = "committees.list_initiatives"
VIEW = "committees.view_initiative"
CHANGE = "committees.change_initiative"


@require_GET
@settlement_permission(LIST)
def initiative_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    filters = selectors.InitiativeFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        filters = selectors.InitiativeFilter(
            query=form.cleaned_data.get("q", ""), status=form.cleaned_data.get("status", "")
        )
    initiatives = selectors.initiatives_for(
        user=request.user, settlement=settlement, filters=filters
    )
    page = Paginator(initiatives, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "initiatives": list(page.object_list),
        "counts": selectors.initiative_counts(user=request.user, settlement=settlement),
        "current_status": filters.status,
        "query": query.urlencode(),
        "filtered": bool(filters.query or filters.status),
        "can_change": request.user.has_perm(CHANGE, settlement),
    }
    partial = bool(getattr(request, "htmx", False))
    template = (
        "committees/initiatives/_table.html" if partial else "committees/initiatives/list.html"
    )
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def initiative_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = InitiativeCreateForm(
        request.POST if request.method == "POST" else None, settlement=settlement
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            initiative = services.initiative_create(
                settlement=settlement,
                title=data["title"],
                description=data["description"],
                source=Initiative.Source.COORDINATOR,
                status=data["status"],
                resident=data["resident"],
                submitter_name=data["submitter_name"],
                submitter_contact=data["submitter_contact"],
                answer=data["answer"].strip(),
            )
        except services.AnswerRequired:
            form.add_error("answer", DECLINE_NEEDS_ANSWER)
        else:
            messages.success(
                request,
                _("The idea was added. Pass its status link on to the resident who suggested it."),
            )
            return redirect("committees:initiative_detail", pk=initiative.pk)
    return render(
        request,
        "committees/initiatives/create.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def status_link(request: HttpRequest, initiative: Initiative) -> str:
    token = services.initiative_link(initiative)
    if not token:
        return ""
    return absolute_url(reverse("public:idea_status", kwargs={"token": token}))


@require_GET
@settlement_permission(LIST)
def initiative_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=VIEW
    )
    can_change = request.user.has_perm(CHANGE, initiative)
    committee = initiative.committee
    return render(
        request,
        "committees/initiatives/detail.html",
        {
            "initiative": initiative,
            "volunteers": list(initiative.volunteers.all()),
            "can_change": can_change,
            "status_link": status_link(request, initiative) if can_change else "",
            "committee_link": committee is not None
            and request.user.has_perm("committees.view_committee", committee),
            "time_zone": settlement.time_zone,
        },
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CHANGE)
def initiative_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    form = InitiativeEditForm(
        request.POST if request.method == "POST" else None,
        settlement=settlement,
        initiative=initiative,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                initiative=initiative,
                data=form.initiative_data(),
                volunteers=list(form.cleaned_data["volunteers"]),
            )
        except services.AnswerRequired:
            form.add_error("answer", DECLINE_NEEDS_ANSWER)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("committees:initiative_detail", pk=initiative.pk)
    return render(
        request,
        "committees/initiatives/edit.html",
        {"form": form, "initiative": initiative},
        status=400 if form.is_bound else 200,
    )


# --- public pages ----------------------------------------------------------------------------


def _status_text(status: str) -> str:
    texts: dict[str, str] = {
        Initiative.Status.NEW: _(
            "Your idea has arrived. The community coordinator will read it soon."
        ),
        Initiative.Status.REVIEWING: _("The community coordinator is looking into your idea."),
        Initiative.Status.ACCEPTED: _("Your idea was accepted. Work on it will start soon."),
        Initiative.Status.IN_PROGRESS: _("Your idea is under way."),
        Initiative.Status.DONE: _("Your idea has been carried out. Thank you!"),
        Initiative.Status.DECLINED: _("Your idea will not be taken forward."),
    }
    return texts.get(status, "")


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


def _public(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store, private"
    return response


@require_http_methods(["GET", "POST"])
def idea_new(request: HttpRequest, slug: str) -> HttpResponse:
    """The public form: a resident sends an idea; they land on its status page."""
    settlement = get_object_or_404(Settlement, slug=slug)
    language = asked_language(request, settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        context: dict[str, Any] = {
            "settlement": settlement,
            "languages": _language_links(request, language),
        }
        if request.method == "POST":
            if selectors.public_ideas_last_hour(settlement=settlement) >= (
                selectors.PUBLIC_IDEAS_PER_HOUR
            ):
                return _public(request, "committees/initiatives/public_busy.html", context, 429)
            form = IdeaForm(request.POST)
            if form.is_valid():
                if form.is_robot:
                    return _public(request, "committees/initiatives/public_thanks.html", context)
                data = form.cleaned_data
                initiative = services.initiative_create(
                    settlement=settlement,
                    title=data["title"],
                    description=data["description"],
                    source=Initiative.Source.PUBLIC,
                    submitter_name=data["name"],
                    submitter_contact=data["contact"],
                )
                messages.success(request, _("Thank you! Keep this link to follow your idea."))
                url = reverse(
                    "public:idea_status", kwargs={"token": services.initiative_link(initiative)}
                )
                return redirect(f"{url}?lang={language}")
        else:
            form = IdeaForm()
        context["form"] = form
        return _public(
            request,
            "committees/initiatives/public_new.html",
            context,
            status=400 if form.is_bound else 200,
        )


@require_GET
def idea_status(request: HttpRequest, token: str) -> HttpResponse:
    """What a resident sees of their idea: its title, when it came, its status in plain
    words and the answer. Never who champions or helps it."""
    with scopes_disabled():
        initiative = selectors.initiative_by_token(token)
    if initiative is None:
        return _public(
            request,
            "committees/initiatives/public_invalid.html",
            {"languages": []},
            status=404,
        )
    settlement = initiative.settlement
    language = asked_language(request, settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        return _public(
            request,
            "committees/initiatives/public_status.html",
            {
                "settlement": settlement,
                "idea": {
                    "title": initiative.title,
                    "received": initiative.created_at,
                    "status": initiative.get_status_display(),
                    "status_key": initiative.status,
                    "status_text": _status_text(initiative.status),
                    "answer": initiative.answer,
                },
                "time_zone": settlement.time_zone,
                "languages": _language_links(request, language),
            },
        )

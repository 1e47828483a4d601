"""Openings a committee or the coordinator needs filled, the fit ranking and invitations.

A chair posts and keeps the openings of the committees they chair; the ranking and
invitations are the coordinator's. A resident answers an invitation through their personal
link (``opening_answer``, no login), in their own language."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scope, scopes_disabled

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.ids import as_ids
from coordinator.models import Settlement
from coordinator.public import personal_page, resident_language
from messaging.services import can_receive

from . import selectors_volunteers as selectors
from . import services_volunteers as services
from .forms_volunteers import (
    InvitationAnswerForm,
    InviteForm,
    OpeningFilterForm,
    OpeningForm,
    PublicAnswerForm,
)
from .models_volunteers import Opening, OpeningInvitation, Slot
from .tokens import TOKEN_MAX, token_hash
from .views_volunteers import labels, query_without_page

MANAGE = "committees.manage_volunteers"
LIST_OPENINGS = "committees.list_openings"
ADD_OPENING = "committees.add_opening"
CHANGE_OPENING = "committees.change_opening"


@require_GET
@settlement_permission(LIST_OPENINGS)
def opening_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    committees = list(selectors.committees_for_openings(user=request.user, settlement=settlement))
    form = OpeningFilterForm(request.GET or None, committees=committees)
    filters = selectors.OpeningFilter()
    if form.is_bound:
        form.is_valid()
        filters = selectors.OpeningFilter(
            status=form.cleaned_data.get("status", ""),
            committee=form.cleaned_data.get("committee"),
            query=form.cleaned_data.get("q", ""),
        )
    openings = selectors.openings_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(openings, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "openings": list(page.object_list),
        "query": query_without_page(request),
        "filtered": bool(filters.status or filters.committee or filters.query),
        "can_add": request.user.has_perm(ADD_OPENING, settlement),
    }
    partial = bool(getattr(request, "htmx", False))
    template = (
        "committees/volunteers/_opening_table.html"
        if partial
        else "committees/volunteers/opening_list.html"
    )
    return render(request, template, context)


def _opening_form(
    request: HttpRequest, settlement: Settlement, opening: Opening | None
) -> HttpResponse:
    committees = selectors.committees_for_openings(user=request.user, settlement=settlement)
    skills = selectors.skills_of(settlement=settlement)
    coordinator = request.user.has_perm(MANAGE, settlement)
    kwargs: dict[str, Any] = {
        "committees": committees,
        "skills": skills,
        "committee_required": not coordinator,
        "opening": opening,
    }
    if request.method == "POST":
        form = OpeningForm(request.POST, **kwargs)
        if form.is_valid():
            skills_chosen = list(form.cleaned_data["skills"])
            if opening is None:
                opening = services.opening_create(
                    settlement=settlement,
                    data=form.opening_data(),
                    skills=skills_chosen,
                    by=request.user,
                )
                messages.success(request, _("The opening was posted."))
            else:
                services.opening_update(
                    opening=opening, data=form.opening_data(), skills=skills_chosen
                )
                messages.success(request, _("The changes were saved."))
            return redirect("committees:opening_detail", pk=opening.pk)
    else:
        form = OpeningForm(**kwargs)
    return render(
        request,
        "committees/volunteers/opening_form.html",
        {"form": form, "opening": opening, "is_coordinator": coordinator},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission(ADD_OPENING)
def opening_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _opening_form(request, settlement, None)


@settlement_permission(LIST_OPENINGS)
def opening_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    opening = selectors.opening_get_for(user=request.user, settlement=settlement, pk=pk)
    return _opening_form(request, settlement, opening)


def _opening_page(
    request: HttpRequest,
    settlement: Settlement,
    opening: Opening,
    *,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    invitations = selectors.invitations_of(opening=opening)
    for invitation in invitations:
        invitation.call = not can_receive(invitation.resident)  # type: ignore[attr-defined]
    accepted = sum(1 for i in invitations if i.status == OpeningInvitation.Status.ACCEPTED)
    coordinator = request.user.has_perm(MANAGE, settlement)
    suggestions = (
        selectors.suggestions_for(settlement=settlement, opening=opening, today=clock.today())
        if coordinator and opening.status == Opening.Status.OPEN
        else []
    )
    return render(
        request,
        "committees/volunteers/opening_detail.html",
        {
            "opening": opening,
            "skills": list(opening.skills.all()),
            "slot_labels": labels(opening.availability, Slot.choices),
            "invitations": invitations,
            "accepted": accepted,
            "enough": accepted >= opening.people_needed,
            "is_open": opening.status == Opening.Status.OPEN,
            "is_coordinator": coordinator,
            "suggestions": suggestions,
            "invite_form": invite_form,
            "answer_choices": InvitationAnswerForm.base_fields["status"].choices,  # type: ignore[attr-defined]
        },
        status=status,
    )


@require_GET
@settlement_permission(LIST_OPENINGS)
def opening_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    opening = selectors.opening_get_for(user=request.user, settlement=settlement, pk=pk)
    return _opening_page(request, settlement, opening)


@require_POST
@settlement_permission(MANAGE)
def opening_invite(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Invite the chosen volunteers; an empty or bad choice re-renders the page (400)."""
    opening = selectors.opening_get_for(user=request.user, settlement=settlement, pk=pk)
    ids = as_ids(request.POST.getlist("resident"))
    residents = selectors.invitable_residents(settlement=settlement, opening=opening, ids=ids)
    form = InviteForm(request.POST, choices=[r.pk for r in residents])
    if opening.status != Opening.Status.OPEN:
        form.is_valid()
        form.add_error(None, _("This opening is no longer open: nobody can be invited."))
    if form.errors or not form.is_valid():
        return _opening_page(request, settlement, opening, invite_form=form, status=400)
    chosen = set(form.cleaned_data["resident"])
    created = services.opening_invite(
        opening=opening, residents=[r for r in residents if r.pk in chosen], by=request.user
    )
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)s volunteer was invited. Those without e-mail: call them.",
                "%(count)s volunteers were invited. Those without e-mail: call them.",
                len(created),
            )
            % {"count": len(created)},
        )
    else:
        messages.info(request, _("They were already invited: nothing new was sent."))
    return redirect("committees:opening_detail", pk=opening.pk)


@require_POST
@settlement_permission(MANAGE)
def invitation_answer(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Record the answer a resident gave on the phone."""
    invitation = selectors.invitation_get_for(user=request.user, settlement=settlement, pk=pk)
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        opening = selectors.opening_get_for(
            user=request.user, settlement=settlement, pk=invitation.opening_id
        )
        messages.error(request, _("Choose the answer they gave: accepted or declined."))
        return _opening_page(request, settlement, opening, status=400)
    services.invitation_record(invitation=invitation, status=form.cleaned_data["status"])
    messages.success(
        request,
        _("The answer of %(name)s was recorded.") % {"name": invitation.resident.full_name},
    )
    return redirect("committees:opening_detail", pk=invitation.opening_id)


# --- The resident's link --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def opening_answer(request: HttpRequest, token: str) -> HttpResponse:
    """A resident's answer to an invitation: the role, and Accept / Decline."""
    invitation = None
    if token and len(token) <= TOKEN_MAX:
        with scopes_disabled():
            invitation = (
                OpeningInvitation.objects.select_related(
                    "opening__committee", "resident", "settlement"
                )
                .filter(token_hash=token_hash(token))
                .first()
            )
    if invitation is None:
        response = render(
            request,
            "committees/volunteers/answer_message.html",
            {
                "title": _("This link is not valid"),
                "text": _(
                    "This link does not open an invitation. Check that you copied the whole "
                    "link; the community coordinator can tell you more."
                ),
            },
            status=404,
        )
        return personal_page(response, translation.get_language())
    language = resident_language(invitation.resident, invitation.settlement)
    with scope(settlement=invitation.settlement_id), translation.override(language):
        opening = invitation.opening
        context: dict[str, Any] = {
            "invitation": invitation,
            "opening": opening,
            "settlement": invitation.settlement,
            "slots": labels(opening.availability, Slot.choices),
        }
        if opening.status != Opening.Status.OPEN:
            response = render(
                request,
                "committees/volunteers/answer_message.html",
                {
                    **context,
                    "title": _("No longer needed"),
                    "text": _(
                        "Thank you for your interest: this role is no longer needed. The "
                        "community coordinator will be glad to hear from you for the next one."
                    ),
                },
            )
            return personal_page(response, language)
        status = 200
        form = PublicAnswerForm()
        if request.method == "POST":
            form = PublicAnswerForm(request.POST)
            if form.is_valid():
                try:
                    services.invitation_answer(
                        invitation=invitation, accept=form.cleaned_data["answer"] == "accept"
                    )
                except services.OpeningNotOpen:
                    return redirect(request.path)
                return redirect(f"{request.path}?done=1")
            status = 400
        context.update({"form": form, "done": request.GET.get("done") == "1"})
        response = render(request, "committees/volunteers/answer.html", context, status=status)
        return personal_page(response, language)

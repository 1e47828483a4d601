"""Volunteers, openings, the fit ranking and invitations.

Profiles, the ranking and invitations are the coordinator's; a chair posts and keeps the
openings of the committees they chair. A resident answers an invitation through their
personal link (``opening_answer``, no login), in their own language."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scope, scopes_disabled

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from messaging.services import can_receive

from . import selectors_volunteers as selectors
from . import services_volunteers as services
from .forms_volunteers import (
    InvitationAnswerForm,
    InviteForm,
    OpeningFilterForm,
    OpeningForm,
    PublicAnswerForm,
    VolunteerFilterForm,
    VolunteerForm,
)
from .models import Committee
from .models_volunteers import Opening, OpeningInvitation, Slot, SpokenLanguage
from .tokens import TOKEN_MAX, token_hash

MANAGE = "committees.manage_volunteers"
LIST_OPENINGS = "committees.list_openings"
ADD_OPENING = "committees.add_opening"
CHANGE_OPENING = "committees.change_opening"


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Volunteer profiles ---------------------------------------------------------------------


def labels(codes: Any, choices: Any) -> list[str]:
    """The labels of ``codes`` (a list stored on a row), in the order of ``choices``."""
    wanted = set(codes or ())
    return [str(label) for code, label in choices if code in wanted]


def _describe(profile: Any, today: Any) -> None:
    profile.check_expired = selectors.check_expired(profile, today)
    profile.slot_labels = labels(profile.availability, Slot.choices)
    profile.language_labels = labels(profile.languages, SpokenLanguage.choices)
    profile.interest_labels = labels(profile.interests, Committee.Kind.choices)


@require_GET
@settlement_permission(MANAGE)
def volunteer_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    skills = selectors.skills_of(settlement=settlement)
    form = VolunteerFilterForm(request.GET or None, skills=skills)
    filters = selectors.VolunteerFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        skill = form.cleaned_data.get("skill")
        filters = selectors.VolunteerFilter(
            query=form.cleaned_data.get("q", ""),
            skill=skill.pk if skill is not None else None,
            slot=form.cleaned_data.get("slot", ""),
            language=form.cleaned_data.get("language", ""),
            active=form.cleaned_data.get("active", ""),
        )
    profiles = selectors.volunteers_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(profiles, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[Any] = list(page.object_list)
    today = clock.today()
    for profile in rows:
        _describe(profile, today)
    resident_q = request.GET.get("resident_q", "")[:100].strip()
    context = {
        "resident_q": resident_q,
        "resident_matches": selectors.residents_without_profile(
            settlement=settlement, query=resident_q
        ),
        "resident_limit": selectors.RESIDENT_CHOICES,
        "form": form,
        "page": page,
        "volunteers": rows,
        "query": _query_without_page(request),
        "filtered": bool(
            filters.query or filters.skill or filters.slot or filters.language or filters.active
        ),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "committees/volunteers/_table.html" if partial else "committees/volunteers/list.html"
    return render(request, template, context)


@require_GET
@settlement_permission(MANAGE)
def volunteer_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    profile = selectors.volunteer_get_for(user=request.user, settlement=settlement, pk=pk)
    today = clock.today()
    _describe(profile, today)
    return render(
        request,
        "committees/volunteers/detail.html",
        {
            "profile": profile,
            "resident": profile.resident,
            "record": selectors.volunteer_record(profile=profile, today=today),
            "year": today.year,
        },
    )


@settlement_permission(MANAGE)
def volunteer_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Give a resident a volunteer profile, or edit theirs (``pk`` is the resident's)."""
    resident = selectors.resident_get_for(user=request.user, settlement=settlement, pk=pk)
    profile = resident.profile  # type: ignore[attr-defined]
    skills = selectors.skills_of(settlement=settlement)
    if request.method == "POST":
        form = VolunteerForm(request.POST, skills=skills, profile=profile)
        if form.is_valid():
            profile, created = services.volunteer_save(
                settlement=settlement,
                resident=resident,
                data=form.profile_data(),
                skills=list(form.cleaned_data["skills"]),
                new_skills=form.cleaned_data["new_skills"],
            )
            if created:
                messages.success(request, _("The volunteer profile was added."))
            else:
                messages.success(request, _("The changes were saved."))
            return redirect("committees:volunteer_detail", pk=profile.pk)
    else:
        form = VolunteerForm(skills=skills, profile=profile)
    return render(
        request,
        "committees/volunteers/form.html",
        {"form": form, "resident": resident, "profile": profile},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Openings -------------------------------------------------------------------------------


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
        "query": _query_without_page(request),
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
    posted = [selectors.as_id(v) for v in request.POST.getlist("resident")]
    ids = [pk for pk in posted if pk is not None]
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


def _public(response: HttpResponse, language: str) -> HttpResponse:
    """Personal pages: never kept by a browser or proxy, nor indexed."""
    patch_cache_control(response, no_store=True, private=True)
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _language_of(invitation: OpeningInvitation) -> str:
    known = {code for code, _name in django_settings.LANGUAGES}
    for code in (invitation.resident.preferred_language, invitation.settlement.language):
        if code in known:
            return code
    return django_settings.LANGUAGE_CODE


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
        return _public(response, translation.get_language())
    language = _language_of(invitation)
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
            return _public(response, language)
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
        return _public(response, language)

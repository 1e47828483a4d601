"""The emergency team's pages: the roster by function, trainings and drills, the council
contacts, the residents who need help in an emergency, and all of it as a PDF to print for
when the network is down.

The coordinator and the team's members read the roster, drills and contacts; only the
coordinator changes them. The list of residents who need help is the coordinator's always
and the team's while an emergency is declared (read-only for them); reading it during an
emergency is recorded in the audit trail. Deleting asks for a ticked box on the edit page
(the delete URLs take POST only)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coordinator.decorators import settlement_permission
from coordinator.documents import PDF_CONTENT_TYPE
from coordinator.forms import form_status
from coordinator.models import AuditEvent, Settlement
from coordinator.services.audit import audit_record

from . import offline, services_team
from .forms_team import (
    ConfirmDeleteForm,
    CouncilContactForm,
    DrillForm,
    TeamMemberForm,
    VulnerableFilterForm,
    VulnerableForm,
)
from .models import CouncilContact, TeamMember, VulnerableResident
from .rules import TEAM, TEAM_CHANGE, VULNERABLE
from .selectors_team import (
    contacts_of,
    drills_of,
    households_with_a_case,
    open_emergency,
    roster_of,
    vulnerable_list,
)


def _can_change(request: HttpRequest, settlement: Settlement) -> bool:
    return bool(request.user.has_perm(TEAM_CHANGE, settlement))


def _context(request: HttpRequest, settlement: Settlement, active: str, **extra: Any) -> Any:
    """What the team's sub-navigation needs, and the page's own data."""
    return {
        "active": active,
        "can_change": _can_change(request, settlement),
        "may_see_vulnerable": request.user.has_perm(VULNERABLE, settlement),
        **extra,
    }


def _add_form(
    request: HttpRequest,
    settlement: Settlement,
    make: Callable[[Any], BaseForm],
    save: Callable[[Any], str],
    page: str,
) -> tuple[BaseForm | None, HttpResponse | None]:
    """The add form of a list page, for the coordinator only (anyone else's POST: 404).
    ``make(data)`` builds it; ``save(form)`` writes a valid one and says what was done,
    and the user goes back to ``page``. Returns the form to show, or that redirect."""
    can_change = _can_change(request, settlement)
    if request.method == "POST" and not can_change:
        raise Http404
    if not can_change:
        return None, None
    if request.method != "POST":
        return make(None), None
    form = make(request.POST)
    if not form.is_valid():
        return form, None
    messages.success(request, save(form))
    return form, redirect(page)


def _delete(
    request: HttpRequest, edit: str, pk: int, delete: Callable[[], str], page: str
) -> HttpResponse:
    """Delete once the edit page's box is ticked (else back to it, nothing deleted);
    ``delete()`` deletes and says what was done."""
    if not ConfirmDeleteForm(request.POST).is_valid():
        messages.error(request, _("Nothing was deleted: tick the box to confirm."))
        return redirect(edit, pk=pk)
    messages.success(request, delete())
    return redirect(page)


# --- the roster ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(TEAM)
def team(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    def save(form: Any) -> str:
        member = services_team.member_save(
            settlement=settlement, data=form.data_for_service(), by=request.user
        )
        return _("%(name)s was added to the team.") % {"name": member.name}

    form, done = _add_form(
        request,
        settlement,
        lambda data: TeamMemberForm(data, settlement=settlement),
        save,
        "welfare:team",
    )
    if done is not None:
        return done
    roster = roster_of(settlement=settlement)
    return render(
        request,
        "welfare/team/team.html",
        _context(
            request,
            settlement,
            "team",
            roster=roster,
            warnings=roster.warnings(),
            form=form,
        ),
        status=form_status(form),
    )


def _member(settlement: Settlement, pk: int) -> TeamMember:
    member: TeamMember = get_object_or_404(TeamMember, pk=pk, settlement=settlement)
    return member


@require_http_methods(["GET", "POST"])
@settlement_permission(TEAM_CHANGE)
def member_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    member = _member(settlement, pk)
    if request.method == "POST":
        form = TeamMemberForm(request.POST, instance=member, settlement=settlement)
        if form.is_valid():
            services_team.member_save(
                settlement=settlement,
                member=member,
                data=form.data_for_service(),
                by=request.user,
            )
            messages.success(request, _("The team member was saved."))
            return redirect("welfare:team")
    else:
        form = TeamMemberForm(instance=member, settlement=settlement)
    return render(
        request,
        "welfare/team/edit.html",
        _context(
            request,
            settlement,
            "team",
            form=form,
            heading=_("Edit %(name)s") % {"name": member.name},
            back="welfare:team",
            delete_url="welfare:member_delete",
            delete_heading=_("Remove from the team"),
            delete_note=_(
                "The residents they check on will have nobody until you choose someone else."
            ),
            delete_form=ConfirmDeleteForm(),
            obj=member,
        ),
        status=form_status(form),
    )


@require_POST
@settlement_permission(TEAM_CHANGE)
def member_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    member = _member(settlement, pk)

    def delete() -> str:
        services_team.member_delete(settlement=settlement, member=member, by=request.user)
        return _("%(name)s was removed from the team.") % {"name": member.name}

    return _delete(request, "welfare:member_edit", member.pk, delete, "welfare:team")


# --- drills --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(TEAM)
def drills(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    def save(form: Any) -> str:
        data = form.cleaned_data
        services_team.drill_add(
            settlement=settlement,
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            notes=data["notes"],
            attendees=list(data["attendees"]),
        )
        return _("The training or drill was recorded.")

    form, done = _add_form(
        request,
        settlement,
        lambda data: DrillForm(data, settlement=settlement),
        save,
        "welfare:drills",
    )
    if done is not None:
        return done
    page = Paginator(drills_of(settlement=settlement), django_settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "welfare/team/drills.html",
        _context(request, settlement, "drills", page=page, query="", form=form),
        status=form_status(form),
    )


# --- council contacts ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(TEAM)
def contacts(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    def save(form: Any) -> str:
        services_team.contact_save(
            settlement=settlement, data=form.data_for_service(), by=request.user
        )
        return _("The contact was added.")

    form, done = _add_form(
        request, settlement, lambda data: CouncilContactForm(data), save, "welfare:contacts"
    )
    if done is not None:
        return done
    return render(
        request,
        "welfare/team/contacts.html",
        _context(
            request,
            settlement,
            "contacts",
            departments=contacts_of(settlement=settlement),
            form=form,
        ),
        status=form_status(form),
    )


def _contact(settlement: Settlement, pk: int) -> CouncilContact:
    contact: CouncilContact = get_object_or_404(CouncilContact, pk=pk, settlement=settlement)
    return contact


@require_http_methods(["GET", "POST"])
@settlement_permission(TEAM_CHANGE)
def contact_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    contact = _contact(settlement, pk)
    if request.method == "POST":
        form = CouncilContactForm(request.POST, instance=contact)
        if form.is_valid():
            services_team.contact_save(
                settlement=settlement,
                contact=contact,
                data=form.data_for_service(),
                by=request.user,
            )
            messages.success(request, _("The contact was saved."))
            return redirect("welfare:contacts")
    else:
        form = CouncilContactForm(instance=contact)
    return render(
        request,
        "welfare/team/edit.html",
        _context(
            request,
            settlement,
            "contacts",
            form=form,
            heading=_("Edit %(name)s") % {"name": contact.name},
            back="welfare:contacts",
            delete_url="welfare:contact_delete",
            delete_heading=_("Delete this contact"),
            delete_note="",
            delete_form=ConfirmDeleteForm(),
            obj=contact,
        ),
        status=form_status(form),
    )


@require_POST
@settlement_permission(TEAM_CHANGE)
def contact_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    contact = _contact(settlement, pk)

    def delete() -> str:
        services_team.contact_delete(settlement=settlement, contact=contact, by=request.user)
        return _("The contact was deleted.")

    return _delete(request, "welfare:contact_edit", contact.pk, delete, "welfare:contacts")


# --- residents who need help ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(VULNERABLE)
def vulnerable(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    def save(form: Any) -> str:
        services_team.vulnerable_save(
            settlement=settlement, data=form.data_for_service(), by=request.user
        )
        return _("The resident was added to the list.")

    form, done = _add_form(
        request,
        settlement,
        lambda data: VulnerableForm(data, settlement=settlement),
        save,
        "welfare:vulnerable",
    )
    if done is not None:
        return done
    filters = VulnerableFilterForm(request.GET, auto_id="filter-%s")
    reason = query = ""
    if filters.is_valid():
        reason, query = filters.cleaned_data["reason"], filters.cleaned_data["q"]
    emergency = open_emergency(settlement=settlement)
    if emergency is not None:
        audit_record(
            action=AuditEvent.Action.READ,
            object_type=VulnerableResident._meta.model_name or "",
            settlement=settlement,
            actor=request.user,
            summary=f"list of residents who need help, during emergency {emergency.pk}",
        )
    page = Paginator(
        vulnerable_list(settlement=settlement, reason=reason, query=query),
        django_settings.PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    with_case = reason in ("", VulnerableResident.Reason.WELFARE) and page.number == 1
    return render(
        request,
        "welfare/team/vulnerable.html",
        _context(
            request,
            settlement,
            "vulnerable",
            page=page,
            query=urlencode({k: v for k, v in (("reason", reason), ("q", query)) if v}),
            filters=filters,
            filtered=bool(reason or query),
            households=households_with_a_case(settlement=settlement, query=query)
            if with_case
            else [],
            emergency=emergency,
            form=form,
        ),
        status=form_status(form),
    )


def _entry(settlement: Settlement, pk: int) -> VulnerableResident:
    entry: VulnerableResident = get_object_or_404(
        VulnerableResident.objects.select_related("resident"), pk=pk, settlement=settlement
    )
    return entry


@require_http_methods(["GET", "POST"])
@settlement_permission(TEAM_CHANGE)
def vulnerable_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    entry = _entry(settlement, pk)
    if request.method == "POST":
        form = VulnerableForm(request.POST, instance=entry, settlement=settlement)
        if form.is_valid():
            services_team.vulnerable_save(
                settlement=settlement, entry=entry, data=form.data_for_service(), by=request.user
            )
            messages.success(request, _("The entry was saved."))
            return redirect("welfare:vulnerable")
    else:
        form = VulnerableForm(instance=entry, settlement=settlement)
    return render(
        request,
        "welfare/team/edit.html",
        _context(
            request,
            settlement,
            "vulnerable",
            form=form,
            heading=_("Edit the entry of %(name)s") % {"name": entry.resident.full_name},
            back="welfare:vulnerable",
            delete_url="welfare:vulnerable_delete",
            delete_heading=_("Remove from the list"),
            delete_note=_("The resident stays in the registry; only this entry is removed."),
            delete_form=ConfirmDeleteForm(),
            obj=entry,
        ),
        status=form_status(form),
    )


@require_POST
@settlement_permission(TEAM_CHANGE)
def vulnerable_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    entry = _entry(settlement, pk)

    def delete() -> str:
        services_team.vulnerable_delete(settlement=settlement, entry=entry, by=request.user)
        return _("The resident was removed from the list.")

    return _delete(request, "welfare:vulnerable_edit", entry.pk, delete, "welfare:vulnerable")


# --- offline -------------------------------------------------------------------------------


@require_GET
@settlement_permission(TEAM)
def offline_pdf(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    """The roster, the contact tree, the council contacts and (for those who may see it
    now) the residents who need help, in the settlement's language."""
    with_vulnerable = bool(request.user.has_perm(VULNERABLE, settlement))
    with translation.override(settlement.language):
        content = offline.team_pdf(settlement=settlement, with_vulnerable=with_vulnerable)
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        object_type="teammember",
        settlement=settlement,
        actor=request.user,
        summary="pdf of the emergency team"
        + (" with the residents who need help" if with_vulnerable else ""),
    )
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="emergency-team.pdf"'
    return response

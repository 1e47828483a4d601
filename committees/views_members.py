"""A committee's members: add a resident in a role for a term, change the role or term,
take them off. The coordinator, for every committee; a chair, for their own."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors, selectors_members, services_members
from .forms_members import MemberAddForm, MemberEditForm, member_initial
from .models import Committee

PERM = "committees.change_committee"
PICKER_QUERY = "resident_q"
QUERY_LENGTH = 100


def _picker_context(
    settlement: Settlement, committee: Committee, query: str, chosen_id: Any
) -> dict[str, Any]:
    query = " ".join(query.split())[:QUERY_LENGTH]
    chosen, matches = selectors_members.resident_candidates(
        settlement=settlement, committee=committee, query=query, chosen_id=chosen_id
    )
    return {
        "resident_q": query,
        "chosen": chosen,
        "matches": matches,
        "limit": selectors_members.CANDIDATES,
    }


def _searching(request: HttpRequest) -> bool:
    """The "Find residents" button, with something to find. Enter in any other field
    presses that same button (the first of the form): with an empty search it saves."""
    return "find" in request.POST and bool(request.POST.get(PICKER_QUERY, "").strip())


def _unbound_copy(form: MemberAddForm, settlement: Settlement, committee: Committee) -> Any:
    """The form again, showing what was typed but no errors: only a search, no save yet."""
    initial = {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }
    return MemberAddForm(initial=initial, settlement=settlement, committee=committee)


@settlement_permission("coordinator.view_settlement")
def member_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=PERM
    )
    if request.method == "GET" and getattr(request, "htmx", False) and PICKER_QUERY in request.GET:
        # The picker's search, as the name is typed: only its results are swapped.
        return render(
            request,
            "committees/members/_resident_results.html",
            _picker_context(
                settlement,
                committee,
                request.GET.get(PICKER_QUERY, ""),
                request.GET.get("resident"),
            ),
        )
    if request.method == "POST":
        form = MemberAddForm(request.POST, settlement=settlement, committee=committee)
        picker = _picker_context(
            settlement, committee, request.POST.get(PICKER_QUERY, ""), request.POST.get("resident")
        )
        if _searching(request):
            form = _unbound_copy(form, settlement, committee)
        elif form.is_valid():
            resident = form.cleaned_data["resident"]
            try:
                services_members.member_add(
                    committee=committee, resident=resident, **form.term_data()
                )
            except services_members.AlreadyMember:
                form.add_error("resident", _("This resident is already on this committee."))
            else:
                messages.success(
                    request,
                    _("%(name)s was added to the committee.") % {"name": resident.full_name},
                )
                return redirect("committees:detail", pk=committee.pk)
    else:
        form = MemberAddForm(settlement=settlement, committee=committee)
        picker = _picker_context(settlement, committee, "", None)
    return render(
        request,
        "committees/members/form.html",
        {"form": form, "committee": committee, "member": None, **picker},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission("coordinator.view_settlement")
def member_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    member = selectors_members.member_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        form = MemberEditForm(request.POST)
        if form.is_valid():
            services_members.member_update(member=member, data=form.term_data())
            messages.success(request, _("The changes were saved."))
            return redirect("committees:detail", pk=member.committee_id)
    else:
        form = MemberEditForm(initial=member_initial(member))
    return render(
        request,
        "committees/members/form.html",
        {"form": form, "committee": member.committee, "member": member},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission("coordinator.view_settlement")
def member_remove(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    member = selectors_members.member_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        services_members.member_remove(member=member)
        messages.success(
            request,
            _("%(name)s is no longer on the committee.") % {"name": member.resident.full_name},
        )
        return redirect("committees:detail", pk=member.committee_id)
    return render(
        request,
        "committees/members/remove.html",
        {"member": member, "committee": member.committee},
    )

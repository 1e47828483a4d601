"""The settlement's own settings: age groups, neighbourhoods and tags."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..decorators import settlement_permission
from ..forms import AgeGroupsForm, NameForm
from ..models import Neighbourhood, Settlement, Tag


def _render(
    request: HttpRequest,
    settlement: Settlement,
    *,
    age_form: AgeGroupsForm | None = None,
    neighbourhood_form: NameForm | None = None,
    tag_form: NameForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "coordinator/settlement_settings.html",
        {
            "settlement": settlement,
            "age_form": age_form or AgeGroupsForm(instance=settlement),
            "neighbourhood_form": neighbourhood_form
            or NameForm(model=Neighbourhood, settlement=settlement, prefix="neighbourhood"),
            "tag_form": tag_form or NameForm(model=Tag, settlement=settlement, prefix="tag"),
            "neighbourhoods": Neighbourhood.objects.filter(settlement=settlement),
            "tags": Tag.objects.filter(settlement=settlement),
        },
        status=status,
    )


@settlement_permission("coordinator.manage_settlement")
def settings_page(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    if request.method == "POST":
        form = AgeGroupsForm(request.POST, instance=Settlement.objects.get(pk=settlement.pk))
        if form.is_valid():
            services.settlement_age_groups_update(settlement=settlement, data=form.cleaned_data)
            messages.success(request, _("The age groups were saved."))
            return redirect("settlement:settings")
        return _render(request, settlement, age_form=form, status=400)
    return _render(request, settlement)


@require_POST
@settlement_permission("coordinator.manage_settlement")
def neighbourhood_add(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = NameForm(
        request.POST, model=Neighbourhood, settlement=settlement, prefix="neighbourhood"
    )
    if not form.is_valid():
        return _render(request, settlement, neighbourhood_form=form, status=400)
    services.neighbourhood_add(settlement=settlement, name=form.cleaned_data["name"])
    messages.success(request, _("The neighbourhood was added."))
    return redirect("settlement:settings")


@require_POST
@settlement_permission("coordinator.manage_settlement")
def neighbourhood_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(Neighbourhood, settlement=settlement, pk=pk)
    services.neighbourhood_remove(neighbourhood=neighbourhood)
    messages.success(request, _("The neighbourhood was removed."))
    return redirect("settlement:settings")


@require_POST
@settlement_permission("coordinator.manage_settlement")
def tag_add(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = NameForm(request.POST, model=Tag, settlement=settlement, prefix="tag")
    if not form.is_valid():
        return _render(request, settlement, tag_form=form, status=400)
    services.tag_add(settlement=settlement, name=form.cleaned_data["name"])
    messages.success(request, _("The tag was added."))
    return redirect("settlement:settings")


@require_POST
@settlement_permission("coordinator.manage_settlement")
def tag_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    tag = get_object_or_404(Tag, settlement=settlement, pk=pk)
    services.tag_remove(tag=tag)
    messages.success(request, _("The tag was removed."))
    return redirect("settlement:settings")

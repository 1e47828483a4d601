"""Sending a survey: who is invited, sending, each invitation's state, printed sheets with
QR codes for residents without e-mail, the shared link, and closing."""

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coordinator.decorators import settlement_permission
from coordinator.models import AgeGroup, Resident, Settlement
from coordinator.public import qr_data_uri
from messaging.models import Message

from ..forms_dispatch import AudienceForm, PickForm
from ..i18n import text_in
from ..models import Invitation, Survey
from ..selectors import survey_get
from ..services import dispatch

MANAGE = "surveys.manage_surveys"


def _not_draft(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    if survey.state == Survey.State.DRAFT:
        return None
    messages.error(request, _("This survey has been sent: its audience can no longer change."))
    return redirect("surveys:detail", pk=survey.pk)


def _audience_summary(survey: Survey) -> list[str]:
    """The audience's choices in words (the related rows are prefetched by the caller)."""
    kind = survey.audience
    if kind == Survey.Audience.AGE_GROUP:
        return [str(AgeGroup(group).label) for group in survey.audience_age_groups]
    if kind == Survey.Audience.NEIGHBOURHOOD:
        return [n.name for n in survey.audience_neighbourhoods.all()]
    if kind == Survey.Audience.TAG:
        return [t.name for t in survey.audience_tags.all()]
    if kind == Survey.Audience.COMMITTEE:
        return [c.name for c in survey.audience_committees.all()]
    return []


def _survey_with_audience(settlement: Settlement, pk: int) -> Survey:
    """The survey with each of its audience's choice lists (one query each)."""
    return get_object_or_404(
        Survey.objects.filter(settlement=settlement).prefetch_related(
            "audience_neighbourhoods", "audience_tags", "audience_committees"
        ),
        pk=pk,
    )


@settlement_permission(MANAGE)
def audience(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = _survey_with_audience(settlement, pk)
    status = 200
    if request.method == "POST":
        refused = _not_draft(request, survey)
        if refused:
            return refused
        form = AudienceForm(request.POST, settlement=settlement)
        if form.is_valid():
            dispatch.survey_audience_update(
                survey=survey, settlement=settlement, data=form.cleaned_data
            )
            messages.success(request, _("The audience was saved."))
            if form.cleaned_data["audience"] == Survey.Audience.PICKED:
                return redirect("surveys:audience_pick", pk=survey.pk)
            return redirect("surveys:audience", pk=survey.pk)
        status = 400
    else:
        form = AudienceForm(
            settlement=settlement,
            initial={
                "audience": survey.audience,
                "age_groups": survey.audience_age_groups,
                "neighbourhoods": list(survey.audience_neighbourhoods.all()),
                "tags": list(survey.audience_tags.all()),
                "committees": list(survey.audience_committees.all()),
            },
        )
    context = {
        "survey": survey,
        "form": form,
        "counts": dispatch.audience_counts(survey=survey, settlement=settlement),
        "summary": _audience_summary(survey),
        "picked_count": survey.audience_residents.count(),
        "editable": survey.state == Survey.State.DRAFT,
    }
    return render(request, "surveys/dispatch/audience.html", context, status=status)


@settlement_permission(MANAGE)
def audience_pick(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    status = 200
    form = None
    if request.method == "POST":
        refused = _not_draft(request, survey)
        if refused:
            return refused
        form = PickForm(request.POST, settlement=settlement)
        if form.is_valid():
            add = form.cleaned_data["action"] == "add"
            chosen = list(form.cleaned_data["residents"])
            dispatch.survey_audience_pick(
                survey=survey, settlement=settlement, residents=chosen, add=add
            )
            messages.success(
                request,
                _("%(count)d added to the list.") % {"count": len(chosen)}
                if add
                else _("%(count)d removed from the list.") % {"count": len(chosen)},
            )
            return redirect(request.get_full_path())
        status = 400
    query = request.GET.get("q", "").strip()
    picked_ids = survey.audience_residents.through.objects.filter(survey=survey).values(
        "resident_id"
    )
    candidates = Resident.objects.filter(settlement=settlement, archived_at__isnull=True)
    if query:
        candidates = candidates.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    candidates = candidates.exclude(pk__in=picked_ids).order_by("last_name", "first_name", "pk")
    page = Paginator(candidates, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    picked = Resident.objects.filter(settlement=settlement, pk__in=picked_ids).order_by(
        "last_name", "first_name", "pk"
    )
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "survey": survey,
        "page": page,
        "query": params.urlencode(),
        "q": query,
        "picked": picked,
        "form": form,
        "editable": survey.state == Survey.State.DRAFT,
    }
    return render(request, "surveys/dispatch/pick.html", context, status=status)


@settlement_permission(MANAGE)
def send(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = _survey_with_audience(settlement, pk)
    if request.method == "POST":
        try:
            dispatch.survey_send(survey=survey, settlement=settlement, by=request.user)
        except dispatch.SendError as error:
            messages.error(request, str(error))
            return redirect("surveys:send", pk=survey.pk)
        messages.success(
            request,
            _("The survey is running. Invitations are being prepared and sent; follow them here."),
        )
        return redirect("surveys:invitations", pk=survey.pk)
    problems = (
        dispatch.survey_send_problems(survey=survey, settlement=settlement)
        if survey.state == Survey.State.DRAFT
        else []
    )
    context = {
        "survey": survey,
        "counts": dispatch.audience_counts(survey=survey, settlement=settlement),
        "summary": _audience_summary(survey),
        "problems": problems,
        "question_count": survey.questions.count(),
    }
    return render(request, "surveys/dispatch/send.html", context)


STATE_FILTERS: dict[str, tuple[Any, Q]] = {
    "answered": (gettext_lazy("Answered"), Q(answered=True)),
    "waiting": (gettext_lazy("Not answered yet"), Q(answered=False)),
    "problem": (
        gettext_lazy("Not delivered"),
        Q(message__state__in=[Message.State.FAILED, Message.State.INTERRUPTED]),
    ),
    "paper": (gettext_lazy("Printed sheet"), Q(channel=Invitation.Channel.PRINT)),
}


def invitation_state(invitation: Invitation, tz: ZoneInfo) -> tuple[str, str, str]:
    """(code, label, detail) of an invitation, for the list: answered and opened first, then
    what became of its message."""
    if invitation.answered:
        return "answered", _("Answered"), ""
    if invitation.opened:
        return "opened", _("Opened"), ""
    if invitation.channel == Invitation.Channel.PRINT:
        return "paper", _("On a printed sheet"), ""
    message = invitation.message
    if message is None:
        return "queued", _("Queued"), ""
    if message.state == Message.State.QUEUED and message.held:
        until = date_format(message.not_before.astimezone(tz), "SHORT_DATETIME_FORMAT")
        return "queued", _("Queued"), _("Held for quiet hours until %(time)s") % {"time": until}
    return message.state, str(message.get_state_display()), message.explanation


@require_GET
@settlement_permission(MANAGE)
def invitations(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    rows = Invitation.objects.filter(settlement=settlement, survey=survey)
    totals = rows.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(answered=True)),
        opened=Count("pk", filter=Q(opened=True)),
        paper=Count("pk", filter=Q(channel=Invitation.Channel.PRINT)),
        sent=Count("pk", filter=Q(message__state=Message.State.SENT)),
        problem=Count("pk", filter=STATE_FILTERS["problem"][1]),
        queued=Count(
            "pk",
            filter=Q(message__state__in=[Message.State.QUEUED, Message.State.SENDING]),
        ),
    )
    state = request.GET.get("state", "")
    if state in STATE_FILTERS:
        rows = rows.filter(STATE_FILTERS[state][1])
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(
            Q(resident__first_name__icontains=query) | Q(resident__last_name__icontains=query)
        )
    rows = rows.select_related("resident", "message").order_by(
        "resident__last_name", "resident__first_name", "pk"
    )
    page = Paginator(rows, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    tz = ZoneInfo(settlement.time_zone)
    for invitation in page.object_list:
        state_code, label, detail = invitation_state(invitation, tz)
        invitation.state_code = state_code
        invitation.state_label = label
        invitation.state_detail = detail
    params = request.GET.copy()
    params.pop("page", None)
    total = totals["total"]
    context = {
        "survey": survey,
        "page": page,
        "query": params.urlencode(),
        "q": query,
        "state": state,
        "states": [(key, label) for key, (label, _q) in STATE_FILTERS.items()],
        "totals": totals,
        "rate": round(100 * totals["answered"] / total) if total else 0,
    }
    return render(request, "surveys/dispatch/invitations.html", context)


SHEETS_PER_PAGE = 50


@require_GET
@settlement_permission(MANAGE)
def sheets(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """A printable sheet per resident without e-mail: their personal link and its QR code."""
    survey = survey_get(settlement=settlement, pk=pk)
    rows = (
        Invitation.objects.filter(
            settlement=settlement,
            survey=survey,
            channel=Invitation.Channel.PRINT,
            answered=False,
            nonce__isnull=False,
        )
        .select_related("resident__household")
        .order_by("resident__last_name", "resident__first_name", "pk")
    )
    page = Paginator(rows, SHEETS_PER_PAGE).get_page(request.GET.get("page"))
    for invitation in page.object_list:
        link = dispatch.invitation_link(invitation)
        invitation.link = link
        invitation.qr = qr_data_uri(link)
        title = text_in(survey.title, survey.languages, invitation.language)
        invitation.title = title
    context = {"survey": survey, "page": page, "query": ""}
    return render(request, "surveys/dispatch/sheets.html", context)


@require_GET
@settlement_permission(MANAGE)
def share(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    link = dispatch.share_link(survey)
    title = text_in(survey.title, survey.languages, get_language())
    announcement = ""
    if link:
        announcement = _(
            '%(settlement)s wants to hear from you! Please answer our survey "%(title)s": '
            "%(link)s (it takes a few minutes; one answer per phone, please)."
        ) % {"settlement": settlement.name, "title": title, "link": link}
    context = {
        "survey": survey,
        "link": link,
        "qr": qr_data_uri(link) if link else "",
        "announcement": announcement,
    }
    return render(request, "surveys/dispatch/share.html", context)


@require_POST
@settlement_permission(MANAGE)
def close(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    if dispatch.survey_close(survey=survey, settlement=settlement):
        messages.success(request, _("The survey is closed. Its links no longer open it."))
    else:
        messages.error(request, _("Only a running survey can be closed."))
    return redirect("surveys:detail", pk=survey.pk)

"""The survey builder: the list of surveys, a survey's settings, sections and questions,
the starter survey, copies and deletion. Only a draft's questions change."""

from typing import Any

from django import forms
from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from ..forms_builder import QuestionForm, SectionForm, SurveyForm, SurveyScheduleForm
from ..i18n import text_in
from ..models import Question, Section, Survey
from ..selectors import builder as selectors
from ..selectors import question_get, section_get, survey_get
from ..services import builder as services

PERM = "surveys.manage_surveys"
NOT_DRAFT = gettext_lazy(
    "This survey has been sent; its questions can no longer change. Copy it to make a new version."
)
GET_OR_POST = require_http_methods(["GET", "POST"])


class SurveyFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search in titles"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All states")), *Survey.State.choices],
    )


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _title(survey: Survey) -> str:
    return text_in(survey.title, survey.languages, _language())


def _detail(survey: Survey, anchor: str = "") -> HttpResponse:
    url = reverse("surveys:detail", kwargs={"pk": survey.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _locked(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    """A sent survey's questions stay as sent: back to its page, with why."""
    if survey.state == Survey.State.DRAFT:
        return None
    messages.error(request, NOT_DRAFT)
    return _detail(survey)


def _bad_request(request: HttpRequest, survey: Survey, message: str) -> HttpResponse:
    return render(
        request,
        "surveys/builder/bad_request.html",
        {"survey": survey, "survey_title": _title(survey), "message": message},
        status=400,
    )


# --- the list ----------------------------------------------------------------------------


@require_GET
@settlement_permission(PERM)
def survey_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = SurveyFilterForm(request.GET or None)
    query, state = "", ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        state = form.cleaned_data["state"]
    surveys = selectors.surveys_for_list(settlement=settlement, query=query, state=state)
    page = Paginator(surveys, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    language = _language()
    rows = []
    for survey in page.object_list:
        rows.append(
            {
                "survey": survey,
                "title": text_in(survey.title, survey.languages, language),
                "languages": ", ".join(selectors.language_names(survey.languages)),
                "rate": (
                    round(100 * survey.answer_count / survey.invitation_count)
                    if survey.invitation_count
                    else None
                ),
            }
        )
    params = {key: value for key, value in (("q", query), ("state", state)) if value}
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": urlencode(params),
        "filtered": bool(params),
    }
    template = (
        "surveys/builder/_list_table.html"
        if getattr(request, "htmx", False)
        else "surveys/builder/list.html"
    )
    return render(request, template, context)


# --- a survey ----------------------------------------------------------------------------


@GET_OR_POST
@settlement_permission(PERM)
def survey_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        initial={"languages": [settlement.language], "anonymous": True},
        current_languages=[settlement.language],
        with_schedule=False,
    )
    if request.method == "POST" and form.is_valid():
        survey = services.survey_create(
            settlement=settlement,
            by=request.user,
            languages=form.cleaned_data["languages"],
            title=form.texts("title"),
            intro=form.texts("intro"),
            anonymous=form.cleaned_data["anonymous"],
        )
        messages.success(request, _("The survey was created. Now add its questions."))
        return _detail(survey)
    return render(
        request,
        "surveys/builder/survey_form.html",
        {"form": form, "survey": None},
        status=400 if form.errors else 200,
    )


@require_POST
@settlement_permission(PERM)
def survey_starter(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    survey = services.survey_from_starter(settlement=settlement, by=request.user)
    messages.success(
        request,
        _(
            "The ready-made needs survey is ready, in Hebrew, Slovenian and English. Look it "
            "over, change what you like, then choose whom to send it to."
        ),
    )
    return _detail(survey)


@require_GET
@settlement_permission(PERM)
def survey_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    structure = selectors.survey_structure(survey=survey, language=_language())
    draft = survey.state == Survey.State.DRAFT
    return render(
        request,
        "surveys/builder/detail.html",
        {
            "survey": survey,
            "survey_title": _title(survey),
            "languages": ", ".join(selectors.language_names(survey.languages)),
            "structure": structure,
            "question_count": len(structure.questions),
            "can_edit": draft,
            "is_draft": draft,
            "is_running": survey.state == Survey.State.RUNNING,
            "is_sent": not draft,
            "intro": text_in(survey.intro, survey.languages, _language()),
        },
    )


@GET_OR_POST
@settlement_permission(PERM)
def survey_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    data = request.POST if request.method == "POST" else None
    if survey.state == Survey.State.CLOSED:
        messages.error(request, _("This survey is closed; it can no longer change."))
        return _detail(survey)
    if survey.state == Survey.State.RUNNING:
        schedule = SurveyScheduleForm(data, initial=SurveyForm.initial_for(survey))
        if request.method == "POST" and schedule.is_valid():
            try:
                services.survey_schedule(
                    survey=survey,
                    closes_on=schedule.cleaned_data["closes_on"],
                    reminder_days=schedule.cleaned_data["reminder_days"],
                )
            except services.BuilderError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("The changes were saved."))
            return _detail(survey)
        return render(
            request,
            "surveys/builder/survey_form.html",
            {"form": schedule, "survey": survey, "survey_title": _title(survey), "running": True},
            status=400 if schedule.errors else 200,
        )
    form = SurveyForm(
        data, initial=SurveyForm.initial_for(survey), current_languages=survey.languages
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                survey=survey,
                languages=form.cleaned_data["languages"],
                title=form.texts("title"),
                intro=form.texts("intro"),
                anonymous=form.cleaned_data["anonymous"],
                closes_on=form.cleaned_data["closes_on"],
                reminder_days=form.cleaned_data["reminder_days"],
            )
        except services.BuilderError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The changes were saved."))
        return _detail(survey)
    return render(
        request,
        "surveys/builder/survey_form.html",
        {"form": form, "survey": survey, "survey_title": _title(survey), "running": False},
        status=400 if form.errors else 200,
    )


@require_POST
@settlement_permission(PERM)
def survey_copy(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    copy = services.survey_copy(survey=survey, by=request.user)
    messages.success(
        request, _("This is a new draft copied from “%(title)s”.") % {"title": _title(survey)}
    )
    return _detail(copy)


@GET_OR_POST
@settlement_permission(PERM)
def survey_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    if survey.state != Survey.State.DRAFT:
        messages.error(
            request, _("A survey that has been sent cannot be deleted: its answers are kept.")
        )
        return _detail(survey)
    if request.method == "POST":
        try:
            services.survey_delete(survey=survey, by=request.user)
        except services.BuilderError as error:
            messages.error(request, str(error.message))
            return _detail(survey)
        messages.success(request, _("The survey was deleted."))
        return redirect("surveys:list")
    return render(
        request,
        "surveys/builder/confirm_delete.html",
        {"survey": survey, "survey_title": _title(survey), "what": "survey"},
    )


# --- sections ----------------------------------------------------------------------------


def _section_form_page(
    request: HttpRequest, survey: Survey, form: SectionForm, section: Section | None
) -> HttpResponse:
    return render(
        request,
        "surveys/builder/section_form.html",
        {"form": form, "survey": survey, "survey_title": _title(survey), "section": section},
        status=400 if form.errors else 200,
    )


@GET_OR_POST
@settlement_permission(PERM)
def section_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    survey = survey_get(settlement=settlement, pk=pk)
    if locked := _locked(request, survey):
        return locked
    form = SectionForm(
        request.POST if request.method == "POST" else None, languages=survey.languages
    )
    if request.method == "POST" and form.is_valid():
        try:
            section = services.section_create(survey=survey, title=form.title())
        except services.BuilderError as error:
            messages.error(request, str(error.message))
            return _detail(survey)
        messages.success(request, _("The section was added. Now add its questions."))
        return _detail(survey, f"section-{section.pk}")
    return _section_form_page(request, survey, form, None)


@GET_OR_POST
@settlement_permission(PERM)
def section_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    section = section_get(settlement=settlement, pk=pk)
    survey = section.survey
    if locked := _locked(request, survey):
        return locked
    form = SectionForm(
        request.POST if request.method == "POST" else None,
        languages=survey.languages,
        initial={f"title_{code}": text for code, text in section.title.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(section=section, title=form.title())
        except services.BuilderError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The changes were saved."))
        return _detail(survey, f"section-{section.pk}")
    return _section_form_page(request, survey, form, section)


@GET_OR_POST
@settlement_permission(PERM)
def section_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    section = section_get(settlement=settlement, pk=pk)
    survey = section.survey
    if locked := _locked(request, survey):
        return locked
    if request.method == "POST":
        try:
            services.section_delete(section=section)
        except services.BuilderError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The section and its questions were deleted."))
        return _detail(survey)
    languages = survey.languages
    return render(
        request,
        "surveys/builder/confirm_delete.html",
        {
            "survey": survey,
            "survey_title": _title(survey),
            "what": "section",
            "section": section,
            "section_title": text_in(section.title, languages, _language()),
            "question_count": section.questions.count(),
        },
    )


# --- questions ---------------------------------------------------------------------------


def _question_form(
    request: HttpRequest,
    survey: Survey,
    section: Section,
    question: Question | None,
) -> QuestionForm:
    structure = selectors.survey_structure(survey=survey, language=_language())
    conditions = selectors.condition_choices(
        structure=structure, survey=survey, before=question, section=section
    )
    candidates = {row.question.pk: row.question for row in structure.questions}
    initial: dict[str, Any] = {"kind": Question.Kind.SINGLE, "scale_min": 1, "scale_max": 5}
    if question is not None:
        row = next(row for row in structure.questions if row.question.pk == question.pk)
        initial = QuestionForm.initial_for(question, list(row.question.options.all()))
    return QuestionForm(
        request.POST if request.method == "POST" else None,
        languages=survey.languages,
        conditions=conditions,
        candidates=candidates,
        initial=initial,
    )


def _question_form_page(
    request: HttpRequest,
    survey: Survey,
    section: Section,
    form: QuestionForm,
    question: Question | None,
) -> HttpResponse:
    return render(
        request,
        "surveys/builder/question_form.html",
        {
            "form": form,
            "survey": survey,
            "survey_title": _title(survey),
            "section": section,
            "section_title": text_in(section.title, survey.languages, _language()),
            "question": question,
            "choice_kinds": " ".join(sorted(Question.CHOICE_KINDS)),
        },
        status=400 if form.errors else 200,
    )


@GET_OR_POST
@settlement_permission(PERM)
def question_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    section = section_get(settlement=settlement, pk=pk)
    survey = section.survey
    if locked := _locked(request, survey):
        return locked
    form = _question_form(request, survey, section, None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_create(section=section, data=form.question_data())
        except services.BuilderError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The question was added."))
            return _detail(survey, f"question-{question.pk}")
    return _question_form_page(request, survey, section, form, None)


@GET_OR_POST
@settlement_permission(PERM)
def question_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    question = question_get(settlement=settlement, pk=pk)
    survey, section = question.survey, question.section
    if locked := _locked(request, survey):
        return locked
    form = _question_form(request, survey, section, question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, data=form.question_data())
        except services.BuilderError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The changes were saved."))
            return _detail(survey, f"question-{question.pk}")
    return _question_form_page(request, survey, section, form, question)


@GET_OR_POST
@settlement_permission(PERM)
def question_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    question = question_get(settlement=settlement, pk=pk)
    survey = question.survey
    if locked := _locked(request, survey):
        return locked
    if request.method == "POST":
        try:
            services.question_delete(question=question)
        except services.BuilderError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The question was deleted."))
        return _detail(survey)
    language = _language()
    return render(
        request,
        "surveys/builder/confirm_delete.html",
        {
            "survey": survey,
            "survey_title": _title(survey),
            "what": "question",
            "question": question,
            "question_text": text_in(question.text, survey.languages, language),
            "dependents": [
                text_in(dependent.text, survey.languages, language)
                for dependent in selectors.dependents_of(question=question)
            ],
        },
    )


@require_POST
@settlement_permission(PERM)
def question_move(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    question = question_get(settlement=settlement, pk=pk)
    survey = question.survey
    if locked := _locked(request, survey):
        return locked
    direction = request.POST.get("direction", "")
    if direction not in (services.UP, services.DOWN):
        return _bad_request(request, survey, _("Choose whether to move the question up or down."))
    try:
        services.question_move(question=question, direction=direction)
    except services.BuilderError as error:
        messages.error(request, str(error.message))
    return _detail(survey, f"question-{question.pk}")

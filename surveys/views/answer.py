"""Answering a survey: the public pages of the personal and the shared link (no login,
built for phones, in the respondent's language), and the coordinator's preview.

The links are found with the tenancy guard off (a respondent belongs to no settlement);
everything after runs inside the survey's settlement's scope.
"""

from typing import Any

from django.conf import settings as django_settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope, scopes_disabled

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from coordinator.public import personal_page

from ..forms_answer import AnswerForm
from ..i18n import respondent_language
from ..models import Invitation, Response, Survey
from ..selectors import survey_get
from ..selectors.results import survey_questions
from ..services import answering
from ..tokens import token_hash

TOKEN_MAX = 100  # longer than any link we make: not worth hashing
DEVICE_COOKIE_AGE = 60 * 60 * 24 * 365  # a year: longer than any survey runs
DEVICE_COOKIE_SALT = "surveys.answered-on-this-device"


# --- Languages ------------------------------------------------------------------------------


def _accepted_languages(request: HttpRequest) -> list[str]:
    """The browser's languages (two-letter codes), most wanted first."""
    weighted = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if code and code != "*" and quality > 0:
            weighted.append((-quality, position, code.split("-")[0].lower()[:2]))
    return [code for _q, _p, code in sorted(weighted)]


def _asked_language(request: HttpRequest, survey: Survey) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in survey.languages else ""


def _personal_language(request: HttpRequest, invitation: Invitation) -> str:
    survey = invitation.survey
    return _asked_language(request, survey) or respondent_language(
        survey.languages, invitation.language, survey.settlement.language
    )


def _shared_language(request: HttpRequest, survey: Survey) -> str:
    asked = _asked_language(request, survey)
    if asked:
        return asked
    for code in _accepted_languages(request):
        if code in survey.languages:
            return code
    return respondent_language(survey.languages, "", survey.settlement.language)


def _language_links(request: HttpRequest, survey: Survey, current: str) -> list[dict[str, Any]]:
    """Links to the same page in the survey's other languages (when it has several)."""
    if len(survey.languages) < 2:
        return []
    names = dict(django_settings.LANGUAGES)
    links = []
    for code in survey.languages:
        info = translation.get_language_info(code) if code in names else {"name_local": code}
        query = request.GET.copy()
        query["lang"] = code
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{request.path}?{query.urlencode()}",
                "current": code == current,
            }
        )
    return links


# --- Pages ----------------------------------------------------------------------------------


def _message(
    request: HttpRequest,
    *,
    status: int,
    title: str,
    text: str,
    survey: Survey | None = None,
    storage_key: str = "",
) -> HttpResponse:
    response = render(
        request,
        "surveys/answer/message.html",
        {"title": title, "text": text, "survey": survey, "storage_key": storage_key},
        status=status,
    )
    return personal_page(response, translation.get_language())


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return _message(
        request,
        status=404,
        title=_("This link is not valid"),
        text=_(
            "This link does not open a survey. Check that you copied the whole link. If "
            "the survey has closed, its links no longer work (they are erased when it "
            "closes); the community coordinator can tell you more."
        ),
    )


def _closed(request: HttpRequest, survey: Survey) -> HttpResponse:
    return _message(
        request,
        status=410,
        title=_("This survey has closed"),
        text=_("This survey has closed. Thank you for your interest."),
        survey=survey,
    )


def _already_answered(
    request: HttpRequest, survey: Survey, *, shared: bool, storage_key: str
) -> HttpResponse:
    text = (
        _("This survey has already been answered from this device. Thank you!")
        if shared
        else _("You have already answered this survey. Thank you!")
    )
    return _message(
        request,
        status=409 if request.method == "POST" else 200,
        title=_("Thank you!"),
        text=text,
        survey=survey,
        storage_key=storage_key,
    )


def _form_page(
    request: HttpRequest,
    *,
    survey: Survey,
    form: AnswerForm,
    language: str,
    status: int = 200,
    preview: bool = False,
    storage_key: str = "",
) -> HttpResponse:
    response = render(
        request,
        "surveys/answer/form.html",
        {
            "survey": survey,
            "form": form,
            "sections": form.items(),
            "error_summary": form.error_summary() if form.is_bound else [],
            "title": form.text(survey.title),
            "intro": form.text(survey.intro),
            "languages": _language_links(request, survey, language),
            "preview": preview,
            "storage_key": storage_key,
            "action": request.get_full_path(),
        },
        status=status,
    )
    return personal_page(response, language)


def _answer(
    request: HttpRequest,
    *,
    survey: Survey,
    invitation: Invitation | None,
    language: str,
    on_success: HttpResponse,
) -> HttpResponse:
    """Show the form, or check and save the answers."""
    storage_key = f"survey-answers:{request.path}"
    questions = survey_questions(survey=survey)
    if request.method != "POST":
        form = AnswerForm(survey=survey, questions=questions, language=language)
        return _form_page(
            request, survey=survey, form=form, language=language, storage_key=storage_key
        )
    form = AnswerForm(request.POST, survey=survey, questions=questions, language=language)
    if not form.is_valid():
        return _form_page(
            request,
            survey=survey,
            form=form,
            language=language,
            status=400,
            storage_key=storage_key,
        )
    try:
        answering.response_submit(
            survey=survey,
            invitation=invitation,
            language=language,
            via=Response.Via.PERSONAL if invitation else Response.Via.SHARED,
            cleaned_answers=form.answers(),
        )
    except answering.AlreadyAnswered:
        return _already_answered(request, survey, shared=False, storage_key=storage_key)
    except answering.SurveyNotRunning:
        return _closed(request, survey)
    return on_success


@require_http_methods(["GET", "POST"])
def answer_personal(request: HttpRequest, token: str) -> HttpResponse:
    """A resident's own link: one answer, in their language."""
    invitation = None
    if len(token) <= TOKEN_MAX:
        with scopes_disabled():
            invitation = (
                Invitation.objects.select_related("survey__settlement")
                .filter(token_hash=token_hash(token))
                .first()
            )
    if invitation is None or invitation.survey.state == Survey.State.DRAFT:
        return _invalid_link(request)
    survey = invitation.survey
    with scope(settlement=invitation.settlement_id):
        language = _personal_language(request, invitation)
        with translation.override(language):
            if survey.state == Survey.State.CLOSED:
                return _closed(request, survey)
            storage_key = f"survey-answers:{request.path}"
            if invitation.answered:
                return _already_answered(request, survey, shared=False, storage_key=storage_key)
            if request.method == "GET":
                answering.invitation_mark_opened(invitation=invitation)
            return _answer(
                request,
                survey=survey,
                invitation=invitation,
                language=language,
                on_success=redirect(request.get_full_path()),
            )


def _device_cookie(survey: Survey) -> str:
    return f"survey-{survey.pk}-answered"


def _answered_on_this_device(request: HttpRequest, survey: Survey) -> bool:
    try:
        value = request.get_signed_cookie(
            _device_cookie(survey), salt=DEVICE_COOKIE_SALT, max_age=DEVICE_COOKIE_AGE
        )
    except (KeyError, signing.BadSignature):
        return False
    return value == str(survey.pk)


@require_http_methods(["GET", "POST"])
def answer_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The survey's shared link (for a WhatsApp group): asks nothing personal; one answer
    per device, remembered by a signed cookie in the browser, never in the database."""
    survey = None
    if token and len(token) <= TOKEN_MAX:
        with scopes_disabled():
            survey = Survey.objects.select_related("settlement").filter(share_token=token).first()
    if survey is None or survey.state == Survey.State.DRAFT:
        return _invalid_link(request)
    with scope(settlement=survey.settlement_id):
        language = _shared_language(request, survey)
        with translation.override(language):
            if survey.state == Survey.State.CLOSED:
                return _closed(request, survey)
            if _answered_on_this_device(request, survey):
                return _already_answered(
                    request, survey, shared=True, storage_key=f"survey-answers:{request.path}"
                )
            done = redirect(request.get_full_path())
            done.set_signed_cookie(
                _device_cookie(survey),
                str(survey.pk),
                salt=DEVICE_COOKIE_SALT,
                max_age=DEVICE_COOKIE_AGE,
                path=request.path,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return _answer(
                request, survey=survey, invitation=None, language=language, on_success=done
            )


@require_GET
@settlement_permission("surveys.manage_surveys")
def survey_preview(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The survey as a respondent sees it, in any state and any of its languages; the form
    sends nothing."""
    survey = survey_get(settlement=settlement, pk=pk)
    survey.settlement = settlement  # already at hand: no query for its name
    language = _asked_language(request, survey) or respondent_language(
        survey.languages, "", settlement.language
    )
    with translation.override(language):
        form = AnswerForm(
            survey=survey, questions=survey_questions(survey=survey), language=language
        )
        return _form_page(request, survey=survey, form=form, language=language, preview=True)

"""The feedback form of an event: a short anonymous survey of the surveys module (a 1-5
rating and two optional texts) in the settlement's languages, answered through its shared
link. ``services_signups.feedback_send`` makes it once and sends the link to those who
came."""

import datetime as dt
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.models import Settlement
from surveys.i18n import text_in
from surveys.models import Question, Section, Survey
from surveys.tokens import new_share_token

from .models import Event
from .selectors import event_languages

FEEDBACK_DAYS = 14

FEEDBACK_TITLE = _("How was “%(title)s”?")
FEEDBACK_INTRO = _(
    "Thank you for coming! Three short questions help us plan the next events. "
    "Your answers are anonymous."
)
FEEDBACK_QUESTIONS: tuple[tuple[str, Any, bool], ...] = (
    (Question.Kind.RATING, _("How was the event?"), True),
    (Question.Kind.LONG_TEXT, _("What did you like?"), False),
    (Question.Kind.LONG_TEXT, _("What should we do differently?"), False),
)
RATING_LOW = _("Not good")
RATING_HIGH = _("Very good")


def _in_languages(languages: list[str], text: Any) -> dict[str, str]:
    return {language: gettext_in(language, text) for language in languages}


def feedback_survey_make(
    *, event: Event, settlement: Settlement, by: Any, now: dt.datetime
) -> Survey:
    """The short anonymous survey of an event, in the settlement's languages, running and
    open through its shared link for FEEDBACK_DAYS."""
    languages = event_languages(settlement)
    titles = {
        lang: gettext_in(lang, FEEDBACK_TITLE, title=text_in(event.title, languages, lang))
        for lang in languages
    }
    local_today = clock.local_today(settlement)
    survey = Survey.objects.create(
        settlement=settlement,
        title=titles,
        intro=_in_languages(languages, FEEDBACK_INTRO),
        languages=languages,
        anonymous=True,
        state=Survey.State.RUNNING,
        audience=Survey.Audience.PICKED,
        closes_on=local_today + dt.timedelta(days=FEEDBACK_DAYS),
        share_token=new_share_token(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_at=now,
        sent_at=now,
    )
    section = Section.objects.create(settlement=settlement, survey=survey, position=0, title={})
    for position, (kind, text, required) in enumerate(FEEDBACK_QUESTIONS):
        rating = kind == Question.Kind.RATING
        Question.objects.create(
            settlement=settlement,
            survey=survey,
            section=section,
            position=position,
            kind=kind,
            required=required,
            text=_in_languages(languages, text),
            scale_min=1,
            scale_max=5,
            scale_min_label=_in_languages(languages, RATING_LOW) if rating else {},
            scale_max_label=_in_languages(languages, RATING_HIGH) if rating else {},
        )
    return survey


def gettext_in(language: str, text: Any, **values: Any) -> str:
    with translation.override(language):
        return str(text) % values if values else str(text)

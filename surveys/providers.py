"""What needs mapping adds to the coordinator's home page, the navigation and the sender
of messages (the personal link of each invitation)."""

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordinator import registry
from coordinator.models import Role, Settlement
from messaging.services import register_link

from .i18n import text_in
from .models import Invitation, Response, Survey
from .services.dispatch import INVITATION, invitation_links


def running_surveys(user: Any, settlement: Settlement) -> dict[str, Any]:
    surveys = list(
        Survey.objects.filter(settlement=settlement, state=Survey.State.RUNNING)
        .annotate(answered=Count("invitations", filter=Q(invitations__answered=True)))
        .order_by("closes_on", "-sent_at")[:10]
    )
    for survey in surveys:
        invited = survey.invitation_count
        rate = round(100 * survey.answered / invited) if invited else 0
        survey.rate = rate  # type: ignore[attr-defined]
        survey.bar = 5 * round(rate / 5)  # type: ignore[attr-defined]  # a w-N class
    return {"surveys": surveys}


def surveys_due(settlement: Settlement, start: dt.date, end: dt.date) -> list[registry.DueItem]:
    closing = Survey.objects.filter(
        settlement=settlement,
        state=Survey.State.RUNNING,
        closes_on__gte=start,
        closes_on__lte=end,
    ).only("pk", "title", "languages", "closes_on")
    return [
        registry.DueItem(
            day=survey.closes_on,
            title=_("Survey closes: %(title)s")
            % {"title": text_in(survey.title, survey.languages)},
            url=reverse("surveys:detail", args=[survey.pk]),
            kind="survey",
        )
        for survey in closing
        if survey.closes_on is not None
    ]


def register() -> None:
    register_link(INVITATION, invitation_links)
    register_personal_data()
    from .demo import seed

    registry.register_demo(seed)
    from .scale import build as build_scale

    registry.register_scale(build_scale)
    registry.register_home_panel(
        registry.Panel("surveys/_home_running.html", running_surveys, frozenset({Role.COORDINATOR}))
    )
    registry.register_due(surveys_due)
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Surveys"), "surveys:list", "surveys.manage_surveys", 30, group="mapping"
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Mapping"),
            "surveys:records",
            "surveys.manage_mapping",
            32,
            group="mapping",
        )
    )
    registry.register_nav(
        registry.NavItem(
            gettext_lazy("Needs"), "surveys:needs", "surveys.view_needs", 34, group="mapping"
        )
    )


def personal_data_export(resident: Any) -> dict[str, Any]:
    """The resident's invitations and, for named surveys, their answers. Answers to
    anonymous surveys are linked to nobody, so they cannot be part of anyone's copy."""
    invitations = Invitation.objects.filter(
        settlement_id=resident.settlement_id, resident=resident
    ).select_related("survey")
    authored = (
        Response.objects.filter(settlement_id=resident.settlement_id, author__resident=resident)
        .select_related("survey", "author")
        .prefetch_related("answers__question", "answers__option")
    )
    return {
        "invitations": [
            {
                "survey": text_in(i.survey.title, i.survey.languages),
                "channel": i.channel,
                "language": i.language,
                "opened": i.opened,
                "answered": i.answered,
            }
            for i in invitations.order_by("pk")
        ],
        "named_answers": [
            {
                "survey": text_in(r.survey.title, r.survey.languages),
                "answered_at": r.author.submitted_at.isoformat(),
                "answers": [
                    {
                        "question": text_in(a.question.text, r.survey.languages),
                        "option": text_in(a.option.label, r.survey.languages) if a.option else None,
                        "rank": a.rank,
                        "number": a.number,
                        "yes": a.flag,
                        "text": a.text,
                    }
                    for a in r.answers.all()
                ],
            }
            for r in authored
        ],
    }


def personal_data_erase(resident: Any) -> None:
    """A named survey's answers go with their author (they could name them in a text)."""
    Response.objects.filter(
        settlement_id=resident.settlement_id, author__resident=resident
    ).delete()


def register_personal_data() -> None:
    registry.register_personal_data(
        registry.PersonalData("surveys", personal_data_export, personal_data_erase)
    )

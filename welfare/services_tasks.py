"""A volunteer's personal link to a support task, and the message that carries it.

The link shows what, when and where, and nothing of any case or programme beyond its
title. Giving a task a new link makes the old one stop working."""

from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from coordinator.models import Settlement
from messaging.models import LINK_PLACEHOLDER
from messaging.services import Draft, messages_queue

from .links import TASK, link_issue
from .models import SupportTask

MESSAGE_KIND = "welfare-task"


@transaction.atomic
def task_link_send(*, task: SupportTask, settlement: Settlement) -> str:
    """Give ``task`` a new personal link and send it to its volunteer (their e-mail, or the
    resident's) in their language. Returns the token, for the page that shows it once."""
    token = link_issue(task, TASK)
    task.save(update_fields=["nonce", "token_hash"])
    resident = task.volunteer
    address = task.volunteer_email or (resident.email if resident else "")
    if not address:
        return token
    language = (resident.preferred_language if resident else "") or settlement.language
    with translation.override(language):
        when = date_format(task.on, "DATE_FORMAT")
        if task.at:
            when += " " + time_format(task.at)
        subject = _("Your task: %(what)s") % {"what": task.what}
        body = "\n".join(
            [
                _("Thank you for helping."),
                _("What: %(what)s") % {"what": task.what},
                _("When: %(when)s") % {"when": when},
                _("Where: %(where)s") % {"where": task.where or "-"},
                "",
                _("Your task, to mark it done or to give it back:"),
                LINK_PLACEHOLDER,
            ]
        )
    messages_queue(
        settlement=settlement,
        drafts=[
            Draft(
                resident=resident if not task.volunteer_email else None,
                kind=MESSAGE_KIND,
                subject=subject,
                body=body,
                dedupe_key=f"{MESSAGE_KIND}:{task.pk}:{task.nonce}",
                language=language,
                link_kind=TASK,
                link_ref=task.pk,
                address=task.volunteer_email,
                name=task.volunteer_name or (f"{resident.first_name}" if resident else ""),
            )
        ],
    )
    return token

"""The messages about sign-ups for events and shifts: what they say (in the person's
language and the settlement's time zone), rendered from events/email/, and queued through
``messaging`` with the personal link as a placeholder put in at sending."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.models import Settlement
from messaging.models import LINK_PLACEHOLDER
from messaging.services import Draft, messages_queue
from surveys.i18n import text_in

from . import signups
from .models import Event, EventRegistration, ShiftSignup
from .selectors import event_languages


def message_context(event: Event, settlement: Settlement, row: Any) -> dict[str, Any]:
    """What every message about ``event`` to ``row`` (a sign-up) says, in their language."""
    zone = clock.settlement_zone(settlement)
    language = signups.contact_language(row.language, settlement)
    return {
        "title": text_in(event.title, event_languages(settlement), language),
        "starts": timezone.localtime(event.starts_at, zone),
        "ends": timezone.localtime(event.ends_at, zone) if event.ends_at else None,
        "place": event.place,
        "settlement": settlement,
    }


def message_render(template: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    zone = clock.settlement_zone(context["settlement"])
    with translation.override(language), timezone.override(zone):
        subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{template}.txt", context)
    return " ".join(subject.split()), body


def message_draft(
    row: EventRegistration | ShiftSignup,
    settlement: Settlement,
    *,
    kind: str,
    template: str,
    key: str,
    context: dict[str, Any],
    personal_link: bool = True,
) -> Draft | None:
    """The message to ``row``. Its personal link stands as a placeholder, put in by the
    sender (events/links.py), so no stored message holds a working link."""
    if not row.email:
        return None
    language = signups.contact_language(row.language, settlement)
    purpose = signups.EVENT if isinstance(row, EventRegistration) else signups.SHIFT
    if personal_link:
        context = context | {"link": LINK_PLACEHOLDER}
    subject, body = message_render(template, language, context | {"name": row.name})
    return Draft(
        resident=row.resident,
        kind=kind,
        subject=subject,
        body=body,
        dedupe_key=key,
        language=language,
        address=row.email,
        name=row.name,
        link_kind=purpose if personal_link else "",
        link_ref=row.pk if personal_link else None,
    )


def drafts_queue(settlement: Settlement, drafts: Iterable[Draft | None]) -> int:
    wanted = [draft for draft in drafts if draft is not None]
    return len(messages_queue(settlement=settlement, drafts=wanted)) if wanted else 0


def contact_clean(contact: signups.ContactData) -> signups.ContactData:
    name = " ".join(contact.name.split())
    if not name:
        raise ValidationError(_("Please write your name."))
    return signups.ContactData(
        name=name[:200],
        email=contact.email.strip()[:254],
        phone=" ".join(contact.phone.split())[:30],
        language=contact.language,
    )

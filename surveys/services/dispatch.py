"""Sending a survey: its audience, one invitation per resident, reminders, and closing.

``survey_send`` (a request) marks the survey running and records the ``surveys.invite``
job in the outbox. The job creates every invitation and its message in the job's own
transaction: run again after a crash, it finds what exists and adds only what is missing,
so each resident is invited once. The messages go out through ``messaging`` (batches,
claims, quiet hours). Beat queues the reminders that are due (each round once: a unique
key per resident and round) and closes surveys after their closing date, erasing the
links' secrets.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from committees.models import CommitteeMember
from coordinator import clock
from coordinator.models import Resident, Settlement
from coordinator.services.outbox import outbox_enqueue
from messaging.models import LINK_PLACEHOLDER, Message
from messaging.services import Draft, absolute_url, messages_cancel, messages_queue

from .. import tokens
from ..i18n import respondent_language, text_in
from ..models import Invitation, Question, Survey

INVITATION = "surveys.invitation"


class SendError(Exception):
    """Why a survey cannot be sent (a translated sentence)."""


# The audience


def audience_residents(*, survey: Survey, settlement: Settlement) -> QuerySet[Resident]:
    """The residents the survey's audience names (archived ones never)."""
    residents = Resident.objects.filter(settlement=settlement, archived_at__isnull=True)
    kind = survey.audience
    if kind == Survey.Audience.EVERYONE:
        return residents
    if kind == Survey.Audience.AGE_GROUP:
        today = clock.today()
        match = Q(pk__in=[])
        for group in survey.audience_age_groups:
            after, latest = settlement.birth_date_range(group, today)
            bounds = Q(birth_date__lte=latest)
            if after is not None:
                bounds &= Q(birth_date__gt=after)
            match |= bounds
        return residents.filter(match)
    if kind == Survey.Audience.NEIGHBOURHOOD:
        chosen = survey.audience_neighbourhoods.all()
        return residents.filter(
            Q(neighbourhood__in=chosen)
            | Q(neighbourhood__isnull=True, household__neighbourhood__in=chosen)
        )
    if kind == Survey.Audience.TAG:
        tagged = Resident.tags.through.objects.filter(
            resident_id=OuterRef("pk"), tag__in=survey.audience_tags.all()
        )
        return residents.filter(Exists(tagged))
    if kind == Survey.Audience.COMMITTEE:
        today = clock.today()
        serving = CommitteeMember.objects.filter(
            Q(term_end__isnull=True) | Q(term_end__gte=today),
            resident_id=OuterRef("pk"),
            committee__in=survey.audience_committees.all(),
        )
        return residents.filter(Exists(serving))
    if kind == Survey.Audience.PICKED:
        return residents.filter(pk__in=survey.audience_residents.all())
    return residents.none()


@dataclass(frozen=True)
class AudienceCounts:
    total: int
    by_email: int
    on_paper: int  # agreed to be contacted, but no e-mail address: printed sheet, QR code
    no_consent: int  # not invited: they have not agreed to be contacted

    @property
    def invited(self) -> int:
        return self.by_email + self.on_paper


def audience_counts(*, survey: Survey, settlement: Settlement) -> AudienceCounts:
    """One query, whatever the audience's size."""
    consent = Q(consent_to_contact=True)
    has_email = ~Q(email="")
    counts = audience_residents(survey=survey, settlement=settlement).aggregate(
        total=Count("pk"),
        by_email=Count("pk", filter=consent & has_email),
        on_paper=Count("pk", filter=consent & ~has_email),
    )
    return AudienceCounts(
        total=counts["total"],
        by_email=counts["by_email"],
        on_paper=counts["on_paper"],
        no_consent=counts["total"] - counts["by_email"] - counts["on_paper"],
    )


# Sending


def survey_send_problems(*, survey: Survey, settlement: Settlement) -> list[str]:
    problems = []
    if survey.state != Survey.State.DRAFT:
        problems.append(_("This survey has already been sent."))
    if not survey.languages:
        problems.append(_("Choose at least one language for the survey."))
    if not Question.objects.filter(settlement=settlement, survey=survey).exists():
        problems.append(_("Add at least one question before sending."))
    if survey.closes_on is not None and survey.closes_on < clock.today():
        problems.append(_("The closing date has passed: choose a later one."))
    if not audience_counts(survey=survey, settlement=settlement).invited:
        problems.append(_("Nobody in the chosen audience can be invited."))
    return problems


@transaction.atomic
def survey_send(*, survey: Survey, settlement: Settlement, by: Any) -> Survey:
    """Start the survey: it runs from now, its shared link opens, and the ``surveys.invite``
    job creates the invitations. Raises ``SendError`` if it cannot be sent."""
    locked = Survey.objects.select_for_update().get(settlement=settlement, pk=survey.pk)
    problems = survey_send_problems(survey=locked, settlement=settlement)
    if problems:
        raise SendError(" ".join(problems))
    locked.state = Survey.State.RUNNING
    locked.sent_at = clock.now()
    locked.share_token = tokens.new_share_token()
    locked.save(update_fields=["state", "sent_at", "share_token"])
    outbox_enqueue(job="surveys.invite", settlement_id=settlement.pk, survey_id=locked.pk)
    return locked


def _email_texts(
    survey: Survey, settlement: Settlement, language: str, kind: str
) -> tuple[str, str]:
    with translation.override(language):
        context = {
            "survey_title": text_in(survey.title, survey.languages, language),
            "settlement": settlement,
            "closes_on": survey.closes_on,
            "anonymous": survey.anonymous,
            "link": LINK_PLACEHOLDER,
            "reminder": kind == "reminder",
        }
        subject = render_to_string("surveys/email/invitation_subject.txt", context).strip()
        body = render_to_string("surveys/email/invitation.txt", context)
    return subject, body


def _drafts(
    survey: Survey, settlement: Settlement, invitations: list[Invitation], kind: str, key: str
) -> list[Draft]:
    """The e-mail of each invitation (``kind``: invitation or reminder), in its language;
    the texts are rendered once per language. ``key`` makes each message's dedupe key."""
    texts = {
        language: _email_texts(survey, settlement, language, kind) for language in survey.languages
    }
    drafts = []
    for invitation in invitations:
        subject, body = texts[invitation.language]
        drafts.append(
            Draft(
                resident=invitation.resident,
                kind=f"surveys.{kind}",
                subject=subject,
                body=body.replace("[[name]]", invitation.resident.first_name),
                dedupe_key=f"survey:{survey.pk}:{key}:{invitation.resident_id}",
                language=invitation.language,
                link_kind=INVITATION,
                link_ref=invitation.pk,
            )
        )
    return drafts


def survey_invite(*, survey: Survey, settlement: Settlement) -> int:
    """Create the missing invitations of a running survey, and the e-mail of each that has
    an address. Idempotent: a resident who has an invitation is left out, and each message
    has a unique key. The same handful of queries for any audience on PostgreSQL (one
    INSERT of all the invitations, one of all the messages); on SQLite Django splits the
    INSERTs by its variable limit. Returns how many invitations it created."""
    if survey.state != Survey.State.RUNNING:
        return 0
    invited = Invitation.objects.filter(
        settlement=settlement, survey=survey, resident_id=OuterRef("pk")
    )
    residents = (
        audience_residents(survey=survey, settlement=settlement)
        .filter(consent_to_contact=True)
        .filter(~Exists(invited))
        .only(*RESIDENT_FIELDS)
        .order_by("pk")
    )
    now = clock.now()
    invitations = []
    for resident in residents:
        nonce = tokens.new_nonce()
        invitations.append(
            Invitation(
                settlement=settlement,
                survey=survey,
                resident=resident,
                language=respondent_language(
                    survey.languages, resident.preferred_language, settlement.language
                ),
                channel=Invitation.Channel.EMAIL if resident.email else Invitation.Channel.PRINT,
                nonce=nonce,
                token_hash=tokens.token_hash(tokens.invitation_token(nonce)),
                created_at=now,
            )
        )
    if not invitations:
        return 0
    created = Invitation.objects.bulk_create(invitations)
    emailed = [i for i in created if i.channel == Invitation.Channel.EMAIL]
    drafts = _drafts(survey, settlement, emailed, "invitation", "invite")
    messages_queue(settlement=settlement, drafts=drafts)
    # Each invitation points at its message: one UPDATE for all of them.
    Invitation.objects.filter(
        settlement=settlement,
        survey=survey,
        channel=Invitation.Channel.EMAIL,
        message__isnull=True,
    ).update(
        message=Subquery(
            Message.objects.filter(
                settlement=settlement, link_kind=INVITATION, link_ref=OuterRef("pk")
            )
            .order_by("pk")
            .values("pk")[:1]
        )
    )
    # And the survey counts them, in the same UPDATE.
    counted = (
        Invitation.objects.filter(settlement=settlement, survey=OuterRef("pk"))
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Survey.objects.filter(pk=survey.pk).update(invitation_count=Coalesce(Subquery(counted), 0))
    return len(created)


# What the invitations and their messages read of each resident (the message's name too:
# a deferred field would cost a query per resident).
RESIDENT_FIELDS = (
    "pk",
    "settlement_id",
    "first_name",
    "last_name",
    "email",
    "preferred_language",
    "consent_to_contact",
    "archived_at",
)


def invitation_links(refs: Sequence[int]) -> dict[int, str | None]:
    """The personal link of each invitation, made from its nonce; None for an invitation
    that was answered or whose survey closed (its message is then not sent)."""
    rows = Invitation.objects.filter(
        pk__in=refs, answered=False, nonce__isnull=False, survey__state=Survey.State.RUNNING
    ).values_list("pk", "nonce")
    links: dict[int, str | None] = dict.fromkeys(refs)
    for pk, nonce in rows:
        if nonce is None:
            continue
        token = tokens.invitation_token(nonce)
        links[pk] = absolute_url(reverse("surveys:answer", kwargs={"token": token}))
    return links


def invitation_link(invitation: Invitation) -> str:
    """For the printed sheet: the link of an invitation whose survey is running."""
    if not invitation.nonce:
        return ""
    token = tokens.invitation_token(invitation.nonce)
    return absolute_url(reverse("surveys:answer", kwargs={"token": token}))


def share_link(survey: Survey) -> str:
    if not survey.share_token:
        return ""
    return absolute_url(reverse("surveys:answer_shared", kwargs={"token": survey.share_token}))


# Reminders and closing


def reminder_rounds_due(survey: Survey, now: dt.datetime) -> int:
    if survey.sent_at is None:
        return 0
    days = sorted({int(d) for d in survey.reminder_days if int(d) > 0})
    return sum(1 for d in days if survey.sent_at + dt.timedelta(days=d) <= now)


@transaction.atomic
def survey_remind(*, survey: Survey, settlement: Settlement) -> int:
    """Queue the reminder rounds that are due, to those who have not answered. Each round
    once: the survey's round counter moves by a conditional update, and each message has
    a unique key. Returns how many reminders were queued."""
    now = clock.now()
    due = reminder_rounds_due(survey, now)
    if survey.state != Survey.State.RUNNING or due <= survey.reminders_done:
        return 0
    moved = Survey.objects.filter(
        pk=survey.pk, state=Survey.State.RUNNING, reminders_done=survey.reminders_done
    ).update(reminders_done=due)
    if not moved:
        return 0  # another run took this round
    waiting = (
        Invitation.objects.filter(
            settlement=settlement,
            survey=survey,
            answered=False,
            channel=Invitation.Channel.EMAIL,
            nonce__isnull=False,
        )
        .select_related("resident")
        .only("pk", "language", "resident_id", *[f"resident__{f}" for f in RESIDENT_FIELDS[1:]])
    )
    drafts = _drafts(survey, settlement, list(waiting), "reminder", f"remind:{due}")
    return len(messages_queue(settlement=settlement, drafts=drafts))


def survey_closes_at(survey: Survey, settlement: Settlement) -> dt.datetime | None:
    """Midnight at the end of the closing day, in the settlement's time zone."""
    if survey.closes_on is None:
        return None
    day_after = survey.closes_on + dt.timedelta(days=1)
    return dt.datetime.combine(day_after, dt.time(0), tzinfo=ZoneInfo(settlement.time_zone))


@transaction.atomic
def survey_close(*, survey: Survey, settlement: Settlement) -> bool:
    """Close a running survey: no more answers, the shared link dies, the personal links'
    secrets are erased, and its queued messages are cancelled. False if not running."""
    closed = Survey.objects.filter(
        settlement=settlement, pk=survey.pk, state=Survey.State.RUNNING
    ).update(state=Survey.State.CLOSED, closed_at=clock.now(), share_token=None)
    if not closed:
        return False
    invitations = Invitation.objects.filter(settlement=settlement, survey=survey)
    messages_cancel(
        queryset=Message.objects.filter(
            settlement=settlement,
            link_kind=INVITATION,
            link_ref__in=invitations.values("pk"),
        )
    )
    invitations.update(nonce=None, token_hash=None)
    survey.state = Survey.State.CLOSED
    return True


# The audience, as the coordinator sets it


@transaction.atomic
def survey_audience_update(*, survey: Survey, settlement: Settlement, data: dict[str, Any]) -> None:
    """Save the audience of a draft (kind and its choices; hand-picked people stay)."""
    kind = data["audience"]
    survey.audience = kind
    survey.audience_age_groups = list(data.get("age_groups") or [])
    survey.save(update_fields=["audience", "audience_age_groups"])
    survey.audience_neighbourhoods.set(data.get("neighbourhoods") or [])
    survey.audience_tags.set(data.get("tags") or [])
    survey.audience_committees.set(data.get("committees") or [])


@transaction.atomic
def survey_audience_pick(
    *, survey: Survey, settlement: Settlement, residents: Sequence[Resident], add: bool
) -> None:
    if add:
        survey.audience_residents.add(*residents)
        if survey.audience != Survey.Audience.PICKED:
            survey.audience = Survey.Audience.PICKED
            survey.save(update_fields=["audience"])
    else:
        survey.audience_residents.remove(*residents)

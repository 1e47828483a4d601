"""Every message to residents, from every module: what was sent, to whom, and when.

A row is written when a module asks for a message (``services.message_queue``) and is
sent later by the sender (``services.messages_send_due``), which respects quiet hours and
claims rows in batches before sending them, so no row is ever sent twice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordinator.models import Language, Resident, SettlementOwned


class Message(SettlementOwned):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # A sender stopped (crashed, killed) between claiming the row and recording the
        # outcome: the message may or may not have gone out, so it is never resent blindly.
        INTERRUPTED = "interrupted", _("Interrupted: may not have gone out")
        CANCELLED = "cancelled", _("Cancelled")

    class Hold(models.TextChoices):
        NONE = "", _("None")
        NIGHT = "night", _("Night-time quiet hours")
        SHABBAT = "shabbat", _("Shabbat or a holiday")

    # None for someone outside the registry who gave their address themselves (a guest
    # who signed up for an event); ``to_name`` then says who they are.
    resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("resident"),
    )
    to_name = models.CharField(_("name"), max_length=200, blank=True)
    to_address = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=50)
    subject = models.CharField(_("subject"), max_length=300)
    # The text as sent, except for a personal link, which stands as LINK_PLACEHOLDER and is
    # made at sending time (links are secrets, never stored in readable form).
    body = models.TextField(_("text"))
    link_kind = models.CharField(_("personal link"), max_length=50, blank=True)
    link_ref = models.BigIntegerField(_("personal link for"), null=True, blank=True)
    urgent = models.BooleanField(_("urgent (ignores quiet hours)"), default=False)
    # The same dedupe key is never queued twice in a settlement: asking again is a no-op.
    dedupe_key = models.CharField(_("key"), max_length=200)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    not_before = models.DateTimeField(_("not before"))
    held = models.CharField(_("held for"), max_length=10, choices=Hold.choices, blank=True)
    claim = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"))
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "dedupe_key"], name="message_unique_dedupe_key"
            )
        ]
        indexes = [
            models.Index(fields=["state", "not_before"]),
            models.Index(fields=["settlement", "state", "not_before"]),
            models.Index(fields=["claim"]),
            models.Index(fields=["link_kind", "link_ref"]),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def explanation(self) -> str:
        """Why a message did not go out, in the reader's language (a failure: the server's
        own words)."""
        if self.state == self.State.FAILED:
            return self.error
        if self.state == self.State.INTERRUPTED:
            return str(_("Sending stopped half-way: this message may or may not have arrived."))
        if self.state == self.State.CANCELLED:
            return str(
                _("It was no longer needed when it was due (answered, or the survey closed).")
            )
        return ""


LINK_PLACEHOLDER = "[[link]]"

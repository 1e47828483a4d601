"""Background work of the core."""

from typing import Any

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django_scopes import scopes_disabled

from .services import residents_import_purge_stale


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=30)
def email_send(
    self: Any, *, subject: str, body: str, to: list[str], html: str | None = None
) -> int:
    """Send one e-mail. Retries transient failures with backoff, up to five times."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except OSError as error:  # SMTP connection problems
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error


@shared_task
def imports_purge_stale() -> int:
    """Housekeeping across every settlement: uploads nobody confirmed within a day."""
    with scopes_disabled():
        return residents_import_purge_stale()

"""Password reset mail goes out through the outbox, after the request's transaction commits."""

from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from .services.outbox import outbox_enqueue


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose e-mail is handed to a worker instead of sent inline.

    The page answers the same whether or not the address belongs to an account."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        outbox_enqueue(job="coordinator.email", subject=subject, body=body, to=[to_email])

"""Work recorded in a transaction reaches a real worker once on commit, never on rollback."""

import pytest
from django.db import transaction

from coordinator.models import OutboxMessage
from coordinator.services.outbox import outbox_enqueue

from .conftest import NEEDS_POSTGRES

pytestmark = [NEEDS_POSTGRES, pytest.mark.services, pytest.mark.django_db(transaction=True)]


class Rollback(Exception):
    pass


def mail(subject: str) -> None:
    outbox_enqueue(job="coordinator.email", subject=subject, body="-", to=["a@example.org"])


def test_enqueued_on_commit_runs_once_and_rolled_back_never(cluster):
    with pytest.raises(Rollback), transaction.atomic():
        mail("rolled-back-work")
        raise Rollback
    with transaction.atomic():
        mail("committed-work")
    # A sentinel enqueued after both: once it has run, anything published before it has too
    # (one solo worker, prefetch of one, one queue).
    with transaction.atomic():
        mail("sentinel-work")
    cluster.wait_for(lambda: any("sentinel-work" in m for m in cluster.mails()), "sentinel")
    mails = cluster.mails()
    assert sum("committed-work" in m for m in mails) == 1
    assert not any("rolled-back-work" in m for m in mails)
    assert len(mails) == 2
    assert OutboxMessage.objects.filter(state=OutboxMessage.State.DONE).count() == 2


def test_password_reset_mail_goes_through_the_worker(cluster, client):
    from tests.factories import UserFactory

    UserFactory(email="reset-me@example.org", username="resetme")
    response = client.post("/accounts/reset/", {"email": "reset-me@example.org"})
    assert response.status_code == 302
    cluster.wait_for(lambda: bool(cluster.mails()), "the reset mail")
    (message,) = cluster.mails()
    assert "/accounts/reset/" in message and "resetme" in message

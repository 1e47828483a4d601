"""Work enqueued from a transaction reaches a real worker once on commit, never on rollback."""

import pytest
from django.db import transaction

from coordinator.tasks import email_send
from coordinator.tasks_base import enqueue_on_commit

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


class Rollback(Exception):
    pass


def test_enqueued_on_commit_runs_once_and_rolled_back_never(worker):
    with pytest.raises(Rollback), transaction.atomic():
        enqueue_on_commit(email_send, subject="rolled-back-work", body="no", to=["a@example.org"])
        raise Rollback
    with transaction.atomic():
        enqueue_on_commit(email_send, subject="committed-work", body="yes", to=["b@example.org"])
    # A sentinel enqueued after both: once it has run, anything published before it has too
    # (one solo worker, prefetch of one, one queue).
    with transaction.atomic():
        enqueue_on_commit(email_send, subject="sentinel-work", body="end", to=["c@example.org"])
    worker.wait_for_mail("sentinel-work")
    mails = worker.mails()
    assert sum("committed-work" in mail for mail in mails) == 1
    assert not any("rolled-back-work" in mail for mail in mails)
    assert len(mails) == 2


def test_password_reset_mail_goes_through_the_worker(worker, client):
    from tests.factories import UserFactory

    UserFactory(email="reset-me@example.org", username="resetme")
    response = client.post("/accounts/reset/", {"email": "reset-me@example.org"})
    assert response.status_code == 302
    worker.wait_for_mail("reset-me@example.org")
    (mail,) = worker.mails()
    assert "/accounts/reset/" in mail and "resetme" in mail

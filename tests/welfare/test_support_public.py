"""The pages volunteers open without an account: a programme's shared link (what and when of
open tasks, never where) and their own task (what, when, where). Neither shows anything of
a case."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from tests import factories
from welfare import services_support as services
from welfare.models_support import SupportTask


@pytest.fixture
def programme(settlement):
    return factories.SupportProgrammeFactory(
        settlement=settlement, title="Meals for a new baby", description="Vegetarian, please"
    )


@pytest.fixture
def token(settlement, programme):
    with scope(settlement=settlement.pk):
        return services.programme_link_make(programme=programme)


def signup_url(settlement, token):
    return reverse("help:signup", kwargs={"slug": settlement.slug, "token": token})


def test_the_sign_up_page_shows_open_future_tasks_without_where(
    client, settlement, programme, token
):
    factories.SupportTaskFactory(programme=programme, what="Soup", where="Olive Street 3")
    factories.SupportTaskFactory(
        programme=programme, what="Old dinner", on=dt.date(2026, 11, 22), where="Elm 1"
    )
    factories.SupportTaskFactory(programme=programme, what="Taken lunch", status="taken")
    response = client.get(signup_url(settlement, token))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Meals for a new baby" in body
    assert "Vegetarian, please" in body
    assert "Soup" in body
    assert "Olive Street" not in body
    assert "Old dinner" not in body
    assert "Taken lunch" not in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_case_is_never_shown(client, settlement, programme, token):
    case = factories.WelfareCaseFactory(
        household__settlement=settlement, need_details="SECRET-NEED"
    )
    factories.CaseNoteFactory(case=case, text="SECRET-NOTE")
    task = factories.SupportTaskFactory(case=case, programme=programme, what="Soup")
    body = client.get(signup_url(settlement, token)).content.decode()
    with scope(settlement=settlement.pk):
        task, task_token = services.task_take(
            programme=programme, task_id=task.pk, name="Dana", phone="050"
        )
    page = client.get(
        reverse("help:task", kwargs={"slug": settlement.slug, "token": task_token})
    ).content.decode()
    for shown in (body, page):
        assert "Soup" in shown
        assert "SECRET" not in shown
        assert case.household.name not in shown


def test_unknown_blank_or_stopped_links_are_404(client, settlement, programme, token):
    assert client.get(signup_url(settlement, "x" * 43)).status_code == 404
    assert client.get(signup_url(settlement, "x" * 500)).status_code == 404
    programme.active = False
    programme.save()
    assert client.get(signup_url(settlement, token)).status_code == 404


def test_another_settlements_address_does_not_open_the_link(
    client, settlement, other_settlement, token
):
    assert client.get(signup_url(other_settlement, token)).status_code == 404


def test_a_volunteer_takes_a_task_and_lands_on_their_task_page(
    client, settlement, programme, token
):
    task = factories.SupportTaskFactory(programme=programme, what="Soup", where="Olive Street 3")
    response = client.post(
        signup_url(settlement, token) + "?lang=en",
        {"task": task.pk, "name": "Dana", "email": "dana@example.org"},
    )
    assert response.status_code == 302
    assert f"/p/{settlement.slug}/task/" in response["Location"]
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Soup" in body
    assert "Olive Street 3" in body
    assert "Meals for a new baby" in body
    task.refresh_from_db()
    assert (task.status, task.volunteer_email) == ("taken", "dana@example.org")


def test_sign_up_errors_are_400(client, settlement, programme, token):
    task = factories.SupportTaskFactory(programme=programme)
    url = signup_url(settlement, token)
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"task": task.pk, "name": "Dana"})
    assert response.status_code == 400
    assert "Give an e-mail address or a phone number" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "open"


def test_a_robot_filling_the_trap_takes_nothing(client, settlement, programme, token):
    task = factories.SupportTaskFactory(programme=programme)
    response = client.post(
        signup_url(settlement, token),
        {"task": task.pk, "name": "Bot", "email": "bot@example.org", "website": "x.test"},
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    task.refresh_from_db()
    assert (task.status, task.volunteer_email) == ("open", "")


def test_a_task_taken_meanwhile_is_a_clear_error(client, settlement, programme, token):
    task = factories.SupportTaskFactory(programme=programme)
    url = signup_url(settlement, token)
    client.get(url)  # the visitor sees the task as open...
    with scope(settlement=settlement.pk):
        SupportTask.objects.filter(pk=task.pk).update(status="taken", volunteer_name="First")
    response = client.post(url, {"task": task.pk, "name": "Second", "phone": "050"})
    assert response.status_code == 400
    assert "Someone else has just taken this one" in response.content.decode()
    task.refresh_from_db()
    assert task.volunteer_name == "First"


def test_the_page_speaks_the_asked_language(client, settlement, programme, token):
    response = client.get(signup_url(settlement, token) + "?lang=he")
    assert response["Content-Language"] == "he"
    assert 'dir="rtl"' in response.content.decode()


def _taken(settlement, programme):
    task = factories.SupportTaskFactory(programme=programme, what="Soup")
    with scope(settlement=settlement.pk):
        task, token = services.task_take(
            programme=programme, task_id=task.pk, name="Dana", phone="050"
        )
    return task, reverse("help:task", kwargs={"slug": settlement.slug, "token": token})


def test_the_volunteer_marks_it_done(client, settlement, programme):
    task, url = _taken(settlement, programme)
    assert client.post(url, {"action": "done"}).status_code == 302
    task.refresh_from_db()
    assert task.status == "done"
    assert "Done. Thank you" in client.get(url).content.decode()


def test_the_volunteer_gives_it_back_and_the_link_dies(client, settlement, programme):
    task, url = _taken(settlement, programme)
    response = client.post(url, {"action": "give_back"})
    assert response.status_code == 200
    assert "free again" in response.content.decode()
    task.refresh_from_db()
    assert (task.status, task.volunteer_name) == ("open", "")
    assert client.get(url).status_code == 404


def test_an_empty_or_unknown_action_is_400(client, settlement, programme):
    task, url = _taken(settlement, programme)
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"action": "delete"}).status_code == 400
    task.refresh_from_db()
    assert task.status == "taken"


def test_a_cancelled_task_cannot_be_done_or_given_back(client, settlement, programme):
    task, url = _taken(settlement, programme)
    with scope(settlement=settlement.pk):
        SupportTask.objects.filter(pk=task.pk).update(status="cancelled")
    assert "This task was cancelled" in client.get(url).content.decode()
    for action in ("done", "give_back"):
        assert client.post(url, {"action": action}).status_code == 400
    task.refresh_from_db()
    assert (task.status, task.done_at) == ("cancelled", None)

"""The audience, send, invitations, sheets, share and close pages."""

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import OutboxMessage
from coordinator.services.outbox import outbox_run_message
from messaging.models import Message
from surveys.models import Invitation, Survey
from tests import factories


@pytest.fixture
def survey(settlement):
    survey = factories.SurveyFactory(settlement=settlement, title={"en": "Needs 2027"})
    factories.QuestionFactory(section__survey=survey, section__settlement=settlement)
    return survey


def run_invite_job():
    job = OutboxMessage.objects.get(job="surveys.invite")
    assert outbox_run_message(message_id=job.pk) == "done"


def test_audience_page_shows_who_will_be_invited(coordinator_client, settlement, survey):
    factories.ResidentFactory.create_batch(2, settlement=settlement)
    factories.ResidentFactory.create(settlement=settlement, email="")
    factories.ResidentFactory.create(settlement=settlement, consent_to_contact=False)
    response = coordinator_client.get(reverse("surveys:audience", args=[survey.pk]))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.invited, counts.by_email, counts.on_paper, counts.no_consent) == (3, 2, 1, 1)
    assert b"have no e-mail address" in response.content


def test_audience_by_age_group_is_saved(coordinator_client, settlement, survey, unscoped):
    url = reverse("surveys:audience", args=[survey.pk])
    response = coordinator_client.post(url, {"audience": "age_group", "age_groups": ["seniors"]})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.audience, survey.audience_age_groups) == ("age_group", ["seniors"])


def test_audience_needs_its_choices(coordinator_client, survey):
    url = reverse("surveys:audience", args=[survey.pk])
    response = coordinator_client.post(url, {"audience": "tag"})
    assert response.status_code == 400
    assert b"Choose at least one tag." in response.content
    survey.refresh_from_db()
    assert survey.audience == Survey.Audience.EVERYONE


def test_audience_refuses_another_settlements_tag(coordinator_client, survey, unscoped):
    foreign = factories.TagFactory(settlement=factories.SettlementFactory())
    url = reverse("surveys:audience", args=[survey.pk])
    response = coordinator_client.post(url, {"audience": "tag", "tags": [foreign.pk]})
    assert response.status_code == 400
    assert not survey.audience_tags.exists()


def test_audience_of_a_sent_survey_cannot_change(coordinator_client, survey, unscoped):
    Survey.objects.filter(pk=survey.pk).update(state=Survey.State.RUNNING)
    url = reverse("surveys:audience", args=[survey.pk])
    response = coordinator_client.post(url, {"audience": "age_group", "age_groups": ["youth"]})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.audience == Survey.Audience.EVERYONE


def test_hand_picking_adds_and_removes(coordinator_client, settlement, survey, unscoped):
    ann, bob = factories.ResidentFactory.create_batch(2, settlement=settlement)
    foreign = factories.ResidentFactory.create(settlement=factories.SettlementFactory())
    url = reverse("surveys:audience_pick", args=[survey.pk])
    assert coordinator_client.get(url, {"q": ann.first_name}).status_code == 200
    response = coordinator_client.post(url, {"action": "add", "residents": [ann.pk, bob.pk]})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.audience == Survey.Audience.PICKED
    assert set(survey.audience_residents.all()) == {ann, bob}
    coordinator_client.post(url, {"action": "remove", "residents": [bob.pk]})
    assert list(survey.audience_residents.all()) == [ann]
    response = coordinator_client.post(url, {"action": "add", "residents": [foreign.pk]})
    assert response.status_code == 400
    assert list(survey.audience_residents.all()) == [ann]


def test_send_starts_the_survey_and_invitations_follow(coordinator_client, settlement, survey):
    factories.ResidentFactory.create_batch(3, settlement=settlement)
    page = coordinator_client.get(reverse("surveys:send", args=[survey.pk]))
    assert b"Send to 3 residents" in page.content
    response = coordinator_client.post(reverse("surveys:send", args=[survey.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:invitations", args=[survey.pk])
    run_invite_job()
    listing = coordinator_client.get(reverse("surveys:invitations", args=[survey.pk]))
    assert listing.context["totals"]["total"] == 3
    assert listing.context["totals"]["queued"] == 3
    assert [i.state_label for i in listing.context["page"].object_list] == ["Queued"] * 3


def test_send_with_problems_says_what_to_fix(coordinator_client, settlement):
    empty = factories.SurveyFactory(settlement=settlement)
    page = coordinator_client.get(reverse("surveys:send", args=[empty.pk]))
    assert b"Add at least one question before sending." in page.content
    response = coordinator_client.post(reverse("surveys:send", args=[empty.pk]), follow=True)
    assert b"Add at least one question before sending." in response.content
    empty.refresh_from_db()
    assert empty.state == Survey.State.DRAFT


def test_invitation_states_and_filters(coordinator_client, settlement):
    survey = factories.SurveyFactory(settlement=settlement, state=Survey.State.RUNNING)
    answered = factories.InvitationFactory(survey=survey, answered=True)
    failed_message = factories.MessageFactory(
        settlement=settlement, state=Message.State.FAILED, error="mailbox full"
    )
    failed = factories.InvitationFactory(survey=survey, message=failed_message)
    paper = factories.InvitationFactory(survey=survey, channel=Invitation.Channel.PRINT)
    url = reverse("surveys:invitations", args=[survey.pk])
    states = {
        i.pk: (i.state_code, i.state_detail)
        for i in coordinator_client.get(url).context["page"].object_list
    }
    assert states[answered.pk] == ("answered", "")
    assert states[failed.pk] == ("failed", "mailbox full")
    assert states[paper.pk] == ("paper", "")
    problem = coordinator_client.get(url, {"state": "problem"}).context["page"].object_list
    assert [i.pk for i in problem] == [failed.pk]


def test_sheets_show_a_link_and_qr_for_residents_without_email(coordinator_client, settlement):
    survey = factories.SurveyFactory(settlement=settlement, state=Survey.State.RUNNING)
    resident = factories.ResidentFactory.create(settlement=settlement, email="", first_name="Ana")
    invitation = factories.InvitationFactory(
        survey=survey, resident=resident, channel=Invitation.Channel.PRINT
    )
    factories.InvitationFactory(survey=survey)  # by e-mail: no sheet
    response = coordinator_client.get(reverse("surveys:sheets", args=[survey.pk]))
    sheets = list(response.context["page"].object_list)
    assert [s.pk for s in sheets] == [invitation.pk]
    assert "/a/" in sheets[0].link
    assert b"data:image/svg+xml" in response.content
    assert b"Ana" in response.content


def test_share_page_gives_the_link_qr_and_a_message(coordinator_client, settlement):
    survey = factories.SurveyFactory(
        settlement=settlement, state=Survey.State.RUNNING, share_token="tok-123"
    )
    response = coordinator_client.get(reverse("surveys:share", args=[survey.pk]))
    assert "/s/tok-123/" in response.context["link"]
    assert "/s/tok-123/" in response.context["announcement"]
    assert b"wa.me" in response.content


def test_close_now(coordinator_client, settlement):
    survey = factories.SurveyFactory(settlement=settlement, state=Survey.State.RUNNING)
    factories.InvitationFactory(survey=survey)
    response = coordinator_client.post(reverse("surveys:close", args=[survey.pk]))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.state == Survey.State.CLOSED
    with scope(settlement=settlement.pk):
        assert not Invitation.objects.filter(token_hash__isnull=False).exists()
    again = coordinator_client.post(reverse("surveys:close", args=[survey.pk]), follow=True)
    assert b"Only a running survey can be closed." in again.content


@pytest.mark.parametrize("size", [3, 40])
def test_dispatch_pages_have_fixed_query_counts(
    coordinator_client, settlement, django_assert_num_queries, size
):
    survey = factories.SurveyFactory(settlement=settlement, state=Survey.State.RUNNING)
    for n in range(size):
        resident = factories.ResidentFactory.create(
            settlement=settlement, email="" if n % 2 else "x@y.z"
        )
        message = factories.MessageFactory(settlement=settlement, resident=resident)
        factories.InvitationFactory(
            survey=survey,
            resident=resident,
            message=message if n % 2 == 0 else None,
            channel=Invitation.Channel.EMAIL if n % 2 == 0 else Invitation.Channel.PRINT,
        )
        factories.NeighbourhoodFactory(settlement=settlement, name=f"N{n}")
    expected = {
        "surveys:audience": 9,
        "surveys:audience_pick": 7,
        "surveys:send": 9,
        "surveys:invitations": 7,
        "surveys:sheets": 6,
        "surveys:share": 4,
    }
    for name, count in expected.items():
        with django_assert_num_queries(count):
            response = coordinator_client.get(reverse(name, args=[survey.pk]))
        assert response.status_code == 200, name
        assert count <= 12


def test_a_personal_link_after_closing_says_the_survey_may_have_closed(
    client, coordinator_client, settlement
):
    survey = factories.SurveyFactory(settlement=settlement, state=Survey.State.RUNNING)
    factories.QuestionFactory(section__survey=survey, section__settlement=settlement)
    factories.InvitationFactory(survey=survey, token="closing-link-token")
    url = reverse("surveys:answer", args=["closing-link-token"])
    assert client.get(url).status_code == 200
    coordinator_client.post(reverse("surveys:close", args=[survey.pk]))
    response = client.get(url)
    assert response.status_code == 404
    assert b"If the survey has closed, its links no longer work" in response.content

"""Residents' initiatives: the coordinator's list and pages, the public form for ideas and
the idea's status page."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from committees import providers_community
from committees import services_community as services
from committees.models_community import Initiative
from committees.tokens import link_token, token_hash
from coordinator import clock
from coordinator.models import Role
from tests import factories

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
EARLIER = NOW - dt.timedelta(days=2)


def text(response) -> str:
    return response.content.decode()


def stored(settlement, **filters) -> list[Initiative]:
    with scope(settlement=settlement.pk):
        return list(Initiative.objects.filter(**filters).prefetch_related("volunteers"))


def token_of(initiative: Initiative) -> str:
    return link_token("initiative", initiative.nonce)


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def youth(settlement):
    return factories.CommitteeFactory(settlement=settlement, name="Youth")


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


@pytest.fixture
def idea(settlement):
    """An idea that came in two days ago."""
    clock.set_now(EARLIER)
    with scope(settlement=settlement.pk):
        made = services.initiative_create(
            settlement=settlement,
            title="A bench by the playground",
            description="Parents wait standing.",
            source=Initiative.Source.PUBLIC,
            submitter_name="Dana Levi",
            submitter_contact="050-1234567",
        )
    clock.set_now(NOW)
    return made


# --- list --------------------------------------------------------------------------------------


def test_empty_list_explains_the_public_form(coordinator_client, settlement):
    page = text(coordinator_client.get(reverse("committees:initiatives")))
    assert "No ideas yet" in page
    assert reverse("public:idea_new", kwargs={"slug": settlement.slug}) in page
    assert reverse("committees:initiative_create") in page


def test_list_shows_open_ideas_by_default_with_counts(coordinator_client, settlement, culture):
    champion = factories.ResidentFactory(settlement=settlement, first_name="Noa", last_name="Bar")
    factories.InitiativeFactory(
        settlement=settlement, title="Garden", committee=culture, champion=champion
    )
    factories.InitiativeFactory(
        settlement=settlement, title="Old idea", status=Initiative.Status.DONE
    )
    factories.InitiativeFactory(
        settlement=settlement, title="No idea", status=Initiative.Status.DECLINED
    )
    response = coordinator_client.get(reverse("committees:initiatives"))
    page = text(response)
    assert "Garden" in page and "Noa Bar" in page and "Culture" in page
    assert "Old idea" not in page and "No idea" not in page
    counts = {row["status"]: row["count"] for row in response.context["counts"]}
    assert counts == {
        "": 1,
        "new": 1,
        "reviewing": 0,
        "accepted": 0,
        "in_progress": 0,
        "done": 1,
        "declined": 1,
    }
    page = text(coordinator_client.get(reverse("committees:initiatives"), {"status": "done"}))
    assert "Old idea" in page and "Garden" not in page
    page = text(coordinator_client.get(reverse("committees:initiatives"), {"status": "all"}))
    assert "Old idea" in page and "Garden" in page and "No idea" in page


def test_search_title_and_description(coordinator_client, settlement):
    factories.InitiativeFactory(settlement=settlement, title="Garden", description="vegetables")
    factories.InitiativeFactory(settlement=settlement, title="Bench", description="shade")
    page = text(coordinator_client.get(reverse("committees:initiatives"), {"q": "vegetab"}))
    assert "Garden" in page and "Bench" not in page
    page = text(coordinator_client.get(reverse("committees:initiatives"), {"q": "nothing"}))
    assert "No idea matches these filters." in page


def test_list_paginates_by_25(coordinator_client, settlement):
    factories.InitiativeFactory.create_batch(30, settlement=settlement)
    response = coordinator_client.get(reverse("committees:initiatives"))
    assert len(response.context["initiatives"]) == 25
    assert "Page 1 of 2" in text(response)
    second = coordinator_client.get(reverse("committees:initiatives"), {"page": 2})
    assert len(second.context["initiatives"]) == 5


def test_a_chair_sees_only_ideas_of_committees_they_chair(chair_client, settlement, culture, youth):
    factories.InitiativeFactory(settlement=settlement, title="Ours", committee=culture)
    factories.InitiativeFactory(settlement=settlement, title="Theirs", committee=youth)
    factories.InitiativeFactory(settlement=settlement, title="Nobody's")
    response = chair_client.get(reverse("committees:initiatives"))
    page = text(response)
    assert "Ours" in page and "Theirs" not in page and "Nobody&#x27;s" not in page
    assert reverse("committees:initiative_create") not in page
    assert response.context["counts"][0]["count"] == 1


def test_other_settlement_ideas_never_listed(coordinator_client, other_settlement):
    factories.InitiativeFactory(settlement=other_settlement, title="Far idea")
    assert "Far idea" not in text(
        coordinator_client.get(reverse("committees:initiatives"), {"status": "all"})
    )


def test_htmx_returns_the_table_only(coordinator_client, settlement):
    factories.InitiativeFactory(settlement=settlement, title="Garden")
    response = coordinator_client.get(
        reverse("committees:initiatives"), headers={"HX-Request": "true"}
    )
    page = text(response)
    assert "Garden" in page and "<html" not in page


# --- create ------------------------------------------------------------------------------------


def test_coordinator_enters_an_idea_for_a_resident(coordinator_client, settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:initiative_create"),
        {
            "title": "  Garden  ",
            "description": "Vegetables",
            "resident": resident.pk,
            "status": "reviewing",
        },
    )
    [initiative] = stored(settlement)
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:initiative_detail", args=[initiative.pk])
    assert initiative.title == "Garden"
    assert initiative.source == Initiative.Source.COORDINATOR
    assert initiative.resident == resident
    assert initiative.created_at == NOW == initiative.status_changed_at
    assert initiative.token_hash == token_hash(token_of(initiative))


def test_create_with_free_name_and_contact(coordinator_client, settlement):
    coordinator_client.post(
        reverse("committees:initiative_create"),
        {
            "title": "Garden",
            "description": "Vegetables",
            "submitter_name": "Dana",
            "submitter_contact": "dana@example.org",
            "status": "new",
        },
    )
    [initiative] = stored(settlement)
    assert (initiative.submitter_name, initiative.submitter_contact) == ("Dana", "dana@example.org")
    assert initiative.resident is None


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "This field is required."),
        ({"title": " ", "description": "x", "status": "new"}, "This field is required."),
        ({"title": "A", "description": "x", "status": "declined"}, "write the reason here"),
        ({"title": "A", "description": "x", "status": "nope"}, "Select a valid choice"),
    ],
)
def test_bad_create_is_400_and_writes_nothing(coordinator_client, settlement, data, error):
    response = coordinator_client.post(reverse("committees:initiative_create"), data)
    assert response.status_code == 400
    assert error in text(response)
    assert stored(settlement) == []


def test_create_refuses_another_settlements_resident(
    coordinator_client, settlement, other_settlement
):
    far = factories.ResidentFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("committees:initiative_create"),
        {"title": "A", "description": "x", "status": "new", "resident": far.pk},
    )
    assert response.status_code == 400
    assert "Choose a resident of this settlement from the list." in text(response)
    assert stored(settlement) == []


def test_create_refuses_resident_and_free_name_together(coordinator_client, settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:initiative_create"),
        {
            "title": "A",
            "description": "x",
            "status": "new",
            "resident": resident.pk,
            "submitter_name": "Dana",
        },
    )
    assert response.status_code == 400
    assert "not both" in text(response)


# --- detail ------------------------------------------------------------------------------------


def test_detail_shows_everything_and_the_status_link_to_the_coordinator(
    coordinator_client, settlement, idea, culture
):
    with scope(settlement=settlement.pk):
        idea.committee = culture
        idea.save()
    page = text(coordinator_client.get(reverse("committees:initiative_detail", args=[idea.pk])))
    assert "A bench by the playground" in page and "Dana Levi" in page and "050-1234567" in page
    assert reverse("public:idea_status", kwargs={"token": token_of(idea)}) in page
    assert reverse("committees:detail", args=[culture.pk]) in page
    assert reverse("committees:initiative_edit", args=[idea.pk]) in page


def test_chair_reads_their_committees_idea_without_the_link(
    chair_client, settlement, idea, culture
):
    with scope(settlement=settlement.pk):
        idea.committee = culture
        idea.save()
    response = chair_client.get(reverse("committees:initiative_detail", args=[idea.pk]))
    page = text(response)
    assert response.status_code == 200
    assert token_of(idea) not in page
    assert reverse("committees:initiative_edit", args=[idea.pk]) not in page


def test_chair_of_another_committee_gets_404_everywhere(chair_client, settlement, idea, youth):
    with scope(settlement=settlement.pk):
        idea.committee = youth
        idea.save()
    for name in ("committees:initiative_detail", "committees:initiative_edit"):
        assert chair_client.get(reverse(name, args=[idea.pk])).status_code == 404
    assert (
        chair_client.post(
            reverse("committees:initiative_edit", args=[idea.pk]), {"status": "done"}
        ).status_code
        == 404
    )
    assert stored(settlement)[0].status == "new"


def test_another_settlements_idea_is_404(coordinator_client, other_settlement):
    far = factories.InitiativeFactory(settlement=other_settlement)
    for name in ("committees:initiative_detail", "committees:initiative_edit"):
        assert coordinator_client.get(reverse(name, args=[far.pk])).status_code == 404
    assert coordinator_client.get("/committees/ideas/99999999999999999999/").status_code == 404


# --- edit --------------------------------------------------------------------------------------


def test_edit_sets_champion_committee_volunteers_and_status(
    coordinator_client, settlement, idea, culture
):
    champion, helper, other = factories.ResidentFactory.create_batch(3, settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:initiative_edit", args=[idea.pk]),
        {
            "status": "accepted",
            "champion": champion.pk,
            "committee": culture.pk,
            "volunteers": [helper.pk, other.pk],
            "answer": "We will build it in spring.",
        },
    )
    assert response.status_code == 302
    [saved] = stored(settlement)
    assert saved.status == "accepted"
    assert saved.champion == champion and saved.committee == culture
    assert {v.pk for v in saved.volunteers.all()} == {helper.pk, other.pk}
    assert saved.status_changed_at == NOW
    assert saved.created_at == EARLIER


def test_edit_without_a_status_change_keeps_its_date(coordinator_client, settlement, idea):
    coordinator_client.post(
        reverse("committees:initiative_edit", args=[idea.pk]),
        {"status": "new", "answer": "Thanks, we are reading it."},
    )
    [saved] = stored(settlement)
    assert saved.answer == "Thanks, we are reading it."
    assert saved.status_changed_at == EARLIER


def test_declining_requires_a_reason(coordinator_client, settlement, idea):
    response = coordinator_client.post(
        reverse("committees:initiative_edit", args=[idea.pk]),
        {"status": "declined", "answer": "   "},
    )
    assert response.status_code == 400
    assert "To decline an idea, write the reason here" in text(response)
    assert stored(settlement)[0].status == "new"


def test_volunteer_of_another_settlement_is_400(
    coordinator_client, settlement, idea, other_settlement
):
    mine = factories.ResidentFactory(settlement=settlement)
    far = factories.ResidentFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("committees:initiative_edit", args=[idea.pk]),
        {"status": "accepted", "volunteers": [mine.pk, far.pk]},
    )
    assert response.status_code == 400
    assert "Choose residents of this settlement from the list." in text(response)
    [saved] = stored(settlement)
    assert saved.status == "new" and list(saved.volunteers.all()) == []


def test_service_refuses_a_decline_without_answer(settlement, idea):
    with scope(settlement=settlement.pk), pytest.raises(services.AnswerRequired):
        services.initiative_update(initiative=idea, data={"status": "declined", "answer": ""})


def test_service_refuses_foreign_objects(settlement, idea, other_settlement):
    far = factories.ResidentFactory(settlement=other_settlement)
    with scopes_disabled(), pytest.raises(services.ForeignObject):
        services.initiative_update(initiative=idea, data={"champion": far})


# --- the public form ------------------------------------------------------------------------


def idea_url(settlement) -> str:
    return reverse("public:idea_new", kwargs={"slug": settlement.slug})


def test_public_form_needs_no_login_and_is_in_the_settlements_language(client, settlement):
    settlement.language = "he"
    settlement.save()
    response = client.get(idea_url(settlement))
    assert response.status_code == 200
    assert 'lang="he"' in text(response)
    english = text(client.get(idea_url(settlement), {"lang": "en"}))
    assert "Leave this field empty" in english and 'aria-hidden="true"' in english


def test_unknown_slug_is_404(client, db):
    assert client.get(reverse("public:idea_new", kwargs={"slug": "nowhere"})).status_code == 404


def test_resident_sends_an_idea_and_lands_on_its_status_page(client, settlement):
    response = client.post(
        idea_url(settlement),
        {
            "title": "Garden",
            "description": "Vegetables by the tower",
            "name": "Dana",
            "contact": "050-1",
        },
    )
    [initiative] = stored(settlement)
    assert initiative.source == Initiative.Source.PUBLIC
    assert (initiative.submitter_name, initiative.submitter_contact) == ("Dana", "050-1")
    assert initiative.status == "new" and initiative.created_at == NOW
    assert initiative.token_hash == token_hash(token_of(initiative))
    status_url = reverse("public:idea_status", kwargs={"token": token_of(initiative)})
    assert response.status_code == 302 and response["Location"].startswith(status_url)
    page = text(client.get(response["Location"]))
    assert "Thank you! Keep this link to follow your idea." in page
    assert "Garden" in page and "New" in page


def test_public_form_errors_are_400_and_store_nothing(client, settlement):
    response = client.post(idea_url(settlement), {"title": "", "description": ""})
    assert response.status_code == 400
    assert "Your idea was not sent yet." in text(response)
    assert stored(settlement) == []


def test_honeypot_pretends_success_and_stores_nothing(client, settlement):
    response = client.post(
        idea_url(settlement),
        {"title": "Cheap pills", "description": "Buy now", "website": "http://spam.example"},
    )
    assert response.status_code == 200
    assert "Your idea was received." in text(response)
    assert stored(settlement) == []


def test_more_than_20_ideas_an_hour_is_429(client, settlement):
    factories.InitiativeFactory.create_batch(
        20, settlement=settlement, created_at=NOW - dt.timedelta(minutes=30)
    )
    factories.InitiativeFactory(settlement=settlement, created_at=NOW - dt.timedelta(hours=2))
    response = client.post(idea_url(settlement), {"title": "A", "description": "B"})
    assert response.status_code == 429
    assert "Please try again later" in text(response)
    assert len(stored(settlement)) == 21


def test_older_ideas_and_coordinator_entries_do_not_count(client, settlement):
    factories.InitiativeFactory.create_batch(
        20, settlement=settlement, created_at=NOW - dt.timedelta(hours=2)
    )
    factories.InitiativeFactory.create_batch(
        5, settlement=settlement, source=Initiative.Source.COORDINATOR
    )
    assert client.post(idea_url(settlement), {"title": "A", "description": "B"}).status_code == 302


# --- the status page ----------------------------------------------------------------------------


def test_status_page_shows_status_and_answer_but_never_names(client, settlement, idea, culture):
    champion = factories.ResidentFactory(settlement=settlement, first_name="Noa", last_name="Bar")
    helper = factories.ResidentFactory(settlement=settlement, first_name="Eli", last_name="Gold")
    with scope(settlement=settlement.pk):
        services.initiative_update(
            initiative=idea,
            data={
                "status": "declined",
                "answer": "The council is doing it.",
                "champion": champion,
                "committee": culture,
            },
            volunteers=[helper],
        )
    page = text(client.get(reverse("public:idea_status", kwargs={"token": token_of(idea)})))
    assert "A bench by the playground" in page
    assert "Declined" in page and "The council is doing it." in page
    for secret in ("Noa", "Eli", "Culture", "Dana Levi", "050-1234567", "Parents wait"):
        assert secret not in page


def test_unknown_token_is_404(client, db):
    for token in ("nope", "x" * 200):
        response = client.get(reverse("public:idea_status", kwargs={"token": token}))
        assert response.status_code == 404
        assert "This link is not valid" in text(response)


def test_status_page_refuses_post(client, idea):
    url = reverse("public:idea_status", kwargs={"token": token_of(idea)})
    assert client.post(url, {}).status_code == 405


# --- personal data --------------------------------------------------------------------------


def test_personal_data_export_and_erase(settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    with scope(settlement=settlement.pk):
        mine = factories.InitiativeFactory(
            settlement=settlement,
            resident=resident,
            submitter_name="Dana",
            submitter_contact="050",
            title="Mine",
        )
        helped = factories.InitiativeFactory(settlement=settlement, title="Helped")
        helped.volunteers.add(resident)
        factories.InitiativeFactory(settlement=settlement, title="Other")
        service = factories.CommunityServiceFactory(settlement=settlement, name="Library")
        service.runners.add(resident)
        data = providers_community.personal_data_export(resident)
        assert [(i["title"], i["roles"]) for i in data["initiatives"]] == [
            ("Mine", ["suggested"]),
            ("Helped", ["volunteer"]),
        ]
        assert data["services_run"][0]["name"] == "Library"
        providers_community.personal_data_erase(resident)
        mine.refresh_from_db()
        assert (mine.resident, mine.submitter_name, mine.submitter_contact) == (None, "", "")
        assert mine.title == "Mine"


def test_demo_seeder_is_idempotent(settlement):
    from committees.demo_community import seed

    factories.ResidentFactory.create_batch(3, settlement=settlement)
    with scope(settlement=settlement.pk):
        seed(settlement)
        seed(settlement)
        assert Initiative.objects.count() == 3
        declined = Initiative.objects.get(status="declined")
        assert declined.answer


def test_chair_role_only(settlement):
    user = factories.member(settlement, Role.SECRETARY)
    assert user.has_perm("committees.list_initiatives", settlement)
    assert not user.has_perm("committees.change_initiative", settlement)

"""Self-assessments: the services (start, save ratings half done, complete) and the pages
(the list with its form and radar, a cycle, the mentor's page, a competency's history, the
home panel), with other people's cycles answering 404."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from competencies import evidence, services_cycles
from competencies.evidence import EvidenceItem
from competencies.models import Area, Competency, Cycle, Framework, LearningActivity, Rating
from coordinator.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def all_competencies() -> list[Competency]:
    return list(Competency.objects.filter(area__framework=factories.base_framework()))


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def mentor(council_staff):
    return council_staff


@pytest.fixture
def cycle(coordinator, mentor):
    return factories.CycleFactory(owner=coordinator, mentor=mentor, title="Spring review")


@pytest.fixture
def other_framework_competency(settlement):
    framework = Framework.objects.create(
        council=settlement.council, version=2, name="Own", created_at=factories.FIXED_NOW
    )
    area = Area.objects.create(framework=framework, number=1, code="building", title={"en": "A"})
    return Competency.objects.create(area=area, number=9, key="1.9", text={"en": "Own one"})


# --- services ------------------------------------------------------------------------------


def test_cycle_create_keeps_the_framework_and_the_mentor(coordinator, mentor):
    cycle = services_cycles.cycle_create(
        owner=coordinator,
        framework=factories.base_framework(),
        title="  Self-assessment 2026 ",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        mentor=mentor,
    )
    assert cycle.title == "Self-assessment 2026"
    assert cycle.mentor == mentor
    assert cycle.status == Cycle.Status.OPEN
    assert cycle.created_at == factories.FIXED_NOW


def test_cycle_create_refuses_a_backwards_period_and_oneself_as_mentor(coordinator):
    base = {"owner": coordinator, "framework": factories.base_framework(), "title": "T"}
    with pytest.raises(ValidationError):
        services_cycles.cycle_create(
            **base, starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1)
        )
    with pytest.raises(ValidationError):
        services_cycles.cycle_create(
            **base, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1), mentor=coordinator
        )
    assert not Cycle.objects.exists()


def test_ratings_save_creates_rows_only_for_what_is_filled(cycle, coordinator):
    one, two, three = all_competencies()[:3]
    changed = services_cycles.ratings_save(
        cycle=cycle,
        user=coordinator,
        data={
            one.pk: {"level": 3, "comment": "Good", "evidence": ""},
            two.pk: {"level": None, "comment": "", "evidence": ""},
            three.pk: {"level": None, "comment": "", "evidence": "A fair"},
        },
    )
    assert changed == 2
    ratings = {r.competency_id: r for r in Rating.objects.filter(cycle=cycle)}
    assert set(ratings) == {one.pk, three.pk}
    assert (ratings[one.pk].level, ratings[one.pk].comment) == (3, "Good")
    assert ratings[three.pk].level is None


def test_ratings_save_changes_only_the_fields_sent_and_nothing_when_nothing_changes(
    cycle, coordinator, fixed_clock
):
    one = all_competencies()[0]
    rating = factories.RatingFactory(cycle=cycle, competency=one, level=2, comment="Keep")
    fixed_clock.set_now(factories.FIXED_NOW + dt.timedelta(days=1))
    assert (
        services_cycles.ratings_save(cycle=cycle, user=coordinator, data={one.pk: {"level": 2}})
        == 0
    )
    rating.refresh_from_db()
    assert rating.updated_at == factories.FIXED_NOW
    assert (
        services_cycles.ratings_save(cycle=cycle, user=coordinator, data={one.pk: {"level": 4}})
        == 1
    )
    rating.refresh_from_db()
    assert (rating.level, rating.comment) == (4, "Keep")
    assert rating.updated_at == factories.FIXED_NOW + dt.timedelta(days=1)


def test_ratings_save_validates_levels_and_competencies_in_one_transaction(
    cycle, coordinator, other_framework_competency
):
    one, two = all_competencies()[:2]
    with pytest.raises(ValidationError):
        services_cycles.ratings_save(
            cycle=cycle, user=coordinator, data={one.pk: {"level": 3}, two.pk: {"level": 5}}
        )
    with pytest.raises(ValidationError):
        services_cycles.ratings_save(
            cycle=cycle, user=coordinator, data={other_framework_competency.pk: {"level": 3}}
        )
    assert not Rating.objects.exists()


def test_the_mentor_saves_only_the_mentors_fields(cycle, mentor):
    one = all_competencies()[0]
    factories.RatingFactory(cycle=cycle, competency=one, level=2, comment="Mine")
    services_cycles.ratings_save(
        cycle=cycle,
        user=mentor,
        data={one.pk: {"mentor_level": 3, "mentor_comment": "Well done", "level": 1}},
    )
    rating = Rating.objects.get()
    assert (rating.level, rating.comment) == (2, "Mine")
    assert (rating.mentor_level, rating.mentor_comment) == (3, "Well done")


def test_nobody_else_saves_and_a_completed_cycle_keeps_the_owners_ratings(
    cycle, coordinator, mentor, chair
):
    one = all_competencies()[0]
    with pytest.raises(PermissionDenied):
        services_cycles.ratings_save(cycle=cycle, user=chair, data={one.pk: {"level": 3}})
    cycle.status = Cycle.Status.COMPLETED
    cycle.save()
    with pytest.raises(services_cycles.CycleCompleted):
        services_cycles.ratings_save(cycle=cycle, user=coordinator, data={one.pk: {"level": 3}})
    assert not Rating.objects.exists()
    # The mentor may still add their rating after the coordinator completed it.
    services_cycles.ratings_save(cycle=cycle, user=mentor, data={one.pk: {"mentor_level": 4}})
    assert Rating.objects.get().mentor_level == 4


def test_cycle_complete_needs_every_competency_rated(cycle, coordinator, mentor, fixed_clock):
    competencies = all_competencies()
    for c in competencies[:-2]:
        factories.RatingFactory(cycle=cycle, competency=c, level=3)
    factories.RatingFactory(cycle=cycle, competency=competencies[-2], level=None, comment="x")
    with pytest.raises(services_cycles.RatingsMissing) as missing:
        services_cycles.cycle_complete(cycle=cycle, user=coordinator)
    assert missing.value.missing == 2
    with pytest.raises(PermissionDenied):
        services_cycles.cycle_complete(cycle=cycle, user=mentor)
    Rating.objects.filter(level=None).update(level=1)
    factories.RatingFactory(cycle=cycle, competency=competencies[-1], level=4)
    assert services_cycles.cycle_complete(cycle=cycle, user=coordinator) is True
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.COMPLETED
    assert cycle.completed_at == factories.FIXED_NOW
    assert services_cycles.cycle_complete(cycle=cycle, user=coordinator) is False


# --- the list and the form to start one ----------------------------------------------------


def test_home_shows_the_empty_state_and_the_form_with_defaults(coordinator_client, mentor):
    factories.council_staff(factories.CouncilFactory(), first_name="Elsewhere")
    mentor.first_name, mentor.last_name = "Maja", "Mentor"
    mentor.save()
    response = coordinator_client.get(reverse("competencies:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "You have no self-assessment yet" in body
    assert 'value="Self-assessment 2026"' in body
    assert 'value="2026-01-01"' in body and 'value="2026-12-31"' in body
    assert "Maja Mentor" in body
    assert "Elsewhere" not in body  # the staff of another council are no choice
    assert reverse("competencies:plan") in body and reverse("competencies:framework") in body


def test_home_starts_a_cycle_with_the_councils_model_and_a_mentor(
    coordinator_client, coordinator, mentor
):
    response = coordinator_client.post(
        reverse("competencies:home"),
        {
            "title": "My first",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "mentor": mentor.pk,
        },
    )
    cycle = Cycle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("competencies:cycle", args=[cycle.pk])
    assert (cycle.owner, cycle.mentor, cycle.framework) == (
        coordinator,
        mentor,
        factories.base_framework(),
    )


@pytest.mark.parametrize(
    "data, error",
    [
        ({}, "This field is required."),
        (
            {"title": "T", "starts_on": "2026-06-01", "ends_on": "2026-01-01"},
            "The period must end on or after the day it starts.",
        ),
        (
            {"title": "T", "starts_on": "2026-01-01", "ends_on": "2026-02-01", "mentor": "999999"},
            "Select a valid choice.",
        ),
    ],
)
def test_home_refuses_invalid_input(coordinator_client, data, error):
    response = coordinator_client.post(reverse("competencies:home"), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Cycle.objects.exists()


def test_home_refuses_staff_of_another_council_as_mentor(coordinator_client):
    stranger = factories.council_staff(factories.CouncilFactory())
    response = coordinator_client.post(
        reverse("competencies:home"),
        {"title": "T", "starts_on": "2026-01-01", "ends_on": "2026-02-01", "mentor": stranger.pk},
    )
    assert response.status_code == 400
    assert not Cycle.objects.exists()


def test_home_lists_own_cycles_and_draws_the_radar_of_the_latest_two(
    coordinator_client, coordinator, mentor
):
    old = factories.CycleFactory(
        owner=coordinator,
        title="Last year",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    new = factories.CycleFactory(owner=coordinator, title="This year", mentor=mentor)
    factories.RatingFactory(cycle=old, competency=factories.competency("1.1"), level=2)
    factories.RatingFactory(cycle=new, competency=factories.competency("1.1"), level=4)
    factories.RatingFactory(cycle=new, competency=factories.competency("1.2"), level=3)
    factories.CycleFactory(title="Someone else's")
    response = coordinator_client.get(reverse("competencies:home"))
    body = response.content.decode()
    assert body.index("This year") < body.index("Last year")
    assert "Someone else" not in body
    assert "rated 2 of 28" in body
    assert 'role="img"' in body and "radar-previous" in body
    radar = response.context["radar"]
    assert radar.axes[0].current == 3.5 and radar.axes[0].previous == 2.0
    assert radar.axes[1].current is None
    assert "not rated" in body


# --- a cycle -------------------------------------------------------------------------------


def test_the_owner_sees_every_competency_by_area_with_the_mentors_rating(coordinator_client, cycle):
    one = factories.competency("2.2")
    factories.RatingFactory(
        cycle=cycle, competency=one, level=2, mentor_level=3, mentor_comment="Try surveys"
    )
    response = coordinator_client.get(reverse("competencies:cycle", args=[cycle.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="card mb-3" id="competency-') == 28
    assert "Mobilising and organising the community" in body
    assert "Your mentor: 3 · Capable</span> (1 level higher than yours)" in body
    assert "Try surveys" in body
    assert "Rated 1 of 28 competencies" in body
    assert "I do it well and on my own" in body  # a level's description
    assert reverse("competencies:cycle_complete", args=[cycle.pk]) in body


def test_the_page_reads_in_the_readers_language(coordinator_client, cycle):
    coordinator_client.post(reverse("set_language"), {"language": "sl"})
    response = coordinator_client.get(reverse("competencies:cycle", args=[cycle.pk]))
    assert "Vzpostavlja dober stik s skupnostjo" in response.content.decode()


def test_saving_keeps_what_is_filled(coordinator_client, cycle):
    one, two = factories.competency("1.1"), factories.competency("1.2")
    response = coordinator_client.post(
        reverse("competencies:cycle", args=[cycle.pk]),
        {
            f"level-{one.pk}": "3",
            f"comment-{one.pk}": "Festival",
            f"evidence-{one.pk}": "The May festival",
            f"level-{two.pk}": "",
            f"comment-{two.pk}": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("competencies:cycle", args=[cycle.pk])
    rating = Rating.objects.get()
    assert (rating.competency, rating.level, rating.comment, rating.evidence) == (
        one,
        3,
        "Festival",
        "The May festival",
    )
    assert messages_of(response) == ["Saved."]


def test_an_empty_post_saves_nothing_and_returns(coordinator_client, cycle):
    factories.RatingFactory(cycle=cycle, level=2, comment="kept")
    response = coordinator_client.post(reverse("competencies:cycle", args=[cycle.pk]), {})
    assert response.status_code == 302
    assert messages_of(response) == ["Nothing was changed."]
    assert Rating.objects.get().comment == "kept"


def test_an_invalid_level_is_refused_with_a_message(coordinator_client, cycle):
    one = factories.competency("1.1")
    response = coordinator_client.post(
        reverse("competencies:cycle", args=[cycle.pk]),
        {f"level-{one.pk}": "7", f"comment-{one.pk}": "x"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert "Select a valid choice" in body
    assert not Rating.objects.exists()


def test_a_completed_cycle_is_read_only(coordinator_client, cycle):
    cycle.status = Cycle.Status.COMPLETED
    cycle.save()
    one = factories.competency("1.1")
    url = reverse("competencies:cycle", args=[cycle.pk])
    body = coordinator_client.get(url).content.decode()
    assert "This self-assessment is completed" in body
    assert "Complete the self-assessment" not in body
    assert 'value="" checked disabled' in body
    response = coordinator_client.post(url, {f"level-{one.pk}": "3"})
    assert response.status_code == 302
    assert "it can no longer change" in messages_of(response)[0]
    assert not Rating.objects.exists()


def test_the_owner_sees_the_evidence_of_the_period(coordinator_client, cycle, monkeypatch):
    calls = []

    def fake(c, settlement):
        calls.append((c.pk, settlement.slug))
        return {
            "2.2": [
                EvidenceItem(
                    "surveys.survey_sent", "Survey sent", dt.date(2026, 3, 4), "Needs 2026", "/s/1/"
                )
            ]
        }

    monkeypatch.setattr(evidence, "evidence_for_cycle", fake)
    body = coordinator_client.get(reverse("competencies:cycle", args=[cycle.pk])).content.decode()
    assert calls == [(cycle.pk, "home")]
    assert '<a href="/s/1/">Needs 2026</a>' in body
    assert "Survey sent" in body
    assert body.count("Nothing recorded in this period yet") == 27


def test_the_mentor_reads_the_cycle_without_the_settlements_records(
    client, cycle, mentor, monkeypatch
):
    monkeypatch.setattr(
        evidence, "evidence_for_cycle", lambda c, s: pytest.fail("the mentor saw records")
    )
    factories.RatingFactory(cycle=cycle, level=2, comment="My reasons")
    client.force_login(mentor)
    url = reverse("competencies:cycle", args=[cycle.pk])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "My reasons" in body
    assert reverse("competencies:cycle_mentor", args=[cycle.pk]) in body
    assert 'type="submit">Save' not in body
    assert "Nothing recorded in this period yet" not in body
    assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("who", ["chair", "other_settlement_coordinator", "staff", "former"])
def test_nobody_else_reaches_a_cycle(client, request, cycle, who, settlement):
    if who == "staff":
        user = factories.council_staff(settlement.council)  # not this cycle's mentor
    elif who == "former":  # named the mentor but no longer on the council's staff
        user = factories.member(settlement, Role.CHAIR)
        cycle.mentor = user
        cycle.save()
    else:
        user = request.getfixturevalue(who)
    factories.RatingFactory(cycle=cycle, comment="Private words")
    client.force_login(user)
    for name in ("competencies:cycle", "competencies:cycle_mentor"):
        url = reverse(name, args=[cycle.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    url = reverse("competencies:cycle_complete", args=[cycle.pk])
    assert client.post(url).status_code == 404


# --- completing ----------------------------------------------------------------------------


def test_complete_names_how_many_are_missing(coordinator_client, cycle):
    factories.RatingFactory(cycle=cycle, level=3)
    response = coordinator_client.post(reverse("competencies:cycle_complete", args=[cycle.pk]))
    assert response.status_code == 302
    assert messages_of(response)[0].startswith("27 competencies are not rated yet.")
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN


def test_complete_when_every_competency_is_rated(coordinator_client, cycle):
    for c in all_competencies():
        factories.RatingFactory(cycle=cycle, competency=c, level=2)
    response = coordinator_client.post(reverse("competencies:cycle_complete", args=[cycle.pk]))
    assert response.status_code == 302
    assert messages_of(response) == ["The self-assessment is completed."]
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.COMPLETED


# --- the mentor's page ---------------------------------------------------------------------


def test_the_mentor_rates_on_their_own_page(client, cycle, mentor):
    one = factories.competency("1.1")
    factories.RatingFactory(cycle=cycle, competency=one, level=2, comment="Why I think so")
    client.force_login(mentor)
    url = reverse("competencies:cycle_mentor", args=[cycle.pk])
    body = client.get(url).content.decode()
    assert "Why I think so" in body
    assert "2 · Developing" in body
    response = client.post(url, {f"mentor_level-{one.pk}": "4", f"mentor_comment-{one.pk}": "More"})
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.level, rating.mentor_level, rating.mentor_comment) == (2, 4, "More")
    body = client.get(url).content.decode()
    assert "2 · Developing (2 levels lower than yours)" in body


def test_the_mentors_invalid_and_empty_posts(client, cycle, mentor):
    one = factories.competency("1.1")
    client.force_login(mentor)
    url = reverse("competencies:cycle_mentor", args=[cycle.pk])
    response = client.post(url, {f"mentor_level-{one.pk}": "0"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, {})
    assert response.status_code == 302
    assert messages_of(response) == ["Nothing was changed."]
    assert not Rating.objects.exists()


def test_the_owner_does_not_reach_the_mentors_page(coordinator_client, cycle):
    url = reverse("competencies:cycle_mentor", args=[cycle.pk])
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, {}).status_code == 404


# --- history -------------------------------------------------------------------------------


def test_history_of_a_competency_across_own_cycles(coordinator_client, coordinator):
    key = factories.competency("2.2")
    old = factories.CycleFactory(
        owner=coordinator,
        title="2025",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    new = factories.CycleFactory(owner=coordinator, title="2026")
    factories.RatingFactory(cycle=old, competency=key, level=1, comment="Beginning")
    factories.RatingFactory(cycle=new, competency=key, level=3, mentor_level=2)
    factories.RatingFactory(competency=key, level=4, comment="Someone else's")
    response = coordinator_client.get(reverse("competencies:history", args=["2.2"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Knows and uses approaches for recognising the community" in body
    assert [r.cycle.title for r in response.context["ratings"]] == ["2025", "2026"]
    assert "Beginning" in body and "Someone else" not in body
    assert "<polyline" in body and "3 · Capable" in body


def test_history_of_an_unknown_key_is_404(coordinator_client):
    assert coordinator_client.get(reverse("competencies:history", args=["9.9"])).status_code == 404


def test_history_without_ratings_says_so(coordinator_client):
    body = coordinator_client.get(reverse("competencies:history", args=["1.1"])).content.decode()
    assert "You have not rated this competency yet." in body


# --- the home panel ------------------------------------------------------------------------


def test_the_coordinator_home_loads_the_panel_on_its_own(coordinator_client):
    body = coordinator_client.get(reverse("home")).content.decode()
    assert f'hx-get="{reverse("competencies:home_panel")}"' in body
    assert 'hx-trigger="load"' in body


def test_home_panel_shows_the_open_cycle_and_the_next_activity(
    coordinator_client, coordinator, cycle
):
    factories.RatingFactory(cycle=cycle, level=3)
    goal = factories.DevelopmentGoalFactory(owner=coordinator)
    factories.LearningActivityFactory(goal=goal, title="Later", due_on=dt.date(2027, 1, 5))
    factories.LearningActivityFactory(
        goal=goal,
        title="Done one",
        due_on=dt.date(2026, 11, 1),
        status=LearningActivity.Status.DONE,
    )
    factories.LearningActivityFactory(goal=goal, title="Forum day", due_on=dt.date(2026, 12, 1))
    factories.LearningActivityFactory(title="Not mine", due_on=dt.date(2026, 11, 24))
    body = coordinator_client.get(reverse("competencies:home_panel")).content.decode()
    assert "Spring review" in body
    assert "Rated 1 of 28 competencies" in body
    assert 'max="28" value="1"' in body
    assert "Forum day" in body
    assert "Later" not in body and "Not mine" not in body and "Done one" not in body


def test_home_panel_invites_to_start(coordinator_client):
    body = coordinator_client.get(reverse("competencies:home_panel")).content.decode()
    assert "Start a self-assessment" in body
    assert "Plan your next learning step" in body

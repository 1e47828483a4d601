"""Conflicts in the community and their mediation: the coordinator's alone, described
without names where possible, every reading recorded in the audit trail."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from committees import services_conflicts as services
from committees.models_community import Conflict, MediationStep
from coordinator.models import AuditEvent, Role
from tests import factories

Status = Conflict.Status
TODAY = dt.date(2026, 11, 23)


def text(response) -> str:
    return response.content.decode()


def stored(settlement, model=Conflict, **filters) -> list:
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters).order_by("pk"))


def audit(**filters) -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(**filters).order_by("pk"))


def conflict_post(**overrides):
    data = {
        "title": "Parking on the upper street",
        "kind": Conflict.Kind.NEIGHBOURS,
        "description": "Cars block the path to the kindergarten in the morning.",
        "parties": "Two neighbouring families",
        "status": Status.OPEN,
        "opened_on": "2026-11-20",
        "closed_on": "",
        "outcome": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def step_post(**overrides):
    data = {
        "date": "2026-11-22",
        "kind": MediationStep.Kind.JOINT_MEETING,
        "notes": "Both sides met at the community hall.",
        "next_step": "Meet again in two weeks",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def conflict(settlement):
    return factories.ConflictFactory(
        settlement=settlement, title="Noise at night", opened_on=dt.date(2026, 11, 1)
    )


# --- who may see them ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD, Role.CHAIR])
def test_only_the_coordinator_reaches_conflicts(client, settlement, conflict, role):
    step = factories.MediationStepFactory(conflict=conflict)
    client.force_login(factories.member(settlement, role))
    urls = [
        reverse("committees:conflicts"),
        reverse("committees:conflict_create"),
        reverse("committees:conflict_detail", args=[conflict.pk]),
        reverse("committees:conflict_edit", args=[conflict.pk]),
        reverse("committees:conflict_delete", args=[conflict.pk]),
        reverse("committees:step_add", args=[conflict.pk]),
        reverse("committees:step_edit", args=[step.pk]),
        reverse("committees:step_delete", args=[step.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in urls[1:]:
        if url != urls[2]:  # the list and the conflict's page are read only (405)
            assert client.post(url, {}).status_code == 404, url
    assert stored(settlement)[0].title == "Noise at night"
    assert len(stored(settlement, MediationStep)) == 1
    assert audit(action=AuditEvent.Action.READ) == []


def test_another_settlements_coordinator_gets_404_and_changes_nothing(
    client, conflict, other_settlement_coordinator
):
    step = factories.MediationStepFactory(conflict=conflict)
    client.force_login(other_settlement_coordinator)
    for url in (
        reverse("committees:conflict_detail", args=[conflict.pk]),
        reverse("committees:conflict_edit", args=[conflict.pk]),
        reverse("committees:step_edit", args=[step.pk]),
    ):
        assert client.get(url).status_code == 404
    response = client.post(reverse("committees:conflict_delete", args=[conflict.pk]))
    assert response.status_code == 404
    response = client.post(reverse("committees:step_add", args=[conflict.pk]), step_post())
    assert response.status_code == 404
    assert stored(conflict.settlement, MediationStep) == [step]
    assert audit(action=AuditEvent.Action.READ) == []


def test_the_coordinators_tab_leads_to_conflicts(coordinator_client):
    page = text(coordinator_client.get(reverse("committees:partners")))
    assert reverse("committees:conflicts") in page


# --- list ----------------------------------------------------------------------------------


def test_empty_list_explains_and_invites(coordinator_client):
    response = coordinator_client.get(reverse("committees:conflicts"))
    assert response.status_code == 200
    page = text(response)
    assert "Describe without names where you can." in page
    assert "each reading is recorded" in page
    assert "No open conflicts" in page
    assert reverse("committees:conflict_create") in page
    assert 'aria-current="page">Conflicts' in page  # the community tab


def test_list_shows_open_and_in_mediation_by_default(coordinator_client, settlement):
    open_one = factories.ConflictFactory(settlement=settlement, title="Open one")
    mediation = factories.ConflictFactory(
        settlement=settlement, title="In mediation", status=Status.MEDIATION
    )
    factories.ConflictFactory(
        settlement=settlement,
        title="Resolved one",
        status=Status.RESOLVED,
        closed_on=dt.date(2026, 11, 10),
        outcome="Agreed",
    )
    factories.MediationStepFactory(conflict=mediation, date=dt.date(2026, 11, 3))
    factories.MediationStepFactory(conflict=mediation, date=dt.date(2026, 11, 17))
    factories.MediationStepFactory(conflict=mediation, date=dt.date(2026, 11, 9))
    response = coordinator_client.get(reverse("committees:conflicts"))
    # Both opened on the same day: the one recorded last comes first.
    assert [c.title for c in response.context["conflicts"]] == [mediation.title, open_one.title]
    page = text(response)
    assert "Resolved one" not in page
    rows = {c.title: c for c in response.context["conflicts"]}
    assert rows["In mediation"].last_step_on == dt.date(2026, 11, 17)
    assert rows["Open one"].last_step_on is None
    assert "no step yet" in page
    everything = coordinator_client.get(reverse("committees:conflicts"), {"status": "all"})
    assert {c.title for c in everything.context["conflicts"]} == {
        "Open one",
        "In mediation",
        "Resolved one",
    }
    resolved = coordinator_client.get(reverse("committees:conflicts"), {"status": "resolved"})
    assert [c.title for c in resolved.context["conflicts"]] == ["Resolved one"]


def test_list_newest_opened_first(coordinator_client, settlement):
    for day, title in ((5, "Middle"), (1, "Oldest"), (20, "Newest")):
        factories.ConflictFactory(
            settlement=settlement, title=title, opened_on=dt.date(2026, 11, day)
        )
    response = coordinator_client.get(reverse("committees:conflicts"))
    assert [c.title for c in response.context["conflicts"]] == ["Newest", "Middle", "Oldest"]


def test_list_filters_by_kind_and_searches_title_and_description(coordinator_client, settlement):
    factories.ConflictFactory(
        settlement=settlement, title="Dogs in the park", kind=Conflict.Kind.PUBLIC_SPACE
    )
    factories.ConflictFactory(
        settlement=settlement,
        title="Hall bookings",
        kind=Conflict.Kind.GROUPS,
        description="The choir and the youth both want Friday evenings",
    )
    url = reverse("committees:conflicts")
    by_kind = coordinator_client.get(url, {"kind": "public_space"})
    assert [c.title for c in by_kind.context["conflicts"]] == ["Dogs in the park"]
    by_words = coordinator_client.get(url, {"q": "choir friday"})
    assert [c.title for c in by_words.context["conflicts"]] == ["Hall bookings"]
    nothing = coordinator_client.get(url, {"q": "zzz"})
    assert "No conflict matches these filters." in text(nothing)
    bad = coordinator_client.get(url, {"kind": "nonsense", "status": "nonsense"})
    assert bad.status_code == 200
    assert len(bad.context["conflicts"]) == 2


def test_list_htmx_swaps_only_the_table(coordinator_client, settlement, conflict):
    response = coordinator_client.get(
        reverse("committees:conflicts"), {"q": "Noise"}, headers={"HX-Request": "true"}
    )
    page = text(response)
    assert "Noise at night" in page
    assert "<form" not in page
    assert "<html" not in page


def test_list_shows_no_other_settlements_conflicts(
    coordinator_client, settlement, other_settlement
):
    factories.ConflictFactory(settlement=other_settlement, title="ZZ far away")
    page = text(coordinator_client.get(reverse("committees:conflicts"), {"status": "all"}))
    assert "ZZ far away" not in page


def test_list_does_not_record_readings(coordinator_client, conflict):
    coordinator_client.get(reverse("committees:conflicts"))
    assert audit(action=AuditEvent.Action.READ) == []


# --- create --------------------------------------------------------------------------------


def test_create_form_opens_today(coordinator_client):
    response = coordinator_client.get(reverse("committees:conflict_create"))
    assert response.status_code == 200
    page = text(response)
    assert 'value="2026-11-23"' in page
    assert re.search(r'name="opened_on"[^>]*max="2026-11-23"', page)
    assert "<script>" not in page
    assert "Who is involved (without names)" in page


def test_create_records_the_conflict(coordinator_client, settlement, coordinator):
    response = coordinator_client.post(reverse("committees:conflict_create"), conflict_post())
    [conflict] = stored(settlement)
    assert response.status_code == 302
    assert response.url == reverse("committees:conflict_detail", args=[conflict.pk])
    assert conflict.title == "Parking on the upper street"
    assert conflict.parties == "Two neighbouring families"
    assert conflict.status == Status.OPEN
    assert conflict.opened_on == dt.date(2026, 11, 20)
    assert conflict.closed_on is None
    assert conflict.created_by == coordinator
    [event] = audit(action=AuditEvent.Action.CREATED, object_type="conflict")
    assert event.object_id == conflict.pk
    assert event.actor == coordinator
    assert event.summary == ""  # never the content


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "This field is required."),
        ({"kind": "war"}, "kind", "Select a valid choice."),
        ({"description": ""}, "description", "This field is required."),
        ({"opened_on": "2026-11-24"}, "opened_on", "cannot open in the future"),
        ({"opened_on": "not a date"}, "opened_on", "Enter a valid date."),
        ({"status": Status.RESOLVED, "outcome": "Agreed"}, "closed_on", "Give the date"),
        (
            {"status": Status.RESOLVED, "closed_on": "2026-11-21"},
            "outcome",
            "Write the outcome",
        ),
        (
            {"status": Status.UNRESOLVED, "closed_on": "2026-11-19"},
            "closed_on",
            "cannot close before it opened",
        ),
        (
            {"status": Status.UNRESOLVED, "closed_on": "2026-11-30"},
            "closed_on",
            "cannot be in the future",
        ),
        ({"parties": "x" * 301}, "parties", "at most 300 characters"),
    ],
)
def test_create_refuses_bad_input(coordinator_client, settlement, overrides, field, message):
    response = coordinator_client.post(
        reverse("committees:conflict_create"), conflict_post(**overrides)
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved" in text(response)
    assert stored(settlement) == []
    assert audit() == []


def test_empty_post_is_a_400_with_errors(coordinator_client, settlement):
    response = coordinator_client.post(reverse("committees:conflict_create"), {})
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"title", "kind", "description", "opened_on"}
    assert stored(settlement) == []


def test_unresolved_needs_no_outcome(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("committees:conflict_create"),
        conflict_post(status=Status.UNRESOLVED, closed_on="2026-11-22"),
    )
    assert response.status_code == 302
    [conflict] = stored(settlement)
    assert conflict.closed_on == dt.date(2026, 11, 22)


def test_an_open_conflict_drops_a_closing_date(coordinator_client, settlement):
    coordinator_client.post(
        reverse("committees:conflict_create"), conflict_post(closed_on="2026-11-22")
    )
    [conflict] = stored(settlement)
    assert conflict.closed_on is None


def test_extra_fields_cannot_move_the_conflict(
    coordinator_client, settlement, other_settlement, coordinator
):
    other = factories.member(other_settlement, Role.COORDINATOR)
    coordinator_client.post(
        reverse("committees:conflict_create"),
        conflict_post(settlement=other_settlement.pk, created_by=other.pk),
    )
    [conflict] = stored(settlement)
    assert conflict.settlement_id == settlement.pk
    assert conflict.created_by == coordinator


# --- edit ----------------------------------------------------------------------------------


def test_edit_shows_the_conflict_and_records_the_reading(coordinator_client, conflict, coordinator):
    response = coordinator_client.get(reverse("committees:conflict_edit", args=[conflict.pk]))
    assert response.status_code == 200
    assert 'value="Noise at night"' in text(response)
    [event] = audit(action=AuditEvent.Action.READ)
    assert (event.object_type, event.object_id, event.actor) == (
        "conflict",
        conflict.pk,
        coordinator,
    )


def test_edit_resolves_then_reopening_clears_the_closing_date(
    coordinator_client, settlement, conflict
):
    url = reverse("committees:conflict_edit", args=[conflict.pk])
    resolved = conflict_post(
        opened_on="2026-11-01",
        status=Status.RESOLVED,
        closed_on="2026-11-21",
        outcome="They agreed on quiet hours after 22:00.",
    )
    assert coordinator_client.post(url, resolved).status_code == 302
    [row] = stored(settlement)
    assert (row.status, row.closed_on) == (Status.RESOLVED, dt.date(2026, 11, 21))
    assert row.outcome.startswith("They agreed")
    reopened = {**resolved, "status": Status.MEDIATION}
    assert coordinator_client.post(url, reopened).status_code == 302
    [row] = stored(settlement)
    assert (row.status, row.closed_on) == (Status.MEDIATION, None)
    assert len(audit(action=AuditEvent.Action.CHANGED, object_type="conflict")) == 2


def test_edit_cannot_open_after_the_first_step(coordinator_client, settlement, conflict):
    factories.MediationStepFactory(conflict=conflict, date=dt.date(2026, 11, 5))
    response = coordinator_client.post(
        reverse("committees:conflict_edit", args=[conflict.pk]),
        conflict_post(opened_on="2026-11-06"),
    )
    assert response.status_code == 400
    assert "first mediation step" in " ".join(response.context["form"].errors["opened_on"])
    assert stored(settlement)[0].title == "Noise at night"


def test_unchanged_edit_writes_nothing(coordinator_client, conflict):
    data = conflict_post(
        title=conflict.title,
        kind=conflict.kind,
        description=conflict.description,
        parties="",
        opened_on="2026-11-01",
    )
    coordinator_client.post(reverse("committees:conflict_edit", args=[conflict.pk]), data)
    assert audit(action=AuditEvent.Action.CHANGED) == []


# --- the conflict's page -------------------------------------------------------------------


def test_detail_shows_steps_in_date_order_and_records_one_reading(
    coordinator_client, conflict, coordinator
):
    later = factories.MediationStepFactory(
        conflict=conflict,
        date=dt.date(2026, 11, 20),
        kind=MediationStep.Kind.MEDIATION,
        next_step="Sign the agreement",
    )
    earlier = factories.MediationStepFactory(
        conflict=conflict, date=dt.date(2026, 11, 2), notes="Heard the first family"
    )
    response = coordinator_client.get(reverse("committees:conflict_detail", args=[conflict.pk]))
    assert response.status_code == 200
    assert response.context["steps"] == [earlier, later]
    page = text(response)
    assert page.index("Heard the first family") < page.index("Sign the agreement")
    assert "Mediation session" in page
    assert reverse("committees:step_add", args=[conflict.pk]) in page
    assert "Adding a step puts the conflict in mediation." in page
    assert "<script>" not in page and "style=" not in page
    [event] = audit(action=AuditEvent.Action.READ)
    assert (event.object_type, event.object_id, event.actor) == (
        "conflict",
        conflict.pk,
        coordinator,
    )
    assert event.settlement_id == conflict.settlement_id


def test_each_reading_is_recorded(coordinator_client, conflict):
    url = reverse("committees:conflict_detail", args=[conflict.pk])
    coordinator_client.get(url)
    coordinator_client.get(url)
    assert len(audit(action=AuditEvent.Action.READ, object_id=conflict.pk)) == 2


def test_detail_of_a_missing_conflict_is_404(coordinator_client):
    assert (
        coordinator_client.get(reverse("committees:conflict_detail", args=[999])).status_code == 404
    )
    assert coordinator_client.get("/committees/conflicts/99999999999999999999/").status_code == 404


# --- steps ---------------------------------------------------------------------------------


def test_a_first_step_puts_an_open_conflict_in_mediation(coordinator_client, settlement, conflict):
    response = coordinator_client.post(
        reverse("committees:step_add", args=[conflict.pk]), step_post(), follow=True
    )
    assert response.redirect_chain[-1][0].endswith("#steps")
    assert "The conflict is now in mediation." in text(response)
    [step] = stored(settlement, MediationStep)
    assert (step.date, step.kind, step.next_step) == (
        dt.date(2026, 11, 22),
        MediationStep.Kind.JOINT_MEETING,
        "Meet again in two weeks",
    )
    assert stored(settlement)[0].status == Status.MEDIATION
    assert audit(action=AuditEvent.Action.CREATED, object_type="mediationstep")


def test_a_step_of_a_resolved_conflict_keeps_its_status(coordinator_client, settlement):
    conflict = factories.ConflictFactory(
        settlement=settlement,
        status=Status.RESOLVED,
        closed_on=dt.date(2026, 11, 10),
        outcome="Agreed",
    )
    response = coordinator_client.post(
        reverse("committees:step_add", args=[conflict.pk]),
        step_post(kind=MediationStep.Kind.FOLLOW_UP),
        follow=True,
    )
    assert "The step was added." in text(response)
    assert "now in mediation" not in text(response)
    assert stored(settlement)[0].status == Status.RESOLVED


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": "2026-10-31"}, "a step cannot be before it"),
        ({"date": "2026-11-24"}, "not in the future"),
        ({"date": ""}, "This field is required."),
        ({"kind": "shouting"}, "Select a valid choice."),
    ],
)
def test_step_add_refuses_bad_input_on_the_conflicts_page(
    coordinator_client, settlement, conflict, overrides, message
):
    response = coordinator_client.post(
        reverse("committees:step_add", args=[conflict.pk]), step_post(**overrides)
    )
    assert response.status_code == 400
    assert message in " ".join(
        str(e) for errors in response.context["step_form"].errors.values() for e in errors
    )
    assert "The step was not saved." in text(response)
    assert "Noise at night" in text(response)  # the whole page again
    assert stored(settlement, MediationStep) == []
    assert stored(settlement)[0].status == Status.OPEN
    assert len(audit(action=AuditEvent.Action.READ)) == 1  # the page shown again


def test_step_add_get_shows_the_form_alone(coordinator_client, conflict):
    response = coordinator_client.get(reverse("committees:step_add", args=[conflict.pk]))
    assert response.status_code == 200
    assert 'value="2026-11-23"' in text(response)
    assert re.search(r'name="date"[^>]*min="2026-11-01"', text(response))


def test_step_edit_changes_it_and_records_the_reading(coordinator_client, settlement, conflict):
    step = factories.MediationStepFactory(conflict=conflict)
    url = reverse("committees:step_edit", args=[step.pk])
    page = text(coordinator_client.get(url))
    assert "Listened to one side" in page
    assert [e.object_type for e in audit(action=AuditEvent.Action.READ)] == ["mediationstep"]
    response = coordinator_client.post(url, step_post(notes="Listened to both sides"))
    assert response.status_code == 302
    [row] = stored(settlement, MediationStep)
    assert row.notes == "Listened to both sides"
    assert stored(settlement)[0].status == Status.OPEN  # editing does not move it
    bad = coordinator_client.post(url, step_post(date="2026-12-01"))
    assert bad.status_code == 400
    assert stored(settlement, MediationStep)[0].date == dt.date(2026, 11, 22)


def test_step_delete_asks_then_deletes(coordinator_client, settlement, conflict):
    step = factories.MediationStepFactory(conflict=conflict)
    url = reverse("committees:step_delete", args=[step.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "Delete the step" in text(confirm)
    assert stored(settlement, MediationStep) == [step]
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert stored(settlement, MediationStep) == []
    assert stored(settlement) == [conflict]


def test_conflict_delete_asks_then_deletes_with_its_steps(coordinator_client, settlement, conflict):
    factories.MediationStepFactory.create_batch(2, conflict=conflict)
    url = reverse("committees:conflict_delete", args=[conflict.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "Its 2 mediation steps are deleted with it." in text(confirm)
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("committees:conflicts")
    assert stored(settlement) == []
    assert stored(settlement, MediationStep) == []
    assert audit(action=AuditEvent.Action.DELETED, object_type="conflict")


# --- services guard against bugs -----------------------------------------------------------


def test_services_refuse_what_the_forms_refuse(settlement, coordinator, conflict):
    with scope(settlement=settlement.pk):
        with pytest.raises(services.InvalidConflict):
            services.conflict_create(
                settlement=settlement,
                data={
                    **conflict_post(status=Status.RESOLVED, outcome="Agreed"),
                    "opened_on": TODAY,
                    "closed_on": None,
                },
                by=coordinator,
            )
        with pytest.raises(services.InvalidConflict):
            services.step_add(
                conflict=conflict,
                data={"date": dt.date(2026, 10, 1), "kind": MediationStep.Kind.FOLLOW_UP},
                by=coordinator,
            )
        with pytest.raises(services.InvalidConflict):
            services.step_add(
                conflict=conflict,
                data={"date": TODAY + dt.timedelta(days=1), "kind": MediationStep.Kind.FOLLOW_UP},
                by=coordinator,
            )
        assert not MediationStep.objects.exists()


# --- the demo ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "he", "sl"])
def test_demo_seeds_conflicts_once(db, language):
    from committees.demo_conflicts import seed

    settlement = factories.SettlementFactory(language=language)
    with scope(settlement=settlement.pk):
        seed(settlement)
        seed(settlement)
        conflicts = list(Conflict.objects.order_by("opened_on"))
        steps = list(MediationStep.objects.order_by("date"))
    assert [c.status for c in conflicts] == [Status.RESOLVED, Status.MEDIATION]
    assert len(steps) == 2
    assert all(s.conflict.opened_on <= s.date <= TODAY for s in steps)

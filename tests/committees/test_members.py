"""A committee's members: residents in a role for a term, shown on the committee's page,
added with a name search that works without scripts, changed and removed by the
coordinator and by the committee's own chairs only."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from committees import services_members as services
from committees.models import Committee, CommitteeMember
from coordinator.models import Role
from tests import factories

HTMX = {"HX-Request": "true"}


def text(response) -> str:
    return response.content.decode()


def members(settlement, **filters) -> list[CommitteeMember]:
    with scope(settlement=settlement.pk):
        return list(
            CommitteeMember.objects.filter(**filters).select_related("resident").order_by("pk")
        )


@pytest.fixture
def chair_b(settlement):
    return factories.member(settlement, Role.CHAIR, username="chair_b")


@pytest.fixture
def committee(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def committee_b(settlement, chair_b):
    return factories.CommitteeFactory(settlement=settlement, name="Youth", chairs=[chair_b])


@pytest.fixture
def dana(settlement):
    return factories.ResidentFactory(settlement=settlement, first_name="Dana", last_name="Levi")


@pytest.fixture
def foreign_resident(other_settlement):
    return factories.ResidentFactory(
        settlement=other_settlement, first_name="Dana", last_name="Faraway"
    )


def add_url(committee) -> str:
    return reverse("committees:member_add", args=[committee.pk])


def post_data(resident, **overrides):
    data = {"resident": resident.pk, "role": "member", "term_start": "2026-01-01", "term_end": ""}
    data.update(overrides)
    return data


# --- the committee's page --------------------------------------------------------------------


def test_page_lists_members_with_role_term_and_state(coordinator_client, settlement, committee):
    chair_resident = factories.ResidentFactory(
        settlement=settlement, first_name="Avi", last_name="Cohen"
    )
    factories.CommitteeMemberFactory(
        committee=committee,
        resident=chair_resident,
        role="chair",
        term_start=dt.date(2025, 1, 1),
        term_end=dt.date(2027, 12, 31),
    )
    factories.CommitteeMemberFactory(
        committee=committee,
        resident__first_name="Ben",
        resident__last_name="Old",
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2025, 12, 31),
    )
    factories.CommitteeMemberFactory(
        committee=committee,
        resident__first_name="Gal",
        resident__last_name="New",
        role="deputy",
        term_start=dt.date(2027, 1, 1),
    )
    response = coordinator_client.get(reverse("committees:detail", args=[committee.pk]))
    assert response.status_code == 200
    rows = response.context["members"]
    # Chairs first, then deputies, then members.
    assert [m.resident.first_name for m in rows] == ["Avi", "Gal", "Ben"]
    assert [m.term_state for m in rows] == ["current", "upcoming", "ended"]
    page = text(response)
    assert "Avi Cohen" in page and "Chair" in page and "Deputy" in page
    assert "ended" in page and "current" in page and "not started yet" in page
    # The coordinator reads the registry: names link to the residents' pages.
    assert reverse("residents:detail", args=[chair_resident.pk]) in page
    assert reverse("committees:member_add", args=[committee.pk]) in page
    assert reverse("committees:member_edit", args=[rows[0].pk]) in page
    assert reverse("committees:member_remove", args=[rows[0].pk]) in page


def test_chair_sees_plain_names_and_edit_buttons(client, chair, settlement, committee, dana):
    member = factories.CommitteeMemberFactory(committee=committee, resident=dana)
    client.force_login(chair)
    page = text(client.get(reverse("committees:detail", args=[committee.pk])))
    assert "Dana Levi" in page
    assert reverse("residents:detail", args=[dana.pk]) not in page  # no registry for chairs
    assert reverse("committees:member_edit", args=[member.pk]) in page


@pytest.mark.parametrize("role", [Role.BOARD, Role.SECRETARY])
def test_board_and_secretary_read_without_edit_buttons(client, settlement, committee, dana, role):
    member = factories.CommitteeMemberFactory(committee=committee, resident=dana)
    client.force_login(factories.member(settlement, role))
    response = client.get(reverse("committees:detail", args=[committee.pk]))
    page = text(response)
    assert response.status_code == 200 and "Dana Levi" in page
    assert reverse("committees:member_add", args=[committee.pk]) not in page
    assert reverse("committees:member_edit", args=[member.pk]) not in page
    # The secretary reads the registry, the board does not.
    linked = reverse("residents:detail", args=[dana.pk]) in page
    assert linked == (role == Role.SECRETARY)
    for url in (
        add_url(committee),
        reverse("committees:member_edit", args=[member.pk]),
        reverse("committees:member_remove", args=[member.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, post_data(dana, role="chair")).status_code == 404
    assert [m.role for m in members(settlement)] == ["member"]


def test_empty_committee_invites_to_add_members(coordinator_client, committee):
    page = text(coordinator_client.get(reverse("committees:detail", args=[committee.pk])))
    assert "No members yet." in page
    assert "Add the residents who serve on the committee" in page


# --- adding ----------------------------------------------------------------------------------


def test_add_a_member(coordinator_client, settlement, committee, dana):
    response = coordinator_client.post(
        add_url(committee),
        post_data(dana, role="deputy", term_start="2026-01-01", term_end="2027-12-31"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:detail", args=[committee.pk])
    [member] = members(settlement)
    assert (member.committee_id, member.resident_id, member.role) == (
        committee.pk,
        dana.pk,
        "deputy",
    )
    assert (member.term_start, member.term_end) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    page = text(coordinator_client.get(response["Location"]))
    assert "Dana Levi was added to the committee." in page


def test_add_form_starts_today_as_a_member(coordinator_client, committee):
    response = coordinator_client.get(add_url(committee))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["role"] == "member"
    assert form.initial["term_start"] == dt.date(2026, 11, 23)
    page = text(response)
    assert 'for="id_resident_q"' in page and 'name="find"' in page


def test_a_member_role_chair_is_not_a_login_chair(coordinator_client, settlement, committee, dana):
    """A resident chairing the committee is not an account that may edit it."""
    coordinator_client.post(add_url(committee), post_data(dana, role="chair"))
    assert [m.role for m in members(settlement)] == ["chair"]
    with scope(settlement=settlement.pk):
        chairs = list(Committee.objects.get(pk=committee.pk).chairs.values_list("username"))
    assert chairs == [("chair",)]


def test_chair_adds_to_their_own_committee(client, chair, settlement, committee, dana):
    client.force_login(chair)
    assert client.post(add_url(committee), post_data(dana)).status_code == 302
    assert [m.resident_id for m in members(settlement, committee=committee)] == [dana.pk]


def test_a_resident_already_on_the_committee_is_refused(
    coordinator_client, settlement, committee, dana
):
    factories.CommitteeMemberFactory(committee=committee, resident=dana, role="deputy")
    response = coordinator_client.post(add_url(committee), post_data(dana, role="chair"))
    assert response.status_code == 400
    assert "Dana Levi is already on this committee." in text(response)
    assert [m.role for m in members(settlement)] == ["deputy"]


def test_the_same_resident_may_serve_on_two_committees(
    coordinator_client, settlement, committee, committee_b, dana
):
    factories.CommitteeMemberFactory(committee=committee_b, resident=dana)
    assert coordinator_client.post(add_url(committee), post_data(dana)).status_code == 302
    assert len(members(settlement, resident=dana)) == 2


def test_another_settlements_resident_is_refused(
    coordinator_client, settlement, committee, foreign_resident
):
    response = coordinator_client.post(add_url(committee), post_data(foreign_resident))
    assert response.status_code == 400
    assert "Choose a current resident of this settlement from the list." in text(response)
    assert members(settlement) == []
    assert "Faraway" not in text(response)


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999", ""])
def test_bad_resident_ids_are_refused(coordinator_client, settlement, committee, dana, value):
    response = coordinator_client.post(add_url(committee), {**post_data(dana), "resident": value})
    assert response.status_code == 400
    assert members(settlement) == []


def test_an_archived_resident_is_refused(coordinator_client, settlement, committee):
    gone = factories.ResidentFactory(settlement=settlement, archived_at=factories.FIXED_NOW)
    response = coordinator_client.post(add_url(committee), post_data(gone))
    assert response.status_code == 400
    assert members(settlement) == []


def test_a_term_ending_before_it_starts_is_refused(coordinator_client, settlement, committee, dana):
    response = coordinator_client.post(
        add_url(committee), post_data(dana, term_start="2026-06-01", term_end="2026-05-31")
    )
    assert response.status_code == 400
    assert "The term cannot end before it starts." in text(response)
    assert members(settlement) == []


def test_an_empty_form_says_what_is_missing(coordinator_client, settlement, committee):
    response = coordinator_client.post(add_url(committee), {})
    assert response.status_code == 400
    page = text(response)
    assert "Choose the resident who joins the committee." in page
    assert "Nothing was saved." in page
    assert members(settlement) == []


def test_a_bad_role_is_refused(coordinator_client, settlement, committee, dana):
    response = coordinator_client.post(add_url(committee), post_data(dana, role="coordinator"))
    assert response.status_code == 400
    assert members(settlement) == []


# --- the resident picker ---------------------------------------------------------------------


def test_picker_search_by_htmx_swaps_only_the_results(
    coordinator_client, settlement, committee, dana, foreign_resident
):
    factories.ResidentFactory(settlement=settlement, first_name="Danae", last_name="Member")
    already = factories.ResidentFactory(settlement=settlement, first_name="Dana", last_name="On")
    factories.CommitteeMemberFactory(committee=committee, resident=already)
    factories.ResidentFactory(
        settlement=settlement, first_name="Dana", last_name="Gone", archived_at=factories.FIXED_NOW
    )
    response = coordinator_client.get(add_url(committee), {"resident_q": "dan"}, headers=HTMX)
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    names = [r.full_name for r in response.context["matches"]]
    # Only current residents of this settlement who are not on the committee yet.
    assert names == ["Dana Levi", "Danae Member"]
    assert 'type="radio" name="resident"' in page


def test_picker_keeps_the_chosen_resident(coordinator_client, committee, dana):
    other = factories.ResidentFactory(
        settlement=committee.settlement, first_name="Noa", last_name="Bar"
    )
    response = coordinator_client.get(
        add_url(committee), {"resident_q": "Noa", "resident": dana.pk}, headers=HTMX
    )
    assert response.context["chosen"] == dana
    assert [r.pk for r in response.context["matches"]] == [other.pk]
    assert f'value="{dana.pk}" id="resident-{dana.pk}" checked' in text(response)


def test_picker_never_shows_another_settlements_resident_as_chosen(
    coordinator_client, committee, foreign_resident
):
    response = coordinator_client.get(
        add_url(committee), {"resident_q": "Dana", "resident": foreign_resident.pk}, headers=HTMX
    )
    assert response.context["chosen"] is None
    assert "Faraway" not in text(response)


def test_picker_without_scripts_finds_then_saves(coordinator_client, settlement, committee, dana):
    """The "Find residents" button searches and shows the form again, saving nothing."""
    url = add_url(committee)
    response = coordinator_client.post(
        url, {"resident_q": "Levi", "find": "1", "role": "deputy", "term_start": "2026-02-01"}
    )
    assert response.status_code == 200
    assert [r.pk for r in response.context["matches"]] == [dana.pk]
    assert not response.context["form"].errors
    assert response.context["form"].initial["role"] == "deputy"
    assert members(settlement) == []
    # The resident is ticked and the form sent (Enter with an empty search also saves).
    saved = coordinator_client.post(url, {**post_data(dana), "find": "1", "resident_q": ""})
    assert saved.status_code == 302
    assert len(members(settlement)) == 1


def test_picker_scales_to_hundreds_of_residents(coordinator_client, settlement, committee):
    factories.ResidentFactory.create_batch(320, settlement=settlement)
    first = coordinator_client.get(add_url(committee))
    assert first.context["matches"] == []  # nothing listed before a search
    response = coordinator_client.get(add_url(committee), {"resident_q": "First"}, headers=HTMX)
    assert len(response.context["matches"]) == 20
    assert "Only the first 20 are shown" in text(response)


# --- editing and removing --------------------------------------------------------------------


def test_edit_role_and_term(coordinator_client, settlement, committee, dana):
    member = factories.CommitteeMemberFactory(committee=committee, resident=dana)
    url = reverse("committees:member_edit", args=[member.pk])
    form = coordinator_client.get(url)
    assert form.status_code == 200 and "Dana Levi" in text(form)
    response = coordinator_client.post(
        url, {"role": "chair", "term_start": "2026-01-01", "term_end": "2026-12-31"}
    )
    assert response.status_code == 302
    [stored] = members(settlement)
    assert (stored.role, stored.term_start, stored.term_end) == (
        "chair",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert stored.resident_id == dana.pk  # the resident itself cannot be changed


def test_edit_refuses_a_term_ending_before_it_starts(
    coordinator_client, settlement, committee, dana
):
    member = factories.CommitteeMemberFactory(committee=committee, resident=dana)
    response = coordinator_client.post(
        reverse("committees:member_edit", args=[member.pk]),
        {"role": "chair", "term_start": "2026-05-01", "term_end": "2026-04-01"},
    )
    assert response.status_code == 400
    assert "The term cannot end before it starts." in text(response)
    [stored] = members(settlement)
    assert (stored.role, stored.term_start) == ("member", None)


def test_remove_asks_then_removes(coordinator_client, settlement, committee, dana):
    member = factories.CommitteeMemberFactory(committee=committee, resident=dana)
    url = reverse("committees:member_remove", args=[member.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "Remove Dana Levi from Culture?" in text(confirm)
    assert members(settlement) != []
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:detail", args=[committee.pk])
    assert members(settlement) == []
    with scope(settlement=settlement.pk):
        dana.refresh_from_db()  # the resident stays in the registry


# --- one committee's chair and another's ---------------------------------------------------


def test_chair_of_a_gets_404_on_every_member_url_of_b(
    client, chair, settlement, committee, committee_b, dana
):
    member = factories.CommitteeMemberFactory(committee=committee_b, resident=dana)
    client.force_login(chair)
    assert client.get(reverse("committees:detail", args=[committee_b.pk])).status_code == 404
    urls = [
        add_url(committee_b),
        reverse("committees:member_edit", args=[member.pk]),
        reverse("committees:member_remove", args=[member.pk]),
    ]
    other = factories.ResidentFactory(settlement=settlement)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.get(url, {"resident_q": "First"}, headers=HTMX).status_code == 404, url
        response = client.post(url, post_data(other, role="chair", term_end="2030-01-01"))
        assert response.status_code == 404, url
    [stored] = members(settlement)
    assert (stored.pk, stored.role, stored.term_end) == (member.pk, "member", None)


def test_another_settlements_member_is_404(coordinator_client, other_settlement):
    far = factories.CommitteeMemberFactory(committee__settlement=other_settlement)
    for name in ("committees:member_edit", "committees:member_remove"):
        url = reverse(name, args=[far.pk])
        assert coordinator_client.get(url).status_code == 404
        assert coordinator_client.post(url, {"role": "chair"}).status_code == 404
    assert [m.role for m in members(other_settlement)] == ["member"]


# --- services --------------------------------------------------------------------------------


def test_service_refuses_foreign_residents_duplicates_and_bad_terms(
    settlement, committee, dana, foreign_resident
):
    with scope(settlement=settlement.pk):
        with pytest.raises(services.ForeignObject):
            services.member_add(committee=committee, resident=foreign_resident)
        with pytest.raises(services.TermEndsBeforeItStarts):
            services.member_add(
                committee=committee,
                resident=dana,
                term_start=dt.date(2026, 2, 1),
                term_end=dt.date(2026, 1, 1),
            )
        member = services.member_add(committee=committee, resident=dana, role="deputy")
        with pytest.raises(services.AlreadyMember):
            services.member_add(committee=committee, resident=dana)
        assert services.member_update(member=member, data={"role": "deputy"}) is False
        assert services.member_update(member=member, data={"role": "chair"}) is True
        with pytest.raises(services.TermEndsBeforeItStarts):
            services.member_update(
                member=member,
                data={"term_start": dt.date(2026, 2, 1), "term_end": dt.date(2026, 1, 1)},
            )
        assert CommitteeMember.objects.get(pk=member.pk).term_start is None


def test_member_changes_are_in_the_audit_trail(
    coordinator_client, coordinator, settlement, committee, dana
):
    """Adding, changing and removing a member each leave a history row with who did it,
    shown in the settlement's trail."""
    coordinator_client.post(add_url(committee), post_data(dana, role="member"))
    [member] = members(settlement)
    coordinator_client.post(
        reverse("committees:member_edit", args=[member.pk]),
        post_data(dana, role="deputy"),
    )
    coordinator_client.post(reverse("committees:member_remove", args=[member.pk]))
    with scope(settlement=settlement.pk):
        rows = list(CommitteeMember.history.filter(id=member.pk).order_by("history_id"))
    assert [(row.history_type, row.role) for row in rows] == [
        ("+", "member"),
        ("~", "deputy"),
        ("-", "deputy"),
    ]
    assert {row.history_user_id for row in rows} == {coordinator.pk}
    trail = coordinator_client.get(reverse("audit:list"), {"kind": "committee_member"})
    assert trail.status_code == 200
    assert trail.content.decode().count("<td>Dana Levi</td>") == 3

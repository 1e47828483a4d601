"""The pages of the core, and the committees pages, as each role sees them."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scope

from committees.models import Committee
from coordinator.middleware import SESSION_KEY
from coordinator.models import Household, Neighbourhood, Resident, Role, Tag
from tests import factories

TODAY = dt.date(2026, 11, 23)


def text(response) -> str:
    return response.content.decode()


def row_names(response) -> list[str]:
    return re.findall(r"<a href=\"/residents/\d+/\">([^<]+)</a>", text(response))


def stored(settlement, model, **filters):
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters))


# --- home ------------------------------------------------------------------------------------


def test_coordinator_home_counts_and_due_this_week(coordinator_client, settlement):
    household = factories.HouseholdFactory(settlement=settlement)
    factories.ResidentFactory(
        settlement=settlement,
        first_name="Arriving",
        last_name="Soon",
        arrival_date=TODAY + dt.timedelta(days=2),
        household=household,
    )
    factories.ResidentFactory(
        settlement=settlement,
        first_name="Round",
        last_name="Fifty",
        birth_date=dt.date(1976, 11, 26),
    )
    factories.ResidentFactory(
        settlement=settlement, first_name="Not", last_name="Round", birth_date=dt.date(1977, 11, 25)
    )
    factories.ResidentFactory(
        settlement=settlement,
        first_name="Next",
        last_name="Month",
        arrival_date=TODAY + dt.timedelta(days=7),
    )
    factories.ResidentFactory(
        settlement=settlement,
        first_name="Gone",
        last_name="Away",
        arrival_date=TODAY,
        archived_at=factories.FIXED_NOW,
    )
    factories.CommitteeFactory(settlement=settlement)
    response = coordinator_client.get(reverse("home"))
    assert response.status_code == 200
    page = text(response)
    assert "Home Village: this week" in page
    counts = {str(c.label): c.value for c in response.context["counts"]}
    assert counts == {
        "Residents": 4,
        "Households": 1,
        "Arrived in the last 12 months": 2,
        "Without contact details": 0,
        "Committees": 1,
    }
    titles = [item.title for item in response.context["due"]]
    assert titles == ["Arriving Soon arrives: welcome them", "Round Fifty turns 50"]
    assert "Arriving Soon arrives: welcome them" in page
    assert "Round Fifty turns 50" in page
    assert "Not Round" not in page and "Next Month" not in page and "Gone Away" not in page


def test_coordinator_home_with_nothing_due(coordinator_client):
    response = coordinator_client.get(reverse("home"))
    assert response.status_code == 200
    assert "Nothing is due this week." in text(response)


def test_home_shows_age_groups(coordinator_client, settlement):
    factories.ResidentFactory(settlement=settlement, birth_date=dt.date(2015, 1, 1))
    factories.ResidentFactory(settlement=settlement, birth_date=dt.date(1950, 1, 1))
    factories.ResidentFactory(settlement=settlement, birth_date=None)
    response = coordinator_client.get(reverse("home"))
    groups = {row["label"]: row["value"] for row in response.context["age_groups"]}
    assert groups["Children"] == 1
    assert groups["Seniors"] == 1
    assert groups["Birth date unknown"] == 1
    assert "Residents by age group" in text(response)


def test_chair_home_shows_my_committees(client, chair, settlement):
    factories.CommitteeFactory(settlement=settlement, name="Culture club", chairs=[chair])
    factories.CommitteeFactory(settlement=settlement, name="Sports club")
    client.force_login(chair)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = text(response)
    assert "My committees" in page
    assert "Culture club" in page
    assert "Sports club" not in page
    assert "Committee chair" in page


def test_chair_without_committee(client, chair):
    client.force_login(chair)
    response = client.get(reverse("home"))
    assert "You do not chair a committee yet." in text(response)


def test_home_of_a_user_without_a_role(client, db):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "has no role in any settlement" in text(response)


def test_home_of_council_staff_is_the_dashboard(client, council_staff, settlement):
    client.force_login(council_staff)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert settlement.name in text(response)
    assert "Numbers only" in text(response)


# --- residents -------------------------------------------------------------------------------


@pytest.fixture
def registry(settlement):
    north = factories.NeighbourhoodFactory(settlement=settlement, name="North")
    volunteer = factories.TagFactory(settlement=settlement, name="volunteer")
    household = factories.HouseholdFactory(settlement=settlement, name="Hill house")
    child = factories.ResidentFactory(
        settlement=settlement, first_name="Cilka", last_name="Child", birth_date=dt.date(2016, 5, 1)
    )
    adult = factories.ResidentFactory(
        settlement=settlement,
        first_name="Ana",
        last_name="Adult",
        birth_date=dt.date(1980, 5, 1),
        neighbourhood=north,
        household=household,
    )
    adult.tags.add(volunteer)
    senior = factories.ResidentFactory(
        settlement=settlement,
        first_name="Stane",
        last_name="Senior",
        birth_date=dt.date(1940, 5, 1),
        email="stane@example.org",
    )
    archived = factories.ResidentFactory(
        settlement=settlement,
        first_name="Arhiv",
        last_name="Archived",
        archived_at=factories.FIXED_NOW,
    )
    return {
        "north": north,
        "volunteer": volunteer,
        "household": household,
        "child": child,
        "adult": adult,
        "senior": senior,
        "archived": archived,
    }


def test_residents_list(coordinator_client, registry):
    response = coordinator_client.get(reverse("residents:list"))
    assert response.status_code == 200
    assert row_names(response) == ["Adult, Ana", "Child, Cilka", "Senior, Stane"]
    page = text(response)
    assert "3 residents" in page
    assert "Hill house" in page and "North" in page and "volunteer" in page
    assert "Children" in page and "Adults" in page and "Seniors" in page  # age groups
    assert "<html" in page


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"q": "stane"}, ["Senior, Stane"]),
        ({"q": "example.org senior"}, ["Senior, Stane"]),
        ({"q": "hill"}, ["Adult, Ana"]),  # the household's name
        ({"q": "nobody"}, []),
        ({"age_group": "children"}, ["Child, Cilka"]),
        ({"age_group": "adults"}, ["Adult, Ana"]),
        ({"age_group": "seniors"}, ["Senior, Stane"]),
        ({"age_group": "youth"}, []),
        ({"archived": "on"}, ["Archived, Arhiv"]),
    ],
)
def test_residents_list_filters(coordinator_client, registry, params, names):
    response = coordinator_client.get(reverse("residents:list"), params)
    assert response.status_code == 200
    assert row_names(response) == names


def test_residents_list_by_neighbourhood_and_tag(coordinator_client, registry):
    by_place = coordinator_client.get(
        reverse("residents:list"), {"neighbourhood": registry["north"].pk}
    )
    assert row_names(by_place) == ["Adult, Ana"]
    by_tag = coordinator_client.get(reverse("residents:list"), {"tag": registry["volunteer"].pk})
    assert row_names(by_tag) == ["Adult, Ana"]


def test_a_stale_filter_value_drops_only_itself(coordinator_client, registry, other_settlement):
    """A tag id that is gone (or of another settlement) must not throw away the search."""
    foreign_tag = factories.TagFactory(settlement=other_settlement)
    response = coordinator_client.get(
        reverse("residents:list"), {"q": "stane", "tag": foreign_tag.pk, "age_group": "bogus"}
    )
    assert response.status_code == 200
    assert row_names(response) == ["Senior, Stane"]


def test_residents_list_no_match_message(coordinator_client, registry):
    response = coordinator_client.get(reverse("residents:list"), {"q": "nobody"})
    assert "No resident matches these filters." in text(response)


def test_residents_list_empty_registry(coordinator_client):
    response = coordinator_client.get(reverse("residents:list"))
    assert "The registry is empty." in text(response)


def test_residents_list_pagination(coordinator_client, settlement):
    for n in range(30):
        factories.ResidentFactory(settlement=settlement, last_name=f"Name{n:02d}")
    first = coordinator_client.get(reverse("residents:list"))
    assert len(row_names(first)) == 25
    assert "Page 1 of 2" in text(first)
    second = coordinator_client.get(reverse("residents:list"), {"page": 2, "q": "name"})
    names = row_names(second)
    assert len(names) == 5
    assert names[-1].startswith("Name29")
    assert "Page 2 of 2" in text(second)
    assert "?q=name&amp;page=1" in text(second)


def test_htmx_request_gets_the_table_partial(coordinator_client, registry):
    response = coordinator_client.get(
        reverse("residents:list"), {"q": "stane"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    assert "<table" in page
    assert row_names(response) == ["Senior, Stane"]


def test_resident_detail(coordinator_client, registry):
    adult = registry["adult"]
    response = coordinator_client.get(reverse("residents:detail", args=[adult.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Ana Adult" in page
    assert "Adults" in page  # age group
    assert "Hill house" in page and "volunteer" in page
    assert reverse("residents:edit", args=[adult.pk]) in page
    assert "no-store" in response["Cache-Control"]  # personal data stays out of caches


def test_resident_create(coordinator_client, settlement, registry):
    response = coordinator_client.post(
        reverse("residents:create"),
        {
            "first_name": "Nova",
            "last_name": "Oseba",
            "birth_date": "1995-06-07",
            "household": registry["household"].pk,
            "phone": "+386 40 000 000",
            "email": "nova@example.org",
            "preferred_language": "sl",
            "tags": [registry["volunteer"].pk],
            "new_tags": "new family, choir",
        },
    )
    assert response.status_code == 302
    [resident] = stored(settlement, Resident, first_name="Nova")
    assert response["Location"] == reverse("residents:detail", args=[resident.pk])
    with scope(settlement=settlement.pk):
        assert resident.birth_date == dt.date(1995, 6, 7)
        assert resident.household == registry["household"]
        assert sorted(t.name for t in resident.tags.all()) == ["choir", "new family", "volunteer"]
    assert "Nova Oseba was added." in text(coordinator_client.get(response["Location"]))


def test_resident_create_form_renders(coordinator_client, registry):
    response = coordinator_client.get(reverse("residents:create"))
    assert response.status_code == 200
    assert "Add a resident" in text(response)
    assert "Hill house" in text(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first_name": "", "last_name": ""}, "This field is required."),
        ({"birth_date": "2026-11-24"}, "The birth date cannot be in the future."),
        ({"birth_date": "1899-12-31"}, "The birth date cannot be before 1900."),
        ({"phone": "abc"}, "Write the phone number with digits, spaces and + only."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"birth_date": "31.02.1990"}, "Enter a valid date."),
    ],
)
def test_resident_create_invalid(coordinator_client, settlement, data, message):
    valid = {"first_name": "Nova", "last_name": "Oseba", "preferred_language": "en"}
    response = coordinator_client.post(reverse("residents:create"), {**valid, **data})
    assert response.status_code == 400
    assert message in text(response)
    assert stored(settlement, Resident) == []


def test_resident_create_duplicate(coordinator_client, settlement, registry):
    response = coordinator_client.post(
        reverse("residents:create"),
        {
            "first_name": "ana",
            "last_name": "adult",
            "birth_date": "1980-05-01",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 400
    assert "A resident with this name and birth date is already in the registry." in text(response)
    assert len(stored(settlement, Resident, last_name__iexact="adult")) == 1


def test_resident_create_refuses_another_settlements_household(
    coordinator_client, settlement, other_settlement
):
    foreign = factories.HouseholdFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("residents:create"),
        {"first_name": "N", "last_name": "O", "household": foreign.pk, "preferred_language": "en"},
    )
    assert response.status_code == 400
    assert "Select a valid choice." in text(response)
    assert stored(settlement, Resident) == []


def test_resident_edit(coordinator_client, settlement, registry):
    adult = registry["adult"]
    url = reverse("residents:edit", args=[adult.pk])
    form = coordinator_client.get(url)
    assert form.status_code == 200
    assert 'value="Ana"' in text(form)
    response = coordinator_client.post(
        url,
        {
            "first_name": "Ana",
            "last_name": "Adult-Kos",
            "birth_date": "1980-05-01",
            "preferred_language": "en",
            "phone": "040 111 222",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:detail", args=[adult.pk])
    [resident] = stored(settlement, Resident, pk=adult.pk)
    assert (resident.last_name, resident.phone, resident.household) == (
        "Adult-Kos",
        "040 111 222",
        None,
    )
    with scope(settlement=settlement.pk):
        assert not resident.tags.exists()


def test_resident_edit_invalid(coordinator_client, settlement, registry):
    adult = registry["adult"]
    response = coordinator_client.post(
        reverse("residents:edit", args=[adult.pk]),
        {"first_name": "Ana", "last_name": "", "phone": "abc", "preferred_language": "en"},
    )
    assert response.status_code == 400
    assert "Write the phone number with digits" in text(response)
    assert stored(settlement, Resident, pk=adult.pk)[0].last_name == "Adult"


def test_resident_archive_confirm_then_post(coordinator_client, settlement, registry):
    adult = registry["adult"]
    url = reverse("residents:archive", args=[adult.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "Archive Ana Adult?" in text(confirm)
    assert stored(settlement, Resident, pk=adult.pk)[0].archived_at is None
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:list")
    assert stored(settlement, Resident, pk=adult.pk)[0].archived_at == factories.FIXED_NOW
    listing = coordinator_client.get(response["Location"])
    assert "Ana Adult was archived." in text(listing)
    assert "Adult, Ana" not in row_names(listing)


def test_resident_restore(coordinator_client, settlement, registry):
    archived = registry["archived"]
    detail = coordinator_client.get(reverse("residents:detail", args=[archived.pk]))
    assert "Archived" in text(detail)
    assert reverse("residents:restore", args=[archived.pk]) in text(detail)
    response = coordinator_client.post(reverse("residents:restore", args=[archived.pk]))
    assert response.status_code == 302
    assert stored(settlement, Resident, pk=archived.pk)[0].archived_at is None
    assert "Arhiv Archived was restored." in text(coordinator_client.get(response["Location"]))


def test_resident_restore_with_an_active_duplicate(coordinator_client, settlement, registry):
    archived = registry["archived"]
    factories.ResidentFactory(
        settlement=settlement,
        first_name=archived.first_name,
        last_name=archived.last_name,
        birth_date=archived.birth_date,
    )
    response = coordinator_client.post(
        reverse("residents:restore", args=[archived.pk]), follow=True
    )
    assert "already in the registry" in text(response)
    assert stored(settlement, Resident, pk=archived.pk)[0].archived_at is not None


def test_restore_needs_post(coordinator_client, registry):
    response = coordinator_client.get(reverse("residents:restore", args=[registry["archived"].pk]))
    assert response.status_code == 405


# --- households ------------------------------------------------------------------------------


def test_households_list_and_search(coordinator_client, settlement, registry):
    factories.HouseholdFactory(settlement=settlement, name="Valley farm", address="Lower road 3")
    response = coordinator_client.get(reverse("households:list"))
    assert response.status_code == 200
    page = text(response)
    assert "Hill house" in page and "Valley farm" in page
    assert "2 households" in page
    members = {h.name: h.member_count for h in response.context["page"].object_list}
    assert members == {"Hill house": 1, "Valley farm": 0}
    found = coordinator_client.get(reverse("households:list"), {"q": "lower"})
    assert "Valley farm" in text(found) and "Hill house" not in text(found)
    none = coordinator_client.get(reverse("households:list"), {"q": "nothing"})
    assert "No household matches this search." in text(none)


def test_household_detail(coordinator_client, settlement, registry):
    household = registry["household"]
    factories.ResidentFactory(
        settlement=settlement,
        first_name="Gone",
        household=household,
        archived_at=factories.FIXED_NOW,
    )
    response = coordinator_client.get(reverse("households:detail", args=[household.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Hill house" in page
    assert "Ana Adult" in page
    assert "Gone" not in page


def test_household_create(coordinator_client, settlement, registry):
    response = coordinator_client.post(
        reverse("households:create"),
        {"name": "  New home ", "address": "Road 1", "neighbourhood": registry["north"].pk},
    )
    assert response.status_code == 302
    [household] = stored(settlement, Household, name="New home")
    assert household.neighbourhood == registry["north"]
    assert response["Location"] == reverse("households:detail", args=[household.pk])


def test_household_create_duplicate_name(coordinator_client, settlement, registry):
    response = coordinator_client.post(reverse("households:create"), {"name": "hill HOUSE"})
    assert response.status_code == 400
    assert "A household with this name already exists." in text(response)
    assert len(stored(settlement, Household)) == 1


def test_household_edit(coordinator_client, settlement, registry):
    household = registry["household"]
    url = reverse("households:edit", args=[household.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"name": "Hill house", "address": "Top 9"})
    assert response.status_code == 302
    assert stored(settlement, Household, pk=household.pk)[0].address == "Top 9"


def test_household_edit_duplicate_name(coordinator_client, settlement, registry):
    other = factories.HouseholdFactory(settlement=settlement, name="Valley farm")
    response = coordinator_client.post(
        reverse("households:edit", args=[other.pk]), {"name": "Hill House"}
    )
    assert response.status_code == 400
    assert "A household with this name already exists." in text(response)
    assert stored(settlement, Household, pk=other.pk)[0].name == "Valley farm"


# --- the settlement's settings ---------------------------------------------------------------


def test_settings_page(coordinator_client, registry):
    response = coordinator_client.get(reverse("settlement:settings"))
    assert response.status_code == 200
    page = text(response)
    assert "Settings of Home Village" in page
    assert "North" in page and "volunteer" in page


def test_age_groups_save(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("settlement:settings"),
        {"youth_from": 12, "young_adults_from": 19, "adults_from": 26, "seniors_from": 60},
    )
    assert response.status_code == 302
    settlement.refresh_from_db()
    assert (settlement.youth_from, settlement.adults_from, settlement.seniors_from) == (12, 26, 60)
    assert "The age groups were saved." in text(coordinator_client.get(response["Location"]))


def test_age_groups_non_ascending(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("settlement:settings"),
        {"youth_from": 20, "young_adults_from": 18, "adults_from": 30, "seniors_from": 65},
    )
    assert response.status_code == 400
    assert "Each age group must start at a higher age than the group before it." in text(response)
    settlement.refresh_from_db()
    assert settlement.youth_from == 13


def test_neighbourhood_add_and_delete(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("settlement:neighbourhood_add"), {"neighbourhood-name": "East"}
    )
    assert response.status_code == 302
    [east] = stored(settlement, Neighbourhood)
    assert east.name == "East"
    duplicate = coordinator_client.post(
        reverse("settlement:neighbourhood_add"), {"neighbourhood-name": " east "}
    )
    assert duplicate.status_code == 400
    assert "This name is already in the list." in text(duplicate)
    assert len(stored(settlement, Neighbourhood)) == 1
    deleted = coordinator_client.post(reverse("settlement:neighbourhood_delete", args=[east.pk]))
    assert deleted.status_code == 302
    assert stored(settlement, Neighbourhood) == []


def test_tag_add_and_delete(coordinator_client, settlement):
    response = coordinator_client.post(reverse("settlement:tag_add"), {"tag-name": "choir"})
    assert response.status_code == 302
    [choir] = stored(settlement, Tag)
    duplicate = coordinator_client.post(reverse("settlement:tag_add"), {"tag-name": "Choir"})
    assert duplicate.status_code == 400
    assert "This name is already in the list." in text(duplicate)
    empty = coordinator_client.post(reverse("settlement:tag_add"), {"tag-name": "   "})
    assert empty.status_code == 400
    assert len(stored(settlement, Tag)) == 1
    deleted = coordinator_client.post(reverse("settlement:tag_delete", args=[choir.pk]))
    assert deleted.status_code == 302
    assert stored(settlement, Tag) == []


def test_delete_of_another_settlements_tag_is_404(coordinator_client, other_settlement):
    tag = factories.TagFactory(settlement=other_settlement)
    response = coordinator_client.post(reverse("settlement:tag_delete", args=[tag.pk]))
    assert response.status_code == 404
    assert len(stored(other_settlement, Tag)) == 1


# --- the council dashboard -------------------------------------------------------------------


@pytest.fixture
def council(settlement, council_staff):
    """Three settlements in the staff's council, one in another council."""
    big = factories.SettlementFactory(council=settlement.council, name="Big Town")
    small = factories.SettlementFactory(council=settlement.council, name="Alpha Hamlet")
    factories.ResidentFactory.create_batch(2, settlement=settlement)
    factories.ResidentFactory.create_batch(5, settlement=big)
    factories.ResidentFactory(settlement=big, birth_date=dt.date(1950, 1, 1))
    factories.ResidentFactory(settlement=big, archived_at=factories.FIXED_NOW)
    factories.ResidentFactory(settlement=small, arrival_date=TODAY - dt.timedelta(days=30))
    factories.HouseholdFactory.create_batch(3, settlement=big)
    factories.CommitteeFactory(settlement=small)
    stranger = factories.SettlementFactory(name="Stranger Valley")
    factories.ResidentFactory.create_batch(50, settlement=stranger)
    return {"home": settlement, "big": big, "small": small}


def dashboard_names(response) -> list[str]:
    """The settlements in the order the table shows them, checked against the page."""
    names = [row.settlement.name for row in response.context["dashboard"].rows]
    body = text(response).split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    positions = [body.find(name) for name in names]
    assert -1 not in positions and positions == sorted(positions)
    return names


def test_council_dashboard(client, council_staff, council):
    client.force_login(council_staff)
    response = client.get(reverse("council:dashboard"))
    assert response.status_code == 200
    page = text(response)
    assert "3 settlements" in page
    assert "Stranger Valley" not in page
    assert dashboard_names(response) == ["Alpha Hamlet", "Big Town", "Home Village"]
    values = {row.settlement.name: row.values for row in response.context["dashboard"].rows}
    assert values["Big Town"] == {
        "residents": 6,
        "households": 3,
        "arrivals": 0,
        "seniors": 1,
        "committees": 0,
    }
    assert values["Alpha Hamlet"]["arrivals"] == 1
    assert values["Alpha Hamlet"]["committees"] == 1
    assert values["Home Village"]["residents"] == 2
    keys = [column.key for column in response.context["dashboard"].columns]
    assert response.context["totals"][keys.index("residents")] == 9
    assert '<td class="text-end">9</td>' in page  # the total of residents


def test_council_dashboard_sorting(client, council_staff, council):
    client.force_login(council_staff)
    url = reverse("council:dashboard")
    by_residents = client.get(url, {"sort": "residents"})
    assert dashboard_names(by_residents) == ["Alpha Hamlet", "Home Village", "Big Town"]
    assert 'aria-sort="ascending"' in text(by_residents)
    assert "?sort=-residents" in text(by_residents)  # the next click reverses
    descending = client.get(url, {"sort": "-residents"})
    assert dashboard_names(descending) == ["Big Town", "Home Village", "Alpha Hamlet"]
    assert 'aria-sort="descending"' in text(descending)
    by_name_desc = client.get(url, {"sort": "-name"})
    assert dashboard_names(by_name_desc) == ["Home Village", "Big Town", "Alpha Hamlet"]
    unknown = client.get(url, {"sort": "password"})
    assert dashboard_names(unknown) == ["Alpha Hamlet", "Big Town", "Home Village"]


def test_council_dashboard_is_not_for_coordinators(coordinator_client):
    assert coordinator_client.get(reverse("council:dashboard")).status_code == 404


# --- switching settlements -------------------------------------------------------------------


def test_switch_settlement(client, coordinator, settlement):
    second = factories.SettlementFactory(name="Second Village")
    factories.MembershipFactory(user=coordinator, role=Role.SECRETARY, settlement=second)
    client.force_login(coordinator)
    home = client.get(reverse("home"))
    assert "Home Village: this week" in text(home)
    assert 'id="switch-settlement"' in text(home)
    response = client.post(
        reverse("switch_settlement"), {"settlement": second.pk, "next": "/residents/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/residents/"
    assert client.session[SESSION_KEY] == second.pk
    after = client.get(reverse("home"))
    assert after.context["settlement"] == second
    assert "Second Village" in text(after)
    assert "Settlement secretary" in text(after)


def test_switch_settlement_refuses_an_outside_redirect(client, coordinator, settlement):
    second = factories.SettlementFactory()
    factories.MembershipFactory(user=coordinator, role=Role.BOARD, settlement=second)
    client.force_login(coordinator)
    response = client.post(
        reverse("switch_settlement"), {"settlement": second.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_switch_to_a_settlement_not_mine_is_404(coordinator_client, settlement, other_settlement):
    response = coordinator_client.post(
        reverse("switch_settlement"), {"settlement": other_settlement.pk}
    )
    assert response.status_code == 404
    assert SESSION_KEY not in coordinator_client.session
    assert coordinator_client.get(reverse("home")).context["settlement"] == settlement


# --- password reset --------------------------------------------------------------------------


def test_password_reset_sends_one_mail(client, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("password_reset"), {"email": coordinator.email.upper()})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert "/accounts/reset/" in message.body
    assert "coord" in message.body


def test_password_reset_answers_the_same_for_an_unknown_address(
    client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        known = client.post(reverse("password_reset"), {"email": coordinator.email}, follow=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        unknown = client.post(
            reverse("password_reset"), {"email": "nobody@example.org"}, follow=True
        )
    assert callbacks == []
    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200


# --- committees pages ------------------------------------------------------------------------


@pytest.fixture
def committees(settlement, chair):
    mine = factories.CommitteeFactory(settlement=settlement, name="Culture club", chairs=[chair])
    other = factories.CommitteeFactory(settlement=settlement, name="Sports club")
    return {"mine": mine, "other": other}


def test_committee_list_for_coordinator_and_chair(client, coordinator, chair, committees):
    client.force_login(coordinator)
    page = text(client.get(reverse("committees:list")))
    assert "Culture club" in page and "Sports club" in page
    assert "Add a committee" in page
    client.force_login(chair)
    response = client.get(reverse("committees:list"))
    assert response.status_code == 200
    page = text(response)
    assert "Culture club" in page and "Sports club" not in page
    assert "Add a committee" not in page


def test_committee_detail(client, coordinator, chair, committees):
    mine, other = committees["mine"], committees["other"]
    client.force_login(chair)
    response = client.get(reverse("committees:detail", args=[mine.pk]))
    assert response.status_code == 200
    assert "Culture club" in text(response)
    assert reverse("committees:edit", args=[mine.pk]) in text(response)
    assert client.get(reverse("committees:detail", args=[other.pk])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("committees:detail", args=[other.pk])).status_code == 200


def test_committee_edit_by_chair_and_coordinator(
    client, coordinator, chair, settlement, committees
):
    mine, other = committees["mine"], committees["other"]
    client.force_login(chair)
    form = client.get(reverse("committees:edit", args=[mine.pk]))
    assert form.status_code == 200
    assert 'name="chairs"' not in text(form)
    response = client.post(
        reverse("committees:edit", args=[mine.pk]),
        {"name": "Culture club", "kind": "culture", "mandate": "Concerts"},
    )
    assert response.status_code == 302
    assert client.get(reverse("committees:edit", args=[other.pk])).status_code == 404
    client.force_login(coordinator)
    form = client.get(reverse("committees:edit", args=[other.pk]))
    assert 'name="chairs"' in text(form)
    response = client.post(
        reverse("committees:edit", args=[other.pk]),
        {"name": "Sport", "kind": "sport", "chairs": [chair.pk]},
    )
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        assert Committee.objects.get(pk=mine.pk).mandate == "Concerts"
        sport = Committee.objects.get(pk=other.pk)
        assert (sport.name, list(sport.chairs.all())) == ("Sport", [chair])


def test_committee_create(coordinator_client, settlement, chair):
    response = coordinator_client.post(
        reverse("committees:create"),
        {"name": "Youth", "kind": "youth", "mandate": "", "chairs": [chair.pk]},
    )
    assert response.status_code == 302
    [committee] = stored(settlement, Committee)
    assert response["Location"] == reverse("committees:detail", args=[committee.pk])
    with scope(settlement=settlement.pk):
        assert list(committee.chairs.all()) == [chair]


def test_committee_create_duplicate_name(coordinator_client, settlement, committees):
    response = coordinator_client.post(
        reverse("committees:create"), {"name": "culture CLUB", "kind": "other"}
    )
    assert response.status_code == 400
    assert "A committee with this name already exists." in text(response)
    assert len(stored(settlement, Committee)) == 2

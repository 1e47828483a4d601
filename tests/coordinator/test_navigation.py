"""The bar: the pages of a group share one menu, so it fits a desktop in every language;
a group of which someone may see one page is a plain link."""

from django.urls import reverse

from coordinator.context_processors import nav_grouped


def entry(label, group="", active=False):
    return {"label": label, "url": f"/{label}/", "active": active, "group": group}


def test_a_group_of_two_becomes_one_menu_in_the_place_of_its_first_item():
    items = [entry("a"), entry("b", "events"), entry("c"), entry("d", "events", active=True)]
    shown = nav_grouped(items)
    assert [item["label"] for item in shown] == ["a", "Events and classes", "c"]
    menu = shown[1]
    assert [child["label"] for child in menu["children"]] == ["b", "d"]
    assert menu["active"] is True and menu["key"] == "events"


def test_a_group_with_one_item_is_a_plain_link():
    shown = nav_grouped([entry("a", "mapping"), entry("b")])
    assert [(item["label"], "children" in item) for item in shown] == [("a", False), ("b", False)]


def test_the_coordinators_bar_has_menus_and_the_active_page_is_marked(coordinator_client):
    page = coordinator_client.get(reverse("classes:list")).content.decode()
    assert 'id="nav-events"' in page and 'id="nav-mapping"' in page
    assert f'aria-current="page" href="{reverse("classes:list")}"' in page
    assert 'class="nav-link dropdown-toggle active"' in page  # the menu holding it

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language_bidi

from . import registry
from .permissions import settlements_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main navigation for this user, from what each app registered (no queries: the
    memberships are already cached by the middleware)."""
    user: Any = getattr(request, "user", None)
    context: dict[str, Any] = {"rtl": get_language_bidi()}
    if user is None or not user.is_authenticated:
        return context
    settlement = getattr(request, "settlement", None)
    items: list[dict[str, Any]] = []
    # Settings-like pages (order 80 and up) go in the account menu, not the bar.
    more: list[dict[str, Any]] = []
    for item in registry.nav_items:
        allowed = (
            user.has_perm(item.perm)
            if item.council
            else settlement is not None and user.has_perm(item.perm, settlement)
        )
        if allowed:
            url = reverse(item.url_name)
            entry = {"label": item.label, "url": url, "active": request.path.startswith(url)}
            (more if item.order >= 80 and not item.council else items).append(
                entry | {"group": item.group}
            )
    context["nav_items"] = nav_grouped(items)
    context["nav_more"] = more
    context["active_settlement"] = settlement
    context["my_settlements"] = settlements_of(user)
    return context


def nav_grouped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bar's entries: a link, or a menu (``children``) for a group of two or more
    items, in the place of its first item."""
    members: dict[str, list[dict[str, Any]]] = {}
    for entry in items:
        if entry["group"]:
            members.setdefault(entry["group"], []).append(entry)
    shown: list[dict[str, Any]] = []
    for entry in items:
        group = members.get(entry["group"], [])
        if len(group) < 2:
            shown.append(entry)
        elif entry is group[0]:
            shown.append(
                {
                    "label": registry.NAV_GROUPS[entry["group"]],
                    "key": entry["group"],
                    "children": group,
                    "active": any(child["active"] for child in group),
                }
            )
    return shown

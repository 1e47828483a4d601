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
            (more if item.order >= 80 and not item.council else items).append(entry)
    context["nav_items"] = items
    context["nav_more"] = more
    context["active_settlement"] = settlement
    context["my_settlements"] = settlements_of(user)
    return context

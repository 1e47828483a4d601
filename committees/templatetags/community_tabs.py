"""The tabs across the community pages: committees, meetings, volunteers, ideas, services,
partners and conflicts, each shown to those who may open it."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

TABS = (
    ("committees", _("Committees"), "committees:list", "committees.list_committees"),
    ("meetings", _("Meetings"), "committees:meetings", "committees.list_meetings"),
    ("volunteers", _("Volunteers"), "committees:volunteers", "committees.manage_volunteers"),
    ("openings", _("Openings"), "committees:openings", "committees.list_openings"),
    ("hours", _("Hours"), "committees:hours", "committees.list_hours"),
    ("initiatives", _("Ideas"), "committees:initiatives", "committees.list_initiatives"),
    ("services", _("Services"), "committees:services", "committees.list_services"),
    ("partners", _("Partners"), "committees:partners", "committees.view_partners"),
    ("conflicts", _("Conflicts"), "committees:conflicts", "committees.manage_conflicts"),
)


@register.inclusion_tag("committees/_tabs.html", takes_context=True)
def community_tabs(context: dict[str, Any], active: str) -> dict[str, Any]:
    """``{% community_tabs "hours" %}``: the tabs the user may open, ``active`` marked."""
    request = context["request"]
    settlement = getattr(request, "settlement", None)
    tabs = [
        {"key": key, "label": label, "url": reverse(url), "active": key == active}
        for key, label, url, perm in TABS
        if settlement is not None and request.user.has_perm(perm, settlement)
    ]
    return {"tabs": tabs if len(tabs) > 1 else []}

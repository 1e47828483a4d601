"""``{% shown_count count %}``: a count that may be hidden (1 to 4 show as "<5", and screen
readers hear "fewer than 5"). A tag, not an include: the council's welfare table shows
hundreds of counts, and an include per cell costs more than the rest of the page."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ..selectors_counts import Shown

register = template.Library()


@register.simple_tag
def shown_count(count: Shown) -> SafeString:
    if count.hidden:
        return format_html(
            '<span class="text-nowrap" dir="ltr" aria-hidden="true">&lt;5</span>'
            '<span class="visually-hidden">{}</span>',
            gettext("fewer than 5"),
        )
    return format_html("{}", count.value)

"""The two floors every page is compared with, measured in the same run: a trivial view (the
middleware stack and nothing else) and a baseline page (logged in, the base layout, one
query). They are reachable only through bench/urls.py, so the product gains no URL."""

import functools
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines

from coordinator.models import Settlement

BASELINE_TEMPLATE = """{% extends "base.html" %}
{% block content %}<p>{{ settlements }}</p>{% endblock %}"""


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@functools.cache
def _baseline_template() -> Any:
    """Compiled once, as the cached loader keeps every page's template."""
    return engines["django"].from_string(BASELINE_TEMPLATE)


@login_required
def baseline(request: HttpRequest) -> HttpResponse:
    # The one query of the view; the layout's own context costs what it costs everywhere.
    context = {"settlements": Settlement.objects.count()}
    return HttpResponse(_baseline_template().render(context, request))

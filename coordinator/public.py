"""What the pages residents open without an account share: their language, their headers
and QR codes of their links."""

from typing import Any

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def _known(code: str) -> bool:
    return code in {known for known, _name in settings.LANGUAGES}


def asked_language(request: HttpRequest, settlement: Any) -> str:
    """The language a link asks for with ``?lang=``, else the settlement's own: a link shared
    in the settlement's group opens in its language whatever the phone's settings."""
    for code in (request.GET.get("lang", ""), settlement.language):
        if _known(code):
            return code
    return str(settings.LANGUAGE_CODE)


def resident_language(resident: Any, settlement: Any) -> str:
    """A resident's own language when the product speaks it, else the settlement's."""
    for code in (resident.preferred_language, settlement.language):
        if _known(code):
            return code
    return str(settings.LANGUAGE_CODE)


def personal_page(response: HttpResponse, language: str) -> HttpResponse:
    """A page of someone's own link: never kept by a browser or proxy, nor indexed."""
    patch_cache_control(response, no_store=True, private=True)
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def qr_data_uri(url: str, scale: int = 4) -> str:
    """A QR code of ``url`` as an SVG data URI, for an ``<img src>`` (no inline markup)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=scale, border=2))

"""Security headers on every page: a Content-Security-Policy without unsafe-inline, and the
usual hardening headers."""

import pytest
from django.urls import reverse

from coordinator.access_rules import COORDINATOR

from .test_permissions import PRODUCT_URLS, TABLES, kwargs_for, shared_world, world  # noqa: F401


@pytest.mark.parametrize("name", PRODUCT_URLS)
def test_every_page_has_a_strict_content_security_policy(client, world, name):  # noqa: F811
    rule = TABLES[name]
    client.force_login(world.users[COORDINATOR])
    response = client.get(reverse(name, kwargs=kwargs_for(rule, world.home)))
    policy = response.get("Content-Security-Policy", "")
    assert policy, f"no CSP on {name}"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_with_personal_data_are_not_stored(coordinator_client, settlement):
    response = coordinator_client.get(reverse("residents:list"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, coordinator):
    page = client.get(reverse("login"))
    csrf = page.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("login"), {"username": "coord", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"

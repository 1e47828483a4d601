"""Two-factor authentication in a real browser: a coordinator turns it on from the security
page, keeps the recovery codes, logs out, and logs in again with the password and then a
code from the app. axe-core finds no violation on any of the pages."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from coordinator.models import Role
from coordinator.two_factor import RECOVERY_CODE_COUNT
from tests import factories

from .conftest import check_accessibility, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def coordinator(db):
    settlement = factories.SettlementFactory(name="Kfar Hadar")
    return factories.member(
        settlement, Role.COORDINATOR, username="dana", first_name="Dana", last_name="Levi"
    )


def log_in(page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")


def code_at_step(key: bytes, step: int) -> str:
    """What the app shows during time step ``step`` (30-second steps since 1970)."""
    totp = TOTP(key)
    totp.time = step * 30
    return f"{totp.token():06d}"


def test_coordinator_turns_on_two_factor_and_logs_in_with_a_code(
    new_page, live_server, coordinator
):
    page = new_page()
    log_in(page)
    assert page.url == f"{live_server.url}/"

    page.get_by_role("button", name="Dana Levi").click()
    page.get_by_role("link", name="Security").click()
    assert page.locator("h1").inner_text() == "Security"
    check_accessibility(page, "security page, two-factor off")

    page.get_by_role("link", name="Set up two-factor authentication").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    check_accessibility(page, "two-factor set-up")
    screenshot(page, "two-factor-setup-en")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    page.get_by_label("Code from the app").fill(code_at_step(key, totp.t()))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state("networkidle")

    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    assert codes.count() == RECOVERY_CODE_COUNT
    expect(page.get_by_text("this page shows them only once")).to_be_visible()
    check_accessibility(page, "recovery codes")
    screenshot(page, "two-factor-recovery-codes-en")
    page.get_by_role("link", name="I have saved them").click()
    expect(page.get_by_text("You have 10 recovery codes left.")).to_be_visible()
    check_accessibility(page, "security page, two-factor on")

    page.get_by_role("button", name="Dana Levi").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")
    log_in(page)
    assert page.url.startswith(f"{live_server.url}/accounts/two-factor/")
    check_accessibility(page, "two-factor step")
    screenshot(page, "two-factor-verify-en")

    # The code of the time step after the one used at set-up: a code is good once only.
    device = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    page.get_by_label("Code").fill(code_at_step(key, device.last_t + 1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/"
    assert "this week" in page.locator("h1").first.inner_text()
    check_accessibility(page, "home after the two-factor step")

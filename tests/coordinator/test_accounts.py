"""Accounts: two-factor authentication, lockout, session limits and password rules.

Logins go through the login form (``client.post``): django-axes refuses ``client.login()``.
TOTP codes are computed here from the device's key at the real time, as django-otp checks
them at the real time; session limits follow the project clock (``coordinator.clock``).
"""

import datetime as dt
import re
import time
from binascii import unhexlify

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordinator import access_rules as r
from coordinator import clock
from coordinator.session_limits import ACTIVE_AT_SESSION_KEY
from coordinator.two_factor import (
    EXEMPT_VIEWS,
    RECOVERY_CODE_COUNT,
    SETUP_SESSION_KEY,
    recovery_codes_regenerate,
)
from tests import factories
from tests.test_permissions import PRODUCT_URLS, TABLES, kwargs_for, shared_world, world  # noqa: F401

PASSWORD = "correct horse battery"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


# --- helpers ---------------------------------------------------------------------------------


def log_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def session_key(client: Client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def app_code(key: bytes, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` time steps later)."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def wrong_code(key: bytes) -> str:
    """A code the app shows at none of the time steps the check accepts now."""
    accepted = {app_code(key, steps) for steps in (-2, -1, 0, 1, 2)}
    return next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in accepted)


def app_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def is_redirect_to(response, name: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse(name))


def normalised(response, *names: str) -> bytes:
    """A page with its CSRF tokens and the given user names blanked, for comparing."""
    body = CSRF.sub(b"", response.content)
    for name in names:
        body = body.replace(name.encode(), b"USERNAME")
    return body


@pytest.fixture
def user(db):
    return factories.UserFactory(username="miriam")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


# --- session keys ----------------------------------------------------------------------------


def test_login_gives_a_new_session_key(client, user):
    before = client.session.session_key  # a session from before the login
    assert session_key(client) == before
    assert log_in(client, "miriam").status_code == 302
    assert session_key(client) != before
    assert not SessionStore().exists(before)


def test_the_two_factor_step_gives_a_new_session_key(client, user):
    device = app_for(user)
    log_in(client, "miriam")
    after_password = session_key(client)
    response = client.post(reverse("two_factor_verify"), {"code": app_code(device.bin_key)})
    assert response.status_code == 302
    assert session_key(client) != after_password
    assert not SessionStore().exists(after_password)
    assert client.get(reverse("home")).status_code == 200


def test_logout_kills_the_old_session_cookie(client, user):
    log_in(client, "miriam")
    old = session_key(client)
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    thief = Client()
    thief.cookies[django_settings.SESSION_COOKIE_NAME] = old
    response = thief.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not SessionStore().exists(old)


# --- lockout ---------------------------------------------------------------------------------


def fail(client: Client, username: str, times: int, address: str = "10.0.0.1") -> list:
    return [log_in(client, username, "wrong password", REMOTE_ADDR=address) for _ in range(times)]


def test_five_failures_lock_the_account_from_that_address(client, user):
    answers = fail(client, "miriam", 5)
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert "Please enter a correct username and password" in answers[0].content.decode()
    locked = log_in(client, "miriam", REMOTE_ADDR="10.0.0.1")  # even the right password
    assert locked.status_code == 429
    assert "Logging in is paused" in locked.content.decode()
    assert "try again in 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Per account AND address: the account from elsewhere, and others from here, go on.
    assert log_in(Client(), "miriam", REMOTE_ADDR="10.0.0.2").status_code == 302
    factories.UserFactory(username="yael")
    assert log_in(Client(), "yael", REMOTE_ADDR="10.0.0.1").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, user):
    """By default the address is REMOTE_ADDR only: a client's own X-Forwarded-For is ignored."""
    fail(client, "miriam", 5)
    forged = log_in(client, "miriam", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert forged.status_code == 429


def test_behind_a_proxy_the_address_it_saw_counts(client, user, settings):
    """With the proxy's header configured, the right-most X-Forwarded-For entry (the one the
    proxy appended) is the address: what the client put left of it changes nothing."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    for forged in range(5):
        log_in(
            client,
            "miriam",
            "wrong password",
            REMOTE_ADDR="10.0.0.254",  # the proxy
            HTTP_X_FORWARDED_FOR=f"198.51.100.{forged}, 203.0.113.7",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    locked = log_in(client, "miriam", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert locked.status_code == 429
    other = log_in(Client(), "miriam", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 302


def test_unknown_accounts_get_the_identical_answer(client, user):
    known = fail(client, "miriam", 6)
    unknown = fail(Client(), "nobody", 6)
    assert [a.status_code for a in known] == [a.status_code for a in unknown]
    assert [a.status_code for a in unknown] == [200, 200, 200, 200, 429, 429]
    for mine, theirs in zip(known, unknown, strict=True):
        assert normalised(mine, "miriam") == normalised(theirs, "nobody")
    assert AccessAttempt.objects.get(username="nobody").failures_since_start >= 5


def test_a_success_resets_the_failures(client, user):
    fail(client, "miriam", 4)
    assert log_in(client, "miriam", REMOTE_ADDR="10.0.0.1").status_code == 302
    client.post(reverse("logout"))
    assert [a.status_code for a in fail(client, "miriam", 4)] == [200] * 4


def test_the_lockout_ends_after_fifteen_minutes(client, user):
    fail(client, "miriam", 5)
    attempts = AccessAttempt.objects.filter(username="miriam")
    first = attempts.get().attempt_time
    attempts.update(attempt_time=first - dt.timedelta(minutes=14))
    assert log_in(client, "miriam", REMOTE_ADDR="10.0.0.1").status_code == 429
    attempts.update(attempt_time=first - dt.timedelta(minutes=16))
    assert log_in(client, "miriam", REMOTE_ADDR="10.0.0.1").status_code == 302


def test_the_lockout_page_is_translated(client, user):
    fail(client, "miriam", 5)
    response = log_in(client, "miriam", REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 429
    assert 'lang="he"' in response.content.decode() and 'dir="rtl"' in response.content.decode()


def test_a_deactivated_account_gets_the_wrong_password_answer(client, user):
    user.is_active = False
    user.save()
    inactive = log_in(client, "miriam")
    wrong = log_in(Client(), "miriam", "wrong password")
    assert inactive.status_code == wrong.status_code == 200
    assert normalised(inactive) == normalised(wrong)


# --- session limits --------------------------------------------------------------------------


def at(minutes: float) -> None:
    clock.set_now(factories.FIXED_NOW + dt.timedelta(minutes=minutes))


def test_a_session_ends_after_thirty_idle_minutes(client, user):
    log_in(client, "miriam")
    at(29)
    assert client.get(reverse("home")).status_code == 200
    at(29 + 29)  # counted from the last request, not from the login
    assert client.get(reverse("home")).status_code == 200
    at(29 + 29 + 31)
    response = client.get(reverse("residents:list"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=%2Fresidents%2F"
    page = client.get(response["Location"])
    assert "after a while without activity" in page.content.decode()
    assert client.get(reverse("home")).status_code == 302  # logged out for good


def test_a_session_ends_twelve_hours_after_login_however_active(client, user):
    log_in(client, "miriam")
    for minutes in range(20, 12 * 60 + 1, 20):
        at(minutes)
        assert client.get(reverse("home")).status_code == 200, minutes
    at(12 * 60 + 1)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "reached its time limit" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_is_noted_at_most_once_a_minute(client, user):
    """A page view does not write the session each time: the idle limit is exact to a
    minute."""
    log_in(client, "miriam")
    start = client.session[ACTIVE_AT_SESSION_KEY]
    at(0.5)
    client.get(reverse("home"))
    assert client.session[ACTIVE_AT_SESSION_KEY] == start
    at(2)
    client.get(reverse("home"))
    assert client.session[ACTIVE_AT_SESSION_KEY] == clock.now().timestamp()


def test_the_limits_are_read_from_settings_at_request_time(client, user, settings):
    log_in(client, "miriam")
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    at(6)
    assert client.get(reverse("home")).status_code == 302


def test_an_htmx_request_of_an_ended_session_reloads_the_page(client, user):
    log_in(client, "miriam")
    at(31)
    response = client.get(reverse("home"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_changing_the_password_ends_the_other_sessions(user):
    here, elsewhere = Client(), Client()
    log_in(here, "miriam")
    log_in(elsewhere, "miriam")
    assert elsewhere.get(reverse("home")).status_code == 200
    new = "a new long passphrase"
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get(reverse("home")).status_code == 200  # this session goes on
    assert is_redirect_to(elsewhere.get(reverse("home")), "login")


def test_deactivating_an_account_ends_its_sessions(user):
    one, two = Client(), Client()
    log_in(one, "miriam")
    two.force_login(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    for client in (one, two):
        assert is_redirect_to(client.get(reverse("home")), "login")


# --- password rules and reset ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "accepted"),
    [
        ("river candle mountain orange", True),
        ("password1", False),  # a common password
        ("qz7vkw2", False),  # seven characters
    ],
)
def test_password_rules(client, user, new, accepted):
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert (response.status_code == 302) is accepted
    user.refresh_from_db()
    assert user.check_password(new) is accepted


def reset_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def test_a_reset_link_works_once(client, user):
    link = reset_link(user)
    form = client.get(link, follow=True)
    assert form.context["validlink"] is True
    new = "a brand new passphrase"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert is_redirect_to(done, "password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert "This link does not work" in again.content.decode()


def test_a_reset_link_expires_after_an_hour(client, user, monkeypatch):
    start = default_token_generator._now()
    monkeypatch.setattr(default_token_generator, "_now", lambda: start)
    link = reset_link(user)
    monkeypatch.setattr(default_token_generator, "_now", lambda: start + dt.timedelta(minutes=59))
    assert Client().get(link, follow=True).context["validlink"] is True
    monkeypatch.setattr(default_token_generator, "_now", lambda: start + dt.timedelta(minutes=61))
    assert Client().get(link, follow=True).context["validlink"] is False


def test_the_reset_page_answers_identically_for_unknown_addresses(
    client, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("password_reset"), {"email": user.email}, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        unknown = Client().post(
            reverse("password_reset"), {"email": "nobody@example.org"}, follow=True
        )
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert normalised(known) == normalised(unknown)


# --- two-factor: the step is enforced --------------------------------------------------------


@pytest.mark.parametrize("with_app", [False, True], ids=["no-app", "app"])
@pytest.mark.parametrize("role", sorted(r.LOGGED_IN))
def test_every_url_waits_for_the_two_factor_step(client, world, required, role, with_app):  # noqa: F811
    """With two-factor required, a session that passed only the password reaches no page of
    the walk but the exempt ones: each GET and POST is sent to the step (or to set up an app
    first), and nothing is written."""
    account = world.users[role]
    if with_app:
        app_for(account)
    client.force_login(account)
    target = "two_factor_verify" if with_app else "two_factor_setup"
    before = world.snapshot()
    for name in PRODUCT_URLS:
        if name in EXEMPT_VIEWS:
            continue
        url = reverse(name, kwargs=kwargs_for(TABLES[name], world.home))
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert is_redirect_to(response, target), f"{method.upper()} {url} as {role}"
    assert is_redirect_to(client.get(reverse("admin:index")), target)
    assert world.snapshot() == before


def test_the_exempt_pages_need_no_two_factor_step(client, user, required):
    client.force_login(user)
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        assert client.get(reverse(name)).status_code == 200, name
    confirm = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "x-y"})
    assert client.get(confirm).status_code == 200
    assert client.get(reverse("two_factor_setup")).status_code == 200
    assert is_redirect_to(client.get(reverse("login")), "home")  # logged in: sent home
    language = client.post(reverse("set_language"), {"language": "sl", "next": "/"})
    assert language.status_code == 302 and language["Location"] == "/"
    assert is_redirect_to(client.post(reverse("logout")), "login")
    assert "_auth_user_id" not in client.session


def test_an_htmx_request_is_sent_to_the_step_as_a_whole_page(client, user, required):
    app_for(user)
    client.force_login(user)
    response = client.get(reverse("residents:list"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == f"{reverse('two_factor_verify')}?next=%2Fresidents%2F"


def test_required_two_factor_first_login_sets_up_an_app(client, user, required):
    log_in(client, "miriam")
    home = client.get(reverse("home"))
    assert home["Location"] == f"{reverse('two_factor_setup')}?next=%2F"
    page = client.get(home["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert '<img class="qr-code' in body and 'src="data:image/svg+xml;' in body
    key = client.session[SETUP_SESSION_KEY]
    assert page.context["secret"].replace(" ", "") in body.replace(" ", "")
    before = session_key(client)
    response = client.post(
        reverse("two_factor_setup"), {"code": app_code(unhexlify(key)), "next": "/"}
    )
    assert response["Location"] == f"{reverse('recovery_codes')}?next=%2F"
    assert session_key(client) != before
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == key
    codes = client.get(response["Location"])
    assert len(codes.context["codes"]) == RECOVERY_CODE_COUNT
    for code in codes.context["codes"]:
        assert code in codes.content.decode()
    assert "no-store" in codes["Cache-Control"]
    assert is_redirect_to(client.get(reverse("recovery_codes")), "security")  # shown once
    assert client.get(reverse("home")).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT


def test_a_wrong_code_does_not_set_up_the_app(client, user):
    client.force_login(user)
    client.get(reverse("two_factor_setup"))
    key = unhexlify(client.session[SETUP_SESSION_KEY])
    response = client.post(reverse("two_factor_setup"), {"code": wrong_code(key)})
    assert response.status_code == 400
    assert "This code does not work" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=user).exists()


def test_voluntary_two_factor_is_asked_at_login(client, user):
    """Not required (the demo): whoever turned it on is still asked at login."""
    device = app_for(user)
    log_in(client, "miriam")
    response = client.get(reverse("residents:list"))
    assert response["Location"] == f"{reverse('two_factor_verify')}?next=%2Fresidents%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    done = client.post(
        reverse("two_factor_verify"), {"code": app_code(device.bin_key), "next": "/residents/"}
    )
    assert done["Location"] == "/residents/"
    factories.UserFactory(username="noam")
    plain = Client()
    log_in(plain, "noam")
    assert plain.get(reverse("home")).status_code == 200  # without an app, no step


def test_a_reused_app_code_is_refused(client, user):
    device = app_for(user)
    code = app_code(device.bin_key)
    log_in(client, "miriam")
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    log_in(client, "miriam")
    refused = client.post(reverse("two_factor_verify"), {"code": code})
    assert refused.status_code == 400
    assert "does not work" in refused.content.decode()
    assert is_redirect_to(client.get(reverse("home")), "two_factor_verify")


def test_a_recovery_code_works_once(client, user, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no wait between the tries below
    app_for(user)
    first, second = recovery_codes_regenerate(user=user)[:2]
    log_in(client, "miriam")
    response = client.post(reverse("two_factor_verify"), {"code": first.upper()}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "9 are left" in response.content.decode()
    client.post(reverse("logout"))
    log_in(client, "miriam")
    assert client.post(reverse("two_factor_verify"), {"code": first}).status_code == 400
    assert is_redirect_to(client.get(reverse("home")), "two_factor_verify")
    assert client.post(reverse("two_factor_verify"), {"code": second}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT - 2


def test_wrong_codes_slow_down_further_tries(client, user):
    device = app_for(user)
    log_in(client, "miriam")
    client.post(reverse("two_factor_verify"), {"code": wrong_code(device.bin_key)})
    right = client.post(reverse("two_factor_verify"), {"code": app_code(device.bin_key)})
    assert right.status_code == 400  # within a second of a wrong one: not even checked
    assert "Too many wrong codes" in right.content.decode()


def test_a_new_app_replaces_the_old_only_after_the_step(client, user):
    old = app_for(user)
    log_in(client, "miriam")
    assert is_redirect_to(client.get(reverse("two_factor_setup")), "two_factor_verify")
    client.post(reverse("two_factor_verify"), {"code": app_code(old.bin_key)})
    assert client.get(reverse("two_factor_setup")).status_code == 200
    key = unhexlify(client.session[SETUP_SESSION_KEY])
    response = client.post(reverse("two_factor_setup"), {"code": app_code(key)})
    assert is_redirect_to(response, "recovery_codes")
    assert list(TOTPDevice.objects.filter(user=user)) == [TOTPDevice.objects.get(key=key.hex())]
    assert client.get(reverse("home")).status_code == 200  # verified with the new app


# --- two-factor: the security page -----------------------------------------------------------


def verified_client(client, user) -> TOTPDevice:
    device = app_for(user)
    recovery_codes_regenerate(user=user)
    log_in(client, "miriam")
    client.post(reverse("two_factor_verify"), {"code": app_code(device.bin_key)})
    return device


def test_the_security_page_shows_the_status(client, user):
    client.force_login(user)
    page = client.get(reverse("security")).content.decode()
    assert "Set up two-factor authentication" in page
    client.post(reverse("logout"))
    verified_client(client, user)
    page = client.get(reverse("security")).content.decode()
    assert "You have 10 recovery codes left." in page
    assert "Turn off two-factor authentication" in page


def test_new_recovery_codes_replace_the_old(client, user):
    verified_client(client, user)
    old = set(StaticToken.objects.values_list("token", flat=True))
    response = client.post(reverse("recovery_codes_regenerate"), follow=True)
    shown = set(response.context["codes"])
    assert len(shown) == RECOVERY_CODE_COUNT
    assert set(StaticToken.objects.values_list("token", flat=True)) == shown
    assert not old & shown


def test_turning_two_factor_off(client, user):
    verified_client(client, user)
    response = client.post(reverse("two_factor_disable"))
    assert is_redirect_to(response, "security")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get(reverse("home")).status_code == 200


def test_two_factor_cannot_be_turned_off_when_required(client, user, required):
    verified_client(client, user)
    response = client.post(reverse("two_factor_disable"), follow=True)
    assert "cannot be turned off" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    page = client.get(reverse("security")).content.decode()
    assert "Turn off two-factor authentication" not in page


def test_a_session_without_the_step_cannot_turn_off_or_renew_codes(client, user):
    """An app added in another session: this one never passed the step, so it may not
    remove the app or see new codes."""
    client.force_login(user)
    app_for(user)
    recovery_codes_regenerate(user=user)
    codes = set(StaticToken.objects.values_list("token", flat=True))
    for name in ("two_factor_disable", "recovery_codes_regenerate"):
        assert is_redirect_to(client.post(reverse(name)), "two_factor_verify")
    assert TOTPDevice.objects.filter(user=user).exists()
    assert set(StaticToken.objects.values_list("token", flat=True)) == codes

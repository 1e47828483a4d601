"""Two-factor authentication: an authenticator app (django-otp's ``TOTPDevice``), single-use
recovery codes (its ``StaticDevice``), and the middleware that holds every session that has
not passed the two-factor step there.

With ``TWO_FACTOR_REQUIRED`` on (production), every logged-in user must pass the step, or set
up an app first: every role in this product reaches personal data. With it off (the demo),
the step is still asked of the users who turned two-factor on. Which of them those are is
noted in the session at login (``two_factor_login_started``), so the middleware decides
without a query on each request.

Every code is checked by the device's own ``verify_token`` under a row lock
(``django_otp.verify_token``): a TOTP code is refused at a time step not later than the last
one accepted (``last_t``), a recovery code is deleted when used, and failures slow down
further tries (django-otp's throttling).
"""

import logging
from base64 import b32encode
from binascii import unhexlify
from collections.abc import Callable
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

logger = logging.getLogger(__name__)

PENDING_SESSION_KEY = "two_factor_pending"  # set at login: this user must pass the step
SETUP_SESSION_KEY = "two_factor_setup_key"  # the secret being set up, until confirmed
NEW_CODES_SESSION_KEY = "two_factor_new_codes"  # recovery codes to show once
RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6
TOTP_DEVICE_NAME = "Authenticator app"  # stored data, not shown: not translated
RECOVERY_DEVICE_NAME = "Recovery codes"

# Reachable without the step: the step itself, the login and logout, the language switch
# and the password reset pages (which serve people who are not logged in anyway).
EXEMPT_VIEWS = frozenset(
    {
        "two_factor_verify",
        "two_factor_setup",
        "login",
        "logout",
        "set_language",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
)


# --- Selectors ---------------------------------------------------------------------------


def has_two_factor(user: Any) -> bool:
    """Whether ``user`` has a confirmed device (app or recovery codes)."""
    return bool(django_otp.user_has_device(user, confirmed=True))


def recovery_codes_left(user: Any) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed the two-factor step (django-otp's OTPMiddleware)."""
    check: Callable[[], bool] | None = getattr(request.user, "is_verified", None)
    return bool(check and check())


def is_throttled(user: Any, *, key: str | None = None) -> bool:
    """Whether wrong codes have made a confirmed device of ``user`` (or, with ``key``, the
    app being set up with that key) wait before the next try."""
    if key is not None:
        devices = TOTPDevice.objects.filter(user=user, key=key, confirmed=False)
    else:
        devices = django_otp.devices_for_user(user, confirmed=True)
    return any(not device.verify_is_allowed()[0] for device in devices)


def totp_config_url(*, user: Any, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return str(TOTPDevice(user=user, key=key, digits=TOTP_DIGITS).config_url)


def qr_code_data_uri(data: str) -> str:
    """A QR code as an SVG data: URI, for an ``<img>`` (the CSP allows data: images)."""
    return str(segno.make(data, error="m").svg_data_uri(scale=5, border=4, light="#fff"))


def secret_for_display(key: str) -> str:
    """The hex secret in base32, as apps ask for it when typed, in groups of four."""
    text = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


# --- Services ----------------------------------------------------------------------------


def totp_setup_key_new() -> str:
    """A new random secret (20 bytes, hex) for an app being set up."""
    return str(random_hex(20))


@transaction.atomic
def totp_device_confirm(*, user: Any, key: str, token: str) -> TOTPDevice | None:
    """Confirm the app set up with ``key`` if ``token`` is its current code. The confirmed
    device replaces any earlier app of the user (a new phone); wrong codes are throttled on
    the unconfirmed device, which waits for the next try."""
    device = (
        TOTPDevice.objects.select_for_update().filter(user=user, key=key, confirmed=False).first()
    )
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, key=key, digits=TOTP_DIGITS, name=TOTP_DEVICE_NAME, confirmed=False
        )
    if not device.verify_token(normalise_code(token)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    logger.info("Two-factor app confirmed for user %s", user.pk)
    return device


@transaction.atomic
def recovery_codes_regenerate(*, user: Any) -> list[str]:
    """Replace the user's recovery codes with ``RECOVERY_CODE_COUNT`` new ones and return
    them (they are stored for checking but shown only this once). The device stays, so a
    session verified with an old code stays verified."""
    device = StaticDevice.objects.select_for_update().filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(str(StaticToken.random_token()))
    ordered = sorted(codes)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in ordered])
    logger.info("New recovery codes for user %s", user.pk)
    return ordered


@transaction.atomic
def two_factor_disable(*, user: Any) -> None:
    """Remove the user's app and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.info("Two-factor authentication turned off for user %s", user.pk)


def normalise_code(token: str) -> str:
    """Codes as people type them: spaces and dashes dropped, recovery codes in lower case."""
    return "".join(token.split()).replace("-", "").lower()


def two_factor_verify(*, user: Any, token: str) -> Any:
    """The confirmed device of ``user`` that accepts ``token``, else ``None``.

    Six digits are an app's code, anything else a recovery code, so a wrong code slows down
    only the kind of device it was meant for."""
    code = normalise_code(token)
    if not code:
        return None
    model = TOTPDevice if code.isdigit() and len(code) == TOTP_DIGITS else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True):
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


# --- The step in the request cycle -------------------------------------------------------


def two_factor_login(request: HttpRequest, device: Any) -> None:
    """Mark the session as having passed the step with ``device``, under a new session key
    (as Django gives one at the password step), so a key seen before the step is worth
    nothing after it."""
    django_otp.login(request, device)
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = False


def two_factor_login_started(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """``user_logged_in`` receiver: note whether this user must pass the step even when it
    is not required for everyone (two queries, once per login)."""
    if request is not None and hasattr(request, "session"):
        request.session[PENDING_SESSION_KEY] = has_two_factor(user)


def safe_next(request: HttpRequest) -> str:
    """The ``next`` address of the request if it stays on this site, else ''."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if allowed else ""


def step_url(name: str, next_url: str = "") -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def redirect_to(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect; for an HTMX request one the whole page follows, not just a fragment."""
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return redirect(url)


class TwoFactorMiddleware:
    """Send a logged-in session that has not passed the two-factor step to it (or to set up
    an app, for users without one), on every URL but those in ``EXEMPT_VIEWS``.

    Runs in ``process_view``, once the URL is resolved, so it decides by view name; an
    unknown address stays a 404. Reads ``TWO_FACTOR_REQUIRED`` on each request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or is_verified(request):
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        required = settings.TWO_FACTOR_REQUIRED
        if not (required or request.session.get(PENDING_SESSION_KEY)):
            return None
        if required and not has_two_factor(request.user):
            name = "two_factor_setup"
        else:
            name = "two_factor_verify"
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect_to(request, step_url(name, next_url))

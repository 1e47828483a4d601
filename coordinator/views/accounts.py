"""Account security pages: two-factor status and set-up, recovery codes, the two-factor step
after the password, and the lockout page. Password pages are Django's own views."""

from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from .. import two_factor
from ..decorators import login_required_404
from ..two_factor_forms import TotpSetupForm, TwoFactorCodeForm


@require_GET
@login_required_404
def security(request: HttpRequest) -> HttpResponse:
    """Two-factor status, with set-up, new recovery codes and (when allowed) turning off."""
    user: Any = request.user
    enabled = two_factor.has_two_factor(user)
    context = {
        "enabled": enabled,
        "required": settings.TWO_FACTOR_REQUIRED,
        "codes_left": two_factor.recovery_codes_left(user) if enabled else 0,
    }
    return render(request, "registration/security.html", context)


@require_http_methods(["GET", "POST"])
@login_required_404
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show a QR code and the secret as text; a first code from the app confirms it, then
    the recovery codes are shown once. With an app already set up (a new phone), only a
    session that passed the step may replace it."""
    user: Any = request.user
    next_url = two_factor.safe_next(request)
    if not two_factor.is_verified(request) and two_factor.has_two_factor(user):
        return redirect(two_factor.step_url("two_factor_verify", request.get_full_path()))
    key = request.session.get(two_factor.SETUP_SESSION_KEY)
    if key is None:
        key = two_factor.totp_setup_key_new()
        request.session[two_factor.SETUP_SESSION_KEY] = key
    status = 200
    if request.method == "POST":
        form = TotpSetupForm(request.POST)
        status = 400
        if form.is_valid():
            throttled = two_factor.is_throttled(user, key=key)
            device = two_factor.totp_device_confirm(
                user=user, key=key, token=form.cleaned_data["code"]
            )
            if device is not None:
                codes = two_factor.recovery_codes_regenerate(user=user)
                two_factor.two_factor_login(request, device)
                del request.session[two_factor.SETUP_SESSION_KEY]
                request.session[two_factor.NEW_CODES_SESSION_KEY] = codes
                messages.success(request, _("Two-factor authentication is on."))
                return redirect(two_factor.step_url("recovery_codes", next_url))
            form.add_error("code", _wrong_code_message(throttled=throttled))
    else:
        form = TotpSetupForm()
    context = {
        "form": form,
        "next": next_url,
        "qr_code": two_factor.qr_code_data_uri(two_factor.totp_config_url(user=user, key=key)),
        "secret": two_factor.secret_for_display(key),
        "replacing": two_factor.has_two_factor(user),
        # At a first login where two-factor is required there is nowhere else to go yet.
        "hide_navigation": settings.TWO_FACTOR_REQUIRED and not two_factor.is_verified(request),
    }
    return render(request, "registration/two_factor_setup.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required_404
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The step after the password: a code from the app or a recovery code."""
    user: Any = request.user
    next_url = two_factor.safe_next(request)
    if two_factor.is_verified(request):
        return redirect(next_url or "home")
    if not two_factor.has_two_factor(user):
        request.session[two_factor.PENDING_SESSION_KEY] = False
        if settings.TWO_FACTOR_REQUIRED:
            return redirect(two_factor.step_url("two_factor_setup", next_url))
        return redirect(next_url or "home")
    status = 200
    if request.method == "POST":
        form = TwoFactorCodeForm(request.POST)
        status = 400
        if form.is_valid():
            throttled = two_factor.is_throttled(user)
            device = two_factor.two_factor_verify(user=user, token=form.cleaned_data["code"])
            if device is not None:
                two_factor.two_factor_login(request, device)
                if isinstance(device, StaticDevice):
                    left = two_factor.recovery_codes_left(user)
                    messages.warning(
                        request,
                        ngettext(
                            "You used a recovery code; %(count)d is left. "
                            "Make new ones on the security page.",
                            "You used a recovery code; %(count)d are left. "
                            "Make new ones on the security page.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(next_url or "home")
            form.add_error("code", _wrong_code_message(throttled=throttled))
    else:
        form = TwoFactorCodeForm()
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": next_url, "hide_navigation": True},
        status=status,
    )


def _wrong_code_message(*, throttled: bool) -> str:
    """Why a code was refused; ``throttled`` if earlier wrong codes made it wait."""
    if throttled:
        return _("Too many wrong codes. Wait a few seconds, then try the newest code.")
    return _("This code does not work. Try the newest code from the app.")


@require_GET
@login_required_404
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes just made, shown once: afterwards the page is gone."""
    codes = request.session.pop(two_factor.NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("security")
    next_url = two_factor.safe_next(request) or reverse("security")
    return render(request, "registration/recovery_codes.html", {"codes": codes, "next": next_url})


@require_POST
@login_required_404
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not two_factor.has_two_factor(user):
        messages.info(request, _("Set up two-factor authentication first."))
        return redirect("security")
    if not two_factor.is_verified(request):
        return redirect(two_factor.step_url("two_factor_verify", reverse("security")))
    codes = two_factor.recovery_codes_regenerate(user=user)
    request.session[two_factor.NEW_CODES_SESSION_KEY] = codes
    return redirect("recovery_codes")


@require_POST
@login_required_404
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor off: only where it is not required, and only from a session that
    passed the step."""
    user: Any = request.user
    if settings.TWO_FACTOR_REQUIRED:
        messages.error(
            request, _("Two-factor authentication is required here and cannot be turned off.")
        )
        return redirect("security")
    if not two_factor.has_two_factor(user):
        return redirect("security")
    if not two_factor.is_verified(request):
        return redirect(two_factor.step_url("two_factor_verify", reverse("security")))
    two_factor.two_factor_disable(user=user)
    request.session[two_factor.PENDING_SESSION_KEY] = False
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("security")


def lockout(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer once an account and address are locked out (AXES_LOCKOUT_CALLABLE):
    the same page for every user name, known or not, with status 429."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    return render(request, "registration/lockout.html", {"minutes": minutes}, status=429)

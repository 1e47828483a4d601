"""Sessions end after ``SESSION_IDLE_TIMEOUT`` seconds without a request and, however
active, ``SESSION_ABSOLUTE_LIFETIME`` seconds after login.

The login time and the last activity are kept in the session (set at login by
``session_limits_start``), read from the project clock (``coordinator.clock``). The last
activity is rewritten at most once every ``ACTIVITY_RESOLUTION`` seconds, so a page view
does not write the session each time; the idle limit is therefore exact to that much.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import clock
from .two_factor import redirect_to

LOGIN_AT_SESSION_KEY = "session_login_at"
ACTIVE_AT_SESSION_KEY = "session_active_at"
ACTIVITY_RESOLUTION = 60  # seconds


def session_limits_start(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """``user_logged_in`` receiver: the session starts now."""
    if request is not None and hasattr(request, "session"):
        moment = clock.now().timestamp()
        request.session[LOGIN_AT_SESSION_KEY] = moment
        request.session[ACTIVE_AT_SESSION_KEY] = moment


def session_end_reason(session: Any, now: float) -> str | None:
    """Why a logged-in session is over at ``now`` (a translated sentence), or ``None``.

    A session without the times (started before these limits existed) is over too."""
    login_at = session.get(LOGIN_AT_SESSION_KEY)
    active_at = session.get(ACTIVE_AT_SESSION_KEY)
    if login_at is None or active_at is None:
        return _("Please log in again.")
    if now - login_at > settings.SESSION_ABSOLUTE_LIFETIME:
        return _(
            "You were logged out because your session reached its time limit. Please log in again."
        )
    if now - active_at > settings.SESSION_IDLE_TIMEOUT:
        return _("You were logged out after a while without activity. Please log in again.")
    return None


class SessionLimitMiddleware:
    """Log out a session past its idle or absolute limit and send it to the login page with
    a message saying why; otherwise note the activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = clock.now().timestamp()
            reason = session_end_reason(request.session, now)
            if reason is not None:
                logout(request)
                messages.info(request, reason)
                url = resolve_url(settings.LOGIN_URL)
                if request.method == "GET":
                    url = f"{url}?{urlencode({'next': request.get_full_path()})}"
                return redirect_to(request, url)
            if now - request.session[ACTIVE_AT_SESSION_KEY] >= ACTIVITY_RESOLUTION:
                request.session[ACTIVE_AT_SESSION_KEY] = now
        return self.get_response(request)

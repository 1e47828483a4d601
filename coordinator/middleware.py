"""Every request runs inside the tenancy guard, scoped to the user's active settlement."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django_scopes import scope, scopes_disabled

from .permissions import settlements_of

SESSION_KEY = "active_settlement_id"
NO_SETTLEMENT = -1  # scope(settlement=None) would mean "no filter": never pass None


class SettlementScopeMiddleware:
    """Choose the active settlement and activate the scope for the whole request.

    The active settlement is the one the user picked (kept in the session), else the first
    where they hold a role. Users without one (anonymous, council staff) get an impossible
    scope, so settlement data is out of their reach unless a selector opens an explicit
    council-wide scope. Superusers in the admin work unscoped.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.settlement = None  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            settlements = settlements_of(user)
            wanted = request.session.get(SESSION_KEY)
            request.settlement = next(  # type: ignore[attr-defined]
                (s for s in settlements if s.pk == wanted), settlements[0] if settlements else None
            )
            if user.is_superuser and request.path.startswith("/admin/"):
                with scopes_disabled():
                    return self.get_response(request)
        active = request.settlement  # type: ignore[attr-defined]
        with scope(settlement=active.pk if active is not None else NO_SETTLEMENT):
            return self.get_response(request)

"""The one gate every settlement page passes: logged in, a role that allows the action in
the active settlement, else 404 (never 403: ids and pages reveal nothing)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

View = Callable[..., HttpResponse]


def settlement_permission(perm: str) -> Callable[[View], View]:
    """Let the view run only if ``perm`` holds for the request's settlement; pass that
    settlement to the view. Pages with personal data are never stored by browsers or
    proxies."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            settlement = getattr(request, "settlement", None)
            if settlement is None or not request.user.has_perm(perm, settlement):
                raise Http404
            response = view(request, settlement, *args, **kwargs)
            patch_cache_control(response, no_store=True, private=True)
            return response

        return wrapped

    return decorator


def login_required_404(view: View) -> View:
    """Logged in (else to the login page); what the view shows is its own business."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response = view(request, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapped

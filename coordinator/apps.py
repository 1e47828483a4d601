from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinatorConfig(AppConfig):
    name = "coordinator"
    verbose_name = _("Community coordinator")

    def ready(self) -> None:
        from . import jobs, providers  # noqa: F401  (jobs register themselves)

        providers.register()

        # At each login: the session's start time and whether it owes the two-factor step.
        from django.contrib.auth.signals import user_logged_in

        from .session_limits import session_limits_start
        from .two_factor import two_factor_login_started

        user_logged_in.connect(session_limits_start, dispatch_uid="session_limits_start")
        user_logged_in.connect(two_factor_login_started, dispatch_uid="two_factor_login_started")

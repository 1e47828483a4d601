from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinatorConfig(AppConfig):
    name = "coordinator"
    verbose_name = _("Community coordinator")

    def ready(self) -> None:
        from . import jobs, providers  # noqa: F401  (jobs register themselves)

        providers.register()

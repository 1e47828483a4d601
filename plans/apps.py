from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Yearly plan")

    def ready(self) -> None:
        from . import jobs, providers  # noqa: F401  (the jobs register themselves)

        providers.register()

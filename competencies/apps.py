from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = _("Competencies")

    def ready(self) -> None:
        from . import providers, rules  # noqa: F401  (the permissions)

        providers.register()

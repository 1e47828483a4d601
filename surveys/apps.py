from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Needs mapping")

    def ready(self) -> None:
        from . import jobs, providers  # noqa: F401  (jobs and message links register themselves)

        providers.register()

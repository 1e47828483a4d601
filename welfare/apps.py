from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("Welfare")

    def ready(self) -> None:
        # The jobs and the permissions register themselves on import.
        from . import jobs, links, personal_data, providers, rules  # noqa: F401

        personal_data.register()
        links.register()
        providers.register()

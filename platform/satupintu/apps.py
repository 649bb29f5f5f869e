from django.apps import AppConfig


class SatuPintuConfig(AppConfig):
    name = "satupintu"
    verbose_name = "SatuPintu"

    def ready(self) -> None:
        from satupintu import checks  # noqa: F401  (registers the system checks)

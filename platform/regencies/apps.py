from django.apps import AppConfig


class RegenciesConfig(AppConfig):
    name = "regencies"
    verbose_name = "Daerah (tenant)"

from django.apps import AppConfig


class ActivityConfig(AppConfig):
    """The regency's own audit trail ("Jejak aktivitas"): who changed what in its admin."""

    name = "activity"
    label = "activity"
    verbose_name = "Jejak aktivitas"

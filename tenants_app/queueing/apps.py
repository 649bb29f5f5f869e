from django.apps import AppConfig


class QueueingConfig(AppConfig):
    """The queue (antrean): tickets, counters' calls, devices and online booking."""

    name = "queueing"
    label = "queueing"
    verbose_name = "Antrean"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from queueing.live_topics import topics_register  # models are loaded only now

        topics_register()

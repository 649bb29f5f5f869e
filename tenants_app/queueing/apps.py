from django.apps import AppConfig


class QueueingConfig(AppConfig):
    """The queue (antrean): tickets, counters' calls, devices and online booking."""

    name = "queueing"
    label = "queueing"
    verbose_name = "Antrean"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported at ready(): broadcast loads models, which the app registry allows only now.
        from queueing.broadcast import topics_register

        topics_register()

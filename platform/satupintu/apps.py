from django.apps import AppConfig


class SatuPintuConfig(AppConfig):
    name = "satupintu"
    verbose_name = "SatuPintu"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from satupintu import checks  # noqa: F401  (registers the system checks)
        from satupintu.conn_recycle import schemas_served_note

        request_finished.connect(schemas_served_note, dispatch_uid="satupintu_conn_recycle")

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Paket dan tagihan"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Reference data: the default plans exist after every migrate (and test flush) of public.
        post_migrate.connect(_ensure_plans, sender=self, dispatch_uid="billing_default_plans")


def _ensure_plans(sender, using="default", **kwargs) -> None:
    from satupintu.db import connection

    if using == "default" and connection.schema_name == "public":
        from billing.actions import plans_ensure

        plans_ensure()

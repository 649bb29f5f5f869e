from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Paket dan tagihan"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Reference data: the default plans exist after every migrate (and test flush) of public.
        post_migrate.connect(_ensure_plans, sender=self, dispatch_uid="billing_default_plans")
        from django.db.models.signals import post_delete, post_save

        from billing.models import Plan, Subscription

        for signal in (post_save, post_delete):
            signal.connect(_plan_changed, sender=Plan, dispatch_uid=f"billing_plan_{signal}")
            signal.connect(
                _subscription_changed, sender=Subscription, dispatch_uid=f"billing_sub_{signal}"
            )


def _ensure_plans(sender, using="default", **kwargs) -> None:
    from satupintu.db import connection

    if using == "default" and connection.schema_name == "public":
        from billing.actions import plans_ensure

        plans_ensure()


def _plan_changed(sender, **kwargs) -> None:
    from billing.selectors import regency_modules_forget

    regency_modules_forget(schema_name=None)


def _subscription_changed(sender, instance, **kwargs) -> None:
    from billing.selectors import regency_modules_forget
    from regencies.models import Regency

    schema_name = (
        Regency.objects.filter(pk=instance.regency_id).values_list("schema_name", flat=True).first()
    )
    if schema_name:
        regency_modules_forget(schema_name=schema_name)

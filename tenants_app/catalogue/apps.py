from typing import Any

from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """The regency's service catalogue. Its label stays `tenants_app` (docs/adr/0014): every
    regency schema's tables, migrations, content types and permissions carry that name."""

    name = "catalogue"
    label = "tenants_app"
    verbose_name = "Katalog layanan"

    def ready(self) -> None:
        # In ready(): the selectors import models, which the app registry must have loaded first.
        import catalogue.publishing  # noqa: F401 - connects the publish signal's receiver
        from catalogue.selectors import catalogue_counts
        from satupintu.portal_door import contribute
        from staff.roles import ROLE_REGENCY_ADMIN

        contribute(catalogue_counts=catalogue_counts, regency_admin_role=ROLE_REGENCY_ADMIN)

        from django.db.models.signals import post_delete, post_save

        # Cache invalidation, not domain logic: the cached fragments (hours, the home page's
        # rows; docs/adr/0031) follow the content version, so any write to the catalogue or the
        # calendar bumps it, however it is made (admin, snippets, template apply, shell).
        models: list[Any] = [*self.get_models(), *CALENDAR_MODELS]
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(
                    _hours_changed, sender=model, dispatch_uid=f"content-{model}-{signal}"
                )


CALENDAR_MODELS = ("workdays.CalendarSetting", "workdays.Closure")


def _hours_changed(sender, **kwargs) -> None:
    from satupintu.page_cache import portal_cache_bump  # apps.py loads before the registry

    portal_cache_bump()

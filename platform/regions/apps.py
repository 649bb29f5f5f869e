from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = "Data wilayah"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Reference data, like content types: present after every migrate of the public schema.
        post_migrate.connect(_load_regions, sender=self, dispatch_uid="regions_load_default")


def _load_regions(sender, using="default", **kwargs) -> None:

    from regions.actions import regions_load_default_if_empty
    from satupintu.db import connection

    if using == "default" and connection.schema_name == "public":
        regions_load_default_if_empty()

"""Deleting a user without reaching across schemas. Schema: both.

The user model exists in the public schema and in every regency schema, but the models that point
at it do not: Wagtail's revisions live only in regency schemas, the onboarding application only in
the public one. Django's deletion collector follows every relation of every installed app, so
deleting regency user #5 would query (and cascade into) the *public* table of applications for
user #5, through the `public` entry on the search path. This collector follows only relations whose
table belongs to the schema the connection is in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import router
from django.db.models.deletion import Collector

from satupintu.apps_layout import PUBLIC_ONLY_APPS, TENANT_ONLY_APPS
from satupintu.db import connection


def _app_label_to_module() -> dict[str, str]:
    from django.apps import apps

    return {config.label: config.name for config in apps.get_app_configs()}


def model_lives_in_current_schema(model) -> bool:
    app = _app_label_to_module().get(model._meta.app_label, "")
    public = connection.schema_name == getattr(settings, "PUBLIC_SCHEMA_NAME", "public")
    if public:
        return app not in TENANT_ONLY_APPS
    return app not in PUBLIC_ONLY_APPS


class SchemaAwareCollector(Collector):
    @classmethod
    def for_instance(cls, instance, using=None) -> SchemaAwareCollector:
        using = using or router.db_for_write(type(instance), instance=instance)
        return cls(using=using, origin=instance)

    def related_objects(self, related_model, related_fields, objs):
        if not model_lives_in_current_schema(related_model):
            return related_model._base_manager.none()
        return super().related_objects(related_model, related_fields, objs)

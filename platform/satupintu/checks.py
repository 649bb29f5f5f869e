"""System checks that keep the tenancy boundary honest. Schema: both."""

from django.conf import settings
from django.core.checks import Error, register

from satupintu.apps_layout import FIRST_PARTY_SCHEMA


@register()
def check_app_schemas(app_configs, **kwargs):
    """A first-party app installed in the wrong schema list is an error, not a surprise."""
    errors = []
    shared, tenant = set(settings.SHARED_APPS), set(settings.TENANT_APPS)
    for app, schema in FIRST_PARTY_SCHEMA.items():
        if app not in settings.INSTALLED_APPS:
            continue
        placed = {
            (True, True): "both",
            (True, False): "public",
            (False, True): "tenant",
            (False, False): "none",
        }[(app in shared, app in tenant)]
        if placed != schema:
            errors.append(
                Error(
                    f"App '{app}' belongs to the {schema} schema but is installed in: {placed}.",
                    hint="Edit satupintu/apps_layout.py; the folder decides the schema.",
                    id="satupintu.E001",
                )
            )
    return errors

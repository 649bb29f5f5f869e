"""The Celery app. Task messages carry the schema they were sent from (tenant-schemas-celery).

Without CELERY_BROKER_URL, tasks run in-process (CELERY_TASK_ALWAYS_EAGER).
"""

import os

from celery import signals
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings.local")

app = CeleryApp("satupintu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def routes_build(**_kwargs) -> None:
    """Build both URL resolvers before the worker takes a job (issue #15): a worker's first
    provisioning job otherwise spends 0.2-1.5 s importing and compiling every URL pattern while
    an applicant waits. worker_init runs in the main process before the pool starts, so prefork
    children inherit the built resolvers, and the solo and thread pools have them too."""
    from django.conf import settings
    from django.urls import get_resolver

    for urlconf in (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF):
        get_resolver(urlconf).reverse_dict  # noqa: B018 - reading it populates the resolver

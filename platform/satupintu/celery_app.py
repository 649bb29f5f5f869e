"""The Celery app. Task messages carry the schema they were sent from (tenant-schemas-celery).

Without CELERY_BROKER_URL, tasks run in-process (CELERY_TASK_ALWAYS_EAGER).
"""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings.local")

app = CeleryApp("satupintu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

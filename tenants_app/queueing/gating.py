"""Whether this regency's plan has the queue module. Schema: tenant."""

from __future__ import annotations

from django.db import connection

from billing.selectors import regency_modules


def queue_enabled() -> bool:
    return bool(regency_modules(schema_name=connection.schema_name).queue)

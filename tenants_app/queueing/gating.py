"""Whether this regency's plan has the queue module. Schema: tenant."""

from __future__ import annotations

from billing.selectors import regency_modules
from satupintu.db import connection


def queue_enabled() -> bool:
    return bool(regency_modules(schema_name=connection.schema_name).queue)

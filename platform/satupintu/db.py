"""The default database connection, typed as django-tenants' schema-aware wrapper."""

from typing import cast

from django.db import connection as _connection
from django_tenants.postgresql_backend.base import DatabaseWrapper

connection = cast(DatabaseWrapper, _connection)

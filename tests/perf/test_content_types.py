"""Django's content-type cache is kept per schema (satupintu.postgresql_backend), not cleared on
every request: an entry read in one schema is never answered in another."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tests.conftest import in_schema


def test_a_content_type_cached_in_alpha_is_never_answered_in_beta(alpha, beta):
    with in_schema(alpha):
        only_alpha = ContentType.objects.create(app_label="perf", model="onlyalpha")
        assert ContentType.objects.get_by_natural_key("perf", "onlyalpha") == only_alpha
        assert ContentType.objects.get_for_id(only_alpha.id) == only_alpha  # now cached
    with in_schema(beta):
        with pytest.raises(ContentType.DoesNotExist):
            ContentType.objects.get_by_natural_key("perf", "onlyalpha")
        beta_group = ContentType.objects.get_by_natural_key("auth", "group")
    with schema_context("public"), pytest.raises(ContentType.DoesNotExist):
        ContentType.objects.get_by_natural_key("perf", "onlyalpha")
    with in_schema(alpha):
        with CaptureQueriesContext(connection) as queries:
            assert ContentType.objects.get_by_natural_key("perf", "onlyalpha") == only_alpha
        assert not queries.captured_queries  # kept across the switches to beta and public
    with in_schema(beta):
        with CaptureQueriesContext(connection) as queries:
            assert ContentType.objects.get_by_natural_key("auth", "group") == beta_group
        assert not queries.captured_queries


def test_an_explicit_clear_still_forgets_every_schema(alpha):
    with in_schema(alpha):
        ContentType.objects.get_by_natural_key("auth", "group")
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            ContentType.objects.get_by_natural_key("auth", "group")
        assert len([q for q in queries.captured_queries if "django_content_type" in q["sql"]]) == 1

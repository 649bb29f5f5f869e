"""A Celery worker builds its URL resolvers when it starts, not in its first job (issue #15)."""

from celery import signals
from django.conf import settings
from django.urls import clear_url_caches, get_resolver

from satupintu.celery_app import routes_build

URLCONFS = (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF)


def test_a_starting_worker_builds_both_url_resolvers():
    clear_url_caches()
    assert [get_resolver(u)._populated for u in URLCONFS] == [False, False]

    routes_build()

    assert [get_resolver(u)._populated for u in URLCONFS] == [True, True]


def test_the_build_runs_on_worker_init():
    listeners = [ref() for _key, ref in signals.worker_init.receivers]

    assert routes_build in listeners

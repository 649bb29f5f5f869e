"""SatuPintu project package: settings, URLconfs, middleware and the Celery app."""

from satupintu.celery_app import app as celery_app

__all__ = ["celery_app"]

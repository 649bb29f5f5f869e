"""The test suite: real PostgreSQL (DATABASE_URL, or the embedded server), eager tasks."""

from satupintu.settings.base import *  # noqa: F403
from satupintu.settings.base import DATA_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = str(DATA_DIR / "test-media")
STORAGES = {
    "default": {"BACKEND": "satupintu.storage.RegencyFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = ""
TASKS_IN_BACKGROUND_THREAD = False
OPERATOR_MFA_REQUIRED = True
REGENCY_HOST_CACHE_SECONDS = 300
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

if not DATABASES:
    from satupintu.embedded_db import embedded_database

    DATABASES = {"default": embedded_database(DATA_DIR)}
DATABASES["default"].setdefault("TEST", {})
WHITENOISE_USE_FINDERS = True

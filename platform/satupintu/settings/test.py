"""The test suite: real PostgreSQL (DATABASE_URL, or the embedded server), eager tasks."""

from pathlib import Path

from satupintu.settings.base import *  # noqa: F403
from satupintu.settings.base import DATA_DIR, DATABASES, STATIC_ROOT, env

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# One folder per test database: suites that run side by side (make test-clock) keep their uploads
# apart, as they keep their databases and Redis databases apart.
MEDIA_ROOT = str(DATA_DIR / f"test-media-{env.str('TEST_DATABASE_NAME', default='') or 'default'}")
STORAGES = {
    "default": {"BACKEND": "satupintu.storage.RegencyFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run eagerly in the test process; tests that need a real worker start one on Redis and
# give it CELERY_BROKER_URL and CELERY_TASK_ALWAYS_EAGER=false through its environment.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
TASKS_IN_BACKGROUND_THREAD = False
OPERATOR_MFA_REQUIRED = True
REGENCY_HOST_CACHE_SECONDS = 300
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

if not DATABASES:
    from satupintu.embedded_db import embedded_database

    DATABASES = {"default": embedded_database(DATA_DIR)}
DATABASES["default"].setdefault("TEST", {})
if env.str("SATUPINTU_DATABASE_NAME", default=""):
    # A process a test starts (a Celery worker) joins the test database the test runs in.
    DATABASES["default"]["NAME"] = env.str("SATUPINTU_DATABASE_NAME")
# A seam for crash tests: a worker started with these waits before a provisioning step.
PROVISIONING_PAUSE_BEFORE_STEP = env.str("PROVISIONING_PAUSE_BEFORE_STEP", default="")
PROVISIONING_PAUSE_SECONDS = env.int("PROVISIONING_PAUSE_SECONDS", default=60)
# ... and a `create_regency` started with these waits at a point of a creation (regencies.building).
REGENCY_CREATE_PAUSE_AT = env.str("REGENCY_CREATE_PAUSE_AT", default="")
REGENCY_CREATE_PAUSE_SECONDS = env.int("REGENCY_CREATE_PAUSE_SECONDS", default=60)
if env.str("TEST_DATABASE_NAME", default=""):
    # Lets two checkouts (or two people) run the suite against one server side by side.
    DATABASES["default"]["TEST"]["NAME"] = env.str("TEST_DATABASE_NAME")
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)

# The run's clock may be moved (tests/clock.py): in this process and in every process a test
# starts with these settings, so that a worker and the test agree on the date.
if env.str("SATUPINTU_TEST_CLOCK", default="") or env.str(
    "SATUPINTU_TEST_CLOCK_OFFSET", default=""
):
    from satupintu.clock_shift import move_process_clock

    move_process_clock()
# A worker a notify test starts reaches the test's fake WhatsApp and SMS providers through these.
if env.str("NOTIFY_FAKE_URL", default=""):
    NOTIFY_WHATSAPP_BASE_URL = NOTIFY_SMS_BASE_URL = env.str("NOTIFY_FAKE_URL")
    NOTIFY_RETRY_BACKOFF_SECONDS = 0

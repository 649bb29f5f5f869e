"""The local demo (`make run`): embedded PostgreSQL unless DATABASE_URL is set, tasks in-process."""

from pathlib import Path

from satupintu.settings.base import *  # noqa: F403
from satupintu.settings.base import DATA_DIR, DATABASES, STATIC_ROOT, env, mailers

# A visitor of the demo sees what production shows (our 404 and 500 pages, never Django's
# debug page listing URL patterns); DEBUG=true brings the debug pages back for development.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="local-demo-only-not-a-secret")
PLATFORM_PUBLIC_PORT = env.str("PORT", default="8000")
PLATFORM_PORT = PLATFORM_PUBLIC_PORT
WAGTAILADMIN_BASE_URL = f"http://localhost:{PLATFORM_PORT}"
MAILERS = mailers(
    env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
)
# The printed demo operator may enter the console without TOTP; production requires it.
OPERATOR_MFA_REQUIRED = env.bool("OPERATOR_MFA_REQUIRED", default=False)
# The onboarding progress bar must update while provisioning runs: without a broker,
# long tasks run in a background thread of this process instead of inside the request.
TASKS_IN_BACKGROUND_THREAD = True
# Webhooks can be tried against the demo by signing events with this secret (README: billing drill).
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="whsec_satupintu_local_demo")

if not DATABASES:
    from satupintu.embedded_db import embedded_database

    DATABASES = {"default": embedded_database(DATA_DIR)}
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)

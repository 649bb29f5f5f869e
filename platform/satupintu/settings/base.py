"""Settings shared by every environment; each environment module imports this and adjusts.

Everything a deployment changes comes from environment variables. Schema: both.
"""

from pathlib import Path
from typing import Any

import environ

from satupintu.apps_layout import PUBLIC_ONLY_APPS, SHARED_IN_BOTH_APPS, TENANT_ONLY_APPS

BASE_DIR = Path(__file__).resolve().parents[3]
PLATFORM_DIR = BASE_DIR / "platform"
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)

# The platform's own host (landing page, onboarding, operator console). Regencies get
# `<subdomain>.<PLATFORM_BASE_DOMAIN>` and any custom domains; both are resolved from the
# database by `satupintu.middleware.RegencyRoutingMiddleware`, which is the host check.
PLATFORM_BASE_DOMAIN = env.str("PLATFORM_BASE_DOMAIN", default="localhost").lower()
PLATFORM_HOSTS = [PLATFORM_BASE_DOMAIN, f"www.{PLATFORM_BASE_DOMAIN}"]
PLATFORM_URL_SCHEME = env.str("PLATFORM_URL_SCHEME", default="http")
PLATFORM_PORT = env.str("PLATFORM_PUBLIC_PORT", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# --- applications -------------------------------------------------------------------------------
SHARED_APPS = ["django_tenants", *SHARED_IN_BOTH_APPS, *PUBLIC_ONLY_APPS]
TENANT_APPS = [*SHARED_IN_BOTH_APPS, *TENANT_ONLY_APPS]
INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "regencies.Regency"
TENANT_DOMAIN_MODEL = "regencies.Domain"
PUBLIC_SCHEMA_URLCONF = "satupintu.urls_public"
ROOT_URLCONF = "satupintu.urls_tenant"
# New regencies are cloned from this schema instead of running every migration.
TENANT_BASE_SCHEMA = "base_regency"
TENANT_CREATION_FAKES_MIGRATIONS = True
# Copies of the base schema kept ready, so a new regency's schema is a rename (docs/adr/0050).
REGENCY_SPARE_SCHEMAS = env.int("REGENCY_SPARE_SCHEMAS", default=2)
# One `SET search_path` per schema switch and connection, not one before every cursor (half of an
# uncached page's statements, issue #15). Safe with Django's pool and CONN_MAX_AGE: django-tenants
# forgets the path on set_tenant (every request, in RegencyRoutingMiddleware), on close (a pooled
# session given back) and on rollback, so a session that served another regency is always SET
# again before its first statement (docs/scaling.md section 2; tests/platform/test_pooling.py).
TENANT_LIMIT_SET_CALLS = True

AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "satupintu.middleware.RequestIdMiddleware",
    "satupintu.middleware.HealthCheckMiddleware",
    "satupintu.input_guard.InputGuardMiddleware",
    "satupintu.middleware.RegencyRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "catalogue.middleware.BillingNoticeMiddleware",
    "catalogue.support.ReadOnlySupportMiddleware",
    "cms.staff_security.StaffMfaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "satupintu.middleware.TenantOnlyRedirectMiddleware",
    "cms.preparing.PortalPreparingMiddleware",
    "cms.middleware.PortalPageCacheMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_DIR / "satupintu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "satupintu.context_processors.platform",
            ],
        },
    },
]

WSGI_APPLICATION = "satupintu.wsgi.application"

# --- database -----------------------------------------------------------------------------------
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# Connections are reused, but not forever: a connection that has visited hundreds of regency
# schemas holds their catalogue caches (docs/scaling.md).
CONN_MAX_AGE = env.int("CONN_MAX_AGE", default=60)
# ...nor past this many regency schemas (satupintu.conn_recycle; 0 = no limit): each schema a
# session visits adds its catalogue entries to the server process (measured in docs/scaling.md).
DATABASE_SCHEMAS_PER_CONNECTION = env.int("DATABASE_SCHEMAS_PER_CONNECTION", default=50)


def database_from_url(url: str) -> dict:
    config = environ.Env.db_url_config(url)
    config["ENGINE"] = "satupintu.postgresql_backend"
    config["CONN_MAX_AGE"] = CONN_MAX_AGE
    config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("TEST", {})
    return config


DATABASE_URL = env.str("DATABASE_URL", default="")
DATABASES = {"default": database_from_url(DATABASE_URL)} if DATABASE_URL else {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache: every key carries the schema, so one regency never reads another's entries ---------
REDIS_URL = env.str("REDIS_URL", default="")
_cache_common = {
    "KEY_FUNCTION": "django_tenants.cache.make_key",
    "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            **_cache_common,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "satupintu",
            **_cache_common,
        }
    }

# --- sessions and cookies: host-only, so a regency's cookie never reaches another host ----------
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- live events (satupintu.live, docs/adr/0021): server-sent events over Redis pub/sub --------
# Empty: one process (`make run`) fans events out in memory.
LIVE_REDIS_URL = env.str("LIVE_REDIS_URL", default=REDIS_URL)
LIVE_HISTORY = env.int("LIVE_HISTORY", default=50)  # events kept per channel for a resume
LIVE_HISTORY_SECONDS = env.int("LIVE_HISTORY_SECONDS", default=3600)
LIVE_HEARTBEAT_SECONDS = env.float("LIVE_HEARTBEAT_SECONDS", default=15)
LIVE_RETRY_MS = env.int("LIVE_RETRY_MS", default=2000)
# A stream ends after this long and the client resumes at once: connections rebalance over pods.
LIVE_MAX_STREAM_SECONDS = env.int("LIVE_MAX_STREAM_SECONDS", default=3600)
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12

# --- accounts -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# The link opened in the browser that signed up signs the applicant in and resumes where they
# were going (the wizard's step, accounts.adapter); another browser asks for the password first.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
LOGIN_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SatuPintu"
MFA_FORMS = {
    "authenticate": "accounts.forms.LimitedAuthenticateForm",
    "reauthenticate": "accounts.forms.LimitedReauthenticateForm",
}
# Operators must use TOTP for the console; production turns it on, the local demo may not.
OPERATOR_MFA_REQUIRED = env.bool("OPERATOR_MFA_REQUIRED", default=True)

# --- sign-in limits (README, "Sign-in limits") ----------------------------------------------------
# Failed passwords and codes lock the account, and the address, for a few minutes, longer each
# time (accounts.login_limits); it replaces allauth's per-e-mail "login_failed" limit. allauth's
# own limits stay for floods; each counts per minute, which its 429 page (accounts.views) says.
LOGIN_LIMITS: dict[str, dict[str, Any]] = {
    "account": {
        "failures": 5,
        "window_minutes": 15,
        "lockout_minutes": [1, 2, 5, 10, 15],
        "memory_hours": 24,
    },
    "ip": {
        "failures": 20,
        "window_minutes": 15,
        "lockout_minutes": [5, 10, 15, 30],
        "memory_hours": 24,
    },
}
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
}
# The client's address is the n-th from the right of X-Forwarded-For behind n proxies (the
# cluster's ingress: 1); without proxies, the socket's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailers(backend: str) -> dict:
    """Django 6.1's MAILERS: SMTP options only for the SMTP backend."""
    options = {}
    if backend == SMTP_BACKEND:
        options = {
            "host": env.str("EMAIL_HOST", default="localhost"),
            "port": env.int("EMAIL_PORT", default=25),
            "username": env.str("EMAIL_HOST_USER", default=""),
            "password": env.str("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = mailers(env.str("EMAIL_BACKEND", default=SMTP_BACKEND))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SatuPintu <no-reply@satupintu.id>")

# --- language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale", PLATFORM_DIR / "satupintu" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(DATA_DIR / "static"))
WHITENOISE_USE_FINDERS = False
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(DATA_DIR / "media"))
# Each regency's uploads live under its own schema name.
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "satupintu.storage.RegencyFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Celery and the beat schedule: satupintu/settings/_celery.py ----------------------------
from satupintu.settings._celery import *  # noqa: E402, F403

# --- Wagtail and security headers: satupintu/settings/_wagtail.py ---------------------------
from satupintu.settings._wagtail import *  # noqa: E402, F403

WAGTAILADMIN_BASE_URL = f"{PLATFORM_URL_SCHEME}://{PLATFORM_BASE_DOMAIN}"

# --- logging: one JSON object per line, naming the schema and the request id -------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "satupintu.logs.RequestContextFilter"},
        "drop_not_found": {"()": "satupintu.quiet_404.DropNotFound"},
    },
    "formatters": {
        "json": {"()": "satupintu.logs.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(schema)s %(request_id)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": env.str("LOG_FORMAT", default="plain"),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A 404 is not a warning on a public portal (scanners, stale links): not logged each.
        "django.request": {"filters": ["drop_not_found"]},
        "pgserver": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Wagtail's reference and search index updates are django-tasks tasks run in-process; a catalogue
# import holds them and runs each distinct one once (satupintu.tasks_coalesce, docs/adr/0060).
TASKS = {"default": {"BACKEND": "satupintu.tasks_coalesce.CoalescingImmediateBackend"}}

# --- billing (Stripe is the system of record) ---------------------------------------------------
STRIPE_API_KEY = env.str("STRIPE_API_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # empty: Stripe's own API
STRIPE_NETWORK_RETRIES = env.int("STRIPE_NETWORK_RETRIES", default=2)
BILLING_CURRENCY = "idr"
BILLING_GRACE_DAYS = env.int("BILLING_GRACE_DAYS", default=14)
BILLING_INVOICE_DAYS_UNTIL_DUE = env.int("BILLING_INVOICE_DAYS_UNTIL_DUE", default=30)

# --- product settings ---------------------------------------------------------------------------
# Subdomains a regency may never take: they name platform services or are confusing.
RESERVED_SUBDOMAINS = frozenset(
    {
        "www",
        "admin",
        "api",
        "static",
        "media",
        "mail",
        "smtp",
        "ftp",
        "app",
        "apps",
        "billing",
        "console",
        "operator",
        "operators",
        "platform",
        "satupintu",
        "status",
        "docs",
        "help",
        "support",
        "dashboard",
        "login",
        "auth",
        "account",
        "accounts",
        "cdn",
        "assets",
        "dev",
        "test",
        "staging",
        "demo",
        "blog",
        "public",
        "base",
        "root",
        "localhost",
        "ns1",
        "ns2",
        "webmail",
        "portal",
        "mpp",
        "internal",
        "metrics",
        "grafana",
        "sentry",
        "git",
        "id",
        "en",
    }
)
# The longest a citizen page is served from the cache. Edits show at once (the content version)
# and "open now" is kept only while it holds (docs/adr/0056): this bounds what nothing bumps, such
# as the popularity order of services.
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", default=3600)
# How long a page of the operators' regency list may spend computing figures it does not find kept;
# the rest are left to a worker and shown as "dihitung" (regencies/usage.py, docs/adr/0059).
CONSOLE_FIGURES_BUDGET_SECONDS = env.float("CONSOLE_FIGURES_BUDGET_SECONDS", default=1.0)
# Seconds the host-to-regency lookup is cached for; actions clear it on every change.
REGENCY_HOST_CACHE_SECONDS = env.int("REGENCY_HOST_CACHE_SECONDS", default=300)

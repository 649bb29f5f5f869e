"""Production: secure by default, and refusing to start without what it needs.

Every variable in REQUIRED must be set; the process exits naming the missing ones instead of
running with unsafe defaults.
"""

import copy
import os
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from satupintu.settings.base import *  # noqa: F403
from satupintu.settings.base import CONTENT_SECURITY_POLICY, LOGGING, database_from_url, env

REQUIRED = ["SECRET_KEY", "DATABASE_URL", "PLATFORM_BASE_DOMAIN", "REDIS_URL", "CELERY_BROKER_URL"]
_missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "SatuPintu refuses to start: missing environment variable(s) "
        + ", ".join(_missing)
        + ". See README (Operating a deployment)."
    )
if not os.environ.get("MEDIA_S3_BUCKET") and not os.environ.get("MEDIA_ROOT"):
    # The image's filesystem is read-only: uploads need object storage (or a mounted volume).
    raise ImproperlyConfigured(
        "SatuPintu refuses to start: set MEDIA_S3_BUCKET (object storage for uploads) or "
        "MEDIA_ROOT (a persistent volume). See README (Operating a deployment)."
    )
if len(os.environ["SECRET_KEY"]) < 50:
    raise ImproperlyConfigured(
        "SatuPintu refuses to start: SECRET_KEY must be at least 50 characters."
    )

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
# Optionally Django's own psycopg pool, per process (docs/scaling.md): safe with django-tenants,
# which sets the search_path on every cursor; a connection is replaced after max_lifetime
# seconds, so the memory of the schemas it visited is given back.
if DATABASE_POOL_MAX_SIZE := env.int("DATABASE_POOL_MAX_SIZE", default=0):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections, Django must not
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": DATABASE_POOL_MAX_SIZE,
        "max_lifetime": env.float("DATABASE_POOL_MAX_LIFETIME", default=600.0),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
    }
PLATFORM_URL_SCHEME = "https"
OPERATOR_MFA_REQUIRED = True  # not configurable in production
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# --- HTTPS and cookies --------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Probes reach pods over plain HTTP inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
# The platform owns its base domain and every subdomain under it; a regency's own domain is only
# preloaded if the regency submits it to the browsers' list.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-sessionid"  # host-only by the browser's rules, not just by ours
CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS",
    default=[
        f"https://{os.environ['PLATFORM_BASE_DOMAIN']}",
        f"https://*.{os.environ['PLATFORM_BASE_DOMAIN']}",
    ],
)

# --- static files: hashed names, compressed, served by WhiteNoise -------------------------------
STORAGES = {
    "default": {"BACKEND": "satupintu.storage.RegencyFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.str("MEDIA_S3_BUCKET", default=""):
    # Uploads on S3-compatible object storage, under `<prefix>/<schema>/` per regency.
    STORAGES["default"] = {
        "BACKEND": "satupintu.storage.RegencyS3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "custom_domain": env.str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("MEDIA_S3_PREFIX", default="media"),
            "default_acl": None,
            "querystring_auth": env.bool("MEDIA_S3_QUERYSTRING_AUTH", default=True),
            "file_overwrite": False,
        },
    }
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# --- Content Security Policy ---------------------------------------------------------------------
# base.py's policy is the one the citizen pages and the Wagtail admin both work under (the admin
# still has inline scripts and styles, so both keep 'unsafe-inline'; docs/adr/0011). Production
# adds: browsers fetch every sub-resource over HTTPS, uploads may come from the object storage's
# host, and violations can be reported.
CONTENT_SECURITY_POLICY = copy.deepcopy(CONTENT_SECURITY_POLICY)
_csp: dict[str, Any] = CONTENT_SECURITY_POLICY["DIRECTIVES"]
_csp["upgrade-insecure-requests"] = True
_media_host = (
    env.str("MEDIA_S3_CUSTOM_DOMAIN", default="")
    or urlsplit(env.str("MEDIA_S3_ENDPOINT_URL", default="")).netloc
)
if _media_host:
    _csp["media-src"] = ["'self'", f"https://{_media_host}"]
if CSP_REPORT_URI := env.str("CSP_REPORT_URI", default=""):
    _csp["report-uri"] = [CSP_REPORT_URI]

# --- Celery: a real broker ----------------------------------------------------------------------
CELERY_TASK_ALWAYS_EAGER = False
TASKS_IN_BACKGROUND_THREAD = False

# --- logs: JSON lines with schema and request id -------------------------------------------------
LOGGING["handlers"]["console"]["formatter"] = "json"

# --- error reporting, only when configured -------------------------------------------------------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as exc:  # pragma: no cover - depends on the image
        raise ImproperlyConfigured("SENTRY_DSN is set but sentry-sdk is not installed.") from exc
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0.0)

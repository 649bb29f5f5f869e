"""Production configuration: refusing to start without its variables, `check --deploy`, the
per-regency S3 prefix, JSON log lines naming schema and request id, CSP and the database pool.

Production settings are only ever loaded in a child process: importing them here would replace
the test settings.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from satupintu.logs import JsonFormatter, RequestContextFilter
from satupintu.storage import RegencyS3Storage
from tests.conftest import PLATFORM_HOST, host_of, in_schema
from tests.processes import ROOT

REQUIRED = ["SECRET_KEY", "DATABASE_URL", "PLATFORM_BASE_DOMAIN", "REDIS_URL", "CELERY_BROKER_URL"]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 24 + "-not-a-real-secret-but-long-enough-" + "y" * 16,
    # `check` does not connect: nothing listens at these addresses.
    "DATABASE_URL": "postgres://satupintu@db.invalid:5432/satupintu",
    "PLATFORM_BASE_DOMAIN": "satupintu.example.id",
    "REDIS_URL": "redis://redis.invalid:6379/0",
    "CELERY_BROKER_URL": "redis://redis.invalid:6379/1",
    "MEDIA_S3_BUCKET": "satupintu-media",
}
# The child gets only these from this process's environment: nothing set for the tests (by
# CI, or by another test, such as DJANGO_ALLOW_ASYNC_UNSAFE for browser tests) leaks in.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")


def production_run(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    base = {key: os.environ[key] for key in INHERITED if key in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "satupintu.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_naming_the_missing_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}

    result = production_run("check", env=env)

    assert result.returncode == 1
    assert result.stdout == ""
    assert (
        f"SatuPintu refuses to start: missing environment variable(s) {missing}. "
        "See README (Operating a deployment)."
    ) in result.stderr


def test_production_refuses_to_start_without_somewhere_to_store_uploads():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "MEDIA_S3_BUCKET"}

    result = production_run("check", env=env)

    assert result.returncode == 1
    assert "set MEDIA_S3_BUCKET (object storage for uploads) or MEDIA_ROOT" in result.stderr


def test_production_names_every_missing_variable_at_once():
    result = production_run("check", env={"SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]})

    assert result.returncode == 1
    assert (
        "missing environment variable(s) DATABASE_URL, PLATFORM_BASE_DOMAIN, REDIS_URL, "
        "CELERY_BROKER_URL."
    ) in result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "MEDIA_S3_BUCKET": "satupintu-media",
            "MEDIA_S3_ENDPOINT_URL": "https://s3.example.id",
            "DATABASE_POOL_MAX_SIZE": "8",
        },
    ],
    ids=["required-only", "with-s3-and-pool"],
)
def test_check_deploy_reports_no_issues(extra):
    result = production_run(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **extra}
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


PRINT_PRODUCTION_SETTINGS = """
import json
from csp.utils import build_policy
from django.conf import settings
print(json.dumps({
    "csp": build_policy(),
    "storage": settings.STORAGES["default"],
    "database": {k: settings.DATABASES["default"][k] for k in ("CONN_MAX_AGE", "OPTIONS")},
    "log_formatter": settings.LOGGING["formatters"][
        settings.LOGGING["handlers"]["console"]["formatter"]
    ],
}))
"""


def production_settings(extra: dict[str, str]) -> dict:
    result = production_run(
        "shell", "--no-imports", "-c", PRINT_PRODUCTION_SETTINGS, env={**PRODUCTION_ENV, **extra}
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_with_object_storage_and_the_pool():
    loaded = production_settings(
        {
            "MEDIA_S3_BUCKET": "satupintu-media",
            "MEDIA_S3_ENDPOINT_URL": "https://s3.example.id",
            "MEDIA_S3_PREFIX": "uploads",
            "DATABASE_POOL_MAX_SIZE": "8",
            "CSP_REPORT_URI": "https://csp.example.id/report",
        }
    )

    assert loaded["storage"]["BACKEND"] == "satupintu.storage.RegencyS3Storage"
    assert loaded["storage"]["OPTIONS"]["bucket_name"] == "satupintu-media"
    assert loaded["storage"]["OPTIONS"]["location"] == "uploads"
    assert loaded["database"] == {
        "CONN_MAX_AGE": 0,
        "OPTIONS": {"pool": {"min_size": 1, "max_size": 8, "max_lifetime": 600.0, "timeout": 10.0}},
    }
    directives = dict(
        part.split(" ", 1) if " " in part else (part, "") for part in loaded["csp"].split("; ")
    )
    assert directives["media-src"] == "'self' https://s3.example.id"
    assert directives["report-uri"] == "https://csp.example.id/report"
    assert "upgrade-insecure-requests" in directives
    assert loaded["log_formatter"] == {"()": "satupintu.logs.JsonFormatter"}


def test_production_csp_without_optional_settings():
    # Uploads on a mounted volume instead of object storage.
    loaded = production_settings({"MEDIA_S3_BUCKET": "", "MEDIA_ROOT": "/var/lib/satupintu/media"})

    directives = dict(
        part.split(" ", 1) if " " in part else (part, "") for part in loaded["csp"].split("; ")
    )
    assert loaded["storage"] == {"BACKEND": "satupintu.storage.RegencyFileSystemStorage"}
    assert loaded["database"] == {"CONN_MAX_AGE": 60, "OPTIONS": {}}
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"  # Wagtail's preview frames its own host
    assert "media-src" not in directives
    assert "report-uri" not in directives


def s3_storage() -> RegencyS3Storage:
    # Credentials are given so nothing looks them up; nothing here opens a connection.
    return RegencyS3Storage(
        bucket_name="satupintu-media",
        location="media",
        custom_domain="media.satupintu.example.id",
        querystring_auth=False,
        file_overwrite=False,
        default_acl=None,
        access_key="test-access-key",
        secret_key="test-secret-key",
    )


def test_s3_keys_carry_the_schema_of_the_current_regency(alpha, beta):
    storage = s3_storage()

    with in_schema(alpha):
        alpha_key = storage._normalize_name("original_images/logo.png")
        alpha_url = storage.url("original_images/logo.png")
    with in_schema(beta):
        beta_key = storage._normalize_name("original_images/logo.png")
        beta_url = storage.url("original_images/logo.png")

    assert alpha_key == "media/r_16_08/original_images/logo.png"
    assert beta_key == "media/r_64_01/original_images/logo.png"
    assert alpha_url == "https://media.satupintu.example.id/media/r_16_08/original_images/logo.png"
    assert beta_url == "https://media.satupintu.example.id/media/r_64_01/original_images/logo.png"


def test_an_s3_name_cannot_climb_into_another_regency(alpha):
    storage = s3_storage()

    with in_schema(alpha), pytest.raises(SuspiciousOperation):
        storage._normalize_name("../r_64_01/original_images/logo.png")


@contextlib.contextmanager
def json_log_lines() -> Iterator[list[dict]]:
    """JSON lines from a root handler built of the filter and formatter production's LOGGING
    names (satupintu.logs), as they would reach the container's stdout."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    lines: list[dict] = []
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines())


def _fields(line: dict) -> dict:
    return {key: line[key] for key in ("level", "logger", "message", "schema", "request_id")}


def test_log_lines_during_a_request_name_the_schema_and_the_request_id(alpha, db):
    """A form posted without its CSRF token is logged by Django's CSRF middleware, inside the
    request, on the regency's host and on the platform's."""
    regency = Client(HTTP_HOST=host_of(alpha), enforce_csrf_checks=True)
    platform = Client(HTTP_HOST=PLATFORM_HOST, enforce_csrf_checks=True)

    with json_log_lines() as lines:
        on_regency = regency.post("/accounts/login/", HTTP_X_REQUEST_ID="req-alpha-0001")
        on_platform = platform.post("/accounts/login/", HTTP_X_REQUEST_ID="req-platform-0002")

    assert (on_regency.status_code, on_regency["X-Request-ID"]) == (403, "req-alpha-0001")
    assert (on_platform.status_code, on_platform["X-Request-ID"]) == (403, "req-platform-0002")
    assert [_fields(line) for line in lines] == [
        {
            "level": "WARNING",
            "logger": "django.security.csrf",
            "message": "Forbidden (CSRF cookie not set.): /accounts/login/",
            "schema": "r_16_08",
            "request_id": "req-alpha-0001",
        },
        {
            "level": "WARNING",
            "logger": "django.security.csrf",
            "message": "Forbidden (CSRF cookie not set.): /accounts/login/",
            "schema": "public",
            "request_id": "req-platform-0002",
        },
    ]


def test_a_not_found_is_not_a_log_line_but_keeps_its_request_id(alpha_client):
    """A portal's 404s (scanners, stale links) are not logged one warning each (issue #15,
    satupintu.quiet_404); the response still names the request id. Other 4xx are still logged
    with it (the CSRF test above)."""
    with json_log_lines() as lines:
        response = alpha_client.get("/tidak-ada/", HTTP_X_REQUEST_ID="req-alpha-0003")

    assert (response.status_code, response["X-Request-ID"]) == (404, "req-alpha-0003")
    assert [_fields(line) for line in lines] == []

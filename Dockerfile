# syntax=docker/dockerfile:1
# SatuPintu's production image: one image for the web server (gunicorn), the Celery worker and
# beat, and the migration job; the Helm chart (helm/satupintu) chooses the command.
#
#   docker build -t satupintu:0.1.0 .
#   docker build --build-arg EXTRA_PIP_PACKAGES="sentry-sdk" -t satupintu:0.1.0 .
#
# Runs as an unprivileged user (10001) and needs nothing writable except /tmp, so the root
# filesystem can be mounted read-only.

ARG PYTHON_VERSION=3.12

# --- build: dependencies, compiled translations, collected static files, bytecode --------------
FROM python:${PYTHON_VERSION}-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# msgfmt, for compilemessages (when the tree has translations).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
WORKDIR /app

# Dependencies first, from pyproject.toml alone, so the layer is reused while only code changes.
# The project itself is not installed: its apps run from /app (PYTHONPATH below), as in
# development. pgserver (the embedded PostgreSQL of the demo and tests) is left out.
COPY pyproject.toml ./
ARG EXTRA_PIP_PACKAGES=""
RUN python -c "import tomllib; \
deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; \
print('\n'.join(d for d in deps if not d.startswith('pgserver')))" > /tmp/requirements.txt \
    && pip install --upgrade pip \
    && pip install -r /tmp/requirements.txt ${EXTRA_PIP_PACKAGES}

COPY manage.py gunicorn.conf.py ./
COPY platform ./platform
COPY tenants_app ./tenants_app
COPY cms ./cms
COPY onboarding ./onboarding

# `platform/` is a source root, never a package (README): the standard library's `platform`
# module still wins, because a folder without __init__.py only counts when nothing else matches.
ENV PYTHONPATH=/app/platform:/app/tenants_app:/app \
    STATIC_ROOT=/app/static

# The production settings refuse to start without their variables; these placeholders only let
# the two build commands import them (neither connects to anything).
RUN export DJANGO_SETTINGS_MODULE=satupintu.settings.production \
        SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
        DATABASE_URL=postgres://build@build.invalid/build \
        PLATFORM_BASE_DOMAIN=build.invalid \
        REDIS_URL=redis://build.invalid:6379/0 \
        CELERY_BROKER_URL=redis://build.invalid:6379/1 \
    && if find . -name '*.po' -print -quit | grep -q .; then \
           python manage.py compilemessages --verbosity 0; fi \
    && python manage.py collectstatic --noinput --verbosity 0 \
    && python -m compileall -q /app /opt/venv

# --- runtime -------------------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-bookworm AS runtime

RUN groupadd --system --gid 10001 satupintu \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin satupintu

# Code and dependencies belong to root: the application user can read them, never change them.
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app/platform:/app/tenants_app:/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=satupintu.settings.production \
    STATIC_ROOT=/app/static

WORKDIR /app
USER 10001:10001
EXPOSE 8000

# The chart overrides this per component (web, worker, beat, migrate). gunicorn.conf.py holds the
# settings every gunicorn of the project shares (gthread workers, /tmp, --reuse-port).
CMD ["gunicorn", "satupintu.wsgi:application", "--config=gunicorn.conf.py", "--bind=0.0.0.0:8000", \
     "--workers=2", "--threads=4"]

# SatuPintu developer commands. `make run` and `make test` are the two that matter (see README).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
PORT    ?= 8000
# e.g. UVICORN_ARGS="--reload --reload-dir platform --reload-dir tenants_app --reload-dir cms"
UVICORN_ARGS ?=
# Python 3.12: the first of `python3.12` on PATH that really runs, or pyenv's 3.12 install.
PYTHON312 ?= $(shell for c in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12 /usr/bin/python3.12 /usr/local/bin/python3.12; do \
	  if [ -x "$$(command -v $$c 2>/dev/null)" ] && $$c -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then command -v $$c; break; fi; done)

.PHONY: help run test test-clock lint format check-migrations messages helm-check bench clean-data

help:
	@echo "make run    - install, start embedded PostgreSQL if DATABASE_URL is unset, seed demo, serve on :$(PORT)"
	@echo "make test   - run the whole test suite against real PostgreSQL"
	@echo "make test-clock - the suite again a year ahead and on a Friday evening in Ramadan"
	@echo "make lint   - ruff + mypy + makemigrations --check"

$(VENV)/.installed: pyproject.toml $(wildcard platform/*/__init__.py */__init__.py)
	@if [ -z "$(PYTHON312)" ]; then echo "Python 3.12 is required (not found on PATH or under pyenv)." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON312) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-satupintu.settings.local} $(PY) manage.py bootstrap --demo
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-satupintu.settings.local} $(VENV)/bin/uvicorn \
	  satupintu.asgi:application --host 0.0.0.0 --port $(PORT) --timeout-graceful-shutdown 3 $(UVICORN_ARGS)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# The suite again with the clock moved (tests/clock.py): a year and a day ahead, and a Friday
# evening in Ramadan 1448 H. Both runs at once, each in its own test database and Redis db; the
# log of a failed run is printed.
CLOCKS ?= +366d 2027-02-26T18:30+07:00
test-clock: $(VENV)/.installed
	@mkdir -p .data; redis="$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"; redis="$${redis%/*}"; \
	i=0; pids=""; for clock in $(CLOCKS); do i=$$((i+1)); \
	  echo "pytest with SATUPINTU_TEST_CLOCK=$$clock (log: .data/test-clock-$$i.log)"; \
	  SATUPINTU_TEST_CLOCK=$$clock TEST_DATABASE_NAME=test_satupintu_clock$$i \
	    TEST_REDIS_URL=$$redis/$$((12 + i)) $(PY) -m pytest -q $(PYTEST_ARGS) >.data/test-clock-$$i.log 2>&1 & \
	  pids="$$pids $$!"; done; \
	status=0; i=0; for pid in $$pids; do i=$$((i+1)); \
	  if wait $$pid; then tail -n 1 .data/test-clock-$$i.log; \
	  else status=1; tail -n 60 .data/test-clock-$$i.log; fi; done; exit $$status

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy platform tenants_app cms onboarding
	DJANGO_SETTINGS_MODULE=satupintu.settings.test $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Lint and render the chart with every values file in helm/satupintu/ci/, validate the manifests
# against the Kubernetes schemas, and check that each broken values file is refused. Offline.
helm-check: $(VENV)/.installed
	$(PY) helm/check.py

messages: $(VENV)/.installed
	cd cms && ../$(PY) ../manage.py makemessages -l id -l en --no-obsolete
	$(PY) manage.py compilemessages

clean-data:
	rm -rf .data

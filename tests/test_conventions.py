"""House conventions that keep the tenancy boundary visible in code (docs/style)."""

import ast
import re
from pathlib import Path

from django.core import checks
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = [ROOT / "platform", ROOT / "tenants_app", ROOT / "cms", ROOT / "onboarding"]
SCHEMA_LINE = re.compile(r"Schema: (public|tenant|both|public -> tenant)[^\n]*\.", re.S)


def _modules(names: tuple[str, ...]):
    for base in FIRST_PARTY:
        for path in base.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            if path.stem in names or path.parent.name in names:
                yield path


def test_actions_selectors_and_tasks_modules_declare_their_schema():
    missing = []
    for path in _modules(("actions", "selectors", "tasks")):
        doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        if not SCHEMA_LINE.search(doc):
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []


def test_public_code_never_imports_tenant_models():
    """Crossing into a tenant happens through tenant *actions* in named `_for_tenant` functions."""
    offenders = []
    for base in (ROOT / "platform", ROOT / "onboarding"):
        for path in base.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ImportFrom)
                    and node.module
                    and re.match(r"^(catalogue|cms)\.models", node.module)
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_no_first_party_module_is_named_after_the_standard_library():
    import sys

    clashes = [
        p.name
        for root in (ROOT / "platform", ROOT / "tenants_app")  # the two source roots
        for p in root.iterdir()
        if p.name in sys.stdlib_module_names and (p / "__init__.py").exists()
    ]
    for base in FIRST_PARTY:
        for path in base.rglob("*.py"):
            # `selectors` is the house style's name for read modules, always inside an app package.
            if path.stem in sys.stdlib_module_names and path.stem not in {
                "__init__",
                "__main__",
                "selectors",
            }:
                clashes.append(str(path.relative_to(ROOT)))
    assert clashes == []


def test_app_schema_check_passes_for_our_layout():
    from satupintu.checks import check_app_schemas

    assert check_app_schemas(None) == []


def test_app_schema_check_catches_a_misplaced_app(settings):
    from satupintu.checks import check_app_schemas

    with override_settings(
        TENANT_APPS=[*settings.TENANT_APPS, "regencies"],
    ):
        errors = check_app_schemas(None)
    assert [e.id for e in errors] == ["satupintu.E001"]
    assert "regencies" in errors[0].msg


def test_django_system_checks_pass():
    assert [m for m in checks.run_checks() if m.level >= checks.ERROR] == []


def test_time_is_computed_in_python_never_by_the_database():
    """Tests move Python's clock (tests/clock.py); a date the database computed (`Now()`, or
    `now()`/`CURRENT_DATE` in SQL) would not move with it and would tie a test to the real day."""
    sql_clock = re.compile(r"\bnow\(\)|\bcurrent_(date|timestamp)\b|clock_timestamp\(", re.I)
    offenders = []
    for base in FIRST_PARTY:
        for path in base.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                is_now_call = isinstance(node, ast.Call) and (
                    getattr(node.func, "id", None) == "Now"
                    or getattr(node.func, "attr", None) == "Now"
                )
                is_sql = (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and sql_clock.search(node.value)
                )
                if is_now_call or is_sql:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_tenants_app_is_a_source_root_of_apps_not_a_package():
    """Each folder of tenants_app/ is one tenant-schema app imported by its own name (ADR 0014)."""
    from django.apps import apps

    assert not (ROOT / "tenants_app" / "__init__.py").exists()
    folders = {p.name for p in (ROOT / "tenants_app").iterdir() if (p / "apps.py").exists()}
    installed = {c.name for c in apps.get_app_configs()}
    assert "catalogue" in folders
    assert folders <= installed

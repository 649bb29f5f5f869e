"""Uniqueness clashes and broken rules in the portal's catalogue admin and the operator console are
ours, in plain Indonesian, and name the row clashed with; never Django's sentence, whose Indonesian
translation says the row "tidak ada" (does not exist)."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.test import RequestFactory
from django.utils.html import escape
from wagtail.snippets.models import get_snippet_models

from catalogue.admin_clashes import CATALOGUE_CLASH_MESSAGES, CatalogueClashMessages
from satupintu.admin_site import operator_site
from satupintu.clashes import (
    ClashMessagesMixin,
    clash_find,
    clash_message,
    field_shown,
    unique_rules,
)
from tests.conftest import in_schema, staff_client, staff_user

TENANT_APPS = ("tenants_app", "cms")
# Django's sentences for a clash or a broken constraint, in English and Indonesian.
DJANGO_SENTENCES = ("tidak ada", "ini sudah ada", "already exists", "dilanggar", "is violated")


@pytest.fixture
def admin_client(alpha):
    return staff_client(alpha, "admin@alpha.test", superuser=True)


@pytest.fixture
def every_rule_has_a_row(alpha, admin_client):
    """The test catalogue plus a row for each conditional rule it has none for."""
    from accounts.models import User
    from catalogue.models import (
        Agency,
        AgencyMembership,
        DateOverride,
        Location,
        ScheduleProfile,
        ServicePledge,
        WeeklyHours,
    )
    from cms.models import HeldValue

    with in_schema(alpha):
        agency = Agency.objects.get(key="disdukcapil")
        location = Location.objects.get(key="gedung-mpp")
        ServicePledge.objects.create(agency=agency, text="Kami melayani.", is_active=True)
        WeeklyHours.objects.create(
            location=location,
            profile=ScheduleProfile.objects.get(key="normal"),
            agency=agency,
            weekday=5,
            opens=datetime.time(8),
            closes=datetime.time(12),
        )
        DateOverride.objects.create(
            date=datetime.date(2026, 12, 24), location=location, name="Rapat"
        )
        if not DateOverride.objects.filter(location__isnull=True).exists():
            DateOverride.objects.create(date=datetime.date(2026, 12, 31), name="Tutup buku")
        AgencyMembership.objects.create(
            user=User.objects.get(email="admin@alpha.test"), agency=agency
        )
        HeldValue.objects.create(section="locations", key=location.key, field_name="phone")


def _models_with_rules():
    return [
        model
        for name in TENANT_APPS
        for model in apps.get_app_config(name).get_models()
        if unique_rules(model)
    ]


def _copy(row: models.Model) -> models.Model:
    """A new, unsaved row with every value of `row`."""
    fields = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    copy = type(row)(
        **{name: value for name, value in fields.items() if name != row._meta.pk.attname}
    )
    copy._state.adding = True
    return copy


def _names_the_clash(message: str, copy: models.Model, rule, existing) -> bool:
    shown = [
        field_shown(copy, name)
        for name in rule.fields
        if not isinstance(copy._meta.get_field(name), models.BooleanField)
    ]
    return all(value in message for value in shown) and (bool(shown) or str(existing) in message)


def test_every_unique_rule_of_our_tenant_apps_names_the_row_it_clashes_with(
    alpha, every_rule_has_a_row
):
    checked = []
    with in_schema(alpha):
        for model in _models_with_rules():
            for rule in unique_rules(model):
                candidates = model._default_manager.all()
                if rule.condition is not None:
                    candidates = candidates.filter(rule.condition)
                row = candidates.order_by("pk").first()
                assert row is not None, f"give the test catalogue a {model.__name__} ({rule.name})"
                copy = _copy(row)

                existing = clash_find(copy, rule)
                message = clash_message(copy, rule, existing, CATALOGUE_CLASH_MESSAGES)

                assert existing == row, rule.name
                assert not any(s in message for s in DJANGO_SENTENCES), message
                assert "%(" not in message, message
                assert "sudah" in message, message
                assert _names_the_clash(message, copy, rule, existing), (rule.name, message)
                checked.append(rule.name)

    assert "counter_code_unique_per_location" in checked
    assert "tenants_app.location.key" in checked
    assert len(checked) >= 20


def test_every_check_constraint_of_our_tenant_apps_has_our_sentence():
    unworded = [
        constraint.name
        for name in TENANT_APPS
        for model in apps.get_app_config(name).get_models()
        for constraint in model._meta.constraints
        if isinstance(constraint, models.CheckConstraint)
        and constraint.violation_error_message == constraint.default_violation_error_message
        and constraint.name not in CATALOGUE_CLASH_MESSAGES
    ]

    assert unworded == []


def test_every_catalogue_form_and_every_console_form_names_clashes(rf: RequestFactory):
    catalogue = [m for m in get_snippet_models() if m._meta.app_label in TENANT_APPS]
    request = rf.get("/console/")
    request.user = type("Operator", (), {"is_superuser": True, "has_perm": lambda *a: True})()

    assert len(catalogue) >= 10
    for model in catalogue:
        viewset = model.snippet_viewset
        assert issubclass(viewset.get_form_class(), CatalogueClashMessages), model
        assert issubclass(viewset.get_form_class(for_update=True), CatalogueClashMessages), model
    for model, model_admin in operator_site._registry.items():
        assert issubclass(model_admin.get_form(request), ClashMessagesMixin), model


def _post_data(form) -> dict:
    """What a browser would send back for `form` as it was first shown."""
    data: dict = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = form[name].field.widget.format_value(value) or ""
    for formset in getattr(form, "formsets", {}).values():
        prefix = formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
        data |= {f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    return data


def test_adding_a_copy_of_any_catalogue_row_in_the_admin_names_every_clash(
    alpha, admin_client, every_rule_has_a_row
):
    from accounts.models import User

    tried = []
    with in_schema(alpha):
        user = User.objects.get(email="admin@alpha.test")
        for model in get_snippet_models():
            if model._meta.app_label != "tenants_app" or not unique_rules(model):
                continue
            for rule in unique_rules(model):
                candidates = model._default_manager.all()
                if rule.condition is not None:
                    candidates = candidates.filter(rule.condition)
                row = candidates.order_by("pk").first()
                form_class = model.snippet_viewset.get_form_class()
                data = _post_data(form_class(instance=row, for_user=user))
                expected = clash_message(_copy(row), rule, row, CATALOGUE_CLASH_MESSAGES)
                url = f"/admin/snippets/tenants_app/{model._meta.model_name}/add/"
                before = model._default_manager.count()

                response = admin_client.post(url, data)

                errors = [e for errs in response.context["form"].errors.values() for e in errs]
                assert response.status_code == 200, (url, rule.name)
                assert expected in errors, (rule.name, errors)
                assert escape(expected) in response.text
                assert not any(s in response.text for s in ("tidak ada.", "already exists")), url
                assert model._default_manager.count() == before
                tried.append(rule.name)

    assert len(tried) >= 15


def _new_counter(code: str, *, agency_id: int, location_id: int) -> dict:
    """The add form of a counter "loket-baru" with `code` at that location."""
    return {
        "code": code,
        "name": "Loket baru",
        "key": "loket-baru",
        "agency": str(agency_id),
        "location": str(location_id),
        "is_active": "on",
    }


def test_a_counter_code_already_used_at_that_location_is_named(alpha, admin_client):
    from catalogue.models import Counter

    with in_schema(alpha):
        taken = Counter.objects.select_related("location").order_by("pk").first()
    data = _new_counter(taken.code, agency_id=taken.agency_id, location_id=taken.location_id)

    response = admin_client.post("/admin/snippets/tenants_app/counter/add/", data)

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        f"Kode {taken.code} sudah dipakai oleh loket “{taken}” di {taken.location}."
    ]
    assert "tidak ada" not in response.text
    with in_schema(alpha):
        assert not Counter.objects.filter(key="loket-baru").exists()


def test_the_same_counter_code_at_another_location_is_fine(alpha, admin_client):
    from catalogue.models import Counter, Location

    with in_schema(alpha):
        taken = Counter.objects.order_by("pk").first()
        elsewhere = Location.objects.exclude(pk=taken.location_id).first()
    data = _new_counter(taken.code, agency_id=taken.agency_id, location_id=elsewhere.pk)

    response = admin_client.post("/admin/snippets/tenants_app/counter/add/", data)

    assert response.status_code == 302
    with in_schema(alpha):
        assert Counter.objects.get(key="loket-baru").location == elsewhere


def test_a_clash_in_beta_is_not_a_clash_in_alpha(alpha, beta, admin_client):
    from catalogue.models import Location

    with in_schema(beta):
        beta_key = Location.objects.order_by("pk").first().key
    staff_user(beta, "admin@beta.test", superuser=True)

    response = admin_client.post(
        "/admin/snippets/tenants_app/location/add/",
        {"name": "Gerai dari Beta", "key": beta_key, "kind": "village", "sort_order": "0"},
    )

    assert response.status_code == 302
    with in_schema(alpha):
        assert Location.objects.get(key=beta_key).name == "Gerai dari Beta"


def test_a_console_plan_with_a_code_in_use_is_named(operator_client):
    from billing.actions import plans_ensure

    dasar = next(plan for plan in plans_ensure() if plan.code == "dasar")
    form_class = operator_site._registry[type(dasar)].get_form(
        RequestFactory().get("/"), None, change=False
    )

    form = form_class(data={"code": "dasar", "name": "Dasar kedua"})

    assert form.is_valid() is False
    assert form.errors["code"] == [f"Kode dasar sudah dipakai oleh paket “{dasar}”."]

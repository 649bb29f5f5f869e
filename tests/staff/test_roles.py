"""The staff role registry: every app's grants merged into each regency's groups."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django_tenants.utils import schema_context

from staff.actions import roles_sync
from staff.registry import role_grants
from staff.roles import (
    ROLE_AGENCY_ADMIN,
    ROLE_COMPLAINT_VERIFIER,
    ROLE_CONTENT_EDITOR,
    ROLE_COUNTER_OFFICER,
    ROLE_REGENCY_ADMIN,
    ROLES,
)
from tests.conftest import in_schema

pytestmark = pytest.mark.django_db


def _codes(group_name: str) -> set[str]:
    return {
        f"{app}.{code}"
        for app, code in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_a_roles_permissions_are_the_union_of_every_apps_grants():
    grants = role_grants()

    assert set(grants) == set(ROLES)
    admin = grants[ROLE_REGENCY_ADMIN]
    assert {"tenants_app.change_service", "cms.change_branding"} <= admin  # catalogue, cms
    assert {"workdays.add_closure", "activity.view_activityentry"} <= admin  # workdays, activity
    assert "tenants_app.delete_service" not in grants[ROLE_AGENCY_ADMIN]
    assert "cms.change_branding" not in grants[ROLE_CONTENT_EDITOR]


def test_every_regency_has_every_role_with_exactly_its_grants(alpha):
    with in_schema(alpha):
        for role in ROLES:
            assert Group.objects.filter(name=role).exists(), role
        assert _codes(ROLE_REGENCY_ADMIN) == set(role_grants()[ROLE_REGENCY_ADMIN])
        assert _codes(ROLE_AGENCY_ADMIN) == set(role_grants()[ROLE_AGENCY_ADMIN])
        assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
        assert {ROLE_COUNTER_OFFICER, ROLE_COMPLAINT_VERIFIER} <= set(
            Group.objects.values_list("name", flat=True)
        )


def test_sync_restores_a_removed_grant_and_takes_back_an_extra_one(alpha):
    with in_schema(alpha):
        admin = Group.objects.get(name=ROLE_REGENCY_ADMIN)
        closure = Permission.objects.get(content_type__app_label="workdays", codename="add_closure")
        stray = Permission.objects.get(content_type__app_label="auth", codename="delete_group")
        admin.permissions.remove(closure)
        admin.permissions.add(stray)

        counts = roles_sync()

        assert counts[ROLE_REGENCY_ADMIN] == len(role_grants()[ROLE_REGENCY_ADMIN])
        assert "workdays.add_closure" in _codes(ROLE_REGENCY_ADMIN)
        assert "auth.delete_group" not in _codes(ROLE_REGENCY_ADMIN)


def test_a_migrate_in_one_regency_syncs_its_roles_and_no_other_schemas(alpha, beta):
    for regency in (alpha, beta):
        with in_schema(regency):
            Group.objects.get(name=ROLE_REGENCY_ADMIN).permissions.remove(
                Permission.objects.get(content_type__app_label="workdays", codename="add_closure")
            )
    with schema_context("public"):
        Group.objects.filter(name__in=ROLES).delete()

    with in_schema(alpha):
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    with in_schema(alpha):
        assert "workdays.add_closure" in _codes(ROLE_REGENCY_ADMIN)
    with in_schema(beta):
        assert "workdays.add_closure" not in _codes(ROLE_REGENCY_ADMIN)  # beta was not migrated
        roles_sync()
    with schema_context("public"):
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        assert not Group.objects.filter(name__in=ROLES).exists()  # roles live in regencies only

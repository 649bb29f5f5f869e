"""The admin's dashboard shows the catalogue's tasks (drafts to publish, standards to review or
without an SK), scoped to the user's agencies, in a bounded number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import User
from catalogue.dashboard import CatalogueTasksPanel
from catalogue.models import Service, ServiceStandard
from tests.conftest import in_schema, staff_client, staff_user


@pytest.fixture
def regency_admin(alpha):
    return staff_client(alpha, "admin@alpha.test", group="Admin MPP")


def _draft(regency, key: str, user=None) -> None:
    with in_schema(regency):
        service = Service.objects.get(key=key)
        service.description = "Draf baru"
        service.save_revision(user=user)


def test_the_dashboard_lists_drafts_and_standards_to_review(alpha, regency_admin, pinned_clock):
    _draft(alpha, "skck")
    with in_schema(alpha):
        ServiceStandard.objects.filter(service__key="sim-a-baru").update(
            review_date=dt.date(2020, 1, 1)
        )
        ServiceStandard.objects.filter(service__key="ktp-el-baru").update(decree_number="")

    page = regency_admin.get("/admin/").text

    assert "Tugas katalog" in page
    assert "1 draf katalog menunggu diterbitkan" in page
    assert "Penerbitan SKCK" in page
    assert "peninjauan jatuh tempo 01-01-2020" in page
    assert "belum ada nomor SK" in page
    assert "Penerbitan KTP-el Baru" in page
    assert "Pages" not in page.split("<main")[-1]


def test_an_agency_admin_sees_only_their_agencies_tasks(alpha, beta):
    _draft(alpha, "skck")
    _draft(alpha, "ktp-el-baru")
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])

    page = polres.get("/admin/").text

    assert "1 draf katalog menunggu diterbitkan" in page
    assert "Penerbitan SKCK" in page
    assert "Penerbitan KTP-el Baru" not in page


def test_the_panel_queries_do_not_grow_with_the_catalogue(alpha):
    user_pk = staff_user(alpha, "admin@alpha.test", group="Admin MPP").pk

    def queries() -> int:
        with in_schema(alpha):
            panel = CatalogueTasksPanel(User.objects.get(pk=user_pk))
            with CaptureQueriesContext(connection) as captured:
                panel.get_context_data()
        return len(captured)

    _draft(alpha, "skck")
    one = queries()
    with in_schema(alpha):
        keys = list(Service.objects.exclude(key="skck").values_list("key", flat=True))
    for key in keys:
        _draft(alpha, key)

    assert len(keys) >= 3
    assert queries() == one, "queries grew"


@pytest.mark.parametrize(
    ("language", "value", "unit", "text"),
    [
        ("en", 1, "working_days", "1 working day"),
        ("en", 3, "working_days", "3 working days"),
        ("en", 1, "hours", "1 hour"),
        ("en", 30, "minutes", "30 minutes"),
        ("id", 1, "working_days", "1 hari kerja"),
        ("id", 14, "days", "14 hari"),
    ],
)
def test_completion_times_have_correct_plurals(language, value, unit, text):
    standard = ServiceStandard(completion_time_value=value, completion_time_unit=unit)
    with translation.override(language):
        assert standard.completion_time_display == text


def test_the_dashboard_counts_read_as_english_plurals(alpha, pinned_clock):
    user = staff_user(alpha, "admin@alpha.test", group="Admin MPP")
    _draft(alpha, "skck")
    with in_schema(alpha), translation.override("en"):
        context = CatalogueTasksPanel(user).get_context_data()
    assert context["drafts_label"] == "1 catalogue draft waiting to be published"

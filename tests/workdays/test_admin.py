"""The regency's closure days in its Wagtail admin."""

from datetime import date

import pytest

from staff.roles import ROLE_AGENCY_ADMIN, ROLE_REGENCY_ADMIN
from tests.conftest import in_schema, staff_client
from workdays.models import Closure

URL = "/admin/snippets/workdays/closure/"


@pytest.fixture
def admin(alpha):
    """The regency admin role (not a superuser) keeps the regency's calendar."""
    return staff_client(alpha, "admin@alpha.test", group=ROLE_REGENCY_ADMIN)


def test_an_agency_admin_cannot_change_the_regency_calendar(alpha):
    agency_admin = staff_client(alpha, "instansi@alpha.test", group=ROLE_AGENCY_ADMIN)

    response = agency_admin.post(f"{URL}add/", {"date": "2026-11-24", "reason": "Libur"})

    assert response.status_code in (302, 403)
    assert not response.headers.get("Location", "").startswith(URL)
    with in_schema(alpha):
        assert Closure.objects.count() == 0


def test_an_admin_adds_a_closure(alpha, admin):
    response = admin.post(f"{URL}add/", {"date": "2026-11-24", "reason": "Hari Jadi Kabupaten"})

    assert response.status_code == 302
    with in_schema(alpha):
        closures = list(Closure.objects.values_list("date", "reason"))
    assert closures == [(date(2026, 11, 24), "Hari Jadi Kabupaten")]
    listing = admin.get(URL)
    assert listing.status_code == 200
    assert "Hari Jadi Kabupaten" in listing.text


def test_a_second_closure_on_the_same_date_is_refused_in_indonesian(alpha, admin):
    with in_schema(alpha):
        Closure.objects.create(date=date(2026, 11, 24), reason="Hari Jadi Kabupaten")

    response = admin.post(f"{URL}add/", {"date": "2026-11-24", "reason": "Lagi"})

    assert response.status_code == 200
    assert "Tanggal ini sudah tercatat sebagai hari libur daerah." in response.text
    with in_schema(alpha):
        assert Closure.objects.count() == 1


def test_an_empty_reason_is_refused(alpha, admin):
    response = admin.post(f"{URL}add/", {"date": "2026-11-24", "reason": ""})

    assert response.status_code == 200
    with in_schema(alpha):
        assert Closure.objects.count() == 0

"""Hours of several locations or counters set at once (issue 16): as drafts, or published by an
Admin MPP; counters' hours become their agency's hours at that location; a closure for several
locations; refused for agency admins; bad input changes nothing; one regency only."""

import datetime as dt

import pytest

from activity.models import ActivityEntry
from catalogue.hours import day_hours, hours_data_load
from catalogue.models import Counter, DateOverride, Location, ScheduleProfile, WeeklyHours
from tests.conftest import in_schema, staff_client

URL = "/admin/katalog/jam-sekaligus/"
SATURDAY = dt.date(2026, 11, 28)
TUESDAY = dt.date(2026, 11, 24)


@pytest.fixture
def regency_admin(alpha):
    return staff_client(alpha, "admin@alpha.test", group="Admin MPP")


def _ids(regency):
    with in_schema(regency):
        locations = list(Location.objects.order_by("pk").values_list("pk", flat=True))
        profile = ScheduleProfile.objects.get(is_default=True).pk
    return locations, profile


def _hours(regency, location_id: int, day: dt.date, agency_id=None):
    with in_schema(regency):
        data = hours_data_load(
            location_ids=[location_id], start=day, end=day, with_cuti_bersama=True
        )
        return day_hours(location_id=location_id, day=day, data=data, agency_id=agency_id)


def test_saturday_hours_for_two_locations_published_at_once(alpha, regency_admin):
    locations, profile = _ids(alpha)

    response = regency_admin.post(
        URL,
        {
            "mode": "weekly",
            "locations": [str(pk) for pk in locations],
            "profile": str(profile),
            "weekdays": ["5"],
            "opens": "09:00",
            "closes": "11:30",
            "action-publish": "",
        },
    )

    assert response.status_code == 302
    for pk in locations:
        hours = _hours(alpha, pk, SATURDAY)
        assert (hours.opens, hours.closes) == (dt.time(9), dt.time(11, 30))
    with in_schema(alpha):
        assert ActivityEntry.objects.filter(verb="weeklyhours.publish").count() == len(locations)
        assert ActivityEntry.objects.filter(verb="weeklyhours.bulk_draft").count() == len(locations)


def test_hours_saved_as_drafts_change_nothing_until_published(alpha, regency_admin):
    locations, profile = _ids(alpha)
    before = _hours(alpha, locations[0], SATURDAY)

    response = regency_admin.post(
        URL,
        {
            "mode": "weekly",
            "locations": [str(locations[0])],
            "profile": str(profile),
            "weekdays": ["5"],
            "opens": "09:00",
            "closes": "11:30",
            "action-draft": "",
        },
    )

    assert response.status_code == 302
    assert _hours(alpha, locations[0], SATURDAY) == before
    with in_schema(alpha):
        row = WeeklyHours.objects.get(
            location_id=locations[0], profile_id=profile, agency=None, weekday=5
        )
        assert row.has_unpublished_changes
        assert not ActivityEntry.objects.filter(verb="weeklyhours.publish").exists()


def test_a_counters_hours_become_its_agencys_hours_at_its_location(alpha, regency_admin):
    _locations, profile = _ids(alpha)
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-b1")

    regency_admin.post(
        URL,
        {
            "mode": "weekly",
            "counters": [str(counter.pk)],
            "profile": str(profile),
            "weekdays": ["1"],
            "opens": "10:00",
            "closes": "12:00",
            "action-publish": "",
        },
    )

    agency = _hours(alpha, counter.location_id, TUESDAY, agency_id=counter.agency_id)
    general = _hours(alpha, counter.location_id, TUESDAY)
    assert (agency.opens, agency.closes) == (dt.time(10), dt.time(12))
    assert general.opens != dt.time(10)


def test_a_closure_for_several_locations(alpha, regency_admin):
    locations, _profile = _ids(alpha)

    regency_admin.post(
        URL,
        {
            "mode": "date",
            "locations": [str(pk) for pk in locations],
            "date": "2026-11-24",
            "name": "Rapat kerja",
            "is_closed": "on",
            "action-publish": "",
        },
    )

    for pk in locations:
        hours = _hours(alpha, pk, TUESDAY)
        assert (hours.is_closed, hours.reason) == (True, "Rapat kerja")
    with in_schema(alpha):
        assert DateOverride.objects.filter(name="Rapat kerja", live=True).count() == len(locations)


def test_closing_before_opening_is_refused_in_indonesian_and_nothing_changes(alpha, regency_admin):
    locations, profile = _ids(alpha)
    with in_schema(alpha):
        revisions = WeeklyHours.objects.filter(latest_revision__isnull=False).count()

    response = regency_admin.post(
        URL,
        {
            "mode": "weekly",
            "locations": [str(locations[0])],
            "profile": str(profile),
            "weekdays": ["0", "1"],
            "opens": "12:00",
            "closes": "08:00",
            "action-publish": "",
        },
    )

    assert response.status_code == 200
    assert "Isi jam buka sebelum jam tutup" in response.text
    with in_schema(alpha):
        assert WeeklyHours.objects.filter(latest_revision__isnull=False).count() == revisions


def test_nothing_chosen_is_refused(alpha, regency_admin):
    response = regency_admin.post(URL, {"mode": "date", "date": "2026-11-24", "name": "X"})

    assert response.status_code == 200
    assert "Pilih paling sedikit satu lokasi atau loket." in response.text


def test_agency_admins_may_not_set_hours_in_bulk(alpha):
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])
    _locations, profile = _ids(alpha)

    shown = polres.get(URL)
    posted = polres.post(
        URL,
        {
            "mode": "weekly",
            "counters": [],
            "locations": [str(_locations[0])],
            "profile": str(profile),
            "weekdays": ["5"],
            "is_closed": "on",
            "action-publish": "",
        },
    )

    # Wagtail answers a refused admin page by sending the user back to the dashboard.
    assert (shown.status_code, shown.url) == (302, "/admin/")
    assert (posted.status_code, posted.url) == (302, "/admin/")
    with in_schema(alpha):
        assert not WeeklyHours.objects.filter(latest_revision__isnull=False).exists()


def test_bulk_hours_stay_in_their_regency(alpha, beta, regency_admin):
    locations, profile = _ids(alpha)
    with in_schema(beta):
        beta_rows = list(WeeklyHours.objects.values_list("pk", "opens", "closes", "is_closed"))

    regency_admin.post(
        URL,
        {
            "mode": "weekly",
            "locations": [str(pk) for pk in locations],
            "profile": str(profile),
            "weekdays": ["5"],
            "is_closed": "on",
            "action-publish": "",
        },
    )

    with in_schema(beta):
        assert list(WeeklyHours.objects.values_list("pk", "opens", "closes", "is_closed")) == (
            beta_rows
        )
        assert not ActivityEntry.objects.filter(verb__startswith="weeklyhours").exists()

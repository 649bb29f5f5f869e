"""Admin: devices with one-time codes, queue snippets scoped to an agency admin, the menu
hidden without the module; figures (wait, service, no-shows, heatmap) and their CSV."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from catalogue.models import Counter
from queueing.actions import ticket_act, ticket_call_next, ticket_issue
from queueing.figures import figures_csv, queue_figures
from queueing.models import Device
from tests.conftest import host_of, in_schema, staff_client, staff_user
from tests.queueing.conftest import plan_set, queue_make

DAY = date(2026, 11, 23)


def test_figures_wait_service_no_shows_and_heatmap(alpha, alpha_queue, pinned_clock):
    officer = staff_user(alpha, "angka@alpha.test")
    with in_schema(alpha):
        from catalogue.models import Service

        ktp = Service.objects.get(key="ktp-el-baru")
        counter = Counter.objects.get(key="loket-a1")
        first = ticket_issue(queue=alpha_queue, service=ktp)
        second = ticket_issue(queue=alpha_queue, service=ktp)
        pinned_clock.shift(timedelta(minutes=10))
        ticket_call_next(counter=counter, officer=officer)
        ticket_act(ticket=first, action="start", officer=officer)
        pinned_clock.shift(timedelta(minutes=6))
        ticket_act(ticket=first, action="finish", officer=officer)
        ticket_call_next(counter=counter, officer=officer)
        ticket_act(ticket=second, action="skip", officer=officer)
        figures = queue_figures(start=DAY, end=DAY, agency_ids=None)
        none = queue_figures(start=DAY, end=DAY, agency_ids={ktp.agency_id + 999})
    total = figures["total"]
    assert (total["tickets"], total["served"], total["no_shows"]) == (2, 1, 1)
    assert 9.9 < total["wait_median"] < 17
    assert 5.9 < total["service_mean"] < 6.5
    assert figures["heatmap"][0][9] == 2  # Monday, 09.00 local
    assert [s["label"] for s in figures["by_service"]] == ["Penerbitan KTP-el Baru"]
    assert figures["by_officer"][0]["label"] == "angka@alpha.test"
    assert none["total"]["tickets"] == 0
    csv_text = figures_csv(figures)
    assert "service,Penerbitan KTP-el Baru,2,1,1" in csv_text
    assert "Senin" in csv_text


def test_devices_admin_creates_codes_and_revokes(alpha, alpha_queue):
    client = staff_client(alpha, "admin@alpha.test", superuser=True)
    with in_schema(alpha):
        location = alpha_queue.location.pk
    page = client.post(
        "/admin/antrean/perangkat/", {"location": location, "kind": "kiosk", "name": "Kios lobi"}
    )
    assert page.status_code == 200
    assert "sekali pakai" in page.content.decode()
    # The whole address to type on the tablet, not a bare path (walk of a fresh make run).
    assert f"Buka <strong>http://{host_of(alpha)}/antrean/perangkat/</strong> di perangkat" in (
        page.content.decode()
    )
    with in_schema(alpha):
        device = Device.objects.get(name="Kios lobi")
    assert device.code_hash
    assert not device.token_hash
    client.post("/admin/antrean/perangkat/", {"action": "revoke", "device": device.pk})
    with in_schema(alpha):
        device.refresh_from_db()
    assert device.revoked_at is not None
    bad = client.post("/admin/antrean/perangkat/", {"location": "x", "kind": "tv", "name": ""})
    assert bad.status_code == 200
    assert "Pilih lokasi" in bad.content.decode()
    csv_response = client.get(
        "/admin/antrean/angka.csv", {"start": "2026-11-01", "end": "2026-11-30"}
    )
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert client.get("/admin/antrean/angka.csv", {"start": "x", "end": "y"}).status_code == 400


def test_agency_admin_sees_only_its_queues(alpha, alpha_queue):
    queue_make(
        alpha, prefix="B", location="gedung-mpp", services=["sim-a-baru"], counters=["loket-b1"]
    )
    client = staff_client(alpha, "polres@alpha.test", superuser=True)
    everyone = client.get("/admin/snippets/queueing/queue/").content.decode()
    assert "Antrean A" in everyone
    assert "Antrean B" in everyone
    with in_schema(alpha):
        from django.contrib.auth.models import Permission

        user = staff_user(alpha, "agency@alpha.test", agencies=["polres"])
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_queue", "change_queue", "access_admin"])
        )
    from tests.conftest import staff_login

    scoped = staff_login(alpha, "agency@alpha.test").get("/admin/snippets/queueing/queue/")
    body = scoped.content.decode()
    assert "Antrean B" in body
    assert "Antrean A" not in body


def test_the_queue_listing_reads_active_as_a_word(alpha, alpha_queue):
    client = staff_client(alpha, "admin4@alpha.test", superuser=True)

    listing = client.get("/admin/snippets/queueing/queue/").content.decode()

    assert "True" not in listing
    assert ">\n    Ya\n</td>" in listing.replace("\r", "")


@pytest.mark.parametrize("url", ["/admin/antrean/perangkat/", "/admin/antrean/angka.csv"])
def test_admin_pages_404_without_module(alpha, alpha_queue, url):
    client = staff_client(alpha, "admin2@alpha.test", superuser=True)
    plan_set(alpha, queue=False)
    assert client.get(url).status_code == 404
    assert "Perangkat antrean" not in client.get("/admin/").content.decode()


def test_queue_admin_writes_the_trail_and_refuses_deleting_a_used_queue(alpha, alpha_queue):
    from activity.models import ActivityEntry
    from queueing.models import Queue

    client = staff_client(alpha, "admin3@alpha.test", superuser=True)
    with in_schema(alpha):
        ticket_issue(queue=alpha_queue)
        location = alpha_queue.location.pk
    created = client.post(
        "/admin/snippets/queueing/queue/add/",
        {"location": location, "prefix": "C", "name": "Perizinan", "sort_order": 0,
         "is_active": "on", "services": []},
    )  # fmt: skip
    assert created.status_code == 200  # services are required: the form answers with the error
    bad_prefix = client.post(
        "/admin/snippets/queueing/queue/add/",
        {"location": location, "prefix": "a1", "name": "X", "sort_order": 0},
    )
    assert "huruf kapital" in bad_prefix.content.decode()
    with in_schema(alpha):
        from catalogue.models import Service

        nib = Service.objects.get(key="nib-oss").pk
    made = client.post(
        "/admin/snippets/queueing/queue/add/",
        {"location": location, "prefix": "C", "name": "Perizinan", "sort_order": 0,
         "is_active": "on", "services": [nib]},
    )  # fmt: skip
    assert made.status_code == 302
    deleted = client.post(f"/admin/snippets/queueing/queue/delete/{alpha_queue.pk}/", follow=True)
    assert "sudah memiliki tiket" in deleted.content.decode()
    with in_schema(alpha):
        assert Queue.objects.filter(pk=alpha_queue.pk).exists()
        assert ActivityEntry.objects.filter(verb="queue.create").count() == 1

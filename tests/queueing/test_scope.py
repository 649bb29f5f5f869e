"""Issue #12: a counter officer (Petugas Loket) or Admin Instansi sees, calls and acts on only the
tickets of their own agency's services, even in a queue shared with another agency; a regency
admin acts on all; a refused call or action says why and changes nothing; one regency's officer
never reaches another regency's tickets."""

from __future__ import annotations

import pytest

from catalogue.models import Counter, Service
from queueing.actions import ticket_act, ticket_call_next, ticket_issue, walk_in_serve
from queueing.errors import NothingWaiting, OutOfScope
from queueing.models import Ticket
from queueing.selectors import waiting_list
from tests.conftest import in_schema, staff_login, staff_user
from tests.queueing.conftest import queue_make


@pytest.fixture
def shared(alpha, pinned_clock, queue_on):
    """Queue "M" serving Disdukcapil's KTP-el and Polres' SIM A, called at A1 (Disdukcapil) and
    B1 (Polres)."""
    return queue_make(
        alpha,
        prefix="M",
        location="gedung-mpp",
        services=["ktp-el-baru", "sim-a-baru"],
        counters=["loket-a1", "loket-b1"],
    )


def _issue(queue, key: str) -> Ticket:
    return ticket_issue(queue=queue, service=Service.objects.get(key=key))


def test_each_agencys_officer_calls_only_its_own_tickets(alpha, shared):
    dukcapil = staff_user(alpha, "d@alpha.test", group="Petugas Loket", agencies=["disdukcapil"])
    polisi = staff_user(alpha, "p@alpha.test", group="Admin Instansi", agencies=["polres"])
    with in_schema(alpha):
        a1, b1 = Counter.objects.get(key="loket-a1"), Counter.objects.get(key="loket-b1")
        sim, ktp = _issue(shared, "sim-a-baru"), _issue(shared, "ktp-el-baru")
        seen = [
            t.number for row in waiting_list(counter=a1, officer=dukcapil) for t in row["tickets"]
        ]
        assert seen == [ktp.number]
        assert ticket_call_next(counter=a1, officer=dukcapil).pk == ktp.pk
        later_sim = _issue(shared, "sim-a-baru")
        with pytest.raises(NothingWaiting, match="2 tiket lain di loket ini milik instansi lain"):
            ticket_call_next(counter=a1, officer=dukcapil)
        assert Ticket.objects.get(pk=later_sim.pk).status == "waiting"
        assert ticket_call_next(counter=b1, officer=polisi).pk == sim.pk
        everyone = [t.number for row in waiting_list(counter=b1) for t in row["tickets"]]
        assert everyone == [later_sim.number]


def test_acting_on_another_agencys_ticket_is_refused_and_changes_nothing(alpha, shared):
    dukcapil = staff_user(alpha, "d@alpha.test", group="Petugas Loket", agencies=["disdukcapil"])
    other = queue_make(
        alpha, prefix="D", location="gedung-mpp", services=["akta-kelahiran"], counters=["loket-a1"]
    )
    with in_schema(alpha):
        sim = _issue(shared, "sim-a-baru")
        for action, target in (("transfer", {"queue": other}), ("hold", {}), ("cancel", {})):
            with pytest.raises(OutOfScope, match=f"Tiket {sim.number} milik layanan instansi lain"):
                ticket_act(ticket=sim, action=action, officer=dukcapil, **target)
        fresh = Ticket.objects.get(pk=sim.pk)
        assert (fresh.status, fresh.queue_id) == ("waiting", shared.pk)
        with pytest.raises(OutOfScope, match="instansi lain"):
            walk_in_serve(
                counter=Counter.objects.get(key="loket-a1"),
                officer=dukcapil,
                service=Service.objects.get(key="skck"),
            )
        assert Ticket.objects.count() == 1


def test_a_counter_serving_no_queue_of_the_officers_agency_refuses_the_call(
    alpha, pinned_clock, queue_on
):
    queue = queue_make(
        alpha, prefix="B", location="gedung-mpp", services=["sim-a-baru"], counters=["loket-a1"]
    )
    dukcapil = staff_user(alpha, "d@alpha.test", group="Petugas Loket", agencies=["disdukcapil"])
    admin = staff_user(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        a1 = Counter.objects.get(key="loket-a1")
        sim = _issue(queue, "sim-a-baru")
        with pytest.raises(OutOfScope, match="Loket A1 tidak melayani antrean instansi Anda"):
            ticket_call_next(counter=a1, officer=dukcapil)
        assert Ticket.objects.get(pk=sim.pk).status == "waiting"
        assert ticket_call_next(counter=a1, officer=admin).pk == sim.pk  # the regency's admin


def test_the_panel_shows_and_refuses_with_a_clear_message(alpha, shared):
    staff_user(alpha, "d@alpha.test", group="Petugas Loket", agencies=["disdukcapil"])
    with in_schema(alpha):
        sim = _issue(shared, "sim-a-baru")
        ktp = _issue(shared, "ktp-el-baru")
    client = staff_login(alpha, "d@alpha.test", lands="/antrean/loket/")
    panel = "/antrean/loket/loket-a1/"
    page = client.get(panel).content.decode()
    assert ktp.number in page
    assert sim.number not in page
    refused = client.post(panel + "aksi/", {"action": "cancel", "ticket": sim.pk}, follow=True)
    assert f"Tiket {sim.number} milik layanan instansi lain" in refused.content.decode()
    client.post(panel + "aksi/", {"action": "call"})
    empty = client.post(panel + "aksi/", {"action": "call"}, follow=True).content.decode()
    assert "Tidak ada antrean instansi Anda yang menunggu" in empty
    with in_schema(alpha):
        assert Ticket.objects.get(pk=sim.pk).status == "waiting"
        assert Ticket.objects.get(pk=ktp.pk).status == "called"


def test_isolation_an_alpha_officer_never_reaches_betas_tickets(alpha, beta, shared, beta_queue):
    staff_user(alpha, "d@alpha.test", group="Petugas Loket", agencies=["disdukcapil"])
    with in_schema(beta):
        theirs = ticket_issue(queue=beta_queue, service=Service.objects.get(key="pendaftaran-jkn"))
    client = staff_login(alpha, "d@alpha.test", lands="/antrean/loket/")
    panel = "/antrean/loket/loket-a1/"
    assert theirs.number not in client.get(panel).content.decode()
    missing = client.post(panel + "aksi/", {"action": "cancel", "ticket": theirs.pk}, follow=True)
    assert "Tiket atau tujuan tidak ditemukan" in missing.content.decode()
    empty = client.post(panel + "aksi/", {"action": "call"}, follow=True).content.decode()
    assert "Tidak ada antrean yang menunggu" in empty
    with in_schema(beta):
        assert Ticket.objects.get(pk=theirs.pk).status == "waiting"

"""A regency's pages show its own wall clock: the same complaint instant reads 09.00 in Alpha
(Sumatera Selatan, WIB) and 10.00 in Beta (Paser, Kalimantan Timur, WITA). Before, every page
was rendered in the server's Asia/Jakarta, an hour early for a WITA regency's citizens."""

from __future__ import annotations

from tests.complaints.test_portal import _code, _file


def _received(client, code: str) -> str:
    text = client.get(f"/pengaduan/lacak/{code}/").content.decode()
    return text.split("Diterima", 1)[1][:120]


def test_a_complaint_reads_in_its_regencys_own_time(
    complaints_on, alpha_client, beta_client, pinned_clock
):
    pinned_clock.move_to("2026-03-16T02:00:00+00:00", tick=False)  # 09.00 WIB, 10.00 WITA

    alpha_code = _code(_file(alpha_client))
    beta_code = _code(_file(beta_client))

    assert "16 Maret 2026 09.00" in _received(alpha_client, alpha_code)
    assert "16 Maret 2026 10.00" in _received(beta_client, beta_code)

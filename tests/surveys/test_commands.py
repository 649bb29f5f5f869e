"""`skm_import` and `skm_report`: row-numbered Indonesian errors, all or nothing, and the same
numbers as the worked example; one regency's responses never count in another's."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from activity.models import ActivityEntry
from surveys.models import SurveyResponse
from tests.conftest import in_schema

HEADER = "tanggal,layanan,u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin,usia,pendidikan,pekerjaan\n"
GOOD = (
    HEADER
    + "2026-02-01,ktp-el-baru,4,4,4,4,4,4,4,4,4,L,34,SMA,swasta\n"
    + "2026-02-02,ktp-el-baru,3,3,3,3,3,3,3,3,3,P,41,S1,PNS\n"
    + "03/03/2026,akta-kelahiran,4,3,2,4,3,4,3,2,4,Perempuan,22,D3,Wirausaha\n"
    + "2026-06-30,skck,3,4,3,4,4,3,4,3,3,L,58,SD,lainnya\n"
)


def _file(tmp_path, text: str):
    path = tmp_path / "skm.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _report(ident: str, capsys, start="2026-01-01", end="2026-06-30") -> dict:
    call_command("skm_report", "--regency", ident, "--from", start, "--to", end, "--json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db(transaction=True)
def test_import_then_report_matches_the_worked_example(alpha, beta, tmp_path, capsys, pinned_clock):
    call_command("skm_import", "--regency", "alpha", _file(tmp_path, GOOD))
    assert "4 jawaban SKM diimpor" in capsys.readouterr().out

    report = _report("alpha", capsys)

    assert report["respondents"] == 4
    assert report["nrr"] == {
        "U1": "3.500",
        "U2": "3.500",
        "U3": "3.000",
        "U4": "3.750",
        "U5": "3.500",
        "U6": "3.500",
        "U7": "3.500",
        "U8": "3.000",
        "U9": "3.500",
    }
    assert (
        report["ikm"],
        report["ikm_x25"],
        report["mutu"],
        report["kinerja"],
        report["weight"],
    ) == (
        "3.4167",
        "85.42",
        "B",
        "Baik",
        "1/9",
    )
    # Isolation: beta's index knows nothing of alpha's answers.
    assert _report("beta", capsys)["respondents"] == 0
    with in_schema(alpha):  # a transactional test's flush leaves tenant schemas alone
        SurveyResponse.objects.all().delete()
        ActivityEntry.objects.filter(verb="skm.import").delete()


@pytest.mark.django_db(transaction=True)
def test_import_reports_every_bad_row_in_indonesian_and_writes_nothing(
    alpha, tmp_path, capsys, pinned_clock
):
    bad = (
        GOOD
        + "2026-13-01,ktp-el-baru,4,4,4,4,4,4,4,4,4,L,34,SMA,swasta\n"
        + "2026-02-01,tidak-ada,5,4,4,4,4,4,4,4,0,X,9,SMA,astronot\n"
        + "2027-02-01,ktp-el-baru,4,4,4,4,4,4,4,4,4,L,34,SMA,swasta\n"
    )
    with pytest.raises(CommandError, match="3 kesalahan, tidak ada baris yang disimpan"):
        call_command("skm_import", "--regency", "alpha", _file(tmp_path, bad))
    errors = capsys.readouterr().err
    assert "Baris 6: tanggal '2026-13-01' tidak valid" in errors
    assert "Baris 7: layanan 'tidak-ada' tidak dikenal; U1 harus 1–4 (bukan '5')" in errors
    assert "U9 harus 1–4 (bukan '0')" in errors
    assert "jenis kelamin 'X' tidak dikenal" in errors
    assert "usia '9' harus angka 15–100" in errors
    assert "pekerjaan 'astronot' tidak dikenal" in errors
    assert "Baris 8: tanggal 2027-02-01 di masa depan" in errors
    with in_schema(alpha):
        assert SurveyResponse.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_import_refuses_missing_columns(alpha, tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command(
            "skm_import", "--regency", "alpha", _file(tmp_path, "tanggal,layanan\n2026-01-01,x\n")
        )
    assert "Kolom wajib tidak ada: u1" in capsys.readouterr().err


def test_report_refuses_an_unknown_regency_and_bad_dates(alpha):
    with pytest.raises(CommandError, match="Daerah tidak dikenal"):
        call_command(
            "skm_report", "--regency", "atlantis", "--from", "2026-01-01", "--to", "2026-06-30"
        )
    with pytest.raises(CommandError, match="Tanggal tidak valid: '2026-02-30'"):
        call_command(
            "skm_report", "--regency", "alpha", "--from", "2026-02-30", "--to", "2026-06-30"
        )
    with pytest.raises(CommandError, match="Tanggal awal harus sama dengan atau sebelum"):
        call_command(
            "skm_report", "--regency", "alpha", "--from", "2026-06-30", "--to", "2026-01-01"
        )


@pytest.mark.django_db(transaction=True)
def test_report_for_one_service(alpha, tmp_path, capsys, pinned_clock):
    call_command("skm_import", "--regency", "alpha", _file(tmp_path, GOOD))
    capsys.readouterr()
    call_command(
        "skm_report",
        "--regency",
        "alpha",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--service",
        "ktp-el-baru",
        "--json",
    )
    report = json.loads(capsys.readouterr().out)
    # the first two rows only: every unsur 4 + 3 = 7 → NRR 3.5, IKM × 25 = 87.50 → B
    assert (report["respondents"], report["ikm_x25"], report["mutu"]) == (2, "87.50", "B")
    with pytest.raises(CommandError, match="Layanan tidak dikenal"):
        call_command(
            "skm_report",
            "--regency",
            "alpha",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--service",
            "tidak-ada",
        )
    with in_schema(alpha):
        SurveyResponse.objects.all().delete()
        ActivityEntry.objects.filter(verb="skm.import").delete()

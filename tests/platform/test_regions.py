"""Region reference data: the package default and the Kemendagri file import."""

import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regions.models import KabKota, Province
from regions.selectors import kabkota_search, time_zone_for_code

CSV_NAME = "wilayah_kabkota_2025.csv"


def _shared_csv() -> Path:
    """The team's reference file: $SHARED_DATA_DIR, else ../shared/data next to (an ancestor of)
    this checkout, so a clone anywhere under the workplace finds it."""
    if configured := os.environ.get("SHARED_DATA_DIR"):
        return Path(configured) / CSV_NAME
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data" / CSV_NAME
        if candidate.exists():
            return candidate
    return Path("../shared/data") / CSV_NAME


SHARED_CSV = _shared_csv()


def test_default_data_comes_from_the_package(db):
    assert Province.objects.filter(is_active=True).count() == 34
    assert KabKota.objects.filter(is_active=True).count() == 514
    badung = KabKota.objects.get(code="51.03")
    assert badung.name == "Kabupaten Badung"
    assert badung.kind == "kabupaten"
    assert KabKota.objects.get(code="32.73").name == "Kota Bandung"
    assert KabKota.objects.get(code="32.73").kind == "kota"


@pytest.mark.skipif(not SHARED_CSV.exists(), reason=f"reference file {SHARED_CSV} is not present")
def test_import_of_the_2025_decree_gives_38_provinces_and_514_kabkota(db, capsys):
    call_command("import_regions", str(SHARED_CSV))

    assert Province.objects.filter(is_active=True).count() == 38
    assert KabKota.objects.filter(is_active=True).count() == 514
    assert KabKota.objects.filter(is_active=True, kind="kabupaten").count() == 416
    assert KabKota.objects.filter(is_active=True, kind="kota").count() == 98
    papua_2022 = dict(
        Province.objects.filter(code__in=["93", "94", "95", "96"]).values_list("code", "name")
    )
    assert papua_2022 == {
        "93": "Papua Selatan",
        "94": "Papua Tengah",
        "95": "Papua Pegunungan",
        "96": "Papua Barat Daya",
    }
    assert KabKota.objects.get(code="93.01").name == "Kabupaten Merauke"
    # The pre-2022 code of Merauke is kept for history but no longer offered.
    assert KabKota.objects.get(code="91.01").is_active is False
    assert "38 provinsi, 514 kabupaten/kota" in capsys.readouterr().out


def test_a_malformed_file_names_the_bad_lines_and_changes_nothing(db, tmp_path):
    before = list(KabKota.objects.order_by("code").values_list("code", "name", "is_active"))
    bad = tmp_path / "wilayah.csv"
    bad.write_text(
        "kode,nama\n"
        "51,Bali\n"
        "51.03,Kabupaten Badung\n"
        "51.3,Kabupaten Salah Kode\n"
        "51.04,\n"
        "51.03,Kabupaten Badung Lagi\n"
        "77.01,Kabupaten Tanpa Provinsi\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as excinfo:
        call_command("import_regions", str(bad))

    message = str(excinfo.value)
    assert "Baris 4" in message
    assert "51.3" in message
    assert "Baris 5" in message
    assert "Baris 6" in message
    assert "baris 3" in message
    assert "Baris 7" in message
    assert "provinsi 77" in message
    assert "tidak ada yang diubah" in message
    assert list(KabKota.objects.order_by("code").values_list("code", "name", "is_active")) == before


def test_a_file_without_the_kode_and_nama_columns_is_refused(db, tmp_path):
    bad = tmp_path / "wilayah.csv"
    bad.write_text("id;name\n51;Bali\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Baris 1"):
        call_command("import_regions", str(bad))

    assert Province.objects.filter(is_active=True).count() == 34


def test_time_zone_defaults_follow_the_province_code():
    assert time_zone_for_code("51.03") == "Asia/Makassar"
    assert time_zone_for_code("73.12") == "Asia/Makassar"
    assert time_zone_for_code("32.73") == "Asia/Jakarta"
    assert time_zone_for_code("64.01") == "Asia/Makassar"
    assert time_zone_for_code("61.01") == "Asia/Jakarta"
    assert time_zone_for_code("94.01") == "Asia/Jayapura"


def test_kabkota_search_matches_name_code_and_odd_input(db):
    assert [k.code for k in kabkota_search(query="badung")] == ["51.03"]
    assert [k.code for k in kabkota_search(query="51.03")] == ["51.03"]
    assert list(kabkota_search(query="'; DROP TABLE x; --")) == []
    assert len(kabkota_search(query="", limit=5)) == 5

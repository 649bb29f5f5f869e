"""The catalogue in a portal's Wagtail admin: roles, agency scoping, the service form with its
standard, bulk actions, and the CSV/JSON import with its dry run."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from catalogue.models import Agency, Counter, Service
from tests.conftest import in_schema, staff_client

AGENCIES_CSV = (
    "key,name,abbreviation,kind,parent\n"
    "pln,PT PLN (Persero) UP3 Alpha,PLN,bumn,PT PLN (Persero)\n"
    "bank-daerah,Bank Sumsel Babel,,bumd,\n"
    "polres,Kepolisian Resor Alpha (diperbarui),Polres,vertikal,Polri\n"
)
SERVICES_CSV = (
    "key,agency,name,category,channel,keywords,requirements,procedure,time_value,time_unit,fee,"
    "tariff_basis,product,complaint_handling,legal_basis\n"
    "paspor-baru,polres,Paspor Baru,Keimigrasian,tatap muka,paspor|passport,"
    '"KTP-el|Kartu Keluarga|Akta kelahiran","Daftar antrean daring|Wawancara|Pembayaran",'
    '4,hari kerja,"Rp650.000",PP 45/2024,Paspor elektronik,Pengaduan ke kantor imigrasi,'
    "UU 6/2011\n"
    "ktp-el-baru,disdukcapil,Penerbitan KTP-el Baru,Kependudukan,tatap muka,,"
    "Fotokopi KK|Pengantar RT,"
    "Ambil antrean|Rekam biometrik|Terima KTP-el,1,hari kerja,gratis,,KTP-el,"
    "Pengaduan ke meja informasi,\n"
)


def _service_pk(regency, key):
    with in_schema(regency):
        return Service.objects.get(key=key).pk


def _service_form(**overrides):
    data = {
        "name": "Penerbitan KTP-el Baru",
        "key": "ktp-el-baru",
        "agency": "",
        "category": "",
        "description": "",
        "keywords_text": "ktp, e-ktp",
        "is_active": "on",
        "channel": "in_person",
        "external_url": "",
        "external_system": "",
        "requirements_text": "Fotokopi Kartu Keluarga\nSurat pengantar RT/RW\nPas foto 3x4",
        "procedure_text": "Ambil antrean\nRekam biometrik",
        "completion_time_value": "1",
        "completion_time_unit": "working_days",
        "completion_time_note": "",
        "fee_is_free": "on",
        "fee_amount": "",
        "fee_note": "",
        "tariff_basis": "",
        "product": "KTP-el",
        "complaint_handling": "Meja informasi",
        "legal_basis_text": "UU 24/2013",
        "facilities": "",
        "staff_competence": "",
        "internal_supervision": "",
        "staff_count": "",
        "service_guarantee": "",
        "safety_guarantee": "",
        "performance_evaluation": "",
        "decree_number": "",
        "decree_date": "",
        "review_date": "",
        # Services have drafts (ADR 0032): these tests edit what is live, so they publish.
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


@pytest.fixture
def regency_admin(alpha):
    return staff_client(alpha, "admin@alpha.test", group="Admin MPP")


@pytest.fixture
def agency_admin(alpha):
    return staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])


def test_regency_admin_sees_every_service(regency_admin):
    response = regency_admin.get("/admin/snippets/tenants_app/service/")

    assert response.status_code == 200
    for name in ("Penerbitan KTP-el Baru", "Penerbitan SIM A Baru", "Nomor Induk Berusaha"):
        assert name in response.text


def test_agency_admin_sees_and_edits_only_their_agency(alpha, agency_admin):
    listing = agency_admin.get("/admin/snippets/tenants_app/service/")
    own = agency_admin.get(
        f"/admin/snippets/tenants_app/service/edit/{_service_pk(alpha, 'skck')}/"
    )
    other = agency_admin.get(
        f"/admin/snippets/tenants_app/service/edit/{_service_pk(alpha, 'ktp-el-baru')}/"
    )

    assert "Penerbitan SKCK" in listing.text
    assert "Penerbitan KTP-el Baru" not in listing.text
    assert own.status_code == 200
    assert other.status_code in (302, 403)
    with in_schema(alpha):
        ktp = Service.objects.get(key="ktp-el-baru")
        polres = Agency.objects.get(key="polres")
    # Posting an edit of another agency's service is refused and changes nothing.
    agency_admin.post(
        f"/admin/snippets/tenants_app/service/edit/{ktp.pk}/",
        _service_form(agency=str(polres.pk), name="Diambil alih"),
    )
    with in_schema(alpha):
        assert Service.objects.get(key="ktp-el-baru").name == "Penerbitan KTP-el Baru"


def test_agency_admin_cannot_move_a_service_to_another_agency(alpha, agency_admin):
    with in_schema(alpha):
        skck = Service.objects.get(key="skck")
        disdukcapil = Agency.objects.get(key="disdukcapil")
    response = agency_admin.post(
        f"/admin/snippets/tenants_app/service/edit/{skck.pk}/",
        _service_form(key="skck", name="Penerbitan SKCK", agency=str(disdukcapil.pk)),
    )
    assert response.status_code == 200  # the form again, with an error on the agency
    with in_schema(alpha):
        assert Service.objects.get(key="skck").agency.key == "polres"


def test_content_editor_has_no_catalogue_access(alpha):
    editor = staff_client(alpha, "editor@alpha.test", group="Editor Konten")

    assert editor.get("/admin/").status_code == 200
    assert editor.get("/admin/snippets/tenants_app/service/").status_code in (302, 403)
    assert editor.get("/admin/katalog/impor/").status_code in (302, 403)


def test_editing_a_standard_in_the_admin_creates_a_new_version(alpha, regency_admin):
    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
        agency_pk = service.agency_id

    response = regency_admin.post(
        f"/admin/snippets/tenants_app/service/edit/{service.pk}/",
        _service_form(agency=str(agency_pk)),
    )

    assert response.status_code == 302
    with in_schema(alpha):
        service.refresh_from_db()
        assert service.current_standard.version == 2
        assert service.current_standard.requirements[-1] == "Pas foto 3x4"
        assert service.keywords == ["ktp", "e-ktp"]
        assert service.standards.count() == 2
        assert ModelLogEntry.objects.filter(
            object_id=str(service.pk), action="wagtail.edit"
        ).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"requirements_text": "  \n "}, "requirements_text", "paling sedikit satu persyaratan"),
        ({"fee_is_free": "", "fee_amount": ""}, None, "nominal biaya atau keterangan"),
        ({"channel": "external_online"}, "external_url", "wajib mencantumkan tautannya"),
        ({"key": "Bukan Kunci!"}, "key", "huruf kecil"),
        ({"completion_time_value": "-3"}, "completion_time_value", ""),
    ],
)
def test_the_service_form_explains_what_to_fix(alpha, regency_admin, overrides, field, message):
    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
        agency_pk = service.agency_id

    response = regency_admin.post(
        f"/admin/snippets/tenants_app/service/edit/{service.pk}/",
        _service_form(agency=str(agency_pk), **overrides),
    )

    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field) if field else [e for errs in form.errors.values() for e in errs]
    assert errors
    assert message in " ".join(errors)
    with in_schema(alpha):
        assert Service.objects.get(pk=service.pk).current_standard.version == 1


def test_bulk_deactivate_keeps_the_rows(alpha, regency_admin):
    with in_schema(alpha):
        ids = list(
            Counter.objects.filter(key__in=["loket-a1", "loket-b1"]).values_list("pk", flat=True)
        )
    url = "/admin/bulk/tenants_app/counter/deactivate/?" + "&".join(f"id={i}" for i in ids)

    response = regency_admin.post(url, {})

    assert response.status_code == 302
    with in_schema(alpha):
        assert sorted(Counter.objects.filter(is_active=False).values_list("key", flat=True)) == [
            "loket-a1",
            "loket-b1",
        ]
        assert Counter.objects.count() == 4


def _upload(client, kind, text, name="data.csv"):
    return client.post(
        "/admin/katalog/impor/",
        {
            "kind": kind,
            "file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv"),
        },
    )


def test_agency_csv_dry_run_then_apply(alpha, regency_admin):
    preview = _upload(regency_admin, "agencies", AGENCIES_CSV)

    assert preview.status_code == 200
    report = preview.context["report"]
    assert sorted(report.created["agencies"]) == ["bank-daerah", "pln"]
    assert report.updated["agencies"] == ["polres"]
    with in_schema(alpha):
        assert not Agency.objects.filter(key="pln").exists()

    applied = regency_admin.post(
        "/admin/katalog/impor/terapkan/", {"token": preview.context["token"]}
    )

    assert applied.status_code == 302
    with in_schema(alpha):
        assert Agency.objects.get(key="pln").kind == "bumn"
        assert Agency.objects.get(key="polres").name == "Kepolisian Resor Alpha (diperbarui)"
        assert Agency.objects.get(key="bank-daerah").kind == "bumd"


def test_service_csv_imports_standards_and_new_categories(alpha, regency_admin):
    preview = _upload(regency_admin, "services", SERVICES_CSV)
    assert preview.context["report"].created["services"] == ["paspor-baru"]
    assert preview.context["report"].updated["services"] == ["ktp-el-baru"]

    regency_admin.post("/admin/katalog/impor/terapkan/", {"token": preview.context["token"]})

    with in_schema(alpha):
        paspor = Service.objects.select_related("current_standard", "category").get(
            key="paspor-baru"
        )
        assert paspor.category.name == "Keimigrasian"
        assert paspor.current_standard.fee_amount == 650000
        assert paspor.current_standard.requirements == [
            "KTP-el",
            "Kartu Keluarga",
            "Akta kelahiran",
        ]
        assert paspor.keywords == ["paspor", "passport"]
        assert Service.objects.get(key="ktp-el-baru").current_standard.version == 2


def test_a_csv_with_errors_lists_every_bad_row_and_changes_nothing(alpha, regency_admin):
    bad = (
        "key,agency,name,requirements,procedure,time_value,time_unit,fee,product,complaint_handling,channel\n"
        "ok-1,polres,Layanan baik,Syarat,Langkah,1,hari kerja,gratis,Produk,Pengaduan,tatap muka\n"
        "bad-1,polres,Tanpa syarat,,Langkah,1,hari kerja,gratis,Produk,Pengaduan,tatap muka\n"
        "bad-2,polres,Waktu salah,Syarat,Langkah,dua,minggu,gratis,Produk,Pengaduan,tatap muka\n"
        "bad-3,polres,Kanal salah,Syarat,Langkah,1,hari kerja,gratis,Produk,Pengaduan,merpati pos\n"
        "bad-4,instansi-hantu,Instansi tak ada,Syarat,Langkah,1,hari kerja,gratis,Produk,Pengaduan,"
        "tatap muka\n"
    )
    with in_schema(alpha):
        before = Service.objects.count()

    response = _upload(regency_admin, "services", bad)

    errors = response.context["errors"]
    text = " ".join(errors)
    assert "Baris 3: kolom requirements kosong." in errors
    assert any(e.startswith("Baris 4:") and "'minggu'" in e and "'dua'" in e for e in errors)
    assert any(e.startswith("Baris 5:") and "'merpati pos'" in e for e in errors)
    assert "Baris 2" not in text
    assert "report" not in response.context
    with in_schema(alpha):
        assert Service.objects.count() == before
    # Once the row errors are fixed, the unknown agency is still reported, by line.
    fixed = (
        "\n".join(
            line for line in bad.splitlines() if not line.startswith(("bad-1", "bad-2", "bad-3"))
        )
        + "\n"
    )
    response = _upload(regency_admin, "services", fixed)
    assert "Baris 3" in " ".join(response.context["errors"])
    assert "instansi-hantu" in " ".join(response.context["errors"])


def test_a_non_utf8_or_oversized_file_is_refused_with_a_message(regency_admin):
    latin1 = regency_admin.post(
        "/admin/katalog/impor/",
        {
            "kind": "agencies",
            "file": SimpleUploadedFile("x.csv", "key,name,kind\nx,Café,opd\n".encode("latin-1")),
        },
    )
    assert "UTF-8" in latin1.text

    broken_json = _upload(regency_admin, "catalogue", "{ bukan json", name="x.json")
    assert "JSON tidak valid" in " ".join(broken_json.context["errors"])


@pytest.mark.parametrize("text", ["[{}]", "5", "null", "true", '"katalog"'])
def test_json_that_is_not_an_object_is_refused_with_a_message(regency_admin, alpha, text):
    with in_schema(alpha):
        before = Service.objects.count()

    response = _upload(regency_admin, "catalogue", text, name="x.json")

    assert response.status_code == 200
    assert response.context["errors"] == ["Dokumen katalog harus berupa objek JSON."]
    assert "token" not in response.context
    with in_schema(alpha):
        assert Service.objects.count() == before


def test_an_expired_preview_cannot_be_applied(regency_admin):
    response = regency_admin.post(
        "/admin/katalog/impor/terapkan/", {"token": "tidak-ada"}, follow=True
    )

    assert "kedaluwarsa" in response.text


def test_export_downloads_the_catalogue_as_json(regency_admin):
    response = regency_admin.get("/admin/katalog/ekspor/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="katalog-alpha.localhost-'
    )
    import json

    document = json.loads(response.content)
    assert document["format"] == "satupintu.catalogue"
    assert len(document["services"]) == 5


def test_agency_admins_cannot_import_or_export(agency_admin):
    imported = agency_admin.get("/admin/katalog/impor/")
    exported = agency_admin.get("/admin/katalog/ekspor/")

    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    assert (imported.status_code, imported.get("Location")) == (302, "/admin/")
    assert (exported.status_code, exported.get("Location")) == (302, "/admin/")
    assert "Content-Disposition" not in exported


def test_admin_of_one_regency_sees_nothing_of_another(alpha, beta, regency_admin):
    beta_pk = _service_pk(beta, "pendaftaran-jkn")

    listing = regency_admin.get("/admin/snippets/tenants_app/service/")
    other = regency_admin.get(f"/admin/snippets/tenants_app/service/edit/{beta_pk}/")

    assert "Pendaftaran Peserta JKN" not in listing.text
    assert other.status_code == 404 or "Pendaftaran Peserta JKN" not in other.text


def _search(regency, query):
    from catalogue.selectors import ServiceFilters, service_search

    with in_schema(regency):
        return sorted(s.key for s in service_search(filters=ServiceFilters(query=query)))


def test_renaming_an_agency_in_the_admin_makes_its_services_findable_by_the_new_name(
    alpha, regency_admin
):
    with in_schema(alpha):
        polres = Agency.objects.get(key="polres")

    response = regency_admin.post(
        f"/admin/snippets/tenants_app/agency/edit/{polres.pk}/",
        {
            "name": "Satuan Bhayangkara Tangguh",
            "abbreviation": "Polres",
            "key": "polres",
            "kind": "vertical",
            "parent_institution": "Kepolisian Negara Republik Indonesia",
            "description": "",
            "phone": "",
            "email": "",
            "website": "",
            "sort_order": "1",
            "is_active": "on",
            "action-publish": "action-publish",  # an agency's new name goes public on publish
        },
    )

    assert response.status_code == 302
    assert _search(alpha, "bhayangkara") == ["sim-a-baru", "skck"]
    assert _search(alpha, "resor") == []


def test_renaming_an_agency_by_csv_makes_its_services_findable_by_the_new_name(
    alpha, regency_admin
):
    preview = _upload(regency_admin, "agencies", AGENCIES_CSV)
    regency_admin.post("/admin/katalog/impor/terapkan/", {"token": preview.context["token"]})

    assert _search(alpha, "diperbarui") == ["sim-a-baru", "skck"]

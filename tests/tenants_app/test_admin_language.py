"""The regency admin speaks Indonesian, Wagtail's own menus included ("Laporan", not "Reports");
a user who prefers English gets English."""

import re
from pathlib import Path

from django.utils.translation.trans_real import DjangoTranslation
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from catalogue.models import Agency, Counter, Location, Service, WeeklyHours
from tests.conftest import STAFF_PASSWORD, in_schema, staff_client, staff_login, staff_user
from tests.tenants_app.test_admin_catalogue import _service_form, _service_pk


def test_wagtails_menus_are_in_indonesian(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    page = admin.get("/admin/").text
    listing = admin.get("/admin/snippets/tenants_app/service/").text

    assert "Laporan" in page
    assert "Bantuan" in page
    assert "Reports" not in page
    assert "Help" not in page
    assert "Search all pages" not in page
    assert "Tindakan massal" in listing
    assert "Bulk actions" not in listing


def english_admin(regency):
    """An Admin MPP whose Wagtail profile prefers English, signed in."""
    user = staff_user(regency, "admin@alpha.test", group="Admin MPP")
    with in_schema(regency):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    return staff_login(regency, "admin@alpha.test", STAFF_PASSWORD)


def test_a_user_who_prefers_english_gets_english(alpha):
    admin = english_admin(alpha)

    page = admin.get("/admin/").text

    assert "Reports" in page
    assert "Laporan" not in page


def test_the_admin_search_leads_to_services_agencies_locations_and_counters(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    dashboard = admin.get("/admin/").text
    results = admin.get("/admin/pages/search/?q=skck").text
    listing = admin.get("/admin/snippets/tenants_app/service/?q=SKCK").text

    for model in ("service", "agency", "location", "counter"):
        assert f"/admin/snippets/tenants_app/{model}/?q=skck" in results
    # Each area says how many rows its listing finds, before "no portal page matches".
    areas = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", results))
    assert "Layanan (1) Instansi (0) Lokasi (0) Loket (1)" in areas
    assert areas.index("Layanan (1)") < areas.index("Tidak ada halaman portal yang cocok")
    assert "Penerbitan SKCK" in listing
    assert "Penerbitan KTP-el Baru" not in listing
    # The dashboard's search box opens this search, not the page explorer (pages only).
    assert 'action="/admin/pages/search/"' in dashboard
    assert 'placeholder="Cari layanan, instansi, halaman…"' in dashboard


def test_an_agency_admins_dashboard_search_leads_to_their_services(alpha):
    """An agency admin may not search pages (Wagtail sends them back to the dashboard): their
    box searches the services listing, scoped to their agency."""
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])

    dashboard = polres.get("/admin/").text
    found = polres.get("/admin/snippets/tenants_app/service/?q=skck").text
    other = polres.get("/admin/snippets/tenants_app/service/?q=ktp").text

    assert 'action="/admin/snippets/tenants_app/service/"' in dashboard
    assert 'placeholder="Cari layanan…"' in dashboard
    assert 'action="/admin/pages/search/"' not in dashboard
    assert "Penerbitan SKCK" in found
    assert "KTP-el" not in other


def test_the_catalogue_search_areas_are_hidden_from_those_without_access(alpha):
    editor = staff_client(alpha, "editor@alpha.test", group="Editor Konten")

    response = editor.get("/admin/pages/search/?q=skck")

    assert response.status_code == 200
    assert "/admin/snippets/tenants_app/service/" not in response.text


def test_keys_are_derived_from_names_and_shown_only_to_regency_admins(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])
    with in_schema(alpha):
        skck = Service.objects.get(key="skck")
        polres_pk = skck.agency_id
    form = _service_form(agency=str(polres_pk), key="", name="Penerbitan SKCK")

    created = admin.post("/admin/snippets/tenants_app/service/add/", form)
    again = polres.post("/admin/snippets/tenants_app/service/add/", {**form, "key": "dipaksa"})
    edit = polres.get(f"/admin/snippets/tenants_app/service/edit/{skck.pk}/").text

    assert created.status_code == again.status_code == 302
    with in_schema(alpha):
        assert Service.objects.filter(name="Penerbitan SKCK").count() == 3
        assert Service.objects.filter(key="penerbitan-skck").exists()
        assert Service.objects.filter(key="penerbitan-skck-2").exists()  # the posted key ignored
        assert not Service.objects.filter(key="dipaksa").exists()
    assert 'id="id_key"' not in edit
    assert 'id="id_key"' in admin.get(f"/admin/snippets/tenants_app/service/edit/{skck.pk}/").text


def test_listings_read_yes_no_and_publication_status_as_words(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    services = admin.get("/admin/snippets/tenants_app/service/").text
    counters = admin.get("/admin/snippets/tenants_app/counter/").text

    assert ">\n    Ya\n</td>" in services.replace("\r", "")
    assert "True" not in services
    assert "True" not in counters
    assert "Status terbit" in services


STATUS_TAG = re.compile(
    r'class="w-status[^"]*"[^>]*>\s*(?:<span class="w-sr-only">[^<]*</span>)?\s*([^<]+?)\s*</'
)


def test_a_published_row_reads_terbit_not_aktif_beside_the_aktif_column(alpha):
    """Wagtail's id_ID calls a live row "aktif", right beside our "Aktif: Ya" (offered to
    citizens); the publication status says "terbit" (and "draf"), the column stays "Aktif"."""
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        Service.objects.filter(key="skck").update(live=False, has_unpublished_changes=True)

    services = admin.get("/admin/snippets/tenants_app/service/").text
    statuses = {label.strip() for label in STATUS_TAG.findall(services)}

    assert statuses == {"terbit", "draf"}
    assert re.search(r"<th[^>]*>\s*(<a[^>]*>\s*)?Aktif\b", services)
    assert ">\n    Ya\n</td>" in services.replace("\r", "")


def test_a_counters_services_are_grouped_by_agency_with_a_filter(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        counter = Counter.objects.filter(services__key="skck").first()

    page = admin.get(f"/admin/snippets/tenants_app/counter/edit/{counter.pk}/").text

    assert "data-service-picker-filter" in page
    assert 'data-service-picker-group="Kepolisian Resor Alpha"' in page
    assert "catalogue/service_picker.js" in page
    assert 'type="checkbox" name="services"' in page


def test_the_agency_chooser_shows_the_full_name(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    skck_pk = _service_pk(alpha, "skck")

    page = admin.get(f"/admin/snippets/tenants_app/service/edit/{skck_pk}/").text

    assert "Kepolisian Resor Alpha (Polres)" in page


def _english_sources() -> set[str]:
    """Every message Wagtail and Django write in English (their `en` catalogues' msgids)."""
    import django
    import wagtail

    quoted = re.compile(r'"((?:[^"\\]|\\.)*)"')
    messages: set[str] = set()
    for package in (wagtail, django):
        root = Path(package.__file__).parent
        for po in root.rglob("locale/en/LC_MESSAGES/django.po"):
            for block in re.findall(r'(?m)^msgid ((?:".*"\n)+)', po.read_text()):
                text = "".join(quoted.findall(block))
                messages.add(text.replace('\\"', '"').replace("\\n", "\n"))
    return messages


# Words that are the same in Indonesian.
SAME_IN_INDONESIAN = {"April", "September", "November", "Status", "Status: ", "status", "Email"}
SAME_IN_INDONESIAN |= {"Minimum", "Tag", "Administrator", "slug"}


def test_the_screens_a_clerk_uses_show_no_wagtail_or_django_string_in_english(alpha, monkeypatch):
    """Every English message Wagtail or Django looks up while rendering the admin's everyday
    screens has an Indonesian translation that wins ("Edit" was allauth's "Edit")."""
    english = _english_sources()
    left: dict[str, str] = {}
    screen = {"url": ""}
    gettext, ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def note(self, message, result):
        worded = re.search("[A-Za-z]{3}", message)
        if self.language() == "id" and result == message and worded and message in english:
            left.setdefault(message, screen["url"])

    def recording_gettext(self, message):
        result = gettext(self, message)
        note(self, message, result)
        return result

    def recording_ngettext(self, singular, plural, number):
        result = ngettext(self, singular, plural, number)
        note(self, singular, result if result != plural else singular)
        return result

    monkeypatch.setattr(DjangoTranslation, "gettext", recording_gettext)
    monkeypatch.setattr(DjangoTranslation, "ngettext", recording_ngettext)
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        service = Service.objects.get(key="skck")
        service.save_revision()
        revision = service.revisions.order_by("-id").first().pk
        agency = Agency.objects.get(key="polres").pk
        location = Location.objects.get(key="gedung-mpp").pk
        counter = Counter.objects.first().pk
        hours = WeeklyHours.objects.first().pk
        home = Site.objects.get(is_default_site=True).root_page_id
        child = Page.objects.get(pk=home).get_children().first().pk
        user = staff_user(alpha, "editor.lain@alpha.test", group="Editor Konten").pk
    snippets = "/admin/snippets/tenants_app"
    bulk = "/admin/bulk"
    screens = [
        "/admin/",
        "/admin/pages/search/?q=skck",
        f"{snippets}/service/",
        f"{snippets}/service/add/",
        f"{snippets}/service/edit/{service.pk}/",
        f"{snippets}/service/history/{service.pk}/",
        f"{snippets}/service/history/{service.pk}/revisions/compare/live...{revision}/",
        f"{snippets}/service/usage/{service.pk}/",
        f"{snippets}/agency/",
        f"{snippets}/agency/edit/{agency}/",
        f"{snippets}/location/",
        f"{snippets}/location/edit/{location}/",
        f"{snippets}/counter/",
        f"{snippets}/counter/edit/{counter}/",
        f"{snippets}/weeklyhours/",
        f"{snippets}/weeklyhours/edit/{hours}/",
        "/admin/katalog/jam-sekaligus/",
        f"/admin/pages/{home}/",
        f"/admin/pages/{home}/edit/",
        f"/admin/pages/{home}/history/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/reports/site-history/",
        "/admin/users/",
        "/admin/account/",
        "/admin/settings/cms/branding/",
        # Bulk actions' confirmation screens (Wagtail's id_ID leaves them in English).
        f"{bulk}/tenants_app/service/delete/?id={service.pk}",
        f"{bulk}/wagtailcore/page/delete/?id={child}",
        f"{bulk}/wagtailcore/page/publish/?id={child}",
        f"{bulk}/wagtailcore/page/unpublish/?id={child}",
        f"{bulk}/wagtailcore/page/move/?id={child}",
        f"{bulk}/accounts/user/delete/?id={user}",
        f"{bulk}/accounts/user/set_active_state/?id={user}",
        f"{bulk}/accounts/user/assign_role/?id={user}",
    ]
    for url in screens:
        screen["url"] = url
        assert admin.get(url, follow=True).status_code == 200, url

    assert {m: u for m, u in left.items() if m not in SAME_IN_INDONESIAN} == {}


def test_a_documents_usage_count_reads_as_indonesian_words():
    """Wagtail's documents catalogue writes "Digunakan %(usage_count)skali"; ours wins."""
    from django.utils import translation

    with translation.override("id"):
        text = translation.ngettext(
            "Used %(usage_count)s time", "Used %(usage_count)s times", 0
        ) % {"usage_count": 0}

    assert text == "Digunakan 0 kali"


def test_publishing_a_service_is_confirmed_in_indonesian(alpha):
    """Wagtail's own catalogue leaves "'X' updated and published." in English: the walk saw
    "Layanan 'Penerbitan SIM C Baru' updated and published." after a fee was published."""
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        ktp = Service.objects.get(key="ktp-el-baru")

    published = admin.post(
        f"/admin/snippets/tenants_app/service/edit/{ktp.pk}/",
        _service_form(agency=str(ktp.agency_id), fee_note="Tetap"),
        follow=True,
    )

    (message,) = [str(m) for m in published.context["messages"]]
    assert message.startswith(
        "Layanan &#x27;Penerbitan KTP-el Baru&#x27; diperbarui dan diterbitkan."
    )
    assert "published" not in message

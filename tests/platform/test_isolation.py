"""Tenant isolation of accounts, sessions, cache entries, uploaded files and deletions."""

from allauth.account.models import EmailAddress
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from accounts.models import User
from tests.conftest import host_of, in_schema, staff_client

PASSWORD = "kata-sandi-uji-123"


def test_a_regency_user_can_sign_in_only_at_their_own_regency(alpha, beta):
    # Signing in at alpha is answered 302 (asserted by staff_client).
    alpha_client = staff_client(alpha, "admin@alpha.test", password=PASSWORD, superuser=True)
    beta_client = Client(HTTP_HOST=host_of(beta))
    platform_client = Client(HTTP_HOST="localhost")

    assert alpha_client.get("/admin/").status_code == 200

    refused = beta_client.post(
        "/accounts/login/", {"login": "admin@alpha.test", "password": PASSWORD}
    )
    assert refused.status_code == 200  # the form again, with an error
    assert beta_client.get("/admin/").status_code == 302
    platform_login = platform_client.post(
        "/accounts/login/", {"login": "admin@alpha.test", "password": PASSWORD}
    )
    assert platform_login.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in platform_client.session


def test_citizen_login_through_allauth_is_per_regency(alpha, beta):
    with in_schema(alpha):
        user = User.objects.create_user(email="warga@contoh.id", password=PASSWORD)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    alpha_client = Client(HTTP_HOST=host_of(alpha))
    beta_client = Client(HTTP_HOST=host_of(beta))

    ok = alpha_client.post("/accounts/login/", {"login": "warga@contoh.id", "password": PASSWORD})
    refused = beta_client.post(
        "/accounts/login/", {"login": "warga@contoh.id", "password": PASSWORD}
    )

    assert ok.status_code == 302
    assert refused.status_code == 200
    assert "_auth_user_id" not in beta_client.session


def test_a_session_cookie_of_one_regency_means_nothing_at_another(alpha, beta):
    alpha_client = staff_client(alpha, "admin@alpha.test", password=PASSWORD, superuser=True)
    stolen = alpha_client.cookies["sessionid"].value

    beta_client = Client(HTTP_HOST=host_of(beta))
    beta_client.cookies["sessionid"] = stolen

    assert beta_client.get("/admin/").status_code == 302


def test_session_cookies_are_host_only(alpha):
    client = staff_client(alpha, "admin@alpha.test", password=PASSWORD, superuser=True)

    assert client.cookies["sessionid"]["domain"] == ""
    assert client.cookies["csrftoken"]["domain"] == ""


def test_cache_entries_are_per_schema(alpha, beta):
    with in_schema(alpha):
        cache.set("beranda:populer", "data alpha")
    with in_schema(beta):
        assert cache.get("beranda:populer") is None
        cache.set("beranda:populer", "data beta")
    with in_schema(alpha):
        assert cache.get("beranda:populer") == "data alpha"
    assert cache.get("beranda:populer") is None


def test_wagtail_site_cache_does_not_leak_page_urls_between_regencies(alpha, beta):
    from wagtail.models import Site

    urls = {}
    for regency in (alpha, beta):
        with in_schema(regency):
            Client(HTTP_HOST=host_of(regency)).get("/")  # warms Wagtail's site root path cache
            home = Site.objects.get(is_default_site=True).root_page
            urls[regency.code] = home.full_url

    assert urls[alpha.code].startswith("http://alpha.localhost")
    assert urls[beta.code].startswith("http://beta.localhost")


def test_uploads_are_stored_and_served_per_regency(alpha, beta):
    with in_schema(alpha):
        name = default_storage.save("dokumen/surat.txt", ContentFile(b"rahasia alpha"))
        url = default_storage.url(name)
        path = default_storage.path(name)
    assert f"/{alpha.schema_name}/" in url
    assert f"/{alpha.schema_name}/" in path
    with in_schema(beta):
        assert default_storage.exists(name) is False

    own = Client(HTTP_HOST=host_of(alpha)).get(url)
    other = Client(HTTP_HOST=host_of(beta)).get(url)

    assert own.status_code == 200
    assert b"".join(own.streaming_content) == b"rahasia alpha"
    assert other.status_code == 404
    with in_schema(alpha):
        default_storage.delete(name)


def test_deleting_a_regency_user_never_touches_public_rows_of_the_same_id(alpha):
    operator = User.objects.create_user(
        email="operator@satupintu.test", password=PASSWORD, is_staff=True
    )
    LogEntry.objects.create(
        user=operator,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(operator.pk),
        object_repr="x",
        action_flag=ADDITION,
    )
    with in_schema(alpha):
        twin = User.objects.create_user(email="staf@alpha.test", password=PASSWORD)
        User.objects.filter(pk=twin.pk).update(id=operator.pk)
        twin = User.objects.get(email="staf@alpha.test")
        assert twin.pk == operator.pk
        twin.delete()
        assert not User.objects.filter(email="staf@alpha.test").exists()

    assert LogEntry.objects.filter(user_id=operator.pk).count() == 1
    assert User.objects.filter(pk=operator.pk).exists()


def test_deleting_a_public_user_skips_tables_that_only_regencies_have(db):
    applicant = User.objects.create_user(email="pemohon@contoh.id", password=PASSWORD)

    applicant.delete()

    assert not User.objects.filter(email="pemohon@contoh.id").exists()

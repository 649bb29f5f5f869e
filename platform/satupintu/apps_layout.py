"""Which Django app lives in which schema: the one place that decides it.

The folder decides the schema (docs/adr/0001): first-party apps under `platform/` and `onboarding/`
are public, `tenants_app/` and `cms/` are per regency, and `accounts` (users) exists in both, so
operators and applicants are public users while each regency's staff and citizens are its own.
"""

# Apps whose tables exist in the public schema and in every regency schema.
SHARED_IN_BOTH_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

# Apps of the public schema only: the platform, its operators and its applicants.
PUBLIC_ONLY_APPS = [
    "satupintu",
    "django.contrib.admin",
    "regions",
    "audit",
    "regencies",
    "billing",
    "onboarding",
]

# Apps of each regency's schema only: its portal and catalogue.
TENANT_ONLY_APPS = [
    "staff",
    "catalogue",
    "workdays",
    "activity",
    "notify",
    "surveys",
    "complaints",
    "queueing",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

# First-party folders and the schema each must be installed in ("both" = in the two lists).
FIRST_PARTY_SCHEMA = {
    "satupintu": "public",
    "regions": "public",
    "audit": "public",
    "regencies": "public",
    "billing": "public",
    "onboarding": "public",
    "accounts": "both",
    "catalogue": "tenant",
    "workdays": "tenant",
    "staff": "tenant",
    "cms": "tenant",
    "activity": "tenant",
    "notify": "tenant",
    "surveys": "tenant",
    "complaints": "tenant",
    "queueing": "tenant",
}

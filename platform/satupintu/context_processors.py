"""Template context every page needs: which side of the platform we are on."""

from django.conf import settings


def platform(request):
    tenant = getattr(request, "tenant", None)
    on_platform = getattr(tenant, "schema_name", "public") == "public"
    return {
        "regency": None if on_platform else tenant,
        "platform_base_domain": settings.PLATFORM_BASE_DOMAIN,
        # allauth's pages wear the platform's layout, or the regency portal's.
        "account_base_template": "satupintu/platform/base.html" if on_platform else "cms/base.html",
    }

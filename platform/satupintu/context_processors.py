"""Template context every page needs: which side of the platform we are on."""

from django.conf import settings


def platform(request):
    tenant = getattr(request, "tenant", None)
    return {
        "regency": tenant if getattr(tenant, "schema_name", "public") != "public" else None,
        "platform_base_domain": settings.PLATFORM_BASE_DOMAIN,
    }

"""Wagtail and security-header settings, imported by `satupintu.settings.base`.

Split out of base.py (issue #10); every name here is a setting of base. Schema: both.
"""

# --- Wagtail ------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "SatuPintu"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Single, multiple and chooser uploads: the original is stored oriented, at most 2400 px, without
# EXIF (GPS), re-encoded (issue #16). See cms/image_upload.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_upload.RegencyImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of every staff member's email to a third party (and loads
# over plain HTTP, which the CSP blocks). Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# One sign-in page per host: allauth's, with its TOTP step and the limits above. `/admin/login/`
# only redirects there; Wagtail's own password reset and change are allauth's too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- security headers (tightened in production) --------------------------------------------------
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Wagtail's admin uses inline scripts and styles; citizen pages use none.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.openstreetmap.org", "https://js.stripe.com"],
        "connect-src": ["'self'"],
        "form-action": ["'self'", "https://checkout.stripe.com", "https://billing.stripe.com"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

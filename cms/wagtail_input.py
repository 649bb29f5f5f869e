"""Three places where Wagtail's admin answers malformed input with a 500, made to answer it as
a form error or a refusal instead. Schema: tenant (the Wagtail admin of a regency).

Found by the hostile-input walk (tests/test_hostile_input.py); each is a small wrapper installed
once from `CmsConfig.ready`, so an upgrade that fixes Wagtail leaves them harmless:

- the external-link chooser's URL field crashes on a post without the field (`None`);
- a snippet chooser's "create" view without a creation form crashes on any POST;
- an image upload that starts like a PNG but is not one crashes reading its size;
- moving the root page (it has no parent) with "set position" crashes on any POST: refused;
- the image and document listings crash when a search is combined with the usage-count filter
  (the search backend cannot filter on that annotation): the search falls back to the title.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
UNREADABLE_IMAGE = _("Berkas ini bukan gambar yang dapat dibaca; unggah PNG, JPG, GIF, atau WebP.")


def install() -> None:
    from wagtail.admin.forms.choosers import URLOrAbsolutePathField
    from wagtail.admin.views.generic.base import BaseListingView
    from wagtail.admin.views.generic.chooser import CreateViewMixin
    from wagtail.admin.views.pages.ordering import SetPagePositionView
    from wagtail.images.fields import WagtailImageField

    if getattr(URLOrAbsolutePathField, "_satupintu_guarded", False):
        return
    url_to_python = URLOrAbsolutePathField.to_python

    @wraps(url_to_python)
    def to_python(self, value):
        return url_to_python(self, "" if value is None else value)

    URLOrAbsolutePathField.to_python = to_python  # type: ignore[method-assign]
    URLOrAbsolutePathField._satupintu_guarded = True  # type: ignore[attr-defined]

    create_post = CreateViewMixin.post

    @wraps(create_post)
    def post(self, request):
        if self.get_creation_form() is None:  # creating from this chooser is not offered
            raise PermissionDenied
        return create_post(self, request)

    CreateViewMixin.post = post  # type: ignore[method-assign]

    pixel_size = WagtailImageField.check_image_pixel_size

    @wraps(pixel_size)
    def check_image_pixel_size(self, f):
        try:
            return pixel_size(self, f)
        except ValidationError:
            raise
        except (OSError, ValueError, SyntaxError, EOFError) as exc:  # what Pillow raises
            raise ValidationError(UNREADABLE_IMAGE, code="invalid_image") from exc

    WagtailImageField.check_image_pixel_size = check_image_pixel_size  # type: ignore[method-assign]

    search_queryset = BaseListingView.search_queryset

    @wraps(search_queryset)
    def guarded_search_queryset(self, queryset):
        try:
            return search_queryset(self, queryset)
        except AttributeError:
            logger.warning("admin search fell back to the title on %s", queryset.model.__name__)
            if any(field.name == "title" for field in queryset.model._meta.fields):
                return queryset.filter(title__icontains=self.search_query)
            return queryset.none()

    BaseListingView.search_queryset = guarded_search_queryset  # type: ignore[method-assign]

    set_position = SetPagePositionView.post

    @wraps(set_position)
    def guarded_set_position(self, request, page_to_move_id, *args, **kwargs):
        from wagtail.models import Page

        if Page.objects.filter(id=page_to_move_id, depth=1).exists():  # the root: no parent
            raise PermissionDenied
        return set_position(self, request, page_to_move_id, *args, **kwargs)

    SetPagePositionView.post = guarded_set_position  # type: ignore[method-assign]

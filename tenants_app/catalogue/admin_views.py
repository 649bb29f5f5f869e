"""The catalogue admin's create, edit and delete screens: agency-scoped, limited by the plan,
refreshing the portal's cache; the writes themselves are in admin_actions. Schema: tenant.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, IndexView

from catalogue.actions import service_search_refresh_for_sources
from catalogue.admin_activity import ActivityCreateMixin, ActivityDeleteMixin, ActivityEditMixin
from catalogue.limits import RESOURCE_MODELS, LimitExceeded, limit_check
from catalogue.models import ServiceCategory
from catalogue.publishing import baseline_revision, publishing_as
from catalogue.templatetags.admin_bulk_choices import bulk_actions_offered_to
from satupintu.page_cache import portal_cache_bump


class InstanceScopedMixin:
    """Wagtail's generic views check model permissions only; rows of another agency are refused."""

    instance_permission = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.instance_permission, instance):
            raise PermissionDenied
        return instance


class ScopedIndexView(IndexView):
    """A listing links a row to its edit and delete screens only for a user who may use them on
    that row, and has row checkboxes only when the user is offered a bulk action: Wagtail checks
    the model permission, so an agency admin's pledge listing linked the MPP's own pledge to an
    edit screen that sent them back to the dashboard (issue 16)."""

    @cached_property
    def columns(self):
        """No row checkboxes for a user offered no bulk action on this model (an agency admin's
        location and category listings)."""
        meta = self.model._meta
        if bulk_actions_offered_to(self.request.user, meta.app_label, meta.model_name):
            return super().columns
        return [c for c in super().columns if not isinstance(c, BulkActionsCheckboxColumn)]

    def get_edit_url(self, instance):
        if not self.user_has_permission_for_instance("change", instance):
            return None
        return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if not self.user_has_permission_for_instance("delete", instance):
            return None
        return super().get_delete_url(instance)


class ScopedDeleteView(ActivityDeleteMixin, InstanceScopedMixin, DeleteView):
    instance_permission = "delete"

    def form_valid(self, form):
        """A row other rows still point at (a location with counters) is not deleted: the admin
        is told what uses it, instead of a server error."""
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError) as exc:
            users = getattr(exc, "protected_objects", None) or exc.restricted_objects
            names = ", ".join(sorted(str(item) for item in users)[:5])
            messages.error(
                self.request,
                _("%(object)s tidak dapat dihapus karena masih dipakai oleh: %(names)s.")
                % {"object": self.object, "names": names},
            )
            return redirect(self.get_success_url())


LIMITED = {model: resource for resource, model in RESOURCE_MODELS.items()}


class BumpingCreateView(ActivityCreateMixin, CreateView):
    def is_valid(self, form):
        """The plan's limit is checked like any other validation error."""
        if not super().is_valid(form):
            return False
        resource = LIMITED.get(self.model)
        if resource and form.cleaned_data.get("is_active", True):
            try:
                limit_check(resource=resource)
            except LimitExceeded as exc:
                form.add_error(None, str(exc))
                self.produced_error_code = "validation_error"
                self.produced_error_message = str(exc)
                return False
        return True

    def save_instance(self):
        instance = super().save_instance()
        portal_cache_bump()
        return instance

    def publish_action(self):
        with publishing_as(self.request.user):
            return super().publish_action()


class BumpingEditView(ActivityEditMixin, InstanceScopedMixin, EditView):
    """Drafted rows (catalogue.publishing) keep what is live in a first revision before their
    first edit, and publish through the one receiver that records who published; other rows
    are saved as they are."""

    def save_instance(self):
        if self.draftstate_enabled:
            baseline_revision(instance=self.live_object)
        instance = super().save_instance()
        if isinstance(instance, ServiceCategory):
            service_search_refresh_for_sources(category_keys=[instance.key])
        portal_cache_bump()
        return instance

    def publish_action(self):
        with publishing_as(self.request.user):
            return super().publish_action()


class ServiceEditView(BumpingEditView):
    def get_form_kwargs(self):
        """Tells the form whether it edits a revision (its standard is in `standard_draft`)."""
        kwargs = super().get_form_kwargs()
        kwargs["instance"].standard_in_revision = kwargs["instance"] is not self.live_object
        return kwargs

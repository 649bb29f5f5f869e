"""The catalogue in each portal's Wagtail admin: listings with search, filters and bulk actions,
agency-scoped permissions, the service form with its standard, and catalogue import/export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from catalogue import billing_views, template_views, views
from catalogue.actions import (
    service_search_refresh,
    service_search_refresh_for_sources,
    service_standard_publish,
)
from catalogue.admin_activity import (
    ActivityCreateMixin,
    ActivityDeleteMixin,
    ActivityEditMixin,
    bulk_active_record,
    standard_published_record,
)
from catalogue.admin_clashes import CatalogueClashMessages
from catalogue.admin_forms import AgencyScopedForm, ServiceAdminForm
from catalogue.limits import RESOURCE_MODELS, LimitExceeded, limit_check
from catalogue.models import (
    Agency,
    AgencyMembership,
    Counter,
    DateOverride,
    Location,
    ScheduleProfile,
    Service,
    ServiceCategory,
    ServicePledge,
    WeeklyHours,
)
from catalogue.permissions import (
    AgencyScopedPermissionPolicy,
    OwnAgencyPermissionPolicy,
    scope_queryset,
)
from satupintu.clashes import with_clash_messages
from satupintu.page_cache import portal_cache_bump


class _InstanceScopedMixin:
    """Wagtail's generic views check model permissions only; rows of another agency are refused."""

    instance_permission = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.instance_permission, instance):
            raise PermissionDenied
        return instance


class _ScopedDeleteView(ActivityDeleteMixin, _InstanceScopedMixin, DeleteView):
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


class _BumpingCreateView(ActivityCreateMixin, CreateView):
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


class _BumpingEditView(ActivityEditMixin, _InstanceScopedMixin, EditView):
    def save_instance(self):
        instance = super().save_instance()
        if isinstance(instance, Agency):
            service_search_refresh_for_sources(agency_keys=[instance.key])
        elif isinstance(instance, ServiceCategory):
            service_search_refresh_for_sources(category_keys=[instance.key])
        portal_cache_bump()
        return instance


# Agency admins act only for their own agencies, in listings, edits and bulk actions alike.
register_permission_policy(Service, AgencyScopedPermissionPolicy(Service))
register_permission_policy(Counter, AgencyScopedPermissionPolicy(Counter))
register_permission_policy(ServicePledge, AgencyScopedPermissionPolicy(ServicePledge))
register_permission_policy(Agency, OwnAgencyPermissionPolicy(Agency))


class CatalogueViewSet(SnippetViewSet):
    """Every catalogue change invalidates the portal's cached pages."""

    search_backend_name = None  # search the listed fields with the ORM; these are small tables
    copy_view_enabled = False
    add_view_class = _BumpingCreateView
    edit_view_class = _BumpingEditView
    delete_view_class = _ScopedDeleteView

    def get_form_class(self, for_update=False):
        """Uniqueness clashes name the row clashed with, in our words (satupintu.clashes)."""
        form_class = super().get_form_class(for_update)
        return with_clash_messages(form_class, CatalogueClashMessages)


# --- services: the standard is edited with the service and versioned on save ----------------------
class _ServiceSaveMixin:
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            previous = instance.current_standard
            standard = service_standard_publish(
                service=instance, data=self.form.standard_data(), user_id=self.request.user.pk
            )
            standard_published_record(
                user=self.request.user, service=instance, previous=previous, standard=standard
            )
            service_search_refresh(service_ids=[instance.pk])
        portal_cache_bump()
        return instance


class ServiceCreateView(_ServiceSaveMixin, ActivityCreateMixin, CreateView):
    pass


class ServiceEditView(_ServiceSaveMixin, ActivityEditMixin, _InstanceScopedMixin, EditView):
    pass


class ServiceViewSet(CatalogueViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Layanan")
    add_view_class = ServiceCreateView
    edit_view_class = ServiceEditView
    list_display = ["name", "agency", "category", "channel", "is_active", "updated_at"]
    list_filter = ["agency", "category", "channel", "is_active", "is_popular"]
    search_fields = ["name", "key", "description"]
    list_per_page = 50
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("key"),
                    FieldRowPanel([FieldPanel("agency"), FieldPanel("category")]),
                    FieldPanel("description"),
                    FieldPanel("keywords_text"),
                    FieldRowPanel([FieldPanel("is_active"), FieldPanel("is_popular")]),
                ],
                heading=_("Layanan"),
            ),
            MultiFieldPanel(
                [FieldPanel("channel"), FieldPanel("external_url"), FieldPanel("external_system")],
                heading=_("Kanal"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("requirements_text"),
                    FieldPanel("procedure_text"),
                    FieldRowPanel(
                        [FieldPanel("completion_time_value"), FieldPanel("completion_time_unit")]
                    ),
                    FieldPanel("completion_time_note"),
                    FieldRowPanel([FieldPanel("fee_is_free"), FieldPanel("fee_amount")]),
                    FieldPanel("fee_note"),
                    FieldPanel("tariff_basis"),
                    FieldPanel("product"),
                    FieldPanel("complaint_handling"),
                ],
                heading=_("Standar pelayanan: komponen yang diumumkan"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("legal_basis_text"),
                    FieldPanel("facilities"),
                    FieldPanel("staff_competence"),
                    FieldPanel("internal_supervision"),
                    FieldPanel("staff_count"),
                    FieldPanel("service_guarantee"),
                    FieldPanel("safety_guarantee"),
                    FieldPanel("performance_evaluation"),
                ],
                heading=_("Standar pelayanan: komponen pengelolaan"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("decree_number"),
                    FieldRowPanel([FieldPanel("decree_date"), FieldPanel("review_date")]),
                ],
                heading=_("Penetapan (SK)"),
            ),
        ],
        base_form_class=ServiceAdminForm,
    )

    def get_queryset(self, request):
        return scope_queryset(Service.objects.select_related("agency", "category"), request.user)


class AgencyViewSet(CatalogueViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Instansi")
    list_display = ["name", "abbreviation", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "abbreviation", "key"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("abbreviation"),
        FieldPanel("key"),
        FieldPanel("kind"),
        FieldPanel("parent_institution"),
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
    ]

    def get_queryset(self, request):
        return scope_queryset(Agency.objects.all(), request.user, field="pk")


class CounterViewSet(CatalogueViewSet):
    model = Counter
    icon = "desktop"
    menu_label = _("Loket")
    list_display = ["code", "name", "agency", "location", "floor", "is_active"]
    list_filter = ["location", "agency", "is_active"]
    search_fields = ["code", "name", "key"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("queue_prefix")]),
            FieldPanel("name"),
            FieldPanel("key"),
            FieldRowPanel([FieldPanel("agency"), FieldPanel("location")]),
            FieldPanel("floor"),
            FieldPanel("services"),
            FieldPanel("is_active"),
        ],
        base_form_class=AgencyScopedForm,
    )

    def get_queryset(self, request):
        return scope_queryset(Counter.objects.select_related("agency", "location"), request.user)


class LocationViewSet(CatalogueViewSet):
    model = Location
    icon = "site"
    menu_label = _("Lokasi")
    list_display = ["name", "kind", "address", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address", "key"]
    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("kind"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("phone"),
        FieldPanel("description"),
        FieldPanel("facilities"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
    ]


class CategoryViewSet(CatalogueViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = _("Kategori layanan")
    list_display = ["name", "key", "sort_order"]
    search_fields = ["name", "key"]


class PledgeViewSet(CatalogueViewSet):
    model = ServicePledge
    icon = "doc-full"
    menu_label = _("Maklumat pelayanan")
    list_display = ["title", "agency", "signed_on", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "text"]
    edit_handler = ObjectList(
        [
            FieldPanel("agency"),
            FieldPanel("title"),
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("signatory"), FieldPanel("signatory_title")]),
            FieldRowPanel([FieldPanel("signed_on"), FieldPanel("is_active")]),
        ],
        base_form_class=AgencyScopedForm,
    )


class ScheduleProfileViewSet(CatalogueViewSet):
    model = ScheduleProfile
    icon = "date"
    menu_label = _("Profil jam layanan")
    list_display = ["name", "is_default", "starts_on", "ends_on"]


class WeeklyHoursViewSet(CatalogueViewSet):
    model = WeeklyHours
    icon = "time"
    menu_label = _("Jam layanan mingguan")
    list_display = ["location", "profile", "agency", "weekday", "is_closed", "opens", "closes"]
    list_filter = ["location", "profile", "weekday"]
    panels = [
        FieldRowPanel([FieldPanel("location"), FieldPanel("profile")]),
        FieldPanel("agency"),
        FieldPanel("weekday"),
        FieldPanel("is_closed"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        InlinePanel("breaks", label=_("Jam istirahat")),
    ]


class DateOverrideViewSet(CatalogueViewSet):
    model = DateOverride
    icon = "calendar-alt"
    menu_label = _("Penutupan dan jam khusus")
    list_display = ["date", "name", "location", "is_closed"]
    list_filter = ["location", "is_closed"]
    search_fields = ["name"]


class MembershipViewSet(CatalogueViewSet):
    model = AgencyMembership
    icon = "user"
    menu_label = _("Admin instansi")
    list_display = ["user", "agency"]
    list_filter = ["agency"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = _("Katalog MPP")
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (
        ServiceViewSet,
        AgencyViewSet,
        CounterViewSet,
        LocationViewSet,
        CategoryViewSet,
        PledgeViewSet,
        ScheduleProfileViewSet,
        WeeklyHoursViewSet,
        DateOverrideViewSet,
        MembershipViewSet,
    )


register_snippet(CatalogueGroup)


# --- bulk actions: switch rows on and off without deleting their history ---------------------
class _ActiveBulkAction(SnippetBulkAction):
    models = [Service, Agency, Counter, Location]
    target_state = True

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        view = kwargs["self"]
        model = view.model
        if cls.target_state and model in LIMITED:
            try:
                limit_check(
                    resource=LIMITED[model], adding=sum(1 for o in objects if not o.is_active)
                )
            except LimitExceeded as exc:
                messages.error(view.request, str(exc))
                return 0, 0
        with transaction.atomic():
            bulk_active_record(
                user=view.request.user, objects=objects, target_state=cls.target_state
            )
            count = model.objects.filter(pk__in=[o.pk for o in objects]).update(
                is_active=cls.target_state
            )
        portal_cache_bump()
        return count, 0


@hooks.register("register_bulk_action")
class ActivateBulkAction(_ActiveBulkAction):
    display_name = _("Aktifkan")
    action_type = "activate"
    aria_label = _("Aktifkan yang dipilih")
    template_name = "tenants_app/admin/confirm_bulk_active.html"
    action_priority = 40
    target_state = True

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d baris diaktifkan.", "%(n)d baris diaktifkan.", num_parent_objects
        ) % {"n": num_parent_objects}


@hooks.register("register_bulk_action")
class DeactivateBulkAction(_ActiveBulkAction):
    display_name = _("Nonaktifkan")
    action_type = "deactivate"
    aria_label = _("Nonaktifkan yang dipilih")
    template_name = "tenants_app/admin/confirm_bulk_active.html"
    action_priority = 41
    target_state = False

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d baris dinonaktifkan.", "%(n)d baris dinonaktifkan.", num_parent_objects
        ) % {"n": num_parent_objects}


# --- import and export ----------------------------------------------------------------------------
@hooks.register("register_admin_urls")
def catalogue_urls():
    return [
        path("katalog/impor/", views.catalogue_import_view, name="tenants_app_catalogue_import"),
        path(
            "katalog/impor/terapkan/",
            views.catalogue_import_apply_view,
            name="tenants_app_catalogue_apply",
        ),
        path("katalog/ekspor/", views.catalogue_export_view, name="tenants_app_catalogue_export"),
        path("templat/", template_views.template_updates_view, name="tenants_app_template_updates"),
        path("paket/", billing_views.billing_view, name="tenants_app_billing"),
        path("paket/kelola/", billing_views.billing_portal_view, name="tenants_app_billing_portal"),
        path(
            "templat/terbitkan/",
            template_views.template_publish_view,
            name="tenants_app_template_publish",
        ),
    ]


class RegencyAdminMenuItem(MenuItem):
    def is_shown(self, request):
        from catalogue.permissions import user_agency_ids

        return user_agency_ids(request.user) is None


@hooks.register("register_admin_menu_item")
def catalogue_import_menu_item():
    return RegencyAdminMenuItem(
        _("Impor / ekspor katalog"),
        reverse("tenants_app_catalogue_import"),
        icon_name="upload",
        order=160,
    )


@hooks.register("register_admin_menu_item")
def template_menu_item():
    return RegencyAdminMenuItem(
        _("Templat MPP"), reverse("tenants_app_template_updates"), icon_name="copy", order=161
    )


@hooks.register("register_admin_menu_item")
def billing_menu_item():
    return RegencyAdminMenuItem(
        _("Paket dan tagihan"), reverse("tenants_app_billing"), icon_name="tag", order=162
    )


@hooks.register("register_log_actions")
def catalogue_log_actions(actions):
    @actions.register_action("satupintu.catalogue_import")
    class CatalogueImportFormatter(LogFormatter):
        label = _("Impor katalog")

        def format_message(self, log_entry):
            return _("Katalog diimpor")

"""The catalogue's listings in each portal's Wagtail admin: one snippet viewset per model with its
search, filters and form panels, grouped under "Katalog MPP" (registered in wagtail_hooks).
Schema: tenant.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.admin_clashes import CatalogueClashMessages
from catalogue.admin_compare import StandardComparisonPanel
from catalogue.admin_forms import (
    AgencyScopedForm,
    CounterAdminForm,
    LocationAdminForm,
    ServiceAdminForm,
    with_chooser_edit_links,
)
from catalogue.admin_views import (
    BumpingCreateView,
    BumpingEditView,
    ScopedDeleteView,
    ScopedIndexView,
    ServiceEditView,
)
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
from catalogue.permissions import scope_queryset
from satupintu.clashes import with_clash_messages

# Optional English text for the portal's /en/ pages (issue 16); empty means "Indonesian only".
ENGLISH_PANEL = MultiFieldPanel(
    [FieldPanel("name_en"), FieldPanel("description_en")],
    heading=_("Bahasa Inggris (opsional)"),
    classname="collapsed",
)

YES, NO = _("Ya"), _("Tidak")


def publish_status() -> LiveStatusTagColumn:
    """A drafted row's state in listings: live, draft, or live with a draft pending."""
    return LiveStatusTagColumn(label=_("Status terbit"))


class YesNoColumn(Column):
    """A yes/no field as words ("Ya"/"Tidak"), not "True"/"False" or a bare icon."""

    def __init__(self, name, *, yes=YES, no=NO, **kwargs):
        super().__init__(name, **kwargs)
        self.yes, self.no = yes, no

    def get_value(self, instance):
        return self.yes if getattr(instance, self.name) else self.no


# Keys (slugs) are for addresses and import/export: regency admins see them, others never need to.
KEY_PERMISSION = "tenants_app.add_agency"


class CatalogueViewSet(SnippetViewSet):
    """Every catalogue change invalidates the portal's cached pages."""

    search_backend_name = None  # search the listed fields with the ORM; these are small tables
    copy_view_enabled = False
    index_view_class = ScopedIndexView
    add_view_class = BumpingCreateView
    edit_view_class = BumpingEditView
    delete_view_class = ScopedDeleteView

    def get_form_class(self, for_update=False):
        """Uniqueness clashes name the row clashed with, in our words (satupintu.clashes); a
        chooser links to the chosen row's edit screen only for those who may edit it."""
        form_class = super().get_form_class(for_update)
        return with_chooser_edit_links(with_clash_messages(form_class, CatalogueClashMessages))


class ServiceViewSet(CatalogueViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Layanan")
    edit_view_class = ServiceEditView
    list_display = [
        "name",
        "agency",
        "category",
        "channel",
        YesNoColumn("is_active", label=_("Aktif")),
        publish_status(),
        "updated_at",
    ]
    list_filter = ["agency", "category", "channel", "is_active", "is_popular"]
    search_fields = ["name", "key", "description"]
    list_per_page = 50
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("key", permission=KEY_PERMISSION),
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
            ENGLISH_PANEL,
            StandardComparisonPanel(),
        ],
        base_form_class=ServiceAdminForm,
    )

    def get_queryset(self, request):
        return scope_queryset(Service.objects.select_related("agency", "category"), request.user)


class AgencyViewSet(CatalogueViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Instansi")
    list_display = [
        "name",
        "abbreviation",
        "kind",
        YesNoColumn("is_active", label=_("Aktif")),
        publish_status(),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "abbreviation", "key"]
    ordering = ["sort_order", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("abbreviation"),
            FieldPanel("key", permission=KEY_PERMISSION),
            FieldPanel("kind"),
            FieldPanel("parent_institution"),
            FieldPanel("logo"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            FieldPanel("website"),
            FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
            ENGLISH_PANEL,
        ],
        base_form_class=AgencyScopedForm,
    )

    def get_queryset(self, request):
        return scope_queryset(Agency.objects.all(), request.user, field="pk")


class CounterViewSet(CatalogueViewSet):
    model = Counter
    icon = "desktop"
    menu_label = _("Loket")
    list_display = [
        "code",
        "name",
        "agency",
        "location",
        "floor",
        YesNoColumn("is_active", label=_("Aktif")),
    ]
    list_filter = ["location", "agency", "is_active"]
    search_fields = ["code", "name", "key"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("queue_prefix")]),
            FieldPanel("name"),
            FieldPanel("key", permission=KEY_PERMISSION),
            FieldRowPanel([FieldPanel("agency"), FieldPanel("location")]),
            FieldPanel("floor"),
            FieldPanel("services"),
            FieldPanel("is_active"),
        ],
        base_form_class=CounterAdminForm,
    )

    def get_queryset(self, request):
        return scope_queryset(Counter.objects.select_related("agency", "location"), request.user)


class LocationViewSet(CatalogueViewSet):
    model = Location
    icon = "site"
    menu_label = _("Lokasi")
    list_display = [
        "name",
        "kind",
        "address",
        YesNoColumn("is_active", label=_("Aktif")),
        publish_status(),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address", "key"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("key", permission=KEY_PERMISSION),
            FieldPanel("kind"),
            FieldPanel("address"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            FieldPanel("phone"),
            FieldPanel("description"),
            FieldPanel("facilities"),
            FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
        ],
        base_form_class=LocationAdminForm,
    )


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
    list_display = [
        "title",
        "agency",
        "signed_on",
        YesNoColumn("is_active", label=_("Berlaku")),
        publish_status(),
    ]
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
    list_display = [
        "name",
        YesNoColumn("is_default", label=_("Profil bawaan")),
        "starts_on",
        "ends_on",
    ]


class WeeklyHoursViewSet(CatalogueViewSet):
    model = WeeklyHours
    icon = "time"
    menu_label = _("Jam layanan mingguan")
    list_display = [
        "location",
        "profile",
        "agency",
        "weekday",
        YesNoColumn("is_closed", label=_("Tutup"), yes=_("Tutup"), no=_("Buka")),
        "opens",
        "closes",
        publish_status(),
    ]
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
    list_display = [
        "date",
        "name",
        "location",
        YesNoColumn("is_closed", label=_("Tutup"), yes=_("Tutup"), no=_("Jam khusus")),
        publish_status(),
    ]
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

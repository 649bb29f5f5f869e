"""The catalogue's own sentences for its uniqueness rules and check constraints, used by every form
of the portal's catalogue admin (satupintu.clashes). Schema: tenant.

A rule not named here still gets a message naming the row it clashes with (the general sentence);
these read better for rules whose fields alone do not say what clashed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from satupintu.clashes import ClashMessagesMixin

CATALOGUE_CLASH_MESSAGES = {
    "counter_code_unique_per_location": _(
        "Kode %(code)s sudah dipakai oleh loket “%(existing)s” di %(location)s."
    ),
    "service_standard_version_unique": _(
        "Standar pelayanan %(service)s versi %(version)s sudah ada."
    ),
    "agency_membership_unique": _("%(user)s sudah menjadi admin instansi %(agency)s."),
    "pledge_one_active_per_agency": _(
        "%(agency)s sudah memiliki maklumat yang berlaku (“%(existing)s”); nonaktifkan yang "
        "lama dulu."
    ),
    "pledge_one_active_regency_wide": _(
        "MPP sudah memiliki maklumat yang berlaku (“%(existing)s”); nonaktifkan yang lama dulu."
    ),
    "one_default_profile": _("“%(existing)s” sudah menjadi profil bawaan; hanya boleh satu."),
    "weekly_hours_unique_per_location": _(
        "%(location)s sudah memiliki jam layanan hari %(weekday)s pada profil %(profile)s."
    ),
    "weekly_hours_unique_per_agency": _(
        "%(agency)s sudah memiliki jam layanan hari %(weekday)s di %(location)s pada profil "
        "%(profile)s."
    ),
    "override_unique_all": _("Tanggal %(date)s sudah diatur untuk semua lokasi (“%(existing)s”)."),
    "override_unique_location": _(
        "Tanggal %(date)s sudah diatur untuk %(location)s (“%(existing)s”)."
    ),
    # Check constraints whose model does not word them.
    "service_external_channel_has_url": _(
        "Layanan pada sistem daring eksternal wajib mencantumkan tautannya."
    ),
    "service_standard_fee_consistent": _(
        "Isi nominal biaya atau keterangan biaya untuk layanan berbayar; layanan gratis tidak "
        "memiliki nominal biaya."
    ),
}


class CatalogueClashMessages(ClashMessagesMixin):
    clash_messages = CATALOGUE_CLASH_MESSAGES

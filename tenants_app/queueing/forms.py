"""The queue's forms: input shapes only, with Indonesian messages; they never write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from queueing.models import Priority


class PairForm(forms.Form):
    code = forms.CharField(
        label=_("Kode pemasangan"),
        max_length=12,
        error_messages={"required": _("Masukkan kode pemasangan dari admin.")},
    )


class KioskTicketForm(forms.Form):
    service = forms.SlugField(max_length=80, error_messages={"required": _("Pilih layanan.")})
    priority = forms.ChoiceField(choices=Priority.choices, required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Kode booking"),
        max_length=12,
        error_messages={"required": _("Masukkan kode booking.")},
    )


class CounterActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (a, a)
            for a in (
                "call",
                "recall",
                "skip",
                "start",
                "finish",
                "hold",
                "resume",
                "transfer",
                "cancel",
                "walk_in",
                "checkin",
            )
        ],
        error_messages={"invalid_choice": _("Tindakan tidak dikenal.")},
    )
    ticket = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    queue = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    counter = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    code = forms.CharField(required=False, max_length=12)


class BookingSearchForm(forms.Form):
    service = forms.ChoiceField(
        label=_("Layanan"), error_messages={"invalid_choice": _("Pilih layanan dari daftar.")}
    )
    date = forms.DateField(
        label=_("Tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tanggal tidak sah."), "required": _("Pilih tanggal.")},
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "—"), *[(s.key, s.name) for s in services]]


class BookingForm(BookingSearchForm):
    slot = forms.TimeField(
        label=_("Jam"), error_messages={"required": _("Pilih jam."), "invalid": _("Jam tidak sah.")}
    )
    identity = forms.CharField(
        label=_("Nomor HP atau NIK"),
        max_length=20,
        error_messages={"required": _("Masukkan nomor HP atau NIK.")},
    )
    priority = forms.ChoiceField(label=_("Prioritas"), choices=Priority.choices, required=False)
    # Checked by notify's validator in the action (queueing.notifications.phone_for_notify).
    phone = forms.CharField(label=_("Nomor HP untuk notifikasi"), max_length=24, required=False)


class RescheduleForm(forms.Form):
    date = forms.DateField(error_messages={"invalid": _("Tanggal tidak sah.")})
    slot = forms.TimeField(error_messages={"invalid": _("Jam tidak sah.")})

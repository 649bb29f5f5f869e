"""The citizen's complaint pages: file, track, reply, reopen, rate, own copy, public figures.
Every page is live or personal: never cached. Schema: tenant.
"""

from __future__ import annotations

import json
from datetime import date
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from complaints.actions import ComplaintError, ComplaintInput, complaint_submit
from complaints.attachments import AttachmentRefused
from complaints.codes import tracking_code_normalise
from complaints.figures import complaint_figures
from complaints.forms import ComplaintForm, CopyRequestForm, MessageForm, RatingForm
from complaints.limits import ip_limit_hit, limit_hit
from complaints.models import Status
from complaints.reporter_actions import (
    complaint_rate,
    complaint_reopen,
    complaint_reporter_message,
    reopen_until,
)
from complaints.selectors import complaint_get_by_code, complaint_public_events, complaints_enabled
from surveys.actions import survey_link_issue
from workdays.selectors import local_today


def portal_page(view):
    """404 unless the plan has the module; never cached."""

    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not complaints_enabled():
            raise Http404(_("Halaman tidak ditemukan."))
        return view(request, *args, **kwargs)

    return wrapped


def _render(request, template: str, context: dict, status: int = 200) -> TemplateResponse:
    return TemplateResponse(request, f"complaints/portal/{template}", context, status=status)


@portal_page
def complaint_new(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _render(
            request, "complaint_form.html", {"form": form, "page_title": _("Buat Pengaduan")}
        )
    if request.POST.get("website"):  # the honeypot: look like success, keep nothing
        return redirect("complaints:thanks", code="-")
    if ip_limit_hit(request, "submit-ip"):
        form.add_error(None, _("Terlalu banyak laporan dari jaringan ini. Coba lagi dalam 1 jam."))
        return _render(
            request, "complaint_form.html", {"form": form, "page_title": _("Buat Pengaduan")}, 429
        )
    if form.is_valid():
        data = form.cleaned_data
        if data["reporter_contact"] and limit_hit("submit-contact", data["reporter_contact"]):
            form.add_error("reporter_contact", _("Kontak ini sudah mengirim 3 laporan hari ini."))
        else:
            try:
                complaint = complaint_submit(
                    data=ComplaintInput(**{k: data[k] for k in ComplaintForm.input_fields}),
                    uploads=data["attachments"],
                )
            except (ComplaintError, AttachmentRefused) as exc:
                form.add_error("attachments", str(exc))
            else:
                return redirect("complaints:thanks", code=complaint.tracking_code)
    return _render(
        request, "complaint_form.html", {"form": form, "page_title": _("Buat Pengaduan")}, 422
    )


@portal_page
def complaint_thanks(request: HttpRequest, code: str) -> HttpResponse:
    complaint = complaint_get_by_code(code=code) if code != "-" else None
    return _render(
        request,
        "complaint_thanks.html",
        {"complaint": complaint, "page_title": _("Laporan terkirim")},
    )


@portal_page
def complaint_find(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("kode", "")
    if code:
        normalised = tracking_code_normalise(code)
        if normalised:
            return redirect("complaints:track", code=normalised)
    status = 422 if code else 200
    return _render(
        request,
        "complaint_find.html",
        {"code": code[:20], "page_title": _("Lacak Pengaduan")},
        status,
    )


def _tracked(request: HttpRequest, code: str):
    if ip_limit_hit(request, "track-ip"):
        return None, _render(
            request,
            "complaint_find.html",
            {"limited": True, "page_title": _("Lacak Pengaduan")},
            429,
        )
    complaint = complaint_get_by_code(code=code)
    if complaint is None:
        return None, _render(
            request,
            "complaint_find.html",
            {"code": code[:20], "not_found": True, "page_title": _("Lacak Pengaduan")},
            404,
        )
    return complaint, None


def _survey_url(complaint) -> str:
    """A closed complaint about a service invites the reporter to the SKM for that service (U8 is
    the handling of complaints): one anonymous response per complaint, like one per ticket."""
    if complaint.status != Status.CLOSED or complaint.service is None:
        return ""
    return survey_link_issue(
        service=complaint.service, source="complaint", source_id=complaint.tracking_code
    )


def _track_page(request, complaint, *, status=200, **forms) -> TemplateResponse:
    until = reopen_until(complaint)
    context = {
        "complaint": complaint,
        "survey_url": _survey_url(complaint),
        "events": complaint_public_events(complaint),
        "can_reopen": until is not None and local_today() <= until,
        "reopen_until": until,
        "message_form": forms.get("message_form") or MessageForm(),
        "reopen_form": forms.get("reopen_form") or MessageForm(),
        "rating_form": forms.get("rating_form") or RatingForm(),
        "copy_form": forms.get("copy_form") or CopyRequestForm(),
        "page_title": _("Pengaduan %(code)s") % {"code": complaint.display_code},
        "Status": Status,
    }
    return _render(request, "complaint_track.html", context, status)


@portal_page
def complaint_track(request: HttpRequest, code: str) -> HttpResponse:
    complaint, refused = _tracked(request, code)
    return refused or _track_page(request, complaint)


@portal_page
@require_POST
def complaint_write(request: HttpRequest, code: str, what: str) -> HttpResponse:
    """The reporter's message, reopening or rating, by the Kode Lacak."""
    complaint, refused = _tracked(request, code)
    if refused:
        return refused
    if ip_limit_hit(request, "write-ip"):
        return _track_page(request, complaint, status=429)
    form_class, name = {
        "pesan": (MessageForm, "message_form"),
        "buka": (MessageForm, "reopen_form"),
        "nilai": (RatingForm, "rating_form"),
    }[what]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if what == "pesan":
                complaint_reporter_message(complaint=complaint, text=form.cleaned_data["text"])
            elif what == "buka":
                complaint_reopen(complaint=complaint, text=form.cleaned_data["text"])
            else:
                complaint_rate(
                    complaint=complaint,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
        except ComplaintError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("complaints:track", code=complaint.tracking_code)
    complaint.refresh_from_db()
    return _track_page(request, complaint, status=422, **{name: form})


@portal_page
@require_POST
def complaint_copy(request: HttpRequest, code: str) -> HttpResponse:
    """The reporter's own copy (UU 27/2022): given to whoever knows the code and the contact."""
    complaint, refused = _tracked(request, code)
    if refused:
        return refused
    form = CopyRequestForm(request.POST)
    given = form.data.get("contact", "").strip().lower()
    if (
        ip_limit_hit(request, "write-ip")
        or not form.is_valid()
        or not complaint.reporter_contact
        or given != complaint.reporter_contact.strip().lower()
    ):
        form.add_error(
            None, _("Kontak tidak cocok dengan laporan ini (atau kontak sudah dihapus).")
        )
        return _track_page(request, complaint, status=422, copy_form=form)
    document = {
        "kode_lacak": complaint.display_code,
        "klasifikasi": complaint.get_classification_display(),
        "perihal": complaint.subject,
        "isi": complaint.body,
        "lokasi": complaint.location_text,
        "identitas": complaint.get_identity_display(),
        "nama": complaint.reporter_name,
        "kontak": complaint.reporter_contact,
        "kanal": complaint.get_channel_display(),
        "diterima": complaint.received_at.isoformat(),
        "status": complaint.get_status_display(),
        "riwayat": [
            {
                "waktu": e.created_at.isoformat(),
                "jenis": e.get_kind_display(),
                "status": e.get_status_to_display(),
                "teks": e.text,
            }
            for e in complaint_public_events(complaint)
        ],
        "lampiran": [a.original_name for a in complaint.attachments.all()],
        "dibuat": timezone.now().isoformat(),
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="pengaduan-{complaint.tracking_code}.json"'
    )
    return response


@portal_page
def complaint_stats(request: HttpRequest) -> HttpResponse:
    today = local_today()
    start = date(today.year - 1, today.month, 1)
    figures = complaint_figures(start=start, end=today, agency_ids=None)
    return _render(
        request,
        "complaint_stats.html",
        {"figures": figures, "start": start, "end": today, "page_title": _("Statistik Pengaduan")},
    )

"""The complaint screens of a portal's Wagtail admin: the list with deadlines, one complaint with
its actions, recording a complaint received elsewhere, and attachments. Schema: tenant.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalogue.models import Agency
from complaints import actions
from complaints.attachments import AttachmentRefused
from complaints.deadlines import deadline_states
from complaints.forms import StaffComplaintForm
from complaints.models import Attachment, ResponseTemplate, Status
from complaints.selectors import (
    complaint_get_for_user,
    complaint_list_for_user,
    complaints_enabled,
    is_coordinator,
    reporter_visible_to,
)
from workdays.selectors import regency_timezone

PER_PAGE = 30
COORDINATOR_MOVES = {
    "verify",
    "forward",
    "postpone",
    "out_of_remit",
    "archive",
    "resume",
    "close",
    "return",
    "lapor",
}
AGENCY_MOVES = {"process", "answer"}


class MoveForm(forms.Form):
    move = forms.ChoiceField(
        choices=[(m, m) for m in sorted(COORDINATOR_MOVES | AGENCY_MOVES | {"note"})]
    )
    text = forms.CharField(
        label=gettext_lazy("Keterangan"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Instansi"),
        queryset=Agency.objects.order_by("name"),
        empty_label=gettext_lazy("— Pilih instansi —"),
        required=False,
    )
    lapor_id = forms.RegexField(
        label=gettext_lazy("ID SP4N-LAPOR!"),
        regex=r"^[A-Za-z0-9\-]{0,40}$",
        max_length=40,
        required=False,
    )


def _staff(request: HttpRequest) -> None:
    if not complaints_enabled():
        raise Http404(_("Modul pengaduan tidak aktif."))
    if not request.user.has_perm("complaints.view_complaint"):
        raise PermissionDenied(_("Anda tidak berhak melihat pengaduan."))


def complaint_admin_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    query = request.GET.get("q", "").strip()[:80]
    page = Paginator(
        complaint_list_for_user(request.user, status=status, query=query), PER_PAGE
    ).get_page(request.GET.get("p"))
    rows = list(page.object_list)
    states = deadline_states(rows)
    context = {
        "page": page,
        "rows": [(c, states[c.pk]) for c in rows],
        "statuses": Status.choices,
        "status": status,
        "q": query,
        "coordinator": is_coordinator(request.user),
    }
    return TemplateResponse(request, "complaints/admin/complaint_list.html", context)


def _detail(request, complaint, form=None, status=200) -> TemplateResponse:
    template_id = request.GET.get("templat", "")
    chosen = (
        ResponseTemplate.objects.filter(pk=int(template_id)).first()
        if template_id.isdigit()
        else None
    )
    coordinator = is_coordinator(request.user)
    context = {
        "complaint": complaint,
        "events": list(complaint.events.all()),
        "attachments": list(complaint.attachments.all()),
        "state": deadline_states([complaint])[complaint.pk],
        "show_reporter": reporter_visible_to(request.user, complaint),
        "coordinator": coordinator,
        "answers": request.user.has_perm("complaints.answer_complaint"),
        "form": form or MoveForm(initial={"text": chosen.text if chosen else ""}),
        "templates": ResponseTemplate.objects.all(),
        "zone": regency_timezone(),
    }
    return TemplateResponse(
        request, "complaints/admin/complaint_detail.html", context, status=status
    )


def complaint_admin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    complaint = complaint_get_for_user(request.user, pk=pk)
    if complaint is None:
        raise Http404(_("Pengaduan tidak ditemukan."))
    return _detail(request, complaint)


def _apply(user, complaint, move: str, data: dict) -> None:
    text = data["text"].strip()
    if move == "verify":
        actions.complaint_verify(complaint=complaint, actor=user, text=text)
    elif move == "forward":
        if data["agency"] is None:
            raise actions.ComplaintError(_("Pilih instansi tujuan."))
        actions.complaint_forward(complaint=complaint, actor=user, agency=data["agency"], text=text)
    elif move in ("postpone", "out_of_remit", "archive"):
        actions.complaint_set_aside(complaint=complaint, actor=user, move=move, text=text)
    elif move == "resume":
        actions.complaint_resume(complaint=complaint, actor=user, text=text)
    elif move == "close":
        actions.complaint_close(complaint=complaint, actor=user, text=text)
    elif move == "return":
        actions.complaint_return(complaint=complaint, actor=user, text=text)
    elif move == "lapor":
        actions.complaint_lapor_id_set(complaint=complaint, actor=user, lapor_id=data["lapor_id"])
    elif move == "process":
        actions.complaint_process(complaint=complaint, actor=user, text=text)
    elif move == "answer":
        actions.complaint_answer(complaint=complaint, actor=user, text=text)
    else:
        actions.complaint_note_add(complaint=complaint, actor=user, text=text)


@require_POST
def complaint_admin_move(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    complaint = complaint_get_for_user(request.user, pk=pk)
    if complaint is None:
        raise Http404(_("Pengaduan tidak ditemukan."))
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _detail(request, complaint, form, status=422)
    move = form.cleaned_data["move"]
    if move in COORDINATOR_MOVES and not is_coordinator(request.user):
        raise PermissionDenied(_("Hanya admin koordinator yang dapat melakukan ini."))
    if move in AGENCY_MOVES and not request.user.has_perm("complaints.answer_complaint"):
        raise PermissionDenied(_("Hanya admin instansi yang dapat menjawab."))
    try:
        _apply(request.user, complaint, move, form.cleaned_data)
    except actions.ComplaintError as exc:
        form.add_error(None, str(exc))
        complaint.refresh_from_db()
        return _detail(request, complaint, form, status=422)
    messages.success(request, _("Tersimpan."))
    return redirect("complaints_admin_detail", pk=complaint.pk)


def complaint_admin_record(request: HttpRequest) -> HttpResponse:
    """A complaint received by phone, WhatsApp, letter or in person, with its real time."""
    _staff(request)
    if not (is_coordinator(request.user) and request.user.has_perm("complaints.add_complaint")):
        raise PermissionDenied(_("Hanya admin koordinator yang dapat mencatat pengaduan."))
    form = StaffComplaintForm(request.POST or None, request.FILES or None, zone=regency_timezone())
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                k: data[k]
                for k in (*StaffComplaintForm.input_fields, "channel", "received_at", "lapor_id")
            }
            try:
                complaint = actions.complaint_submit(
                    data=actions.ComplaintInput(**fields),
                    uploads=data["attachments"],
                    actor=request.user,
                )
            except (actions.ComplaintError, AttachmentRefused) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Pengaduan %(code)s dicatat.") % {"code": complaint.display_code}
                )
                return redirect("complaints_admin_detail", pk=complaint.pk)
    return TemplateResponse(
        request, "complaints/admin/complaint_record.html", {"form": form}, status=status
    )


def complaint_admin_attachment(request: HttpRequest, token: str) -> FileResponse:
    """An attachment, for staff who may see its complaint; never through the public media URL."""
    _staff(request)
    attachment = Attachment.objects.filter(token=token[:32]).select_related("complaint").first()
    if (
        attachment is None
        or complaint_get_for_user(request.user, pk=attachment.complaint_id) is None
    ):
        raise Http404(_("Lampiran tidak ditemukan."))
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = (
        f'inline; filename="lampiran-{attachment.pk}.{attachment.extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

"""Writes of the SKM: a response from any channel, one-use links, CSV imports of paper forms,
moderation of suggestions. Anonymous by construction: nothing that identifies a respondent is
stored; ballot stuffing is held off with one-use tokens and rate limits keyed by a salted hash of
the address, kept only in the regency's (schema-scoped) cache.

Schema: tenant.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from activity.actions import activity_record
from catalogue.models import Location, Service
from notify.actions import message_queue
from notify.selectors import channels_enabled
from regencies.selectors import regency_primary_host_get
from satupintu.db import connection
from satupintu.errors import DomainError
from surveys.models import SuggestionStatus, SurveyLink, SurveyResponse, SurveySettings
from surveys.questionnaire import (
    AGE_MAX,
    AGE_MIN,
    SCALE,
    UNSUR,
    Channel,
    Education,
    Gender,
    Occupation,
)

log = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 3600
RATE_MAX_PER_ADDRESS = 30  # an MPP's Wi-Fi puts many respondents behind one address
KIOSK_MIN_SECONDS = 10  # one respondent at a time on a counter tablet


class SurveyError(DomainError):
    code = "skm.invalid"


class LinkUsed(SurveyError):
    code = "skm.link_used"


class LinkUnknown(SurveyError):
    code = "skm.link_unknown"


class RateLimited(SurveyError):
    code = "skm.rate_limited"


@dataclass(frozen=True)
class Answers:
    """A validated answer sheet (forms and the CSV import build it)."""

    service: Service
    answered_on: date
    scores: dict[str, int]  # "U1" … "U9"
    gender: str
    age: int
    education: str
    occupation: str
    suggestion: str = ""
    location_id: int | None = None


def answers_check(answers: Answers) -> None:
    """Refuse anything off the questionnaire: scores off 1–4, unknown profile values."""
    for unsur in UNSUR:
        if answers.scores.get(unsur.code) not in SCALE:
            raise SurveyError(_("Nilai %(code)s harus 1, 2, 3, atau 4.") % {"code": unsur.code})
    if answers.gender not in Gender.values:
        raise SurveyError(_("Jenis kelamin tidak dikenal."))
    if not AGE_MIN <= answers.age <= AGE_MAX:
        raise SurveyError(_("Usia harus %(a)d–%(b)d tahun.") % {"a": AGE_MIN, "b": AGE_MAX})
    if answers.education not in Education.values:
        raise SurveyError(_("Pendidikan tidak dikenal."))
    if answers.occupation not in Occupation.values:
        raise SurveyError(_("Pekerjaan tidak dikenal."))
    if len(answers.suggestion) > 2000:
        raise SurveyError(_("Saran paling panjang 2000 karakter."))


def _response(answers: Answers, *, channel: str) -> SurveyResponse:
    answers_check(answers)
    suggestion = answers.suggestion.strip()
    return SurveyResponse(
        service=answers.service,
        agency_id=answers.service.agency_id,
        location_id=answers.location_id,
        answered_on=answers.answered_on,
        channel=channel,
        **{u.field: answers.scores[u.code] for u in UNSUR},
        gender=answers.gender,
        age=answers.age,
        education=answers.education,
        occupation=answers.occupation,
        suggestion=suggestion,
        suggestion_status=SuggestionStatus.PENDING if suggestion else SuggestionStatus.NONE,
    )


def address_hash(address: str) -> str:
    """A salted hash of an address, never stored outside the cache's short window."""
    key = f"{settings.SECRET_KEY}:skm-address".encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def _rate_check(*, key: str, limit: int, window: int) -> None:
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        count = 1
    if count > limit:
        raise RateLimited(_("Terlalu banyak jawaban dari perangkat ini. Silakan coba lagi nanti."))


def _token(*, source: str, source_id: str) -> str:
    message = f"{connection.schema_name}:{source}:{source_id}".encode()
    key = f"{settings.SECRET_KEY}:skm-link".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def survey_link_issue(*, service: Service, source: str, source_id: str) -> str:
    """The one-use survey link for a queue ticket or a notification (same source and id: same
    link). Returns an absolute URL on the regency's primary host."""
    if not (0 < len(source) <= 32 and 0 < len(source_id) <= 64):
        raise SurveyError(_("Sumber tautan survei tidak valid."))
    token = _token(source=source, source_id=source_id)
    SurveyLink.objects.get_or_create(
        source=source,
        source_id=source_id,
        defaults={"token_hash": token_hash(token), "service": service},
    )
    host = regency_primary_host_get(schema_name=connection.schema_name)
    path = f"/skm/isi/{token}/"
    return f"https://{host}{path}" if host else path


class FinishedTicket(Protocol):
    """What the invitation needs of a queue ticket (surveys does not import queueing)."""

    pk: int
    public_id: str
    number: str
    service_id: int | None
    location_id: int


def survey_invite_after_ticket(*, ticket: FinishedTicket, phone: str) -> bool:
    """Queue the "finished" message with the ticket's one-use SKM link (the same link as the QR
    on its page: one response per ticket) to the number the citizen left on it. Called by the
    queue's finish inside its transaction, before the number is erased; notify sends it once
    (dedupe key), WhatsApp first, SMS otherwise. Nothing is sent when no channel is on or the
    ticket names no service; a number notify refuses never stops the finish. True when queued."""
    if not phone or ticket.service_id is None or not channels_enabled():
        return False
    service = Service.objects.get(pk=ticket.service_id)
    location = Location.objects.filter(pk=ticket.location_id).values_list("name", flat=True)
    url = survey_link_issue(service=service, source="ticket", source_id=ticket.public_id)
    try:
        with transaction.atomic():
            message_queue(
                channel_hint="whatsapp",
                to=phone,
                template="queue_finished",
                params={"ticket": ticket.number, "location": location.first() or "MPP", "url": url},
                dedupe_key=f"queue_finished:{ticket.pk}",
            )
    except DomainError:
        log.warning("skm invitation refused for ticket %s", ticket.pk)
        return False
    return True


def link_get(*, token: str) -> SurveyLink:
    link = SurveyLink.objects.select_related("service").filter(token_hash=token_hash(token)).first()
    if link is None:
        raise LinkUnknown(_("Tautan survei tidak dikenal."))
    if link.used_on is not None:
        raise LinkUsed(_("Survei dari tautan ini sudah diisi. Terima kasih."))
    return link


def response_submit_by_link(*, token: str, answers: Answers, address: str) -> SurveyResponse:
    """One response per link: the link is claimed in the same transaction as the response."""
    _rate_check(
        key=f"skm:addr:{address_hash(address)}",
        limit=RATE_MAX_PER_ADDRESS,
        window=RATE_WINDOW_SECONDS,
    )
    with transaction.atomic():
        link = SurveyLink.objects.select_for_update().filter(token_hash=token_hash(token)).first()
        if link is None:
            raise LinkUnknown(_("Tautan survei tidak dikenal."))
        if link.used_on is not None:
            raise LinkUsed(_("Survei dari tautan ini sudah diisi. Terima kasih."))
        # The response keeps no key to its link, and the link only the day: neither leads to
        # the other (docs/adr/0026).
        response = _response(answers, channel=Channel.LINK)
        response.save()
        link.used_on = answers.answered_on
        link.save(update_fields=["used_on"])
    return response


def response_submit_at_kiosk(*, answers: Answers, device: str, address: str) -> SurveyResponse:
    """A response on a counter tablet (a signed-in staff device handed to the respondent)."""
    if not cache.add(f"skm:kiosk:{device}", 1, timeout=KIOSK_MIN_SECONDS):
        raise RateLimited(_("Mohon tunggu sebentar sebelum responden berikutnya mengisi."))
    _rate_check(
        key=f"skm:addr:{address_hash(address)}",
        limit=RATE_MAX_PER_ADDRESS * 4,
        window=RATE_WINDOW_SECONDS,
    )
    response = _response(answers, channel=Channel.KIOSK)
    response.save()
    return response


def response_enter_paper(*, actor, answers: Answers) -> SurveyResponse:
    """An admin types in a paper form."""
    with transaction.atomic():
        response = _response(answers, channel=Channel.PAPER)
        response.save()
        activity_record(
            actor=actor,
            verb="skm.paper_enter",
            target=response,
            summary=_("Formulir SKM kertas dientri"),
        )
    return response


def responses_import(*, actor, sheets: list[Answers], filename: str = "") -> int:
    """Paper forms from a CSV, all or nothing (the caller has validated every row)."""
    with transaction.atomic():
        rows = [_response(sheet, channel=Channel.IMPORT) for sheet in sheets]
        SurveyResponse.objects.bulk_create(rows, batch_size=1000)
        activity_record(
            actor=actor,
            verb="skm.import",
            summary=_("%(n)d jawaban SKM diimpor dari %(file)s")
            % {"n": len(rows), "file": filename or "CSV"},
            after={"count": len(rows)},
        )
    return len(rows)


def suggestion_moderate(*, actor, response: SurveyResponse, approve: bool) -> SurveyResponse:
    if not response.suggestion:
        raise SurveyError(_("Jawaban ini tidak berisi saran."))
    before = response.suggestion_status
    with transaction.atomic():
        response.suggestion_status = (
            SuggestionStatus.APPROVED if approve else SuggestionStatus.REJECTED
        )
        response.save(update_fields=["suggestion_status"])
        activity_record(
            actor=actor,
            verb="skm.suggestion_approve" if approve else "skm.suggestion_reject",
            target=response,
            summary=_("Saran SKM dimoderasi"),
            before={"suggestion_status": before},
            after={"suggestion_status": response.suggestion_status},
        )
    return response


def survey_settings_audit(*, actor, settings: SurveySettings, before: dict, after: dict) -> None:
    """Record a change of the SKM settings (which weight the index uses) in the activity trail,
    inside the transaction that saved it."""
    with transaction.atomic():
        activity_record(
            actor=actor,
            verb="skm.settings.edit",
            target=settings,
            summary=_("Pengaturan SKM diubah"),
            before={k: str(v) for k, v in before.items()},
            after={k: str(v) for k, v in after.items()},
        )

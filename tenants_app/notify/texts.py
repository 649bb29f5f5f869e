"""Every message a citizen can receive, in Indonesian, in one place.

Each template has the WhatsApp template name an admin registers at Meta (with the body below and
its numbered parameters, in language `id`) and the same text for SMS or a WhatsApp text message.
Callers pass `params` by name; `PARAMS` fixes their order for WhatsApp's {{1}}, {{2}}, ...

Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from satupintu.errors import DomainError

WHATSAPP_LANGUAGE = "id"


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    whatsapp_name: str
    params: tuple[str, ...]
    body: str  # str.format with the params by name


TEMPLATES: dict[str, MessageTemplate] = {
    t.key: t
    for t in (
        MessageTemplate(
            key="queue_position",
            whatsapp_name="satupintu_antrean_posisi",
            params=("ticket", "position", "location"),
            body=(
                "Antrean {ticket} di {location}: Anda urutan ke-{position}. "
                "Mohon bersiap di dekat loket."
            ),
        ),
        MessageTemplate(
            key="queue_called",
            whatsapp_name="satupintu_antrean_dipanggil",
            params=("ticket", "counter", "location"),
            body="Antrean {ticket} dipanggil. Silakan menuju {counter} di {location}.",
        ),
        MessageTemplate(
            key="queue_finished",
            whatsapp_name="satupintu_antrean_selesai",
            params=("ticket", "location", "url"),
            body=(
                "Layanan antrean {ticket} di {location} selesai. Terima kasih! Mohon nilai "
                "layanan kami (SKM, tanpa nama, sekali isi): {url}"
            ),
        ),
        MessageTemplate(
            key="complaint_status",
            whatsapp_name="satupintu_pengaduan_status",
            params=("code", "status", "url"),
            body="Pengaduan {code} kini berstatus: {status}. Lihat rinciannya di {url}",
        ),
        MessageTemplate(
            key="complaint_reminder",
            whatsapp_name="satupintu_pengaduan_pengingat",
            params=("code", "due", "url"),
            body="Pengingat: pengaduan {code} harus ditanggapi paling lambat {due}. {url}",
        ),
        MessageTemplate(
            key="test_message",
            whatsapp_name="satupintu_pesan_uji",
            params=("regency",),
            body="Pesan uji dari {regency}: pengaturan notifikasi berfungsi.",
        ),
    )
}


class TemplateInvalid(DomainError):
    code = "template_invalid"


def template_get(key: str) -> MessageTemplate:
    try:
        return TEMPLATES[key]
    except KeyError:
        raise TemplateInvalid(_("Templat pesan tidak dikenal: %(key)s") % {"key": key}) from None


def template_check(*, key: str, params: dict) -> MessageTemplate:
    """The template, after checking `params` has exactly its parameters, each a short text."""
    template = template_get(key)
    if set(params) != set(template.params):
        raise TemplateInvalid(
            _("Parameter templat %(key)s harus: %(names)s")
            % {"key": key, "names": ", ".join(template.params)}
        )
    for name, value in params.items():
        if not isinstance(value, str | int) or not str(value).strip() or len(str(value)) > 200:
            raise TemplateInvalid(
                _("Parameter %(name)s harus teks 1-200 karakter.") % {"name": name}
            )
    return template


def template_render(*, key: str, params: dict) -> str:
    template = template_get(key)
    return template.body.format(**{name: str(params[name]) for name in template.params})

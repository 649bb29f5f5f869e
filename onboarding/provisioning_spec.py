"""What a provisioning job builds: its steps and their labels, the template parts an applicant
chooses, and the spec a job is started from (split out of onboarding.provisioning, issue #10;
import these from there). Schema: public.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

from satupintu.errors import DomainError

STEPS = [
    ("schema", gettext_noop("Menyiapkan basis data portal")),
    ("catalogue", gettext_noop("Menyalin instansi, layanan, dan loket dari templat")),
    ("branding", gettext_noop("Menerapkan nama dan warna MPP")),
    ("search", gettext_noop("Membangun indeks pencarian layanan")),
    ("admin", gettext_noop("Membuat akun admin MPP")),
    ("billing", gettext_noop("Mencatat paket dan langganan")),
    ("activate", gettext_noop("Mengaktifkan alamat portal")),
    ("invite", gettext_noop("Mengirim undangan ke email Anda")),
]
STEP_LABELS = dict(STEPS)

# Template parts an applicant chooses: each is a set of catalogue sections.
PARTS = {
    "catalogue": {
        "agencies",
        "categories",
        "services",
        "counters",
        "locations",
        "schedule_profiles",
    },
    "pledges": {"pledges"},
    "pages": {"pages"},
    "closures": {"closures"},
    # Not offered in the wizard (a template's address is the model regency's), used by the demo.
    "contact": {"branding"},
}
DEFAULT_PARTS = ["catalogue", "pledges", "pages"]


class ProvisioningError(DomainError):
    code = "provisioning_failed"


@dataclass
class ProvisioningSpec:
    """Everything a job needs, stored on the job so a retry builds exactly the same portal."""

    admin_email: str
    admin_name: str = ""
    brand_name: str = ""
    primary_color: str = "#0b5d51"
    accent_color: str = "#8a4b00"
    logo_name: str = ""  # a file in the public schema's storage
    template_version_id: int | None = None
    parts: list[str] = field(default_factory=lambda: list(DEFAULT_PARTS))
    review: dict[str, Any] = field(default_factory=dict)
    pages_live: bool = False  # template pages arrive as drafts to adapt, except for the demo
    invite: bool = True  # the demo sets a known password instead
    plan_code: str = "standar"
    interval: str = "year"
    collection: str = "trial"
    stripe_customer_id: str = ""
    stripe_subscription_id: str = ""

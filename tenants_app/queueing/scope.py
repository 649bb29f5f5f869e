"""Which tickets a counter officer may see and act on: those of their own agencies' services.

Staff are linked to agencies by catalogue's `AgencyMembership`; `catalogue.permissions.
user_agency_ids` is the one helper that reads it (the admin's agency scope uses it too). A holder
of an agency-scoped role (Petugas Loket, Admin Instansi; `staff.roles.AGENCY_SCOPED_ROLES`) who is
not a regency admin acts only on tickets of their agencies' services, or, for a ticket without a
service (a walk-in), of a queue serving one of their agencies' services. Regency admins,
superusers and the system (no officer) act on every ticket. Schema: tenant.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from catalogue.models import Counter
from catalogue.permissions import user_agency_ids
from queueing.errors import OutOfScope
from queueing.models import Queue, Ticket
from staff.selectors import role_is_agency_scoped, user_roles


def officer_agencies(officer) -> set[int] | None:
    """None: `officer` may act on every ticket; else the agencies whose tickets they may."""
    if officer is None or not getattr(officer, "is_authenticated", False):
        return None
    agencies = user_agency_ids(officer)
    if agencies is None:
        return None
    if not any(role_is_agency_scoped(role) for role in user_roles(officer)):
        return None
    return agencies


def queues_for_agencies(agencies: set[int]) -> QuerySet[Queue]:
    return Queue.objects.filter(services__agency_id__in=agencies)


def ticket_scope_q(agencies: set[int] | None) -> Q:
    """The tickets of `agencies` (every ticket for None), as a filter for Ticket querysets."""
    if agencies is None:
        return Q()
    queues = queues_for_agencies(agencies).values("pk")
    return Q(service__agency_id__in=agencies) | Q(service__isnull=True, queue_id__in=queues)


def tickets_for_officer(queryset: QuerySet[Ticket], officer) -> QuerySet[Ticket]:
    return queryset.filter(ticket_scope_q(officer_agencies(officer)))


def ticket_scope_ensure(*, ticket: Ticket, officer) -> None:
    """Refuse, naming the ticket, when it belongs to another agency's service."""
    agencies = officer_agencies(officer)
    if agencies is None:
        return
    if not Ticket.objects.filter(ticket_scope_q(agencies), pk=ticket.pk).exists():
        raise OutOfScope(
            _("Tiket %(n)s milik layanan instansi lain: Anda hanya melayani antrean instansi Anda.")
            % {"n": ticket.number}
        )


def counter_scope_ensure(*, counter: Counter, officer) -> set[int] | None:
    """The officer's agencies, refusing when none of the counter's queues serves them."""
    agencies = officer_agencies(officer)
    if agencies is None:
        return None
    if not queues_for_agencies(agencies).filter(counters=counter, is_active=True).exists():
        raise OutOfScope(
            _(
                "Loket %(c)s tidak melayani antrean instansi Anda. "
                "Pilih loket instansi Anda atau hubungi Admin MPP."
            )
            % {"c": counter.code}
        )
    return agencies

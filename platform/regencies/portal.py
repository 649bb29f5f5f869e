"""What a regency's portal may ask of the platform from its own schema: accepting an operator's
read-only support grant, and recording what happened during the support session. The door between
schemas for support grants (docs/adr/0027): tenant code imports this module, never
regencies.impersonation. Schema: tenant -> public (the grant is checked and the audit written in
the public schema).
"""

from __future__ import annotations

from regencies.impersonation import impersonation_accept, impersonation_event

__all__ = ["impersonation_accept", "impersonation_event"]

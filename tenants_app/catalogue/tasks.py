"""The catalogue's scheduled work in every regency (satupintu.fanout). Schema: tenant."""

from __future__ import annotations

from django.core.management import call_command

from satupintu.fanout import per_regency


@per_regency("catalogue.publish_scheduled")
def publish_scheduled() -> None:
    """Drafts whose go-live time has come are published, expired ones unpublished: Wagtail's own
    command, run in this regency's schema (idempotent: a published revision is not scheduled)."""
    call_command("publish_scheduled", verbosity=0)

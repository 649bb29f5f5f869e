"""Wagtail's index tasks held during a catalogue import and run once per object (docs/adr/0060)."""

import contextlib
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks import task
from wagtail.models import Page, ReferenceIndex

from catalogue.portable import catalogue_import
from onboarding.seeding import seed_template_document
from satupintu.tasks_coalesce import tasks_coalesced
from tests.conftest import in_schema

ran: list[str] = []


@task()
def note(word: str) -> None:
    ran.append(word)


def test_tasks_inside_the_block_run_once_each_after_it_in_the_order_of_their_last_enqueue():
    ran.clear()
    with tasks_coalesced():
        note.enqueue("a")
        note.enqueue("b")
        note.enqueue("a")
        assert ran == []
    assert ran == ["b", "a"]
    note.enqueue("c")  # outside the block: at once, as django-tasks' immediate backend
    assert ran == ["b", "a", "c"]


def test_a_block_that_raises_drops_what_it_held():
    ran.clear()

    def import_that_fails() -> None:
        with tasks_coalesced():
            note.enqueue("lost")
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        import_that_fails()
    assert ran == []


def _indexes() -> tuple[list, list]:
    """The reference and search index rows, each object named by its page path or catalogue key
    (ids differ between two imports; what each row says about which object must not)."""

    def named(content_type_id: int, object_id: str) -> str:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        found = model._base_manager.filter(pk=object_id).first() if model else None
        if isinstance(found, Page):
            return found.url_path
        return getattr(found, "key", None) or str(found)

    references = sorted(
        (
            r.content_type_id,
            named(r.base_content_type_id, r.object_id),
            r.to_content_type_id,
            named(r.to_content_type_id, r.to_object_id),
            r.model_path,
            r.content_path,
        )
        for r in ReferenceIndex.objects.all()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id, object_id, title::text, autocomplete::text, body::text,"
            " title_norm FROM wagtailsearch_indexentry"
        )
        entries = sorted(
            (ct, named(ct, pk), title, autocomplete, body, round(norm or 0, 9))
            for ct, pk, title, autocomplete, body, norm in cursor.fetchall()
        )
    return references, entries


def _import_pages() -> tuple[tuple[list, list], int]:
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        catalogue_import(  # as provisioning: the template's pages arrive as drafts
            document=seed_template_document("badung"), pages_live=False
        )
        indexes = _indexes()
        transaction.set_rollback(True)
    return indexes, len(queries.captured_queries)


def test_a_coalesced_import_leaves_the_indexes_as_updating_on_every_save(alpha):
    with in_schema(alpha):
        coalesced, coalesced_queries = _import_pages()
        with mock.patch("catalogue.portable.importer.tasks_coalesced", contextlib.nullcontext):
            every_save, every_save_queries = _import_pages()
    assert coalesced == every_save
    references, entries = coalesced
    assert {row[4] for row in references} >= {"agency", "location"}, references  # pledges, counters
    assert any(row[1] == "/beranda/faq/" for row in entries), entries
    assert coalesced_queries < every_save_queries - 50, (coalesced_queries, every_save_queries)

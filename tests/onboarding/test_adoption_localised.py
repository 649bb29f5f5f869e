"""Issue #11: adopting a template yields the adopter's own portal (docs/adr/0035)."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from billing.selectors import regency_modules
from cms.templatetags.module_gate import MODULE_TERMS
from onboarding.localise import (
    KEY_FIELDS,
    Region,
    localise_document,
    source_region,
)
from onboarding.seeding import seed_template_document
from onboarding.template_marks import placeholder_terms, placeholders_apply
from regencies.models import Regency

ROOT = Path(__file__).resolve().parents[2]
PASER = Region(name="Paser", kind="kabupaten", province="Kalimantan Timur", code="64.01")
MAKASSAR = Region(name="Makassar", kind="kota", province="Sulawesi Selatan", code="73.71")


def _crawl_module():
    spec = importlib.util.spec_from_file_location(
        "adoption_crawl", ROOT / "benchmarks/adoption_crawl.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _source_hits(document: dict, words: list[str]) -> list[str]:
    """Source words left in a document's values (keys are the template's identity, not text)."""
    hits = []
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.I
    )

    def walk(node, field=""):
        if isinstance(node, str) and field not in KEY_FIELDS:
            hits.extend(f"{field}: {m.group(0)}" for m in pattern.finditer(node))
        elif isinstance(node, list):
            for v in node:
                walk(v, field)
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)

    walk(document)
    return hits


@pytest.mark.parametrize(("name", "target"), [("badung", PASER), ("bandung", MAKASSAR)])
def test_localised_document_names_nothing_of_the_source(name, target):
    document = seed_template_document(name)
    words = source_region(document).words()
    assert _source_hits(document, words)  # the check can fail: the template is full of them
    localised, held = localise_document(document, target=target, portal_host="x.localhost")
    assert _source_hits(localised, words) == []
    text = json.dumps(localised, ensure_ascii=False)
    assert target.full_name in text
    assert not [p for p in localised["pages"] if p["kind"] in ("news", "announcement")]
    assert held.counts()["agencies"] > 0
    assert held.counts()["standards"] > 0


def test_unguessable_values_are_held_with_the_template_value_as_suggestion():
    document = seed_template_document("badung")
    localised, held = localise_document(document, target=PASER)
    agencies = {a["key"]: a for a in localised["agencies"]}
    assert agencies["polres-badung"]["is_active"] is False  # the adopter's Polres is another
    assert agencies["pln"]["is_active"] is False
    assert agencies["disdukcapil"].get("is_active", True) is True
    assert agencies["disdukcapil"]["name"] == (
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Paser"
    )
    main = next(loc for loc in localised["locations"] if loc["kind"] == "main")
    assert main["address"] == ""
    assert main["latitude"] is None
    assert main["phone"] == ""
    assert not any("decree_number" in (s.get("standard") or {}) for s in localised["services"])
    # The source's next review date is not the adopter's: the template has one on all 156
    # standards, which made a new portal's dashboard call every standard overdue.
    assert sum(bool((s.get("standard") or {}).get("review_date")) for s in document["services"])
    assert not any("review_date" in (s.get("standard") or {}) for s in localised["services"])
    suggestion = {(i["section"], i["key"], i["field"]): i["suggestion"] for i in held.items}
    assert "Mangupura" in suggestion[("locations", "mpp-trust", "address")]
    assert suggestion[("agencies", "polres-badung", "name")] == "Kepolisian Resor Badung"
    pledge = localised["pledges"][0]
    assert pledge["signatory_title"] == "Bupati Paser"


def test_names_are_proposed_localised_and_facts_only_shown_as_examples():
    _localised, held = localise_document(seed_template_document("badung"), target=PASER)
    items = {(i["section"], i["key"], i["field"]): i for i in held.items}
    polres = items[("agencies", "polres-badung", "name")]
    assert (polres["suggestion"], polres["proposal"]) == (
        "Kepolisian Resor Badung",
        "Kepolisian Resor Paser",
    )
    address = items[("locations", "mpp-trust", "address")]
    assert "Mangupura" in address["suggestion"]
    assert address["proposal"] is None  # another region's address is no guess for Paser


def test_claims_are_computed_from_what_the_adopter_has():
    document = seed_template_document("badung")
    localised, _held = localise_document(document, target=PASER)
    home = next(p for p in localised["pages"] if p["kind"] == "home")
    agencies = {a["key"] for a in localised["agencies"] if a.get("is_active", True)}
    services = [s for s in localised["services"] if s["agency"] in agencies]
    claimed = int(re.search(r"lebih dari (\d+) jenis layanan", home["intro"]).group(1))
    assert claimed < len(services) <= claimed + 10
    assert "150" not in home["intro"]


def test_kota_template_adopted_by_a_kabupaten_speaks_of_a_kabupaten():
    localised, _held = localise_document(seed_template_document("bandung"), target=PASER)
    text = json.dumps(localised, ensure_ascii=False)
    assert "Kabupaten Paser" in text
    assert "Kota Paser" not in text
    assert "Wali Kota Paser" not in text


def test_adopted_by_its_own_region_the_template_is_unchanged():
    document = seed_template_document("badung")
    badung = Region(name="Badung", kind="kabupaten", province="Bali", code="51.03")
    localised, held = localise_document(document, target=badung)
    assert localised["agencies"] == document["agencies"]
    assert held.items == []


def test_placeholders_fill_and_are_proposed_for_a_regency_template():
    document = seed_template_document("badung")
    source = source_region(document)
    terms = placeholder_terms(document, source)
    changes = {t.term: t.placeholder for t in terms}
    assert changes["Kabupaten Badung"] == "{kab_kota}"
    proposed = placeholders_apply(document, source, accepted={t.id for t in terms})
    agencies = {a["key"]: a["name"] for a in proposed["agencies"]}
    assert agencies["disdukcapil"] == "Dinas Kependudukan dan Pencatatan Sipil {kab_kota}"
    filled, _held = localise_document(proposed, target=PASER)
    names = {a["key"]: a["name"] for a in filled["agencies"]}
    assert names["disdukcapil"] == "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Paser"


def test_create_regency_from_templates_crawl_finds_no_source_word(db, alpha):
    """The check of issue #11, as benchmarks/adoption_crawl.py runs it."""
    crawl = _crawl_module()
    with schema_context(alpha.schema_name):
        from catalogue.models import Agency

        alpha_agencies = list(Agency.objects.values_list("name", flat=True).order_by("pk"))
    # The benchmark's cases, but Paser (64.01) is the suite's `beta`: another kabupaten here.
    for template, code, subdomain in (("badung", "63.01", "tanahlaut"), crawl.CASES[1]):
        call_command(
            "create_regency", code=code, subdomain=subdomain, template=template, publish=True
        )
        regency = Regency.objects.get(code=code)
        own = regency.name.split(" ", 1)[1]
        modules = regency_modules(schema_name=regency.schema_name)
        assert (modules.queue, modules.complaints) == (False, False)
        promises: Counter[str] = Counter()
        counts, pages, where = crawl.crawl_source_words(
            host=regency.primary_hostname(),
            words=[*crawl.source_words_of_template(template), own],
            # The Standar plan (the default) has neither the queue nor the complaints module.
            promises=list(MODULE_TERMS.values()),
            promise_counts=promises,
        )
        assert pages > 50
        # The crawl can fail: it finds the adopter's own name all over the portal.
        assert counts.pop(own) > 20
        assert dict(counts) == {}, where
        assert dict(promises) == {}
        with schema_context(regency.schema_name):
            from cms.models import HeldValue, PortalLaunch

            assert PortalLaunch.objects.get().published_at is not None  # --publish
            assert HeldValue.objects.filter(section="standards").exists()
    # Isolation: adopting into new portals changed nothing in another regency's catalogue.
    with schema_context(alpha.schema_name):
        assert list(Agency.objects.values_list("name", flat=True).order_by("pk")) == alpha_agencies


def test_hours_speak_the_adopter_time_zone():
    pontianak = Region(
        name="Pontianak", kind="kota", province="Kalimantan Barat", code="61.71", time_zone="WIB"
    )
    localised, _held = localise_document(seed_template_document("badung"), target=pontianak)
    faq = next(p for p in localised["pages"] if p["kind"] == "faq")
    text = json.dumps(faq, ensure_ascii=False)
    assert "WIB" in text
    assert "WITA" not in text


def test_an_office_renamed_in_the_wizard_is_confirmed_and_not_held(beta):
    from types import SimpleNamespace

    from onboarding.provisioning import ProvisioningSpec, template_document_for

    spec = ProvisioningSpec(
        admin_email="a@paser.test", review={"renamed": {"polres-badung": "Polres Paser"}}
    )
    version = SimpleNamespace(document=seed_template_document("badung"))

    document, _sections, _skip, held = template_document_for(spec, version, regency=beta)

    agencies = {a["key"]: a for a in document["agencies"]}
    assert (agencies["polres-badung"]["name"], agencies["polres-badung"]["is_active"]) == (
        "Polres Paser",
        True,
    )
    assert agencies["pln"]["is_active"] is False  # not renamed: still held
    assert ("agencies", "pln", "name") in {(i["section"], i["key"], i["field"]) for i in held.items}


@pytest.mark.parametrize("name", ["badung", "bandung", "soppeng"])
def test_every_seed_template_ships_a_faq_page(name):
    faqs = [p for p in seed_template_document(name)["pages"] if p["kind"] == "faq"]
    assert len(faqs) == 1
    assert len(faqs[0]["faqs"]) >= 5

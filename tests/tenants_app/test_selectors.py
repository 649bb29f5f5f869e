"""Catalogue reads: search tolerant of spellings and typos, filters, odd input, query counts, and
isolation (rows of one regency are never found from another)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Agency, Service
from catalogue.search import correct_words, normalise, query_words
from catalogue.selectors import (
    ServiceFilters,
    agency_get,
    agency_list,
    category_list,
    location_get,
    location_list,
    pledge_list,
    service_get,
    service_list_popular,
    service_search,
)
from tests.conftest import data_queries, in_schema


def _keys(filters: ServiceFilters) -> list[str]:
    return [s.key for s in service_search(filters=filters)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # KTP-el is also a requirement of the SIM and the SKCK.
        ("ktp", ["ktp-el-baru", "sim-a-baru", "skck"]),
        ("e-KTP", ["ktp-el-baru", "sim-a-baru", "skck"]),
        ("KTP elektronik baru", ["ktp-el-baru", "sim-a-baru"]),
        ("akte kelahiran", ["akta-kelahiran"]),
        ("akta lahir", ["akta-kelahiran"]),
        ("surat ijin mengemudi", ["sim-a-baru"]),
        ("bidan", ["akta-kelahiran"]),  # a word of the requirements only
        ("psikologi", ["sim-a-baru"]),
        ("oss", ["nib-oss"]),
        ("kepolisian", ["sim-a-baru", "skck"]),  # the category
        ("SKCk", ["skck"]),
        ("kelahrian", ["akta-kelahiran"]),  # a typo
        ("psikolgi", ["sim-a-baru"]),
    ],
)
def test_search_finds_services_by_name_keyword_requirement_and_spelling(alpha, query, expected):
    with in_schema(alpha):
        assert sorted(_keys(ServiceFilters(query=query))) == sorted(expected)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "'; DROP TABLE tenants_app_service; --",
        "<script>alert(1)</script>",
        "a" * 5000,
        "%_\\",
        "ktp & | ! :* ()",
        "🙂🙂",
        "\x00",
    ],
)
def test_odd_search_input_answers_normally(alpha, query):
    with in_schema(alpha):
        keys = _keys(ServiceFilters(query=query))
        assert Service.objects.count() == 5
    assert isinstance(keys, list)
    if not query.strip() or query == "\x00":
        assert len(keys) == 5


def test_no_match_gives_an_empty_result(alpha):
    with in_schema(alpha):
        assert _keys(ServiceFilters(query="zzzzqqq")) == []


def test_names_rank_above_requirements(alpha):
    with in_schema(alpha):
        assert _keys(ServiceFilters(query="ktp"))[0] == "ktp-el-baru"


def test_when_not_every_word_matches_services_with_any_word_are_shown(alpha):
    with in_schema(alpha):
        assert sorted(_keys(ServiceFilters(query="skck hilang"))) == ["skck"]


def test_filters_by_agency_category_location_and_channel(alpha):
    with in_schema(alpha):
        assert sorted(_keys(ServiceFilters(agency="polres"))) == ["sim-a-baru", "skck"]
        assert _keys(ServiceFilters(category="perizinan")) == ["nib-oss"]
        assert _keys(ServiceFilters(location="gerai-desa-sukamaju")) == ["akta-kelahiran"]
        assert _keys(ServiceFilters(channel="external_online")) == ["nib-oss"]
        assert _keys(ServiceFilters(channel="bogus")) != []  # an unknown channel is ignored
        assert _keys(ServiceFilters(query="akta", location="gerai-desa-sukamaju")) == [
            "akta-kelahiran"
        ]


def test_inactive_services_and_agencies_are_hidden(alpha):
    with in_schema(alpha):
        Service.objects.filter(key="skck").update(is_active=False)
        Agency.objects.filter(key="dpmptsp").update(is_active=False)
        keys = _keys(ServiceFilters())
        assert "skck" not in keys
        assert "nib-oss" not in keys
        assert service_get(key="skck") is None
        assert agency_get(key="dpmptsp") is None


def test_search_is_isolated_between_regencies(alpha, beta):
    with in_schema(beta):
        assert _keys(ServiceFilters(query="ktp")) == [
            "pendaftaran-jkn"
        ]  # beta's own requirement text
        assert _keys(ServiceFilters(query="sim")) == []
        assert service_get(key="ktp-el-baru") is None
        assert agency_get(key="polres") is None
        assert location_get(key="gedung-mpp") is None
        assert [a.key for a in agency_list()] == ["bpjs-kesehatan"]
        assert [loc.key for loc in location_list()] == ["mpp-beta"]
        assert category_list() == []
        assert pledge_list() == []
        assert service_list_popular() == []
    with in_schema(alpha):
        assert _keys(ServiceFilters(query="jkn")) == []
        assert service_get(key="pendaftaran-jkn") is None


def test_service_get_loads_counters_and_locations_in_a_fixed_number_of_queries(alpha):
    with in_schema(alpha), CaptureQueriesContext(connection) as queries:
        service = service_get(key="akta-kelahiran")
        counters = [(c.code, c.location.name) for c in service.counters.all()]
        standard = service.current_standard.requirements
    assert counters == [("A1", "Gedung MPP Alpha"), ("D1", "Gerai Desa Sukamaju")]
    assert standard[0].startswith("Surat keterangan lahir")
    assert data_queries(queries) == 2


def test_normalisation_folds_spelling_variants():
    assert normalise("Akte Kelahiran, e-KTP & KK") == "akta lahir ktp kk"
    assert query_words("Surat Ijin Mengemudi!!") == ["sim"]
    assert query_words("akte kelahrian", vocabulary=frozenset({"akta", "lahir"})) == [
        "akta",
        "lahir",
    ]
    assert correct_words(["pasprt", "ktp"], frozenset({"paspor", "ktp", "baru"})) == [
        "paspor",
        "ktp",
    ]
    assert correct_words(["pas"], frozenset({"paspor"})) == [
        "pas"
    ]  # a prefix is kept for prefix search

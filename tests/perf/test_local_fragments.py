"""The process-local copy of fragments (satupintu.page_cache.LocalFragments) is bounded by bytes
as well as by count, so many regencies in turn keep what fits instead of cycling through a small
count (issue #15), and keys keep regencies apart."""

from __future__ import annotations

from satupintu.page_cache import LocalFragments


def test_the_oldest_entries_go_once_the_bytes_are_spent_and_a_used_one_stays():
    lru = LocalFragments(max_entries=1000, max_bytes=3 * 110)
    for name in ("a", "b", "c"):
        lru.put(("r_a", name), b"x" * 100)  # 100 bytes + key 4 = 104 each
    assert len(lru) == 3
    assert lru.get(("r_a", "a")) == b"x" * 100  # used: now the newest
    lru.put(("r_a", "d"), b"y" * 100)
    assert lru.get(("r_a", "b")) is None  # the least recently used went
    assert lru.get(("r_a", "a")) == b"x" * 100
    assert lru.size == 3 * 104


def test_replacing_an_entry_counts_its_bytes_once():
    lru = LocalFragments(max_entries=1000, max_bytes=1000)
    lru.put(("r_a", "k"), b"x" * 500)
    lru.put(("r_a", "k"), b"x" * 300)
    assert lru.size == 300 + 4
    lru.clear()
    assert lru.size == 0
    assert len(lru) == 0


def test_the_same_key_in_two_schemas_is_two_entries():
    lru = LocalFragments(max_entries=10, max_bytes=10_000)
    lru.put(("r_alpha", "menu:1"), b"alpha")
    lru.put(("r_beta", "menu:1"), b"beta")
    assert lru.get(("r_alpha", "menu:1")) == b"alpha"
    assert lru.get(("r_beta", "menu:1")) == b"beta"


def test_the_count_still_bounds_it():
    lru = LocalFragments(max_entries=2, max_bytes=None)
    for name in ("a", "b", "c"):
        lru.put(("r_a", name), b"x")
    assert len(lru) == 2
    assert lru.get(("r_a", "a")) is None

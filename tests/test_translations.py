"""The English catalogue is complete and its compiled file is the one committed."""

import shutil
import subprocess
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_the_committed_mo_file_matches_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(PO)], check=True)

    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes()


def test_every_message_has_an_english_translation():
    entries = PO.read_text().split("\n\n")[1:]
    untranslated = [
        e
        for e in entries
        if 'msgstr ""' in e and "msgstr[" not in e and e.strip().endswith('msgstr ""')
    ]
    fuzzy = [e for e in entries if "#, fuzzy" in e]

    assert untranslated == []
    assert fuzzy == []

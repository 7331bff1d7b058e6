"""The seed article cannot change without its sidecar: byte size and sha256 are pinned there and here."""

from __future__ import annotations

import hashlib
import json

import pytest

from dashboard_data.claims import find_dateline
from support import ROOT

SEED = ROOT / "seeds" / "000_dadec4a85cfbf35b.txt"
SIDECAR = ROOT / "seeds" / "000_dadec4a85cfbf35b.meta.json"
KNOWN_SHA256 = "cf72ae85aed3be5ef7dd67ceb96debbf4a6f5244e1d9ae4de250b66f4955a4d2"


@pytest.fixture(scope="module")
def sidecar() -> dict:
    return json.loads(SIDECAR.read_text(encoding="utf-8"))


def test_seed_bytes_match_the_sidecar(sidecar):
    data = SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == sidecar["sha256"]
    assert len(data) == sidecar["bytes"]


def test_sidecar_pins_the_known_hash(sidecar):
    assert sidecar["sha256"] == KNOWN_SHA256


def test_sidecar_describes_the_article(sidecar):
    assert sidecar["file"] == SEED.name
    assert sidecar["title"] == "Russia and Israel: Towards a pragmatic partnership"
    assert sidecar["publisher"] == "Euro-Asian Jewish Congress"
    assert sidecar["section"] == "Israel and the World"
    assert sidecar["original_url"] is None
    assert "original URL unknown" in sidecar["note"]
    SEED.read_bytes().decode(sidecar["encoding"])


def test_the_dateline_in_the_text_agrees_with_the_sidecar(sidecar):
    dateline = find_dateline(SEED.read_bytes().decode(sidecar["encoding"]), SEED.name)
    assert (dateline.date, dateline.section) == (sidecar["date"], sidecar["section"])

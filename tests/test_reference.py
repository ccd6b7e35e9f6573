"""The reference spec in the repository is the file its SOURCES.md names."""

from __future__ import annotations

import hashlib
import re

from tests.spec import SPEC_PATH


def test_the_spec_is_the_one_its_sources_name() -> None:
    sources = (SPEC_PATH.parent / "SOURCES.md").read_text(encoding="utf-8")
    named = re.search(r"SHA-256 \| `([0-9a-f]{64})`", sources)
    assert named is not None, "SOURCES.md names no SHA-256"
    assert hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest() == named[1]

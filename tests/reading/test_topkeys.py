"""The kind of a coprod file from its top-level keys, before parsing (reading/topkeys.py)."""

from __future__ import annotations

import pytest

from coprod_cli.reading.topkeys import EVIDENCE_KEYS, FRAMEWORK_KEYS, top_level_key


@pytest.mark.parametrize(
    ("text", "names", "found"),
    [
        ("unit:\n  name: W\n", EVIDENCE_KEYS, "unit"),
        ("\ufeff'unit': {name: W}\n", EVIDENCE_KEYS, "unit"),
        ('# a comment\n"extends" : rehab-recovery\n', FRAMEWORK_KEYS, "extends"),
        ("id: x\r\nlevels:\r\n", FRAMEWORK_KEYS, "levels"),
        ("  unit:\n", EVIDENCE_KEYS, None),  # indented: not at the top
        ("unit:name\n", EVIDENCE_KEYS, None),  # no space after ':': not a key
        ("# unit: W\n", EVIDENCE_KEYS, None),
        ("units:\n", EVIDENCE_KEYS, None),
    ],
)
def test_top_level_key(text: str, names: frozenset[str], found: str | None) -> None:
    assert top_level_key(text, names) == found

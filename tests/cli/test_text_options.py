"""Text given on the command line that goes into a file is refused at the door when the reader
would refuse the file written with it (issue 14, item 15): control characters, bidirectional
controls, bytes that are not UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCoprod

READER_WORDS = "contains a control character (U+{:04X}); remove it — it can hide or change text on screen"

BAD = ["Ward \x1b[2J", "Ward\u202eA", "Ward\x00", "Ward\x85", "Ward\u2066", "Ward \udcff"]


def _refused(value: str) -> str:
    return value.removeprefix("Ward").strip(" ")[0]


@pytest.mark.parametrize("value", BAD, ids=lambda v: f"U+{ord(_refused(v)):04X}")
@pytest.mark.parametrize(
    ("command", "option"),
    [
        (("init", "new.yaml", "--unit"), "--unit"),
        (("init", "new.yaml", "--unit", "Ward A", "--service"), "--service"),
        (("init", "new.yaml", "--unit", "Ward A", "--organisation"), "--organisation"),
        (("init", "new.yaml", "--unit", "Ward A", "--role", "carer", "--as"), "--as"),
        (("interview", "new.yaml", "--as"), "--as"),
        (("interview", "new.yaml", "--unit"), "--unit"),
    ],
    ids=lambda c: " ".join(c) if isinstance(c, tuple) else c,
)
def test_a_name_the_reader_would_refuse_is_refused_before_anything_is_written(
    command: tuple[str, ...],
    option: str,
    value: str,
    coprod: RunCoprod,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    run = coprod(*command, value)
    assert run.code == 2, run
    assert f"Invalid value for '{option}': {READER_WORDS.format(ord(_refused(value)))}" in run.stderr, run
    assert list(tmp_path.iterdir()) == []


def test_a_name_init_writes_is_one_validate_accepts(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "new.yaml"
    run = coprod("init", unit, "--unit", "Ward \u00e9 \u2014 \u0644 A\tB", "--no-schema")
    assert run.code == 0, run
    assert coprod("validate", unit).code == 0

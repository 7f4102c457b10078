"""``coprod init``: the unit's service and organisation go into the new file, quoted, and read back as given."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCoprod


def test_service_and_organisation_are_written_and_read_back(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    run = coprod(
        "init",
        path,
        "--unit",
        "Ward W",
        "--service",
        "Rehab: open",
        "--organisation",
        "Health Board #2",
        "--assessed-on",
        "2026-10-14",
    )
    assert run.code == 0, run
    assert (
        'unit:\n  name: "Ward W"\n  service: "Rehab: open"\n  organisation: "Health Board #2"\n'
        "framework: rehab-recovery\nassessed_on: 2026-10-14\n"
    ) in path.read_text(encoding="utf-8")
    result = json.loads(coprod("assess", path, "--format", "json").stdout)
    assert result["unit"] == {
        "name": "Ward W",
        "service": "Rehab: open",
        "organisation": "Health Board #2",
        "kind": None,
    }

"""coprod migrate: retire dropped targets, add new ones, keep every other byte."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from coprod_cli.model.json_schema import schema
from tests.conftest import EXAMPLES, RunCoprod

LOCAL = """\
id: local
version: 2.0.0
title: Local
extends: rehab-recovery
remove: [L1.buddy-system, L1.suggestion-boxes, E.payment-policy]
add:
  - {level: 2, id: L2.peer-support-workers, text: "Peer support workers employed on every ward", after: L2.team-building}
  - {level: 1, id: L1.first-thing, text: "A first thing", after: null}
"""

GOLDEN = Path(__file__).parent.parent / "golden" / "migrate"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "local.yaml").write_text(LOCAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy_example(folder: Path, name: str = "open-rehab-unit") -> Path:
    target = folder / "unit.yaml"
    target.write_bytes((EXAMPLES / f"{name}.yaml").read_bytes())
    return target


def only_moved_or_added(old: str, new: str, changed: set[str]) -> None:
    """Every line taken out of the old text is put back elsewhere, byte for byte, except ``changed``."""
    import difflib
    from collections import Counter

    diff = list(difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)))
    removed = Counter(line[2:] for line in diff if line.startswith("- "))
    added = Counter(line[2:] for line in diff if line.startswith("+ "))
    assert set((removed - added).elements()) == changed


def test_migrate_shows_a_diff_and_writes_nothing(coprod: RunCoprod, workspace: Path) -> None:
    unit = copy_example(workspace)
    before = unit.read_bytes()
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml")
    assert run.code == 0, run
    assert unit.read_bytes() == before
    expected = (GOLDEN / "open-rehab-unit.diff").read_text(encoding="utf-8")
    assert run.stdout == expected, "golden diff differs; if intended, rewrite tests/golden/migrate/open-rehab-unit.diff"
    assert (
        run.stderr
        == "unit.yaml: 3 retired, 3 added, 0 back from retired. Nothing was written; run again with --write to apply it.\n"
    )


def test_migrate_write_then_assess(coprod: RunCoprod, workspace: Path) -> None:
    unit = copy_example(workspace)
    old = unit.read_text(encoding="utf-8")
    old_result = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    assessed = coprod("assess", "unit.yaml", "--framework", "./local.yaml")
    assert assessed.code == 2
    assert "unknown target 'L1.buddy-system'" in assessed.stderr
    assert "run 'coprod migrate unit.yaml' to keep it under 'retired:'" in assessed.stderr
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    assert run.stderr == "Updated unit.yaml onto local 2.0.0: 3 retired, 3 added, 0 back from retired.\n"
    new = unit.read_text(encoding="utf-8")
    only_moved_or_added(old, new, {"framework: rehab-recovery\n"})
    assert [line for line in old.splitlines() if line.lstrip().startswith("#")] == [
        line
        for line in new.splitlines()
        if line.lstrip().startswith("#")
        and line.strip()
        not in {
            "# A first thing",
            "# Peer support workers employed on every ward",
            "# Service users and service providers jointly develop and deliver training",
            "# Targets the framework no longer has: kept for the record, not scored.",
        }
    ]
    result = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    assert result["framework"]["id"] == "local"
    assert {r["id"] for r in result["retired"]} == {"L1.buddy-system", "L1.suggestion-boxes", "E.payment-policy"}
    jsonschema.Draft202012Validator(schema("result")).validate(result)  # the schema describes 'retired'
    assert result["levels"][0]["counts"]["not-assessed"] == old_result["levels"][0]["counts"]["not-assessed"] + 1
    report = coprod("report", "unit.yaml")
    assert "## Retired targets" in report.stdout
    assert "| L1.buddy-system | Met |" in report.stdout
    again = coprod("migrate", "unit.yaml", "--write")
    assert again.code == 0
    assert again.stderr == "unit.yaml: already on local 2.0.0; nothing to change.\n"


def test_migrating_back_restores_retired_targets(coprod: RunCoprod, workspace: Path) -> None:
    unit = copy_example(workspace)
    original = unit.read_text(encoding="utf-8")
    assert coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write").code == 0
    back = coprod("migrate", "unit.yaml", "--to", "rehab-recovery", "--write")
    assert back.code == 0, back
    assert back.stderr == "Updated unit.yaml onto rehab-recovery 1.0.0: 2 retired, 0 added, 3 back from retired.\n"
    text = unit.read_text(encoding="utf-8")
    assert "retired:" in text  # the two local additions are kept under retired
    restored = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    (workspace / "again").mkdir()
    first = json.loads(coprod("assess", "--format", "json", copy_example(workspace / "again")).stdout)
    assert restored["levels"] == first["levels"]
    assert original.count("\n") < text.count("\n")


def test_crlf_and_byte_order_mark_are_kept(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    text = "unit:\n  name: W\nassessed_on: 2026-10-14\ntargets:\n  L1.buddy-system:\n    status: met\n    evidence: [{description: Rota}]\n"
    unit.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    data = unit.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfunit:\r\n  name: W\r\nframework: ./local.yaml\r\nassessed_on: 2026-10-14\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.endswith(
        b"retired:\r\n  L1.buddy-system:\r\n    status: met\r\n    evidence: [{description: Rota}]\r\n"
    )
    assert coprod("validate", "unit.yaml").code == 0


def test_flow_style_targets_are_refused_clearly(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text("unit: {name: W}\nassessed_on: 2026-10-14\ntargets: {L1.buddy-system: {status: met}}\n")
    before = unit.read_bytes()
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 2
    assert run.stderr == (
        "coprod: unit.yaml:3:10: migrate edits files written one entry a line, as 'coprod init' writes them; "
        "write 'targets:' that way (not as {…}) and run it again\n"
    )
    assert unit.read_bytes() == before


def test_an_invalid_file_is_not_migrated(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text("unit: {name: W}\nassessed_on: 2026-02-30\n")
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml")
    assert run.code == 2
    assert "unit.yaml:2:14: '2026-02-30' is not a real date" in run.stderr


def test_migrate_adds_missing_sections(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text("unit:\n  name: W\nassessed_on: 2026-10-14\n")
    run = coprod("migrate", "unit.yaml", "--write")
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert text.startswith("unit:\n  name: W\nframework: rehab-recovery\nassessed_on: 2026-10-14\ntargets:\n")
    assert text.count("status: not-assessed") == 34
    assert coprod("validate", "unit.yaml").code == 0


HEAD = "unit:\n  name: W\nassessed_on: 2026-10-14\n"


def test_a_section_not_at_the_start_of_a_line_is_refused(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text("{unit: {name: W}, assessed_on: 2026-10-14, targets: {L1.buddy-system: {status: met}}}\n")
    before = unit.read_bytes()
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 2, run
    assert run.stderr == "coprod: unit.yaml:1:44: 'targets' must start at the beginning of a line\n"
    assert unit.read_bytes() == before


@pytest.mark.parametrize("section", ["targets", "enablers"])
def test_an_empty_flow_section_is_refused_not_a_crash(coprod: RunCoprod, workspace: Path, section: str) -> None:
    # Entries appended under 'targets: {}' made unreadable YAML: migrate failed with an internal error.
    unit = workspace / "unit.yaml"
    unit.write_text(f"{HEAD}{section}: {{}}\n")
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 2, run
    assert run.stderr == (
        f"coprod: unit.yaml:4:{len(section) + 3}: migrate edits files written one entry a line, "
        f"as 'coprod init' writes them; write '{section}:' that way (not as {{…}}) and run it again\n"
    )


def test_an_empty_section_is_filled(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(f"{HEAD}targets:\nenablers:\n")
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert text.startswith(
        "unit:\n  name: W\nframework: ./local.yaml\nassessed_on: 2026-10-14\ntargets:\n"
        "  # All service users write their own care & activity plans\n"
        "  L1.own-care-plans:\n    status: not-assessed\n"
    )
    assert "\nenablers:\n  # A clear service ethos" in text
    assert coprod("validate", "unit.yaml").code == 0


def test_one_line_entries_are_moved_whole(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(f"{HEAD}targets:\n  L1.buddy-system: {{status: met}}\n  L1.own-care-plans: {{status: met}}\n")
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    assert run.stderr == "Updated unit.yaml onto local 2.0.0: 1 retired, 32 added, 0 back from retired.\n"
    text = unit.read_text(encoding="utf-8")
    assert "targets:\n  L1.own-care-plans: {status: met}\n  # Regular meetings" in text
    assert text.endswith("retired:\n  L1.buddy-system: {status: met}\n")
    assert coprod("validate", "unit.yaml").code == 0


def test_moved_entries_take_the_indent_of_where_they_go(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(
        f"{HEAD}targets:\n    L1.buddy-system:\n        status: met\n\n        evidence: [{{description: Rota}}]\n"
        "retired:\n  L2.peer-support-workers:\n    status: met\n    evidence: [{description: Peer rota}]\n"
    )
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    assert run.stderr == "Updated unit.yaml onto local 2.0.0: 1 retired, 32 added, 1 back from retired.\n"
    text = unit.read_text(encoding="utf-8")
    # Each block is shifted as a whole: its own lines keep their indent relative to its key, blank lines stay blank.
    assert (
        "    L2.team-building:\n        status: not-assessed\n"
        "    L2.peer-support-workers:\n      status: met\n      evidence: [{description: Peer rota}]\n"
    ) in text
    assert (
        "retired:\n  L1.buddy-system:\n      status: met\n\n      evidence: [{description: Rota}]\nenablers:\n" in text
    )
    assert coprod("validate", "unit.yaml").code == 0


def test_a_comment_after_the_framework_line_is_kept(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(f"{HEAD}framework: rehab-recovery  # the standard one\ntargets:\n")
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").startswith(f"{HEAD}framework: ./local.yaml  # the standard one\ntargets:\n")


@pytest.mark.parametrize(
    ("written", "becomes"),
    [
        ('framework: "rehab-recovery"  # the standard one\n', "framework: ./local.yaml  # the standard one\n"),
        (
            "framework: 'rehab-recovery'   # it's the standard one\n",
            "framework: ./local.yaml  # it's the standard one\n",
        ),
        ("framework:\n  rehab-recovery\n", "framework: ./local.yaml\n"),
        ("framework:\n  rehab-recovery  # below its key\n", "framework: ./local.yaml  # below its key\n"),
        ('framework: "rehab-\n  recovery"\n', "framework: ./local.yaml\n"),
    ],
    ids=["double-quoted", "single-quoted", "value-below", "value-below-with-comment", "quoted-over-two-lines"],
)
def test_the_framework_line_is_rewritten_whole(coprod: RunCoprod, workspace: Path, written: str, becomes: str) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(f"{HEAD}{written}targets:\n")
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").startswith(f"{HEAD}{becomes}targets:\n")
    assert coprod("validate", "unit.yaml").code == 0


@pytest.mark.parametrize("written", ['framework: "rehab-recovery"  # ours\n', "framework:\n  rehab-recovery\n"])
def test_a_framework_line_already_right_stays_as_written(coprod: RunCoprod, workspace: Path, written: str) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(f"{HEAD}{written}targets:\n  L1.buddy-system:\n    status: met\n")
    run = coprod("migrate", "unit.yaml", "--to", "rehab-recovery")
    assert run.code == 0, run
    assert f"-{written.splitlines()[0]}" not in run.stdout


def test_a_target_both_current_and_retired_is_refused(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(
        f"{HEAD}targets:\n  L1.buddy-system:\n    status: met\nretired:\n  L1.buddy-system:\n    status: met\n"
    )
    before = unit.read_bytes()
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 2, run
    assert run.stderr == (
        "coprod: unit.yaml: 'L1.buddy-system' is both under 'targets' and under 'retired'; keep one of them and run again\n"
    )
    assert unit.read_bytes() == before


def test_retired_goes_when_everything_in_it_is_back(coprod: RunCoprod, workspace: Path) -> None:
    unit = workspace / "unit.yaml"
    unit.write_text(f"{HEAD}framework: ./local.yaml\nretired:\n  L1.buddy-system:\n    status: met\n")
    run = coprod("migrate", "unit.yaml", "--to", "rehab-recovery", "--write")
    assert run.code == 0, run
    assert run.stderr == "Updated unit.yaml onto rehab-recovery 1.0.0: 0 retired, 33 added, 1 back from retired.\n"
    text = unit.read_text(encoding="utf-8")
    assert "retired" not in text
    assert "  L1.carer-perspective-ctp:\n    status: not-assessed\n  L1.buddy-system:\n    status: met\n" in text
    assert coprod("validate", "unit.yaml").code == 0


def test_check_result_calls_unreadable_output_a_bug() -> None:
    from coprod_cli.editing.migrate import Migration, check_result

    good = Migration("a: 1\n", "\ufeffa: 2\n", (), (), (), "x")
    check_result(good, "unit.yaml")
    bad = Migration("a: 1\n", "a: 1\n  b: [\n", (), (), (), "x")
    with pytest.raises(RuntimeError, match=r"^migrate produced unreadable YAML at line \d+$"):
        check_result(bad, "unit.yaml")

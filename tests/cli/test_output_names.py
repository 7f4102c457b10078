"""Through the real command: an output is written only under a name that says what it holds, and
never over a unit's evidence file or a framework file (issue 15, item 13).

``report -o x.pdf`` wrote markdown under a PDF's name, and ``report --force -o other-unit.yaml``
replaced another unit's evidence file.  An evidence or framework file is known by what it holds,
not by its name, and is refused by every command that writes an output, even with --force.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCoprod

REPORT_NAMES = ".html, .htm, .md, .markdown or .csv"
SUMMARY_NAMES = ".html, .htm, .md, .markdown, .txt, .json or .csv"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    run_init = ("--assessed-on", "2026-10-14", "--no-schema")
    from typer.testing import CliRunner

    from coprod_cli.cli.app import app

    for name, unit in (("u.yaml", "Ward U"), ("other-unit.yaml", "Ward O")):
        done = CliRunner().invoke(app, ["init", name, "--unit", unit, *run_init])
        assert done.exit_code == 0, done.output
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("report", "u.yaml", "-o", "gap.pdf"),
            f"gap.pdf: coprod does not write '.pdf' files; give a name ending in {REPORT_NAMES}, such as gap.md",
        ),
        (
            ("report", "u.yaml", "--format", "html", "-o", "gap.docx"),
            f"gap.docx: coprod does not write '.docx' files; give a name ending in {REPORT_NAMES}, such as gap.md",
        ),
        (
            ("report", "u.yaml", "-o", "gap.txt", "--force"),
            f"gap.txt: coprod does not write '.txt' files; give a name ending in {REPORT_NAMES}, such as gap.md",
        ),
        (
            ("summary", "u.yaml", "-o", "board.PDF"),
            f"board.PDF: coprod does not write '.PDF' files; give a name ending in {SUMMARY_NAMES}, such as board.txt",
        ),
    ],
)
def test_an_output_name_coprod_does_not_write_is_refused(
    coprod: RunCoprod, folder: Path, args: tuple[str, ...], message: str
) -> None:
    before = sorted(p.name for p in folder.iterdir())
    run = coprod(*args)
    assert (run.code, run.stdout, run.stderr) == (2, "", f"coprod: {message}\n"), run
    assert sorted(p.name for p in folder.iterdir()) == before, "nothing was written"


def test_a_name_without_a_suffix_is_written_as_asked(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("report", "u.yaml", "--format", "html", "-o", "gap-report")
    assert run.code == 0, run
    assert (folder / "gap-report").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


EVIDENCE = "coprod: {out}: is an evidence file (it has 'unit:' at the top); "
FRAMEWORK = "coprod: {out}: is a framework file (it has 'id:' and 'levels:' at the top); "
NEVER = "coprod never writes over an evidence or framework file, even with --force — choose another output name\n"

WRITERS = {
    "report": ("report", "u.yaml"),
    "report --style easy-read": ("report", "u.yaml", "--style", "easy-read"),
    "summary": ("summary", "u.yaml"),
    "compare": ("compare", "u.yaml", "u.yaml"),
    "merge": ("merge", "u.yaml", "u.yaml"),
    "schema": ("schema", "evidence"),
}
TARGETS = {
    "another unit's file": ("other-unit.yaml", None, EVIDENCE),
    "an evidence file named .md": ("notes.md", "other-unit.yaml", EVIDENCE),
    "a half-written evidence file": ("half.yaml", "# ours\nunit:\n  name: Ward H\ntargets: [\n", EVIDENCE),
    "a framework file": (
        "ours.md",
        'id: ours\nversion: "1.0.0"\ntitle: Ours\nlevels:\n  - {number: 1, title: One, targets: []}\n',
        FRAMEWORK,
    ),
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("command", WRITERS)
def test_no_command_writes_over_an_evidence_or_framework_file(
    coprod: RunCoprod, folder: Path, command: str, target: str
) -> None:
    name, content, message = TARGETS[target]
    out = folder / name
    if content is not None and content.endswith(".yaml"):
        out.write_bytes((folder / content).read_bytes())
    elif content is not None:
        out.write_text(content, encoding="utf-8")
    before = out.read_bytes()
    run = coprod(*WRITERS[command], "-o", name, "--force")
    assert (run.code, run.stderr) == (2, message.format(out=name) + NEVER), run
    assert out.read_bytes() == before

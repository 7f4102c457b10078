"""Rewrite the expected messages of the test corpus from what coprod prints now.

Run from anywhere: ``python scripts/regen_corpus.py``.  It rewrites
``tests/data/invalid/*.stderr`` and the ``.stderr`` of valid files that already have
one (files expected to warn), and beside each its Welsh twin ``CASE.cy.stderr``: what
``coprod validate --lang cy`` prints.  Read ``git diff tests/data`` afterwards: every changed
line is a message users will see, and each one must still be right, in both languages.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typer.testing import CliRunner

from coprod_cli import i18n
from coprod_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def _args(case: Path) -> list[str]:
    extra = case.with_suffix(".args")
    if not extra.exists():
        return []
    return [line.strip() for line in extra.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    os.chdir(ROOT)
    runner = CliRunner()
    changed = 0
    cases = sorted((DATA / "invalid").glob("*.yaml"))
    cases += [c for c in sorted((DATA / "valid").glob("*.yaml")) if c.with_suffix(".stderr").exists()]
    for case in cases:
        shown = case.relative_to(ROOT).as_posix()
        for language, suffix in (("en", ".stderr"), ("cy", ".cy.stderr")):
            result = runner.invoke(app, ["validate", "--lang", language, *_args(case), shown])
            i18n.choose(None)  # as a new process would start: the next run chooses its own language
            target = case.with_suffix(suffix)
            if not target.exists() or target.read_bytes() != result.stderr.encode("utf-8"):
                target.write_bytes(result.stderr.encode("utf-8"))
                changed += 1
                print(f"wrote {target.relative_to(ROOT)}")
    print(f"{len(cases)} cases checked in English and Welsh, {changed} files rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())

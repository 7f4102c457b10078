"""Rewrite the expected outputs of ``coprod framework diff`` from what coprod prints now.

Run from anywhere: ``python scripts/regen_framework_diffs.py``.  For each
``tests/frameworks/<name>.diff.txt`` it rewrites that file and ``<name>.diff.json`` (English),
and their Welsh twins ``<name>.diff.cy.txt`` and ``<name>.diff.cy.json`` (``--lang cy``).
Read ``git diff tests/frameworks`` afterwards: every changed line is text people will read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typer.testing import CliRunner

from coprod_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "tests" / "frameworks"
OUTPUTS = {  # file suffix: extra arguments
    ".diff.txt": [],
    ".diff.json": ["--format", "json"],
    ".diff.cy.txt": ["--lang", "cy"],
    ".diff.cy.json": ["--format", "json", "--lang", "cy"],
}


def main() -> int:
    os.chdir(ROOT)
    runner = CliRunner()
    changed = 0
    for case in sorted(FRAMEWORKS.glob("*.diff.txt")):
        name = case.name.removesuffix(".diff.txt")
        for suffix, extra in OUTPUTS.items():
            args = ["framework", "diff", "tests/frameworks/base.yaml", f"tests/frameworks/{name}.yaml", *extra]
            result = runner.invoke(app, args)
            if result.exit_code != 0:
                print(f"{name}{suffix}: exit {result.exit_code}\n{result.stderr}", file=sys.stderr)
                return 1
            target = FRAMEWORKS / f"{name}{suffix}"
            if not target.exists() or target.read_bytes() != result.stdout.encode("utf-8"):
                target.write_bytes(result.stdout.encode("utf-8"))
                print(f"wrote {target.relative_to(ROOT)}")
                changed += 1
    print(f"{changed} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

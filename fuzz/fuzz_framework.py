"""Coverage-guided fuzzing of framework files with atheris: lint, tailoring and scoring.

Each input is written as a framework file beside a copy of ``tests/frameworks/base.yaml``
(so ``extends: ../base.yaml`` and the built-in ids both resolve), then linted as
``coprod framework check`` does; a file that passes is loaded, tailoring and all, and an
example unit is scored against it. Every input must end there or in a clean
``InputError``/``UsageError``; anything else is a finding.

    python -m pip install atheris
    python fuzz/fuzz_framework.py frameworks tests/frameworks -max_total_time=60 -rss_limit_mb=300 -timeout=5
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from coprod_cli.errors import InputError, UsageError
    from coprod_cli.framework import load as frameworks
    from coprod_cli.framework import read as framework_files
    from coprod_cli.framework.lint import check_file
    from coprod_cli.reading.yamlread import read_document
    from coprod_cli.scoring.check import cross_check_document
    from coprod_cli.scoring.score import score

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="coprod-fuzz-"))
(WORK / "base.yaml").write_bytes((ROOT / "tests" / "frameworks" / "base.yaml").read_bytes())
(WORK / "fw").mkdir()
FILE = WORK / "fw" / "framework.yaml"
UNIT, _ = read_document(ROOT / "examples" / "open-rehab-unit.yaml", "unit.yaml")


def test_one_input(data: bytes) -> None:
    # Parsed frameworks are kept per process by content; here every input is new content.
    framework_files._PARSED.clear()
    frameworks._RESOLVED.clear()
    FILE.write_bytes(data[: 256 * 1024])
    found = check_file(FILE, "framework.yaml")
    for problem in found.problems:
        assert problem.line >= 0, problem
        assert problem.column >= 0, problem
        assert problem.message, problem
    if found.framework is None or found.problems:
        return
    with contextlib.suppress(InputError, UsageError):
        score(cross_check_document(UNIT, frameworks.load_framework(FILE, "framework.yaml")))


def main() -> None:
    atheris.Setup([sys.argv[0], *sys.argv[1:]], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__" and Path(__file__).is_file():
    main()

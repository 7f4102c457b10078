"""Coverage-guided fuzzing of coprod's reader with atheris.

Every input must end in a parsed, scored assessment or a clean ``InputError``, in English and in
Welsh (the input's last bit chooses); anything else (another exception, a hang, a memory blow-up)
is a finding.

    python -m pip install atheris
    python fuzz/fuzz_reader.py tests/data/valid tests/data/invalid -max_total_time=60 -rss_limit_mb=300 -timeout=5

``.ci/run`` runs it for a bounded time when atheris installs, and says so when it does not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from coprod_cli import i18n
    from coprod_cli.errors import InputError
    from coprod_cli.framework.load import load_framework
    from coprod_cli.framework.resolve import builtin_frameworks
    from coprod_cli.reading.textfile import decode
    from coprod_cli.reading.yamlread import parse_text
    from coprod_cli.scoring.check import cross_check_document
    from coprod_cli.scoring.score import score

FRAMEWORK = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery")


def test_one_input(data: bytes) -> None:
    try:
        with i18n.speaking("cy" if data[-1:] and data[-1] & 1 else "en"):
            doc = parse_text(decode(data[: 1024 * 1024], "fuzz.yaml"), "fuzz.yaml")
            assessment = cross_check_document(doc, FRAMEWORK)
            score(assessment)
    except InputError as e:
        for problem in e.problems():
            assert problem.line >= 0, problem
            assert problem.column >= 0, problem
            assert problem.message, problem


def main() -> None:
    atheris.Setup([sys.argv[0], *sys.argv[1:]], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__" and Path(__file__).is_file():
    main()

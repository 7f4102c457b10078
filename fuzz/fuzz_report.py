"""Coverage-guided fuzzing of every report coprod renders from an evidence file, with atheris.

An input that reads and scores against the built-in framework is rendered as the JSON
result, the markdown report, the easy-read markdown and both HTML pages, and each is put
through the output privacy guard, as ``coprod report`` does. A clean ``InputError`` from the
reader or the guard is an answer; any other exception is a finding.

    python -m pip install atheris
    python fuzz/fuzz_report.py tests/data/valid examples -max_total_time=60 -rss_limit_mb=300 -timeout=5
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from coprod_cli.errors import InputError
    from coprod_cli.framework.load import load_framework
    from coprod_cli.framework.resolve import builtin_frameworks
    from coprod_cli.privacy.guard import check_output
    from coprod_cli.reading.textfile import decode
    from coprod_cli.reading.yamlread import parse_text
    from coprod_cli.reports import easy_read
    from coprod_cli.reports import html_report as report_html
    from coprod_cli.reports import json_result as render_json
    from coprod_cli.reports import markdown_report as report
    from coprod_cli.scoring.check import cross_check_document
    from coprod_cli.scoring.score import score

FRAMEWORK = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery")
HERE = Path(__file__).resolve().parent


def test_one_input(data: bytes) -> None:
    try:
        doc = parse_text(decode(data[: 256 * 1024], "fuzz.yaml"), "fuzz.yaml")
        result = score(cross_check_document(doc, FRAMEWORK))
    except InputError:
        return
    render_json.dumps(render_json.result_dict(result))
    pages = (
        report.render(result),
        easy_read.render_markdown(result),
        report_html.render(result, "standard"),
        report_html.render(result, "easy-read"),
    )
    for page in pages:
        with contextlib.suppress(InputError):
            check_output(page, "the report", HERE, result.waived_keys)


def main() -> None:
    atheris.Setup([sys.argv[0], *sys.argv[1:]], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__" and Path(__file__).is_file():
    main()

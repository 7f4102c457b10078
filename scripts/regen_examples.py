"""Regenerate the example reports and the golden test files from the current code.

Run it from anywhere in a checkout (it works from the repository root either way)::

    python scripts/regen_examples.py          # rewrite every generated file
    python scripts/regen_examples.py --check  # change nothing; exit 1 if any file is out of date

It rewrites:

- ``examples/<name>.report.md`` for every ``examples/<name>.yaml``: exactly what
  ``coprod report examples/<name>.yaml -o examples/<name>.report.md`` writes;
- ``tests/golden/<name>.report.md`` and ``tests/golden/<name>.json`` for every evidence
  file ``tests/golden/<name>.yaml`` (framework files there, those with a top-level
  ``levels:`` key, are skipped): what ``coprod report tests/golden/<name>.yaml`` and
  ``coprod assess tests/golden/<name>.yaml --format json`` print;
- ``tests/golden/html/``: the HTML and easy-read reports of ``HTML_CASES``, the HTML report
  of ``SINCE_CASES`` with its baseline (``coprod report UNIT --baseline OLD``), and the HTML
  service summary of ``SUMMARY_CASES`` (``coprod summary PATH --format html``);
- the Welsh twin of every unit report above (``--lang cy``), named with ``.cy`` before its
  extension (``<name>.report.cy.md``, ``<name>.cy.html``, ``<name>.easy-read.cy.md``…), and
  ``examples/<name>.report.cy.md`` for each of ``WELSH_EXAMPLES``;
- the bilingual markdown and HTML reports of ``BILINGUAL_CASE`` (``--lang cy+en``), as
  ``tests/golden/html/<name>.cy+en.md`` and ``.cy+en.html``.

Paths are given relative to the repository root, as the commands above spell them,
because the outputs name the file they were made from. It uses the coprod library
in-process (the same loader, scorer and renderers the CLI calls), so run it in the
environment where coprod is installed. ``tests/test_examples.py`` and
``tests/test_golden.py`` fail, naming this script, when a committed file differs.

After changing the scorer, the template or the framework, run it and read the diff:
every change in a generated file should be one you meant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import yaml

from coprod_cli import i18n
from coprod_cli.editing.writer import write_text
from coprod_cli.errors import InputError
from coprod_cli.reports import easy_read
from coprod_cli.reports import html_report as report_html
from coprod_cli.reports.bilingual import Form, in_chosen_languages
from coprod_cli.reports.json_result import dumps, result_dict
from coprod_cli.reports.markdown_report import render
from coprod_cli.rollup.compare import since_from_file
from coprod_cli.rollup.summary import summarise
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import score

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path("examples")
GOLDEN = Path("tests/golden")
GOLDEN_HTML = GOLDEN / "html"
HTML_CASES = {"open-rehab-unit": EXAMPLES / "open-rehab-unit.yaml", "escaping": GOLDEN / "escaping.yaml"}
"""Units whose HTML and easy-read reports are kept as golden files (tests/test_html.py)."""
SINCE_CASES = {"six-voices.since": (GOLDEN / "coassess/six-voices.yaml", GOLDEN_HTML / "six-voices.before.yaml")}
"""HTML reports made with a baseline: (the unit, its earlier assessment), by the name of the file."""
SUMMARY_CASES = {"summary-examples": (EXAMPLES,), "summary-mixed": (GOLDEN / "summary/mixed",)}
"""HTML service summaries: the paths given to ``coprod summary``, by the name of the file."""
WELSH = "cy"
WELSH_EXAMPLES = ("open-rehab-unit",)
"""Examples whose report is also kept in Welsh, as ``coprod report examples/<name>.yaml --lang cy`` writes it."""
BILINGUAL_CASE = "open-rehab-unit"
"""The unit (of ``HTML_CASES``) whose bilingual reports (``--lang cy+en``) are kept as golden files."""


def in_language(choice: str, make: Callable[[], str], form: Form = "markdown") -> str:
    """What ``make`` writes when the command is given ``--lang choice``."""
    i18n.choose(i18n.CHOICES[choice])
    try:
        return in_chosen_languages(make, form)
    finally:
        i18n.choose(None)


def welsh(path: Path) -> Path:
    """The name of a file's Welsh twin: ``x.report.md`` → ``x.report.cy.md``."""
    return path.with_name(f"{path.stem}.{WELSH}{path.suffix}")


def is_framework_file(path: Path) -> bool:
    """A framework file has a top-level ``levels:`` key; evidence files never do."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(data, dict) and "levels" in data


def evidence_files(folder: Path) -> list[Path]:
    """The evidence files in ``folder`` (relative to the repository root), sorted."""
    return [p for p in sorted(folder.glob("*.yaml")) if not is_framework_file(p)]


def outputs() -> Iterator[tuple[Path, Path, str]]:
    """Every generated file as (source, output, expected text)."""
    for source in evidence_files(EXAMPLES):
        result = score(load_evidence(source, str(source)))
        yield source, source.with_suffix(".report.md"), render(result)
        if source.stem in WELSH_EXAMPLES:
            yield source, welsh(source.with_suffix(".report.md")), in_language(WELSH, partial(render, result))
    for source in evidence_files(GOLDEN):
        result = score(load_evidence(source, str(source)))
        yield source, source.with_suffix(".report.md"), render(result)
        yield source, welsh(source.with_suffix(".report.md")), in_language(WELSH, partial(render, result))
        yield source, source.with_suffix(".json"), dumps(result_dict(result))
    for name, source in HTML_CASES.items():
        result = score(load_evidence(source, str(source)))
        yield source, GOLDEN_HTML / f"{name}.html", report_html.render(result)
        yield source, GOLDEN_HTML / f"{name}.easy-read.html", report_html.render(result, "easy-read")
        yield source, GOLDEN_HTML / f"{name}.easy-read.md", easy_read.render_markdown(result)
        yield (
            source,
            GOLDEN_HTML / f"{name}.{WELSH}.html",
            in_language(WELSH, partial(report_html.render, result), "html"),
        )
        yield (
            source,
            GOLDEN_HTML / f"{name}.easy-read.{WELSH}.html",
            in_language(WELSH, partial(report_html.render, result, "easy-read"), "html"),
        )
        yield (
            source,
            GOLDEN_HTML / f"{name}.easy-read.{WELSH}.md",
            in_language(WELSH, partial(easy_read.render_markdown, result)),
        )
        if name == BILINGUAL_CASE:
            yield source, GOLDEN_HTML / f"{name}.cy+en.md", in_language("cy+en", partial(render, result))
            yield (
                source,
                GOLDEN_HTML / f"{name}.cy+en.html",
                in_language("cy+en", partial(report_html.render, result), "html"),
            )
    for name, (source, baseline) in SINCE_CASES.items():
        result = score(load_evidence(source, str(source)))
        since = since_from_file(baseline, result)
        yield source, GOLDEN_HTML / f"{name}.html", report_html.render(result, since=since)
        yield (
            source,
            GOLDEN_HTML / f"{name}.{WELSH}.html",
            in_language(WELSH, partial(report_html.render, result, since=since), "html"),
        )
    for name, paths in SUMMARY_CASES.items():
        yield paths[0], GOLDEN_HTML / f"{name}.html", report_html.render_summary(summarise(paths))


def orphans(made: set[Path]) -> list[Path]:
    """Generated-looking files whose evidence file is gone."""
    found = [*EXAMPLES.glob("*.report.md"), *GOLDEN.glob("*.report.md"), *GOLDEN.glob("*.json")]
    found += [*EXAMPLES.glob(f"*.report.{WELSH}.md"), *GOLDEN.glob(f"*.report.{WELSH}.md")]
    found += [*GOLDEN_HTML.glob("*.html"), *GOLDEN_HTML.glob("*.md")]  # its *.yaml are inputs
    return sorted(p for p in found if p not in made)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    made: set[Path] = set()
    stale: list[Path] = []
    try:
        for source, output, text in outputs():
            made.add(output)
            current = output.read_text(encoding="utf-8") if output.exists() else None
            if current == text:
                continue
            stale.append(output)
            if not args.check:
                write_text(output, text, inputs=[source], force=True)
                print(f"wrote {output}")
    except InputError as e:
        for problem in e.problems():
            print(problem.render(), file=sys.stderr)
        print("regen: fix the input files above and run again; nothing more was written", file=sys.stderr)
        return 2
    for path in orphans(made):
        print(f"note: {path} has no evidence file beside it any more; delete it if it is no longer wanted")
    if args.check:
        for path in stale:
            print(f"out of date: {path}")
        if stale:
            print("run: python scripts/regen_examples.py")
            return 1
    print(f"{len(made)} generated files checked, {len(stale)} {'out of date' if args.check else 'rewritten'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

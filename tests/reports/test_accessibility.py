"""Accessibility, tested in a real browser: every HTML page in headless Chromium, checked by axe-core.

For every example and golden unit, in both styles (standard and easy-read), the report is
opened from a file in Debian's Chromium driven by Playwright (the system browser: a browser
download is not possible), axe-core is injected and run over it with the WCAG 2.0 and 2.1
A and AA rules, and no violation is allowed. The page must also load nothing from anywhere
(every request other than the file itself is refused and counted), fit the width of an A4
page when printed, and the easy-read style must use large type. The same holds for a
co-assessed unit reported with a baseline (every section the reports can have) and for the
service summaries (``coprod summary --format html``), whose units × targets heatmap may be
printed on A4 landscape: what is marked to print so must fit that page's width.

A full-page screenshot of each report, and a PDF of each printed, is saved under
``test-artifacts/screenshots/`` (or ``$COPROD_ARTIFACTS``) for people to look at.

What it needs, and where it looks (the tests are skipped, saying which is missing, without):

- Chromium: ``$COPROD_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on the PATH
  (Debian: ``apt-get install chromium``);
- Playwright for Python (``pip install playwright``; never ``playwright install``);
- axe-core's ``axe.min.js``: ``$AXE_CORE_JS``, else ``node_modules/axe-core/axe.min.js`` in
  the repository, the temporary folder, or ``axe/`` in the temporary folder
  (``npm install --prefix DIR axe-core@4``). ``.ci/a11y-setup.sh`` installs all three.

With ``COPROD_A11Y_REQUIRED=1`` a missing piece fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from coprod_cli import i18n
from coprod_cli.reports import html_report as report_html
from coprod_cli.reports.bilingual import in_chosen_languages
from tests.conftest import ROOT
from tests.reports.test_html import SIX_VOICES, SUMMARY_CASES, UNITS, _units, result_for, since_for, summary_for

STYLES = ("standard", "easy-read")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
A4_CONTENT_PX = 658
"""The width inside A4's 18 mm margins (210 − 36 mm) at 96 pixels an inch."""
A4_LANDSCAPE_PX = 1031
"""The width inside the 12 mm margins of the summary's landscape pages (297 − 24 mm)."""
WIDEST_JS = """
(wide) => Math.max(0, ...[...document.querySelectorAll("main *")]
  .filter(e => (e.closest("section.wide") !== null) === wide)
  .map(e => Math.ceil(e.getBoundingClientRect().right)))
"""
"""The right edge of the page's content that prints on landscape pages (``wide``) or on portrait ones."""
EASY_READ_MIN_PX = 18.0
SMALLEST_TEXT_JS = """
() => {
  const sizes = [...document.querySelectorAll("main *")]
    .filter(e => !e.closest("svg") && [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim()))
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  return Math.min(...sizes);
}
"""
"""The smallest type of any text on the page (the charts' own labels aside: they scale with the chart)."""


def chromium_path() -> Path | None:
    for candidate in (os.environ.get("COPROD_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def npm_script(variable: str, *inside: str) -> Path | None:
    """A browser script from an npm package: ``$variable`` if set, else ``node_modules/<inside>``
    in the repository, the temporary folder, or ``axe/`` in it (where ``.ci/a11y-setup.sh`` puts them)."""
    given = os.environ.get(variable)
    if given:
        return Path(given) if Path(given).is_file() else None
    tmp = Path(tempfile.gettempdir())
    for folder in (ROOT, tmp, tmp / "axe"):
        candidate = folder.joinpath("node_modules", *inside)
        if candidate.is_file():
            return candidate
    return None


def axe_path() -> Path | None:
    return npm_script("AXE_CORE_JS", "axe-core", "axe.min.js")


def artifacts() -> Path:
    folder = Path(os.environ.get("COPROD_ARTIFACTS") or ROOT / "test-artifacts") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _missing(reason: str) -> NoReturn:
    """Skip, saying what is missing; or fail, where CI requires these tests to run."""
    if os.environ.get("COPROD_A11Y_REQUIRED") == "1":
        pytest.fail(f"{reason}; COPROD_A11Y_REQUIRED=1 requires the browser tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        _missing("Chromium not found (set COPROD_CHROMIUM, or apt-get install chromium; see .ci/a11y-setup.sh)")
    if axe_path() is None:
        given = os.environ.get("AXE_CORE_JS")
        where = f"AXE_CORE_JS={given} is not a file" if given else "axe-core not found"
        _missing(f"{where} (npm install --prefix DIR axe-core@4, then set AXE_CORE_JS; see .ci/a11y-setup.sh)")
    try:
        from playwright import sync_api
    except ImportError:
        _missing("Playwright for Python is not installed (pip install playwright; never 'playwright install')")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _violations_text(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} — {v.get('helpUrl', '')}")
        for node in v["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.extend(f"      {line}" for line in (node.get("failureSummary") or "").splitlines())
    return "\n".join(lines)


def _slug(relative: str) -> str:
    return relative.removesuffix(".yaml").replace("/", "-")


def _check_page(browser: Any, tmp_path: Path, name: str, html: str, *, easy_read: bool = False) -> bytes:
    """Open ``html`` in Chromium, run axe-core over it and check how it prints; returns the page as PDF."""
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(html, encoding="utf-8")
    refused: list[str] = []
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    try:

        def refuse(route: Any) -> None:
            url = route.request.url
            if url == page_file.as_uri():
                route.continue_()
            else:
                refused.append(url)
                route.abort()

        context.route("**/*", refuse)
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert not refused, f"the page tried to load: {refused}"
        page.add_script_tag(path=str(axe_path()))
        results = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        violations = results["violations"]
        shot = artifacts() / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        body_px = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
        smallest_text = float(page.evaluate(SMALLEST_TEXT_JS))
        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_CONTENT_PX, "height": 900})
        print_width = int(page.evaluate(WIDEST_JS, False))
        if not page.evaluate("document.querySelector('section.wide') !== null"):
            print_width = max(print_width, int(page.evaluate("document.documentElement.scrollWidth")))
        page.set_viewport_size({"width": A4_LANDSCAPE_PX, "height": 900})
        landscape_width = int(page.evaluate(WIDEST_JS, True))
        pdf = page.pdf(path=str(shot.with_suffix(".pdf")), prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    assert not violations, f"axe-core found WCAG 2.1 AA violations in {name}:\n" + _violations_text(violations)
    if easy_read:
        assert body_px >= EASY_READ_MIN_PX, f"easy-read type is {body_px}px; it must be at least {EASY_READ_MIN_PX}px"
        assert smallest_text >= EASY_READ_MIN_PX, f"some easy-read text is only {smallest_text}px"
    assert print_width <= A4_CONTENT_PX, f"printed on A4 {name} is {print_width}px wide; it must fit {A4_CONTENT_PX}px"
    assert landscape_width <= A4_LANDSCAPE_PX, (
        f"printed on A4 landscape {name} is {landscape_width}px wide; it must fit {A4_LANDSCAPE_PX}px"
    )
    assert not refused, f"the page tried to load: {refused}"
    return bytes(pdf)


def _page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points, from the PDF's media boxes."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("relative", UNITS)
def test_report_has_no_wcag_violations(browser: Any, tmp_path: Path, relative: str, style: str) -> None:
    html = report_html.render(result_for(relative), style)
    _check_page(browser, tmp_path, f"{_slug(relative)}.{style}", html, easy_read=style == "easy-read")


@pytest.mark.parametrize("style", STYLES)
def test_co_assessed_report_with_a_baseline_has_no_wcag_violations(browser: Any, tmp_path: Path, style: str) -> None:
    """Every section a report can have: since the last assessment, the ladder, every voice, sign-off, quality."""
    result, since = since_for()
    html = report_html.render(result, style, since=since)
    _check_page(browser, tmp_path, f"{_slug(SIX_VOICES)}.since.{style}", html, easy_read=style == "easy-read")


@pytest.mark.parametrize("name", ["actions.easy-read.html", "actions.easy-read.cy+en.html"])
def test_easy_read_since_last_time_has_no_wcag_violations(browser: Any, tmp_path: Path, name: str) -> None:
    """The easy-read report with --baseline: "Since last time" with every list of jobs (tests/reports/test_easy_since.py)."""
    html = (ROOT / "tests" / "golden" / "compare" / name).read_text(encoding="utf-8")
    _check_page(browser, tmp_path, name.removesuffix(".html"), html, easy_read=True)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("choice", ["cy", "cy+en"])
def test_welsh_and_bilingual_reports_have_no_wcag_violations(
    browser: Any, tmp_path: Path, choice: str, style: str
) -> None:
    """The report in Welsh, and in Welsh and English side by side (each half marked with its
    ``lang``, every id unique), with every section a report can have."""
    result, since = since_for()
    i18n.choose(i18n.CHOICES[choice])
    try:
        html = in_chosen_languages(lambda: report_html.render(result, style, since=since), "html")
    finally:
        i18n.choose(None)
    name = f"{_slug(SIX_VOICES)}.since.{style}.{choice}"
    _check_page(browser, tmp_path, name, html, easy_read=style == "easy-read")


@pytest.mark.parametrize("choice", ["cy", "cy+en"])
def test_the_welsh_example_report_has_no_wcag_violations(browser: Any, tmp_path: Path, choice: str) -> None:
    relative = "examples/open-rehab-unit.yaml"
    i18n.choose(i18n.CHOICES[choice])
    try:
        html = in_chosen_languages(lambda: report_html.render(result_for(relative)), "html")
    finally:
        i18n.choose(None)
    _check_page(browser, tmp_path, f"{_slug(relative)}.standard.{choice}", html)


SUMMARIES = [*SUMMARY_CASES, "summary-31-units"]


@pytest.mark.parametrize("name", SUMMARIES)
def test_summary_has_no_wcag_violations(browser: Any, tmp_path: Path, name: str) -> None:
    # 31 units with long names: the heatmap is split over three tables, each fitting a landscape page.
    summary = (
        _units(31, ", north wing, second floor") if name == "summary-31-units" else summary_for(*SUMMARY_CASES[name])
    )
    pdf = _check_page(browser, tmp_path, name, report_html.render_summary(summary))
    sizes = _page_sizes(pdf)
    assert sizes, "the PDF has pages"
    landscape = [w > h for w, h in sizes]
    if name == "summary-31-units":
        assert any(landscape), "the heatmap of 31 units prints on A4 landscape"
        assert not landscape[0], "the rest prints on A4 portrait"
    else:
        assert not any(landscape), f"{name} prints on A4 portrait"

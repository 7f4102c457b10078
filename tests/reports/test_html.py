"""The HTML report (standard and easy-read), the easy-read markdown report and the HTML
service summary (``coprod summary --format html``).

Golden files are compared exactly: ``tests/golden/html/<name>.html``, ``<name>.easy-read.html``
and ``<name>.easy-read.md`` for two units; ``six-voices.since.html`` for a co-assessed unit
reported with a baseline (``six-voices.before.yaml``); ``summary-<case>.html`` for two
summaries. The other tests check, for every example and golden unit and for the summaries,
what must hold of any page: user text is shown as text, nothing is loaded from elsewhere, and
status is never shown by colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import chdir
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from coprod_cli.errors import Problem, UsageError
from coprod_cli.model.evidence import Action, EvidenceItem
from coprod_cli.privacy.guard import WaiverNote, check_output
from coprod_cli.reports import easy_read
from coprod_cli.reports import html_report as report_html
from coprod_cli.reports.words import STATUS_WORDS
from coprod_cli.rollup.compare import Comparison, since_from_file
from coprod_cli.rollup.summary import InvalidFile, Summary, build, summarise
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import IdeaRef, LevelResult, Result, TargetResult, score
from tests.cli.service_cli import runner
from tests.conftest import ROOT, RunCoprod

GOLDEN_HTML = ROOT / "tests" / "golden" / "html"
REGEN = "python scripts/regen_examples.py"
STYLES = ("standard", "easy-read")
GOLDEN_UNITS = {"open-rehab-unit": "examples/open-rehab-unit.yaml", "escaping": "tests/golden/escaping.yaml"}
"""The units whose reports are kept as golden files, by the name of the files."""
SIX_VOICES = "tests/golden/coassess/six-voices.yaml"
"""A unit rated by six people, with every kind of disagreement and a level awaiting sign-off."""
BASELINE = "tests/golden/html/six-voices.before.yaml"
"""An earlier assessment of the same unit, for "since the last assessment"."""
SUMMARY_CASES = {"summary-examples": ("examples",), "summary-mixed": ("tests/golden/summary/mixed",)}
"""Summaries kept as golden files: the paths given to ``coprod summary``, by the name of the file."""


def _is_framework(path: Path) -> bool:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(data, dict) and "levels" in data


def unit_files() -> list[str]:
    """Every example and golden evidence file, as a path relative to the repository root."""
    found = [*sorted((ROOT / "examples").glob("*.yaml")), *sorted((ROOT / "tests" / "golden").glob("*.yaml"))]
    return [p.relative_to(ROOT).as_posix() for p in found if not _is_framework(p)]


UNITS = unit_files()


def result_for(relative: str) -> Result:
    """Score a unit as ``coprod report`` does when run from the repository root."""
    return score(load_evidence(ROOT / relative, relative))


def since_for(relative: str = SIX_VOICES, baseline: str = BASELINE) -> tuple[Result, Comparison]:
    """A unit and what changed since its baseline, as ``coprod report UNIT --baseline OLD`` run from the root."""
    result = result_for(relative)
    with chdir(ROOT):
        return result, since_from_file(Path(baseline), result)


def summary_for(*paths: str) -> Summary:
    """The summary ``coprod summary PATH...`` makes when run from the repository root."""
    with chdir(ROOT):
        return summarise([Path(p) for p in paths])


def golden_outputs() -> Iterator[tuple[Path, str]]:
    """Every golden file of this module with the text it must hold (scripts/regen_examples.py writes them)."""
    for name, relative in GOLDEN_UNITS.items():
        result = result_for(relative)
        yield GOLDEN_HTML / f"{name}.html", report_html.render(result)
        yield GOLDEN_HTML / f"{name}.easy-read.html", report_html.render(result, "easy-read")
        yield GOLDEN_HTML / f"{name}.easy-read.md", easy_read.render_markdown(result)
    result, since = since_for()
    yield GOLDEN_HTML / "six-voices.since.html", report_html.render(result, since=since)
    for name, paths in SUMMARY_CASES.items():
        yield GOLDEN_HTML / f"{name}.html", report_html.render_summary(summary_for(*paths))


class Page(HTMLParser):
    """An HTML page taken apart: its elements (with attributes and text) and its readable text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.elements: list[tuple[str, dict[str, str | None], str]] = []
        """Every element with its own attributes and all the text inside it."""
        self._text: list[str] = []
        self._in_style = False
        self.comments: list[str] = []
        self.feed(html)
        self.close()

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "source", "wbr", "area", "base", "col"})
    SVG_EMPTY = frozenset({"rect", "line", "path", "circle"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_style = tag == "style"
        self._text.append(" ")
        if tag not in self.VOID and tag not in self.SVG_EMPTY:
            self._open.append((tag, attributes, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        self._text.append(" ")
        while self._open:
            name, attributes, text = self._open.pop()
            joined = "".join(text)
            self.elements.append((name, attributes, joined))
            if self._open:
                self._open[-1][2].append(joined)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self._text.append(data)
        if self._open:
            self._open[-1][2].append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    @property
    def text(self) -> str:
        """The page's text as a reader sees it, spaces collapsed."""
        return " ".join("".join(self._text).split())

    def having_class(self, name: str) -> list[tuple[str, dict[str, str | None], str]]:
        return [e for e in self.elements if name in (e[1].get("class") or "").split()]


@pytest.fixture(scope="module")
def pages() -> dict[tuple[str, str], str]:
    """The HTML report of every unit in both styles, rendered once for this module."""
    out = {}
    for relative in UNITS:
        result = result_for(relative)
        for style in STYLES:
            out[relative, style] = report_html.render(result, style)
    return out


# ---- golden files --------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "text"), list(golden_outputs()), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_matches_golden(path: Path, text: str) -> None:
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing; run: {REGEN}"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.relative_to(ROOT)} differs from the current output; run: {REGEN}"


def test_golden_reports_say_what_was_checked_by_hand() -> None:
    html = (GOLDEN_HTML / "open-rehab-unit.html").read_text(encoding="utf-8")
    page = Page(html)
    assert "Hafod Las Open Rehabilitation Unit is at Level 2 — Identifying and building skills." in page.text
    assert "Level 1: 96.4%, needs 80% — ✓ achieved" in page.text
    assert "Level 3: 50%, needs 80% — ✗ not yet" in page.text
    assert '<rect x="8" y="24" width="150" height="24" fill="#8a4b00"/>' in html  # 50% of a 300-wide bar
    easy = Page((GOLDEN_HTML / "open-rehab-unit.easy-read.html").read_text(encoding="utf-8")).text
    assert "We are at Level 2 of 3." in easy
    assert (
        "Moving to doing with (Level 2): We are learning to decide things together. We are not there yet. We are here."
        in easy
    )
    assert "Our score is 81%. We need 80%." in easy  # 81.3 shown rounded down
    escaping = (GOLDEN_HTML / "escaping.html").read_text(encoding="utf-8")
    assert "<h1>Co-production gap report: Ward [/b] &lt;b&gt;| A</h1>" in escaping
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in escaping


def test_the_golden_co_assessed_report_says_what_was_checked_by_hand() -> None:
    text = Page((GOLDEN_HTML / "six-voices.since.html").read_text(encoding="utf-8")).text
    for expected in (
        # since the last assessment
        "Compared with the assessment of 14 April 2026.",
        "1. Laying the foundations 73.1% 89.3% ✓ achieved +16.2",
        "The attained level went from 0 to 1.",
        "Improved (10) All service users write their own care & activity plans (L1.own-care-plans) : ◐ Partly met → ✓ Met",
        "Regressed (2)",
        "Applies again (1) Service user perspective section in every report (L1.report-perspective) : – Does not apply",
        "Actions completed (1) All service users write their own care & activity plans (L1.own-care-plans) : "
        "Support every resident to write their own plan — Iwan, due 1 July 2026",
        "Actions still open (1) Service user & carer representation in every meeting (L3.representation) : "
        "Invite a resident to the governance meeting — P. Evans, due 30 September 2026; overdue",
        # the ladder, every voice, sign-off and quality
        "Doing for : Level 1 ← Afon Ward is here",
        "Service users 2 9 Carers 1 7 Staff 2 10 Third sector 0 0 Managers 1 4",
        "Buddy system for all new service users (L1.buddy-system) ◐ Partly met Partly met, Not met Partly met Met, Partly met —",
        "Complaints & compliments information displayed & easily accessible (L1.complaints-info) ✓ Met "
        "Views more than a step apart; agreed above every service user and carer rating Service users: Not met; "
        "Carers: Not met; Staff: Met; Managers: Met",
        "Not settled yet: 2 targets are left not assessed while views differ.",
        "2. Identifying and building skills Iwan (staff), 21 October 2026 ✗ Needs a sign-off by a service user",
        "Level 2 reaches its 80% threshold but does not count as achieved until a service user signs it off.",
        "Targets with evidence 19 of the 31 that apply (61.3%)",
        # what the next level needs
        "and, where the framework asks for it, someone in the named roles has signed it off.",
        "Level 2 is at 87.5%, enough for the 80% it needs, but it counts as achieved only once it is signed off "
        "by one of: service users (see “Sign-off”).",
    ):
        assert expected in text, expected


def test_the_golden_summaries_say_what_was_checked_by_hand() -> None:
    html = (GOLDEN_HTML / "summary-examples.html").read_text(encoding="utf-8")
    text = Page(html).text
    assert (
        "Hafod Las Open Rehabilitation Unit examples/open-rehab-unit.yaml 8 September 2026 2: moving to doing with 96.4% ✓ achieved"
        in text
    )
    assert '<td class="num band h4">96.4% <span class="sym" aria-hidden="true">✓</span>' in html
    assert '<td class="num band h2">50% <span class="sym" aria-hidden="true">✗</span>' in html
    assert "14 more targets are a gap in fewer units" in text
    assert 'class="wide"' not in html, "5 units fit a portrait page"
    mixed = (GOLDEN_HTML / "summary-mixed.html").read_text(encoding="utf-8")
    page = Page(mixed)
    assert [t for n, _, t in page.elements if n == "h2"] == [
        "Partnership Working: A Guide to Co-Producing Rehabilitation and Recovery Services (rehab-recovery 1.0.0)",
        "Tiny test framework (tiny-test 0.1.0, sha256 6f9851db5bef)",
        "Tiny test framework (tiny-test 0.1.0, sha256 a61dddfa4726)",
        "Files that could not be read",
        "About this summary",
    ]
    assert '<th scope="row">Ward B [/b] &lt;b&gt;| *B*</th>' in mixed
    assert (
        "Ward B [/b] <b>| *B* tests/golden/summary/mixed/ward-b.yaml 2 May 2026 0: doing to 75% ✗ not achieved yet n/a ✗"
        in page.text
    )
    assert '<td class="num band hn">n/a' in mixed
    assert (
        "tests/golden/summary/mixed/broken.yaml Line 6, column 3: unknown target 'T1.lisen' — did you mean 'T1.listen'?"
    ) in page.text


# ---- user text is text ---------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script> Tom & Jerry's \"quoted\" <b>bold</b> --> <!-- &amp;"
HOSTILE_LINK = 'https://example.org/?a=1&b="><script>alert(1)</script>'
ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "main", "section", "div", "span", "strong", "em", "code"),
    *("h1", "h2", "h3", "p", "ul", "ol", "li", "a", "figure", "figcaption"),
    *("table", "caption", "thead", "tbody", "tr", "th", "td", "svg", "title", "desc", "rect", "line", "text"),
}


def _hostile_target(t: TargetResult) -> TargetResult:
    evidence = (
        EvidenceItem(description=HOSTILE, date=date(2026, 1, 1), link=HOSTILE_LINK),
        EvidenceItem(description=HOSTILE, date=None, link="javascript:alert(1)"),
    )
    return replace(
        t,
        text=HOSTILE,
        evidence=evidence,
        actions=(Action(description=HOSTILE, owner=HOSTILE, due=date(2026, 1, 1)),),
        justification=HOSTILE,
        notes=HOSTILE,
        ideas=(IdeaRef(HOSTILE, HOSTILE),),
    )


def hostile(result: Result) -> Result:
    """``result`` with every piece of text that comes from a file replaced by hostile text."""
    levels: list[LevelResult] = [
        replace(lv, title=HOSTILE, ethos=HOSTILE, summary=HOSTILE, targets=tuple(map(_hostile_target, lv.targets)))
        for lv in result.levels
    ]
    by_id = {t.id: t for lv in levels for t in lv.targets}
    step = result.next_step
    return replace(
        result,
        unit_name=HOSTILE,
        unit_service=HOSTILE,
        unit_organisation=HOSTILE,
        framework=replace(result.framework, title=HOSTILE, citation=HOSTILE, doi='10.1/x"><script>'),
        attained_title=HOSTILE if result.attained_title else None,
        levels=tuple(levels),
        enablers=tuple(map(_hostile_target, result.enablers)),
        gaps=tuple(by_id[t.id] for t in result.gaps),
        focus=tuple(by_id[t.id] for t in result.focus),
        retired=(_hostile_target(replace(result.levels[0].targets[0], id=HOSTILE)),),
        warnings=(Problem(HOSTILE, 3, 4, HOSTILE, "stale-evidence", None),),
        waivers=(WaiverNote(HOSTILE, 5, HOSTILE),),
        next_step=replace(step, title=HOSTILE) if step else None,
    )


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("relative", ["tests/golden/escaping.yaml", "tests/golden/all-met.yaml"])
def test_user_text_is_shown_as_text_in_every_field(relative: str, style: str) -> None:
    html = report_html.render(hostile(result_for(relative)), style, source_name=HOSTILE)
    page = Page(html)
    assert "<script" not in html.lower()
    assert "<b>" not in html
    unknown = {tag for tag, _ in page.tags} - ALLOWED_TAGS
    assert not unknown, f"unexpected elements: {sorted(unknown)}"
    for tag, attributes in page.tags:
        assert not [a for a in attributes if a.startswith("on")], (tag, attributes)
    # '&' only ever starts an entity; quotes never end an attribute early.
    assert not re.search(r"&(?!(?:amp|lt|gt|quot|#34|#39|#x27);)", html), "a bare '&' in the page"
    hrefs = [attributes["href"] or "" for tag, attributes in page.tags if "href" in attributes]
    assert all(tag == "a" for tag, attributes in page.tags if "href" in attributes)
    assert all(href.startswith(("https://", "http://")) for href in hrefs), hrefs
    if style == "standard":
        assert HOSTILE_LINK in hrefs, "a web address in the evidence is a working link"
        assert 'https://doi.org/10.1/x"><script>' in hrefs
        assert "javascript:alert(1)" in page.text, "any other link is shown as text"
    # The marker comment stays one comment, however the source is named.
    assert html.splitlines()[1].startswith("<!-- generated by coprod from ")
    assert html.splitlines()[1].count("-->") == 1
    assert html.splitlines()[1].endswith("-->")
    shown = " ".join(HOSTILE.split())
    expected = 12 if style == "standard" else 3
    assert page.text.count(shown) >= expected, page.text


def test_every_kind_of_user_text_reaches_the_standard_report() -> None:
    """Each field carries its own marker, so a field the report forgot would show here."""
    result = result_for("tests/golden/escaping.yaml")
    gap = result.known_gaps[0]
    marked = replace(
        gap,
        text="<T&xt>",
        evidence=(EvidenceItem(description="<Ev&idence>", date=None, link="<Li&nk>"),),
        actions=(Action(description="<Ac&tion>", owner="<Ow&ner>", due=None),),
        justification="<Ju&st>",
        notes="<No&tes>",
    )
    levels = tuple(
        replace(lv, targets=tuple(marked if t.id == gap.id else t for t in lv.targets)) for lv in result.levels
    )
    result = replace(
        result,
        levels=levels,
        gaps=tuple(marked if t.id == gap.id else t for t in result.gaps),
        known_gaps=(marked, *result.known_gaps[1:]),
        unit_service="<Ser&vice>",
        unit_organisation="<Or&g>",
        warnings=(Problem("f.yaml", 1, 1, "<War&ning>", "stale-evidence", None),),
        waivers=(WaiverNote("<Fi&le>", 2, "<Rea&son>"),),
    )
    text = Page(report_html.render(result)).text
    for field in ("T&xt", "Ev&idence", "Li&nk", "Ac&tion", "Ow&ner", "Ju&st", "No&tes", "Ser&vice", "Or&g"):
        assert f"<{field}>" in text, field
    for field in ("Fi&le", "Rea&son"):
        assert f"<{field}>" in text, field
    assert "<War&ning>" not in text  # a warning's message is for the terminal; the report says what to check
    assert "Evidence older than the framework's review period" in text


# ---- self-contained ------------------------------------------------------------------------------

RESOURCE_ATTRIBUTES = {"src", "srcset", "data", "poster", "background", "action", "formaction", "xlink:href", "ping"}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("relative", UNITS)
def test_nothing_is_loaded_from_elsewhere(pages: dict[tuple[str, str], str], relative: str, style: str) -> None:
    html = pages[relative, style]
    page = Page(html)
    for tag, attributes in page.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed", "base", "image", "use", "video"}, tag
        assert not RESOURCE_ATTRIBUTES & set(attributes), (tag, attributes)
        for name, value in attributes.items():
            if tag == "a" and name == "href":
                continue  # a link is followed only when the reader chooses to
            assert "//" not in (value or ""), (tag, name, value)
            assert "http" not in (value or ""), (tag, name, value)
    css = "".join(page.styles)
    for pattern in ("url(", "@import", "http", "//", "@font-face"):
        assert pattern not in css, pattern
    assert "@page { size: A4; margin: 18mm; }" in css
    assert "<script" not in html.lower()
    assert " on" not in "".join(f" {a}" for _, attributes in page.tags for a in attributes)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("relative", UNITS)
def test_the_page_is_well_formed_for_assistive_technology(
    pages: dict[tuple[str, str], str], relative: str, style: str
) -> None:
    page = Page(pages[relative, style])
    html_tag = next(attributes for tag, attributes in page.tags if tag == "html")
    assert html_tag.get("lang") == "en"
    assert [tag for tag, _ in page.tags].count("main") == 1
    assert [tag for tag, _ in page.tags].count("h1") == 1
    for name, attributes, _ in page.elements:
        if name == "th":
            assert attributes.get("scope") in {"col", "row"}, attributes
    tables = [e for e in page.elements if e[0] == "table"]
    captions = [e for e in page.elements if e[0] == "caption"]
    assert len(captions) == len(tables) > 0
    levels = len(result_for(relative).levels)
    charts = [attributes for tag, attributes in page.tags if tag == "svg"]
    assert len(charts) == levels
    all_ids = [attributes["id"] for _, attributes in page.tags if attributes.get("id")]
    ids = set(all_ids)
    assert len(ids) == len(all_ids), "ids are unique"
    for chart in charts:
        assert chart.get("role") == "img"
        assert all(part in ids for part in (chart.get("aria-labelledby") or "").split()), chart
    assert [tag for tag, _ in page.tags].count("title") == levels + 1  # the page's and each chart's
    assert [tag for tag, _ in page.tags].count("desc") == levels


@pytest.mark.parametrize("relative", UNITS)
def test_outputs_pass_the_privacy_guard(relative: str) -> None:
    """Charts, hashes and dates must not look like phone or NHS numbers to the output scan."""
    result = result_for(relative)
    folder = (ROOT / relative).parent
    for style in STYLES:
        check_output(report_html.render(result, style), f"{relative} ({style})", folder, result.waived_keys)
    check_output(easy_read.render_markdown(result), f"{relative} (easy-read md)", folder, result.waived_keys)


# ---- colour is never alone -----------------------------------------------------------------------

WORDS = {
    "Met",
    "Partly met",
    "Not met",
    "Not assessed",
    "Does not apply",
    "Yes",
    "Not yet",
    "Done",
    "Done.",
    "Not done yet.",
}
SYMBOLS = set(report_html.STATUS_SYMBOLS.values())


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("relative", UNITS)
def test_every_status_has_a_word_and_a_symbol(pages: dict[tuple[str, str], str], relative: str, style: str) -> None:
    page = Page(pages[relative, style])
    coloured = [e for e in page.elements if re.search(r"\b(s-[a-z-]+|yes|no)\b", e[1].get("class") or "")]
    assert coloured, "the report shows statuses"
    for name, attributes, text in coloured:
        classes = (attributes.get("class") or "").split()
        assert "status" in classes, f"a coloured <{name}> without the status class: {attributes}"
        words = " ".join(text.split())
        symbol, _, word = words.partition(" ")
        assert symbol in SYMBOLS, f"<{name} class={classes}> has no symbol: {words!r}"
        assert word in WORDS, f"<{name} class={classes}> has no status word: {words!r}"
    for _, _, text in page.having_class("sym"):
        assert text in SYMBOLS
    assert all(a.get("aria-hidden") == "true" for _, a, _ in page.having_class("sym")), "symbols are not read out"


# ---- the pieces ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "threshold", "achieved", "expected"),
    [
        (96.4, 80, True, ['width="289.2" height="24" fill="#1d6b34"', ">96.4%<", 'x1="248"', ">Needs 80%<"]),
        (50.0, 80, False, ['width="150" height="24" fill="#8a4b00"', ">50%<", "not achieved yet"]),
        (10.0, 5, False, ['x="44"', 'text-anchor="start"', ">Needs 5%<"]),
        (100.0, 95, True, ['width="300"', 'text-anchor="end"']),
        (None, 80, False, ["no score, because no target counts", ">n/a<"]),
    ],
)
def test_level_chart(value: float | None, threshold: int, achieved: bool, expected: list[str]) -> None:
    svg = str(report_html.level_chart(2, value, threshold, achieved, prefix="x-"))
    assert svg.startswith('<svg class="chart"')
    assert svg.endswith("</svg>")
    assert 'aria-labelledby="x-chart-level-2-title x-chart-level-2-desc"' in svg
    for piece in expected:
        assert piece in svg, piece
    if value is None:
        assert 'fill="#1d6b34"' not in svg
        assert 'fill="#8a4b00"' not in svg


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://example.org/a?b=1&c=2",
            '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>',
        ),
        ("http://example.org", '<a href="http://example.org">http://example.org</a>'),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("https://example.org/a b", "https://example.org/a b"),
        ("//example.org/x", "//example.org/x"),
        ("shared drive/<plans>.docx", "shared drive/&lt;plans&gt;.docx"),
        (None, ""),
    ],
)
def test_link(url: str | None, expected: str) -> None:
    assert str(report_html.link(url)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [("units/ward.yaml", "units/ward.yaml"), ("a--b", "a-\u2010b"), ("x---->y", "x-\u2010-\u2010>y"), ("a\nb", "a b")],
)
def test_comment_safe(source: str, expected: str) -> None:
    assert report_html.comment_safe(source) == expected
    assert "--" not in report_html.comment_safe(source)


def test_an_unknown_style_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"--style: 'large' is not a report style; use one of: standard, easy-read"):
        report_html.render(result_for("tests/golden/all-met.yaml"), "large")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, r"no 'report.html.j2' in this template folder"),
        ({"report.html.j2": "{% if %}"}, r"report.html.j2:1:1: template error: "),
        ({"report.html.j2": "{{ r.no_such_field }}"}, r"report.html.j2:1:1: template error: .*no_such_field"),
        (
            {"report.html.j2": "a\n{{ 1 / 0 }}"},
            r"report.html.j2:2:1: template error: division by zero \(ZeroDivisionError\)",
        ),
        (
            {"report.html.j2": "{% include 'gone.j2' %}"},
            r"no 'gone.j2' in this template folder or the shipped one; check the name",
        ),
        ({"report.html.j2": "{% extends 'missing.j2' %}"}, r"no 'missing.j2' in this template folder"),
    ],
)
def test_template_problems_are_usage_errors(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        report_html.render(result_for("tests/golden/all-met.yaml"), template_dir=tmp_path)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, r"no 'report.easy-read.md.j2' in this template folder"),
        ({"report.easy-read.md.j2": "{% for %}"}, r"report.easy-read.md.j2:1:1: template error: "),
        ({"report.easy-read.md.j2": "{{ e.nothing }}"}, r"report.easy-read.md.j2:1:1: template error: .*nothing"),
        (
            {"report.easy-read.md.j2": "{% for x in r %}{% endfor %}"},
            r"report.easy-read.md.j2:1:1: template error: .*not iterable \(TypeError\)",
        ),
    ],
)
def test_easy_read_markdown_template_problems(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        easy_read.render_markdown(result_for("tests/golden/all-met.yaml"), template_dir=tmp_path)


def test_an_own_template_folder_can_extend_the_shipped_page(tmp_path: Path) -> None:
    """A folder of your own needs only the templates it changes; the page frame comes from the shipped one."""
    (tmp_path / "report.html.j2").write_text(
        '{% extends "_html_base.html.j2" %}{% block title %}T{% endblock %}'
        "{% block content %}<h1>{{ r.unit_name }}</h1>{% endblock %}",
        encoding="utf-8",
    )
    html = report_html.render(result_for("tests/golden/escaping.yaml"), template_dir=tmp_path)
    assert "<h1>Ward [/b] &lt;b&gt;| A</h1>" in html
    assert "@page { size: A4; margin: 18mm; }" in html


def test_since_reaches_the_templates(tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text("{% if since %}since {{ since }}{% else %}none{% endif %}")
    result = result_for("tests/golden/all-met.yaml")
    assert report_html.render(result, template_dir=tmp_path) == "none"
    assert report_html.render(result, template_dir=tmp_path, since="<then>") == "since &lt;then&gt;"


# ---- what the easy-read report chooses -----------------------------------------------------------


@pytest.mark.parametrize("relative", [*UNITS, SIX_VOICES])
def test_the_easy_read_rung_is_the_ladders(relative: str) -> None:
    """The easy-read report takes its rung from the result's ladder, so the two reports never disagree."""
    result = result_for(relative)
    rung = easy_read.facts(result).rung
    assert rung == result.ladder.rung
    for style in STYLES:
        (here,) = Page(report_html.render(result, style)).having_class("here")
        assert " ".join(here[2].split()).startswith(rung.capitalize()), (style, here)


@pytest.mark.parametrize(("value", "expected"), [(79.9, 79), (80.0, 80), (6.3, 6), (100.0, 100), (None, None)])
def test_whole_percent_never_rounds_up_to_a_threshold(value: float | None, expected: int | None) -> None:
    assert easy_read.whole(value) == expected


def test_easy_read_shows_at_most_five_targets_and_actions_overdue_first() -> None:
    result = result_for("examples/locked-rehab-unit.yaml")
    facts = easy_read.facts(result)
    assert facts.rung == "doing to"
    assert facts.next_level is not None
    assert facts.next_level.number == 1
    assert result.next_step is not None
    assert [t.id for t in facts.targets] == list(result.next_step.closest)
    assert facts.targets_needed == 3
    many_needed = result_for("tests/golden/escaping.yaml")
    capped = easy_read.facts(many_needed)
    assert capped.targets_needed > len(capped.targets) == easy_read.MOST_TARGETS
    assert many_needed.next_step is not None
    assert [t.id for t in capped.targets] == list(many_needed.next_step.closest[:5])
    assert facts.actions[0].overdue
    assert [t.level for t in facts.actions[1:]] == sorted(t.level for t in facts.actions[1:])
    assert len(facts.actions) <= easy_read.MOST_ACTIONS
    assert facts.warnings == len(result.warnings) == 9
    many = replace(result, gaps=tuple(replace(t, actions=(Action(description="Do it"),)) for t in result.gaps))
    crowded = easy_read.facts(many)
    assert len(crowded.actions) == easy_read.MOST_ACTIONS
    assert crowded.actions_left == len(result.gaps) - easy_read.MOST_ACTIONS


def test_easy_read_at_the_top_level() -> None:
    facts = easy_read.facts(result_for("tests/golden/all-met.yaml"))
    assert (facts.rung, facts.next_level, facts.targets, facts.actions, facts.gaps) == ("doing with", None, (), (), 0)
    text = easy_read.render_markdown(result_for("tests/golden/all-met.yaml"))
    assert "We have reached every level." in text
    assert "There is nothing left to do." in text


def test_easy_read_when_the_next_level_cannot_be_reached() -> None:
    result = result_for("tests/golden/all-not-applicable-level.yaml")
    facts = easy_read.facts(result)
    assert facts.possible is False
    for text in (easy_read.render_markdown(result), Page(report_html.render(result, "easy-read")).text):
        assert "We can not reach Level 2 right now." in text
        assert "This level has no score. None of its targets count." in text


def test_easy_read_markdown_is_escaped_like_the_standard_report() -> None:
    text = easy_read.render_markdown(result_for("tests/golden/escaping.yaml"))
    assert "# Ward \\[/b\\] &lt;b>\\| A: how we work together\n" in text
    assert "<script>" not in text


def test_values_print_as_words(tmp_path: Path) -> None:
    """Nothing prints as Python would: None is blank, booleans are Yes or No, dates are written out."""
    (tmp_path / "report.html.j2").write_text(
        "{{ r.unit_service }}|{{ r.unit_name == r.unit_name }}|{{ r.unit_name != r.unit_name }}|{{ r.assessed_on }}",
        encoding="utf-8",
    )
    result = replace(result_for("tests/golden/all-met.yaml"), unit_service=None, assessed_on=date(2026, 5, 2))
    assert report_html.render(result, template_dir=tmp_path) == "|Yes|No|2 May 2026"


@pytest.mark.parametrize("style", STYLES)
def test_a_generated_page_may_be_written_over(tmp_path: Path, style: str) -> None:
    """The marker sits near the top of the page, where the writer looks for it, so regenerating works."""
    from coprod_cli.editing.writer import check_target, write_text

    page = tmp_path / "gap-report.html"
    write_text(page, report_html.render(result_for("tests/golden/escaping.yaml"), style))
    check_target(page)  # no --force needed
    write_text(page, report_html.render(result_for("tests/golden/all-met.yaml"), style))
    assert "All Met Ward" in page.read_text(encoding="utf-8")


def _markdown_lines(text: str) -> list[str]:
    """The easy-read markdown's sentences as a reader sees them: syntax and escapes taken out."""
    lines = []
    for line in text.splitlines():
        if line.startswith("<!--") or not line.strip():
            continue
        plain = re.sub(r"^\s*(?:#+ |- |\d+\. )", "", line).replace("**", "")
        plain = re.sub(r"\\(.)", r"\1", plain).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        lines.append(" ".join(plain.replace("✓ ", "").replace("✗ ", "").split()))
    return lines


@pytest.mark.parametrize("relative", UNITS)
def test_easy_read_says_the_same_in_markdown_and_html(pages: dict[tuple[str, str], str], relative: str) -> None:
    html = Page(pages[relative, "easy-read"]).text.replace("✓ ", "").replace("✗ ", "")
    markdown = easy_read.render_markdown(result_for(relative))
    missing = [line for line in _markdown_lines(markdown) if line.removesuffix(":") not in html]
    assert not missing, f"in the easy-read markdown but not the HTML: {missing}"


# ---- the co-assessment and "since" sections ------------------------------------------------------


def test_co_assessment_user_text_is_shown_as_text() -> None:
    """Names in ratings and sign-offs, and the earlier file's unit name, are text like the rest."""
    result, since = since_for()
    signature = result.levels[0].signed_off[0]
    levels = tuple(replace(lv, signed_off=(replace(signature, name=HOSTILE),)) for lv in result.levels)
    disagreements = tuple(
        replace(d, text=HOSTILE, ratings=tuple(replace(x, name=HOSTILE) for x in d.ratings))
        for d in result.disagreements
    )
    marked = replace(result, levels=levels, disagreements=disagreements)
    before = replace(since.before, unit_name=HOSTILE, file=HOSTILE)
    changes = tuple(replace(c, text=HOSTILE) for c in since.improved)
    actions = tuple(replace(a, text=HOSTILE, description=HOSTILE, owner=HOSTILE) for a in since.completed)
    html = report_html.render(
        marked,
        since=replace(since, before=before, improved=changes, completed=actions, new_targets=(HOSTILE,)),
        ratings="by-person",  # so each name is shown
    )
    page = Page(html)
    assert "<script" not in html.lower()
    assert not {tag for tag, _ in page.tags} - ALLOWED_TAGS
    shown = " ".join(HOSTILE.split())
    assert page.text.count(shown) >= len(levels) + 2 * len(disagreements) + len(changes) + 3


def test_a_report_without_since_has_no_since_section() -> None:
    text = Page(report_html.render(result_for(SIX_VOICES))).text
    assert "Since the last assessment" not in text
    assert "On Arnstein's ladder" in text


# ---- the service summary -------------------------------------------------------------------------


def _units(count: int, extra: str = "") -> Summary:
    """A summary of ``count`` units (copies of the examples, ``extra`` added to their names), for large groups.

    Each copy is given an organisation of its own, so that no two are one unit assessed twice."""
    examples = [result_for(f"examples/{path.name}") for path in sorted((ROOT / "examples").glob("*.yaml"))]
    copies = (examples[n % len(examples)] for n in range(count))
    return build(
        replace(u, file=f"units/unit-{n:03}.yaml", unit_name=f"{u.unit_name}{extra}", unit_organisation=f"Org {n}")
        for n, u in enumerate(copies)
    )


@pytest.fixture(scope="module")
def summaries() -> dict[str, str]:
    """The summary pages, rendered once for this module."""
    out = {name: report_html.render_summary(summary_for(*paths)) for name, paths in SUMMARY_CASES.items()}
    out["summary-31-units"] = report_html.render_summary(_units(31))
    return out


SUMMARY_NAMES = [*SUMMARY_CASES, "summary-31-units"]
SCOPES = {"col", "row", "rowgroup"}
HEAT_WORDS = {"achieved": "✓", "not achieved yet": "✗"}


def assert_self_contained(html: str) -> None:
    """Nothing in the page is loaded from elsewhere: no scripts, links to style sheets, images or fonts."""
    page = Page(html)
    for tag, attributes in page.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed", "base", "image", "use", "video"}, tag
        assert not RESOURCE_ATTRIBUTES & set(attributes), (tag, attributes)
        for name, value in attributes.items():
            if tag == "a" and name == "href":
                continue
            assert "//" not in (value or ""), (tag, name, value)
            assert "http" not in (value or ""), (tag, name, value)
    css = "".join(page.styles)
    for pattern in ("url(", "@import", "http", "//", "@font-face"):
        assert pattern not in css, pattern
    assert "<script" not in html.lower()


@pytest.mark.parametrize("name", SUMMARY_NAMES)
def test_summary_is_self_contained_and_well_formed(summaries: dict[str, str], name: str) -> None:
    html = summaries[name]
    assert_self_contained(html)
    assert "@page wide { size: A4 landscape;" in html
    page = Page(html)
    html_tag = next(attributes for tag, attributes in page.tags if tag == "html")
    assert html_tag.get("lang") == "en"
    names = [tag for tag, _ in page.tags]
    assert names.count("main") == names.count("h1") == 1
    assert all(a.get("scope") in SCOPES for n, a, _ in page.elements if n == "th")
    assert names.count("caption") == names.count("table") > 0
    ids = [attributes["id"] for _, attributes in page.tags if attributes.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    for _, attributes in page.tags:
        for ident in (attributes.get("aria-labelledby") or "").split():
            assert ident in ids, ident
    assert html.splitlines()[1] == (
        "<!-- generated by coprod from the evidence files it lists: edits made here are lost when it is generated again -->"
    )


@pytest.mark.parametrize("name", SUMMARY_NAMES)
def test_every_heatmap_cell_has_a_symbol_and_a_word(summaries: dict[str, str], name: str) -> None:
    page = Page(summaries[name])
    words = {v: k for k, v in report_html.STATUS_SYMBOLS.items()}
    cells = page.having_class("cell")
    assert cells
    for _, attributes, text in cells:
        (code,) = [c.removeprefix("s-") for c in (attributes.get("class") or "").split() if c.startswith("s-")]
        symbol, word = text[0], text[1:]  # the symbol for the eye, the word for a screen reader
        assert (words[symbol], word) == (code, STATUS_WORDS[code]), (attributes, text)
    bands = page.having_class("band")
    assert bands
    for _, attributes, text in bands:
        found = re.fullmatch(r"(n/a|[0-9.]+%) (✓|✗)(.+)", text)
        assert found, text
        shown, symbol, word = found.groups()
        assert HEAT_WORDS[word] == symbol
        value = None if shown == "n/a" else float(shown.removesuffix("%"))
        assert report_html.heat(value) in (attributes.get("class") or "").split()
    for _, attributes, text in page.having_class("sym"):
        assert attributes.get("aria-hidden") == "true"
        assert text in SYMBOLS
    for _, _, text in page.having_class("vh"):
        assert text in {*STATUS_WORDS.values(), *HEAT_WORDS}
    key = " ".join(t for n, a, t in page.elements if n == "ul" and a.get("class") == "key")
    for code, word in STATUS_WORDS.items():
        assert f"{report_html.STATUS_SYMBOLS[code]} {word}" in " ".join(key.split())


@pytest.mark.parametrize(
    ("value", "band"),
    [(None, "hn"), (0.0, "h0"), (19.9, "h0"), (20.0, "h1"), (59.9, "h2"), (79.9, "h3"), (80.0, "h4"), (100.0, "h4")],
)
def test_heat_bands(value: float | None, band: str) -> None:
    assert report_html.heat(value) == band


def test_summary_shows_every_unit_at_every_target() -> None:
    summary = summary_for("examples")
    html = report_html.render_summary(summary)
    (group,) = summary.groups
    heatmap = html[html.index('id="group-1-targets"') : html.index('id="group-1-enablers"')]
    rows = re.findall(r'<span class="id">\(([^)]*)\)</span></th>(.*?)</tr>', heatmap)
    found = [(ident, re.findall(r'<td class="cell s-([a-z-]+)">', cells)) for ident, cells in rows]
    levels = group.units[0].levels
    expected = [
        (t.id, [u.levels[n].targets[k].status for u in group.units])
        for n, lv in enumerate(levels)
        for k, t in enumerate(lv.targets)
    ]
    expected += [(e.id, [u.enablers[k].status for u in group.units]) for k, e in enumerate(group.units[0].enablers)]
    assert found == expected
    assert len({code for _, codes in found for code in codes}) == 5, "the examples show every status"


def test_large_groups_are_split_and_printed_landscape() -> None:
    """At most 12 units to a units × targets table, so each fits a page; from 7 units it prints landscape."""
    html = report_html.render_summary(_units(31))
    page = Page(html)
    captions = [" ".join(t.split()) for n, _, t in page.elements if n == "caption"]
    assert [c for c in captions if c.startswith("The status of each target")] == [
        "The status of each target in each unit: units 1 to 12 of 31",
        "The status of each target in each unit: units 13 to 24 of 31",
        "The status of each target in each unit: units 25 to 31 of 31",
    ]
    assert [a.get("class") for n, a in page.tags if n == "section" and a.get("class")] == ["wide"]
    six = report_html.render_summary(_units(6))
    assert 'class="wide"' not in six
    assert "units 1 to" not in six
    assert 'class="wide"' in report_html.render_summary(_units(7))


def test_summary_user_text_is_shown_as_text() -> None:
    one = hostile(result_for("tests/golden/escaping.yaml"))
    summary = build(
        [replace(one, file=HOSTILE), replace(one, file=HOSTILE + "2", unit_organisation="Another organisation")],
        [InvalidFile(HOSTILE, (Problem(HOSTILE, 2, 3, HOSTILE, "unknown-target", None),))],
    )
    html = report_html.render_summary(summary)
    page = Page(html)
    assert "<script" not in html.lower()
    assert not {tag for tag, _ in page.tags} - {*ALLOWED_TAGS, "tfoot"}
    assert not re.search(r"&(?!(?:amp|lt|gt|quot|#34|#39|#x27);)", html), "a bare '&' in the page"
    shown = " ".join(HOSTILE.split())
    assert page.text.count(shown) >= 20


@pytest.mark.parametrize("name", SUMMARY_NAMES)
def test_summary_passes_the_privacy_guard(summaries: dict[str, str], name: str) -> None:
    """The heatmap's colours and numbers must not look like postcodes or phone numbers to the output scan."""
    check_output(summaries[name], name, ROOT, frozenset())


def test_summary_template_problems_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no 'summary.html.j2' in this template folder"):
        report_html.render_summary(summary_for("examples"), template_dir=tmp_path)
    (tmp_path / "summary.html.j2").write_text("{{ s.nothing }}", encoding="utf-8")
    with pytest.raises(UsageError, match=r"summary.html.j2:1:1: template error: .*nothing"):
        report_html.render_summary(summary_for("examples"), template_dir=tmp_path)


# ---- coprod summary --format html ----------------------------------------------------------------


@pytest.fixture
def cli(pinned_terminal: None, monkeypatch: pytest.MonkeyPatch) -> RunCoprod:
    monkeypatch.chdir(ROOT)
    return runner()


@pytest.mark.parametrize(("name", "code"), [("summary-examples", 0), ("summary-mixed", 2)])
def test_summary_format_html(cli: RunCoprod, name: str, code: int) -> None:
    run = cli("summary", *SUMMARY_CASES[name], "--format", "html")
    assert run.code == code, run
    assert run.stdout == (GOLDEN_HTML / f"{name}.html").read_text(encoding="utf-8")


def test_summary_output_named_html_is_html(cli: RunCoprod, tmp_path: Path) -> None:
    for name in ("service.html", "service.HTM"):
        out = tmp_path / name
        run = cli("summary", "examples", "-o", out)
        assert (run.code, run.stdout, run.stderr) == (0, "", f"Wrote {out}.\n"), run
        assert out.read_text(encoding="utf-8") == (GOLDEN_HTML / "summary-examples.html").read_text(encoding="utf-8")
    again = cli("summary", "examples", "-o", tmp_path / "service.html")
    assert again.code == 0, "a generated page may be written over"
    text = tmp_path / "service.txt"
    assert cli("summary", "examples", "-o", text).code == 0
    assert text.read_text(encoding="utf-8").startswith("Service summary: 5 units")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--format", "html", "-o", "x.md"),
            "x.md: the name ends in '.md' but --format is html; name it x.html, or use --format markdown",
        ),
        (
            ("--format", "markdown", "-o", "x.html"),
            "x.html: the name ends in '.html' but --format is markdown; name it x.md, or leave out --format to write HTML",
        ),
        (
            ("--format", "json", "-o", "x.htm"),
            "x.htm: the name ends in '.htm' but --format is json; name it x.json, or leave out --format to write HTML",
        ),
        (("--format", "text", "-o", "x.html"), "name it x.txt, or leave out --format to write HTML"),
    ],
)
def test_summary_format_and_file_name_must_agree(
    cli: RunCoprod, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    run = cli("summary", "examples", *(str(tmp_path / a) if a.startswith("x.") else a for a in args))
    assert run.code == 2, run
    assert message in run.stderr.replace(f"{tmp_path}/", ""), run
    assert not list(tmp_path.iterdir()), "nothing was written"

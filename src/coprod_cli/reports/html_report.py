"""The HTML gap report: one self-contained page (inline CSS and SVG, no scripts, nothing to load).

Jinja escapes every ``{{ … }}`` for HTML (``autoescape``), so user text is shown as text.
Only markup built here passes unescaped: the SVG charts (made from numbers alone) and
links (an ``http``/``https`` address from the evidence, escaped into the attribute).
Status is never shown by colour alone: every status carries a word and a symbol.

:func:`render` writes a unit's gap report; :func:`render_summary` the service summary
(``coprod summary --format html``), whose heatmaps follow the same rule.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from coprod_cli.editing.writer import MARKER
from coprod_cli.errors import UsageError
from coprod_cli.i18n import _, n_
from coprod_cli.reports import easy_read
from coprod_cli.reports.markdown_report import base_environment, id_prefix, render_template
from coprod_cli.reports.sandbox import Sandbox
from coprod_cli.reports.words import day, percent, plural, role_word, status_word
from coprod_cli.resources import data_dir
from coprod_cli.scoring.score import LevelResult, Result

if TYPE_CHECKING:
    from coprod_cli.rollup.summary import Summary

TEMPLATES = {"standard": "report.html.j2", "easy-read": "report.easy-read.html.j2"}
STYLES = tuple(TEMPLATES)
SUMMARY_TEMPLATE = "summary.html.j2"
HEAT_BANDS = 5
"""The summary's heatmap of levels shades a score in this many bands of equal width (0–19%, …, 80–100%)."""

STATUS_SYMBOLS = {
    "met": "✓",
    "partial": "◐",
    "not-met": "✗",
    "not-assessed": "○",
    "not-applicable": "–",
}
"""Shown with the status word wherever a status is shown, so colour is never the only cue."""

# The chart's geometry, in SVG user units.
_LEFT, _WIDTH, _TOP, _BAR, _HEIGHT = 8, 300, 24, 24, 88


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return day(value)
    return value


def _x(value: float) -> str:
    """A position along the bar for a percent (0–100), as SVG wants it."""
    return f"{_LEFT + _WIDTH * max(0.0, min(value, 100.0)) / 100:g}"


def level_chart(number: int, value: float | None, threshold: int, achieved: bool, *, prefix: str = "") -> Markup:
    """A bar for one level's score against its threshold, as inline SVG.

    Built from numbers only; its title and description say the same as the bar, and the
    table beside it holds the same numbers.
    """
    shown = str(percent(value))
    ident = f"{id_prefix()}{prefix}chart-level-{number}"
    if value is None:
        has = _("Level {number} has no score, because no target counts.", number=number)
    else:
        has = _("Level {number} has a score of {score}.", number=number, score=shown)
    needs = _("It needs {threshold}%.", threshold=threshold)
    verdict = _("The level is achieved.") if achieved else _("The level is not achieved yet.")
    desc = f"{has} {needs} {verdict}"
    title = _("Level {number} score against its threshold", number=number)
    needs_label = _("Needs {threshold}%", threshold=threshold)
    fill = "#1d6b34" if achieved else "#8a4b00"
    width = 0.0 if value is None else max(0.0, min(value, 100.0)) * _WIDTH / 100
    bar_end = _LEFT + width
    if width >= 70:
        label = f'<text x="{_LEFT + 6}" y="{_TOP + 17}" fill="#ffffff">{shown}</text>'
    else:
        label = f'<text x="{bar_end + 6:g}" y="{_TOP + 17}" fill="#1a1a1a">{shown}</text>'
    line_x = _x(threshold)
    anchor = "end" if threshold > 80 else "start" if threshold < 20 else "middle"
    parts = [
        f'<svg class="chart" viewBox="0 0 {_LEFT * 2 + _WIDTH} {_HEIGHT}" width="{_LEFT * 2 + _WIDTH}" '
        f'height="{_HEIGHT}" role="img" aria-labelledby="{ident}-title {ident}-desc" focusable="false">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<rect x="{_LEFT}" y="{_TOP}" width="{_WIDTH}" height="{_BAR}" fill="#ececec" stroke="#595959"/>',
        f'<rect x="{_LEFT}" y="{_TOP}" width="{width:g}" height="{_BAR}" fill="{fill}"/>' if width else "",
        label,
        f'<line x1="{line_x}" y1="{_TOP - 8}" x2="{line_x}" y2="{_TOP + _BAR + 8}" stroke="#1a1a1a" '
        'stroke-width="3" stroke-dasharray="5 3"/>',
        f'<text x="{line_x}" y="{_TOP - 11}" text-anchor="{anchor}" fill="#1a1a1a">{escape(needs_label)}</text>',
        f'<text x="{_LEFT}" y="{_HEIGHT - 6}" fill="#1a1a1a">0%</text>',
        f'<text x="{_LEFT + _WIDTH}" y="{_HEIGHT - 6}" text-anchor="end" fill="#1a1a1a">100%</text>',
        "</svg>",
    ]
    return Markup("".join(p for p in parts if p))


def _chart(level: LevelResult, prefix: str = "") -> Markup:
    return level_chart(level.number, level.percent, level.threshold, level.achieved, prefix=prefix)


def _easy_chart(level: easy_read.EasyLevel, prefix: str = "easy-") -> Markup:
    return level_chart(level.number, level.percent, level.threshold, level.achieved, prefix=prefix)


def heat(value: float | None) -> str:
    """The heatmap band of a percent: ``h0`` (0–19%) to ``h4`` (80–100%), or ``hn`` for no score."""
    if value is None:
        return "hn"
    band = int(max(0.0, min(value, 100.0)) * HEAT_BANDS // 100)
    return f"h{min(band, HEAT_BANDS - 1)}"


def link(url: str | None) -> Markup:
    """A web address as a link; anything else (a file path, a note) as plain text."""
    if not url:
        return Markup("")
    if url.startswith(("https://", "http://")) and not any(c.isspace() for c in url):
        return Markup('<a href="{0}">{0}</a>').format(url)
    return escape(url)


def status(code: str) -> Markup:
    """A status as symbol and word: the symbol is hidden from screen readers, which read the word."""
    return Markup('<span class="sym" aria-hidden="true">{0}</span> {1}').format(STATUS_SYMBOLS[code], status_word(code))


def comment_safe(text: str) -> str:
    """Text that cannot end or break an HTML comment ('--' never appears in it)."""
    text = " ".join(str(text).split())
    while "--" in text:
        text = text.replace("--", "-\u2010")
    return text


def _html_values(values: dict[str, Any]) -> dict[str, str]:
    return {k: str(escape(_finalize(v))) for k, v in values.items()}


def _html_gettext(message: str, /, **values: Any) -> Markup:
    """A message for an HTML template: its own words are the catalogue's, kept as written (a
    message may hold inline markup such as ``<em>``), and every value put into it is escaped."""
    return Markup(_(message, **_html_values(values)))


def _html_ngettext(one: str, other: str, count: int, /, **values: Any) -> Markup:
    return Markup(n_(one, other, count, **_html_values(values)))


def environment(template_dir: Path) -> Sandbox:
    """Jinja set up for HTML: every ``{{ }}`` escaped for HTML."""
    env = base_environment(template_dir, finalize=_finalize, autoescape=True)
    env.filters.update(
        status=status,
        status_word=status_word,
        symbol=lambda s: STATUS_SYMBOLS[s],
        role=role_word,
        percent=lambda v: str(percent(v)),
        plural=lambda n, one, many=None: str(plural(n, one, many)),
        day=lambda d: str(day(d)),
        chart=_chart,
        easy_chart=_easy_chart,
        link=link,
        comment_safe=comment_safe,
        heat=heat,
    )
    env.globals.update(marker=MARKER, gettext=_html_gettext, ngettext=_html_ngettext)
    env.globals.update(hash_span=lambda value: Markup('<span class="hash">{0}</span>').format(value))
    return env


def _render(name: str, template_dir: Path | None, **context: Any) -> str:
    """Render the HTML template ``name`` from ``template_dir`` (or the shipped folder), every
    template problem turned into a usage error that names the file."""
    return render_template(environment, template_dir or data_dir("templates"), name, **context)


def render(
    result: Result,
    style: str = "standard",
    *,
    template_dir: Path | None = None,
    source_name: str | None = None,
    since: object = None,
    ratings: str = "by-role",
) -> str:
    """The gap report as one self-contained HTML page, in the ``standard`` or ``easy-read`` style.

    ``since`` (a ``compare.Comparison``, as for the markdown report) is passed to the templates
    as ``since`` for a "since the last assessment" section.
    """
    if style not in TEMPLATES:
        raise UsageError(
            _("--style: '{style}' is not a report style; use one of: {styles}", style=style, styles=", ".join(STYLES))
        )
    return _render(
        TEMPLATES[style],
        template_dir,
        r=result,
        e=easy_read.facts(result),
        source=source_name or result.file,
        since=since,
        ratings=ratings,
    )


def render_summary(summary: Summary, *, template_dir: Path | None = None) -> str:
    """The service summary as one self-contained HTML page: per framework, a heatmap of units ×
    levels and one of units × targets, then what ``summary.md.j2`` shows."""
    return _render(SUMMARY_TEMPLATE, template_dir, s=summary, source=_("the evidence files it lists"))

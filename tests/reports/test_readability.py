"""Plain English, measured: the Flesch reading ease of the fixed text of every report template.

The fixed text is what a template says whatever the unit: the Jinja tags and expressions
and the markup are taken out, and the English literals inside them (such as
``plural("target is", "targets are")``) are kept. Each line, table cell or list item that
does not end a sentence counts as one, as a reader takes it. The standard report must score
at least 60 ("plain English"), the easy-read report at least 80 ("easy to read").
Scores are printed (``pytest -s`` or ``-rA`` shows them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat

from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"
STANDARD, EASY_READ = 60.0, 80.0
MIN_WORDS = 20
"""Fewer words than this are too few for a reading-ease score to mean anything."""
MARKUP_ONLY = {"_html_base.html.j2"}
"""Templates with no prose of their own (the page's frame and style sheet)."""

_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_LITERAL = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_STYLE = re.compile(r"<style>.*?</style>|<!--.*?-->", re.DOTALL)
_INLINE_TAG = re.compile(r"</?(?:span|strong|em|a|code|b|i|abbr)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_MARKDOWN_LINE = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+\.\s|>\s?)")
_SYMBOLS = re.compile(r"[*_`|✓✗◐○–—·“”]|&[a-z]+;")


def _literals(code: str) -> list[str]:
    """English phrases written as string literals inside a tag or expression."""
    found = [a or b for a, b in _LITERAL.findall(code)]
    return [text for text in found if " " in text.strip() and re.search(r"[A-Za-z]{2}", text)]


def fixed_text(source: str) -> str:
    """A template's own words, one sentence per line, cell or list item."""
    source = _COMMENT.sub("", source)
    phrases: list[str] = []

    def keep(match: re.Match[str]) -> str:
        code = match.group(0)
        phrases.extend(_literals(code))
        # Another branch starts another sentence; anything else sits inside one.
        return "\n" if re.match(r"\{%-?\s*(?:else|elif)\b", code) else ""

    source = _CODE.sub(keep, source)
    source = _STYLE.sub("\n", source)
    source = _INLINE_TAG.sub("", source)
    source = _TAG.sub("\n", source)
    cells = (_sentence(cell) for line in [*source.splitlines(), *phrases] for cell in line.split("|"))
    return " ".join(cell for cell in cells if cell)


def _sentence(cell: str) -> str | None:
    """A line or table cell as one sentence; None when it holds no words."""
    text = " ".join(_SYMBOLS.sub(" ", _MARKDOWN_LINE.sub("", cell)).split())
    text = re.sub(r" ([.,;:!?])", r"\1", text).strip(" :;,")
    if not re.search(r"[A-Za-z]{2}", text):
        return None
    return text if text[-1] in ".!?" else text + "."


def _templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.glob("*.j2") if p.name not in MARKUP_ONLY)


@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.name)
def test_reading_ease(template: Path) -> None:
    text = fixed_text(template.read_text(encoding="utf-8"))
    ease = float(textstat.flesch_reading_ease(text))
    words = int(textstat.lexicon_count(text))
    needed = EASY_READ if "easy-read" in template.name else STANDARD
    print(f"\nFlesch reading ease of {template.name}: {ease:.1f} ({words} words; needs {needed:g})")
    if words < MIN_WORDS:
        pytest.skip(f"{template.name}: only {words} words of fixed text, too few to measure")
    assert ease >= needed, (
        f"{template.name}: Flesch reading ease {ease:.1f} is below {needed:g}; use shorter sentences and "
        f"shorter words. The text measured was:\n{text}"
    )


def test_the_measured_text_keeps_words_and_drops_code() -> None:
    source = (
        '{# a note #}<h2 id="x">Who took part</h2>\n<p>{{ r.unit_name }} is at <strong>Level</strong> {{ n }}.</p>\n'
        '{% if a %}| Role | People |\n|---|---:|{% endif %}\n- {{ "The closest is:" if one else "The closest are:" }}\n'
        "<style>h1 { color: red }</style><td>✓ Met</td>"
    )
    assert fixed_text(source) == ("Who took part. is at Level. Role. People. Met. The closest is. The closest are.")


def test_plain_and_hard_text_score_as_expected() -> None:
    """The measure itself: short words in short sentences score high, long ones low."""
    plain = fixed_text("We met. We talked. We agreed what to do next.")
    hard = fixed_text("Organisational accountability necessitates comprehensive multidisciplinary documentation.")
    assert textstat.flesch_reading_ease(plain) > EASY_READ
    assert textstat.flesch_reading_ease(hard) < STANDARD

"""Documents in Welsh and English together, Welsh first (docs/languages.md, "Bilingual documents").

A document is made once in each language of the choice, by the same code, and the two are put
together: in markdown, each heading, paragraph, list and table in Welsh is followed by the same
in English (a block said the same way in both, such as a chart of numbers, comes once); in
HTML, the Welsh page and the English page stand side by side, Welsh on the left (one above the
other, Welsh first, on a narrow screen or paper), each marked with its ``lang``.  Welsh is never
after, smaller or less prominent than English, as the Welsh Language Standards ask.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from coprod_cli import i18n
from coprod_cli.errors import UsageError
from coprod_cli.i18n import _

Form = Literal["markdown", "html"]

_FENCE = re.compile(r"^(```|~~~)")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_MAIN = re.compile(r"<main>\n?(.*?)\n?</main>", re.S)


def in_chosen_languages(make: Callable[[], str], form: Form) -> str:
    """What ``make`` writes, in the language chosen (``--lang``), or in Welsh and English put
    together when the choice is bilingual."""
    choice = i18n.chosen() or i18n.CHOICES[i18n.SOURCE]
    texts = []
    for language in choice.languages:
        with i18n.speaking(language):
            texts.append(make())
    if len(texts) == 1:
        return texts[0]
    first, second = texts
    return pair_markdown(first, second) if form == "markdown" else pair_html(first, second)


def blocks(text: str) -> list[str]:
    """Markdown's blocks: the text between blank lines, a fenced block (a chart) kept whole."""
    found: list[str] = []
    lines: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not line.strip() and not fenced:
            if lines:
                found.append("\n".join(lines))
                lines = []
            continue
        lines.append(line)
    if lines:
        found.append("\n".join(lines).rstrip("\n"))  # a fence left open ends with the text
    return [block for block in found if block]


def pair_markdown(first: str, second: str) -> str:
    """Each block of ``first`` followed by the same block of ``second``; one that reads the same
    in both comes once."""
    ones, twos = blocks(first), blocks(second)
    if len(ones) != len(twos):
        raise UsageError(
            _(
                "the template writes a different number of paragraphs in Welsh and in English, so they cannot "
                "be paired; write each paragraph in both languages, or choose one language with --lang"
            )
        )
    out: list[str] = []
    for one, two in zip(ones, twos, strict=True):
        out.append(one)
        if two != one:
            out.append(two)
    return "\n\n".join(out) + "\n"


def pair_html(first: str, second: str) -> str:
    """The page of ``first`` with its content beside that of ``second``, each marked with its language."""
    languages = i18n.chosen() or i18n.CHOICES["cy+en"]
    parts = []
    for page, language in zip((first, second), languages.languages, strict=True):
        main = _MAIN.search(page)
        if main is None:
            raise UsageError(
                _(
                    "the page has no <main> element to put beside the other language's; "
                    "keep <main> in your template, or choose one language with --lang"
                )
            )
        parts.append(f'<div class="language" lang="{language}">\n{main.group(1)}\n</div>')
    titles = [t.group(1) for t in map(_TITLE.search, (first, second)) if t is not None]
    page = first
    if len(titles) == 2 and titles[0] != titles[1]:
        page = _TITLE.sub(lambda _: f"<title>{titles[0]} · {titles[1]}</title>", page, count=1)
    return _MAIN.sub(lambda _: '<main class="bilingual">\n' + "\n".join(parts) + "\n</main>", page, count=1)

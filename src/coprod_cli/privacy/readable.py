"""Text as a reader sees it: what the privacy scan matches its patterns against.

People write one number in many ways: with two spaces or a no-break space between its groups,
with en-dashes, in full-width or Arabic-Indic digits, with a zero-width space between two
digits, folded by an editor over two lines.  :func:`readable` rewrites text into one plain
form, so each pattern in :mod:`coprod_cli.privacy.patterns` is written once, for that form:

- an escape as YAML's and JSON's double-quoted strings write one (``\\x39``, ``\\u0039``,
  ``\\t``, ``\\_``, a backslash ending the line) is read as the character it stands for, as
  the value read from the file will hold it;
- each character goes through Unicode NFKC ("９" is "9", "ﬁ" is "fi"); a decimal digit of
  any script becomes its ASCII digit ("٩" is "9");
- invisible characters (zero-width spaces and joiners, soft hyphens, direction marks,
  variation selectors) are removed;
- every space character (no-break, thin, ideographic…) and a tab become a space, every dash
  (en-dash, em-dash, minus sign…) a '-', the fraction and division slashes a '/';
- a run of spaces after a word is one space;
- a line folded onto the next, indented one (as YAML folds a long value) is joined to it with
  one space; a line that starts a key (``name:``), a list item (``- ``) or a comment is not.

An HTML page is first read as a browser shows it (:func:`readable` with ``form="html"``):
tags, comments, scripts and styles are taken out, a tag that starts a block (a paragraph, a
table cell) ends the line, entities are decoded and runs of white space are one space.  In
markdown, the HTML it holds, a backslash before punctuation and entities are read as a
renderer reads them.

Every rewrite keeps where each piece came from, so a match in the readable text is reported at
the line and column of the original (:meth:`Readable.origin`).  Each step is one pass of one
regular expression with bounded repetitions: reading stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Form = Literal["plain", "markdown", "html"]
"""How a text is read: as written (files, terminal output, JSON), as markdown, or as an HTML page."""


@dataclass(frozen=True, slots=True)
class Readable:
    """Text rewritten, with where each rewritten piece came from in the text before."""

    text: str
    _new_starts: list[int]
    _new_ends: list[int]
    _old_starts: list[int]
    _old_ends: list[int]
    _before: Readable | None = None

    def origin(self, index: int) -> int:
        """Where the character at ``index`` of :attr:`text` came from in the original text."""
        k = bisect.bisect_right(self._new_starts, index) - 1
        if k < 0:
            old = index
        elif index < self._new_ends[k]:
            old = self._old_starts[k]
        else:
            old = self._old_ends[k] + index - self._new_ends[k]
        return old if self._before is None else self._before.origin(old)


def _rewrite(source: Readable | str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> Readable:
    """Replace each match of ``pattern`` by ``repl(match)``, keeping where each piece came from."""
    text = source if isinstance(source, str) else source.text
    before = None if isinstance(source, str) else source
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    old_starts: list[int] = []
    old_ends: list[int] = []
    last = length = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group():
            continue
        out.append(text[last : m.start()])
        length += m.start() - last
        new_starts.append(length)
        old_starts.append(m.start())
        out.append(new)
        length += len(new)
        new_ends.append(length)
        old_ends.append(m.end())
        last = m.end()
    if not out:
        return Readable(text, [], [], [], [], before)
    out.append(text[last:])
    return Readable("".join(out), new_starts, new_ends, old_starts, old_ends, before)


# --- characters ------------------------------------------------------------------------------------

_INVISIBLE_MARKS = frozenset("\u034f\u115f\u1160\u3164\uffa0") | {chr(c) for c in range(0xFE00, 0xFE10)}
"""Invisible characters that are not format characters: the combining grapheme joiner, the Hangul
fillers and the variation selectors."""
_SLASHES = frozenset("\u2044\u2215\u29f8")


@lru_cache(maxsize=4096)
def _plain_char(ch: str) -> str:
    """One character as :func:`readable` writes it (see the module's description)."""
    category = unicodedata.category(ch)
    if category == "Cf" or ch in _INVISIBLE_MARKS or 0xE0100 <= ord(ch) <= 0xE01EF:
        return ""
    if category in ("Zs", "Zl", "Zp") or ch == "\x85":
        return " "
    if category == "Pd" or ch == "\u2212":
        return "-"
    if ch in _SLASHES:
        return "/"
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    return unicodedata.normalize("NFKC", ch)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plain_chars(source: Readable | str) -> Readable:
    return _rewrite(source, _NON_ASCII, lambda m: _plain_char(m.group()))


# --- spaces and folded lines -----------------------------------------------------------------------

# Each pattern here starts with the one character class it consumes first (then looks behind it), so
# the regex engine skips straight to the white space: a mebibyte of evidence reads several times faster.
_NEXT_LINE_CONTINUES = r"(?=[^\s#\-]|-\S)(?![^\s:#'\"{}\[\],][^\s:]*:(?:\s|$))"
"""The next line, after its indentation, neither starts a key ("name: …"), a list item ("- …")
nor a comment: it carries on the value of the line before, as an editor folds a long value."""
_GAP = r"(?<=\S[ \t])(?:[ \t]+|(?<=\t))"
"""After the first space or tab: two or more spaces and tabs after a word, or one tab (not a line's
indentation)."""
_SPACES_AND_FOLDS = re.compile(
    r"[ \t\r\n](?:"
    rf"(?<=[ \t])(?<![ \t][ \t])[ \t]*(?:\r\n|\r|\n)[ \t]+{_NEXT_LINE_CONTINUES}"  # spaces, break, indent
    rf"|(?<=\r)\n?[ \t]+{_NEXT_LINE_CONTINUES}"  # a break and the indentation after it
    rf"|(?<=\n)[ \t]+{_NEXT_LINE_CONTINUES}"
    rf"|{_GAP})"
)
_SPACES = re.compile(r"[ \t]" + _GAP)


# --- escapes ---------------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|(?:\r\n|\r|\n)[ \t]*|.)")
"""An escape in a YAML or JSON double-quoted string (anything else after a backslash stays as it is)."""
_ESCAPED = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
    "P": "\u2029",
}  # fmt: skip


def _unescape(m: re.Match[str]) -> str:
    escape = m.group()
    if escape[1] in "\r\n":
        return ""  # an escaped line break: the lines are joined with nothing between
    if len(escape) > 2:
        code = int(escape[2:], 16)
        return chr(code) if code <= 0x10FFFF else escape
    return _ESCAPED.get(escape[1], escape)


# --- HTML and markdown -----------------------------------------------------------------------------

_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
"""Tags that do not end a line on the page; every other tag (p, td, li, br, div…) does."""
_TAGS = (
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<hidden>script|style|template)\b[^<>]*>.*?(?:</(?P=hidden)\s*>|\Z)"
    r"|<(?:/?(?P<tag>[A-Za-z][A-Za-z0-9:\-]*)|!)[^<>]*>"
)
_MARKUP = re.compile(_TAGS, re.DOTALL | re.IGNORECASE)
"""The HTML a markdown page may hold."""
_PAGE = re.compile(_TAGS + r"|[ \t\r\n\f]+", re.DOTALL | re.IGNORECASE)
"""An HTML page: its markup, and white space, which a browser shows as one space."""
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?")
_MD_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def _page(m: re.Match[str]) -> str:
    """What a browser shows for a tag, a comment or white space."""
    if m.group()[0] != "<":
        return " "
    tag = m.group("tag")
    return "" if tag is None or tag.lower() in _INLINE_TAGS else "\n"


def readable(text: str, form: Form = "plain") -> Readable:
    """``text`` as a reader of ``form`` sees it, in the plain form described in the module."""
    source: Readable | str = text
    if form == "html":
        source = _rewrite(source, _PAGE, _page)
    elif form == "markdown":
        source = _rewrite(_rewrite(source, _MARKUP, _page), _MD_ESCAPE, lambda m: "")
    if form == "plain":
        source = _rewrite(source, _ESCAPE, _unescape)
    else:
        source = _rewrite(source, _ENTITY, lambda m: html.unescape(m.group()))
    source = _plain_chars(source)
    return _rewrite(source, _SPACES if form == "html" else _SPACES_AND_FOLDS, lambda m: " ")

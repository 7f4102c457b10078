"""TOML text read for coprod's settings: parsed within the reader's limits, and found again by place.

``tomllib`` keeps no positions, so :class:`Locator` finds where a key or value was written for
messages; :func:`parse_toml` refuses nesting past the YAML reader's depth before parsing (the
TOML parser recurses once per level) and words its syntax errors in the user's terms.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from coprod_cli.errors import InputError, Problem
from coprod_cli.i18n import N_, _, n_
from coprod_cli.reading.yamlread import MAX_DEPTH

if TYPE_CHECKING:
    import tomllib


class Locator:
    """Finds where a key or value was written in TOML text, for messages (tomllib keeps no positions)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def position(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index) + 1
        return line, index - (self.text.rfind("\n", 0, index) + 1) + 1

    def _outside_comment(self, index: int) -> bool:
        start = self.text.rfind("\n", 0, index) + 1
        return "#" not in self.text[start:index]

    def table(self, header: str) -> int:
        """Where the ``[header]`` line is, else where the table's first part appears, else 0."""
        pattern = r"^[ \t]*\[[ \t]*" + r"[ \t]*\.[ \t]*".join(re.escape(p) for p in header.split(".")) + r"[ \t]*\]"
        m = re.search(pattern, self.text, re.MULTILINE)
        if m:
            return m.start() + m.group().index("[")
        last = header.rsplit(".", 1)[-1]
        return self.key(last, 0) or 0

    def key(self, key: str, start: int) -> int | None:
        """Where ``key`` is first written as a key (bare or quoted) at or after ``start``."""
        k = re.escape(key)
        pattern = re.compile(r"(?<![\w\-])(?:" + k + r"|\"" + k + r"\"|'" + k + r"')(?=[ \t]*[=.\]])")
        for m in pattern.finditer(self.text, start):
            if self._outside_comment(m.start()):
                return m.start()
        return None

    def value(self, value: str, start: int) -> int | None:
        """Where the quoted text ``value`` is first written at or after ``start``."""
        found = [i for q in ('"', "'") if (i := self.text.find(q + value + q, start)) >= 0]
        return min(found) if found else None


# tomllib's reasons, in the user's words.
_TOML_REASONS = {
    "Invalid value": N_(
        "this value is not valid TOML; write text in double quotes and lists in [ ], "
        'as in allow_phone_numbers = ["01632 960000"]'
    ),
    "Unclosed array": N_("a list above is not closed: add ']' at its end, and ',' between its items"),
    "Cannot overwrite a value": N_("this key is set twice; keep one and merge what they say"),
    "Expected '=' after a key in a key/value pair": N_(
        "this line needs '=' after its key, as in allow_email_domains = [\"example.org\"]"
    ),
    "Expected ']' at the end of a table declaration": N_("this table heading needs a closing ']', as in [privacy]"),
    "Unterminated string": N_("this quoted text is never closed; add the closing quote"),
    "Expected \"'''\"": N_("this quoted text is never closed; add the closing quote"),
    "Illegal character '\\n'": N_("this quoted text is never closed; add the closing quote before the end of the line"),
    'Expected "\'"': N_("this quoted text is never closed; add the closing quote before the end of the line"),
    "Invalid statement": N_("this line is not a TOML setting; write 'key = value', or a heading such as [privacy]"),
    "Invalid initial character for a key part": N_(
        "this line is not a TOML setting; write 'key = value', or a heading such as [privacy]"
    ),
}
_TOML_AT = re.compile(
    r"^(?P<reason>.*) \((?:at line (?P<line>[0-9]+), column (?P<col>[0-9]+)|at end of document)\)$", re.S
)
# What can open or close a nesting in TOML, with the strings and comments that hide brackets.
_TOML_NESTING = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]', re.S
)


def _syntax_problem(shown: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    raw = str(error)
    m = _TOML_AT.match(raw)
    reason = m.group("reason") if m else raw
    lines = text.split("\n")
    if m and m.group("line"):
        line, col = int(m.group("line")), int(m.group("col"))
    else:  # "at end of document": the last line with anything on it
        line = max((i for i, ln in enumerate(lines, 1) if ln.strip()), default=1)
        col = len(lines[line - 1].rstrip("\r")) + 1
        if reason in ("Unterminated string", 'Expected "\'"', "Expected \"'''\""):  # point at the quote that opened it
            opened = max(text.rfind('"'), text.rfind("'"))
            if opened >= 0:
                line = text.count("\n", 0, opened) + 1
                col = opened - (text.rfind("\n", 0, opened) + 1) + 1
                for quotes in ('"""', "'''"):
                    if text.rfind(quotes, 0, opened + 1) == opened - 2 >= 0:
                        col -= 2
    if reason.startswith("Cannot overwrite a value") and 0 < line <= len(lines):
        body = lines[line - 1]
        col = len(body) - len(body.lstrip(" \t")) + 1  # point at the key, not past its value
    if reason.startswith("Cannot declare"):
        message = _("this table is declared twice; keep one heading and put all its settings under it")
    elif reason in _TOML_REASONS:
        message = _(_TOML_REASONS[reason])
    else:
        message = _("this is not valid TOML ({reason}); check this line and the one above", reason=reason)
    return Problem(shown, line, col, message, "config-syntax")


def _too_deep(text: str) -> int | None:
    """Where lists or inline tables first open more than ``MAX_DEPTH`` deep, or None.

    Checked before parsing, as YAML is: the TOML parser recurses once per level.
    """
    depth = 0
    for m in _TOML_NESTING.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
    return None


def parse_toml(text: str, shown: str) -> dict[str, Any]:
    import tomllib  # noqa: PLC0415 - only for a unit that has a settings file

    deep = _too_deep(text)
    if deep is not None:
        line, column = Locator(text).position(deep)
        message = n_(
            "nested more than {count} level deep; coprod settings are never this deep",
            "nested more than {count} levels deep; coprod settings are never this deep",
            MAX_DEPTH,
        )
        raise InputError([Problem(shown, line, column, message, "too-deep")])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError([_syntax_problem(shown, text, e)]) from e

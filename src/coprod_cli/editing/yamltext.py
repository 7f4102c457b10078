"""YAML written and edited as lines of text: the one place for what init, merge, migrate and
the interview share.

Those commands write evidence files, or change them in place, line by line, so that every byte
they do not mean to change stays as it was (comments, quotes, blank lines, CRLF line ends).
This module holds the small pieces they all need: how a key or a value is written so it reads
back as the same text, how to tell a line's indent, a comment or a heading, which comments go
with the entry below them, a file's own line end, and a framework's text (the comment above an entry)
in the language coprod speaks.  It knows nothing of evidence files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
"""A key that is written without quotes: an id such as ``L1.buddy-system``, a one-word name."""
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
PLAIN_VALUE_KEYS = frozenset({"status", "date", "due", "changed_on", "role", "review_by"})
"""Keys whose value, one word (a status, a date, a role), is written without quotes."""
_HEADING = re.compile(r"#\s*(-{3,}|={3,})")


# ---- writing keys and values -------------------------------------------------------------


def quoted(text: str) -> str:
    """``text`` in double quotes, escaped; any text at all reads back as itself."""
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def key_text(text: str) -> str:
    """``text`` as a mapping key: plain when it is an id-like word, else in double quotes."""
    return text if PLAIN_KEY.fullmatch(text) else quoted(text)


def value_text(name: str, value: str) -> str:
    """The value of the key ``name``: a one-word status, date or role plain, any other text quoted."""
    return value if name in PLAIN_VALUE_KEYS and _WORD.fullmatch(value) else quoted(value)


def flow_mapping(mapping: Mapping[str, str | None]) -> str:
    """A mapping on one line, ``{description: "…", date: 2026-09-30}``; keys without a value are left out."""
    parts = [f"{key_text(k)}: {value_text(k, v)}" for k, v in mapping.items() if v is not None]
    return "{" + ", ".join(parts) + "}"


def comment_text(text: str) -> str:
    """``text`` on one line with single spaces, to follow a ``#``."""
    return " ".join(text.split())


# ---- reading lines -----------------------------------------------------------------------


def newline_of(text: str) -> str:
    """The line end a file uses: CRLF if it has any, else LF."""
    return "\r\n" if "\r\n" in text else "\n"


def split_lines(text: str) -> tuple[list[str], str]:
    """The lines of ``text`` with their ends, the last one given the file's line end if it had none."""
    newline = newline_of(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    return lines, newline


def indent_of(line: str) -> int:
    """How many spaces the line starts with."""
    return len(line) - len(line.lstrip(" "))


def is_blank(line: str) -> bool:
    return not line.strip()


def is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def is_heading(line: str) -> bool:
    """A comment that heads a group of entries, such as ``# ---- Level 1: … ----``."""
    return _HEADING.match(line.strip()) is not None


def entry_top(lines: Sequence[str], key_line: int, floor: int, indent: int) -> int:
    """Where the entry whose key is on line ``key_line`` starts: with the comments right above it.

    Those are the comment lines at the entry's own ``indent``, up to (not including) line
    ``floor`` (the section's key) and never a heading, which belongs to the entries below it.
    """
    top = key_line
    while (
        top - 1 > floor
        and is_comment(lines[top - 1])
        and indent_of(lines[top - 1]) == indent
        and not is_heading(lines[top - 1])
    ):
        top -= 1
    return top

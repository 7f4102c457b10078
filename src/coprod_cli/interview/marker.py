"""Where to carry on, kept in the evidence file itself so git keeps it with the answers.

A comment line above the file's first key, ``# coprod interview: next L2.team-building``
(``# coprod interview for NAME: next ...`` for ``--as NAME``), is updated on each save and
removed when the last target has been answered or skipped (or when the next one is the first).
"""

from __future__ import annotations

import re

from coprod_cli.editing.yamltext import is_comment, newline_of
from coprod_cli.model.evidence import person_key

MARKER = "# coprod interview"
_MARKER = re.compile(r"# coprod interview(?: for (?P<name>.+?))?: next (?P<ident>\S+)[ \t]*$")


def _marker_for(line: str, rater: str | None) -> str | None:
    found = _MARKER.fullmatch(line.rstrip("\r\n"))
    if found is None:
        return None
    name = found.group("name")
    if (name is None) != (rater is None):
        return None
    if name is not None and rater is not None and person_key(name) != person_key(rater):
        return None
    return found.group("ident")


def read_marker(text: str, rater: str | None) -> str | None:
    """The step a session of ``rater`` (None: the group) stopped at, from its marker line."""
    for line in text.splitlines():
        ident = _marker_for(line, rater)
        if ident is not None:
            return ident
    return None


def set_marker(text: str, rater: str | None, ident: str | None) -> str:
    """Put (or with None remove) the marker line of ``rater`` above the file's first key."""
    lines = text.splitlines(keepends=True)
    newline = newline_of(text)
    kept = [line for line in lines if _marker_for(line, rater) is None]
    if ident is not None:
        who = f" for {' '.join(rater.split())}" if rater is not None else ""
        first = next((n for n, line in enumerate(kept) if line.strip() and not is_comment(line)), len(kept))
        kept.insert(first, f"{MARKER}{who}: next {ident}{newline}")
    return "".join(kept)

"""What libyaml lets through that YAML does not allow, or reads differently from the YAML spec.

Each check looks at the lines of one node the reader has just been given, only for the
rare nodes it concerns (text over several lines, a block scalar, a '#' right after a
character), so reading an ordinary file costs nothing more.  Each returns the place
(0-based line and column) and what to say, or None.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from coprod_cli.i18n import N_, _

Place = tuple[int, int]
Found = tuple[int, int, str] | None

# Each said where it is found, translated there with ``_``.
FLOW_DASH = N_("'-' alone inside '[…]' or '{…}' is not a value; put it in quotes (\"-\") or remove it")
QUESTION_KEY = N_(
    "'?' written straight before a key is read differently by different YAML tools; put the whole key in double quotes"
)
DIRECTIVE = N_("directives (lines starting with '%', such as '%YAML 1.2') are not allowed; remove this line")
NO_SPACE_BEFORE_COMMENT = N_(
    "'#' starts a comment only after a space; write ' #' here, or, if '#' belongs to the text, "
    "put the whole value in double quotes"
)
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


def _spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


CONTINUED = {
    "brackets": (
        N_("a tab is used here to indent this {brackets}; YAML needs spaces for indentation"),
        N_(
            "this line goes on with this {brackets} from line {line}, so it must be indented further than "
            "the key or '-' it belongs to; add spaces at its start"
        ),
    ),
    "quoted": (
        N_("a tab is used here to indent this quoted text; YAML needs spaces for indentation"),
        N_(
            "this line goes on with this quoted text from line {line}, so it must be indented further than "
            "the key or '-' it belongs to; add spaces at its start"
        ),
    ),
}
"""What :func:`continuation` says of each kind of node: a line indented with a tab, or too little."""


def continuation(lines: list[str], first: int, last: int, indent: int, what: str) -> Found:
    """A line from ``first`` to ``last`` of a node over several lines that is not indented
    further than ``indent``, the column of the key or '-' the node belongs to (blank lines may be).

    ``what`` is the kind of node: "quoted" for quoted text, else its brackets, "'{…}'" or "'[…]'"."""
    for number in range(first, min(last, len(lines) - 1) + 1):
        line = lines[number]
        spaces = _spaces(line)
        if spaces > indent or not line.strip(" \t\r"):
            continue
        tab, shallow = CONTINUED["quoted" if what == "quoted" else "brackets"]
        message = _(tab, brackets=what) if line[spaces] == "\t" else _(shallow, brackets=what, line=first)
        return number, spaces, message
    return None


def block_scalar(lines: list[str], start: Place, indent: int) -> Found:
    """A '|' or '>' block whose header is followed by '#' with no space, or whose empty first
    lines hold more spaces than its first line of text (YAML forbids both)."""
    line_no, column = start
    header = _BLOCK_HEADER.match(lines[line_no], column) if line_no < len(lines) else None
    if header is None:
        return None
    if lines[line_no].startswith("#", header.end()):
        return line_no, header.end(), _(NO_SPACE_BEFORE_COMMENT)
    if any(ch.isdigit() for ch in header.group()):
        return None
    widest = 0
    for number in range(line_no + 1, len(lines)):
        line = lines[number].rstrip("\r")
        if line.strip(" "):
            if _spaces(line) > indent and widest > _spaces(line):
                message = _(
                    "the empty lines at the start of this '{header}' text hold more spaces than its "
                    "first line of text; remove the spaces from those empty lines",
                    header=header.group()[0],
                )
                return number, 0, message
            return None
        widest = max(widest, len(line))
    return None


def comments_without_space(lines: list[str], candidates: list[Place], spans: list[tuple[Place, Place]]) -> list[Found]:
    """Each '#' (from ``candidates``, each right after a character that is not a space) that
    is outside every value (``spans``, sorted by start) and outside a comment: YAML reads none
    of them as a comment, libyaml reads them all as one."""
    starts = [span[0] for span in spans]

    def inside_value(place: Place) -> bool:
        n = bisect_right(starts, place) - 1
        return n >= 0 and spans[n][0] <= place < spans[n][1]

    found: list[Found] = []
    for line_no, column in candidates:
        line = lines[line_no]
        in_comment = any(
            line[k] == "#" and (k == 0 or line[k - 1] in " \t") and not inside_value((line_no, k))
            for k in range(column)
        )
        if not in_comment and not inside_value((line_no, column)):
            found.append((line_no, column, _(NO_SPACE_BEFORE_COMMENT)))
    return found

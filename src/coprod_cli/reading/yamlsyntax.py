"""What to say when a file is not YAML coprod can read: the place and the cause, in the user's words.

PyYAML says where its parser stopped and what it expected there; that is rarely where the
mistake is, nor in words a unit lead would use.  This module looks at the text around that
place and names the mistake people really make, at its own line and column: characters
pasted from a word processor (non-breaking spaces, curly quotes, an apostrophe inside single
quotes), ': ' or ' #' inside '{…}', and the YAML features coprod does not read
(docs/evidence-file.md, 'Strict YAML reading').
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from coprod_cli.i18n import N_, _


class Mark(NamedTuple):
    """Where a value is written: 1-based line and column."""

    line: int
    column: int


# ---- characters pasted from a word processor -----------------------------------------

_SPACE_NAMES = {
    "\u00a0": N_("a non-breaking space"),
    "\u2007": N_("a figure space"),
    "\u202f": N_("a narrow non-breaking space"),
    "\u200b": N_("a zero-width space"),
    "\u3000": N_("an ideographic space"),
    "\ufeff": N_("a zero-width no-break space"),
}
UNUSUAL_SPACES = "\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff"
"""Spaces a word processor puts in text, which YAML reads as text, never as a space."""
HAS_UNUSUAL_SPACE = re.compile(f"[{UNUSUAL_SPACES}]")
# Where YAML needs an ordinary space: in the indentation, after a list item's '-', and after
# the ':' of a key written first on its line.
_PASTED_SPACE = re.compile(f"^ *(?:- +)*(?:(-)|([^\\s'\"#{{\\[][^:\\n]*?:))?[{UNUSUAL_SPACES}]")


_UNUSUAL_SPACE = N_("an unusual space")


def _code_point(ch: str) -> str:
    """'U+00A0'."""
    return f"U+{ord(ch):04X}"


def space_name(ch: str) -> str:
    """'a non-breaking space (U+00A0)'."""
    return f"{_(_SPACE_NAMES.get(ch, _UNUSUAL_SPACE))} ({_code_point(ch)})"


def pasted_space(line: str) -> tuple[int, str] | None:
    """The 0-based column of a pasted space where YAML needs an ordinary one, and what to say."""
    found = _PASTED_SPACE.match(line)
    if found is None:
        return None
    column = found.end() - 1
    name = space_name(line[column])
    if found.group(1):
        # TRANSLATORS: {space} names the character, e.g. 'a non-breaking space (U+00A0)'.
        message = _(
            "{space} follows '-' here, so YAML does not see a list item; replace it with an ordinary space",
            space=name,
        )
        return column, message
    if found.group(2):
        key = found.group(2)[:-1].strip()
        message = _(
            "{space} follows ':' here, so YAML does not see '{key}' as a key; replace it with an ordinary space",
            space=name,
            key=key,
        )
        return column, message
    message = _(
        "this line is indented with {space}, which YAML reads as text, not as indentation "
        "(text pasted from a word processor often has them); retype the indentation with ordinary spaces",
        space=name,
    )
    return column, message


def _pasted_space_above(lines: list[str], last: int) -> tuple[Mark, str] | None:
    """A pasted space on the line where the parser stopped or the one above it (the reader names
    those on lines it read before, in their values; further up, one may be text in a block)."""
    for number in range(max(last - 1, 0), min(last, len(lines) - 1) + 1):
        found = pasted_space(lines[number])
        if found is not None:
            return Mark(number + 1, found[0] + 1), found[1]
    return None


_CURLY = re.compile("(?:^|[ \\[{,])([\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb])")
_APOSTROPHE = re.compile(r"(?:^|[ \[{,])'((?:[^'\n]|'')*)'(?=[^\s,\]}:#'])")
_QUOTE_IN_QUOTES = re.compile(r'(?:^|[ \[{,])"((?:[^"\\\n]|\\.)*)"(?=[^\s,\]}:#"])')


def _quote_mistake(line: str, number: int) -> tuple[Mark, str] | None:
    """An apostrophe that closes single quotes early, a quote inside double quotes, or a curly quote."""
    found = _APOSTROPHE.search(line)
    if found is not None:
        word = found.group(1).rsplit(" ", 1)[-1]
        after = re.match(r"\w*", line[found.end() :])
        fixed = f"{word}''{after.group() if after else ''}"
        return Mark(number + 1, found.end()), _(
            "this apostrophe ends the text in single quotes early; inside single quotes write it twice "
            "('{fixed}'), or put the whole text in double quotes",
            fixed=fixed,
        )
    found = _QUOTE_IN_QUOTES.search(line)
    if found is not None:
        return Mark(number + 1, found.end()), _(
            "this '\"' ends the text in double quotes early; write '\\\"' for a quote inside double quotes, "
            "or put the whole text in single quotes"
        )
    found = _CURLY.search(line)
    if found is not None:
        ch = found.group(1)
        return Mark(number + 1, found.start(1) + 1), _(
            "'{quote}' is a curly quote ({code}), which YAML reads as text, not as a quote; "
            "put the whole text in straight double quotes '\"' instead",
            quote=ch,
            code=_code_point(ch),
        )
    return None


# ---- inside '{…}' and '[…]' ------------------------------------------------------------

_FLOW_CONTEXTS = {"while parsing a flow sequence": "'[…]'", "while parsing a flow mapping": "'{…}'"}
"""What a '[…]' or '{…}' is called in a message: as written, in every language."""
_COMMENT = re.compile(r"(?:^|[ \t])#(\S?)")


def _strip_comments(text: str) -> str:
    """``text`` with each line's ' #…' comment cut off (quotes are not looked at: a rough cut)."""
    return "\n".join(_COMMENT.split(line, 1)[0] for line in text.split("\n"))


def _flow_message(text: str, opened: int, at: int, what: str) -> tuple[int, str] | None:
    """Why a '{…}' or '[…]' opened at index ``opened`` could not go on at index ``at``.

    Returns the index to point at and the message, or None to say it was never closed.
    """
    first_line_end = text.find("\n", opened)
    first_line = text[opened : first_line_end if first_line_end >= 0 else len(text)]
    cut = re.search(r"[ \t]#\w", first_line)
    if cut is not None and text.find("\n", opened, at) >= 0:
        return opened + cut.start() + 1, _(
            "' #' starts a comment inside this {what}, which cuts off the rest of the line; "
            "put the text that holds '#' in double quotes",
            what=what,
        )
    if at >= len(text) or not text[at:].strip():
        return None
    line_start = text.rfind("\n", 0, at) + 1
    opened_start = text.rfind("\n", 0, opened) + 1
    # The lines below go on as if it were closed: its '}' or ']' is missing.
    unclosed = line_start > opened and _indent(text[line_start:at]) <= _indent(text[opened_start:opened])
    if text[at] == ":":
        before = _strip_comments(text[opened + 1 : at])
        entry = re.split(r"[,{\[]", before)[-1]
        if ":" in entry.replace("::", ""):
            if unclosed:
                return None
            if "\n" in entry:
                return at, _(
                    "a ',' is missing between the entries of this {what}; add ',' at the end of the line above",
                    what=what,
                )
            return at, _("': ' inside this value starts a new key; put the whole value in double quotes")
        if "\n" in entry:
            return at, _(
                "a key and its ':' are on different lines inside this {what}; write them on one line", what=what
            )
    if unclosed:
        return None
    return at, _("inside this {what} a ',' is missing before this entry; add ',' between entries", what=what)


# ---- the one entry point ---------------------------------------------------------------

_OPENED = {
    "while scanning a quoted scalar": N_("this quoted text is never closed; add the closing quote at its end"),
    "while scanning a simple key": N_("this line needs a ':' after its key, as in 'key: value'"),
    "while parsing a flow sequence": N_("this '[' list is never closed; add ']' at its end and ',' between its items"),
    "while parsing a flow mapping": N_(
        "this '{' mapping is never closed; add '}' at its end and ',' between its items"
    ),
    "while scanning an anchor": N_("anchors ('&name') are not allowed; write the value out in full"),
    "while scanning an alias": N_("aliases ('*name') are not allowed; write the value out in full"),
}
_NOT_LINED_UP = N_("this line does not line up with the keys above it; indent it with the same spaces")
# libyaml's wording first; PyYAML's own parser (where it is built without libyaml) says the
# same things in other words, after them.
_AT_PROBLEM = {
    "did not find expected key": _NOT_LINED_UP,
    "expected <block end>, but found": _NOT_LINED_UP,
    "did not find expected '-' indicator": N_(
        "this list item does not line up with the ones above; start each with '- '"
    ),
    "found unknown escape character": N_(
        "inside double quotes a backslash starts an escape; write '\\\\' for a backslash or use single quotes"
    ),
    "found undefined tag handle": N_("tags are not allowed; remove the '!' and write a plain value"),
}
_TAB_INDENT = N_("a tab is used here; YAML needs spaces for indentation")
_TAB = N_("a tab is used here; coprod reads spaces only, outside quoted text: replace it with a space")
_DIRECTIVE = N_("directives (lines starting with '%', such as '%YAML 1.2') are not allowed; remove this line")
EMPTY_KEY = N_("':' has no key before it (YAML allows an empty key, coprod does not); write the key before ':'")
"""Said where a ':' has no key before it (translate it with ``_`` where it is said)."""


def _offset(text: str, mark: yaml.Mark) -> int:
    """The index in ``text`` of a PyYAML mark (its own index counts differently in some builds)."""
    return sum(map(len, text.splitlines(keepends=True)[: mark.line])) + mark.column


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def syntax_message(e: yaml.MarkedYAMLError, text: str, lines: list[str]) -> tuple[Mark, str]:
    """Where to point (1-based) and what to say for a YAML syntax error, in the user's terms."""
    problem = (e.problem or "").strip()
    context = (e.context or "").strip()
    raw = e.problem_mark or e.context_mark
    if raw is None:  # pragma: no cover - PyYAML always marks its syntax errors
        return Mark(0, 0), _("this is not valid YAML ({cause})", cause=problem or context)
    if HAS_UNUSUAL_SPACE.search(text):
        found = _pasted_space_above(lines, raw.line)
        if found is not None:
            return found
    # A quote mistake is looked for where PyYAML stopped, and on the line that opened the '{' or
    # '[' it stopped in: never on a line further up, whose curly quotes may be text as meant.
    opened = e.context_mark.line if e.context_mark is not None and context in _FLOW_CONTEXTS else raw.line
    for number in sorted({opened, raw.line}):
        found = _quote_mistake(lines[number], number) if number < len(lines) else None
        if found is not None:
            return found
    line = lines[raw.line] if raw.line < len(lines) else ""
    if e.context_mark is not None and context in _FLOW_CONTEXTS and problem.find("expected ',' or") >= 0:
        opened, at = _offset(text, e.context_mark), _offset(text, raw)
        said = _flow_message(text, opened, at, _FLOW_CONTEXTS[context])
        if said is not None:
            index, message = said
            return Mark(text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1), message
    if e.context_mark is not None and context in _OPENED:
        return Mark(e.context_mark.line + 1, e.context_mark.column + 1), _(_OPENED[context])
    mark = Mark(raw.line + 1, raw.column + 1)
    if "node content" in problem and not text[_offset(text, raw) :].strip():
        return mark, _("the file ends inside a '[…]' or '{…}' that is never closed; add its closing ']' or '}'")
    return _at_problem(problem, context, mark, line, lines[: raw.line])


def _at_problem(problem: str, context: str, mark: Mark, line: str, above: list[str]) -> tuple[Mark, str]:
    """The message for a problem PyYAML found at ``mark`` on ``line``."""
    column = mark.column - 1
    if line.startswith("%"):
        return Mark(mark.line, 1), _(_DIRECTIVE)
    if line.startswith("...") or "document start" in problem:
        ended = next((n for n, text in enumerate(above) if text.startswith("...")), None)
        directive = next((n for n, text in enumerate(above) if text.startswith("%")), None)
        if directive is not None:
            return Mark(directive + 1, 1), _(_DIRECTIVE)
        if line.startswith("..."):
            return Mark(mark.line, 1), _(
                "'...' (the end of a document) is written with no document before it; remove it"
            )
        if ended is not None:
            return Mark(ended + 1, 1), _(
                "'...' ends the document here, and more follows; keep one document per file and remove '...'"
            )
        if any(re.match(r"---[ \t]+[|>]", text) for text in above):
            return mark, _(
                "text on the '---' line must be followed by indented lines; start the value on the next line"
            )
        return mark, _(
            "this line follows a value that has already ended (a bracket closed, or a line that is not "
            "'key: value'); remove it or make it part of the value above"
        )
    if "tab" in problem or line[column : column + 1] == "\t":
        indenting = line.startswith("\t") and line.strip()[:1] not in ("", "[", "{")
        return mark, _(_TAB_INDENT if indenting else _TAB)
    if problem.startswith("found unknown escape character") and line[column - 1 : column] == "\\":
        mark = Mark(mark.line, mark.column - 1)  # PyYAML's own parser points after the backslash
    said = _misplaced(problem, line, column)
    if said is not None:
        return mark, said
    if (
        line[column : column + 1] == ":"
        and line[column + 1 : column + 2] in ("", " ", "\r")
        and (line[:column].rstrip(" ")[-1:] in ("", "-", "?", "[", "{", ","))
    ):
        return mark, _(EMPTY_KEY)
    if line[column : column + 1] == ":":
        if line[column + 1 : column + 2] in (",", "}", "]"):
            return mark, _("':' needs a space after it here; write ': ' (or quote the text)")
        if "node content" in problem or "unexpected ':'" in problem or "expected the node content" in problem:
            return mark, _("a value that starts with ':' must be in quotes here; put the whole value in double quotes")
    for known, message in _AT_PROBLEM.items():
        if problem.startswith(known):
            return mark, _(message)
    if problem.startswith("found character") and problem.endswith("that cannot start any token"):
        char = line[column : column + 1]
        return mark, _("'{char}' cannot start a value here; put the whole value in quotes", char=char)
    if problem.startswith("mapping values are not allowed"):
        prior = next((ln for ln in reversed(above) if ln.strip() and not ln.lstrip().startswith("#")), "")
        if ": " not in line[:column] and _indent(line) > _indent(prior) and not prior.rstrip().endswith(":"):
            return (
                Mark(mark.line, _indent(line) + 1),
                _("this line is indented more than the line above; line it up with the key it belongs beside"),
            )
        return mark, _(
            "': ' inside this value starts a new key; if it belongs to the text, put the whole value in quotes"
        )
    # TRANSLATORS: {cause} is the YAML parser's own words, in English.
    return mark, _(
        "this is not valid YAML ({cause}); check this line and the one above",
        cause=problem or context or "unreadable",
    )


def _misplaced(problem: str, line: str, column: int) -> str | None:
    """A '- ' item, a ',', a block text's header or a tag where YAML does not allow one."""
    if "block sequence entries are not allowed" in problem:
        return _(
            "a '- ' list item cannot start on a line that already holds a key or value; start it on a line of its own"
        )
    if line[column : column + 1] == "," and ("node content" in problem or "expected the node content" in problem):
        return _("this ',' has no entry before it; remove it")
    if "indentation indicator equal to 0" in problem or (
        "comment or line break" in problem and re.search(r"[|>][0-9+-]*[ \t]*\S*$", line[:column])
    ):
        return _(
            "after '|' or '>' only a digit from 1 to 9, '+' or '-' may follow on the same line; "
            "start the text on the next line, indented"
        )
    if "whitespace or line break" in problem and re.search(r"!\S*$", line[:column]):
        return _("tags ('!…') are not allowed; remove the tag and write a plain value")
    return None

"""A strict YAML reader that keeps where every value came from.

It walks PyYAML's event stream (libyaml's when available) without recursion, so
nesting depth is checked before anything deep is built.  Scalars stay text: the
only conversion is an empty, ``~`` or ``null`` plain value to ``None``; ``no``
stays the text "no" and ``2026-10-14`` stays the text "2026-10-14" until a model
field asks for a date.  Every node's line and column is kept by its path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from coprod_cli.errors import InputError, Problem
from coprod_cli.i18n import N_, _
from coprod_cli.reading import yamlchecks
from coprod_cli.reading.document import Document, PathKey, Value
from coprod_cli.reading.textfile import read_text
from coprod_cli.reading.yamlsyntax import EMPTY_KEY, HAS_UNUSUAL_SPACE, Mark, pasted_space, syntax_message

__all__ = ["MAX_DEPTH", "Document", "Mark", "PathKey", "Value", "parse_text", "read_document", "refused_character"]

MAX_DEPTH = 50
MAX_ITEMS = 10_000
"""Entries one list or mapping may hold: far above any real framework or unit, far below harm."""
MAX_VALUES = 100_000
"""Keys and values one file may hold: a real 1 MiB file has about 45,000; a hostile one, 350,000."""
MAX_PROBLEMS = MAX_ITEMS
"""Problems one file may have before reading stops (a key repeated for a whole megabyte, say)."""


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# What YAML itself refuses, plus what we refuse inside values (escapes can make them).
# Written as what is refused, not as "anything but what YAML allows": the same set of
# characters (tests/test_reader_property.py checks every one), but compiled ten times faster.
_RAW_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_YAML_ALLOWS = "\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"
"""What YAML 1.1 allows in a stream (its 'printable' set), for the test of the line above."""
# Control characters (a double-quoted "\e" makes one) and the bidirectional controls that can
# make text display in a different order from how it is stored ("Trojan Source").
_VALUE_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_VALUE_REFUSED = N_("contains a control character ({code}); remove it — it can hide or change text on screen")

_KEY_NOT_TEXT = N_("a key must be plain text, not a list or mapping")
_HASH_AFTER_CHAR = re.compile(r"#(?<=\S#)")  # '#' first: the search skips to each '#' at once
# libyaml's parser when PyYAML was built with it (it is, in PyPI's wheels): same events, faster.
_LOADER: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def _position(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    return Mark(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def refused_character(value: str) -> str | None:
    """Why text given outside a file (a command-line option) could not be held in one, in the
    reader's own words; None when it could."""
    bad = _VALUE_FORBIDDEN.search(value) or _RAW_FORBIDDEN.search(value)
    return None if bad is None else _(_VALUE_REFUSED, code=_describe_char(bad.group()))


def _comment_at(line: str, column: int) -> str | None:
    """The comment that follows blanks at ``column`` of ``line`` (its text after '#'), or None.

    Looks only at the blanks and the next character, never along the whole line: a line may hold
    thousands of values, and each is looked at once.
    """
    end = column
    while end < len(line) and line[end] in " \t":
        end += 1
    if end == column or not line.startswith("#", end):
        return None
    return line[end + 1 :]


def _describe_char(ch: str) -> str:
    return f"U+{ord(ch):04X}"


class _Builder:
    """Turns the event stream into plain data, checking every rule on the way."""

    def __init__(self, shown: str, text: str) -> None:
        self.shown = shown
        self.lines = text.splitlines()
        self.doc = Document(shown, text, None)
        self.problems: list[Problem] = []
        # Each frame: [container, path, pending key or None, key mark, first-seen keys, too many?,
        # flow style?, the column its block entries start at (-1 at the top), its start mark]
        self.stack: list[list[Any]] = []
        self.root: Value = None
        self.documents = 0
        self.values = 0
        # A value can hold a control character only through an escape ('\\e') or as the raw
        # text does; when the text has neither, no value needs looking at one by one.
        self.check_values = "\\" in text or _VALUE_FORBIDDEN.search(text) is not None
        # Spaces pasted from a word processor are looked for only in a text that has some.
        self.unusual_spaces = HAS_UNUSUAL_SPACE.search(text) is not None
        # A '#' right after a character is looked at only in a text that has one; then the
        # places of every value are kept, to tell text from a comment.
        self.hash_after_char = [
            (number, m.start())
            for number, line in enumerate(self.lines if _HASH_AFTER_CHAR.search(text) else ())
            for m in _HASH_AFTER_CHAR.finditer(line)
        ]
        self.spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.careful = self.unusual_spaces or bool(self.hash_after_char)
        self.question = "?" in text  # '?foo' as a key inside '{…}' or '[…]'

    def err(self, mark: Any, message: str, code: str) -> None:
        self.add(Problem(self.shown, mark.line + 1, mark.column + 1, message, code))

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.err(
                event.start_mark,
                _("anchors ('&{name}') are not allowed; write the value out in full", name=event.anchor),
                "yaml-anchor",
            )
        if event.tag is not None:
            self.err(
                event.start_mark,
                _("tags ('{tag}') are not allowed; remove the tag and write a plain value", tag=_short_tag(event.tag)),
                "yaml-tag",
            )

    def _place(self, value: Value, event: Any) -> PathKey | None:
        """Put a finished node into its parent; returns its path, or None for a key."""
        self.values += 1
        if self.values > MAX_VALUES:
            self.err(
                event.start_mark,
                _(
                    "more than {most} keys and values in one file; coprod files never need this many — "
                    "was something pasted in by mistake?",
                    most=format(MAX_VALUES, ","),
                ),
                "too-many",
            )
            raise _Stop
        mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.root = value
            self.doc.marks[()] = mark
            return ()
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if len(container) >= MAX_ITEMS and not frame[5]:
            frame[5] = True
            self.err(
                event.start_mark,
                _(
                    "more than {most} entries in one list or mapping; coprod files never need this many — "
                    "was something pasted in by mistake?",
                    most=format(MAX_ITEMS, ","),
                ),
                "too-many",
            )
            raise _Stop
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            self.doc.marks[child] = mark
            return child
        if frame[2] is None:  # this node is a key
            if not isinstance(value, str):
                self.err(event.start_mark, _(_KEY_NOT_TEXT), "yaml-key")
                value = f"<invalid key at line {mark.line}>"
            if value == "<<" and getattr(event, "style", "x") in (None, ""):
                self.err(
                    event.start_mark, _("merge keys ('<<') are not allowed; write the keys out in full"), "yaml-merge"
                )
            frame[2] = value
            frame[3] = mark
            return None
        key, key_mark = frame[2], frame[3]
        frame[2] = None
        child = (*path, key)
        first: dict[str, Mark] = frame[4]
        if key in first:
            self.add(
                Problem(
                    self.shown,
                    key_mark.line,
                    key_mark.column,
                    _(
                        "'{key}' is written twice in this mapping (first at line {line}); "
                        "keep one and merge what they say",
                        key=key,
                        line=first[key].line,
                    ),
                    "duplicate-key",
                )
            )
            return child
        first[key] = key_mark
        container[key] = value
        self.doc.marks[child] = mark
        self.doc.key_marks[child] = key_mark
        return child

    def _open(self, container: dict[str, Value] | list[Value], event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.err(
                event.start_mark,
                _("nested more than {most} levels deep; coprod files are never this deep", most=MAX_DEPTH),
                "too-deep",
            )
            raise _Stop
        path = self._place(container, event)
        if path is None:
            self.err(event.start_mark, _(_KEY_NOT_TEXT), "yaml-key")
            path = (*self.stack[-1][1], "<key>")
        flow = bool(event.flow_style)
        indent = self.stack[-1][7] if self.stack and flow else (-1 if flow else event.start_mark.column)
        self.stack.append([container, path, None, None, {}, False, flow, indent, event.start_mark])

    def _close_flow(self, frame: list[Any], event: Any) -> None:
        """A '{…}' or '[…]' just closed: its lines must be indented under the key it belongs to."""
        start = frame[8]
        if event.end_mark.line > start.line and not (self.stack and self.stack[-1][6]):
            indent = self.stack[-1][7] if self.stack else -1
            what = "'{…}'" if isinstance(frame[0], dict) else "'[…]'"
            self.found(yamlchecks.continuation(self.lines, start.line + 1, event.end_mark.line, indent, what))

    def found(self, found: yamlchecks.Found, code: str = "yaml-syntax") -> None:
        if found is not None:
            self.add(Problem(self.shown, found[0] + 1, found[1] + 1, found[2], code))

    def _check_scalar(self, event: Any, plain: bool, is_key: bool) -> None:
        """What libyaml lets through in this scalar that YAML does not allow, or reads otherwise."""
        start, end = event.start_mark, event.end_mark
        frame = self.stack[-1] if self.stack else None
        indent = frame[7] if frame is not None else -1
        if self.hash_after_char:
            self.spans.append(((start.line, start.column), (end.line, end.column)))
        if plain:
            line = self.lines[start.line] if start.line < len(self.lines) else ""
            if self.unusual_spaces and HAS_UNUSUAL_SPACE.search(event.value):
                found = pasted_space(line)
                if found is not None and start.column <= found[0]:
                    self.found((start.line, found[0], found[1]), "pasted-space")
            if is_key and frame is not None and frame[6] and line[start.column - 1 : start.column] == "?":
                self.err(start, _(yamlchecks.QUESTION_KEY), "yaml-syntax")
            if is_key and not event.value:
                self.err(start, _(EMPTY_KEY), "yaml-syntax")
            if frame is not None and frame[6] and event.value[:1] == "-" and event.value[1:2] in ("", " ", "\t"):
                self.err(start, _(yamlchecks.FLOW_DASH), "yaml-syntax")
        elif event.style in ("|", ">"):
            self.found(yamlchecks.block_scalar(self.lines, (start.line, start.column), indent))
        elif end.line > start.line:
            self.found(yamlchecks.continuation(self.lines, start.line + 1, end.line, indent, "quoted"))

    def _scalar(self, event: Any) -> None:
        value: str | None = event.value
        style = event.style
        plain = style in (None, "")
        frame = self.stack[-1] if self.stack else None
        is_key = frame is not None and frame[2] is None and isinstance(frame[0], dict)
        # Most scalars need no closer look: plain ones in block context, quoted ones on one line.
        if (
            self.careful
            or not value
            or (plain and frame is not None and frame[6] and ((self.question and is_key) or value[:1] == "-"))
            or (not plain and (style in ("|", ">") or event.end_mark.line != event.start_mark.line))
        ):
            self._check_scalar(event, plain, is_key)
        if plain and not is_key and value in _NULLS:
            value = None
        if value is not None and self.check_values:
            bad = _VALUE_FORBIDDEN.search(value)
            if bad:
                self.err(event.start_mark, _(_VALUE_REFUSED, code=_describe_char(bad.group())), "control-character")
        path = self._place(value, event)
        if path is None:
            return
        if plain:
            self.doc.plain.add(path)
            end = event.end_mark
            if end.line < len(self.lines):
                comment = _comment_at(self.lines[end.line], end.column)
                if comment is not None:
                    self.doc.comment_after[path] = comment

    def feed(self, event: Any) -> None:
        kind = type(event)  # the commonest kinds first: this runs once for every event
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                self._check_node(event)
            self._scalar(event)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            if frame[6]:
                self._close_flow(frame, event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                self._check_node(event)
            self._open({} if kind is yaml.MappingStartEvent else [], event)
        elif kind is yaml.DocumentStartEvent:
            if event.version is not None or event.tags:
                line = next((n for n, text in enumerate(self.lines) if text.startswith("%")), 0)
                self.add(Problem(self.shown, line + 1, 1, _(yamlchecks.DIRECTIVE), "yaml-directive"))
                raise _Stop
            self.documents += 1
            if self.documents > 1:
                self.err(
                    event.start_mark,
                    _("a second YAML document ('---') starts here; keep one document per file"),
                    "yaml-documents",
                )
                raise _Stop
        elif kind is yaml.AliasEvent:
            self.err(
                event.start_mark,
                _("aliases ('*{name}') are not allowed; write the value out in full", name=event.anchor),
                "yaml-alias",
            )
            self._place(None, event)


class _Stop(Exception):
    pass


def parse_text(text: str, shown: str) -> Document:
    """Parse YAML text strictly; raises InputError listing every problem found."""
    bad = _RAW_FORBIDDEN.search(text)
    if bad:
        m = _position(text, bad.start())
        raise InputError(
            [
                Problem(
                    shown,
                    m.line,
                    m.column,
                    _(
                        "contains a control character ({code}) that YAML does not allow; remove it",
                        code=_describe_char(bad.group()),
                    ),
                    "control-character",
                )
            ]
        )
    builder = _Builder(shown, text)
    feed, end = builder.feed, yaml.StreamEndEvent
    try:
        # yaml.parse, without its generator and its check_event before every get_event.
        # The end of a file is the end of its last line: said with a line break, libyaml no longer
        # drops the last line of a block text that holds only spaces.
        parser = _LOADER(text if text.endswith(("\n", "\r")) or not text else text + "\n")
        try:
            next_event = parser.get_event
            while type(event := next_event()) is not end:
                feed(event)
        finally:
            parser.dispose()
    except _Stop:
        pass
    except yaml.MarkedYAMLError as e:
        mark, message = syntax_message(e, text, builder.lines)
        if not any(p.line == mark.line and p.message == message for p in builder.problems):  # said already
            builder.problems.append(Problem(shown, mark.line, mark.column, message, "yaml-syntax"))
    except yaml.YAMLError as e:  # reader errors carry no mark
        # TRANSLATORS: {cause} is the YAML reader's own words, in English.
        builder.problems.append(Problem(shown, 0, 0, _("this is not valid YAML: {cause}", cause=e), "yaml-syntax"))
    if builder.hash_after_char and not builder.problems:
        for found in yamlchecks.comments_without_space(builder.lines, builder.hash_after_char, builder.spans):
            builder.found(found)
    if builder.problems:
        raise InputError(builder.problems)
    doc = builder.doc
    doc.data = builder.root
    return doc


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def read_document(path: Path, shown: str | None = None) -> tuple[Document, bytes]:
    """Read and parse one file, unguarded (the privacy guard's ``read_input`` guards an input);
    returns the document and the exact bytes read."""
    shown = shown if shown is not None else str(path)
    raw, text = read_text(path, shown)
    return parse_text(text, shown), raw

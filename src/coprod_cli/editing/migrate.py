"""Bring an evidence file onto a (new version of a) framework, keeping every byte it can.

Targets the framework dropped move under ``retired:`` (kept, never deleted; shown in
reports, not scored); targets it added are written as ``not-assessed`` with their text
as a comment above; a retired target the framework has again moves back; the
``framework:`` line is updated.  The edit is made on the text itself, entry by entry,
guided by the strict reader's line numbers: every line outside the moved or added
entries stays byte for byte (comments, quotes, blank lines, CRLF and a byte-order mark
included).  A round-trip YAML library was tried and rejected: it attaches the comment
above an entry to the entry before it, so moving entries would move comments wrongly.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from coprod_cli.editing.yamltext import (
    comment_text,
    entry_top,
    indent_of,
    is_blank,
    is_comment,
    key_text,
    quoted,
    split_lines,
)
from coprod_cli.errors import InputError, Problem, UsageError
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.framework.resolve import looks_like_path
from coprod_cli.i18n import _
from coprod_cli.model.evidence import Evidence
from coprod_cli.model.text import said
from coprod_cli.privacy.guard import WaiverNote, read_input
from coprod_cli.reading.explain import validate
from coprod_cli.reading.textfile import real_path
from coprod_cli.reading.yamlread import Document, parse_text

SECTIONS = ("targets", "enablers", "retired")
_QUOTED_END = {"'": re.compile(r"'(?:[^']|'')*'"), '"': re.compile(r'"(?:[^"\\]|\\.)*"')}
"""A quoted scalar written on one line, from its opening quote to its closing one."""
_PLAIN_REF = re.compile(r"[A-Za-z0-9._~/][A-Za-z0-9._~/-]*")
"""A framework reference written without quotes: an id or a path such as ``./local.yaml``."""


@dataclass
class _Block:
    key: str
    lines: list[str]


@dataclass
class _Section:
    """A top-level block mapping: its key line(s), then entries and the lines between them."""

    name: str
    header: list[str]
    items: list[_Block | str] = field(default_factory=list)
    indent: int = 2
    child_indent: int = 2

    def ids(self) -> list[str]:
        return [item.key for item in self.items if isinstance(item, _Block)]

    def take(self, key: str) -> _Block:
        for n, item in enumerate(self.items):
            if isinstance(item, _Block) and item.key == key:
                del self.items[n]
                return item
        raise KeyError(key)  # pragma: no cover - callers only take keys they listed

    def insert_after(self, previous: str | None, block: _Block) -> None:
        if previous is None:
            first = next((n for n, item in enumerate(self.items) if isinstance(item, _Block)), len(self.items))
            self.items.insert(first, block)
            return
        for n, item in enumerate(self.items):
            if isinstance(item, _Block) and item.key == previous:
                self.items.insert(n + 1, block)
                return
        self.items.append(block)  # pragma: no cover - callers pass a key of this section

    def text(self) -> list[str]:
        out = list(self.header)
        for item in self.items:
            out.extend(item.lines if isinstance(item, _Block) else [item])
        return out


@dataclass(frozen=True)
class Migration:
    """What migrating a file would change."""

    old_text: str
    new_text: str
    added: tuple[str, ...]
    retired: tuple[str, ...]
    restored: tuple[str, ...]
    framework_ref: str
    waived_keys: frozenset[str] = field(default=frozenset(), repr=False)
    """What the input's and framework's privacy waivers covered."""
    waivers: tuple[WaiverNote, ...] = field(default=(), repr=False)
    """The input's and framework's privacy waivers: all that the new text's waivers may cover."""

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def diff(self, name: str) -> str:
        return "".join(
            difflib.unified_diff(
                self.old_text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def _sections(doc: Document, lines: list[str]) -> tuple[list[str | _Section], dict[str, _Section]]:
    """Split the file into plain lines and the three sections migrate edits."""
    data = doc.data if isinstance(doc.data, dict) else {}
    starts: dict[int, str] = {}
    for name in SECTIONS:
        if name in data:  # a mapping or empty: the file was validated before we get here
            mark = doc.key_marks[(name,)]
            if mark.column != 1:
                raise UsageError(
                    _(
                        "{path}:{line}:{column}: '{key}' must start at the beginning of a line",
                        path=doc.path,
                        line=mark.line,
                        column=mark.column,
                        key=name,
                    )
                )
            starts[mark.line - 1] = name
    parts: list[str | _Section] = []
    found: dict[str, _Section] = {}
    n = 0
    while n < len(lines):
        if n not in starts:
            parts.append(lines[n])
            n += 1
            continue
        name = starts[n]
        end = n + 1
        while end < len(lines) and (is_blank(lines[end]) or indent_of(lines[end]) > 0 or is_comment(lines[end])):
            end += 1
        # Comments and blank lines at the very end belong to what follows, not to the section.
        while end > n + 1 and (
            is_blank(lines[end - 1]) or (is_comment(lines[end - 1]) and indent_of(lines[end - 1]) == 0)
        ):
            end -= 1
        section = _section(doc, name, lines, n, end)
        parts.append(section)
        found[name] = section
        n = end
    return parts, found


def _section(doc: Document, name: str, lines: list[str], start: int, end: int) -> _Section:
    entries = sorted(
        (mark.line - 1, path[1])
        for path, mark in doc.key_marks.items()
        if len(path) == 2 and path[0] == name and isinstance(path[1], str)
    )
    value_mark = doc.marks.get((name,))
    if (
        value_mark is not None
        and value_mark.line - 1 == start
        and lines[start][value_mark.column - 1 :].startswith("{")
    ):
        raise UsageError(
            _(
                "{path}:{line}:{column}: migrate edits files written one entry a line, "
                "as 'coprod init' writes them; write '{key}:' that way (not as {braces}) and run it again",
                path=doc.path,
                line=value_mark.line,
                column=value_mark.column,
                key=name,
                braces="{…}",
            )
        )
    if not entries:
        return _Section(name, lines[start:end])
    indent = indent_of(lines[entries[0][0]])
    child = 2
    for line in lines[entries[0][0] + 1 : end]:
        if not is_blank(line) and not is_comment(line) and indent_of(line) > indent:
            child = indent_of(line) - indent
            break
    # Where each entry's own lines start: its key line, plus the comment lines right above it.
    firsts = [(entry_top(lines, key_line, start, indent), key_line, key) for key_line, key in entries]
    section = _Section(name, lines[start : firsts[0][0]], indent=indent, child_indent=child)
    for k, (top, key_line, key) in enumerate(firsts):
        stop = end
        if k + 1 < len(firsts):
            stop = firsts[k + 1][0]
        last = key_line + 1
        while last < stop and (is_blank(lines[last]) or indent_of(lines[last]) > indent):
            last += 1
        while last > key_line + 1 and is_blank(lines[last - 1]):
            last -= 1
        section.items.append(_Block(key, lines[top:last]))
        section.items.extend(lines[last:stop])
    return section


def _reindent(block: _Block, old: int, new: int) -> _Block:
    if old == new:
        return block
    shifted = []
    for line in block.lines:
        if is_blank(line):
            shifted.append(line)
        elif new > old:
            shifted.append(" " * (new - old) + line)
        else:
            shifted.append(line[min(old - new, indent_of(line)) :])
    return _Block(block.key, shifted)


def _framework_line(doc: Document, lines: list[str], ref: str, newline: str) -> list[str]:
    value = ref if _PLAIN_REF.fullmatch(ref) else quoted(ref)
    data = doc.data if isinstance(doc.data, dict) else {}
    if "framework" in data:
        if data["framework"] == ref:
            return lines  # it names the framework already: the line stays as written
        key, at = doc.key_marks[("framework",)], doc.marks[("framework",)]
        n = key.line - 1
        last = at.line - 1  # the value may be on a line of its own below the key
        while last + 1 < len(lines) and not is_blank(lines[last + 1]) and indent_of(lines[last + 1]) >= key.column:
            if is_comment(lines[last + 1]):
                break
            last += 1  # a plain value folded onto more lines
        original = lines[last]
        ending = original[len(original.rstrip("\r\n")) :]
        comment = _comment_after(doc, original, at.column if at.line - 1 == last else 1)
        lines[n : last + 1] = [f"{' ' * (key.column - 1)}framework: {value}{comment}{ending}"]
        return lines
    # No 'framework:' yet: put it right after the 'unit:' block (a valid file always has one).
    n = doc.key_marks[("unit",)].line
    while n < len(lines) and (is_blank(lines[n]) or indent_of(lines[n]) > 0):
        n += 1
    return [*lines[:n], f"framework: {value}{newline}", *lines[n:]]


def _comment_after(doc: Document, line: str, column: int) -> str:
    """The comment that ends the ``framework:`` value's line, written back as ``  # …`` (or nothing)."""
    if ("framework",) in doc.comment_after:
        return "  #" + doc.comment_after[("framework",)]
    rest = line.rstrip("\r\n")[column - 1 :]
    if rest[:1] in ("'", '"'):  # a quoted value: the comment starts after its closing quote
        close = _QUOTED_END[rest[0]].match(rest)
        rest = rest[close.end() :] if close else ""
    else:
        rest = ""
    after = rest.lstrip(" \t")
    return "  " + after if after.startswith("#") and after != rest else ""


def plan(path: Path, shown: str, fw: LoadedFramework, framework_ref: str) -> Migration:
    """Work out the migrated text of an evidence file; writes nothing."""
    raw, doc, privacy = read_input(path, shown)
    text = doc.text
    bom = raw.startswith(b"\xef\xbb\xbf")
    validate(Evidence, doc)  # the file must be sound before it is edited
    lines, newline = split_lines(text)
    _sections(doc, lines)  # refuses layouts it cannot edit, with the file's own line numbers
    lines = _framework_line(doc, lines, framework_ref, newline)
    doc = parse_text("".join(lines), shown)
    parts, sections = _sections(doc, lines)

    created: list[_Section] = []

    def section(name: str) -> _Section:
        if name not in sections:
            header = [f"{name}:{newline}"]
            if name == "retired":
                note = _("Targets the framework no longer has: kept for the record, not scored.")
                header.insert(0, f"# {note}{newline}")
            sections[name] = _Section(name, header)
            retired = sections.get("retired")
            if name != "retired" and retired is not None and retired in created:
                parts.insert(parts.index(retired), sections[name])  # 'retired:' stays last
            else:
                parts.append(sections[name])
            created.append(sections[name])
        return sections[name]

    wanted = {"targets": list(fw.level_of), "enablers": list(fw.enabler_ids)}
    retired: list[str] = []
    restored: list[str] = []
    for name in ("targets", "enablers"):
        current = sections.get(name)
        for key in current.ids() if current else []:
            if key not in wanted[name]:
                if "retired" in sections and key in sections["retired"].ids():
                    raise UsageError(
                        _(
                            "{file}: '{ident}' is both under '{section}' and under 'retired'; "
                            "keep one of them and run again",
                            file=shown,
                            ident=key,
                            section=name,
                        )
                    )
                assert current is not None
                block = current.take(key)
                target = section("retired")
                target.items.append(_reindent(block, current.indent, target.indent if target.ids() else current.indent))
                retired.append(key)
    added: list[str] = []
    texts = {t.id: said(t, "text") for level in fw.model.levels for t in level.targets}
    texts |= {e.id: said(e, "text") for e in fw.model.enablers}
    for name in ("targets", "enablers"):
        order = wanted[name]
        for n, ident in enumerate(order):
            home = section(name) if ident not in sections.get(name, _Section(name, [])).ids() else None
            if home is None:
                continue
            earlier = [k for k in order[:n] if k in home.ids()]
            previous = earlier[-1] if earlier else None
            back = sections.get("retired")
            if back is not None and ident in back.ids():
                block = _reindent(back.take(ident), back.indent, home.indent)
                restored.append(ident)
            else:
                pad = " " * home.indent
                child = " " * home.child_indent
                note = comment_text(texts[ident])
                block = _Block(
                    ident,
                    [
                        f"{pad}# {note}{newline}",
                        f"{pad}{key_text(ident)}:{newline}",
                        f"{pad}{child}status: not-assessed{newline}",
                    ],
                )
                added.append(ident)
            home.insert_after(previous, block)
    if "retired" in sections and not sections["retired"].ids() and restored:
        # Everything came back: drop the now-empty 'retired:' section and its note.
        parts = [p for p in parts if p is not sections["retired"]]
    out: list[str] = []
    for part in parts:
        out.extend(part.text() if isinstance(part, _Section) else [part])
    new_text = "".join(out)
    old_text = text
    if bom:
        new_text, old_text = "\ufeff" + new_text, "\ufeff" + old_text
    keys = privacy.waived_keys | fw.waived_keys
    waivers = (*privacy.waivers, *fw.waivers)
    return Migration(old_text, new_text, tuple(added), tuple(retired), tuple(restored), framework_ref, keys, waivers)


def framework_ref_for(unit: Path, ref: str, fw_path: Path) -> str:
    """How the evidence file should name the framework: an id as is, a path relative to the file."""
    if not looks_like_path(ref):
        return ref
    relative = os.path.relpath(real_path(fw_path, str(fw_path)), real_path(unit, str(unit)).parent)
    return relative if relative.startswith(".") else f"./{relative}"


def check_result(migration: Migration, shown: str) -> None:
    """The migrated text must read back cleanly; if not, that is a bug, not the user's fault."""
    try:
        parse_text(migration.new_text.removeprefix("\ufeff"), shown)
    except InputError as e:
        first: Problem = e.problems()[0]
        raise RuntimeError(f"migrate produced unreadable YAML at line {first.line}") from e

"""Each interview answer as an edit of the evidence file's text.

The file is edited as text, entry by entry, guided by the strict reader's line and column marks
(the approach of :mod:`coprod_cli.editing.migrate`): only the lines of the key being answered
change; every other byte stays as it was, comments, quotes, blank lines and CRLF line ends
included.  A new key is put in its usual place in the entry (status, ratings, evidence, action,
justification, notes); an entry written on one line (``E.x: {status: partial}``) is first
rewritten one key a line, keeping its comments (a privacy waiver on the lines of the values it
covered).  Each function takes the file's text and gives
the new text; the session reads it back and checks it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coprod_cli.editing.yamltext import (
    comment_text,
    entry_top,
    flow_mapping,
    indent_of,
    is_blank,
    is_comment,
    key_text,
    split_lines,
    value_text,
)
from coprod_cli.interview.steps import Step
from coprod_cli.model.evidence import person_key
from coprod_cli.privacy.scan import scan
from coprod_cli.reading.yamlread import Document, PathKey, parse_text

_CHILD_ORDER = ("status", "ratings", "evidence", "action", "actions", "justification", "review_by", "notes")
_ACTION_KEYS = ("description", "owner", "due", "status", "changed_on", "reason")


def raw_entry(doc: Document, step: Step) -> dict[str, Any]:
    data = doc.data if isinstance(doc.data, dict) else {}
    section = data.get(step.section)
    entry = section.get(step.ident) if isinstance(section, dict) else None
    return entry if isinstance(entry, dict) else {}


class _Text:
    """A file's lines and the reader's marks for them, for one edit."""

    def __init__(self, text: str, shown: str) -> None:
        self.doc = parse_text(text, shown)
        self.lines, self.newline = split_lines(text)

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data if isinstance(self.doc.data, dict) else {}

    def text(self) -> str:
        return "".join(self.lines)

    def value(self, path: PathKey) -> Any:
        node: Any = self.data
        for part in path:
            node = node[part]
        return node

    def start(self, path: PathKey) -> tuple[int, int]:
        """The line index where the node at ``path`` is written, and its indent there."""
        if isinstance(path[-1], str):
            mark = self.doc.key_marks[path]
            return mark.line - 1, mark.column - 1
        line = self.doc.marks[path].line - 1
        return line, indent_of(self.lines[line])

    def span(self, path: PathKey) -> tuple[int, int]:
        """Lines [start, end) of a node: from its key (or its '- ') to where the next sibling
        starts, less the blank lines and the comments no deeper than it at its end (those
        belong to what follows)."""
        if not path:
            return 0, len(self.lines)
        start, indent = self.start(path)
        parent = path[:-1]
        siblings = self.value(parent)
        later = [
            self.start((*parent, key))[0]
            for key in (siblings if isinstance(siblings, dict) else range(len(siblings)))
            if self.start((*parent, key))[0] > start
        ]
        end = min(later) if later else self.span(parent)[1]
        while end > start + 1 and (
            is_blank(self.lines[end - 1])
            or (is_comment(self.lines[end - 1]) and indent_of(self.lines[end - 1]) <= indent)
        ):
            end -= 1
        return start, end

    def is_block(self, path: PathKey) -> bool:
        """A mapping or list written one item a line below its key (not '{…}', '[…]' or empty)."""
        value = self.value(path)
        if not value or not isinstance(value, (dict, list)):
            return False
        mark = self.doc.marks[path]
        below = mark.line > self.start(path)[0] + 1
        return below and self.lines[mark.line - 1][mark.column - 1 : mark.column] not in ("{", "[")

    def clear_key_line(self, path: PathKey) -> None:
        """Make the key line of an empty value ('x: ~', 'x: []', 'x: {}') a bare 'x:', keeping a comment."""
        n, indent = self.start(path)
        line = self.lines[n].rstrip("\r\n")
        rest = line[line.index(":", indent) + 1 :].strip() if ":" in line[indent:] else ""
        if rest and not rest.startswith("#"):
            comment = rest[rest.index("#") :] if "#" in rest else ""
            self.lines[n] = f"{' ' * indent}{key_text(str(path[-1]))}:{'  ' + comment if comment else ''}{self.newline}"

    def put(self, at: int, new: Sequence[str], *, until: int | None = None) -> str:
        """Replace lines [at, until) (nothing, by default) with ``new``; the new text.

        A privacy waiver on a replaced line goes onto the new lines of the values it covered."""
        old = self.lines[at : at if until is None else until]
        waiver = next((w for line in old if (w := _waiver_comment(line))), "")
        new = _with_waiver(waiver, new)[0]
        self.lines[at : at if until is None else until] = [line + self.newline for line in new]
        return self.text()

    def set_word(self, path: PathKey, word: str) -> str:
        """Replace a one-word value (a status) where it is written, keeping the rest of the line."""
        mark = self.doc.marks[path]
        n, col = mark.line - 1, mark.column - 1
        line = self.lines[n]
        old = self.value(path)
        length = len(old) + (2 if line[col : col + 1] in ("'", '"') else 0)
        self.lines[n] = line[:col] + word + line[col + length :]
        return self.text()


def _entry_path(step: Step) -> PathKey:
    return (step.section, step.ident)


def _child_step(t: _Text, entry: PathKey) -> tuple[int, int]:
    """The indent of an entry's keys, and the step the file indents by (2 when it cannot tell)."""
    _, indent = t.start(entry)
    value = t.value(entry)
    if t.is_block(entry):
        child = t.start((*entry, next(iter(value))))[1]
        return child, max(child - indent, 1)
    return indent + 2, 2


def ensure_entry(text: str, shown: str, step: Step, order: Sequence[str]) -> str:
    """Make sure the step's entry is in the file, written one key a line."""
    t = _Text(text, shown)
    data = t.data
    section = data.get(step.section)
    if not isinstance(section, dict) or step.ident not in section:
        return _add_entry(t, step, order)
    path = _entry_path(step)
    if t.is_block(path):
        return text
    # '{…}' on the key's line: rewrite it one key a line, keeping any comment on or in it.
    start, end = t.span(path)
    _, indent = t.start(path)
    block = next((k for k in section if t.is_block((step.section, k))), None)
    by = _child_step(t, (step.section, block))[1] if block is not None else 2
    pad, child = " " * indent, " " * (indent + by)
    old = t.lines[start:end]
    after = old[0].rstrip("\r\n")
    close = after.rfind("}")
    comment = after[close + 1 :].strip() if close >= 0 else ""
    comment = comment if comment.startswith("#") else ""
    kept = [f"{child}{line.strip()}" for line in old[1:] if is_comment(line)]
    lines = _entry_lines(section[step.ident], child, " " * by)
    lines, moved = _with_waiver(_waiver_comment(comment), lines)
    head = f"{pad}{key_text(step.ident)}:" + (f"  {comment}" if comment and not moved else "")
    return t.put(start, [head, *kept, *lines], until=end)


def _waiver_comment(line: str) -> str:
    """The privacy waiver comment ending ``line`` ('# coprod: not-personal-data …'), or ''."""
    found = scan(line).waivers
    return found[0].comment if found else ""


def _with_waiver(waiver: str, lines: Sequence[str]) -> tuple[list[str], bool]:
    """``lines`` with ``waiver`` ending each line that holds something the privacy scan finds (and
    has no waiver of its own), so a waiver goes with the values it was written for and only with
    them; and whether it went anywhere."""
    if not waiver:
        return list(lines), False
    out = []
    for line in lines:
        found = scan(line)
        out.append(f"{line}  {waiver}" if found.findings and not found.waivers else line)
    return out, out != list(lines)


def _entry_lines(entry: Mapping[str, Any], pad: str, step: str) -> list[str]:
    """An entry's keys one a line, in the usual order, at indent ``pad``."""
    out: list[str] = []
    for key in _CHILD_ORDER:
        value = entry.get(key)
        if value is None or value in ({}, []):
            continue
        if key == "ratings":
            out.append(f"{pad}ratings:")
            out += [f"{pad}{step}{key_text(name)}: {rating}" for name, rating in value.items()]
        elif key == "evidence":
            out.append(f"{pad}evidence:")
            out += [f"{pad}{step}- {flow_mapping(item)}" for item in value]
        elif key == "action":
            out.append(f"{pad}action: {flow_mapping(value)}")
        elif key == "actions":
            out.append(f"{pad}actions:")
            out += [f"{pad}{step}- {_action_line(item)}" for item in value]
        else:
            out.append(f"{pad}{key}: {value_text(key, value)}")
    return out


def _add_entry(t: _Text, step: Step, order: Sequence[str]) -> str:
    """Put a not-assessed entry for the step in its place in the framework's order."""
    data = t.data
    note = comment_text(step.text)
    if step.section not in data:
        at = len(t.lines)
        return t.put(at, [f"{step.section}:", f"  # {note}", f"  {key_text(step.ident)}:", "    status: not-assessed"])
    section = data[step.section]
    if not section:  # written 'targets:' with nothing (or '{}') under it
        t.clear_key_line((step.section,))
        _, end = t.span((step.section,))
        return t.put(end, [f"  # {note}", f"  {key_text(step.ident)}:", "    status: not-assessed"])
    first = (step.section, next(iter(section)))
    _, indent = t.start(first)
    _, by = _child_step(t, first)
    pad = " " * indent
    lines = [f"{pad}# {note}", f"{pad}{key_text(step.ident)}:", f"{' ' * (indent + by)}status: not-assessed"]
    earlier = [k for k in order[: order.index(step.ident)] if k in section]
    if earlier:
        return t.put(t.span((step.section, earlier[-1]))[1], lines)
    # Before the first entry, above the comments that go with it (not a '# ---- Level' heading).
    return t.put(entry_top(t.lines, t.start(first)[0], t.start((step.section,))[0], indent), lines)


def set_child(text: str, shown: str, step: Step, key: str, value: str | list[str]) -> str:
    """Write ``key: value`` in the step's entry, replacing what the key had, or adding it in its place.

    ``value`` is text for the key's own line (a scalar or a '{…}'), or a list of the lines of
    the items below it."""
    t = _Text(text, shown)
    entry = _entry_path(step)
    indent, by = _child_step(t, entry)
    pad = " " * indent
    if isinstance(value, str):
        lines = [f"{pad}{key}: {value}"]
    else:
        lines = [f"{pad}{key}:", *(f"{pad}{' ' * by}{v}" for v in value)]
    have = t.value(entry)
    if key in have:
        start, end = t.span((*entry, key))
        return t.put(start, lines, until=end)
    return t.put(_insert_point(t, entry, key), lines)


def drop_child(text: str, shown: str, step: Step, key: str) -> str:
    """Take ``key`` (and what is under it) out of the step's entry, if it is there."""
    t = _Text(text, shown)
    entry = _entry_path(step)
    if key not in t.value(entry):
        return text
    start, end = t.span((*entry, key))
    return t.put(start, [], until=end)


def _insert_point(t: _Text, entry: PathKey, key: str) -> int:
    """Where a new key goes: after the last key that comes before it in the usual order."""
    have = t.value(entry)
    rank = _CHILD_ORDER.index(key)
    # Never empty: every key written here comes after 'status', which an entry always has.
    before = [k for k in have if k in _CHILD_ORDER and _CHILD_ORDER.index(k) < rank]
    return max(t.span((*entry, k))[1] for k in before)


def set_status(text: str, shown: str, step: Step, status: str) -> str:
    t = _Text(text, shown)
    return t.set_word((*_entry_path(step), "status"), status)


def set_rating(text: str, shown: str, step: Step, rater: str, status: str) -> str:
    t = _Text(text, shown)
    entry = _entry_path(step)
    have = t.value(entry).get("ratings")
    path = (*entry, "ratings")
    if isinstance(have, dict) and t.is_block(path):
        name = next((n for n in have if person_key(n) == person_key(rater)), None)
        if name is not None:
            return t.set_word((*path, name), status)
        _, indent = t.start((*path, next(iter(have))))
        return t.put(t.span(path)[1], [f"{' ' * indent}{key_text(rater)}: {status}"])
    ratings = {n: s for n, s in (have or {}).items() if person_key(n) != person_key(rater)}
    ratings[rater] = status
    return set_child(text, shown, step, "ratings", [f"{key_text(n)}: {s}" for n, s in ratings.items()])


def add_item(text: str, shown: str, step: Step, item: Mapping[str, str]) -> str:
    t = _Text(text, shown)
    entry = _entry_path(step)
    path = (*entry, "evidence")
    have = t.value(entry).get("evidence")
    if isinstance(have, list) and t.is_block(path):
        _, dash = t.start((*path, 0))
        return t.put(t.span(path)[1], [f"{' ' * dash}- {flow_mapping(item)}"])
    items = [*(have or []), item]
    return set_child(text, shown, step, "evidence", [f"- {flow_mapping(i)}" for i in items])


def _action_line(item: Mapping[str, str]) -> str:
    return flow_mapping({k: item[k] for k in _ACTION_KEYS if k in item})


def add_action(text: str, shown: str, step: Step, item: Mapping[str, str]) -> str:
    """Add an action last under ``actions:``; a lone ``action:`` becomes its first item (never both keys)."""
    t = _Text(text, shown)
    entry = _entry_path(step)
    have = t.value(entry)
    path = (*entry, "actions")
    listed = have.get("actions")
    if isinstance(listed, list) and t.is_block(path):
        _, dash = t.start((*path, 0))
        return t.put(t.span(path)[1], [f"{' ' * dash}- {_action_line(item)}"])
    items = [*(listed or []), item]
    if isinstance(have.get("action"), dict):
        items.insert(0, have["action"])
        start, end = t.span((*entry, "action"))
        text = t.put(start, [], until=end)
    return set_child(text, shown, step, "actions", [f"- {_action_line(i)}" for i in items])


def update_action(text: str, shown: str, step: Step, changes: Mapping[str, str], n: int = -1) -> str:
    """Change keys (owner, due, …) of action ``n`` under ``actions:``: by default the last, the one
    :func:`add_action` wrote."""
    t = _Text(text, shown)
    listed = (*_entry_path(step), "actions")
    path = (*listed, n % len(t.value(listed)))
    return _rewrite_item(t, path, _action_line({**t.value(path), **changes}))


def date_item(text: str, shown: str, step: Step, n: int, day: str) -> str:
    t = _Text(text, shown)
    path = (*_entry_path(step), "evidence", n)
    item = {**t.value(path), "date": day}
    return _rewrite_item(t, path, flow_mapping({k: item[k] for k in ("description", "date", "link") if k in item}))


def _rewrite_item(t: _Text, path: PathKey, line: str) -> str:
    """The list item at ``path`` (one line or several) written again as the one line ``- line``."""
    (start, end), (_, dash) = t.span(path), t.start(path)
    return t.put(start, [f"{' ' * dash}- {line}"], until=end)


def add_assessor(text: str, shown: str, name: str, role: str) -> str:
    t = _Text(text, shown)
    data = t.data
    line = flow_mapping({"name": name, "role": role})
    if "assessors" not in data:
        where = t.start(("targets",))[0] if "targets" in data else len(t.lines)
        return t.put(where, ["assessors:", f"  - {line}"])
    have = data["assessors"]
    path = ("assessors",)
    if have and t.is_block(path):
        _, dash = t.start((*path, 0))
        return t.put(t.span(path)[1], [f"{' ' * dash}- {line}"])
    if have:  # '[…]': written out one person a line
        start, end = t.span(path)
        return t.put(start, ["assessors:", *(f"  - {flow_mapping(item)}" for item in have), f"  - {line}"], until=end)
    t.clear_key_line(path)
    _, end = t.span(path)
    return t.put(end, [f"  - {line}"])


def remove_assessor(text: str, shown: str, index: int) -> str:
    """Take the assessor at ``index`` off the list, every other line kept (a list written '[…]' is
    written out one person a line without them)."""
    t = _Text(text, shown)
    path = ("assessors",)
    if t.is_block(path):
        start, end = t.span((*path, index))
        return t.put(start, [], until=end)
    start, end = t.span(path)
    rest = [item for n, item in enumerate(t.data["assessors"]) if n != index]
    return t.put(start, ["assessors:", *(f"  - {flow_mapping(item)}" for item in rest)], until=end)


def set_assessed_on(text: str, shown: str, day: str) -> str:
    """Write ``day`` (YYYY-MM-DD) as the file's ``assessed_on``, where the old date is written."""
    return _Text(text, shown).set_word(("assessed_on",), day)

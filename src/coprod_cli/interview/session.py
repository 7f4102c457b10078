"""The core of ``coprod interview``: the targets in the framework's order, what each says now,
and every answer as an edit of the evidence file's text.

Nothing here prints, reads the terminal or writes a file: the command asks, calls these, and
writes :attr:`Session.file_text` after each answer.  Each answer gives a new :class:`Session`
whose text is read back and checked against the framework, so a file that fails ``coprod
validate`` is never handed back (that would be a bug, raised as ``RuntimeError``).

The file is edited as text, entry by entry, guided by the strict reader's line and column marks
(the approach of :mod:`coprod_cli.editing.migrate`): only the lines of the key being answered change;
every other byte stays as it was, comments, quotes, blank lines and CRLF line ends included.  A
new key is put in its usual place in the entry (status, ratings, evidence, action,
justification, notes); an entry written on one line (``E.x: {status: partial}``) is first
rewritten one key a line, keeping its comments.

Where to carry on is kept in the file itself, so git keeps it with the answers: a comment line
above the first key, ``# coprod interview: next L2.team-building`` (``# coprod interview for
NAME: next ...`` for ``--as NAME``), updated on each save and removed when the last target
has been answered or skipped (or when the next one is the first).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, cast

from pydantic_core import PydanticCustomError

from coprod_cli.editing.skeleton import evidence_skeleton
from coprod_cli.errors import InputError, UsageError, clip
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.model.models import ROLES, Action, Assessor, EvidenceItem, Role, iso_date, person_key
from coprod_cli.privacy.guard import settings_for
from coprod_cli.privacy.scan import scan
from coprod_cli.reading.yamlread import Document, PathKey, parse_text
from coprod_cli.scoring.check import Assessment, cross_check_document, load_evidence, months_before

SECTIONS = ("targets", "enablers")
STATUS_KEYS: Mapping[str, str] = {
    "m": "met",
    "p": "partial",
    "n": "not-met",
    "x": "not-applicable",
    "a": "not-assessed",
}
"""The one key that chooses each status."""
ASKS_EVIDENCE = ("met", "partial", "not-met")
"""Statuses that ask what shows them."""
GAPS = ("partial", "not-met")
"""Statuses that ask for an action to close the gap."""
MARKER = "# coprod interview"
BLANK_RATER = "--as: give the person's name or initials, e.g. --as 'Rhian' --role service-user"
"""What ``--as`` with a blank name gets, from ``init`` and ``interview`` alike."""
_MARKER = re.compile(r"# coprod interview(?: for (?P<name>.+?))?: next (?P<ident>\S+)[ \t]*$")
_CHILD_ORDER = ("status", "ratings", "evidence", "action", "justification", "notes")
_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_BOM = "\ufeff"
# What a one-line answer may not hold: control characters (and the line breaks YAML sees in
# U+0085, U+2028, U+2029), bidirectional controls, lone surrogates and a stray byte-order mark.
_NOT_IN_ANSWERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]")


class BadAnswer(ValueError):
    """An answer that cannot be used as typed; its text says why and what to type instead."""


# ---- what the interview walks through ---------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One target or enabler, in the framework's order: the levels' targets, then the enablers."""

    section: str
    """``targets`` or ``enablers``."""
    ident: str
    text: str
    level: int
    """The level's number; 0 for an enabler."""
    level_title: str
    """The level's title; empty for an enabler."""
    ethos: str | None
    required: bool = False
    """The level is not achieved while this target is below met."""


@dataclass(frozen=True)
class Now:
    """What the file says about one step at present."""

    status: str
    """The agreed status (``not-assessed`` when the file leaves the target out)."""
    rating: str | None
    """With ``--as``: that person's own rating (``not-assessed`` when none); else None."""
    evidence: tuple[EvidenceItem, ...]
    action: Action | None
    justification: str | None


def steps_of(fw: LoadedFramework) -> tuple[Step, ...]:
    """Every target, level by level, then every enabler."""
    found = [
        Step("targets", t.id, t.text, level.number, level.title, level.ethos, t.required)
        for level in fw.model.levels
        for t in level.targets
    ]
    found += [Step("enablers", e.id, e.text, 0, "", None) for e in fw.model.enablers]
    return tuple(found)


# ---- answers ----------------------------------------------------------------------------


def check_answer(text: str, folder: Path) -> None:
    """Refuse text that cannot or must not go in the file: BadAnswer says why, kindly.

    Personal data is found by the same scan as every input and output (with the settings of
    the file's folder), and named by its masked form only.
    """
    bad = _NOT_IN_ANSWERS.search(text)
    if bad:
        raise BadAnswer(f"it holds a control character (U+{ord(bad.group()):04X})")
    found = scan(text, settings_for(folder.resolve()))
    if found.findings:
        first = found.findings[0]
        article = "an" if first.kind.startswith(("NHS", "email")) else "a"
        raise BadAnswer(
            f"it looks like it holds {article} {first.kind} ({first.masked}); personal details must not go in this file"
        )
    if found.bad_waivers:
        raise BadAnswer("it holds a '# coprod:' note that cannot go in an answer")


def output_problem(text: str, folder: Path, allowed: frozenset[str]) -> None:
    """Refuse (BadAnswer) a new text of the file in which the scan finds personal data.

    Checked after each answer is put in its place, since some findings depend on the words
    around a value (a date beside "born", say)."""
    found = scan(text, settings_for(folder.resolve()), also_allowed=allowed)
    if found.findings:
        first = found.findings[0]
        article = "an" if first.kind.startswith(("NHS", "email")) else "a"
        raise BadAnswer(
            f"with it, line {first.line} of the file would hold what looks like {article} {first.kind} "
            f"({first.masked}); personal details must not go in this file"
        )


def parse_day(text: str) -> date:
    """A date typed as YYYY-MM-DD; BadAnswer (with the reader's own words) for anything else."""
    try:
        return iso_date(text.strip())
    except PydanticCustomError as e:
        raise BadAnswer(e.message()) from None


# ---- the session ------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """An evidence file being filled in: its text now, read and checked."""

    path: Path
    shown: str
    text: str
    """The file's text without a byte-order mark; its own line ends kept."""
    assessment: Assessment
    steps: tuple[Step, ...]
    rater: str | None = None
    """With ``--as``: the person's name as listed under ``assessors:``."""
    bom: bool = False
    notes: tuple[str, ...] = field(default=())
    """Things to tell the person on opening (an assessor added, a role that differs)."""

    @property
    def file_text(self) -> str:
        """What to write: the text, with the byte-order mark it was read with."""
        return (_BOM if self.bom else "") + self.text

    @property
    def framework(self) -> LoadedFramework:
        return self.assessment.framework

    @property
    def assessed_on(self) -> date:
        return self.assessment.evidence.assessed_on

    @property
    def waived_keys(self) -> frozenset[str]:
        return self.assessment.waived_keys

    def now(self, n: int) -> Now:
        step = self.steps[n]
        entry = getattr(self.assessment.evidence, step.section).get(step.ident)
        rating = None
        if self.rater is not None:
            rating = "not-assessed"
            if entry is not None:
                rating = next(
                    (s for name, s in entry.ratings.items() if person_key(name) == person_key(self.rater)),
                    "not-assessed",
                )
        if entry is None:
            return Now("not-assessed", rating, (), None, None)
        return Now(entry.status, rating, entry.evidence, entry.action, entry.justification)

    def resume_at(self) -> int | None:
        """The step the last session stopped at, from the marker comment; None without one."""
        ident = read_marker(self.text, self.rater)
        index = {s.ident: n for n, s in enumerate(self.steps)}
        return index.get(ident) if ident is not None else None

    def first_of_level(self, level: int) -> int | None:
        """The first step of a level (0: the first enabler), or None if there is none."""
        return next((n for n, s in enumerate(self.steps) if s.level == level), None)

    # -- answers: each returns the session with the new text --

    def at(self, n: int) -> Session:
        """Remember step ``n`` as where to carry on.  Past the last step (all done) or at the first
        (the same as starting afresh) the marker is removed, so opening and quitting changes nothing."""
        ident = self.steps[n].ident if 0 < n < len(self.steps) else None
        return self._edit(lambda text: set_marker(text, self.rater, ident))

    def with_status(self, n: int, status: str, justification: str | None = None) -> Session:
        """The agreed status, or with ``--as`` the person's rating; a justification goes with it."""
        step = self.steps[n]
        edits: list[Callable[[str], str]] = [self._ensure(step)]
        if justification is not None:
            edits.append(lambda t: _set_child(t, self.shown, step, "justification", _quoted(justification)))
        if self.rater is None:
            edits.append(lambda t: _set_status(t, self.shown, step, status))
        else:
            rater = self.rater
            edits.append(lambda t: _set_rating(t, self.shown, step, rater, status))
        return self._edit(*edits)

    def with_evidence(self, n: int, description: str) -> Session:
        """Add an evidence item (its date comes with :meth:`with_evidence_date`)."""
        step = self.steps[n]
        item = {"description": description}
        return self._edit(self._ensure(step), lambda t: _add_item(t, self.shown, step, item))

    def with_evidence_date(self, n: int, item: int, day: date) -> Session:
        step = self.steps[n]
        return self._edit(lambda t: _date_item(t, self.shown, step, item, day.isoformat()))

    def with_action(self, n: int, description: str) -> Session:
        """A new action for the step, replacing any there was (owner and due follow)."""
        step = self.steps[n]
        action = _flow({"description": description})
        return self._edit(self._ensure(step), lambda t: _set_child(t, self.shown, step, "action", action))

    def with_action_owner(self, n: int, owner: str) -> Session:
        return self._change_action(n, "owner", owner)

    def with_action_due(self, n: int, due: date) -> Session:
        return self._change_action(n, "due", due.isoformat())

    # -- notes on dates --

    def evidence_date_note(self, day: date) -> str | None:
        """Why a (valid) evidence date is worth a second look, or None."""
        if day > self.assessed_on:
            return f"that is after the assessment date, {self.assessed_on.isoformat()}; check the date"
        months = self.framework.review_months
        if day < months_before(self.assessed_on, months):
            return (
                f"that is more than {months} months before the assessment ({self.assessed_on.isoformat()}), "
                "so it will be reported as stale evidence; add something newer if you can"
            )
        return None

    def due_date_note(self, day: date) -> str | None:
        if day < self.assessed_on:
            return (
                f"that is before the assessment date, {self.assessed_on.isoformat()}, so the action will be "
                "reported as overdue"
            )
        return None

    # -- inside --

    def _change_action(self, n: int, key: str, value: str) -> Session:
        step = self.steps[n]
        raw = _raw_entry(parse_text(self.text, self.shown), step)
        action = dict(raw.get("action") or {}) if isinstance(raw.get("action"), dict) else {}
        action[key] = value
        line = _flow({k: action[k] for k in ("description", "owner", "due") if action.get(k) is not None})
        return self._edit(lambda t: _set_child(t, self.shown, step, "action", line))

    def _ensure(self, step: Step) -> Callable[[str], str]:
        order = [s.ident for s in self.steps if s.section == step.section]
        return lambda text: _ensure_entry(text, self.shown, step, order)

    def _edit(self, *edits: Callable[[str], str]) -> Session:
        text = self.text
        for edit in edits:
            text = edit(text)
        if text == self.text:
            return self
        return self._reread(text)

    def _reread(self, text: str) -> Session:
        """The session with ``text``, read back and checked: a bug if it does not validate."""
        try:
            doc = parse_text(text, self.shown)
            doc.privacy = self.assessment.doc.privacy
            assessment = cross_check_document(doc, self.framework)
        except InputError as e:
            first = e.problems()[0]
            raise RuntimeError(f"interview made an invalid file at line {first.line}: {first.message}") from e
        return replace(self, text=text, assessment=assessment)


def open_session(
    path: Path, shown: str, *, framework: str | None = None, rater: str | None = None, role: str | None = None
) -> Session:
    """Read and check an evidence file to fill in; with ``rater``, add them as an assessor if missing."""
    if rater is None and role is not None:
        raise UsageError("--role goes with --as NAME: whose ratings are these?")
    assessment = load_evidence(path, shown, framework=framework)
    _check_layout(assessment.doc)
    with path.open("rb") as fh:
        bom = fh.read(3) == _BOM.encode()
    session = Session(path, shown, assessment.doc.text, assessment, steps_of(assessment.framework), bom=bom)
    if rater is None:
        return session
    name = " ".join(rater.split())
    if not name:
        raise UsageError(BLANK_RATER)
    listed = next((a for a in assessment.evidence.assessors if person_key(a.name) == person_key(name)), None)
    if listed is not None:
        notes: tuple[str, ...] = ()
        if role is not None and role != listed.role:
            notes = (f"{listed.name} is listed as {listed.role} in {shown}; their ratings are recorded under that.",)
        return replace(session, rater=listed.name, notes=notes)
    if role is None:
        raise UsageError(
            f"--as {clip(name)}: {clip(name)} is not listed under 'assessors:' in {shown}; give their role too, "
            f"e.g. --role service-user (one of: {', '.join(ROLES)})"
        )
    session = replace(session, rater=name, notes=(f"Added {name} ({role}) to the assessors in {shown}.",))
    return session._edit(lambda text: _add_assessor(text, shown, name, role))


def new_file_text(
    fw: LoadedFramework,
    *,
    framework_ref: str,
    unit: str,
    assessed_on: date,
    file_name: str,
    schema_ref: str | None,
    rater: tuple[str, str] | None = None,
) -> str:
    """The file ``coprod init`` would write (``rater``: the name and role of ``init --as``)."""
    person = None
    if rater is not None:
        name = " ".join(rater[0].split())
        if not name:  # only the name can be wrong: the role comes from --role's choices
            raise UsageError(BLANK_RATER)
        person = Assessor(name=name, role=cast("Role", rater[1]))  # pydantic checks it all the same
    return evidence_skeleton(
        fw,
        framework_ref=framework_ref,
        unit=unit,
        service=None,
        organisation=None,
        assessed_on=assessed_on,
        file_name=file_name,
        schema_ref=schema_ref,
        rater=person,
    )


# ---- the marker -------------------------------------------------------------------------


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
    newline = "\r\n" if "\r\n" in text else "\n"
    kept = [line for line in lines if _marker_for(line, rater) is None]
    if ident is not None:
        who = f" for {' '.join(rater.split())}" if rater is not None else ""
        first = next((n for n, line in enumerate(kept) if line.strip() and not _is_comment(line)), len(kept))
        kept.insert(first, f"{MARKER}{who}: next {ident}{newline}")
    return "".join(kept)


# ---- editing the text -------------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def _is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _key(ident: str) -> str:
    return ident if _PLAIN_KEY.fullmatch(ident) else _quoted(ident)


_PLAIN_VALUES = frozenset({"status", "date", "due", "role"})


def _scalar(key: str, value: str) -> str:
    return value if key in _PLAIN_VALUES and _WORD.fullmatch(value) else _quoted(value)


def _flow(mapping: Mapping[str, Any]) -> str:
    """A mapping of text values on one line, as init and merge write evidence and actions."""
    parts = [f"{_key(k)}: {_scalar(k, v)}" for k, v in mapping.items() if isinstance(v, str)]
    return "{" + ", ".join(parts) + "}"


def _raw_entry(doc: Document, step: Step) -> dict[str, Any]:
    data = doc.data if isinstance(doc.data, dict) else {}
    section = data.get(step.section)
    entry = section.get(step.ident) if isinstance(section, dict) else None
    return entry if isinstance(entry, dict) else {}


def _check_layout(doc: Document) -> None:
    """Refuse, before any question, a layout the edits cannot keep: a file in one '{…}'."""
    data = doc.data if isinstance(doc.data, dict) else {}
    for name in SECTIONS:
        if name not in data:
            continue
        key = doc.key_marks[(name,)]
        value = data[name]
        flow = value and doc.marks[(name,)].line == key.line
        if key.column != 1 or flow:
            raise UsageError(
                f"{doc.path}:{key.line}:{key.column}: interview edits files written one entry a line, as "
                f"'coprod init' writes them; write '{name}:' that way, starting at the beginning of a line, "
                "and run it again"
            )


class _Text:
    """A file's lines and the reader's marks for them, for one edit."""

    def __init__(self, text: str, shown: str) -> None:
        self.doc = parse_text(text, shown)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.lines = text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith(("\n", "\r")):
            self.lines[-1] += self.newline

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
        return line, _indent(self.lines[line])

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
            _blank(self.lines[end - 1]) or (_is_comment(self.lines[end - 1]) and _indent(self.lines[end - 1]) <= indent)
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
            self.lines[n] = f"{' ' * indent}{_key(str(path[-1]))}:{'  ' + comment if comment else ''}{self.newline}"

    def put(self, at: int, new: Sequence[str], *, until: int | None = None) -> str:
        """Replace lines [at, until) (nothing, by default) with ``new``; the new text."""
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


def _ensure_entry(text: str, shown: str, step: Step, order: Sequence[str]) -> str:
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
    head = f"{pad}{_key(step.ident)}:" + (f"  {comment}" if comment.startswith("#") else "")
    kept = [f"{child}{line.strip()}" for line in old[1:] if _is_comment(line)]
    return t.put(start, [head, *kept, *_entry_lines(section[step.ident], child, " " * by)], until=end)


def _entry_lines(entry: Mapping[str, Any], pad: str, step: str) -> list[str]:
    """An entry's keys one a line, in the usual order, at indent ``pad``."""
    out: list[str] = []
    for key in _CHILD_ORDER:
        value = entry.get(key)
        if value is None or value in ({}, []):
            continue
        if key == "ratings":
            out.append(f"{pad}ratings:")
            out += [f"{pad}{step}{_key(name)}: {rating}" for name, rating in value.items()]
        elif key == "evidence":
            out.append(f"{pad}evidence:")
            out += [f"{pad}{step}- {_flow(item)}" for item in value]
        elif key == "action":
            out.append(f"{pad}action: {_flow(value)}")
        else:
            out.append(f"{pad}{key}: {_scalar(key, value)}")
    return out


def _add_entry(t: _Text, step: Step, order: Sequence[str]) -> str:
    """Put a not-assessed entry for the step in its place in the framework's order."""
    data = t.data
    note = " ".join(step.text.split())
    if step.section not in data:
        at = len(t.lines)
        return t.put(at, [f"{step.section}:", f"  # {note}", f"  {_key(step.ident)}:", "    status: not-assessed"])
    section = data[step.section]
    if not section:  # written 'targets:' with nothing (or '{}') under it
        t.clear_key_line((step.section,))
        _, end = t.span((step.section,))
        return t.put(end, [f"  # {note}", f"  {_key(step.ident)}:", "    status: not-assessed"])
    first = (step.section, next(iter(section)))
    _, indent = t.start(first)
    _, by = _child_step(t, first)
    pad = " " * indent
    lines = [f"{pad}# {note}", f"{pad}{_key(step.ident)}:", f"{' ' * (indent + by)}status: not-assessed"]
    earlier = [k for k in order[: order.index(step.ident)] if k in section]
    if earlier:
        return t.put(t.span((step.section, earlier[-1]))[1], lines)
    # Before the first entry, above the comments that go with it (not a '# ---- Level' heading).
    top = t.start(first)[0]
    while (
        top - 1 > t.start((step.section,))[0]
        and _is_comment(t.lines[top - 1])
        and _indent(t.lines[top - 1]) == indent
        and not re.match(r"#\s*(-{3,}|={3,})", t.lines[top - 1].strip())
    ):
        top -= 1
    return t.put(top, lines)


def _set_child(text: str, shown: str, step: Step, key: str, value: str | list[str]) -> str:
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


def _insert_point(t: _Text, entry: PathKey, key: str) -> int:
    """Where a new key goes: after the last key that comes before it in the usual order."""
    have = t.value(entry)
    rank = _CHILD_ORDER.index(key)
    before = [k for k in have if k in _CHILD_ORDER and _CHILD_ORDER.index(k) < rank]
    if before:
        return max(t.span((*entry, k))[1] for k in before)
    return t.start(entry)[0] + 1


def _set_status(text: str, shown: str, step: Step, status: str) -> str:
    t = _Text(text, shown)
    return t.set_word((*_entry_path(step), "status"), status)


def _set_rating(text: str, shown: str, step: Step, rater: str, status: str) -> str:
    t = _Text(text, shown)
    entry = _entry_path(step)
    have = t.value(entry).get("ratings")
    path = (*entry, "ratings")
    if isinstance(have, dict) and t.is_block(path):
        name = next((n for n in have if person_key(n) == person_key(rater)), None)
        if name is not None:
            return t.set_word((*path, name), status)
        _, indent = t.start((*path, next(iter(have))))
        return t.put(t.span(path)[1], [f"{' ' * indent}{_key(rater)}: {status}"])
    ratings = {n: s for n, s in (have or {}).items() if person_key(n) != person_key(rater)}
    ratings[rater] = status
    return _set_child(text, shown, step, "ratings", [f"{_key(n)}: {s}" for n, s in ratings.items()])


def _add_item(text: str, shown: str, step: Step, item: Mapping[str, str]) -> str:
    t = _Text(text, shown)
    entry = _entry_path(step)
    path = (*entry, "evidence")
    have = t.value(entry).get("evidence")
    if isinstance(have, list) and t.is_block(path):
        _, dash = t.start((*path, 0))
        return t.put(t.span(path)[1], [f"{' ' * dash}- {_flow(item)}"])
    items = [*(have or []), item]
    return _set_child(text, shown, step, "evidence", [f"- {_flow(i)}" for i in items])


def _date_item(text: str, shown: str, step: Step, n: int, day: str) -> str:
    t = _Text(text, shown)
    path = (*_entry_path(step), "evidence", n)
    item = dict(t.value(path))
    item["date"] = day
    ordered = {k: item[k] for k in ("description", "date", "link") if k in item}
    start, end = t.span(path)
    _, dash = t.start(path)
    return t.put(start, [f"{' ' * dash}- {_flow(ordered)}"], until=end)


def _add_assessor(text: str, shown: str, name: str, role: str) -> str:
    t = _Text(text, shown)
    data = t.data
    line = _flow({"name": name, "role": role})
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
        return t.put(start, ["assessors:", *(f"  - {_flow(item)}" for item in have), f"  - {line}"], until=end)
    t.clear_key_line(path)
    _, end = t.span(path)
    return t.put(end, [f"  - {line}"])

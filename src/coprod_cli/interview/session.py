"""The core of ``coprod interview``: an evidence file being filled in, one answer at a time.

Nothing here prints, reads the terminal or writes a file: the interview asks, calls these, and
writes :attr:`Session.file_text` after each answer.  Each answer gives a new :class:`Session`
whose text is read back and checked against the framework, so a file that fails ``coprod
validate`` is never handed back (that would be a bug, raised as ``RuntimeError``).  How each
answer changes the text is in :mod:`coprod_cli.interview.edits`; where to carry on, in
:mod:`coprod_cli.interview.marker`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import cast

from coprod_cli.editing.skeleton import evidence_skeleton
from coprod_cli.editing.yamltext import flow_mapping, quoted
from coprod_cli.errors import InputError, UsageError, clip
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.i18n import N_, _, n_
from coprod_cli.interview import edits
from coprod_cli.interview.marker import read_marker, set_marker
from coprod_cli.interview.steps import SECTIONS, Step, steps_of
from coprod_cli.model.evidence import Action, Assessor, EvidenceItem, person_key
from coprod_cli.model.models import ROLES, Role
from coprod_cli.reading.yamlread import Document, parse_text
from coprod_cli.scoring.check import Assessment, cross_check_document, load_evidence, months_before

BLANK_RATER = N_("--as: give the person's name or initials, e.g. --as 'Rhian' --role service-user")
"""What ``--as`` with a blank name gets, from ``init`` and ``interview`` alike (translated where raised)."""
_BOM = "\ufeff"


@dataclass(frozen=True)
class Now:
    """What the file says about one step at present."""

    status: str
    """The agreed status (``not-assessed`` when the file leaves the target out)."""
    rating: str | None
    """With ``--as``: that person's own rating (``not-assessed`` when none); else None."""
    evidence: tuple[EvidenceItem, ...]
    action: Action | None
    """The first open action: the one worked on now (docs/evidence-file.md, 'Actions')."""
    justification: str | None
    actions: tuple[Action, ...] = ()
    """Every action, open, done or dropped."""
    adds: bool = False
    """Whether a new action goes under ``actions:`` beside those there (the file lists several, or
    its one action is done or dropped) rather than replacing the one ``action:``."""


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
        actions = entry.all_actions
        first_open = next((a for a in actions if a.status == "open"), None)
        adds = bool(entry.actions) or (entry.action is not None and entry.action.status != "open")
        return Now(entry.status, rating, entry.evidence, first_open, entry.justification, actions, adds)

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
        changes: list[Callable[[str], str]] = [self._ensure(step)]
        if justification is not None:
            changes.append(lambda t: edits.set_child(t, self.shown, step, "justification", quoted(justification)))
        if self.rater is None:
            changes.append(lambda t: edits.set_status(t, self.shown, step, status))
            if status != "not-applicable":  # a review date is for a target that does not apply
                changes.append(lambda t: edits.drop_child(t, self.shown, step, "review_by"))
        else:
            rater = self.rater
            changes.append(lambda t: edits.set_rating(t, self.shown, step, rater, status))
        return self._edit(*changes)

    def with_evidence(self, n: int, description: str) -> Session:
        """Add an evidence item (its date comes with :meth:`with_evidence_date`)."""
        step = self.steps[n]
        item = {"description": description}
        return self._edit(self._ensure(step), lambda t: edits.add_item(t, self.shown, step, item))

    def with_evidence_date(self, n: int, item: int, day: date) -> Session:
        step = self.steps[n]
        return self._edit(lambda t: edits.date_item(t, self.shown, step, item, day.isoformat()))

    def with_action(self, n: int, description: str) -> Session:
        """A new action for the step (owner and due follow): added under ``actions:`` when the entry
        has several or its one is done or dropped, else replacing the one ``action:``."""
        step = self.steps[n]
        if self.now(n).adds:
            item = {"description": description}
            return self._edit(self._ensure(step), lambda t: edits.add_action(t, self.shown, step, item))
        action = flow_mapping({"description": description})
        return self._edit(self._ensure(step), lambda t: edits.set_child(t, self.shown, step, "action", action))

    def with_action_owner(self, n: int, owner: str) -> Session:
        return self._change_action(n, "owner", owner)

    def with_action_due(self, n: int, due: date) -> Session:
        return self._change_action(n, "due", due.isoformat())

    @property
    def people(self) -> tuple[Assessor, ...]:
        """Who took part, as listed under ``assessors:``."""
        return self.assessment.evidence.assessors

    def with_person(self, name: str, role: str) -> Session:
        """The session with one more person under ``assessors:``."""
        return self._edit(lambda t: edits.add_assessor(t, self.shown, name, role))

    def without_person(self, index: int) -> Session:
        """The session with the person at ``index`` taken off ``assessors:`` (see :meth:`named_in`)."""
        return self._edit(lambda t: edits.remove_assessor(t, self.shown, index))

    def named_in(self, name: str) -> str | None:
        """What of the file names an assessor (their ratings, a sign-off), so they must stay listed."""
        ev, key = self.assessment.evidence, person_key(name)
        entries = [*ev.targets.values(), *ev.enablers.values(), *ev.retired.values()]
        if any(person_key(rater) == key for entry in entries for rater in entry.ratings):
            return _("their own ratings")
        if any(person_key(s.name) == key for signed in ev.sign_off.values() for s in signed):
            return _("a sign-off")
        return None

    # -- notes on dates --

    def evidence_date_note(self, day: date) -> str | None:
        """Why a (valid) evidence date is worth a second look, or None."""
        if day > self.assessed_on:
            return _("that is after the assessment date, {day}; check the date", day=self.assessed_on.isoformat())
        months = self.framework.review_months
        if day < months_before(self.assessed_on, months):
            return n_(
                "that is more than {count} months before the assessment ({day}), "
                "so it will be reported as stale evidence; add something newer if you can",
                "that is more than {count} months before the assessment ({day}), "
                "so it will be reported as stale evidence; add something newer if you can",
                months,
                day=self.assessed_on.isoformat(),
            )
        return None

    def due_date_note(self, day: date) -> str | None:
        if day < self.assessed_on:
            return _(
                "that is before the assessment date, {day}, so the action will be reported as overdue",
                day=self.assessed_on.isoformat(),
            )
        return None

    # -- inside --

    def _change_action(self, n: int, key: str, value: str) -> Session:
        step = self.steps[n]
        raw = edits.raw_entry(parse_text(self.text, self.shown), step)
        if isinstance(raw.get("actions"), list) and raw["actions"]:
            return self._edit(lambda t: edits.update_action(t, self.shown, step, {key: value}))
        action = dict(raw.get("action") or {}) if isinstance(raw.get("action"), dict) else {}
        action[key] = value
        line = flow_mapping({k: action[k] for k in ("description", "owner", "due") if action.get(k) is not None})
        return self._edit(lambda t: edits.set_child(t, self.shown, step, "action", line))

    def _ensure(self, step: Step) -> Callable[[str], str]:
        order = [s.ident for s in self.steps if s.section == step.section]
        return lambda text: edits.ensure_entry(text, self.shown, step, order)

    def _edit(self, *changes: Callable[[str], str]) -> Session:
        text = self.text
        for change in changes:
            text = change(text)
        if text == self.text:
            return self
        return self._reread(text)

    def _reread(self, text: str) -> Session:
        """The session with ``text``, read back and checked: a bug if it does not validate."""
        try:
            doc = parse_text(text, self.shown)
            assessment = cross_check_document(doc, self.framework, privacy=self.assessment.privacy)
        except InputError as e:
            first = e.problems()[0]
            raise RuntimeError(f"interview made an invalid file at line {first.line}: {first.message}") from e
        return replace(self, text=text, assessment=assessment)


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
                _(
                    "{path}:{line}:{column}: interview edits files written one entry a line, as "
                    "'coprod init' writes them; write '{name}:' that way, starting at the beginning of a line, "
                    "and run it again",
                    path=doc.path,
                    line=key.line,
                    column=key.column,
                    name=name,
                )
            )


def open_session(
    path: Path, shown: str, *, framework: str | None = None, rater: str | None = None, role: str | None = None
) -> Session:
    """Read and check an evidence file to fill in; with ``rater``, add them as an assessor if missing."""
    if rater is None and role is not None:
        raise UsageError(_("--role goes with --as NAME: whose ratings are these?"))
    assessment = load_evidence(path, shown, framework=framework)
    _check_layout(assessment.doc)
    with path.open("rb") as fh:
        bom = fh.read(3) == _BOM.encode()
    session = Session(path, shown, assessment.doc.text, assessment, steps_of(assessment.framework), bom=bom)
    if rater is None:
        return session
    name = " ".join(rater.split())
    if not name:
        raise UsageError(_(BLANK_RATER))
    listed = next((a for a in assessment.evidence.assessors if person_key(a.name) == person_key(name)), None)
    if listed is not None:
        notes: tuple[str, ...] = ()
        if role is not None and role != listed.role:
            notes = (
                _(
                    "{name} is listed as {role} in {path}; their ratings are recorded under that.",
                    name=listed.name,
                    role=listed.role,
                    path=shown,
                ),
            )
        return replace(session, rater=listed.name, notes=notes)
    if role is None:
        raise UsageError(
            _(
                "--as {name}: {name} is not listed under 'assessors:' in {path}; give their role too, "
                "e.g. --role service-user (one of: {roles})",
                name=clip(name),
                path=shown,
                roles=", ".join(ROLES),
            )
        )
    note = _("Added {name} ({role}) to the assessors in {path}.", name=name, role=role, path=shown)
    session = replace(session, rater=name, notes=(note,))
    return session._edit(lambda text: edits.add_assessor(text, shown, name, role))


def new_file_text(
    fw: LoadedFramework,
    *,
    framework_ref: str,
    unit: str,
    assessed_on: date,
    check_command: str,
    schema_ref: str | None,
    rater: tuple[str, str] | None = None,
) -> str:
    """The file ``coprod init`` would write (``rater``: the name and role of ``init --as``)."""
    person = None
    if rater is not None:
        name = " ".join(rater[0].split())
        if not name:  # only the name can be wrong: the role comes from --role's choices
            raise UsageError(_(BLANK_RATER))
        person = Assessor(name=name, role=cast("Role", rater[1]))  # pydantic checks it all the same
    return evidence_skeleton(
        fw,
        framework_ref=framework_ref,
        unit=unit,
        service=None,
        organisation=None,
        assessed_on=assessed_on,
        check_command=check_command,
        schema_ref=schema_ref,
        rater=person,
    )

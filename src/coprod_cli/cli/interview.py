"""The command ``coprod interview``: fill in an evidence file by answering questions.

A plain function with typer annotations; ``cli`` registers it, so it runs inside its one error
handler.  What the file says and every edit of it live in :mod:`coprod_cli.interview.session`; this
module only asks, shows and writes.  Output is plain text, wrapped to at most 80 columns: no
colour, no boxes, no cursor tricks, so it reads the same on a screen reader, in a transcript and
with ``NO_COLOR``.  On a terminal a menu takes one key press; with answers piped in it reads
one answer a line (the end of the input saves and quits).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from coprod_cli.cli.merge import RoleOpt
from coprod_cli.cli.options import FrameworkOpt, FrameworksDirOpt
from coprod_cli.errors import UsageError, clip

if TYPE_CHECKING:
    from coprod_cli.interview.session import Session, Step

MAX_WIDTH = 80
SHOWN_EVIDENCE = 3
"""Evidence items listed under a target; more are counted, so a target fits a 24-line screen."""
LONG = 150
"""Characters of a description shown (about two lines)."""
QUIT = "q: save and quit"

STATUS_PROMPT = (
    "Status? m met, p partial, n not met, x not applicable, a not assessed;\n"
    "or s (or Enter) skip, b back, j jump to a level, q save and quit:"
)
STATUS_WORDS = {"met": "m", "partial": "p", "not-met": "n", "not-applicable": "x", "not-assessed": "a", "skip": "s"}
"""Whole words piped answers may use instead of the keys."""


class _Quit(Exception):
    """q, or the end of the input: save and stop."""


# ---- the terminal -----------------------------------------------------------------------


class Terminal:
    """Plain-text questions and answers over a pair of streams."""

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        *,
        read_key: Callable[[], str] | None = None,
        width: int = MAX_WIDTH,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.read_key = read_key
        """Reads one key press (on a terminal); None: read whole lines (piped answers)."""
        self.width = width

    @classmethod
    def for_stdio(cls) -> Terminal:
        width = max(40, min(MAX_WIDTH, shutil.get_terminal_size((MAX_WIDTH, 24)).columns))
        return cls(sys.stdin, sys.stdout, read_key=_key_reader(sys.stdin), width=width)

    def _write(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def _wrap(self, text: str) -> str:
        out: list[str] = []
        for line in text.split("\n"):
            lead = line[: len(line) - len(line.lstrip(" "))]
            out += textwrap.wrap(
                line, self.width, subsequent_indent=lead + "  " if lead else "", break_on_hyphens=False
            ) or [""]
        return "\n".join(out)

    def say(self, text: str = "") -> None:
        self._write(self._wrap(text) + "\n")

    def _line(self) -> str:
        """One line of input, without its line end; raises _Quit at the end of the input."""
        line = self.stdin.readline()
        if not line:
            self._write("\n")
            raise _Quit
        answer = line.rstrip("\r\n")
        if self.read_key is None:
            shown = "".join(c if c.isprintable() else "?" for c in answer)
            self._write(shown + "\n")  # piped: show the answer, as a terminal would
        return answer

    def choose(self, prompt: str, keys: Mapping[str, str]) -> str:
        """Ask until one of ``keys`` (what may be typed → the key it means) is given; '' is Enter.

        q or the end of the input raises _Quit."""
        while True:
            self._write(self._wrap(prompt) + " ")
            if self.read_key is not None:
                pressed = self.read_key()
                if pressed in ("\x04", ""):
                    self._write("\n")
                    raise _Quit
                given = "" if pressed in ("\r", "\n") else pressed.strip().lower()
                self._write((given if given.isprintable() else "") + "\n")
            else:
                given = self._line().strip().lower()
            if given == "q":
                raise _Quit
            if given in keys:
                return keys[given]
            shown = f"'{clip(given, 20)}' is" if given.isprintable() else "That key is"
            self.say(f"{shown} not one of the keys here; press one of those listed.")

    def ask(self, prompt: str) -> str:
        """A line of text, typed on a line of its own after '> ', its spaces tidied; q alone or the
        end of the input raises _Quit."""
        self._write(self._wrap(prompt) + "\n> ")
        answer = " ".join(self._line().split())
        if answer.lower() == "q":
            raise _Quit
        return answer


def _key_reader(stdin: TextIO) -> Callable[[], str] | None:
    """On a terminal, read single key presses (the terminal's own line editing is off meanwhile)."""
    try:
        if not stdin.isatty():
            return None
        import termios
        import tty

        fd = stdin.fileno()
    except (ImportError, AttributeError, ValueError, OSError):  # not a terminal, or not a POSIX one
        return None

    def read() -> str:
        old = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd, termios.TCSANOW)  # not the default TCSAFLUSH: keep keys typed ahead
            data = os.read(fd, 32)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        return data.decode("utf-8", "replace")

    return read


# ---- the interview ----------------------------------------------------------------------


class Interview:
    """Walks the steps, asks, and saves each answer as soon as it is given."""

    def __init__(self, session: Session, term: Terminal, again: str) -> None:
        self.session = session
        self.term = term
        self.again = again
        """The command that carries on where this one stops."""
        self.n = 0
        self.on_disk = session.path.read_bytes()

    # -- saving --

    def save(self, new: Session) -> None:
        """Write the file as ``new`` has it; refuse (BadAnswer) if it would then hold personal data."""
        from coprod_cli.editing.writer import write_text
        from coprod_cli.interview.session import output_problem
        from coprod_cli.privacy.guard import check_output

        if new.file_text.encode("utf-8") == self.on_disk:
            self.session = new
            return
        output_problem(new.file_text, new.path.parent, new.waived_keys)
        if new.path.read_bytes() != self.on_disk:
            raise UsageError(
                f"{new.shown} was changed by something else while the interview was running, so the last answer "
                f"was not saved; run '{self.again}' to carry on"
            )
        check_output(new.file_text, new.shown, new.path.parent, new.waived_keys)
        write_text(new.path, new.file_text, force=True)
        self.session = new
        self.on_disk = new.file_text.encode("utf-8")

    def _answer(self, prompt: str, make: Callable[[str], Session]) -> str:
        """Ask for text until it can be saved, and save it; '' when none was given."""
        from coprod_cli.interview.session import BadAnswer, check_answer

        while True:
            text = self.term.ask(prompt)
            if not text:
                return ""
            try:
                check_answer(text, self.session.path.parent)
                self.save(make(text))
            except BadAnswer as e:
                self.term.say(f"Sorry, that cannot be saved: {e}. Please type it again.")
                continue
            return text

    def _date(self, prompt: str, make: Callable[[date], Session], note: Callable[[date], str | None]) -> None:
        from coprod_cli.interview.session import BadAnswer, parse_day

        while True:
            text = self.term.ask(prompt)
            if not text:
                return
            try:
                day = parse_day(text)
            except BadAnswer as e:
                self.term.say(f"{e}. Type the date as YYYY-MM-DD, such as 2026-10-14, or press Enter alone for none.")
                continue
            try:
                self.save(make(day))
            except BadAnswer as e:
                self.term.say(f"Sorry, that cannot be saved: {e}. Please type another date.")
                continue
            said = note(day)
            if said:
                self.term.say(f"Saved, but note: {said}.")
            return

    # -- the walk --

    def run(self) -> bool:
        """Ask about every step from where the last session stopped; True when all were done."""
        steps = self.session.steps
        start = self.session.resume_at()
        self.intro(start)
        self.n = start or 0
        try:
            while self.n < len(steps):
                self.show()
                self.n = self.step()
                self.save(self.session.at(self.n))
        except _Quit:
            self.save(self.session.at(self.n))
            self.term.say()
            self.term.say(f"Saved {self.session.shown}. To carry on where you stopped, run: {self.again}")
            return False
        self.term.say()
        self.term.say(f"That was the last one. All your answers are saved in {self.session.shown}.")
        self.term.say(f"See where the unit stands with: coprod assess {shlex.quote(self.session.shown)}")
        return True

    def stop(self) -> None:
        """Ctrl-C: remember where to carry on, if the file can still be written."""
        self.save(self.session.at(self.n))

    def intro(self, start: int | None) -> None:
        s, say = self.session, self.term.say
        for note in s.notes:
            say(note)
        targets = sum(1 for step in s.steps if step.level)
        if start is not None:
            say(f"Carrying on where you stopped last time: {self.position(s.steps[start], start)}.")
        else:
            enablers = len(s.steps) - targets
            levels = len(s.framework.model.levels)
            say(
                f"Interview for {s.assessment.evidence.unit.name}: {_count(targets, 'target')} in "
                f"{_count(levels, 'level')}" + (f", then {_count(enablers, 'enabler')}." if enablers else ".")
            )
            say("Each answer is saved as soon as you give it; q saves and quits at any time.")
        if s.rater is not None:
            say(f"Answers are recorded as {s.rater}'s own ratings, not as the agreed status.")

    def position(self, step: Step, n: int) -> str:
        targets = sum(1 for s in self.session.steps if s.level)
        if step.level:
            return f"target {n + 1} of {targets}"
        return f"enabler {n + 1 - targets} of {len(self.session.steps) - targets}"

    def show(self) -> None:
        s, say = self.session, self.term.say
        step, now = s.steps[self.n], s.now(self.n)
        say()
        where = self.position(step, self.n)
        if step.level:
            say(f"{where[0].upper()}{where[1:]}. Level {step.level}: {step.level_title}.")
            if step.ethos:
                say(f"Ethos: “{step.ethos}”")
        else:
            say(f"{where[0].upper()}{where[1:]}. Enablers support every level.")
        say(f"{step.text} ({step.ident})")
        if step.required:
            say(f"Required: level {step.level} is not achieved until this is met.")
        if now.rating is not None:
            say(f"Your rating now: {now.rating}. Agreed status: {now.status}.")
        else:
            say(f"Status now: {now.status}.")
        if now.justification and "not-applicable" in (now.status, now.rating):
            say(f"Why it does not apply: {clip(now.justification, LONG)}")
        if not now.evidence:
            say("Evidence: none yet.")
        else:
            say(f"Evidence ({len(now.evidence)}):")
            for item in now.evidence[:SHOWN_EVIDENCE]:
                when = f" ({item.date.isoformat()})" if item.date else ""
                say(f"  - {clip(item.description, LONG)}{when}")
            if len(now.evidence) > SHOWN_EVIDENCE:
                say(f"  (and {len(now.evidence) - SHOWN_EVIDENCE} more)")
        if now.action is not None:
            say(f"Action: {_action(now.action.description, now.action.owner, now.action.due)}")

    def step(self) -> int:
        """Ask for this step's status (or a move); the step to go to next."""
        from coprod_cli.interview.session import STATUS_KEYS

        keys = {k: k for k in (*STATUS_KEYS, "s", "b", "j")} | {"": "s"} | STATUS_WORDS
        key = self.term.choose(STATUS_PROMPT, keys)
        if key in STATUS_KEYS:
            return self.n + 1 if self.answer(STATUS_KEYS[key]) else self.n
        if key == "b":
            if self.n == 0:
                self.term.say("This is the first one; there is nothing before it.")
            return max(self.n - 1, 0)
        if key == "j":
            return self.jump()
        return self.n + 1

    def jump(self) -> int:
        s = self.session
        levels = [str(level.number) for level in s.framework.model.levels]
        keys = {k: k for k in levels} | {"": ""}
        choices = f"{', '.join(levels[:-1])} or {levels[-1]}" if len(levels) > 1 else levels[0]
        extra = ""
        if s.first_of_level(0) is not None:
            keys["e"] = "e"
            extra = ", or e enablers"
        key = self.term.choose(f"Jump to level {choices}{extra}? (Enter alone: stay; {QUIT}):", keys)
        if not key:
            return self.n
        found = s.first_of_level(0 if key == "e" else int(key))
        return self.n if found is None else found

    def answer(self, status: str) -> bool:
        """Save the status and ask what goes with it; False if the person went back instead."""
        from coprod_cli.interview.session import ASKS_EVIDENCE, GAPS, BadAnswer

        s = self.session
        justification: str | None = None
        if status == "not-applicable":
            went_on, justification = self.justification()
            if not went_on:
                return False
        try:
            self.save(s.with_status(self.n, status, justification))
        except BadAnswer as e:
            self.term.say(f"Sorry, that cannot be saved: {e}.")
            return False
        self.term.say(f"Saved: {status}.")
        if status in ASKS_EVIDENCE:
            self.evidence(status)
        if status in GAPS:
            self.action()
        return True

    def justification(self) -> tuple[bool, str | None]:
        """Why the target does not apply: (go on?, the reason to write or None to keep it)."""
        from coprod_cli.interview.session import BadAnswer, check_answer

        now = self.session.now(self.n)
        if now.justification:
            self.term.say(f"Reason written now: {clip(now.justification, LONG)}")
            keys = "Enter alone: keep it"
        elif self.session.rater is not None:
            keys = "Enter alone: give no reason"
        else:
            keys = "Enter alone: go back"
        while True:
            text = self.term.ask(f"Why does it not apply here? ({keys}; {QUIT}):")
            if not text:
                went_on = bool(now.justification) or self.session.rater is not None
                return went_on, None
            try:
                check_answer(text, self.session.path.parent)
            except BadAnswer as e:
                self.term.say(f"Sorry, that cannot be saved: {e}. Please type it again.")
                continue
            return True, text

    def evidence(self, status: str) -> None:
        n = self.n
        while True:
            count = len(self.session.now(n).evidence)
            what = f"Evidence: what shows it is {status}?" if status != "not-met" else "Evidence, if any?"
            if count:
                what = f"More evidence ({count} so far)?"
            text = self._answer(f"{what} (Enter alone: go on; {QUIT}):", lambda t: self.session.with_evidence(n, t))
            if not text:
                if status == "met" and not count:
                    self.term.say("Note: met with no evidence is reported as claimed without evidence.")
                return

            def dated(day: date, item: int = count) -> Session:
                return self.session.with_evidence_date(n, item, day)

            self._date(
                f"Date of this evidence, YYYY-MM-DD (Enter alone: no date; {QUIT}):",
                dated,
                self.session.evidence_date_note,
            )

    def action(self) -> None:
        n = self.n
        now = self.session.now(n)
        if now.action is not None:
            ask = f"Type a new action to replace it (Enter alone: keep it; {QUIT}):"
        else:
            ask = f"Action to close the gap? (Enter alone: none; {QUIT}):"
        if not self._answer(ask, lambda t: self.session.with_action(n, t)):
            return
        self._answer(
            f"Who will do it? Name or role (Enter alone: leave open; {QUIT}):",
            lambda t: self.session.with_action_owner(n, t),
        )
        self._date(
            f"When is it due? YYYY-MM-DD (Enter alone: no date; {QUIT}):",
            lambda day: self.session.with_action_due(n, day),
            self.session.due_date_note,
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _action(description: str, owner: str | None, due: date | None) -> str:
    parts = [p for p in (f"owner: {owner}" if owner else "", f"due {due.isoformat()}" if due else "") if p]
    return clip(description, LONG) + (f" ({'; '.join(parts)})" if parts else "")


# ---- starting ---------------------------------------------------------------------------


def _create(unit: Path, name: str | None, rater: tuple[str, str] | None, framework: str | None, term: Terminal) -> bool:
    """Write a new evidence file as ``coprod init`` would; False if the person quit instead."""
    from coprod_cli.cli.framework import schema_text
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.framework.load import DEFAULT_FRAMEWORK, load_framework, looks_like_path, resolve_framework
    from coprod_cli.interview.session import BadAnswer, check_answer, new_file_text
    from coprod_cli.privacy.guard import check_output

    check_target(unit, exclusive=True)
    ref = framework or DEFAULT_FRAMEWORK
    fw_path, shown = resolve_framework(ref, Path())
    loaded = load_framework(fw_path, shown)
    if looks_like_path(ref):
        ref = os.path.relpath(fw_path.resolve(), unit.resolve().parent)
    if name is None or not name.strip():
        term.say(f"{unit} does not exist yet; this makes it.")
    while name is None or not name.strip():
        try:
            name = term.ask(f"What is the unit called? (q: quit without making {unit}):")
            if name:
                check_answer(name, unit.parent)
        except BadAnswer as e:
            term.say(f"Sorry, that cannot be saved: {e}. Please type it again.")
            name = None
        except _Quit:
            term.say(f"Nothing was written; {unit} was not made.")
            return False
    schema = unit.parent / "coprod-evidence.schema.json"
    text = new_file_text(
        loaded,
        framework_ref=ref,
        unit=" ".join(name.split()),
        assessed_on=date.today(),
        file_name=str(unit),
        schema_ref=f"./{schema.name}",
        rater=rater,
    )
    check_output(text, str(unit), unit.parent, frozenset())
    write_text(unit, text, exclusive=True)
    if not schema.exists():
        write_text(schema, schema_text("evidence"))
    term.say(f"Made {unit}, with every target not assessed yet.")
    return True


def _again(unit: Path, rater: str | None, framework: str | None) -> str:
    words = ["coprod", "interview", str(unit)]
    if rater is not None:
        words += ["--as", rater]
    if framework is not None:
        words += ["--framework", framework]
    return shlex.join(words)


UnitArg = Annotated[
    Path,
    typer.Argument(
        metavar="UNIT.yaml",
        help="The unit's evidence file (made, as 'coprod init' would, if missing).",
        show_default=False,
    ),
]
AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="NAME",
        help="Record the answers as NAME's own ratings (under 'ratings:'), not as the agreed status; "
        "give --role too if NAME is not yet listed as an assessor.",
    ),
]
UnitNameOpt = Annotated[
    str | None,
    typer.Option(
        "--unit", metavar="NAME", help="The unit's name, if UNIT.yaml does not exist yet (asked if not given)."
    ),
]


def interview_command(
    unit: UnitArg,
    as_: AsOpt = None,
    role: RoleOpt = None,
    unit_name: UnitNameOpt = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
) -> None:
    """Fill in a unit's evidence file by answering questions, one target at a time.

    For each target it shows the level, the target and what the file says now. Press one key for
    the status (m met, p partial, n not met, x not applicable, a not assessed), then type any
    evidence and, for a gap, an action with its owner and due date. s or Enter skips, b goes back,
    j jumps to a level, q saves and quits. Every answer is saved at once; run the same command
    again to carry on where you stopped (the file keeps a '# coprod interview: next ID' line until
    the last target is done). Answers can also be piped in, one a line.
    """
    from coprod_cli.interview.session import BLANK_RATER, BadAnswer, open_session

    if role is not None and as_ is None:
        raise UsageError("--role goes with --as NAME: whose ratings are these?")
    term = Terminal.for_stdio()
    if not unit.exists():
        if as_ is not None and not as_.strip():
            raise UsageError(BLANK_RATER)  # before asking anything
        if as_ is not None and role is None:
            raise UsageError(f"--as {clip(as_)}: give their role too, e.g. --role service-user, to list them in {unit}")
        rater = (as_, role.value) if as_ is not None and role is not None else None
        if not _create(unit, unit_name, rater, framework, term):
            return
    elif unit_name is not None:
        term.say(f"{unit} exists already, so --unit is not used.")
    session = open_session(unit, str(unit), framework=framework, rater=as_, role=role.value if role else None)
    interview = Interview(session, term, _again(unit, session.rater, framework))
    try:
        interview.save(session)  # an assessor added for --as
    except BadAnswer as e:
        raise UsageError(f"--as: {e}") from None
    try:
        interview.run()
    except KeyboardInterrupt:
        interview.stop()
        term.say()
        term.say(f"Stopped. Your answers so far are saved in {unit}. To carry on, run: {interview.again}")
        raise typer.Exit(130) from None

"""The questions of ``coprod interview``: each target in turn, its status, evidence and action.

:class:`Interview` walks the steps from where the last session stopped, asks through a
:class:`~coprod_cli.interview.terminal.Terminal`, and saves each answer as soon as it is given;
what the file says and every edit of it are in :mod:`coprod_cli.interview.session`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from coprod_cli.editing.writer import ChangedMeanwhile, write_text
from coprod_cli.errors import UsageError, clip
from coprod_cli.interview.answers import BadAnswer, check_answer, output_problem, parse_day
from coprod_cli.interview.people import who_took_part
from coprod_cli.interview.session import Session
from coprod_cli.interview.steps import Step
from coprod_cli.interview.terminal import Quit, Terminal
from coprod_cli.privacy.guard import check_output

SHOWN_EVIDENCE = 3
"""Evidence items listed under a target; more are counted, so a target fits a 24-line screen."""
LONG = 150
"""Characters of a description shown (about two lines)."""
QUIT = "q: save and quit"

STATUS_KEYS: Mapping[str, str] = {
    "m": "met",
    "p": "partial",
    "n": "not-met",
    "x": "not-applicable",
    "a": "not-assessed",
}
"""The one key that chooses each status."""
STATUS_WORDS = {"met": "m", "partial": "p", "not-met": "n", "not-applicable": "x", "not-assessed": "a", "skip": "s"}
"""Whole words piped answers may use instead of the keys."""
STATUS_PROMPT = (
    "Status? m met, p partial, n not met, x not applicable, a not assessed;\n"
    "or s (or Enter) skip, b back, j jump to a level, q save and quit:"
)
ASKS_EVIDENCE = ("met", "partial", "not-met")
"""Statuses that ask what shows them."""
GAPS = ("partial", "not-met")
"""Statuses that ask for an action to close the gap."""


class Interview:
    """Walks the steps, asks, and saves each answer as soon as it is given."""

    def __init__(self, session: Session, term: Terminal, again: str, assess: str, *, new: bool = False) -> None:
        self.session = session
        self.term = term
        self.again = again
        """The command that carries on where this one stops."""
        self.assess = assess
        """The command that shows where the unit stands, said at the end."""
        self.new = new
        """A new assessment (the interview made the file): ask who took part first."""
        self.n = 0
        self.on_disk = session.path.read_bytes()

    # -- saving --

    def save(self, new: Session) -> None:
        """Write the file as ``new`` has it; refuse (BadAnswer) if it would then hold personal data."""
        if new.file_text.encode("utf-8") == self.on_disk:
            self.session = new
            return
        output_problem(new.file_text, new.path.parent, new.waived_keys, new.assessment.waivers)
        check_output(new.file_text, new.shown, new.path.parent, new.waived_keys, waivers=new.assessment.waivers)
        try:  # only if the file still holds what the interview read or last saved, checked at the last moment
            write_text(new.path, new.file_text, edit=True)
        except ChangedMeanwhile as e:
            raise UsageError(
                f"{new.shown} was changed by something else while the interview was running, so the last answer "
                f"was not saved and the other change was kept; run '{self.again}' to carry on"
            ) from e
        self.session = new
        self.on_disk = new.file_text.encode("utf-8")

    def _answer(self, prompt: str, make: Callable[[str], Session]) -> str:
        """Ask for text until it can be saved, and save it; '' when none was given."""
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
            if self.new and self.session.rater is None:
                self.people()
            while self.n < len(steps):
                self.show()
                self.n = self.step()
                self.save(self.session.at(self.n))
        except Quit:
            self.save(self.session.at(self.n))
            self.term.say()
            self.term.say_command(f"Saved {self.session.shown}. To carry on where you stopped, run:", self.again)
            return False
        self.term.say()
        self.term.say(f"That was the last one. All your answers are saved in {self.session.shown}.")
        self.term.say_command("See where the unit stands with:", self.assess)
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
        elif not s.people and not self.new:
            say("Nobody is listed as taking part yet: press j then w at any target to say who took part.")

    def people(self) -> None:
        """Who took part: listed, added to, taken off (not with --as: that file is one person's)."""
        who_took_part(self.term, lambda: self.session, self.save)

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
        if step.plain:
            say(f"In plain words: {step.plain}")
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
        if s.rater is None:
            keys["w"] = "w"
            extra += ", or w who took part"
        key = self.term.choose(f"Jump to level {choices}{extra}?\n(Enter alone: stay; {QUIT}):", keys)
        if key == "w":
            self.people()
        if key in ("", "w"):
            return self.n
        found = s.first_of_level(0 if key == "e" else int(key))
        return self.n if found is None else found

    def answer(self, status: str) -> bool:
        """Save the status and ask what goes with it; False if the person went back instead."""
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

"""The questions of ``coprod interview``: each target in turn, its status, evidence and action.

:class:`Interview` walks the steps from where the last session stopped, asks through a
:class:`~coprod_cli.interview.terminal.Terminal`, and saves each answer as soon as it is given;
what the file says and every edit of it are in :mod:`coprod_cli.interview.session`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from coprod_cli.editing.writer import ChangedMeanwhile, write_text
from coprod_cli.errors import UsageError, clip
from coprod_cli.i18n import N_, _, n_
from coprod_cli.interview.answers import BadAnswer, check_answer, output_problem, parse_day
from coprod_cli.interview.keys import JUMPS, QUIT, STATUS_KEYS, STATUS_PROMPT, STATUS_WORDS, shown
from coprod_cli.interview.people import who_took_part
from coprod_cli.interview.session import Session
from coprod_cli.interview.steps import Step
from coprod_cli.interview.terminal import Quit, Terminal
from coprod_cli.privacy.guard import check_output

SHOWN_EVIDENCE = 3
"""Evidence items listed under a target; more are counted, so a target fits a 24-line screen."""
LONG = 150
"""Characters of a description shown (about two lines)."""
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
                _(
                    "{path} was changed by something else while the interview was running, so the last answer "
                    "was not saved and the other change was kept; run '{command}' to carry on",
                    path=new.shown,
                    command=self.again,
                )
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
                self.term.say(_("Sorry, that cannot be saved: {why}. Please type it again.", why=e))
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
                self.term.say(
                    _(
                        "{why}. Type the date as YYYY-MM-DD, such as 2026-10-14, or press Enter alone for none.",
                        why=e,
                    )
                )
                continue
            try:
                self.save(make(day))
            except BadAnswer as e:
                self.term.say(_("Sorry, that cannot be saved: {why}. Please type another date.", why=e))
                continue
            said = note(day)
            if said:
                self.term.say(_("Saved, but note: {note}.", note=said))
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
            self.term.say_command(
                _("Saved {path}. To carry on where you stopped, run:", path=self.session.shown), self.again
            )
            return False
        self.term.say()
        self.term.say(_("That was the last one. All your answers are saved in {path}.", path=self.session.shown))
        self.term.say_command(_("See where the unit stands with:"), self.assess)
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
            say(_("Carrying on where you stopped last time: {where}.", where=self.position(s.steps[start], start)))
        else:
            enablers = len(s.steps) - targets
            levels = len(s.framework.model.levels)
            counts = {
                "unit": s.assessment.evidence.unit.name,
                "targets": n_("{count} target", "{count} targets", targets),
                "levels": n_("{count} level", "{count} levels", levels),
            }
            if enablers:
                enabling = n_("{count} enabler", "{count} enablers", enablers)
                say(_("Interview for {unit}: {targets} in {levels}, then {enablers}.", enablers=enabling, **counts))
            else:
                say(_("Interview for {unit}: {targets} in {levels}.", **counts))
            say(_("Each answer is saved as soon as you give it; q saves and quits at any time."))
        if s.rater is not None:
            say(_("Answers are recorded as {name}'s own ratings, not as the agreed status.", name=s.rater))
        elif not s.people and not self.new:
            say(_("Nobody is listed as taking part yet: press j then w at any target to say who took part."))

    def people(self) -> None:
        """Who took part: listed, added to, taken off (not with --as: that file is one person's)."""
        who_took_part(self.term, lambda: self.session, self.save)

    def _numbers(self, n: int) -> dict[str, int]:
        targets = sum(1 for s in self.session.steps if s.level)
        if self.session.steps[n].level:
            return {"number": n + 1, "total": targets}
        return {"number": n + 1 - targets, "total": len(self.session.steps) - targets}

    def position(self, step: Step, n: int) -> str:
        """Where ``step`` is, inside a sentence: 'target 3 of 20'."""
        if step.level:
            return _("target {number} of {total}", **self._numbers(n))
        return _("enabler {number} of {total}", **self._numbers(n))

    def show(self) -> None:
        s, say = self.session, self.term.say
        step, now = s.steps[self.n], s.now(self.n)
        say()
        if step.level:
            say(
                _(
                    "Target {number} of {total}. Level {level}: {title}.",
                    level=step.level,
                    title=step.level_title,
                    **self._numbers(self.n),
                )
            )
            if step.ethos:
                say(_("Ethos: “{ethos}”", ethos=step.ethos))
        else:
            say(_("Enabler {number} of {total}. Enablers support every level.", **self._numbers(self.n)))
        say(f"{step.text} ({step.ident})")
        if step.plain:
            say(_("In plain words: {plain}", plain=step.plain))
        if step.required:
            say(_("Required: level {level} is not achieved until this is met.", level=step.level))
        if now.rating is not None:
            say(
                _(
                    "Your rating now: {rating}. Agreed status: {status}.",
                    rating=shown(now.rating),
                    status=shown(now.status),
                )
            )
        else:
            say(_("Status now: {status}.", status=shown(now.status)))
        if now.justification and "not-applicable" in (now.status, now.rating):
            say(_("Why it does not apply: {why}", why=clip(now.justification, LONG)))
        if not now.evidence:
            say(_("Evidence: none yet."))
        else:
            say(_("Evidence ({count}):", count=len(now.evidence)))
            for item in now.evidence[:SHOWN_EVIDENCE]:
                when = f" ({item.date.isoformat()})" if item.date else ""
                say(f"  - {clip(item.description, LONG)}{when}")
            if len(now.evidence) > SHOWN_EVIDENCE:
                say(_("  (and {count} more)", count=len(now.evidence) - SHOWN_EVIDENCE))
        for action in now.actions:
            if action.status == "open":
                say(_("Action: {action}", action=_action(action.description, action.owner, action.due)))

    def step(self) -> int:
        """Ask for this step's status (or a move); the step to go to next."""
        keys = {k: k for k in (*STATUS_KEYS, "s", "b", "j")} | {"": "s"} | STATUS_WORDS
        key = self.term.choose(_(STATUS_PROMPT), keys)
        if key in STATUS_KEYS:
            return self.n + 1 if self.answer(STATUS_KEYS[key]) else self.n
        if key == "b":
            if self.n == 0:
                self.term.say(_("This is the first one; there is nothing before it."))
            return max(self.n - 1, 0)
        if key == "j":
            return self.jump()
        return self.n + 1

    def jump(self) -> int:
        s = self.session
        levels = [str(level.number) for level in s.framework.model.levels]
        keys = {k: k for k in levels} | {"": ""}
        shown = {"levels": ", ".join(levels[:-1]), "last": levels[-1], "quit": _(QUIT)}
        enablers = s.first_of_level(0) is not None
        if enablers:
            keys["e"] = "e"
        if s.rater is None:
            keys["w"] = "w"
        key = self.term.choose(_(JUMPS[len(levels) > 1, enablers, s.rater is None], **shown), keys)
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
            self.term.say(_("Sorry, that cannot be saved: {why}.", why=e))
            return False
        self.term.say(_("Saved: {status}.", status=shown(status)))
        if status in ASKS_EVIDENCE:
            self.evidence(status)
        if status in GAPS:
            self.action()
        return True

    def justification(self) -> tuple[bool, str | None]:
        """Why the target does not apply: (go on?, the reason to write or None to keep it)."""
        now = self.session.now(self.n)
        if now.justification:
            self.term.say(_("Reason written now: {why}", why=clip(now.justification, LONG)))
            ask = N_("Why does it not apply here? (Enter alone: keep it; {quit}):")
        elif self.session.rater is not None:
            ask = N_("Why does it not apply here? (Enter alone: give no reason; {quit}):")
        else:
            ask = N_("Why does it not apply here? (Enter alone: go back; {quit}):")
        while True:
            text = self.term.ask(_(ask, quit=_(QUIT)))
            if not text:
                went_on = bool(now.justification) or self.session.rater is not None
                return went_on, None
            try:
                check_answer(text, self.session.path.parent)
            except BadAnswer as e:
                self.term.say(_("Sorry, that cannot be saved: {why}. Please type it again.", why=e))
                continue
            return True, text

    def evidence(self, status: str) -> None:
        n = self.n
        while True:
            count = len(self.session.now(n).evidence)
            if count:
                ask = _("More evidence ({count} so far)? (Enter alone: go on; {quit}):", count=count, quit=_(QUIT))
            elif status == "not-met":
                ask = _("Evidence, if any? (Enter alone: go on; {quit}):", quit=_(QUIT))
            else:
                ask = _(
                    "Evidence: what shows it is {status}? (Enter alone: go on; {quit}):",
                    status=shown(status),
                    quit=_(QUIT),
                )
            text = self._answer(ask, lambda t: self.session.with_evidence(n, t))
            if not text:
                if status == "met" and not count:
                    self.term.say(_("Note: met with no evidence is reported as claimed without evidence."))
                return

            def dated(day: date, item: int = count) -> Session:
                return self.session.with_evidence_date(n, item, day)

            self._date(
                _("Date of this evidence, YYYY-MM-DD (Enter alone: no date; {quit}):", quit=_(QUIT)),
                dated,
                self.session.evidence_date_note,
            )

    def action(self) -> None:
        n = self.n
        now = self.session.now(n)
        if now.adds and now.action is not None:
            ask = _("Another action to add? (Enter alone: none; {quit}):", quit=_(QUIT))
        elif now.action is not None:
            ask = _("Type a new action to replace it (Enter alone: keep it; {quit}):", quit=_(QUIT))
        else:
            ask = _("Action to close the gap? (Enter alone: none; {quit}):", quit=_(QUIT))
        if not self._answer(ask, lambda t: self.session.with_action(n, t)):
            return
        self._answer(
            _("Who will do it? Name or role (Enter alone: leave open; {quit}):", quit=_(QUIT)),
            lambda t: self.session.with_action_owner(n, t),
        )
        self._date(
            _("When is it due? YYYY-MM-DD (Enter alone: no date; {quit}):", quit=_(QUIT)),
            lambda day: self.session.with_action_due(n, day),
            self.session.due_date_note,
        )


def _action(description: str, owner: str | None, due: date | None) -> str:
    text = clip(description, LONG)
    if owner and due:
        return _("{action} (owner: {owner}; due {due})", action=text, owner=owner, due=due.isoformat())
    if owner:
        return _("{action} (owner: {owner})", action=text, owner=owner)
    if due:
        return _("{action} (due {due})", action=text, due=due.isoformat())
    return text

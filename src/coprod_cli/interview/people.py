"""Who took part: the interview's question about the people of an assessment, and their roles.

Asked at the start of a new assessment (when the interview makes the file), and whenever the
person chooses it (j, then w); the names go under ``assessors:`` as docs/evidence-file.md,
'Assessors and roles', describes, each with a role, and the report's "Who took part" counts them
by role, naming no one.  Each change is saved at once, as every other answer is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coprod_cli.errors import clip
from coprod_cli.i18n import N_, _
from coprod_cli.interview.answers import BadAnswer, check_answer
from coprod_cli.interview.session import Session
from coprod_cli.interview.terminal import Terminal
from coprod_cli.model.evidence import person_key
from coprod_cli.model.models import ROLES

ROLE_KEYS = {"s": "service-user", "c": "carer", "t": "staff", "v": "third-sector", "m": "manager"}
"""The one key that chooses each role; whole words (``service-user``…) work too, for piped answers."""
ROLE_PROMPT = N_("Their role? s service user, c carer, t staff, v third sector, m manager:")
ROLE_NAMES = {
    "service-user": N_("service user"),
    "carer": N_("carer"),
    "staff": N_("staff"),
    "third-sector": N_("third sector"),
    "manager": N_("manager"),
}
"""How each role is shown, in the language spoken (the file keeps the role's id)."""
_REMOVE = re.compile(r"-\s*([0-9]{1,4})")
"""'-2' takes the second person listed off the list."""


def _role(role: str) -> str:
    return _(ROLE_NAMES[role]) if role in ROLE_NAMES else role.replace("-", " ")


def who_took_part(term: Terminal, session: Callable[[], Session], save: Callable[[Session], None]) -> None:
    """List who took part and let the person add or take off people until they press Enter alone.

    ``session`` gives the session as last saved, ``save`` saves a new one (BadAnswer if it cannot)."""
    term.say()
    term.say(
        _(
            "Who took part in this assessment? List each person or group with their role: first names, "
            "initials or a group such as 'Carers group' are enough, never anything that identifies a "
            "patient. The report counts them by role."
        )
    )
    while True:
        people = session().people
        if people:
            term.say(_("Taking part now:"))
            for n, person in enumerate(people, 1):
                term.say(f"  {n}. {person.name} ({_role(person.role)})")
        else:
            term.say(_("Nobody is listed yet."))
        if people:
            ask = _(
                "Who else took part? Name or initials, or -N to take number N off the list;\n"
                "Enter alone: done; q: save and quit:"
            )
        else:
            ask = _("Who took part? Name or initials;\nEnter alone: done; q: save and quit:")
        text = term.ask(ask)
        if not text:
            return
        taken_off = _REMOVE.fullmatch(text)
        if taken_off and people:
            _take_off(term, session, save, int(taken_off.group(1)))
        else:
            _add(term, session, save, text)


def _add(term: Terminal, session: Callable[[], Session], save: Callable[[Session], None], name: str) -> None:
    now = session()
    listed = next((p for p in now.people if person_key(p.name) == person_key(name)), None)
    if listed is not None:
        term.say(
            _(
                "{name} is listed already, as {role}; to change their role, take them off the list and add them again.",
                name=listed.name,
                role=_role(listed.role),
            )
        )
        return
    try:
        check_answer(name, now.path.parent)
    except BadAnswer as e:
        term.say(_("Sorry, that cannot be saved: {why}. Please type it again.", why=e))
        return
    role = term.choose(_(ROLE_PROMPT), ROLE_KEYS | {r: r for r in ROLES})
    try:
        save(session().with_person(name, role))
    except BadAnswer as e:
        term.say(_("Sorry, that cannot be saved: {why}.", why=e))
        return
    term.say(_("Added {name} ({role}).", name=name, role=_role(role)))


def _take_off(term: Terminal, session: Callable[[], Session], save: Callable[[Session], None], number: int) -> None:
    now = session()
    if not 1 <= number <= len(now.people):
        term.say(
            _(
                "There is no number {number} on the list; give a number from 1 to {last}.",
                number=number,
                last=len(now.people),
            )
        )
        return
    person = now.people[number - 1]
    kept_for = now.named_in(person.name)
    if kept_for is not None:
        term.say(
            _(
                "{name} stays on the list: the file holds {what} under that name, and every name "
                "there must be listed as taking part.",
                name=clip(person.name),
                what=kept_for,
            )
        )
        return
    try:
        save(now.without_person(number - 1))
    except BadAnswer as e:
        term.say(_("Sorry, that cannot be saved: {why}.", why=e))
        return
    term.say(_("Took {name} off the list.", name=person.name))

"""What a typed answer may hold: checked before it goes in the file, and the file after.

Nothing here reads the terminal; a refusal is a :class:`BadAnswer` whose text says why, and the
interview asks again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pydantic_core import PydanticCustomError

from coprod_cli.i18n import _
from coprod_cli.model.models import iso_date
from coprod_cli.privacy.guard import WaiverNote, settings_for, waivable
from coprod_cli.privacy.scan import scan

# What a one-line answer may not hold: control characters (and the line breaks YAML sees in
# U+0085, U+2028, U+2029), bidirectional controls, lone surrogates and a stray byte-order mark.
_NOT_IN_ANSWERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]")


class BadAnswer(ValueError):
    """An answer that cannot be used as typed; its text says why and what to type instead."""


def _a(kind: str) -> str:
    """The kind of personal data found, with its article: 'an email address', 'a date of birth'
    (the kind in the language spoken, if the privacy scan's catalogue has it)."""
    if kind.startswith(("NHS", "email")):
        return _("an {kind}", kind=_(kind))
    return _("a {kind}", kind=_(kind))


def check_answer(text: str, folder: Path) -> None:
    """Refuse text that cannot or must not go in the file: BadAnswer says why, kindly.

    Personal data is found by the same scan as every input and output (with the settings of
    the file's folder), and named by its masked form only.
    """
    bad = _NOT_IN_ANSWERS.search(text)
    if bad:
        code = f"{ord(bad.group()):04X}"
        raise BadAnswer(_("it holds a control character (U+{code})", code=code))
    found = scan(text, settings_for(folder.resolve()))
    if found.findings:
        first = found.findings[0]
        raise BadAnswer(
            _(
                "it looks like it holds {what} ({masked}); personal details must not go in this file",
                what=_a(first.kind),
                masked=first.masked,
            )
        )
    if found.bad_waivers:
        raise BadAnswer(_("it holds a '# coprod:' note that cannot go in an answer"))


def output_problem(text: str, folder: Path, allowed: frozenset[str], waivers: Iterable[WaiverNote]) -> None:
    """Refuse (BadAnswer) a new text of the file in which the scan finds personal data.

    Checked after each answer is put in its place, since some findings depend on the words
    around a value (a date beside "born", say); a waiver of the file covers only what it
    covered when the file was read, so an answer never sits under another text's waiver."""
    found = scan(text, settings_for(folder.resolve()), also_allowed=allowed, waivable=waivable(waivers))
    if found.findings:
        first = found.findings[0]
        raise BadAnswer(
            _(
                "with it, line {line} of the file would hold what looks like {what} ({masked}); personal details "
                "must not go in this file",
                line=first.line,
                what=_a(first.kind),
                masked=first.masked,
            )
        )


def parse_day(text: str) -> date:
    """A date typed as YYYY-MM-DD; BadAnswer (with the reader's own words) for anything else."""
    try:
        return iso_date(text.strip())
    except PydanticCustomError as e:
        raise BadAnswer(e.message()) from None

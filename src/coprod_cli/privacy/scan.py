"""The privacy guard: find what looks like a patient's identity in text before coprod uses it.

:func:`scan` looks through raw text (YAML comments included) for NHS numbers, UK postcodes, UK
phone numbers, email addresses and dates of birth.  It reports each by line, column, kind and a
masked form (``943 *** ****``) — never the value itself.

A line whose trailing comment is ``# coprod: not-personal-data <reason>`` is waived; the waiver
and what it waived (each value's kind, masked form and key) are returned so reports can list them,
and so a waiver carried into text coprod writes covers only the values it was written for.
Published contact details may be allowed by email domain or phone number in the unit's settings
(:mod:`coprod_cli.privacy.settings`).  :func:`mask` hides the same values in a message.

The patterns are matched against the text as a reader sees it (:mod:`coprod_cli.privacy.readable`:
digits of any script, any spaces and dashes, invisible characters, folded lines), and each
match is reported where it starts in the text as written.  What each kind looks like is
:mod:`coprod_cli.privacy.patterns`' work: one detector per kind, run in order, each making one
pass over the text.  Lines end at CRLF, LF or a lone CR; columns count characters (code
points), and a leading byte-order mark is not counted.

Nothing here prints, exits or reads files.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from pydantic_core import PydanticCustomError

from coprod_cli.errors import Problem
from coprod_cli.i18n import N_, _
from coprod_cli.model.models import iso_date
from coprod_cli.privacy.patterns import (
    DATE_OF_BIRTH,
    DETECTORS,
    EMAIL_ADDRESS,
    LINE_BREAK,
    NHS_NUMBER,
    PHONE_NUMBER,
    POSTCODE,
    Hit,
)
from coprod_cli.privacy.readable import Form, Readable, readable
from coprod_cli.privacy.settings import Settings

WAIVER_MARKER = "coprod: not-personal-data"
# TRANSLATORS: a comment a person writes at the end of a line: keep "# coprod: not-personal-data" as it
# is and translate the reason after it.
WAIVER_EXAMPLE = N_("# coprod: not-personal-data published ward phone number")
"""Shown in messages in the current language: ``_(WAIVER_EXAMPLE)``."""
# TRANSLATORS: as above, with the date the waiver is to be looked at again: keep
# "# coprod: not-personal-data review_by: 2027-06-01" as it is and translate the reason after it.
DATED_WAIVER_EXAMPLE = N_("# coprod: not-personal-data review_by: 2027-06-01 published ward phone number")
MIN_REASON_CHARS = 10
"""A waiver's reason needs at least this many non-space characters: a few words."""


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """Something that looks like personal data, at a place in the scanned text."""

    line: int
    """1-based line."""
    column: int
    """1-based column, in characters, where the value starts."""
    kind: str
    """One of :data:`~coprod_cli.privacy.patterns.KINDS`."""
    masked: str
    """The value with most of it hidden, safe to show (``943 *** ****``)."""
    key: str = field(repr=False)
    """A normalised form (``nhs:9434765919``) to recognise the same value elsewhere; never shown."""


@dataclass(frozen=True, slots=True)
class Waiver:
    """A line waived by ``# coprod: not-personal-data <reason>``."""

    line: int
    reason: str
    findings: tuple[Finding, ...]
    """What would have been reported on the line without the waiver (may be empty)."""
    column: int = 0
    """Where its ``#`` is."""
    review_by: date | None = None
    """The day it is to be looked at again (``review_by:`` after the marker), if it says."""

    @property
    def comment(self) -> str:
        """The waiver comment as coprod writes it again (into a file it writes from this one)."""
        return waiver_comment(self.reason, self.review_by)


def waiver_comment(reason: str, review_by: date | None) -> str:
    """``# coprod: not-personal-data [review_by: YYYY-MM-DD] <reason>``."""
    dated = f"review_by: {review_by.isoformat()} " if review_by is not None else ""
    return f"# {WAIVER_MARKER} {dated}{reason}"


@dataclass(frozen=True, slots=True)
class BadWaiver:
    """A waiver comment coprod cannot accept (no reason, too short, misspelt); it waives nothing."""

    line: int
    column: int
    """Where its ``#`` is."""
    message: str


@dataclass(frozen=True, slots=True)
class Scan:
    """What one scan found."""

    findings: tuple[Finding, ...] = ()
    """What looks like personal data and is not waived or allowed, in order of place."""
    waivers: tuple[Waiver, ...] = ()
    bad_waivers: tuple[BadWaiver, ...] = ()

    @property
    def clean(self) -> bool:
        """True when nothing stops the command: no findings and no bad waivers."""
        return not self.findings and not self.bad_waivers

    @property
    def waived_keys(self) -> frozenset[str]:
        """Keys of everything the waivers covered: pass these as ``also_allowed`` when scanning output."""
        return frozenset(f.key for w in self.waivers for f in w.findings)


# --- the scan ------------------------------------------------------------------------------------

# "# coprod: not-personal-data <reason>": the '#' starts a comment (line start or after a space).
_WAIVER = re.compile(
    r"#(?<![^ \t\r\n]#)[ \t]*coprod[ \t]*:[ \t]*(?P<word>[\w\-]*)(?P<reason>[^\r\n]*)",
    re.IGNORECASE,
)


class _Text:
    """The text with its line starts (worked out only when something is found)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def where(self, index: int) -> tuple[int, int]:
        if self._starts is None:
            first = 1 if self.text.startswith("\ufeff") else 0
            self._starts = [first, *(m.end() for m in LINE_BREAK.finditer(self.text))]
        i = bisect.bisect_right(self._starts, index) - 1
        return i + 1, index - self._starts[i] + 1


_REVIEW_BY = re.compile(r"review[ _\-]?by\b[ \t]*(?P<colon>:?)[ \t]*(?P<day>[^ \t\r\n]*)", re.IGNORECASE)
"""A review date straight after the marker: ``review_by: 2027-06-01``."""


@dataclass(frozen=True, slots=True)
class _Good:
    reason: str
    column: int
    review_by: date | None


def _review_by(reason: str) -> tuple[date | None, str, str | None]:
    """The review date a waiver's text starts with, the reason after it, and what is wrong with
    the date (None when nothing is)."""
    m = _REVIEW_BY.match(reason)
    if m is None:
        return None, reason, None
    rest = reason[m.end() :].strip()
    if not m.group("colon") and not m.group("day")[:1].isdigit():
        return None, reason, None  # a reason that starts with the words 'review by'
    if not m.group("colon") or not m.group(0).startswith("review_by"):
        return None, rest, _("the key is written 'review_by:', in small letters, with an underscore and a colon")
    try:
        return iso_date(m.group("day")), rest, None
    except PydanticCustomError as e:
        return None, rest, e.message()


def _waivers(t: _Text) -> tuple[dict[int, _Good], list[BadWaiver]]:
    """Lines waived (with their reasons) and waiver comments that cannot be accepted."""
    good: dict[int, _Good] = {}
    bad: dict[int, BadWaiver] = {}
    for m in _WAIVER.finditer(t.text):
        line, col = t.where(m.start())
        word = m.group("word").lower()
        reason = m.group("reason").strip()
        if word != "not-personal-data":
            if re.sub(r"[^a-z]", "", (word + reason).lower()).startswith(("notpersonal", "nonpersonal")):
                bad[line] = BadWaiver(
                    line,
                    col,
                    _(
                        "this waiver is not written the way coprod reads it; write '# {marker} <reason>', "
                        "as in '{example}'; until then nothing on this line is waived",
                        marker=WAIVER_MARKER,
                        example=_(WAIVER_EXAMPLE),
                    ),
                )
            continue
        good.pop(line, None)
        bad.pop(line, None)
        review_by, reason, wrong = _review_by(reason)
        if wrong is not None:
            bad[line] = BadWaiver(
                line,
                col,
                _(
                    "this waiver's review date cannot be read: {problem}; write it straight after the marker, "
                    "as in '{example}'; until then nothing on this line is waived",
                    problem=wrong,
                    example=_(DATED_WAIVER_EXAMPLE),
                ),
            )
        elif not reason:
            bad[line] = BadWaiver(
                line,
                col,
                _(
                    "this waiver needs a reason: say in a few words after it why this is not personal data, "
                    "as in '{example}'; until then nothing on this line is waived",
                    example=_(WAIVER_EXAMPLE),
                ),
            )
        elif len("".join(reason.split())) < MIN_REASON_CHARS:
            bad[line] = BadWaiver(
                line,
                col,
                _(
                    "this waiver's reason is too short; say in a few words why this is not personal data, "
                    "as in '{example}'; until then nothing on this line is waived",
                    example=_(WAIVER_EXAMPLE),
                ),
            )
        else:
            good[line] = _Good(reason, col, review_by)
    return good, sorted(bad.values(), key=lambda b: b.line)


_NO_SETTINGS = Settings()


def _hits(text: str, settings: Settings, form: Form = "plain") -> tuple[Readable, list[tuple[Hit, bool]]]:
    """The text as a reader sees it, and everything the detectors find in it, each span once
    (a kind checked earlier claims it first), with whether the settings allow it."""
    seen = readable(text, form)
    claimed = bytearray(len(seen.text))
    found: list[tuple[Hit, bool]] = []
    for detect in DETECTORS:
        for hit, allowed in detect(seen.text, settings):
            if claimed.find(1, hit.start, hit.end) >= 0:
                continue
            claimed[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            found.append((hit, allowed))
    return seen, found


def scan(
    text: str,
    settings: Settings = _NO_SETTINGS,
    *,
    also_allowed: frozenset[str] = frozenset(),
    waivable: Mapping[str, frozenset[str]] | None = None,
    form: Form = "plain",
) -> Scan:
    """Look through ``text`` for personal data; see the module's description.

    ``settings`` allows published email domains and phone numbers; ``also_allowed`` holds keys
    (:attr:`Finding.key`) waived elsewhere — in the inputs of a report being scanned, say.
    ``form`` says how a reader reads the text: as written, or as a markdown or HTML page shows it.

    ``waivable`` is for text coprod wrote from its inputs (a merged, migrated or interviewed
    file): each waiver reason → the keys a waiver with that reason covered in those inputs.  A
    waiver there covers only those values; anything else on its line is a finding, even a value
    waived elsewhere, so no waiver is ever stretched over text it was not written for.
    """
    t = _Text(text)
    seen, found = _hits(text, settings, form)
    waived_lines, bad = _waivers(t)
    findings: list[Finding] = []
    by_waiver: dict[int, list[Finding]] = {line: [] for line in waived_lines}
    for hit, allowed in found:
        if allowed:
            continue
        line, col = t.where(seen.origin(hit.start))
        finding = Finding(line, col, hit.kind, hit.masked, hit.key)
        last_line = t.where(seen.origin(hit.end - 1))[0]
        # a value folded over lines is waived only when every line it is on is waived
        waived = all(n in waived_lines for n in range(line, last_line + 1))
        reason = waived_lines[line].reason if waived else None
        if hit.key in also_allowed and (reason is None or waivable is None):
            continue  # waived in an input (on a waived line coprod wrote, it must be that waiver's too)
        if reason is not None and (waivable is None or hit.key in waivable.get(reason, ())):
            by_waiver[line].append(finding)
        else:
            findings.append(finding)
    waivers = tuple(
        Waiver(line, w.reason, tuple(sorted(by_waiver[line])), w.column, w.review_by)
        for line, w in sorted(waived_lines.items())
    )
    return Scan(tuple(sorted(findings)), waivers, tuple(bad))


def mask(text: str) -> str:
    """``text`` with everything that looks like personal data replaced by its masked form.

    For messages that quote what a person wrote (an unknown key, an invalid status): the same
    detectors and masked forms as the scan, with no settings and no waivers, so a message is
    safe to paste into a ticket or a CI log whatever the file held.
    """
    seen, found = _hits(text, _NO_SETTINGS)
    hits = sorted((hit for hit, _allowed in found), key=lambda h: h.start)
    if not hits:
        return text
    out: list[str] = []
    done = 0
    for hit in hits:  # each masked where it stands in the text as written
        start, end = seen.origin(hit.start), seen.origin(hit.end - 1) + 1
        out += [text[done:start], hit.masked]
        done = end
    out.append(text[done:])
    return "".join(out)


# --- messages --------------------------------------------------------------------------------------

# One whole sentence per kind, so each language can put the kind's words as its grammar asks.
_IN_A_FILE = {
    NHS_NUMBER: N_(
        "looks like an NHS number ({masked}); personal data must not be written in coprod files — remove it, "
        "or if it is not personal data add '# {marker} <reason>' at the end of the line"
    ),
    POSTCODE: N_(
        "looks like a postcode ({masked}); personal data must not be written in coprod files — remove it, "
        "or if it is not personal data add '# {marker} <reason>' at the end of the line"
    ),
    PHONE_NUMBER: N_(
        "looks like a phone number ({masked}); personal data must not be written in coprod files — remove it, "
        "or if it is not personal data add '# {marker} <reason>' at the end of the line"
    ),
    EMAIL_ADDRESS: N_(
        "looks like an email address ({masked}); personal data must not be written in coprod files — remove it, "
        "or if it is not personal data add '# {marker} <reason>' at the end of the line"
    ),
    DATE_OF_BIRTH: N_(
        "looks like a date of birth ({masked}); personal data must not be written in coprod files — remove it, "
        "or if it is not personal data add '# {marker} <reason>' at the end of the line"
    ),
}

_WHAT_LOOKS_LIKE = {
    NHS_NUMBER: N_("what looks like an NHS number ({masked})"),
    POSTCODE: N_("what looks like a postcode ({masked})"),
    PHONE_NUMBER: N_("what looks like a phone number ({masked})"),
    EMAIL_ADDRESS: N_("what looks like an email address ({masked})"),
    DATE_OF_BIRTH: N_("what looks like a date of birth ({masked})"),
}


def what_looks_like(finding: Finding) -> str:
    """'what looks like an NHS number (943 *** ****)' in the current language: a phrase naming a
    finding (its kind and masked form), to stand as the object of a sentence ("this output would
    include …")."""
    return _(_WHAT_LOOKS_LIKE[finding.kind], masked=finding.masked)


def finding_message(finding: Finding) -> str:
    """What to tell the user about a finding in a file they wrote."""
    return _(_IN_A_FILE[finding.kind], masked=finding.masked, marker=WAIVER_MARKER)


def problems(result: Scan, shown: str) -> list[Problem]:
    """The scan's findings and bad waivers as problems in the file shown as ``shown``."""
    found = [Problem(shown, f.line, f.column, finding_message(f), "personal-data") for f in result.findings]
    found += [Problem(shown, b.line, b.column, b.message, "waiver-reason") for b in result.bad_waivers]
    return found

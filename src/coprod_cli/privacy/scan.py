"""The privacy guard: find what looks like a patient's identity in text before coprod uses it.

:func:`scan` looks through raw text (YAML comments included) for NHS numbers, UK postcodes, UK
phone numbers, email addresses and dates of birth.  It reports each by line, column, kind and a
masked form (``943 *** ****``) — never the value itself.

A line whose trailing comment is ``# coprod: not-personal-data <reason>`` is waived; the waiver
and what it waived are returned so reports can list them.  Published contact details may be
allowed by email domain or phone number in the unit's settings (:mod:`coprod_cli.privacy.settings`).

Every pattern is compiled once and makes one pass over the text (the email pattern only over lines
holding an '@', the date pattern only near words such as "DOB").  None nests an unbounded
quantifier: every repetition is bounded, so matching stays linear in the length of the text; a
mebibyte of evidence scans in about 40 ms.  Lines end at CRLF, LF or a lone CR; columns count
characters (code points), and a leading byte-order mark is not counted.

Nothing here prints, exits or reads files.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from coprod_cli.errors import Problem
from coprod_cli.privacy.settings import Settings, uk_phone_digits

NHS_NUMBER = "NHS number"
POSTCODE = "postcode"
PHONE_NUMBER = "phone number"
EMAIL_ADDRESS = "email address"
DATE_OF_BIRTH = "date of birth"
KINDS = (NHS_NUMBER, POSTCODE, PHONE_NUMBER, EMAIL_ADDRESS, DATE_OF_BIRTH)

WAIVER_MARKER = "coprod: not-personal-data"
WAIVER_EXAMPLE = "# coprod: not-personal-data published ward phone number"
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
    """One of :data:`KINDS`."""
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


# --- patterns --------------------------------------------------------------------------------------

# Most patterns begin with the character they consume first and only then look behind it
# ("[0-9](?<![\w.][0-9])" rather than "(?<![\w.])[0-9]"): the regex engine can then skip straight to
# the places where that character occurs, which makes a pass over a mebibyte several times faster.

# Email first: anything inside an address belongs to it (and an allowed address hides its digits);
# then phone numbers, whose 0 or +44 makes them more particular than ten digits (see _DETECTORS).
# Run only over lines holding an '@'.
_EMAIL = re.compile(
    r"(?<![\w.%+\-])"
    r"(?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63})"
    r"@(?P<domain>[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.(?P<tld>[A-Za-z]{2,24}))"
    r"(?![\w\-]|\.[A-Za-z0-9])"
)

# 3-3-4 digits, each pair of groups separated by one space or dash, or 10 digits run together;
# not inside a word or a longer number.
_NHS = re.compile(r"[0-9](?<![\w.][0-9])[0-9]{2}[ \-]?[0-9]{3}[ \-]?[0-9]{4}(?![\w]|[.,][0-9])")
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)

# International (+44 / 0044, optionally "(0)"), bracketed ((01632) …) and national (0…) forms; the
# digits are then checked by config.uk_phone_digits (10 or 11 national digits, 01/02/03/07/08).
_PHONE = re.compile(
    r"[+0(](?<![\w+][+0(])"
    r"(?:(?<=\+)44[ ]?(?:\(0\)[ ]?)?[1-9][0-9]{1,4}"
    r"|(?<=0)044[ ]?(?:\(0\)[ ]?)?[1-9][0-9]{1,4}"
    r"|(?<=\()0[1-9][0-9]{1,4}\)"
    r"|(?<=0)[1-9][0-9]{1,4})"
    r"[ \-]?[0-9]{3,8}(?:[ \-]?[0-9]{3,4})?"
    r"(?![\w])"
)

# A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA and GIR 0AA, with the letters each
# position may hold (first never Q, V, X; second never I, J, Z; inward never C, I, K, M, O, V).
# Letters are everywhere, so the inward part ("9AA" ending a word) is found first, then the
# whole postcode is matched in the few characters before it.
_INWARD = re.compile(r"[0-9](?=[ABD-HJLNP-UW-Z]{2}(?![\w]))", re.IGNORECASE)
_POSTCODE = re.compile(
    r"(?<![\w\\])"  # not after a backslash either: "\u202eA" is an escape, not a postcode
    r"(?:(?P<gir>GIR)(?P<gsep>[ ]?)0AA"
    r"|(?P<out>[A-PR-UWYZ](?:[A-HK-Y][0-9][ABEHMNPRV-Y]|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[0-9]{1,2}))"
    r"(?P<sep>[ ]?)(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2}))"
    r"(?![\w])",
    re.IGNORECASE,
)
_OUTWARD_MAX = 5
"""The longest outward code and space: "AA9A "."""
_ORDINALS = {"1st", "2nd", "3rd"} | {f"{d}th" for d in "0456789"}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    r"(?<![\w/.\-])(?:"
    r"(?P<iy>[0-9]{4})(?P<isep>[\-/.])(?P<im>[0-9]{1,2})(?P=isep)(?P<id>[0-9]{1,2})"
    r"|(?P<nd>[0-9]{1,2})(?P<nsep>[/.\-])(?P<nm>[0-9]{1,2})(?P=nsep)(?P<ny>[0-9]{4}|[0-9]{2})"
    r"|(?P<td>[0-9]{1,2})(?:st|nd|rd|th)?[ ](?:of[ ])?(?P<tm>" + _MONTH + r")\.?,?[ ](?P<ty>[0-9]{4})"
    r"|(?P<um>" + _MONTH + r")\.?[ ](?P<ud>[0-9]{1,2})(?:st|nd|rd|th)?,?[ ](?P<uy>[0-9]{4})"
    r")(?![\w]|[/.\-][0-9])",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Words that say a date nearby is someone's birth date ("dyddiad geni" is Welsh for date of birth).
# "Strong" ones may have a few words between them and the date, or follow it in brackets; "born" may
# not be followed by "out of", "from" and the like; "b." must come straight before the date.
_TRIGGER = re.compile(
    r"[bd](?<![\w.][bd])"
    r"(?:(?P<strong>(?<=d)\.o\.b\.?|(?<=d)ob|(?<=d)ate[ ]of[ ]birth|(?<=d)ate[ ]born|(?<=d)yddiad[ ]geni"
    r"|(?<=b)irth[ \-]?date|(?<=b)irthday)"
    r"|(?P<weak>(?<=b)orn|(?<=b)\.))(?![\w])",
    re.IGNORECASE,
)
_NEAR_AFTER = 30
"""A date of birth starts at most this many characters after its trigger word."""
_DATE_REACH = 45
"""More than the longest date (and the gap before a bracketed word after it) can span."""
_SENTENCE_BREAK = re.compile(r"[.;!?](?:[ \t]|$)")
_WEAK_GAP_IDIOM = re.compile(r"[ \t:]*(?:out|from|of|again|into|through|with|to)(?![\w])", re.IGNORECASE)
_BEFORE_GAP = re.compile(r"[ \t]{0,2}[(\[][ \t]?")
"""Between a date and a strong word after it: "01/03/1990 (DOB)"."""

# "# coprod: not-personal-data <reason>": the '#' starts a comment (line start or after a space).
_WAIVER = re.compile(
    r"#(?<![^ \t\r\n]#)[ \t]*coprod[ \t]*:[ \t]*(?P<word>[\w\-]*)(?P<reason>[^\r\n]*)",
    re.IGNORECASE,
)
_BREAK = re.compile(r"\r\n|\r|\n")


# --- checks and masks ------------------------------------------------------------------------------


def nhs_number_valid(digits: str) -> bool:
    """Whether 10 digits pass the NHS modulus-11 check (and are not one digit repeated)."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits, _NHS_WEIGHTS, strict=False))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _mask_after(value: str, keep: int) -> str:
    """Keep the first ``keep`` characters; hide every later letter or digit, keep separators."""
    return value[:keep] + "".join("*" if ch.isalnum() else ch for ch in value[keep:])


_PHONE_PREFIX = re.compile(r"(?P<intl>(?:\+44|0044)[ ]?(?:\(0\)[ ]?)?)|\(")


def _mask_phone(value: str) -> str:
    """Keep a number's first five characters ("01632 ******", "020 7*** ****"); after +44 and
    "(0)", the four that stand for them ("+44 1632 ******")."""
    m = _PHONE_PREFIX.match(value)
    keep = 5 if m is None else m.end() + (4 if m.group("intl") else 5)
    return _mask_after(value, keep)


def _date_key(m: re.Match[str]) -> str:
    """A date as ``yy-mm-dd`` (day-first for d/m/y), so one birth date written two ways matches."""
    g = m.groupdict()
    if g["iy"]:
        y, mo, d = g["iy"], g["im"], g["id"]
    elif g["ny"]:
        y, mo, d = g["ny"], g["nm"], g["nd"]
    elif g["ty"]:
        y, mo, d = g["ty"], str(_MONTHS.index(g["tm"][:3].lower()) + 1), g["td"]
    else:
        y, mo, d = g["uy"], str(_MONTHS.index(g["um"][:3].lower()) + 1), g["ud"]
    return f"dob:{y[-2:]}-{int(mo):02d}-{int(d):02d}"


# --- the scan --------------------------------------------------------------------------------------


class _Text:
    """The text with its line starts (worked out only when something is found)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self.claimed = bytearray(len(text))

    def where(self, index: int) -> tuple[int, int]:
        if self._starts is None:
            first = 1 if self.text.startswith("\ufeff") else 0
            self._starts = [first, *(m.end() for m in _BREAK.finditer(self.text))]
        i = bisect.bisect_right(self._starts, index) - 1
        return i + 1, index - self._starts[i] + 1

    def lines_with(self, needle: str) -> Iterator[tuple[int, int]]:
        """Start and end of each line that holds ``needle``."""
        t = self.text
        done = 0
        i = t.find(needle)
        while i >= 0:
            start = max(t.rfind("\n", done, i), t.rfind("\r", done, i), done - 1) + 1
            brk = _BREAK.search(t, i)
            done = brk.start() if brk else len(t)
            yield start, done
            i = t.find(needle, done)

    def regions_around(self, spans: list[re.Match[str]], *, before: int, after: int) -> list[tuple[int, int]]:
        """From ``before`` characters before each span to ``after`` after it, cut at its line's
        ends, overlapping ones merged."""
        t = self.text
        regions: list[tuple[int, int]] = []
        for span in spans:
            lo, hi = max(0, span.start() - before), min(len(t), span.end() + after)
            line_start = max(t.rfind("\n", lo, span.start()), t.rfind("\r", lo, span.start()))
            brk = _BREAK.search(t, span.end(), hi)
            lo, hi = (line_start + 1 if line_start >= 0 else lo), (brk.start() if brk else hi)
            if regions and lo <= regions[-1][1]:
                regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
            else:
                regions.append((lo, hi))
        return regions

    def claim(self, start: int, end: int) -> bool:
        """Mark a span as found; False if part of it was found already (by a kind checked earlier)."""
        if self.claimed.find(1, start, end) >= 0:
            return False
        self.claimed[start:end] = b"\x01" * (end - start)
        return True


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    masked: str
    key: str


def _emails(t: _Text, settings: Settings) -> list[tuple[_Hit, bool]]:
    hits = []
    for start, end in t.lines_with("@"):
        for m in _EMAIL.finditer(t.text, start, end):
            domain = m.group("domain").lower()
            masked = f"{m.group('local')[0]}***@***.{m.group('tld')}"
            hit = _Hit(m.start(), m.end(), EMAIL_ADDRESS, masked, f"email:{m.group().lower()}")
            hits.append((hit, settings.allows_email_domain(domain)))
    return hits


def _nhs_numbers(t: _Text, settings: Settings) -> list[tuple[_Hit, bool]]:
    hits = []
    for m in _NHS.finditer(t.text):
        value = m.group()
        digits = value.replace(" ", "").replace("-", "")
        if not nhs_number_valid(digits):
            continue
        hits.append((_Hit(m.start(), m.end(), NHS_NUMBER, _mask_after(value, 3), f"nhs:{digits}"), False))
    return hits


def _phones(t: _Text, settings: Settings) -> list[tuple[_Hit, bool]]:
    hits = []
    for m in _PHONE.finditer(t.text):
        value = m.group()
        national = uk_phone_digits(value)
        if national is None:
            continue
        hit = _Hit(m.start(), m.end(), PHONE_NUMBER, _mask_phone(value), f"phone:{national}")
        hits.append((hit, settings.allows_phone(national)))
    return hits


def _postcodes(t: _Text, settings: Settings) -> list[tuple[_Hit, bool]]:
    hits = []
    for found in _INWARD.finditer(t.text):
        end = found.start() + 3
        starts = range(max(0, found.start() - _OUTWARD_MAX), found.start() - 1)
        m = next((m for i in starts if (m := _POSTCODE.match(t.text, i, end)) and m.end() == end), None)
        if m is None:
            continue
        if m.group("gir"):
            out, sep = m.group("gir"), m.group("gsep")
        else:
            out, sep = m.group("out"), m.group("sep")
            inward = m.group("inward")
            if inward[1:].islower() and inward.lower() in _ORDINALS:  # "L3 1st", not a postcode
                continue
        key = "postcode:" + m.group().replace(" ", "").upper()
        hits.append((_Hit(m.start(), m.end(), POSTCODE, f"{out}{sep}***", key), False))
    return hits


def _gap_ok(gap: str, word: re.Match[str]) -> bool:
    """Whether the text between a birth word and a date lets the word speak of the date."""
    if word.group("strong") is not None:
        return not _SENTENCE_BREAK.search(gap)
    if word.group().endswith("."):  # "b.": straight before the date
        return len(gap) <= 2 and not gap.strip()
    return not _SENTENCE_BREAK.search(gap) and not _WEAK_GAP_IDIOM.match(gap)


def _said_before(text: str, date: re.Match[str], words: list[re.Match[str]], ends: list[int], since: int) -> bool:
    """Whether a birth word comes shortly before ``date``, on its line, with no other date between."""
    i = bisect.bisect_right(ends, date.start()) - 1
    while i >= 0 and ends[i] >= max(since, date.start() - _NEAR_AFTER):
        word = words[i]
        gap = text[word.end() : date.start()]
        if "\n" not in gap and "\r" not in gap and _gap_ok(gap, word):
            return True
        i -= 1
    return False


def _said_after(text: str, date: re.Match[str], words: list[re.Match[str]], starts: list[int]) -> bool:
    """Whether a strong birth word in brackets follows ``date``: "01/03/1990 (DOB)"."""
    i = bisect.bisect_left(starts, date.end())
    if i == len(words):
        return False
    word = words[i]
    return (
        word.group("strong") is not None
        and text[word.end() : word.end() + 1] in (")", "]")
        and _BEFORE_GAP.fullmatch(text, date.end(), word.start()) is not None
    )


def _dates_of_birth(t: _Text, settings: Settings) -> list[tuple[_Hit, bool]]:
    text = t.text
    words = list(_TRIGGER.finditer(text))
    if not words:
        return []
    starts = [w.start() for w in words]
    ends = [w.end() for w in words]
    hits = []
    since = 0  # a birth word before the previous date belongs to that date, not this one
    # Dates are everywhere in evidence; look for them only near birth words.
    for lo, hi in t.regions_around(words, before=_DATE_REACH, after=_NEAR_AFTER + _DATE_REACH):
        for m in _DATE.finditer(text, lo, hi):
            if _said_before(text, m, words, ends, since) or _said_after(text, m, words, starts):
                masked = _mask_after(m.group(), 0)
                hits.append((_Hit(m.start(), m.end(), DATE_OF_BIRTH, masked, _date_key(m)), False))
            since = m.end()
    return hits


_DETECTORS = (_emails, _phones, _nhs_numbers, _postcodes, _dates_of_birth)
"""In order of precedence: a span found by one is not looked at again by the later ones."""


def _waivers(t: _Text) -> tuple[dict[int, str], list[BadWaiver]]:
    """Lines waived (with their reasons) and waiver comments that cannot be accepted."""
    good: dict[int, str] = {}
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
                    f"this waiver is not written the way coprod reads it; write '# {WAIVER_MARKER} <reason>', "
                    f"as in '{WAIVER_EXAMPLE}'; until then nothing on this line is waived",
                )
            continue
        good.pop(line, None)
        bad.pop(line, None)
        if not reason:
            bad[line] = BadWaiver(
                line,
                col,
                "this waiver needs a reason: say in a few words after it why this is not personal data, "
                f"as in '{WAIVER_EXAMPLE}'; until then nothing on this line is waived",
            )
        elif len("".join(reason.split())) < MIN_REASON_CHARS:
            bad[line] = BadWaiver(
                line,
                col,
                f"this waiver's reason is too short; say in a few words why this is not personal data, "
                f"as in '{WAIVER_EXAMPLE}'; until then nothing on this line is waived",
            )
        else:
            good[line] = reason
    return good, sorted(bad.values(), key=lambda b: b.line)


_NO_SETTINGS = Settings()


def scan(text: str, settings: Settings = _NO_SETTINGS, *, also_allowed: frozenset[str] = frozenset()) -> Scan:
    """Look through ``text`` for personal data; see the module's description.

    ``settings`` allows published email domains and phone numbers; ``also_allowed`` holds keys
    (:attr:`Finding.key`) waived elsewhere — in the inputs of a report being scanned, say.
    """
    t = _Text(text)
    hits: list[_Hit] = []
    for detect in _DETECTORS:
        for hit, allowed in detect(t, settings):
            if not t.claim(hit.start, hit.end):
                continue
            if not allowed and hit.key not in also_allowed:
                hits.append(hit)
    waived_lines, bad = _waivers(t)
    findings: list[Finding] = []
    by_waiver: dict[int, list[Finding]] = {line: [] for line in waived_lines}
    for hit in hits:
        line, col = t.where(hit.start)
        finding = Finding(line, col, hit.kind, hit.masked, hit.key)
        if line in by_waiver:
            by_waiver[line].append(finding)
        else:
            findings.append(finding)
    waivers = tuple(Waiver(line, waived_lines[line], tuple(sorted(by_waiver[line]))) for line in sorted(waived_lines))
    return Scan(tuple(sorted(findings)), waivers, tuple(bad))


# --- messages --------------------------------------------------------------------------------------

_ARTICLE = {NHS_NUMBER: "an", EMAIL_ADDRESS: "an"}


def finding_message(finding: Finding) -> str:
    """What to tell the user about a finding in a file they wrote."""
    article = _ARTICLE.get(finding.kind, "a")
    return (
        f"looks like {article} {finding.kind} ({finding.masked}); personal data must not be written in "
        f"coprod files — remove it, or if it is not personal data add '# {WAIVER_MARKER} <reason>' "
        "at the end of the line"
    )


def problems(result: Scan, shown: str) -> list[Problem]:
    """The scan's findings and bad waivers as problems in the file shown as ``shown``."""
    found = [Problem(shown, f.line, f.column, finding_message(f), "personal-data") for f in result.findings]
    found += [Problem(shown, b.line, b.column, b.message, "waiver-reason") for b in result.bad_waivers]
    return found

"""What personal data looks like: one detector for each kind the privacy scan looks for.

Each detector is a function of the text (and the unit's settings) that returns what it
found, masked, with whether the settings allow it; :func:`coprod_cli.privacy.scan.scan`
runs them in order and decides what stands.  Every pattern is compiled once and makes one
pass over the text (the email pattern only over lines holding an '@', the date pattern only
near words such as "DOB").  None nests an unbounded quantifier: every repetition is bounded,
so matching stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from coprod_cli.privacy.settings import Settings, uk_phone_digits

NHS_NUMBER = "NHS number"
POSTCODE = "postcode"
PHONE_NUMBER = "phone number"
EMAIL_ADDRESS = "email address"
DATE_OF_BIRTH = "date of birth"
KINDS = (NHS_NUMBER, POSTCODE, PHONE_NUMBER, EMAIL_ADDRESS, DATE_OF_BIRTH)

LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""Lines end at CRLF, LF or a lone CR."""


# --- patterns --------------------------------------------------------------------------------------

# Most patterns begin with the character they consume first and only then look behind it
# ("[0-9](?<![\w.][0-9])" rather than "(?<![\w.])[0-9]"): the regex engine can then skip straight to
# the places where that character occurs, which makes a pass over a mebibyte several times faster.

# Email first: anything inside an address belongs to it (and an allowed address hides its digits);
# then phone numbers, whose 0 or +44 makes them more particular than ten digits (see DETECTORS).
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


# --- the detectors ---------------------------------------------------------------------------------


def _lines_with(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """Start and end of each line of ``text`` that holds ``needle``."""
    done = 0
    i = text.find(needle)
    while i >= 0:
        start = max(text.rfind("\n", done, i), text.rfind("\r", done, i), done - 1) + 1
        brk = LINE_BREAK.search(text, i)
        done = brk.start() if brk else len(text)
        yield start, done
        i = text.find(needle, done)


def _regions_around(text: str, spans: list[re.Match[str]], *, before: int, after: int) -> list[tuple[int, int]]:
    """From ``before`` characters before each span to ``after`` after it, cut at its line's
    ends, overlapping ones merged."""
    regions: list[tuple[int, int]] = []
    for span in spans:
        lo, hi = max(0, span.start() - before), min(len(text), span.end() + after)
        line_start = max(text.rfind("\n", lo, span.start()), text.rfind("\r", lo, span.start()))
        brk = LINE_BREAK.search(text, span.end(), hi)
        lo, hi = (line_start + 1 if line_start >= 0 else lo), (brk.start() if brk else hi)
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
        else:
            regions.append((lo, hi))
    return regions


@dataclass
class Hit:
    """Something a detector found: where, what kind, masked, and the key to know it again."""

    start: int
    end: int
    kind: str
    masked: str
    key: str


def _emails(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    hits = []
    for start, end in _lines_with(text, "@"):
        for m in _EMAIL.finditer(text, start, end):
            domain = m.group("domain").lower()
            masked = f"{m.group('local')[0]}***@***.{m.group('tld')}"
            hit = Hit(m.start(), m.end(), EMAIL_ADDRESS, masked, f"email:{m.group().lower()}")
            hits.append((hit, settings.allows_email_domain(domain)))
    return hits


def _nhs_numbers(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    hits = []
    for m in _NHS.finditer(text):
        value = m.group()
        digits = value.replace(" ", "").replace("-", "")
        if not nhs_number_valid(digits):
            continue
        hits.append((Hit(m.start(), m.end(), NHS_NUMBER, _mask_after(value, 3), f"nhs:{digits}"), False))
    return hits


def _phones(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    hits = []
    for m in _PHONE.finditer(text):
        value = m.group()
        national = uk_phone_digits(value)
        if national is None:
            continue
        hit = Hit(m.start(), m.end(), PHONE_NUMBER, _mask_phone(value), f"phone:{national}")
        hits.append((hit, settings.allows_phone(national)))
    return hits


def _postcodes(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    hits = []
    for found in _INWARD.finditer(text):
        end = found.start() + 3
        starts = range(max(0, found.start() - _OUTWARD_MAX), found.start() - 1)
        m = next((m for i in starts if (m := _POSTCODE.match(text, i, end)) and m.end() == end), None)
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
        hits.append((Hit(m.start(), m.end(), POSTCODE, f"{out}{sep}***", key), False))
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


def _dates_of_birth(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    words = list(_TRIGGER.finditer(text))
    if not words:
        return []
    starts = [w.start() for w in words]
    ends = [w.end() for w in words]
    hits = []
    since = 0  # a birth word before the previous date belongs to that date, not this one
    # Dates are everywhere in evidence; look for them only near birth words.
    for lo, hi in _regions_around(text, words, before=_DATE_REACH, after=_NEAR_AFTER + _DATE_REACH):
        for m in _DATE.finditer(text, lo, hi):
            if _said_before(text, m, words, ends, since) or _said_after(text, m, words, starts):
                masked = _mask_after(m.group(), 0)
                hits.append((Hit(m.start(), m.end(), DATE_OF_BIRTH, masked, _date_key(m)), False))
            since = m.end()
    return hits


DETECTORS = (_emails, _phones, _nhs_numbers, _postcodes, _dates_of_birth)
"""In order of precedence: a span found by one is not looked at again by the later ones."""

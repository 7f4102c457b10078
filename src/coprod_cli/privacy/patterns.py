"""What personal data looks like: one detector for each kind the privacy scan looks for.

Each detector is a function of the text (and the unit's settings) that returns what it
found, masked, with whether the settings allow it; :func:`coprod_cli.privacy.scan.scan`
runs them in order and decides what stands.  The text is already in the plain form of
:mod:`coprod_cli.privacy.readable` (ASCII digits, one space between words, '-' for every
dash, no invisible characters), so each pattern is written for that form only; groups of
digits may be separated by a space, a dash, a dot or a slash (:data:`SEP`).  Every pattern
is compiled once and makes one pass over the text (the email pattern only over lines holding
an '@', the date pattern only near words such as "DOB").  None nests an unbounded quantifier:
every repetition is bounded, so matching stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from coprod_cli.privacy.datewords import MONTH, ORDINAL, TRIGGER, WEAK_GAP_IDIOM, date_key
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

SEP = r"[ \-./]"
"""What may separate two groups of digits: "943 476 5919", "943-476-5919", "943.476.5919", "943/476/5919"."""
GAP = rf"(?: ?[\-./] ?|{SEP})"
"""What may separate the 3-3-4 groups of an NHS number: a separator, or one spaced ("943 - 476 - 5919")."""

# Email first: anything inside an address belongs to it (and an allowed address hides its digits);
# then phone numbers, whose 0 or +44 makes them more particular than ten digits (see DETECTORS).
# Run only over lines holding an '@'.  A local part may start with '_' or '.', and hold letters
# of any script; so may the domain, or it is an address in brackets ("[10.0.0.1]").
_EMAIL = re.compile(
    r"(?<![\w.%+\-])"
    r"(?P<local>[\w.%+\-]{1,64})"
    r"@(?:(?P<domain>[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,8}\.(?P<tld>[^\W\d_]{2,24}|xn--[a-z0-9\-]{1,59}))"
    r"|\[(?P<ip>(?:[0-9]{1,3}\.){3}[0-9]{1,3}|IPv6:[0-9A-Fa-f:.]{2,45})\])"
    r"(?![\w\-]|\.\w)"
)

# 10 digits run together, grouped 3-3-4 (each gap one separator or none), or grouped 2-2-2-2-2
# with one separator throughout and no more such groups either side ("94 34 76 59 19"); not
# inside a longer number.  Letters just before are a label ("NHS9434765919"): see _stuck.  Five
# numbers of two digits are often counts ("attendance 12 14 11 15 13"), so in pairs the number
# counts only after a word such as "NHS" on its line (_NHS_WORD).
_NHS = re.compile(
    r"[0-9](?<![0-9_.][0-9])"
    rf"(?:[0-9]{{2}}{GAP}?[0-9]{{3}}{GAP}?[0-9]{{4}}"
    rf"|[0-9](?<![0-9]{SEP}[0-9]{{2}})(?P<sep>{SEP})[0-9]{{2}}(?:(?P=sep)[0-9]{{2}}){{3}}(?!{SEP}[0-9]))"
    r"(?![\w]|[.,/\-][0-9])"
)
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
_NHS_WORD = re.compile(r"(?<![a-z])(?:nhs|patient)", re.IGNORECASE)
_NHS_WORD_REACH = 20
"""How many characters before a number in pairs its "NHS" may be: "NHS number: 94 34 76 59 19"."""

# International (+44 / 0044, optionally "(0)"), bracketed ((01632) …) and national (0…) forms:
# the national digits run together, or in groups of 3 to 8 after a first one of 2 to 5 (the area
# code), with one separator throughout ("07700.900.123", not "02359 01.45"); only a mobile's
# "077 00" may be split in two ("077 00 900 123"), as shorter groups are more often counts
# ("ext 01160 34 2020").  The groups are then cut back to the longest start that
# config.uk_phone_digits takes for a UK number (10 or 11 national digits, 01/02/03/07/08), as
# in "07700 900123 10 times".


def _national(sep: str) -> str:
    groups = rf"(?:(?P={sep})[0-9]{{3,8}})"
    return (
        rf"(?:[0-9]{{9,10}}|[0-9]{{2,5}}(?P<{sep}>{SEP})[0-9]{{3,8}}{groups}{{0,2}}"
        rf"|(?<=0)7[0-9](?P<{sep}2>{SEP})[0-9]{{2}}(?P={sep}2)[0-9]{{3}}(?P={sep}2)[0-9]{{3}})"
    )


_PHONE = re.compile(
    r"[+0(](?<![0-9_+.][+0(])(?<![0-9][,.][+0(])"
    rf"(?:(?:(?<=\+)44|(?<=0)044)(?:{SEP}?\(0\))?{SEP}?{_national('isep')}"
    rf"|(?<=\()0[1-9][0-9]{{1,4}}\)[ ]?[0-9]{{2,8}}(?:(?P<bsep>{SEP})[0-9]{{2,8}}(?:(?P=bsep)[0-9]{{2,8}}){{0,2}})?"
    rf"|(?<=0){_national('nsep')})"
    r"(?![\w])"
)
_LAST_GROUP = re.compile(SEP + r"[0-9]+\Z")
"""The last group of a phone number, cut off when the digits before it are a UK number."""
_SEPARATORS = re.compile(SEP)

# A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA and GIR 0AA, with the letters each
# position may hold (first never Q, V, X; second never I, J, Z; inward never C, I, K, M, O, V).
# Letters are everywhere, so the inward part ("9AA" ending a word) is found first, then the
# whole postcode is matched in the few characters before it.
_INWARD = re.compile(r"[0-9](?=[ABD-HJLNP-UW-Z]{2}(?![\w]))", re.IGNORECASE)
_POSTCODE = re.compile(
    r"(?<![\w\\])"  # not after a backslash either: "\u202eA" is an escape, not a postcode
    r"(?:(?P<gir>GIR)(?P<gsep>[ ]?)0AA"
    r"|(?P<out>[A-PR-UWYZ](?:[A-HK-Y][0-9][ABEHMNPRV-Y]|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[0-9]{1,2}))"
    r"(?P<sep>[ \-]?)(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2}))"
    r"(?![\w])",
    re.IGNORECASE,
)
_OUTWARD_MAX = 5
"""The longest outward code and separator: "AA9A "."""
_ORDINALS = {"1st", "2nd", "3rd"} | {f"{d}th" for d in "0456789"}

_DATE = re.compile(
    r"(?<![\w/.\-])(?:"
    rf"(?P<iy>[0-9]{{4}})(?P<isep>{SEP})(?P<im>[0-9]{{1,2}})(?P=isep)(?P<id>[0-9]{{1,2}})"
    rf"|(?P<nd>[0-9]{{1,2}})(?P<nsep>{SEP})(?P<nm>[0-9]{{1,2}})(?P=nsep)(?P<ny>[0-9]{{4}}|[0-9]{{2}})"
    r"|(?P<ad>[0-9]{1,2})(?P<asep>[\-/.])(?P<am>" + MONTH + r")(?P=asep)(?P<ay>[0-9]{4}|[0-9]{2})"
    r"|(?P<td>[0-9]{1,2})" + ORDINAL + r"?[ ](?:(?:of|o)[ ])?(?P<tm>" + MONTH + r")\.?,?[ ](?P<ty>[0-9]{4})"
    r"|(?P<um>" + MONTH + r")\.?[ ](?P<ud>[0-9]{1,2})" + ORDINAL + r"?,?[ ](?P<uy>[0-9]{4})"
    r")(?![\w]|[/.\-][0-9])",
    re.IGNORECASE,
)
_NEAR_AFTER = 30
"""A date of birth starts at most this many characters after its trigger word."""
_DATE_REACH = 45
"""More than the longest date (and the gap before a bracketed word after it) can span."""
_SENTENCE_BREAK = re.compile(r"[.;!?](?:[ \t]|$)")
_BEFORE_GAP = re.compile(r"[ ]?(?:(?P<open>[(\[])[ ]?|[,\-][ ]?)?")
"""Between a date and a strong word after it: "01/03/1990 (DOB)", "01/03/1990 DOB", "01/03/1990, DOB"."""
_LABEL_END = re.compile(r"[ ]?(?:[)\],;.\"'|]|\r|\n|\Z)")
"""After a strong word that follows a date without brackets: the end of the line or of a clause
("01/03/1990 DOB, ward 7"), not more words ("2026-03-01 DOB not recorded")."""

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


_PHONE_PREFIX = re.compile(r"(?P<intl>(?:\+44|0044)" + SEP + r"?(?:\(0\)" + SEP + r"?)?)|\(")


def _mask_phone(value: str) -> str:
    """Keep a number's first five characters ("01632 ******", "020 7*** ****"); after +44 and
    "(0)", the four that stand for them ("+44 1632 ******")."""
    m = _PHONE_PREFIX.match(value)
    keep = 5 if m is None else m.end() + (4 if m.group("intl") else 5)
    return _mask_after(value, keep)


def _stuck(text: str, start: int) -> bool:
    """Whether the letters just before ``start`` make the number part of a code, not a label: they
    follow a digit or are hex letters only ("a1fe0077365100", "deadbeef9434765919"), unlike
    "NHS9434765919" or "mob07700900123"."""
    i = start
    while i > start - _LABEL_MAX and i > 0 and text[i - 1].isalpha():
        i -= 1
    if i == start:
        return False
    after_code = i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")
    return after_code or _HEX_LETTERS.fullmatch(text, i, start) is not None


def _labelled(text: str, start: int) -> bool:
    """Whether a word such as "NHS" comes shortly before ``start`` on its line."""
    lo = max(0, start - _NHS_WORD_REACH, text.rfind("\n", 0, start) + 1, text.rfind("\r", 0, start) + 1)
    return _NHS_WORD.search(text, lo, start) is not None


_LABEL_MAX = 9
"""Letters stuck to a number are a label when there are at most 8 of them ("NHSnumber" is not)."""
_HEX_LETTERS = re.compile(r"[a-f]+")


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
            local = m.group("local")[0]
            if m.group("ip") is not None:
                masked, allowed = f"{local}***@[***]", False
            else:
                masked, allowed = f"{local}***@***.{m.group('tld')}", settings.allows_email_domain(m.group("domain"))
            hits.append((Hit(m.start(), m.end(), EMAIL_ADDRESS, masked, f"email:{m.group().lower()}"), allowed))
    return hits


def _nhs_numbers(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    hits = []
    for m in _NHS.finditer(text):
        value = m.group()
        digits = _SEPARATORS.sub("", value)
        if not nhs_number_valid(digits) or _stuck(text, m.start()):
            continue
        if m.group("sep") is not None and not _labelled(text, m.start()):
            continue
        hits.append((Hit(m.start(), m.end(), NHS_NUMBER, _mask_after(value, 3), f"nhs:{digits}"), False))
    return hits


def _phones(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    hits = []
    for m in _PHONE.finditer(text):
        value = m.group()
        national = uk_phone_digits(value)
        while national is None and (cut := _LAST_GROUP.search(value)) is not None:
            value = value[: cut.start()]
            national = uk_phone_digits(value)
        if national is None or _stuck(text, m.start()):
            continue
        hit = Hit(m.start(), m.start() + len(value), PHONE_NUMBER, _mask_phone(value), f"phone:{national}")
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
        key = "postcode:" + _SEPARATORS.sub("", m.group()).upper()
        hits.append((Hit(m.start(), m.end(), POSTCODE, f"{out}{sep}***", key), False))
    return hits


def _gap_ok(gap: str, word: re.Match[str]) -> bool:
    """Whether the text between a birth word and a date lets the word speak of the date."""
    if word.group("strong") is not None:
        return not _SENTENCE_BREAK.search(gap)
    if word.group().endswith("."):  # "b.": straight before the date
        return len(gap) <= 2 and not gap.strip()
    return not _SENTENCE_BREAK.search(gap) and not WEAK_GAP_IDIOM.match(gap)


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
    """Whether a strong birth word follows ``date``, in brackets ("01/03/1990 (DOB)") or as a label
    that ends the line or clause ("01/03/1990 DOB")."""
    i = bisect.bisect_left(starts, date.end())
    if i == len(words) or words[i].group("strong") is None:
        return False
    word = words[i]
    gap = _BEFORE_GAP.fullmatch(text, date.end(), word.start())
    if gap is None:
        return False
    if gap.group("open"):
        return text[word.end() : word.end() + 1] in (")", "]")
    return _LABEL_END.match(text, word.end()) is not None


def _dates_of_birth(text: str, settings: Settings) -> list[tuple[Hit, bool]]:
    words = list(TRIGGER.finditer(text))
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
                hits.append((Hit(m.start(), m.end(), DATE_OF_BIRTH, masked, date_key(m)), False))
            since = m.end()
    return hits


DETECTORS = (_emails, _phones, _nhs_numbers, _postcodes, _dates_of_birth)
"""In order of precedence: a span found by one is not looked at again by the later ones."""

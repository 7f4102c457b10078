"""The words of a date of birth, in English and Welsh: month names, the endings of a day's number,
and the words that say a date nearby is someone's birth date (docs/privacy.md, "What it looks for").
``patterns`` builds its date of birth detector from them."""

from __future__ import annotations

import re

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    # Welsh, with the soft-mutated forms a date takes after "o" ("3ydd o Fawrth 1990")
    r"|ion(?:awr)?|chwef(?:ror)?|[mf]aw(?:rth)?|ebr(?:ill)?|[mf]ai|[mf]eh(?:efin)?|g?orff(?:ennaf)?|awst"
    r"|[mf]edi|hyd(?:ref)?|[td]ach(?:wedd)?|rh?ag(?:fyr)?)"
)
ORDINAL = r"(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)"
"""After a day's number: English "3rd", Welsh "1af", "2il", "3ydd", "5ed", "7fed", "11eg", "21ain"."""
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WELSH_MONTHS = {
    "ion": 1, "chw": 2, "maw": 3, "faw": 3, "ebr": 4, "mai": 5, "fai": 5, "meh": 6, "feh": 6, "gor": 7,
    "orf": 7, "aws": 8, "med": 9, "fed": 9, "hyd": 10, "tac": 11, "dac": 11, "rha": 12, "rag": 12,
}  # fmt: skip


def month_number(name: str) -> int:
    """A month's number from its English or Welsh name or abbreviation (mutated or not)."""
    start = name[:3].lower()
    return _MONTHS.index(start) + 1 if start in _MONTHS else _WELSH_MONTHS[start]


# Words that say a date nearby is someone's birth date, in English and Welsh: "dyddiad geni" is date of
# birth ("ei ddyddiad geni", "fy nyddiad geni" after his and my), "pen-blwydd" birthday ("ei ben-blwydd",
# "ei phen-blwydd", "fy mhen-blwydd"), "ganwyd" and "ganed" was born.
# "Strong" ones may have a few words between them and the date, or follow it in brackets; "born" may
# not be followed by "out of", "from" and the like; "b." must come straight before the date.
TRIGGER = re.compile(
    r"[bdgmnp](?<![\w.][bdgmnp])"
    r"(?:(?P<strong>(?<=d)\.o\.b\.?|(?<=d)ob|(?<=d)ate[ \-_]?of[ \-_]?birth|(?<=d)ate[ \-_]?born"
    r"|(?<=d)d?yddiad[ \-_]?geni|(?<=n)yddiad[ \-_]?geni|(?<=b)irth[ \-_]?date|(?<=b)irthday"
    r"|(?<=p)h?en[ \-_]?blwydd|(?<=b)en[ \-_]?blwydd|(?<=m)hen[ \-_]?blwydd)"
    r"|(?P<weak>(?<=b)orn|(?<=b)\.|(?<=g)anwyd|(?<=g)aned))(?![\w])",
    re.IGNORECASE,
)
WEAK_GAP_IDIOM = re.compile(
    r"[ \t:]*(?:out|from|of|again|into|through|with|to"
    r"|o|allan|eto|i[ ]mewn|drwy|trwy|gyda|efo)(?![\w])",  # Welsh: "ganwyd o", "ganwyd allan o"…
    re.IGNORECASE,
)


def date_key(m: re.Match[str]) -> str:
    """A date as ``yy-mm-dd`` (day-first for d/m/y), so one birth date written two ways matches."""
    g = m.groupdict()
    if g["iy"]:
        y, mo, d = g["iy"], g["im"], g["id"]
    elif g["ny"]:
        y, mo, d = g["ny"], g["nm"], g["nd"]
    elif g["ay"]:
        y, mo, d = g["ay"], str(month_number(g["am"])), g["ad"]
    elif g["ty"]:
        y, mo, d = g["ty"], str(month_number(g["tm"])), g["td"]
    else:
        y, mo, d = g["uy"], str(month_number(g["um"])), g["ud"]
    return f"dob:{y[-2:]}-{int(mo):02d}-{int(d):02d}"

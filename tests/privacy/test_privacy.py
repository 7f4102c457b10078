"""The privacy scan: its corpus (precision and recall must be 1.0), masking, waivers and places."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_cli.privacy.patterns import (
    DATE_OF_BIRTH,
    EMAIL_ADDRESS,
    KINDS,
    NHS_NUMBER,
    PHONE_NUMBER,
    POSTCODE,
    nhs_number_valid,
)
from coprod_cli.privacy.readable import Form
from coprod_cli.privacy.scan import Finding, finding_message, problems, scan
from coprod_cli.privacy.settings import Settings, load_settings

CORPUS = Path(__file__).resolve().parent
_MARK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True)
class Case:
    where: str
    kind: str
    text: str
    values: tuple[tuple[int, str], ...]
    """(1-based column, value) of each marked value."""


def _unmark(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    plain, values, last = [], [], 0
    for m in _MARK.finditer(text):
        plain.append(text[last : m.start()])
        values.append((len("".join(plain)) + 1, m.group(1)))
        plain.append(m.group(1))
        last = m.end()
    plain.append(text[last:])
    return "".join(plain), tuple(values)


def _corpus(name: str) -> list[Case]:
    cases = []
    for n, raw in enumerate((CORPUS / name).read_text("utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, text = raw.partition("\t") if name == "true.tsv" else ("", "", raw)
        plain, values = _unmark(text)
        cases.append(Case(f"{name}:{n}", kind, plain, values))
    return cases


TRUE = _corpus("true.tsv")
FALSE = _corpus("false.tsv")
SETTINGS = load_settings(CORPUS)


def test_corpus_is_big_enough_and_well_formed() -> None:
    assert len(TRUE) >= 40
    assert len(FALSE) >= 40
    assert {c.kind for c in TRUE} == set(KINDS)
    assert all(c.values for c in TRUE), [c.where for c in TRUE if not c.values]
    assert not any(c.values for c in FALSE)
    assert SETTINGS.allow_email_domains == {"cefn.example"}


def test_corpus_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    true_pos = false_pos = false_neg = 0
    wrong: list[str] = []
    for case in TRUE + FALSE:
        found = {(f.column, f.kind): f for f in scan(case.text, SETTINGS).findings}
        for column, value in case.values:
            f = found.pop((column, case.kind), None)
            if f is None:
                false_neg += 1
                wrong.append(f"missed {case.where}: {case.kind} at column {column}")
            else:
                true_pos += 1
                assert value not in f.masked, case.where
        for (column, kind), _ in found.items():
            false_pos += 1
            wrong.append(f"false alarm {case.where}: {kind} at column {column}")
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
    with capsys.disabled():
        print(
            f"\nprivacy corpus: {len(TRUE)} true lines ({true_pos + false_neg} values), {len(FALSE)} look-alikes; "
            f"precision {precision:.3f}, recall {recall:.3f}"
        )
    assert wrong == []
    assert precision == 1.0
    assert recall == 1.0


# --- NHS numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("9434765919", True),  # 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 % 11 = 2; 11 - 2 = 9
        ("9000000009", True),  # 90 % 11 = 2 -> 9
        ("4010232137", True),  # 92 % 11 = 4 -> 7
        ("9434765918", False),
        ("9400000014", True),
        ("9990000000", False),  # remainder 1 -> check 10: no valid number starts 999000000
        ("9990000001", False),
        ("0000000000", False),  # passes the sum, but one repeated digit is never a number
        ("1111111111", False),
        ("9999999999", False),
        ("943476591", False),
        ("94347659190", False),
        ("94347659x9", False),
    ],
)
def test_modulus_11(digits: str, valid: bool) -> None:
    assert nhs_number_valid(digits) is valid


def _weighted(nine: str) -> int:
    return sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))


def test_check_digit_eleven_means_zero_and_ten_means_invalid() -> None:
    zero = next(f"{n:09d}" for n in range(900000000, 900001000) if _weighted(f"{n:09d}") % 11 == 0)
    assert nhs_number_valid(zero + "0")
    ten = next(f"{n:09d}" for n in range(900000000, 900001000) if _weighted(f"{n:09d}") % 11 == 1)
    assert not any(nhs_number_valid(ten + c) for c in "0123456789")


def _nhs_numbers() -> st.SearchStrategy[str]:
    def check_digit(nine: str) -> str:
        return str((11 - _weighted(nine) % 11) % 11)

    def usable(nine: str) -> bool:
        check = check_digit(nine)
        return check != "10" and len(set(nine + check)) > 1

    return st.from_regex(r"[1-9][0-9]{8}", fullmatch=True).filter(usable).map(lambda nine: nine + check_digit(nine))


@given(digits=_nhs_numbers(), style=st.sampled_from(["run", " ", "-", ".", "/", "  ", "\u00a0", "\u2013", "\u200b"]))
def test_any_valid_nhs_number_is_found_and_masked(digits: str, style: str) -> None:
    value = digits if style == "run" else style.join((digits[:3], digits[3:6], digits[6:]))
    result = scan(f"note: NHS {value} here")
    assert [f.kind for f in result.findings] == [NHS_NUMBER]
    masked = result.findings[0].masked
    assert re.sub(r"\D", "", masked) == digits[:3]  # only the first three digits are shown
    assert masked.count("*") == 7
    assert result.findings[0].column == len("note: NHS ") + 1


# --- emails and phones ------------------------------------------------------------------------------------

_LOCAL = st.from_regex(r"[a-z0-9][a-z0-9._+\-]{0,20}", fullmatch=True).filter(lambda s: ".." not in s)
_LABEL = st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)


@given(local=_LOCAL, labels=st.lists(_LABEL, min_size=1, max_size=3), tld=st.from_regex(r"[a-z]{2,6}", fullmatch=True))
def test_any_email_is_found_and_masked(local: str, labels: list[str], tld: str) -> None:
    domain = ".".join([*labels, tld])
    value = f"{local}@{domain}"
    result = scan(f"write to {value} please")
    assert [f.kind for f in result.findings] == [EMAIL_ADDRESS]
    masked = result.findings[0].masked
    assert masked == f"{local[0]}***@***.{tld}"
    assert value not in masked
    assert all(label not in masked for label in labels if len(label) > 3 and label != tld)


@given(
    area=st.sampled_from(["01632 960", "020 7946 0", "0113 496 0", "07700 900", "029 2018 0"]),
    tail=st.from_regex(r"[0-9]{3}", fullmatch=True),
    intl=st.booleans(),
)
def test_any_drama_phone_number_is_found_and_masked(area: str, tail: str, intl: bool) -> None:
    value = area + tail
    if intl:
        value = "+44 " + value[1:]
    result = scan(f"phone {value}.")
    assert [f.kind for f in result.findings] == [PHONE_NUMBER]
    masked = result.findings[0].masked
    shown = re.sub(r"\D", "", masked)
    national = re.sub(r"\D", "", area + tail)
    assert len(shown) <= 6  # "44" and at most four digits of the number
    assert national[-6:] not in shown
    assert "*" in masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("01632 960001", "01632 ******"),
        ("020 7946 0018", "020 7*** ****"),
        ("+44 1632 960001", "+44 1632 ******"),
        ("+44 (0)20 7946 0999", "+44 (0)20 7*** ****"),
        ("(01632) 960456", "(01632) ******"),
        ("0044 7700 900123", "0044 7700 ******"),
    ],
)
def test_phone_masks(text: str, masked: str) -> None:
    assert [f.masked for f in scan(text).findings] == [masked]


@pytest.mark.parametrize(
    ("text", "kind", "masked"),
    [
        ("943 476 5919", NHS_NUMBER, "943 *** ****"),
        ("943-476-5919", NHS_NUMBER, "943-***-****"),
        ("9434765919", NHS_NUMBER, "943*******"),
        ("CF31 1RQ", POSTCODE, "CF31 ***"),
        ("sa18pp", POSTCODE, "sa1***"),
        ("GIR 0AA", POSTCODE, "GIR ***"),
        ("jane.doe@mail.example.co.uk", EMAIL_ADDRESS, "j***@***.uk"),
        ("DOB 01/03/1990", DATE_OF_BIRTH, "**/**/****"),
        ("born 3 March 1990", DATE_OF_BIRTH, "* ***** ****"),
    ],
)
def test_masks(text: str, kind: str, masked: str) -> None:
    assert [(f.kind, f.masked) for f in scan(text).findings] == [(kind, masked)]


def test_keys_match_one_value_however_written() -> None:
    a = scan("943 476 5919 and 9434765919 and 943-476-5919").findings
    assert len(a) == 3
    assert len({f.key for f in a}) == 1
    b = scan("01632 960001, +44 1632 960001, 0044 (0)1632 960001").findings
    assert len({f.key for f in b}) == 1
    c = scan("DOB 01/03/1990; born 1 March 1990; date of birth 1990-03-01").findings
    assert len(c) == 3
    assert len({f.key for f in c}) == 1


def test_key_and_value_never_shown_in_repr_or_message() -> None:
    (f,) = scan("NHS 943 476 5919").findings
    assert "5919" not in repr(f)
    assert "5919" not in finding_message(f)
    assert "476" not in str(scan("NHS 943 476 5919"))


# --- waivers and allowances ----------------------------------------------------------------------------------


def test_waiver_with_reason_waives_its_line_only() -> None:
    text = "phone: 01632 960001  # coprod: not-personal-data published ward phone number\nmobile: 07700 900123\n"
    result = scan(text)
    assert [(f.line, f.kind) for f in result.findings] == [(2, PHONE_NUMBER)]
    (waiver,) = result.waivers
    assert waiver.line == 1
    assert waiver.reason == "published ward phone number"
    assert [(f.line, f.column, f.masked) for f in waiver.findings] == [(1, 8, "01632 ******")]
    assert result.waived_keys == {"phone:01632960001"}
    assert not result.clean


def test_waiver_on_the_line_above_does_not_count() -> None:
    text = "# coprod: not-personal-data published ward phone number\nphone: 01632 960001\n"
    result = scan(text)
    assert [f.line for f in result.findings] == [2]
    assert [(w.line, w.findings) for w in result.waivers] == [(1, ())]


@pytest.mark.parametrize("tail", ["", "   ", " test", " short one"])
def test_waiver_without_enough_reason_is_reported_and_waives_nothing(tail: str) -> None:
    result = scan(f"phone: 01632 960001  # coprod: not-personal-data{tail}\n")
    assert [f.line for f in result.findings] == [1]
    assert result.waivers == ()
    (bad,) = result.bad_waivers
    assert (bad.line, bad.column) == (1, 22)
    assert "# coprod: not-personal-data published ward phone number" in bad.message
    assert "nothing on this line is waived" in bad.message
    assert not result.clean


@pytest.mark.parametrize("marker", ["not_personal_data", "not personal data", "Not-Personal data", "nonpersonal"])
def test_misspelt_waiver_is_reported(marker: str) -> None:
    result = scan(f"x: 01632 960001  # coprod: {marker} it is the ward's number\n")
    assert [f.line for f in result.findings] == [1]
    assert [(b.line, b.column) for b in result.bad_waivers] == [(1, 18)]
    assert result.bad_waivers[0].message == (
        "this waiver is not written the way coprod reads it; write '# coprod: not-personal-data <reason>', "
        "as in '# coprod: not-personal-data published ward phone number'; until then nothing on this line is waived"
    )


def test_waiver_marker_is_case_insensitive_and_other_coprod_comments_are_ignored() -> None:
    result = scan("x: 01632 960001  # Coprod: Not-Personal-Data it is the ward's number\ny: 1  # coprod: keep\n")
    assert result.findings == ()
    assert result.bad_waivers == ()
    assert [w.line for w in result.waivers] == [1]


def test_waiver_marker_must_start_a_comment() -> None:
    result = scan("x: 01632 960001 see#coprod: not-personal-data published ward number\n")
    assert [f.line for f in result.findings] == [1]
    assert result.waivers == ()


def test_also_allowed_skips_values_waived_in_the_inputs() -> None:
    source = scan("nhs: 943 476 5919  # coprod: not-personal-data a test number from NHS Digital\n")
    report = "| L1.own-care-plans | NHS 9434765919 | 943-476-5919 |\n| 900 000 0009 |"
    result = scan(report, also_allowed=source.waived_keys)
    assert [(f.line, f.kind) for f in result.findings] == [(2, NHS_NUMBER)]


def test_settings_allow_email_domains_and_phone_numbers() -> None:
    settings = Settings(frozenset({"cefn.example"}), frozenset({"01632960999"}))
    text = (
        "ward@cefn.example, team@mail.cefn.example, x@notcefn.example\n"
        "01632 960999 / +44 1632 960999 / (01632) 960999 / 01632 960998\n"
    )
    result = scan(text, settings)
    first, second = text.splitlines()
    assert [(f.line, f.column, f.kind) for f in result.findings] == [
        (1, first.index("x@") + 1, EMAIL_ADDRESS),
        (2, second.index("01632 960998") + 1, PHONE_NUMBER),
    ]


def test_ten_digits_that_are_a_phone_number_and_pass_mod_11_are_a_phone_number() -> None:
    number = next(f"0{n}" for n in range(113496000, 113497000) if nhs_number_valid(f"0{n}"))
    assert [f.kind for f in scan(f"fax {number}").findings] == [PHONE_NUMBER]
    assert scan(f"fax {number}", Settings(allow_phone_numbers=frozenset({number}))).findings == ()
    # "113 496 0875" passes the check too; after +44 it is part of a phone number
    assert [f.kind for f in scan("+44 113 496 0875").findings] == [PHONE_NUMBER]


# --- places -----------------------------------------------------------------------------------------------


def test_lines_and_columns_with_crlf_and_non_ascii() -> None:
    text = "unit:\r\n  name: Cefn Yr Afon — ŵyr ✓ 943 476 5919\r\n\r\n  note: café jo@example.org\r\n"
    found = [(f.line, f.column, f.kind) for f in scan(text).findings]
    line2 = "  name: Cefn Yr Afon — ŵyr ✓ 943 476 5919"
    line4 = "  note: café jo@example.org"
    assert found == [(2, line2.index("943") + 1, NHS_NUMBER), (4, line4.index("jo@") + 1, EMAIL_ADDRESS)]


def test_lone_cr_and_byte_order_mark() -> None:
    found = scan("\ufeffCF10 3NQ\rx\r  SA1 8PP").findings
    assert [(f.line, f.column) for f in found] == [(1, 1), (3, 3)]


def test_problems_name_file_line_and_column() -> None:
    text = "a: 1\nb: NHS 943 476 5919\nc: 1  # coprod: not-personal-data\n"
    result = scan(text)
    assert [p.render() for p in problems(result, "unit.yaml")] == [
        "unit.yaml:2:8: looks like an NHS number (943 *** ****); personal data must not be written in coprod "
        "files — remove it, or if it is not personal data add '# coprod: not-personal-data <reason>' at the "
        "end of the line",
        "unit.yaml:3:7: this waiver needs a reason: say in a few words after it why this is not personal data, "
        "as in '# coprod: not-personal-data published ward phone number'; until then nothing on this line is "
        "waived",
    ]


def test_one_finding_per_span() -> None:
    # digits inside an email address belong to the address
    found = scan("9434765919@example.com").findings
    assert [f.kind for f in found] == [EMAIL_ADDRESS]


@pytest.mark.parametrize(
    "text",
    [
        "DOB field: see notes",
        "dob. Meeting 2026-03-01",
        "born; 2026-03-01",
        "2026-03-01 born",
        "meeting 2026-03-01 dob not recorded",
        "meeting 2026-03-01 (born out of the forum)",
        "the birthday of the service, a long way away from 2026-03-01",
    ],
)
def test_dates_away_from_birth_words_are_not_flagged(text: str) -> None:
    assert scan(text).findings == ()


# --- robustness and speed ------------------------------------------------------------------------------------

_HOSTILE = [
    "0" + " 1" * 200_000,
    "1" * 1_000_000,
    "a." * 500_000,
    "a@" * 500_000,
    "x@" + "a." * 400_000,
    "dob " * 250_000,
    "SW1A " * 200_000,
    "(0" * 500_000,
    "+44 " * 250_000,
    "\n" * 1_000_000,
    "# coprod: not-personal-data\n" * 30_000,
    # issue 14: what the text is rewritten from before matching
    "\u00a0" * 1_000_000,
    "9\u200b" * 500_000,
    "\u0669 " * 500_000,
    " " * 1_000_000 + "x",
    "x" + " " * 1_000_000 + "\n  y",
    "a\n  " * 250_000,
    "a \t" * 300_000,
    "07700 " * 200_000,
    "94 " * 300_000,
    "DOB 01 " * 150_000,
]
_HOSTILE_PAGES = [
    "<a" * 500_000,
    "<!--" * 250_000,
    "<script>" * 120_000,
    "&#57;" * 200_000,
    "&" * 1_000_000,
    "\\." * 500_000,
    " \n" * 500_000,
]
_CASES = [(text, "plain") for text in _HOSTILE + _HOSTILE_PAGES] + [
    (text, form) for text in _HOSTILE_PAGES for form in ("markdown", "html")
]


@pytest.mark.parametrize(("text", "form"), _CASES, ids=[f"hostile-{i}-{form}" for i, (_, form) in enumerate(_CASES)])
def test_hostile_text_scans_to_the_end(text: str, form: Form) -> None:
    # No clock here (speed belongs to benchmarks/): a pattern that backtracked catastrophically on
    # these texts would not return at all, and the run would fail on CI's time limit.
    result = scan(text, form=form)
    lines = text.count("\n") + 1
    for finding in result.findings:
        assert finding.kind in KINDS
        assert 1 <= finding.line <= lines


def test_a_mebibyte_of_evidence_has_no_findings() -> None:
    line = (
        '      - {description: "Care plans written by residents since March, reviewed at CTP", '
        "date: 2026-03-01, link: L1.own-care-plans}\n"
    )
    text = (line * (1024 * 1024 // len(line) + 1))[: 1024 * 1024]
    assert scan(text).findings == ()


@given(st.text(max_size=300))
def test_any_text_scans_without_error(text: str) -> None:
    result = scan(text)
    for f in result.findings:
        assert isinstance(f, Finding)
        assert f.kind in KINDS
        assert f.line >= 1
        assert f.column >= 1

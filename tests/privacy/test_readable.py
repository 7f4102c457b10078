"""Issue 14: text is read as a reader sees it before the patterns look at it, and every finding is
still reported where it is written (line and column of the original)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_cli.privacy.patterns import DATE_OF_BIRTH, EMAIL_ADDRESS, NHS_NUMBER, PHONE_NUMBER, POSTCODE
from coprod_cli.privacy.readable import Form, readable
from coprod_cli.privacy.scan import scan

NHS = "943 476 5919"  # NHS Digital's published test number


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("943\u00a0476\u2009\u202f5919", "943 476 5919"),
        ("943\t476  5919", "943 476 5919"),
        ("943\u2013476\u20145919\u2212", "943-476-5919-"),
        ("9\u200b4\u200c3\u200d\u2060\ufeff\u00ad\u202e\ufe0f4", "9434"),
        ("\uff19\uff14\uff13\uff20\uff45", "943@e"),
        ("\u0669\u0664\u0663 \u06f9 \u096f \u09ef \uff19", "943 9 9 9 9"),
        ("943\u2044476\u2215", "943/476/"),
        ("  indented  twice", "  indented twice"),
        ("a: NHS 943 476\n      5919 folded\n", "a: NHS 943 476 5919 folded\n"),
        ("a: NHS 943 476  \r\n  5919\r\n", "a: NHS 943 476 5919\r\n"),
        # escapes in YAML and JSON double-quoted strings, as the value read will hold them
        ('s: "\\x39\\u0034\\U00000033 476\\t5919"', 's: "943 476 5919"'),
        ('s: "943 476\\\n    5919"', 's: "943 4765919"'),
        ('s: "ward\\_\\_phone\\\\x39 \\d"', 's: "ward phone\\x39 \\d"'),
    ],
)
def test_text_is_read_in_one_plain_form(text: str, plain: str) -> None:
    assert readable(text).text == plain


@pytest.mark.parametrize(
    "text",
    [
        "a: 943 476\nb: 5919\n",  # the next line starts a key
        "a: 943 476\n  b: 5919\n",
        "- 943 476\n- 5919\n",  # or a list item
        "  - 943 476\n  - 5919\n",
        "a: 943 476\n  # 5919\n",  # or a comment
        "a: 943 476\n5919\n",  # or is not indented
        "a: 943 476\n\n  5919\n",  # a blank line ends a paragraph
    ],
)
def test_only_a_folded_value_is_joined(text: str) -> None:
    assert "\n" in readable(text).text.rstrip("\n")
    assert scan(text).findings == ()


def test_a_number_folded_over_two_lines_is_found_where_it_starts() -> None:
    # issue 14 item 1: passed validate, and then merge carried it under a waiver
    text = "targets:\n  L1.buddy-system:\n    notes: NHS 943 476\n      5919 folded\n"
    (f,) = scan(text).findings
    assert (f.line, f.column, f.kind, f.masked) == (3, 16, NHS_NUMBER, "943 *** ****")
    dob = scan("notes: Date of birth\n  01/03/1990 from the referral\n").findings
    assert [(f.line, f.column, f.kind) for f in dob] == [(2, 3, DATE_OF_BIRTH)]


def test_a_waiver_covers_a_folded_value_only_when_it_is_on_every_line() -> None:
    text = "notes: ward 943 476\n  5919 more  # coprod: not-personal-data published ward number\n"
    result = scan(text)
    assert [(f.line, f.column) for f in result.findings] == [(1, 13)]
    assert [(w.line, w.findings) for w in result.waivers] == [(2, ())]


@pytest.mark.parametrize(
    ("text", "column", "kind", "masked"),
    [
        ("x \u200b\u200b NHS 943\u200b476\u200b5919", 10, NHS_NUMBER, "943*******"),
        ("\u0669\u0664\u0663 \u0664\u0667\u0666 \u0665\u0669\u0661\u0669", 1, NHS_NUMBER, "943 *** ****"),
        ("\uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13", 1, PHONE_NUMBER, "07700 ******"),
        ("ward: CF10\u00a0\u00a03NQ", 7, POSTCODE, "CF10 ***"),
        ("\u00e9\u00e9 _jane@example.com", 4, EMAIL_ADDRESS, "_***@***.com"),
        ("to ward@[10.0.0.1] today", 4, EMAIL_ADDRESS, "w***@[***]"),
        ("to ward@[IPv6:2001:db8::1]", 4, EMAIL_ADDRESS, "w***@[***]"),
        ("\u0627 DOB 1-Mar-1990", 7, DATE_OF_BIRTH, "*-***-****"),
        ("+44-7700-900123", 1, PHONE_NUMBER, "+44-7700-******"),
    ],
)
def test_found_at_the_column_where_it_is_written_and_masked_in_plain_form(
    text: str, column: int, kind: str, masked: str
) -> None:
    (f,) = scan(text).findings
    assert (f.line, f.column, f.kind, f.masked) == (1, column, kind, masked)


def test_one_value_written_every_way_has_one_key() -> None:
    forms = [
        "943 476 5919",
        "943.476.5919",
        "943/476/5919",
        "NHS 94 34 76 59 19",
        "943\u2013476\u20135919",
        "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19",
        "NHS9434765919",
    ]
    keys = {f.key for text in forms for f in scan(text).findings}
    assert keys == {"nhs:9434765919"}
    phones = ["07700 900123", "+44-7700-900123", "07700.900.123", "077 00 900 123", "mob07700900123"]
    assert {f.key for text in phones for f in scan(text).findings} == {"phone:07700900123"}


# --- as a page shows it --------------------------------------------------------------------------------------

_PAGE = "<!DOCTYPE html>\n<html><body>\n<p>Ward A</p>\n<td>{}</td>\n</body></html>\n"


@pytest.mark.parametrize(
    ("shown", "kind"),
    [
        ("943  476  5919", NHS_NUMBER),
        ("943\u00a0476\u00a05919", NHS_NUMBER),
        ("943&nbsp;476&nbsp;5919", NHS_NUMBER),
        ("943&thinsp;476&#x2009;5919", NHS_NUMBER),
        ("943\t476\t5919", NHS_NUMBER),
        ("943\n476\n5919", NHS_NUMBER),
        ("943<span>476</span>5919", NHS_NUMBER),
        ("943<!-- x -->476<b></b>5919", NHS_NUMBER),
        ("&#57;&#52;&#51; 476 5919", NHS_NUMBER),
        ("CF10  3NQ", POSTCODE),
        ("CF10&nbsp;3NQ", POSTCODE),
        ("07700  900123", PHONE_NUMBER),
        ("07700<wbr>900123", PHONE_NUMBER),
        ("jane&#64;example.com", EMAIL_ADDRESS),
        ("DOB <em>01/03/1990</em>", DATE_OF_BIRTH),
    ],
)
def test_an_html_page_is_read_as_a_browser_shows_it(shown: str, kind: str) -> None:
    page = _PAGE.format(shown)
    found = scan(page, form="html").findings
    column = 13 if kind == DATE_OF_BIRTH else 5
    assert [(f.line, f.column, f.kind) for f in found] == [(4, column, kind)]


def test_an_html_page_keeps_cells_and_paragraphs_apart() -> None:
    page = "<table><tr><td>943 476</td><td>5919</td></tr></table>\n<p>DOB</p><p>01/03/1990</p>\n"
    assert scan(page, form="html").findings == ()
    hidden = "<style>p { margin: 0 0 943 476 5919 }</style><script>var x = '943 476 5919'</script>"
    assert scan(hidden, form="html").findings == ()  # not shown; the scan as written still reads it
    assert len(scan(hidden).findings) == 2


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("NHS 943\\-476\\-5919", True),
        ("mail jane&#64;example.com", True),
        ("mail jane&amp;#64;example.com", False),  # shown as "jane&#64;example.com"
    ],
)
def test_markdown_is_read_as_it_renders(text: str, found: bool) -> None:
    assert bool(scan(text, form="markdown").findings) is found


_CHARS = st.sampled_from(
    [*"0123456789 -./@<>&;#\n\t", "\u00a0", "\u200b", "\u0669", "\uff19", "&nbsp;", "<b>", "\\x39", "\\"]
)


@given(text=st.lists(_CHARS, max_size=60).map("".join), form=st.sampled_from(["plain", "markdown", "html"]))
def test_every_place_maps_back_inside_the_original(text: str, form: Form) -> None:
    seen = readable(text, form)
    places = [seen.origin(i) for i in range(len(seen.text))]
    assert all(0 <= p < len(text) for p in places)
    assert places == sorted(places)
    for f in scan(text, form=form).findings:
        assert 1 <= f.line <= text.count("\n") + text.count("\r") + 1


@given(
    number=st.sampled_from(["01632 960 {}", "020 7946 0{}", "0113 496 0{}", "07700 900 {}", "029 2018 0{}"]),
    tail=st.from_regex(r"[0-9]{3}", fullmatch=True),
    sep=st.sampled_from([" ", "-", ".", "/", "  ", "\u00a0", "\u2009", "\u2013", "\t"]),
    intl=st.booleans(),
)
def test_any_drama_phone_number_with_any_separator_is_found(number: str, tail: str, sep: str, intl: bool) -> None:
    value = number.format(tail).replace(" ", sep)
    if intl:
        value = "+44" + sep + value[1:]
    (f,) = scan(f"ring {value} today").findings
    assert (f.column, f.kind, f.key) == (6, PHONE_NUMBER, "phone:" + number.format(tail).replace(" ", ""))

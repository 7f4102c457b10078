"""The fast path of the ``coprod`` entry point (``coprod_cli.cli.entry``).

``validate`` and ``assess`` run without typer when their arguments fit the fast grammar;
everything else goes to typer.  These tests pin that the two paths cannot be told apart
from outside (exit code, stdout and stderr, byte for byte), that the fast parser hands
every doubtful call to typer, and that the fast path really leaves typer unimported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coprod_cli.cli import entry
from coprod_cli.cli.entry import FastCall, fast_call, parse
from coprod_cli.framework import lint as framework_lint
from coprod_cli.reports import json_result as render_json
from coprod_cli.scoring import check as loader
from coprod_cli.scoring import score as scoring
from tests.conftest import DATA, ROOT, Run, extra_args, relative

EXAMPLE = "examples/community-rehab-team.yaml"
NO_FAST = {entry.NO_FASTPATH_ENV: "1"}


CASES = [
    *((relative(p), extra_args(p)) for p in sorted((DATA / "valid").glob("*.yaml"))),
    *((relative(p), extra_args(p)) for p in sorted((DATA / "invalid").glob("*.yaml"))),
    *((relative(p), []) for p in sorted((ROOT / "examples").glob("*.yaml"))),
]
COMMANDS = {
    "validate": lambda file, extra: ["validate", *extra, file],
    "assess-json": lambda file, extra: ["assess", *extra, file, "--format", "json"],
    "assess-text": lambda file, extra: ["assess", *extra, file],
}


@pytest.fixture
def terminal(pinned_terminal: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """As ``conftest.coprod`` pins it, with neither path forced; run from the repository root."""
    for name in (entry.NO_FASTPATH_ENV, entry.COMPLETE_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(ROOT)


def _main(argv: Sequence[str], capsys: pytest.CaptureFixture[str], env: dict[str, str] | None = None) -> Run:
    """``coprod ARGV...`` through ``entry.main`` in this process, as a shell would run it."""
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "argv", ["coprod", *argv])
        mp.setattr(entry, "QUICK_EXIT", False)
        for name, value in (env or {}).items():
            mp.setenv(name, value)
        try:
            entry.main()
        except SystemExit as e:
            code = e.code
        else:  # pragma: no cover - both paths always exit
            pytest.fail("entry.main() returned without exiting")
    out, err = capsys.readouterr()
    assert code is None or isinstance(code, int), code
    return Run(code or 0, out, err)


def _both(
    argv: Sequence[str], capsys: pytest.CaptureFixture[str], env: dict[str, str] | None = None
) -> tuple[Run, Run]:
    """The fast path's outcome and typer's, for the same call."""
    fast = _main(argv, capsys, env)
    slow = _main(argv, capsys, {**(env or {}), **NO_FAST})
    return fast, slow


def _same(argv: Sequence[str], fast: Run, slow: Run) -> None:
    where = f"coprod {' '.join(argv)}\n--- fast path ---\n{fast}\n--- typer ---\n{slow}"
    assert (fast.code, fast.stdout, fast.stderr) == (slow.code, slow.stdout, slow.stderr), where


# Parity over the corpus and the examples


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("file", "extra"), CASES, ids=[c[0] for c in CASES])
def test_fast_path_matches_typer(command: str, file: str, extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    argv = COMMANDS[command](file, extra)
    assert parse(argv) is not None, "the fast path should take this call"
    fast, slow = _both(argv, capsys)
    _same(argv, fast, slow)


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    "argv",
    [
        ["--debug", "validate", EXAMPLE, "tests/data/invalid/alias.yaml"],
        ["assess", "--fail-under=3", EXAMPLE],
        ["assess", EXAMPLE, "--fail-under", "1", "--format=text"],
        ["assess", EXAMPLE, "--fail-under", "9", "--format", "json"],
        ["assess", EXAMPLE, "--frameworks-dir", "tests/frameworks", "--framework", "ward-model"],
        ["validate", "--frameworks-dir=frameworks", "--frameworks-dir", "tests", EXAMPLE, "--strict"],
        ["validate", "./examples//open-rehab-unit.yaml", "nowhere.yaml", "frameworks/rehab-recovery.yaml"],
        ["assess", "nowhere.yaml", "--format", "json"],
        ["assess", EXAMPLE, "--framework", "./nowhere.yaml"],
    ],
)
def test_fast_path_matches_typer_with_options(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert parse(argv) is not None, "the fast path should take this call"
    fast, slow = _both(argv, capsys)
    _same(argv, fast, slow)


FRAMEWORK_FILES = [
    relative(p)
    for p in sorted(
        [*(ROOT / "frameworks").glob("*.yaml"), *(ROOT / "tests" / "frameworks").rglob("*.yaml"), ROOT / EXAMPLE]
    )
]


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("against", [[], ["--against", "HEAD"]], ids=["lint", "against-HEAD"])
@pytest.mark.parametrize("file", FRAMEWORK_FILES)
def test_framework_check_matches_typer(file: str, against: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["framework", "check", file, *against]
    assert parse(argv) is not None, "the fast path should take this call"
    fast, slow = _both(argv, capsys)
    _same(argv, fast, slow)


@pytest.mark.usefixtures("terminal")
def test_framework_check_of_several_files_matches_typer(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--debug", "framework", "check", "--against=HEAD", *FRAMEWORK_FILES[:4], "nowhere.yaml"]
    fast, slow = _both(argv, capsys)
    _same(argv, fast, slow)


# Errors inside a command end the same way on both paths


def _raise(error: BaseException) -> object:
    def broken(*_: object, **__: object) -> object:
        raise error

    return broken


BROKEN = {
    "internal": (scoring, "score", RuntimeError("secret patient text"), 70),
    "interrupted": (scoring, "score", KeyboardInterrupt(), 130),
    "closed-pipe": (render_json, "dumps", BrokenPipeError(32, "Broken pipe"), 0),
    "validate-internal": (loader, "check_file", RuntimeError("secret patient text"), 70),
    "framework-check-internal": (framework_lint, "check_file", RuntimeError("secret patient text"), 70),
}
_BROKEN_CALLS = {
    loader: ["validate", EXAMPLE],
    framework_lint: ["framework", "check", "frameworks/rehab-recovery.yaml"],
}


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("case", BROKEN)
@pytest.mark.parametrize("debug", ["", "--debug", "COPROD_DEBUG=1"])
def test_errors_inside_a_command_end_alike(
    case: str, debug: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module, name, error, code = BROKEN[case]
    monkeypatch.setattr(module, name, _raise(error))
    command = _BROKEN_CALLS.get(module, ["assess", EXAMPLE, "--format", "json"])
    argv = ["--debug", *command] if debug == "--debug" else command
    env = {"COPROD_DEBUG": "1"} if debug.startswith("COPROD_DEBUG") else None
    assert parse(argv) is not None
    fast, slow = _both(argv, capsys, env)
    assert fast.code == slow.code == code, (fast, slow)
    assert fast.stdout == slow.stdout == ""
    if not debug or code != 70:
        _same(argv, fast, slow)
        return
    # The traceback's frames differ (typer's or the entry point's); what it ends with does not.
    for run in (fast, slow):
        assert run.stderr.startswith("Traceback (most recent call last):\n"), run
        assert run.stderr.endswith(
            "RuntimeError: secret patient text\n"
            "coprod: internal error (RuntimeError); this is a bug in coprod, not in your files. "
            "Run again with --debug for details and report it.\n"
        ), run


@pytest.mark.usefixtures("terminal")
def test_internal_error_without_debug_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(scoring, "score", _raise(RuntimeError("secret patient text")))
    run = _main(["assess", EXAMPLE, "--format", "json"], capsys)
    assert run == Run(
        70,
        "",
        "coprod: internal error (RuntimeError); this is a bug in coprod, not in your files. "
        "Run again with --debug for details and report it.\n",
    )


# The fast parser


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="empty"),
        pytest.param(["--help"], id="help"),
        pytest.param(["-h"], id="h"),
        pytest.param(["validate", "--help"], id="validate-help"),
        pytest.param(["assess", EXAMPLE, "-h"], id="assess-h"),
        pytest.param(["--version"], id="version"),
        pytest.param(["--debug"], id="debug-alone"),
        pytest.param(["--debug", "--version"], id="debug-version"),
        pytest.param(["--debug", "--debug", "validate", EXAMPLE], id="debug-twice"),
        pytest.param(["--debug=1", "validate", EXAMPLE], id="debug-value"),
        pytest.param(["validate", EXAMPLE, "--debug"], id="debug-after-command"),
        pytest.param(["validate", "--", EXAMPLE], id="double-dash"),
        pytest.param(["validate", EXAMPLE, "--"], id="double-dash-last"),
        pytest.param(["report", EXAMPLE], id="other-command"),
        pytest.param(["framework", "list"], id="group"),
        pytest.param(["framework", "check"], id="framework-check-no-file"),
        pytest.param(["framework", "check", "--help"], id="framework-check-help"),
        pytest.param(["framework", "--debug", "check", "f.yaml"], id="debug-inside-group"),
        pytest.param(["framework", "check", "f.yaml", "--strict"], id="framework-check-has-no-strict"),
        pytest.param(["framework", "check", "f.yaml", "--against"], id="against-missing"),
        pytest.param(["framework", "check", "f.yaml", "--against", "A", "--against=B"], id="against-twice"),
        pytest.param(["framework", "diff", "a.yaml", "b.yaml"], id="framework-diff"),
        pytest.param(["Validate", EXAMPLE], id="command-case"),
        pytest.param(["validate"], id="validate-no-file"),
        pytest.param(["assess"], id="assess-no-file"),
        pytest.param(["assess", EXAMPLE, EXAMPLE], id="assess-two-files"),
        pytest.param(["validate", EXAMPLE, "--unknown"], id="unknown-option"),
        pytest.param(["validate", EXAMPLE, "-x"], id="unknown-short"),
        pytest.param(["validate", EXAMPLE, "-"], id="dash"),
        pytest.param(["validate", EXAMPLE, "--format", "json"], id="validate-has-no-format"),
        pytest.param(["validate", EXAMPLE, "--fail-under", "1"], id="validate-has-no-fail-under"),
        pytest.param(["assess", EXAMPLE, "--output", "x"], id="option-of-another-command"),
        pytest.param(["assess", EXAMPLE, "--format"], id="missing-value"),
        pytest.param(["assess", EXAMPLE, "--framework"], id="missing-framework"),
        pytest.param(["validate", EXAMPLE, "--frameworks-dir"], id="missing-dir"),
        pytest.param(["assess", EXAMPLE, "--fail-under"], id="missing-level"),
        pytest.param(["assess", EXAMPLE, "--framework", "--strict"], id="value-looks-like-option"),
        pytest.param(["assess", EXAMPLE, "--framework="], id="empty-value"),
        pytest.param(["assess", EXAMPLE, "--format", "json", "--format", "json"], id="format-twice"),
        pytest.param(["validate", EXAMPLE, "--framework", "a", "--framework=a"], id="framework-twice"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "1", "--fail-under", "1"], id="level-twice"),
        pytest.param(["validate", EXAMPLE, "--strict", "--strict"], id="strict-twice"),
        pytest.param(["validate", EXAMPLE, "--strict=yes"], id="flag-value"),
        pytest.param(["assess", EXAMPLE, "--format", "JSON"], id="format-case"),
        pytest.param(["assess", EXAMPLE, "--format", "md"], id="format-other"),
        pytest.param(["assess", EXAMPLE, "--format", " json"], id="format-space"),
        pytest.param(["assess", EXAMPLE, "--format="], id="format-empty"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "-1"], id="level-negative"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "+1"], id="level-plus"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "1.0"], id="level-decimal"),
        pytest.param(["assess", EXAMPLE, "--fail-under", " 1"], id="level-space"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "1_0"], id="level-underscore"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "\u0663"], id="level-arabic-digit"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "two"], id="level-word"),
        pytest.param(["assess", EXAMPLE, "--fail-under", "1" * 10], id="level-huge"),
        pytest.param(["validate", EXAMPLE, "--frameworks-dir", "nowhere"], id="dir-missing"),
        pytest.param(["validate", EXAMPLE, "--frameworks-dir", EXAMPLE], id="dir-is-a-file"),
        pytest.param(
            ["validate", EXAMPLE, "--frameworks-dir", "frameworks", "--frameworks-dir=x"], id="dir-second-bad"
        ),
        pytest.param(["validate", ""], id="empty-file-name"),
        pytest.param(["validate", "a\0b.yaml"], id="nul"),
        pytest.param(["validate", "caf\udce9.yaml"], id="undecodable"),
    ],
)
@pytest.mark.usefixtures("terminal")
def test_parser_leaves_doubtful_calls_to_typer(argv: list[str]) -> None:
    assert parse(argv) is None


@pytest.mark.usefixtures("terminal")
def test_parser_leaves_unreadable_paths_to_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hidden = {"examples/open-rehab-unit.yaml", "frameworks"}
    access = os.access

    def readable(path: str | os.PathLike[str], mode: int, **kwargs: bool) -> bool:
        return os.fspath(path) not in hidden and access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", readable)  # so the test means the same when run as root
    assert parse(["validate", "examples/open-rehab-unit.yaml"]) is None
    assert parse(["validate", EXAMPLE, "--frameworks-dir", "frameworks"]) is None
    assert parse(["validate", EXAMPLE, "--frameworks-dir", "tests/frameworks"]) is not None
    # typer refuses them itself, before coprod reads anything; that is why they go to typer.
    run = _main(["validate", "examples/open-rehab-unit.yaml"], capsys)
    assert run.code == 2, run
    assert "'examples/open-rehab-unit.yaml' is not readable" in run.stderr, run


@pytest.mark.parametrize(
    ("argv", "call"),
    [
        (["validate", EXAMPLE], FastCall("validate", (EXAMPLE,))),
        (
            ["validate", "a.yaml", "--strict", "b.yaml", "--framework=x"],
            FastCall("validate", ("a.yaml", "b.yaml"), strict=True, framework="x"),
        ),
        (["--debug", "validate", "a.yaml"], FastCall("validate", ("a.yaml",), debug=True)),
        (["validate", "a=b.yaml"], FastCall("validate", ("a=b.yaml",))),
        (
            ["validate", "--frameworks-dir", "frameworks", "--frameworks-dir=tests", "a.yaml"],
            FastCall("validate", ("a.yaml",), frameworks_dirs=("frameworks", "tests")),
        ),
        (["assess", EXAMPLE], FastCall("assess", (EXAMPLE,))),
        (["assess", "--format=json", EXAMPLE], FastCall("assess", (EXAMPLE,), format="json")),
        (["assess", EXAMPLE, "--format", "text"], FastCall("assess", (EXAMPLE,), format="text")),
        (["assess", EXAMPLE, "--fail-under", "0"], FastCall("assess", (EXAMPLE,), fail_under=0)),
        (["assess", EXAMPLE, "--fail-under=007"], FastCall("assess", (EXAMPLE,), fail_under=7)),
        (["assess", EXAMPLE, "--framework", "a=b"], FastCall("assess", (EXAMPLE,), framework="a=b")),
        (["assess", EXAMPLE, "--framework=a=b"], FastCall("assess", (EXAMPLE,), framework="a=b")),
        (
            ["--debug", "assess", "--strict", "--framework", "x", EXAMPLE, "--frameworks-dir", "frameworks"],
            FastCall("assess", (EXAMPLE,), debug=True, framework="x", frameworks_dirs=("frameworks",), strict=True),
        ),
    ],
)
@pytest.mark.usefixtures("terminal")
def test_parser_accepts(argv: list[str], call: FastCall) -> None:
    assert parse(argv) == call


@pytest.mark.parametrize(
    ("argv", "call"),
    [
        (["framework", "check", "a.yaml"], FastCall("framework check", ("a.yaml",))),
        (
            ["--debug", "framework", "check", "--against", "HEAD~1", "a.yaml", "b.yaml"],
            FastCall("framework check", ("a.yaml", "b.yaml"), debug=True, against="HEAD~1"),
        ),
        (["framework", "check", "a.yaml", "--against=main"], FastCall("framework check", ("a.yaml",), against="main")),
    ],
)
@pytest.mark.usefixtures("terminal")
def test_parser_accepts_framework_check(argv: list[str], call: FastCall) -> None:
    assert parse(argv) == call


@pytest.mark.usefixtures("terminal")
def test_environment_can_turn_the_fast_path_off(monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["validate", EXAMPLE]
    assert fast_call(argv) == FastCall("validate", (EXAMPLE,))
    monkeypatch.setenv(entry.NO_FASTPATH_ENV, "1")
    assert fast_call(argv) is None
    monkeypatch.delenv(entry.NO_FASTPATH_ENV)
    monkeypatch.setenv(entry.COMPLETE_ENV, "bash_complete")  # shell completion is typer's
    assert fast_call(argv) is None


# Generated calls: wherever the fast path takes one, typer would have said the same.

FILES = [EXAMPLE, "tests/data/invalid/alias.yaml", "tests/data/valid/warnings.yaml", "nowhere.yaml"]
GOOD = [
    ["--strict"],
    ["--format", "json"],
    ["--format=json"],
    ["--format", "text"],
    ["--framework", "rehab-recovery"],
    ["--framework=rehab-recovry"],
    ["--framework", "ward-model"],
    ["--frameworks-dir", "tests/frameworks"],
    ["--frameworks-dir=frameworks"],
    ["--fail-under", "0"],
    ["--fail-under=2"],
    ["--fail-under", "9"],
]
BROKEN_WORDS = [
    "--strict=1",
    "--format",
    "--format=xml",
    "--framework",
    "--frameworks-dir",
    "nowhere",
    "--fail-under",
    "-1",
    "--help",
    "--version",
    "--debug",
    "--",
    "-",
    "",
]


def _option_name(unit: list[str]) -> str:
    return unit[0].partition("=")[0]


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    """Mostly well-formed calls (each option once, with its value); now and then a broken word."""
    head = draw(st.sampled_from([[], [], [], [], ["--debug"], ["--debug"], ["--version"], ["report"]]))
    command = draw(st.sampled_from(["validate", "validate", "assess", "assess", "assess", "schema"]))
    count = draw(st.sampled_from([1, 1, 1, 1, 1, 0, 2, 3]))
    files = [[draw(st.sampled_from(FILES))] for _ in range(count)]
    options = draw(st.lists(st.sampled_from(GOOD), max_size=4, unique_by=_option_name))
    broken = draw(st.sampled_from([[], [], [], [], [[draw(st.sampled_from(BROKEN_WORDS))]]]))
    if draw(st.integers(0, 9)) == 0 and options:  # an option given twice
        broken.append(options[0])
    units = draw(st.permutations(files + options + broken))
    return [*head, command, *(word for unit in units for word in unit)]


@pytest.mark.usefixtures("terminal")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=argvs())
def test_generated_calls_agree_with_typer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    if parse(argv) is None:
        event("left to typer")
        return
    event("fast path")
    fast, slow = _both(argv, capsys)
    _same(argv, fast, slow)


# What the fast path imports, in a fresh interpreter

FORBIDDEN: dict[tuple[str, ...], frozenset[str]] = {
    ("validate", EXAMPLE): frozenset({"typer", "click", "rich", "jinja2", "pydantic", "pydantic_core"}),
    ("assess", EXAMPLE, "--format", "json"): frozenset(
        {"typer", "click", "rich", "jinja2", "pydantic", "pydantic_core"}
    ),
    ("framework", "check", "frameworks/rehab-recovery.yaml"): frozenset(
        {"typer", "click", "rich", "jinja2", "pydantic", "pydantic_core"}
    ),
    ("--help",): frozenset({"jinja2", "rich", "pydantic", "yaml"}),
}

_PROBE = """
import json, sys
from coprod_cli.cli import entry
from coprod_cli.cli.entry import main
entry.QUICK_EXIT = False  # to look at sys.modules after the run
argv, forbidden = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["coprod", *argv]
try:
    main()
except SystemExit as e:
    code = e.code
found = sorted(name for name in sys.modules if name.split(".")[0] in forbidden)
sys.stderr.write("\\n" + json.dumps({"code": code, "found": found}) + "\\n")
"""


@pytest.mark.parametrize("argv", FORBIDDEN, ids=" ".join)
def test_command_does_not_import(argv: tuple[str, ...]) -> None:
    forbidden = FORBIDDEN[argv]
    env = {k: v for k, v in os.environ.items() if k not in {entry.NO_FASTPATH_ENV, entry.COMPLETE_ENV}}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv), json.dumps(sorted(forbidden))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stderr.splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    assert report["found"] == [], f"coprod {' '.join(argv)} imported {report['found']}"


def _coprod_process(*argv: str, **kw: Any) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {entry.NO_FASTPATH_ENV, entry.COMPLETE_ENV}}
    return subprocess.Popen(
        [sys.executable, "-m", "coprod_cli", *argv], cwd=ROOT, env=env, stderr=subprocess.PIPE, **kw
    )


def test_a_real_process_ends_with_all_its_output_and_its_code() -> None:
    ok = _coprod_process("assess", EXAMPLE, "--format", "json", stdout=subprocess.PIPE)
    out, err = ok.communicate(timeout=60)
    assert ok.returncode == 0, err
    assert json.loads(out)["unit"]  # the whole document arrived
    below = _coprod_process("assess", EXAMPLE, "--format", "json", "--fail-under", "3", stdout=subprocess.PIPE)
    below.communicate(timeout=60)
    assert below.returncode == 1
    bad = _coprod_process("validate", "tests/data/invalid/assessor-bad-role.yaml", stdout=subprocess.DEVNULL)
    _, err = bad.communicate(timeout=60)
    assert bad.returncode == 2
    assert err.decode().endswith("Fix it and run the command again.\n")


class _GoneReader:
    """A stdout whose reader has gone: flushing it fails as a closed pipe does."""

    def __init__(self, fd: int, error: type[Exception] = BrokenPipeError) -> None:
        self.fd = fd
        self.error = error

    def flush(self) -> None:
        raise self.error

    def fileno(self) -> int:
        return self.fd


def test_a_reader_that_went_away_ends_the_run_quietly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with (tmp_path / "out").open("wb") as out:
        monkeypatch.setattr(sys, "stdout", _GoneReader(out.fileno()))
        monkeypatch.setattr(entry, "QUICK_EXIT", False)
        with pytest.raises(SystemExit) as ended:
            entry._end(1)
    assert ended.value.code == 0


def test_a_stream_already_closed_keeps_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", _GoneReader(2, ValueError))
    monkeypatch.setattr(entry, "QUICK_EXIT", False)
    with pytest.raises(SystemExit) as ended:
        entry._end(2)
    assert ended.value.code == 2

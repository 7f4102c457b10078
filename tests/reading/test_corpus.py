"""The data-driven corpus: every file under tests/data/valid and tests/data/invalid is a case.

Adding a case means adding files, never code:

- ``valid/NAME.yaml`` must pass ``coprod validate`` with exit 0.  If it is expected to
  warn, ``valid/NAME.stderr`` holds the exact stderr; otherwise the only line allowed is
  ``PATH: valid evidence file`` (or ``framework file``).
- ``invalid/CASE.yaml`` must fail with exit 2 and print exactly ``invalid/CASE.stderr``.
- ``CASE.args`` (optional, either folder) holds extra command-line arguments, one a line,
  put before the file, e.g. ``--strict``.
- ``CASE.cy.stderr`` beside every ``CASE.stderr`` is its Welsh twin: the exact stderr of
  ``coprod validate --lang cy``.  ``scripts/regen_corpus.py`` writes both.

Every case runs from the repository root with a relative path, so messages read
``tests/data/invalid/CASE.yaml:LINE:COL: ...`` exactly as a user would see them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod_cli import i18n
from tests.conftest import DATA, ROOT, Run, RunCoprod, extra_args, relative

VALID = DATA / "valid"
INVALID = DATA / "invalid"
MIN_INVALID_CASES = 40
MIB = 1024 * 1024


WELSH = ".cy.stderr"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """A Welsh run leaves the process speaking Welsh; the next test starts as a new process would."""
    yield
    i18n.choose(None)


def _cases(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def _welsh_cases() -> list[Path]:
    """Every case with an expected stderr: each has a Welsh twin."""
    return [c for c in _cases(INVALID) + _cases(VALID) if c.with_suffix(".stderr").exists()]


def _expected(case: Path, suffix: str = ".stderr") -> str:
    # Read bytes and decode, so no newline translation hides a stray '\r'.
    return case.with_suffix(suffix).read_bytes().decode("utf-8")


def _run_case(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, case: Path, *lang: str) -> tuple[Run, str]:
    monkeypatch.chdir(ROOT)
    shown = relative(case)
    return coprod("validate", *lang, *extra_args(case), shown), shown


def _explain(what: str, case: Path, run: Run, expected: str | None = None) -> str:
    text = f"{what} for {relative(case)}\n{run}"
    if expected is not None:
        text += f"\n--- expected stderr ---\n{expected}"
    return text


@pytest.mark.parametrize("case", _cases(VALID), ids=lambda p: p.stem)
def test_valid_file_passes(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, case: Path) -> None:
    run, shown = _run_case(coprod, monkeypatch, case)
    assert run.code == 0, _explain("expected exit 0", case, run)
    assert run.stdout == "", _explain("validate printed on stdout", case, run)
    if case.with_suffix(".stderr").exists():
        expected = _expected(case)
        assert run.stderr == expected, _explain("stderr differs", case, run, expected)
    else:
        allowed = {f"{shown}: valid evidence file\n", f"{shown}: valid framework file\n"}
        assert run.stderr in allowed, _explain("expected no warnings (add a .stderr if some are wanted)", case, run)


@pytest.mark.parametrize("case", _cases(INVALID), ids=lambda p: p.stem)
def test_invalid_file_is_reported(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, case: Path) -> None:
    expected = _expected(case)
    run, _ = _run_case(coprod, monkeypatch, case)
    assert run.code == 2, _explain("expected exit 2", case, run, expected)
    assert run.stderr == expected, _explain("stderr differs", case, run, expected)
    assert run.stdout == "", _explain("validate printed on stdout", case, run)
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("case", _welsh_cases(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_welsh_twin(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, case: Path) -> None:
    """``--lang cy`` says the same problems, at the same places, in Welsh: exactly its ``.cy.stderr``."""
    expected = _expected(case, WELSH)
    run, _ = _run_case(coprod, monkeypatch, case, "--lang", "cy")
    assert run.code == (2 if case.parent == INVALID else 0), _explain("exit code", case, run, expected)
    assert run.stderr == expected, _explain("Welsh stderr differs", case, run, expected)
    assert run.stdout == "", _explain("validate printed on stdout", case, run)
    english = _expected(case).splitlines()
    welsh = expected.splitlines()
    assert len(welsh) == len(english), "the Welsh twin has another number of lines"
    for en, cy in zip(english, welsh, strict=True):
        if not en.startswith(("coprod: ", "…")):  # each problem at the same place
            assert cy.split(": ", 1)[0] == en.split(": ", 1)[0], (en, cy)


def test_invalid_corpus_is_large_enough() -> None:
    assert len(_cases(INVALID)) >= MIN_INVALID_CASES


@pytest.mark.parametrize("folder", [VALID, INVALID], ids=["valid", "invalid"])
def test_corpus_files_are_paired(folder: Path) -> None:
    stems = {p.stem for p in _cases(folder)}
    for extra in ("*.stderr", "*.args"):
        orphans = sorted(p.name for p in folder.glob(extra) if p.stem.removesuffix(".cy") not in stems)
        assert not orphans, f"{relative(folder)}: {extra} files without a matching .yaml: {orphans}"
    if folder is INVALID:
        missing = sorted(f"{s}.stderr" for s in stems if not (folder / f"{s}.stderr").exists())
        assert not missing, f"{relative(folder)}: invalid cases without their expected stderr: {missing}"
    english = {p.name.removesuffix(".stderr") for p in folder.glob("*.stderr") if not p.name.endswith(WELSH)}
    welsh = {p.name.removesuffix(WELSH) for p in folder.glob(f"*{WELSH}")}
    assert english == welsh, f"{relative(folder)}: Welsh twins missing or left over: {sorted(english ^ welsh)}"
    known = {".yaml", ".stderr", ".args"}
    strays = sorted(p.name for p in folder.iterdir() if p.suffix not in known and p.name != ".gitattributes")
    assert not strays, f"{relative(folder)}: files the corpus does not know how to use: {strays}"


def _padded_file(size: int) -> bytes:
    head = b"unit:\n  name: Ward A\nassessed_on: 2026-10-14\n"
    filler = b"# " + b"x" * 77 + b"\n"
    body = head + filler * ((size - len(head)) // len(filler) + 1)
    body = body[:size]
    return body[:-1] + b"\n"


def test_file_over_one_mib_is_refused(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(_padded_file(MIB + 1))
    monkeypatch.chdir(tmp_path)
    run = coprod("validate", "big.yaml")
    expected = (
        "big.yaml: is larger than 1 MiB, the most coprod reads; split it or remove pasted material\n"
        "coprod: 1 problem in big.yaml. Fix it and run the command again.\n"
    )
    assert run.code == 2, str(run)
    assert run.stderr == expected, str(run)


def test_file_of_exactly_one_mib_is_read(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(_padded_file(MIB))
    assert (tmp_path / "big.yaml").stat().st_size == MIB
    monkeypatch.chdir(tmp_path)
    run = coprod("validate", "big.yaml")
    assert run.code == 0, str(run)
    assert run.stderr == "big.yaml: valid evidence file\n", str(run)


def test_missing_file_is_reported(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    run = coprod("validate", "no-such-unit.yaml")
    expected = (
        "no-such-unit.yaml: file not found; check the name and folder\n"
        "coprod: 1 problem in no-such-unit.yaml. Fix it and run the command again.\n"
    )
    assert run.code == 2, str(run)
    assert run.stderr == expected, str(run)

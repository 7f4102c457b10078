"""What a careless or hostile file system hands the reader: links that loop, pipes and devices
where files were expected, settings nested a thousand deep, digits of other scripts, and one
line of a hundred thousand values (issue 14, items 11, 12, 13 and 15).

Every case ends with exit 2 and a sentence naming the path, never a crash or a wait; speed is
checked by counting the work done, never by timing it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic_core import PydanticCustomError

from coprod_cli.errors import InputError
from coprod_cli.model.models import iso_date
from coprod_cli.privacy.settings import load_settings
from coprod_cli.reading import yamlread
from coprod_cli.reading.textfile import LINK_LOOP, decode, read_bytes, read_text, real_path
from tests.conftest import EXAMPLES, ROOT, RunCoprod

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
UNIT = (EXAMPLES / "open-rehab-unit.yaml").read_bytes()


def _problems(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.render() for p in error.value.problems()]


def _loop(folder: Path, name: str = "l1.yaml") -> Path:
    """``ln -s l2 NAME; ln -s NAME l2``: a link that leads back to itself."""
    (folder / name).symlink_to("l2")
    (folder / "l2").symlink_to(name)
    return folder / name


# ---- links that loop (item 11) ----------------------------------------------------------------


def test_a_link_loop_is_named_when_followed_and_when_read(tmp_path: Path) -> None:
    loop = _loop(tmp_path)
    with pytest.raises(InputError) as followed:
        real_path(loop, "l1.yaml")
    with pytest.raises(InputError) as read:
        read_bytes(loop, "l1.yaml")
    assert _problems(followed) == _problems(read) == [f"l1.yaml: {LINK_LOOP}"]


def _run_in(folder: Path, monkeypatch: pytest.MonkeyPatch, coprod: RunCoprod, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    run = coprod(*args)
    assert "Traceback" not in run.stderr
    return run.code, run.stderr


LOOP = f"l1.yaml: {LINK_LOOP}\n"
THROUGH_LINK = "coprod: l1.yaml: is a symbolic link; coprod does not write through links — give the real file name\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("assess", "l1.yaml"), LOOP),
        (("validate", "l1.yaml"), LOOP),
        (("report", "ward.yaml", "-o", "l1.yaml"), THROUGH_LINK),
        (("report", "ward.yaml", "-o", "l1.yaml", "--force"), THROUGH_LINK),
        (("merge", "ward.yaml", "-o", "l1.yaml"), THROUGH_LINK),
        (("summary", "ward.yaml", "-o", "l1.yaml"), THROUGH_LINK),
        (("compare", "ward.yaml", "l1.yaml"), LOOP),
        (("history", "l1.yaml"), LOOP),
        (("migrate", "l1.yaml"), LOOP),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, tuple) else "",
)
def test_a_link_loop_anywhere_on_the_command_line_is_exit_2_naming_it(
    argv: tuple[str, ...], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coprod: RunCoprod
) -> None:
    (tmp_path / "ward.yaml").write_bytes(UNIT)
    _loop(tmp_path)
    code, stderr = _run_in(tmp_path, monkeypatch, coprod, *argv)
    assert code == 2, stderr
    assert stderr.startswith(said), stderr
    assert not list(tmp_path.glob(".*coprod-tmp"))


def test_a_link_loop_in_a_folder_is_listed_with_the_files_that_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coprod: RunCoprod
) -> None:
    units = tmp_path / "units"
    units.mkdir()
    (units / "ward.yaml").write_bytes(UNIT)
    _loop(units)
    code, stderr = _run_in(tmp_path, monkeypatch, coprod, "summary", "units")
    assert code == 2
    assert f"units/l1.yaml: {LINK_LOOP}\n" in stderr


def test_a_link_loop_named_coprod_toml_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coprod: RunCoprod
) -> None:
    (tmp_path / "ward.yaml").write_bytes(UNIT)
    _loop(tmp_path, "coprod.toml")
    code, stderr = _run_in(tmp_path, monkeypatch, coprod, "assess", "ward.yaml")
    assert code == 2
    assert stderr.startswith(f"{tmp_path.resolve() / 'coprod.toml'}: {LINK_LOOP}\n"), stderr


# ---- pipes, devices and deep settings (item 12) ---------------------------------------------


def _coprod_process(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real command, so that a wait for ever fails the test (by its timeout) instead of hanging it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "coprod_cli", *argv],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@needs_fifo
@pytest.mark.parametrize("name", ["coprod.toml", "pyproject.toml"])
def test_a_named_pipe_found_as_the_settings_is_refused_never_waited_on(name: str, tmp_path: Path) -> None:
    (tmp_path / "ward.yaml").write_bytes(UNIT)
    os.mkfifo(tmp_path / name)
    done = _coprod_process(tmp_path, "assess", "ward.yaml")
    assert done.returncode == 2, done
    assert done.stderr.startswith(
        f"{tmp_path.resolve() / name}: is a named pipe, not a regular file; coprod reads a settings file only from a regular file\n"
    ), done.stderr


@needs_fifo
def test_a_named_pipe_nobody_writes_to_named_on_the_command_line_ends(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "unit.yaml")
    done = _coprod_process(tmp_path, "validate", "unit.yaml")
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr


def test_a_pipe_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    """``coprod assess <(…)``: the shell hands over a pipe, and it is read as a file."""
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, UNIT)
        os.close(write_end)
        raw, text = read_text(Path(f"/dev/fd/{read_end}"), "<(…)")
    finally:
        os.close(read_end)
    assert raw == UNIT
    assert text.startswith("# ")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_never_read_as_settings_or_as_a_file_found(tmp_path: Path) -> None:
    (tmp_path / "coprod.toml").symlink_to("/dev/zero")
    with pytest.raises(InputError) as caught:
        load_settings(tmp_path)
    assert _problems(caught) == [
        f"{tmp_path / 'coprod.toml'}: is a device, not a regular file; coprod reads a settings file only from a "
        "regular file"
    ]


DEEP = 1000


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        ("coprod.toml", "[privacy]\nallow_email_domains = " + "[" * DEEP + "]" * DEEP + "\n", 2, 73),
        ("coprod.toml", "[privacy]\nx = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n", 2, 255),
        ("pyproject.toml", '[tool.coprod]\nprivacy = {a = "coprod"}\nx = ' + "[" * DEEP + "]" * DEEP + "\n", 3, 55),
    ],
    ids=["arrays", "inline-tables", "pyproject"],
)
def test_settings_nested_past_the_yaml_limit_are_refused_at_their_place(
    name: str, text: str, line: int, column: int, tmp_path: Path
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(tmp_path)
    assert _problems(caught) == [
        f"{tmp_path / name}:{line}:{column}: nested more than 50 levels deep; coprod settings are never this deep"
    ]


def test_brackets_inside_quoted_settings_are_not_nesting(tmp_path: Path) -> None:
    (tmp_path / "coprod.toml").write_text(
        "[privacy]\n# [[[[ a comment\n" + 'allow_email_domains = ["' + "[" * 60 + "\", '" + "{" * 60 + "']\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_settings(tmp_path)
    assert all("nested" not in p for p in _problems(caught)), _problems(caught)
    assert all("is not an email domain" in p for p in _problems(caught)), _problems(caught)


# ---- one line of many values is read in one pass (item 13) ------------------------------------


def test_each_value_looks_at_its_own_line_only_as_far_as_the_next_character(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1 MiB line of 100,000 values used to be searched whole for a comment once per value."""
    looked: list[int] = []
    real = yamlread._comment_at

    def counting(line: str, column: int) -> str | None:
        found = real(line, column)
        looked.append(len(found) if found is not None else 0)
        return found

    monkeypatch.setattr(yamlread, "_comment_at", counting)
    items = 9_000
    text = "unit: {name: W}\nassessed_on: 2026-10-14\nnotes: [" + ", ".join(["a"] * items) + "]  # the end\n"
    doc = yamlread.parse_text(text, "one-line.yaml")
    assert isinstance(doc.data, dict)
    assert len(doc.data["notes"]) == items
    assert sum(looked) == 0  # no value on the line is followed by the comment: nothing cut out
    assert len(looked) == items + 2  # and 'W' and the date


def test_a_key_repeated_for_a_whole_line_stops_at_the_problem_limit() -> None:
    """``{a: 1, a: 1, …}`` never fills the mapping, so only a limit on problems stops it."""
    text = "unit: {name: W}\nx: {" + ", ".join(["a: 1"] * (yamlread.MAX_PROBLEMS + 5_000)) + "}\n"
    with pytest.raises(InputError) as caught:
        yamlread.parse_text(text, "u.yaml")
    problems = caught.value.problems()
    assert len(problems) == yamlread.MAX_PROBLEMS
    assert problems[0].render() == (
        "u.yaml:2:11: 'a' is written twice in this mapping (first at line 2); keep one and merge what they say"
    )


def test_the_comment_after_a_value_is_still_found() -> None:
    doc = yamlread.parse_text("unit: {name: W}\nstatus: met   # was partial\nx: [a, b] # c\n", "u.yaml")
    assert doc.comment_after == {("status",): " was partial"}


# ---- dates are ASCII, and UTF-32 is named (item 15) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "ascii_form"),
    [
        ("٢٠٢٦-09-08", "2026-09-08"),
        ("2026-٠٩-08", "2026-09-08"),
        ("２０２６-０９-０８", "2026-09-08"),
        ("۲۰۲۶-09-08", "2026-09-08"),
        ("2026-09-٠٨", "2026-09-08"),
        ("१९९०-01-01", "1990-01-01"),
    ],
)
def test_a_date_is_written_in_ascii_digits_only(text: str, ascii_form: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        iso_date(text)
    assert caught.value.message() == f"'{text}' is written with digits other than 0 to 9; write it as {ascii_form}"


def test_init_takes_its_date_by_the_same_rule(coprod: RunCoprod, tmp_path: Path) -> None:
    run = coprod("init", tmp_path / "new.yaml", "--unit", "Ward A", "--assessed-on", "٢٠٢٦-09-08")
    assert run.code == 2, run
    assert run.stderr == (
        "coprod: --assessed-on: '٢٠٢٦-09-08' is written with digits other than 0 to 9; write it as 2026-09-08\n"
    )
    assert not (tmp_path / "new.yaml").exists()


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ],
)
def test_each_byte_order_mark_is_named_for_its_encoding(head: bytes, name: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(head + "unit:".encode("utf-32-le" if name == "UTF-32" else "utf-16-le"), "u.yaml")
    assert _problems(caught) == [
        f"u.yaml:1:1: is saved as {name}; save it as UTF-8 (most editors offer this under 'Save as' or 'Encoding')"
    ]

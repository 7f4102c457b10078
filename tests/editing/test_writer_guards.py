"""What the writer never destroys (issue 14): anything but an ordinary file, a file the command
read, a change made by someone else while coprod worked; and what it leaves behind: nothing."""

from __future__ import annotations

import os
import socket
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_cli.cli.exits import Terminated
from coprod_cli.editing.writer import MARKER, STALE_AFTER, ChangedMeanwhile, check_target, write_text
from coprod_cli.errors import UsageError
from coprod_cli.reading import inputs
from coprod_cli.reading.textfile import read_bytes

GENERATED = f"<!-- {MARKER} from u.yaml -->\nold report\n"
HAND_WRITTEN = "# My own notes\nplease keep me\n"


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".coprod-tmp"))


def during_write(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> None:
    """Run ``action`` while the temporary file is being written: after the first checks, before the rename."""
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        action()

    monkeypatch.setattr(os, "fsync", fsync)


# ---- item 5: only ordinary files are ever replaced ----------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
    except OSError:  # a path too long for a socket address
        pytest.skip("no room for a socket address here")
    finally:
        sock.close()


def _folder(path: Path) -> None:
    path.mkdir()


KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "named pipe": (_fifo, "is a named pipe, not an ordinary file"),
    "socket": (_socket, "is a socket, not an ordinary file"),
    "folder": (_folder, "is a folder; give a file name such as"),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("force", [False, True])
def test_never_replaces_what_is_not_an_ordinary_file(tmp_path: Path, kind: str, force: bool) -> None:
    make, message = KINDS[kind]
    target = tmp_path / "out.md"
    make(target)
    before = os.lstat(target)
    with pytest.raises(UsageError, match=message):
        write_text(target, "x", force=force)
    after = os.lstat(target)
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_never_replaces_a_device(tmp_path: Path, force: bool) -> None:
    """``report -o /dev/null --force`` as root replaced the device: refused before any write, root or not."""
    null = Path(os.devnull)
    with pytest.raises(UsageError) as info:
        check_target(null, force=force)
    assert str(info.value) == (
        "/dev/null: is a device, not an ordinary file; coprod only ever replaces ordinary files, even with "
        "--force — give the name of a file to write; to throw the output away, leave out -o and add "
        "'> /dev/null' to the command"
    )
    assert stat.S_ISCHR(os.stat(null).st_mode)


@pytest.mark.parametrize("kind", ["named pipe", "device"])
def test_never_replaces_through_a_link_to_a_special_file(tmp_path: Path, kind: str) -> None:
    special = Path(os.devnull)
    if kind == "named pipe":
        special = tmp_path / "pipe"
        os.mkfifo(special)
    link = tmp_path / "out.md"
    link.symlink_to(special)
    with pytest.raises(UsageError, match="symbolic link"):
        write_text(link, "x", force=True)
    assert link.is_symlink()
    assert not stat.S_ISREG(os.stat(special).st_mode)


def test_a_pipe_put_in_place_during_the_write_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text(GENERATED)

    def pipe_instead() -> None:
        target.unlink()
        os.mkfifo(target)

    during_write(monkeypatch, pipe_instead)
    with pytest.raises(UsageError, match="is a named pipe"):
        write_text(target, "x", force=True)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert temp_files(tmp_path) == []


# ---- item 6: no file the command read is written over ------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_a_file_read_is_never_written_over(tmp_path: Path, force: bool) -> None:
    framework = tmp_path / "framework.yaml"
    framework.write_text(f"# {MARKER} (a marker does not make an input fair game)\n")
    read_bytes(framework, "framework.yaml")
    with pytest.raises(UsageError) as info:
        write_text(framework, "x", force=force)
    assert str(info.value) == (
        f"{framework}: this is an input file; coprod never writes over its input, even with --force "
        "— choose another output name"
    )
    assert framework.read_text().startswith(f"# {MARKER}")
    assert temp_files(tmp_path) == []


def test_a_file_read_is_refused_under_any_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    settings = tmp_path / "coprod.toml"
    settings.write_text("[privacy]\n")
    (tmp_path / "hard.toml").hardlink_to(settings)
    (tmp_path / "link").symlink_to(tmp_path)
    monkeypatch.chdir(tmp_path / "sub")
    read_bytes(Path("../coprod.toml"), "../coprod.toml")
    for name in (settings, Path("../sub/../coprod.toml"), tmp_path / "link" / "coprod.toml", tmp_path / "hard.toml"):
        with pytest.raises(UsageError, match="input file"):
            write_text(name, "x", force=True)
    assert settings.read_text() == "[privacy]\n"


def test_a_file_read_by_an_earlier_command_is_not_an_input(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)
    read_bytes(out, "report.md")
    inputs.start()
    write_text(out, "new\n")
    assert out.read_text() == "new\n"


# ---- item 8: checked again at the moment of replacing ------------------------------


def test_a_hand_written_file_put_in_place_during_the_write_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)
    during_write(monkeypatch, lambda: out.write_text(HAND_WRITTEN))
    with pytest.raises(UsageError, match="not generated by coprod; use --force"):
        write_text(out, f"{MARKER}\nnew\n")
    assert out.read_text() == HAND_WRITTEN
    assert temp_files(tmp_path) == []


def test_an_edit_replaces_the_file_it_read(tmp_path: Path) -> None:
    unit = tmp_path / "u.yaml"
    unit.write_text("unit: {name: W}\n")
    read_bytes(unit, "u.yaml")
    write_text(unit, "unit: {name: W}\n# one\n", edit=True)
    write_text(unit, "unit: {name: W}\n# two\n", edit=True)  # again: it holds what coprod wrote
    assert unit.read_text() == "unit: {name: W}\n# two\n"


@pytest.mark.parametrize("when", ["before the write", "during the write"])
def test_an_edit_never_replaces_a_file_changed_since_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    unit = tmp_path / "u.yaml"
    unit.write_text("unit: {name: W}\n")
    read_bytes(unit, "u.yaml")

    def someone_else() -> None:
        with unit.open("a") as fh:
            fh.write("# someone else's edit\n")

    if when == "before the write":
        someone_else()
    else:
        during_write(monkeypatch, someone_else)
    with pytest.raises(ChangedMeanwhile) as info:
        write_text(unit, "unit: {name: W}\n# coprod's\n", edit=True)
    assert str(info.value) == (
        f"{unit}: was changed by something else after coprod read it, so coprod did not replace it and nothing "
        "was written; run the command again to work from the file as it is now"
    )
    assert unit.read_text() == "unit: {name: W}\n# someone else's edit\n"
    assert temp_files(tmp_path) == []


def test_an_edit_never_replaces_a_file_replaced_since_it_was_read(tmp_path: Path) -> None:
    """An editor saves by writing a new file and renaming it over the old one: same name, other file."""
    unit = tmp_path / "u.yaml"
    unit.write_text("unit: {name: W}\n")
    read_bytes(unit, "u.yaml")
    saved = tmp_path / "u.yaml.swp"
    saved.write_text("unit: {name: W, other: edit}\n")
    os.replace(saved, unit)
    with pytest.raises(ChangedMeanwhile):
        write_text(unit, "unit: {name: W}\n# coprod's\n", edit=True)
    assert unit.read_text() == "unit: {name: W, other: edit}\n"


def test_a_new_file_that_appears_at_the_very_moment_of_linking_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "u.yaml"
    real = os.link

    def racing_link(src: str | Path, dst: str | Path) -> None:
        out.write_text("someone else's\n")  # after the last check, before the link
        real(src, dst)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(UsageError, match="already exists"):
        write_text(out, "new", exclusive=True)
    assert out.read_text() == "someone else's\n"
    assert temp_files(tmp_path) == []


# ---- item 10: no temporary file left behind ----------------------------------------


def test_sigterm_during_a_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)

    def terminated() -> None:
        raise Terminated

    during_write(monkeypatch, terminated)
    with pytest.raises(Terminated):
        write_text(out, "new report")
    assert out.read_text() == GENERATED
    assert temp_files(tmp_path) == []


def _aged(path: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def test_temp_files_a_killed_coprod_left_are_removed_by_the_next_write(tmp_path: Path) -> None:
    old = STALE_AFTER + 5
    left = [tmp_path / name for name in (".report.md.k3_x9a2q.coprod-tmp", ".u.yaml.abcdefgh.coprod-tmp")]
    for path in left:
        path.write_text("half a report")
        _aged(path, old)
    fresh = tmp_path / ".other.md.zzzzzzzz.coprod-tmp"  # another write, maybe still going on
    fresh.write_text("half")
    kept = {
        "notes.coprod-tmp": "not ours: no leading dot",
        ".report.md.coprod-tmp": "not ours: no random part",
        ".report.md.ABCDEFGH.coprod-tmp": "not ours: mkstemp never uses capitals",
        ".report.md.abcdefgh.coprod-tmp.bak": "not ours: another suffix",
        "mine.md": "someone's file",
    }
    for name, text in kept.items():
        (tmp_path / name).write_text(text)
        _aged(tmp_path / name, old)
    (tmp_path / ".dir.abcdefgh.coprod-tmp").mkdir()
    _aged(tmp_path / ".dir.abcdefgh.coprod-tmp", old)
    (tmp_path / ".link.abcdefgh.coprod-tmp").symlink_to(tmp_path / "mine.md")
    _aged(tmp_path / ".link.abcdefgh.coprod-tmp", old)

    write_text(tmp_path / "report.md", "new\n")

    names = set(os.listdir(tmp_path))
    assert not any(p.name in names for p in left)
    assert names == {
        "report.md",
        fresh.name,
        *kept,
        ".dir.abcdefgh.coprod-tmp",
        ".link.abcdefgh.coprod-tmp",
    }
    assert all((tmp_path / name).read_text() == text for name, text in kept.items())


@pytest.mark.parametrize("failing", ["scandir", "unlink"])
def test_a_temp_file_that_cannot_be_removed_does_not_stop_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    left = _aged(_touch(tmp_path / ".report.md.abcdefgh.coprod-tmp"), STALE_AFTER + 5)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, failing, denied)
    write_text(tmp_path / "report.md", "new\n")
    monkeypatch.undo()
    assert (tmp_path / "report.md").read_text() == "new\n"
    assert left.exists()


def _touch(path: Path) -> Path:
    path.touch()
    return path

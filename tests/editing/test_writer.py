"""Safe writing: atomic, never over an input or a hand-written file, nothing left behind on failure."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod_cli.editing.writer import MARKER, check_target, write_text
from coprod_cli.errors import UsageError
from tests.conftest import RunCoprod

GENERATED = f"<!-- {MARKER} from u.yaml -->\nold report\n"
HAND_WRITTEN = "# My own notes\nplease keep me\n"


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.coprod-tmp")) + sorted(folder.glob(".*.coprod-tmp"))


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# ---- write_text / check_target ---------------------------------------------------


def test_writes_new_file_utf8_with_unix_newlines(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    write_text(out, "línea uno\nline two\n")
    assert out.read_bytes() == "línea uno\nline two\n".encode()
    assert temp_files(tmp_path) == []


def test_write_is_atomic_rename_from_a_temp_file_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)
    seen: list[tuple[str, str, str]] = []
    real_replace = os.replace

    def spy(src: str | Path, dst: str | Path) -> None:
        src, dst = Path(src), Path(dst)
        # At the moment of the rename the new text is complete in the temp file and the old file is intact.
        seen.append((str(src.parent), src.read_text(), dst.read_text()))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_text(out, f"{MARKER}\nnew report\n")
    assert seen == [(str(tmp_path), f"{MARKER}\nnew report\n", GENERATED)]
    assert out.read_text() == f"{MARKER}\nnew report\n"
    assert temp_files(tmp_path) == []


def test_refuses_to_overwrite_hand_written_file(tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    out.write_text(HAND_WRITTEN)
    with pytest.raises(UsageError, match="--force"):
        write_text(out, "new")
    assert out.read_text() == HAND_WRITTEN
    assert temp_files(tmp_path) == []


def test_force_replaces_hand_written_file(tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    out.write_text(HAND_WRITTEN)
    write_text(out, "new\n", force=True)
    assert out.read_text() == "new\n"


def test_replaces_file_carrying_marker(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)
    write_text(out, "regenerated\n")
    assert out.read_text() == "regenerated\n"


def test_marker_beyond_the_head_of_the_file_does_not_count(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("x" * 5000 + MARKER)
    with pytest.raises(UsageError):
        check_target(out)


def test_unreadable_existing_file_counts_as_hand_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)
    unit = tmp_path / "u.yaml"
    unit.write_text("x")

    def unreadable(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os.path, "samefile", unreadable)
    monkeypatch.setattr(os, "open", unreadable)
    with pytest.raises(UsageError, match="--force"):
        check_target(out, inputs=[unit])


def test_refuses_the_input_file_itself(tmp_path: Path) -> None:
    unit = tmp_path / "u.yaml"
    unit.write_text("unit: {name: X}\n")
    with pytest.raises(UsageError, match="input file"):
        write_text(unit, "x", inputs=[unit], force=True)
    assert unit.read_text() == "unit: {name: X}\n"


def test_refuses_the_input_file_spelled_differently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    unit = tmp_path / "u.yaml"
    unit.write_text("unit: {name: X}\n")
    monkeypatch.chdir(tmp_path / "sub")
    for spelling in (Path("../u.yaml"), Path("..") / "sub" / ".." / "u.yaml", tmp_path / "sub" / ".." / "u.yaml"):
        with pytest.raises(UsageError, match="input file"):
            write_text(spelling, "x", inputs=[Path("../u.yaml").resolve()], force=True)
        with pytest.raises(UsageError, match="input file"):
            write_text(unit, "x", inputs=[spelling], force=True)
    assert unit.read_text() == "unit: {name: X}\n"


def test_refuses_a_hard_link_to_the_input(tmp_path: Path) -> None:
    unit = tmp_path / "u.yaml"
    unit.write_text(f"# {MARKER}\n")
    link = tmp_path / "other.md"
    os.link(unit, link)
    with pytest.raises(UsageError, match="input file"):
        write_text(link, "x", inputs=[unit], force=True)
    assert unit.read_text() == f"# {MARKER}\n"


def test_refuses_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(GENERATED)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(UsageError, match="symbolic link"):
        write_text(link, "x", force=True)
    assert real.read_text() == GENERATED
    assert link.is_symlink()


def test_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(UsageError, match="symbolic link"):
        write_text(link, "x")
    assert not (tmp_path / "nowhere.md").exists()


def test_refuses_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UsageError, match="folder"):
        write_text(folder, "x", force=True)
    assert folder.is_dir()


def test_refuses_a_missing_parent_folder(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.md"
    with pytest.raises(UsageError, match="does not exist"):
        write_text(out, "x")
    assert not (tmp_path / "missing").exists()


def test_exclusive_writes_a_new_file(tmp_path: Path) -> None:
    out = tmp_path / "u.yaml"
    write_text(out, "unit:\n", exclusive=True)
    assert out.read_text() == "unit:\n"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("content", [HAND_WRITTEN, GENERATED])
def test_exclusive_never_replaces(tmp_path: Path, content: str) -> None:
    out = tmp_path / "u.yaml"
    out.write_text(content)
    with pytest.raises(UsageError, match="already exists"):
        write_text(out, "new", exclusive=True, force=True)
    assert out.read_text() == content
    assert temp_files(tmp_path) == []


def test_exclusive_never_replaces_a_file_that_appears_during_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "u.yaml"
    real_fsync = os.fsync

    def racing_fsync(fd: int) -> None:
        real_fsync(fd)
        out.write_text("someone else's\n")  # appears after the checks, before the link

    monkeypatch.setattr(os, "fsync", racing_fsync)
    with pytest.raises(UsageError, match="already exists"):
        write_text(out, "new", exclusive=True)
    assert out.read_text() == "someone else's\n"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_disk_full_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, full)
    with pytest.raises(UsageError, match="No space left") as info:
        write_text(out, "new report " * 1000)
    monkeypatch.undo()
    assert "nothing was changed" in str(info.value)
    assert out.read_text() == GENERATED
    assert temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_disk_full_on_a_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UsageError):
        write_text(tmp_path / "report.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_cannot_create_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(UsageError, match="cannot write in folder"):
        write_text(tmp_path / "report.md", "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_ctrl_c_during_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    out = tmp_path / "report.md"
    out.write_text(GENERATED)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, failing, interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text(out, "new report")
    monkeypatch.undo()
    assert out.read_text() == GENERATED
    assert temp_files(tmp_path) == []


@pytest.mark.usefixtures("umask_022")
def test_new_file_permissions_follow_umask(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    write_text(out, "x")
    assert out.stat().st_mode & 0o777 == 0o644
    os.umask(0o077)
    other = tmp_path / "private.md"
    write_text(other, "x")
    assert other.stat().st_mode & 0o777 == 0o600
    os.umask(0o002)
    third = tmp_path / "u.yaml"
    write_text(third, "x", exclusive=True)
    assert third.stat().st_mode & 0o777 == 0o664


# ---- through the command line ------------------------------------------------------


@pytest.fixture
def unit(tmp_path: Path, coprod: RunCoprod) -> Path:
    path = tmp_path / "u.yaml"
    run = coprod("init", path, "--unit", "Ward W", "--assessed-on", "2026-10-14")
    assert run.code == 0, run
    return path


def test_cli_report_twice_replaces_the_generated_report(tmp_path: Path, coprod: RunCoprod, unit: Path) -> None:
    out = tmp_path / "out.md"
    first = coprod("report", unit, "-o", out)
    assert first.code == 0, first
    text = out.read_text()
    assert MARKER in text
    out.write_text(text + "\nhand edit that will be lost\n")
    second = coprod("report", unit, "-o", out)
    assert second.code == 0, second
    assert out.read_text() == text
    assert temp_files(tmp_path) == []


def test_cli_report_onto_hand_written_file_needs_force(tmp_path: Path, coprod: RunCoprod, unit: Path) -> None:
    out = tmp_path / "notes.md"
    out.write_text(HAND_WRITTEN)
    refused = coprod("report", unit, "-o", out)
    assert refused.code == 2, refused
    assert "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert out.read_text() == HAND_WRITTEN
    forced = coprod("report", unit, "-o", out, "--force")
    assert forced.code == 0, forced
    assert MARKER in out.read_text()


def test_cli_report_onto_its_input_is_refused(
    tmp_path: Path, coprod: RunCoprod, unit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = unit.read_bytes()
    for target in (unit, tmp_path / "." / "u.yaml"):
        for extra in ((), ("--force",)):
            run = coprod("report", unit, "-o", target, *extra)
            assert run.code == 2, run
            assert "input file" in run.stderr
    monkeypatch.chdir(tmp_path)
    run = coprod("report", "u.yaml", "-o", "./u.yaml", "--force")
    assert run.code == 2, run
    assert unit.read_bytes() == before
    assert temp_files(tmp_path) == []


def test_cli_init_never_overwrites(tmp_path: Path, coprod: RunCoprod, unit: Path) -> None:
    before = unit.read_bytes()
    run = coprod("init", unit, "--unit", "Other")
    assert run.code == 2, run
    assert "already exists" in run.stderr
    assert unit.read_bytes() == before
    notes = tmp_path / "notes.yaml"
    notes.write_text(HAND_WRITTEN)
    run = coprod("init", notes, "--unit", "Other")
    assert run.code == 2, run
    assert notes.read_text() == HAND_WRITTEN


def test_replacing_keeps_the_old_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text(f"<!-- {MARKER} -->\n", encoding="utf-8")
    target.chmod(0o600)
    write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_exclusive_write_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "unit.yaml"
    write_text(target, "unit: {name: W}\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "unit: {name: W}\n"
    assert list(tmp_path.iterdir()) == [target]
    with pytest.raises(UsageError):
        write_text(target, "other\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "unit: {name: W}\n"

"""Through the real command: what coprod was given is never destroyed (issue 14, items 5, 6, 8, 10).

No command replaces a device, pipe, socket or folder; none writes over a file it read, with or
without --force; a file changed by someone else while coprod worked is not replaced; and neither
SIGTERM nor SIGKILL leaves a temporary file behind for good.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod_cli.cli.exits import EXIT_TERMINATED, Terminated, failure_code, on_sigterm
from coprod_cli.editing.writer import MARKER, STALE_AFTER
from coprod_cli.interview.terminal import Terminal
from coprod_cli.resources import data_dir
from tests.conftest import ROOT, RunCoprod

LOCAL = """\
id: local
version: 1.0.0
title: Our own version
extends: rehab-recovery
remove: [L1.suggestion-boxes]
"""

WARD = """\
id: ward
version: 1.0.0
title: The ward's own version
extends: ./local.yaml
"""

DEVICE = (
    "coprod: /dev/null: is a device, not an ordinary file; coprod only ever replaces ordinary files, even with "
    "--force — give the name of a file to write; to throw the output away, leave out -o and add '> /dev/null' "
    "to the command\n"
)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".coprod-tmp"))


def init(coprod: RunCoprod, path: Path, *extra: str) -> Path:
    run = coprod("init", path, "--unit", "Ward W", "--assessed-on", "2026-10-14", "--no-schema", *extra)
    assert run.code == 0, run
    return path


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "local.yaml").write_text(LOCAL, encoding="utf-8")
    (tmp_path / "ward.yaml").write_text(WARD, encoding="utf-8")
    return tmp_path


# ---- item 5: never anything but an ordinary file -----------------------------------


def test_report_to_dev_null_is_refused_even_with_force(coprod: RunCoprod, folder: Path) -> None:
    unit = init(coprod, folder / "u.yaml")
    for extra in ((), ("--force",)):
        run = coprod("report", unit, "-o", os.devnull, *extra)
        assert (run.code, run.stderr) == (2, DEVICE), run
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


WRITERS = {
    "report": ("report", "u.yaml", "-o", "{out}", "--force"),
    "summary": ("summary", "u.yaml", "-o", "{out}", "--force"),
    "compare": ("compare", "u.yaml", "u.yaml", "-o", "{out}", "--force"),
    "merge": ("merge", "u.yaml", "-o", "{out}", "--force"),
    "schema": ("schema", "evidence", "-o", "{out}", "--force"),
    "init": ("init", "{out}", "--unit", "Ward X"),
}


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("kind", ["named pipe", "folder", "link to a pipe"])
def test_no_command_replaces_a_pipe_or_a_folder(coprod: RunCoprod, folder: Path, command: str, kind: str) -> None:
    init(coprod, folder / "u.yaml")
    out = folder / "out"
    if kind == "folder":
        out.mkdir()
        message = f"coprod: {out}: is a folder; give a file name such as {out / 'gap-report.md'}\n"
    elif kind == "named pipe":
        os.mkfifo(out)
        message = (
            f"coprod: {out}: is a named pipe, not an ordinary file; coprod only ever replaces ordinary files, even "
            "with --force — give the name of a file to write\n"
        )
    else:
        os.mkfifo(folder / "pipe")
        out.symlink_to(folder / "pipe")
        message = f"coprod: {out}: is a symbolic link; coprod does not write through links — give the real file name\n"
    run = coprod(*(a.format(out=out) for a in WRITERS[command]))
    assert (run.code, run.stderr) == (2, message), run
    assert not out.is_file()
    assert temp_files(folder) == []


# ---- item 6: every file a command reads is an input --------------------------------


INPUTS = {
    "the framework the file names": (("--framework", "local.yaml"), "local.yaml"),
    "a framework it extends": (("--framework", "ward.yaml"), "local.yaml"),
    "coprod.toml": ((), "coprod.toml"),
    "pyproject.toml": ((), "pyproject.toml"),
}
NAMES = {"report": ".html, .htm, .md, .markdown or .csv", "summary": ".html, .htm, .md, .markdown, .txt, .json or .csv"}
SETTINGS = {"coprod.toml": "[privacy]\n", "pyproject.toml": '[project]\nname = "ward-tools"\n'}


@pytest.mark.parametrize("what", INPUTS)
@pytest.mark.parametrize("command", ["report", "summary", "compare", "merge"])
def test_no_command_writes_over_a_file_it_read(coprod: RunCoprod, folder: Path, what: str, command: str) -> None:
    options, name = INPUTS[what]
    target = folder / name
    if name in SETTINGS:
        target.write_text(SETTINGS[name], encoding="utf-8")
    if command == "merge":
        args = [
            init(coprod, folder / "a.yaml", *options, "--as", "A.", "--role", "staff"),
            init(coprod, folder / "b.yaml", *options, "--as", "B.", "--role", "carer"),
        ]
    else:
        unit = init(coprod, folder / "u.yaml", *options)
        args = [Path(shutil.copy(unit, folder / "old.yaml")), unit] if command == "compare" else [unit]
    before = target.read_bytes()
    run = coprod(command, *args, "-o", target, "--force")
    assert run.code == 2, run
    refusal = "this is an input file; coprod never writes over its input, even with --force"
    if name == "local.yaml":  # known as a framework file before anything is read (issue 15, item 13)
        refusal = (
            "is a framework file (it has 'id:' and 'extends:' at the top); coprod never writes over an "
            "evidence or framework file, even with --force"
        )
    elif command in ("report", "summary") and name not in SETTINGS:  # a name these commands never write
        # (the settings files are read before the output is looked at, for the language: inputs first)
        refusal = f"coprod does not write '.toml' files; give a name ending in {NAMES[command]}, such as " + str(
            target.with_suffix(".md" if command == "report" else ".txt")
        )
    assert (
        run.stderr
        == f"coprod: {target}: {refusal}" + ("" if "give a name" in refusal else " — choose another output name") + "\n"
    )
    assert target.read_bytes() == before
    assert temp_files(folder) == []


def test_report_never_writes_over_the_framework_given_with_the_option(coprod: RunCoprod, folder: Path) -> None:
    unit = init(coprod, folder / "u.yaml", "--framework", "local.yaml")
    run = coprod("report", unit, "--framework", "ward.yaml", "-o", "ward.yaml", "--force")
    assert run.code == 2, run
    assert "ward.yaml: is a framework file" in run.stderr
    assert (folder / "ward.yaml").read_text(encoding="utf-8") == WARD


@pytest.mark.parametrize("name", ["report.md.j2", "_since.md.j2"])
def test_report_never_writes_over_a_template_in_use(coprod: RunCoprod, folder: Path, name: str) -> None:
    """Its own template, and one the shipped one includes, copied into the folder so it is used."""
    unit = init(coprod, folder / "u.yaml")
    templates = folder / "templates"
    templates.mkdir()
    for shipped in ("report.md.j2", "_since.md.j2"):
        shutil.copy(data_dir("templates") / shipped, templates / shipped)
    baseline = folder / "old.yaml"
    shutil.copy(unit, baseline)
    before = (templates / name).read_bytes()
    for _ in range(2):  # the second time the compiled templates are reused
        run = coprod("report", unit, "--template", templates, "--baseline", baseline, "-o", templates / name, "--force")
        assert run.code == 2, run
        assert f"{templates / name}: coprod does not write '.j2' files" in run.stderr
        assert (templates / name).read_bytes() == before
    fine = coprod("report", unit, "--template", templates, "--baseline", baseline, "-o", folder / "r.md")
    assert fine.code == 0, fine


def test_a_template_removed_between_commands_is_no_longer_an_input(coprod: RunCoprod, folder: Path) -> None:
    """The compiled template is reused while its file is there; once it is gone, the shipped one is used."""
    unit = init(coprod, folder / "u.yaml")
    templates = folder / "templates"
    templates.mkdir()
    for shipped in ("report.md.j2", "_since.md.j2"):
        shutil.copy(data_dir("templates") / shipped, templates / shipped)
    baseline = Path(shutil.copy(unit, folder / "old.yaml"))
    assert coprod("report", unit, "--template", templates, "--baseline", baseline, "-o", folder / "r.md").code == 0
    (templates / "_since.md.j2").unlink()
    run = coprod("report", unit, "--template", templates, "--baseline", baseline, "-o", folder / "r.md")
    assert run.code == 0, run


def test_summary_never_writes_over_an_evidence_file_found_in_a_folder(coprod: RunCoprod, folder: Path) -> None:
    units = folder / "units"
    units.mkdir()
    unit = init(coprod, units / "u.yaml")
    before = unit.read_bytes()
    run = coprod("summary", units, "-o", unit, "--force")
    assert run.code == 2, run
    assert "is an evidence file (it has 'unit:' at the top)" in run.stderr
    assert unit.read_bytes() == before


# ---- item 8: a change made while coprod works is never lost ------------------------


def _during_the_write(monkeypatch: pytest.MonkeyPatch, path: Path, text: str, *, append: bool = True) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        if append:
            with path.open("a", encoding="utf-8") as fh:
                fh.write(text)
        else:
            path.write_text(text, encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync)


def test_interview_keeps_an_edit_saved_during_its_save(
    coprod: RunCoprod, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = init(coprod, folder / "unit.yaml")
    _during_the_write(monkeypatch, unit, "# someone else's edit\n")
    run = coprod("interview", "unit.yaml", input="m\nMinutes\n")
    assert run.code == 2, run
    assert run.stderr == (
        "coprod: unit.yaml was changed by something else while the interview was running, so the last answer "
        "was not saved and the other change was kept; run 'coprod interview unit.yaml' to carry on\n"
    )
    assert unit.read_text(encoding="utf-8").endswith("# someone else's edit\n")
    assert temp_files(folder) == []


def test_migrate_keeps_an_edit_saved_during_its_write(
    coprod: RunCoprod, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = init(coprod, folder / "u.yaml")
    fsync = os.fsync
    _during_the_write(monkeypatch, unit, "# someone else's edit\n")
    run = coprod("migrate", unit, "--to", "local.yaml", "--write")
    assert run.code == 2, run
    assert run.stderr == (
        f"coprod: {unit}: was changed by something else after coprod read it, so coprod did not replace it and "
        "nothing was written; run the command again to work from the file as it is now\n"
    )
    assert unit.read_text(encoding="utf-8").endswith("# someone else's edit\n")
    monkeypatch.setattr(os, "fsync", fsync)
    again = coprod("migrate", unit, "--to", "local.yaml", "--write")
    assert again.code == 0, again
    assert "# someone else's edit\n" in unit.read_text(encoding="utf-8")


def test_report_keeps_a_hand_written_file_put_in_place_during_its_write(
    coprod: RunCoprod, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = init(coprod, folder / "u.yaml")
    out = folder / "r.md"
    assert coprod("report", unit, "-o", out).code == 0
    _during_the_write(monkeypatch, out, "# My own notes\n", append=False)
    run = coprod("report", unit, "-o", out)
    assert run.code == 2, run
    assert "already exists and was not generated by coprod; use --force" in run.stderr
    assert out.read_text(encoding="utf-8") == "# My own notes\n"


# ---- item 10: SIGTERM and SIGKILL --------------------------------------------------


def test_sigterm_is_exit_143_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(Terminated) as info:
        on_sigterm(signal.SIGTERM, None)
    assert failure_code(info.value, debug=False) == EXIT_TERMINATED == 143
    assert capsys.readouterr().err == "coprod: stopped (SIGTERM); nothing was written.\n"


_KILLED = """
import os, signal, sys
from coprod_cli.cli.app import main
real, sig = os.fsync, getattr(signal, sys.argv[1])
def fsync(fd):
    real(fd)
    os.kill(os.getpid(), sig)
os.fsync = fsync
sys.argv = ["coprod", *sys.argv[2:]]
main()
"""


def _killed_during_write(sig: str, *argv: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COPROD_DEBUG"}
    return subprocess.run(
        [sys.executable, "-c", _KILLED, sig, *map(str, argv)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_sigterm_during_a_write_leaves_the_old_file_and_no_temp(coprod: RunCoprod, folder: Path) -> None:
    unit = init(coprod, folder / "u.yaml")
    out = folder / "r.md"
    assert coprod("report", unit, "-o", out).code == 0
    before = out.read_bytes()
    done = _killed_during_write("SIGTERM", "report", unit, "-o", out)
    assert (done.returncode, done.stderr) == (143, "coprod: stopped (SIGTERM); nothing was written.\n")
    assert out.read_bytes() == before
    assert temp_files(folder) == []


def test_a_temp_file_left_by_sigkill_is_removed_by_the_next_write(coprod: RunCoprod, folder: Path) -> None:
    unit = init(coprod, folder / "u.yaml")
    out = folder / "r.md"
    done = _killed_during_write("SIGKILL", "report", unit, "-o", out)
    assert done.returncode == -signal.SIGKILL
    [left] = temp_files(folder)  # nothing can clean up after SIGKILL …
    assert not out.exists()
    assert coprod("report", unit, "-o", folder / "other.md").code == 0
    assert temp_files(folder) == [left]  # … and a write still going on is never disturbed;
    then = time.time() - STALE_AFTER - 1
    os.utime(folder / left, (then, then))
    run = coprod("report", unit, "-o", out)  # … but once it is old, the next write removes it
    assert run.code == 0, run
    assert temp_files(folder) == []
    assert MARKER in out.read_text(encoding="utf-8")


def test_sigterm_stops_an_interview_with_its_answers_saved(
    coprod: RunCoprod, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = init(coprod, folder / "unit.yaml")
    real = Terminal.ask
    asked: list[str] = []

    def ask(self: Terminal, prompt: str) -> str:
        asked.append(prompt)
        if len(asked) == 2:  # the evidence's date, once the evidence is saved
            raise Terminated
        return real(self, prompt)

    monkeypatch.setattr(Terminal, "ask", ask)
    run = coprod("interview", "unit.yaml", input="m\nMinutes\n")
    assert run.code == 143, run
    assert "Stopped. Your answers so far are saved in unit.yaml." in run.stdout
    assert "Minutes" in unit.read_text(encoding="utf-8")
    assert json.loads(coprod("assess", unit, "--format", "json").stdout)

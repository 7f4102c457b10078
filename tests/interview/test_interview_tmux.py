"""coprod interview in a real terminal: tmux, 80 columns by 24 lines, one key press per menu.

Each test starts its own tmux server on a private socket and stops that server (and only it)
at the end.  The command runs through a tiny script that registers ``interview`` if ``cli``
does not yet, so the test runs what users run either way.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(
    TMUX is None, reason="tmux is not installed (e.g. apt-get install tmux); the real-terminal test needs it"
)

RUNNER = """\
from coprod_cli.cli.app import app
from coprod_cli.cli.interview import interview_command

if not any(c.name == "interview" for c in app.registered_commands):
    app.command("interview")(interview_command)
app(prog_name="coprod")
"""
WAIT = 20.0
"""Seconds to wait for the screen to show something (a slow CI machine starting Python)."""


class Pane:
    """One tmux session, 80×24, running a command in a folder."""

    def __init__(self, socket: str, folder: Path) -> None:
        self.socket = socket
        self.folder = folder
        self.runs = 0
        self.socket_path: Path | None = None

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def start(self, *args: str) -> None:
        """Run ``coprod ARGS`` in a new window; when it ends the pane shows its exit code and stays."""
        self.runs += 1
        self.name = f"run{self.runs}"
        command = shlex.join([sys.executable, str(self.folder / "run_coprod.py"), *args])
        shell = f'{command}; echo "[exit $?]"; sleep 600'
        env = ["-e", "NO_COLOR=1", "-e", "TERM=xterm", "-e", "COPROD_DEBUG=0"]
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", self.name, "-c", str(self.folder), *env, shell)
        if self.socket_path is None:
            self.socket_path = Path(self.tmux("display-message", "-p", "-t", self.name, "#{socket_path}").strip())

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def type(self, text: str) -> None:
        """Type text and press Enter."""
        self.keys(text, literal=True)
        self.keys("Enter")

    def screen(self, *, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", self.name)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never showed {text!r}; it shows:\n{shown}")
            time.sleep(0.05)


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    (tmp_path / "run_coprod.py").write_text(RUNNER, encoding="utf-8")
    socket = f"coprod-test-{os.getpid()}-{tmp_path.name}"
    pane = Pane(socket, tmp_path)
    try:
        yield pane
    finally:
        subprocess.run([TMUX or "tmux", "-L", socket, "kill-server"], capture_output=True, check=False)
        if pane.socket_path is not None and pane.socket_path.name == socket:
            pane.socket_path.unlink(missing_ok=True)  # kill-server leaves the socket file behind


def test_a_real_terminal_session_quits_and_resumes(pane: Pane) -> None:
    pane.start("interview", "unit.yaml", "--unit", "Cefn Yr Afon")
    # A new assessment: who took part first, a role by one key press, Enter alone when done.
    pane.wait_for("Enter alone: done; q: save and quit:")
    pane.type("Rhian")
    pane.wait_for("Their role? s service user")
    pane.keys("s")
    pane.wait_for("Added Rhian (service user).")
    pane.keys("Enter")
    screen = pane.wait_for("q save and quit:")
    lines = screen.splitlines()
    assert len(lines) <= 24
    # The whole first target and the keys it takes fit on the screen, in plain words.
    assert "Target 1 of 31. Level 1: Laying the foundations." in lines
    assert "All service users write their own care & activity plans (L1.own-care-plans)" in lines
    assert "Status now: not-assessed." in lines
    assert "Status? m met, p partial, n not met, x not applicable, a not assessed;" in lines
    assert "\x1b[" not in pane.screen(escapes=True)  # no colour, no bold: nothing depends on it

    pane.keys("p")  # one key press, no Enter
    pane.wait_for("Evidence: what shows it is partial? (Enter alone: go on; q: save and quit):")
    pane.type("Minutes of the weekly residents' meeting")
    pane.wait_for("Date of this evidence, YYYY-MM-DD")
    pane.type("2026-02-30")
    pane.wait_for("February 2026 has 28 days")
    pane.type("2026-09-01")
    pane.wait_for("More evidence (1 so far)?")
    pane.keys("Enter")
    pane.wait_for("Action to close the gap? (Enter alone: none; q: save and quit):")
    pane.keys("Enter")
    pane.wait_for("Target 2 of 31.")
    pane.keys("q")
    screen = pane.wait_for("[exit 0]")
    assert "To carry on where you stopped, run: coprod interview unit.yaml" in " ".join(screen.split())

    text = (pane.folder / "unit.yaml").read_text(encoding="utf-8")
    assert '  - {name: "Rhian", role: service-user}\n' in text
    assert "# coprod interview: next L1.community-meetings\n" in text
    assert (
        "  L1.own-care-plans:\n"
        "    status: partial\n"
        "    evidence:\n"
        '      - {description: "Minutes of the weekly residents\' meeting", date: 2026-09-01}\n'
    ) in text

    # Carry on: the second target first; Ctrl-C mid-answer keeps what was saved and where.
    pane.start("interview", "unit.yaml")
    screen = pane.wait_for("q save and quit:")
    assert "Carrying on where you stopped last time: target 2 of 31." in screen
    assert "(L1.community-meetings)" in screen
    pane.keys("m")
    pane.wait_for("Evidence: what shows it is met?")
    pane.keys("C-c")
    screen = pane.wait_for("[exit 130]")
    assert "Stopped. Your answers so far are saved in unit.yaml." in screen
    text = (pane.folder / "unit.yaml").read_text(encoding="utf-8")
    assert "  L1.community-meetings:\n    status: met\n" in text
    assert "# coprod interview: next L1.community-meetings\n" in text

    # Keys that mean nothing here are named as such; Ctrl-D saves and quits like q.
    pane.start("interview", "unit.yaml")
    pane.wait_for("q save and quit:")
    pane.keys("z")
    pane.wait_for("'z' is not one of the keys here; press one of those listed.")
    pane.keys("Up")
    pane.wait_for("That key is not one of the keys here")
    pane.keys("s")
    pane.wait_for("Target 3 of 31.")
    pane.keys("C-d")
    pane.wait_for("[exit 0]")
    assert "# coprod interview: next L1.suggestion-boxes\n" in (pane.folder / "unit.yaml").read_text(encoding="utf-8")

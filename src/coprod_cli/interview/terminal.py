"""The interview's terminal: plain-text questions and answers over a pair of streams.

Output is plain text, wrapped to at most 80 columns: no colour, no boxes, no cursor tricks, so
it reads the same on a screen reader, in a transcript and with ``NO_COLOR``.  On a terminal a
menu takes one key press; with answers piped in it reads one answer a line (the end of the
input saves and quits).
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping
from typing import TextIO

from coprod_cli.errors import clip
from coprod_cli.i18n import _
from coprod_cli.privacy.scan import mask

MAX_WIDTH = 80


class Quit(Exception):
    """q, or the end of the input: save and stop."""


class Terminal:
    """Plain-text questions and answers over a pair of streams."""

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        *,
        read_key: Callable[[], str] | None = None,
        width: int = MAX_WIDTH,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.read_key = read_key
        """Reads one key press (on a terminal); None: read whole lines (piped answers)."""
        self.width = width

    @classmethod
    def for_stdio(cls) -> Terminal:
        width = max(40, min(MAX_WIDTH, shutil.get_terminal_size((MAX_WIDTH, 24)).columns))
        return cls(sys.stdin, sys.stdout, read_key=_key_reader(sys.stdin), width=width)

    def _write(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def _wrap(self, text: str) -> str:
        """``text`` wrapped to the width, masked as every message is (docs/privacy.md, 'What you see')."""
        out: list[str] = []
        for line in mask(text).split("\n"):
            lead = line[: len(line) - len(line.lstrip(" "))]
            out += textwrap.wrap(
                line, self.width, subsequent_indent=lead + "  " if lead else "", break_on_hyphens=False
            ) or [""]
        return "\n".join(out)

    def say(self, text: str = "") -> None:
        self._write(self._wrap(text) + "\n")

    def say_command(self, lead: str, command: str) -> None:
        """``lead`` and a command to type, which is never broken across lines (a command cut in two
        cannot be pasted): on a line of its own when both do not fit on one."""
        if len(lead) + 1 + len(command) <= self.width:
            self.say(f"{lead} {command}")
        else:
            self.say(lead)
            self._write(mask(f"  {command}") + "\n")

    def _line(self) -> str:
        """One line of input, without its line end; raises Quit at the end of the input."""
        line = self.stdin.readline()
        if not line:
            self._write("\n")
            raise Quit
        answer = line.rstrip("\r\n")
        if self.read_key is None:
            shown = "".join(c if c.isprintable() else "?" for c in answer)
            self._write(shown + "\n")  # piped: show the answer, as a terminal would
        return answer

    def choose(self, prompt: str, keys: Mapping[str, str]) -> str:
        """Ask until one of ``keys`` (what may be typed → the key it means) is given; '' is Enter.

        q or the end of the input raises Quit."""
        while True:
            self._write(self._wrap(prompt) + " ")
            if self.read_key is not None:
                pressed = self.read_key()
                if pressed in ("\x04", ""):
                    self._write("\n")
                    raise Quit
                given = "" if pressed in ("\r", "\n") else pressed.strip().lower()
                self._write((given if given.isprintable() else "") + "\n")
            else:
                given = self._line().strip().lower()
            if given == "q":
                raise Quit
            if given in keys:
                return keys[given]
            if given.isprintable():
                self.say(_("'{key}' is not one of the keys here; press one of those listed.", key=clip(given, 20)))
            else:
                self.say(_("That key is not one of the keys here; press one of those listed."))

    def ask(self, prompt: str) -> str:
        """A line of text, typed on a line of its own after '> ', its spaces tidied; q alone or the
        end of the input raises Quit."""
        self._write(self._wrap(prompt) + "\n> ")
        answer = " ".join(self._line().split())
        if answer.lower() == "q":
            raise Quit
        return answer


def _key_reader(stdin: TextIO) -> Callable[[], str] | None:
    """On a terminal, read single key presses (the terminal's own line editing is off meanwhile)."""
    try:
        if not stdin.isatty():
            return None
        import termios  # noqa: PLC0415 - POSIX only: elsewhere the ImportError means read lines
        import tty  # noqa: PLC0415

        fd = stdin.fileno()
    except (ImportError, AttributeError, ValueError, OSError):  # not a terminal, or not a POSIX one
        return None

    def read() -> str:
        old = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd, termios.TCSANOW)  # not the default TCSAFLUSH: keep keys typed ahead
            data = os.read(fd, 32)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        return data.decode("utf-8", "replace")

    return read

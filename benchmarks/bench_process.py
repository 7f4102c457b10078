"""Running the measured commands: each a whole process, timed from start to exit, its peak memory kept.

``measure`` runs a group of commands (coprod's and the reference they are compared with) once
each, untimed, insisting on exit 0 (this also writes the bytecode of an editable install, as an
installed coprod has it), then N rounds of all of them in turn, A, B, C, A, B, C, … so that drift
in the machine's speed hits each alike.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = "install the benchmark extras with: pip install -e '.[bench]'"


class BenchError(Exception):
    """Something that stops the benchmark before or while measuring: exit 2 with this message."""


def find_tool(name: str) -> Path:
    """A console script installed beside this interpreter, else the first on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which(name)
    if found is None:
        raise BenchError(f"'{name}' is not installed beside {sys.executable} nor on PATH; {INSTALL_HINT}")
    return Path(found)


def interpreter_of(script: Path) -> str | None:
    """The interpreter a console script's first line names, if it names one."""
    with script.open("rb") as f:
        first = f.readline().decode("utf-8", "replace").strip()
    return first[2:].strip().split()[0] if first.startswith("#!") and first[2:].strip() else None


def checked_output(argv: Sequence[str], cwd: Path | None = None, shown: str | None = None) -> str:
    """Run a command once, insisting on exit 0; its output. ``shown``: the command in a message."""
    done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise BenchError(f"'{shown or ' '.join(argv)}' exited {done.returncode}, not 0:\n{tail}")
    return done.stdout


@dataclass
class Side:
    """One measured command, and what its timed runs took."""

    argv: list[str]
    shown: str
    """The command as the report shows it: tool names without their folder, $TMP for the temporary folder."""
    seconds: list[float] = field(default_factory=list)
    kib: list[int] = field(default_factory=list)

    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    def peak_mib(self) -> float:
        return max(self.kib) / 1024

    def spread(self) -> float:
        """Interquartile range over the median: how noisy the runs were."""
        if len(self.seconds) < 2:
            return 0.0
        q1, _, q3 = statistics.quantiles(self.seconds, n=4, method="inclusive")
        return (q3 - q1) / statistics.median(self.seconds)

    def as_json(self) -> dict[str, object]:
        ms = sorted(s * 1000 for s in self.seconds)
        return {
            "command": self.shown,
            "median_ms": round(self.median_ms(), 1),
            "min_ms": round(ms[0], 1),
            "max_ms": round(ms[-1], 1),
            "iqr_over_median": round(self.spread(), 3),
            "peak_rss_mib": round(self.peak_mib(), 1),
            "samples_ms": [round(s * 1000, 1) for s in self.seconds],
        }


LAUNCHER = """
import os, sys, time
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY, 0) for fd in (0, 1, 2)]
for line in sys.stdin:
    argv = line.rstrip("\\n").split("\\0")
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    print(repr(elapsed), usage.ru_maxrss, os.waitstatus_to_exitcode(status), flush=True)
"""
"""Starts each timed command and reports its wall time, peak memory (KiB) and exit code, one line each.

The peak memory is the ``ru_maxrss`` that ``wait4`` gives for the command: the largest resident
set of the command's process or of any process it started and waited for (``git``, for
``history``). Linux also counts in it the memory of the process a command was started from, up
to its ``exec`` (the kernel keeps the old address space's high-water mark). Started straight from
this harness, every small command would show the harness's own peak (20 MiB and more, and more
again after it has written 10,000 files) and never less. So a fresh launcher that is as small as
Python gets (``-I -S``, three modules: about 9 MiB, less than any command measured) starts them
instead, with ``posix_spawn``; the time is taken there too, around start and exit.
"""


class Launcher:
    """The launcher process; ``timed`` runs one command through it."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=cwd,
        )

    def timed(self, side: Side) -> None:
        """One whole-process run of ``side``: its wall time from start to exit, its peak memory."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        if any("\n" in word or "\0" in word for word in side.argv):
            raise BenchError(f"cannot pass a newline or NUL to the launcher: {side.shown!r}")
        self.process.stdin.write("\0".join(side.argv) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().split()
        if len(answer) != 3:
            raise BenchError(f"the launcher stopped while running '{side.shown}'")
        seconds, kib, code = float(answer[0]), int(answer[1]), int(answer[2])
        if code != 0:
            raise BenchError(f"'{side.shown}' exited {code} in a timed run (it passed its check)")
        side.seconds.append(seconds)
        side.kib.append(kib)  # KiB on Linux

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def measure(launcher: Launcher, sides: Sequence[Side], runs: int, cwd: Path) -> None:
    """Check and warm up each side, then time them in turn, ``runs`` rounds: A, B, …, A, B, …"""
    for side in sides:
        checked_output(side.argv, cwd, side.shown)
    for _ in range(runs):
        for side in sides:
            launcher.timed(side)

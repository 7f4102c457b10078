"""The one error root of coprod, and the problems it carries.

The core raises these and never prints or exits; ``cli`` maps them to exit codes
(docs/exit-codes.md, 'Summary') in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coprod_cli.i18n import _


def clip(text: str, limit: int = 40) -> str:
    """A user's value, cut short for a message so long input is never echoed whole."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in a file."""

    file: str
    """The path as the user gave it, so they can open it."""
    line: int
    """1-based line; 0 when the problem is about the whole file."""
    column: int
    """1-based column; 0 when the problem is about the whole file."""
    message: str
    """What is wrong and what would be valid there, in plain words."""
    code: str = "error"
    """A stable short name, e.g. ``unknown-target`` or ``stale-evidence``."""
    target: str | None = None
    """The target or enabler ID the problem is about, if any."""

    def location(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def render(self, *, warning: bool = False) -> str:
        if warning:
            # TRANSLATORS: a warning about a place in a file; {place} is 'file:line:column', kept as it is.
            return _("{place}: warning: {message}", place=self.location(), message=self.message)
        return f"{self.location()}: {self.message}"


class CoprodError(Exception):
    """Root of every error coprod expects; all of them mean bad input or usage (exit 2)."""

    exit_code = 2

    def problems(self) -> tuple[Problem, ...]:
        return ()


class InputError(CoprodError):
    """One or more problems in the user's files, reported together."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self._problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(p.render() for p in self._problems))

    def problems(self) -> tuple[Problem, ...]:
        return self._problems


class UsageError(CoprodError):
    """A bad option, a missing file, a refusal to overwrite: one sentence for the user."""

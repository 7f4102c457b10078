"""Short, kind wording shared by every message: what a value looks like, and what was probably meant."""

from __future__ import annotations

import os
import typing
from typing import Any

from coprod_cli.i18n import _


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The nearest known spelling of ``word``, if one is close enough to be a typo."""
    options = list(choices)
    if not options:
        return None
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    # An ID written without its level prefix ("buddy-system" for "L1.buddy-system").
    tails = [c for c in options if c.split(".", 1)[-1].lower() == word.lower()]
    if len(tails) == 1:
        return tails[0]
    import difflib  # noqa: PLC0415 - only when a message is being written

    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return close[0] if close else None


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    near = suggest(word, choices)
    # TRANSLATORS: added at the end of a message; keep the leading space and dash.
    return _(" — did you mean '{near}'?", near=near) if near else ""


def then(message: str, hint: str) -> str:
    """Add what to do next: a new sentence after a question, else after a semicolon."""
    if message.endswith("?"):
        return f"{message} {hint[:1].upper()}{hint[1:]}"
    return f"{message}; {hint}"


def describe(value: Any) -> str:
    """A short, safe description of a found value (never the whole of a long text)."""
    if value is None:
        # TRANSLATORS: what was found where something else was wanted, as in "..., found nothing".
        return _("nothing")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, (list, tuple)):
        return _("a list")
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"'{text}'"


def command(*words: str | os.PathLike[str]) -> str:
    """A coprod command as the user can paste it into a shell: each word quoted where it needs it."""
    import shlex  # noqa: PLC0415 - only when a message is being written

    return shlex.join(["coprod", *(os.fspath(w) for w in words)])


def with_frameworks_dirs(dirs: typing.Iterable[os.PathLike[str]] | None) -> list[str]:
    """The ``--frameworks-dir`` options a printed command needs to find the framework ids this one found."""
    return [word for folder in dirs or () for word in ("--frameworks-dir", os.fspath(folder))]

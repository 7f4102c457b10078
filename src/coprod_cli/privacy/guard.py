"""The privacy guard at coprod's doors: every file read and every output written is scanned.

An input goes through :func:`read_input` top to bottom, once: its text is read
(:mod:`coprod_cli.reading.textfile`), scanned here (comments included) with the settings
(``coprod.toml`` or ``[tool.coprod]``) of the folder it is in, and only then parsed
(:mod:`coprod_cli.reading.yamlread`); a hit stops the command before anything is written.
Outputs are scanned again before they leave, allowing only what the inputs waived.  Waivers
travel with the input they came from (:class:`Input`), so every report can list them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from coprod_cli.errors import InputError, Problem
from coprod_cli.i18n import _
from coprod_cli.privacy.readable import Form
from coprod_cli.privacy.scan import Finding, problems, scan, what_looks_like
from coprod_cli.privacy.settings import Settings, load_settings
from coprod_cli.reading.inputs import CachedReads
from coprod_cli.reading.textfile import read_text
from coprod_cli.reading.yamlread import Document, parse_text


@dataclass(frozen=True, slots=True, order=True)
class WaiverNote:
    """A line of an input marked ``# coprod: not-personal-data <reason>``."""

    file: str
    line: int
    reason: str
    keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """What the waiver covered on its line (:attr:`~coprod_cli.privacy.scan.Finding.key`); never shown."""
    column: int = field(default=0, compare=False)
    """Where its ``#`` is."""
    review_by: date | None = field(default=None, compare=False)
    """The day it is to be looked at again, if it says (docs/privacy.md, 'Review dates')."""

    @property
    def written(self) -> str:
        """What follows the marker, as coprod writes it again: the review date, if any, and the reason."""
        return (f"review_by: {self.review_by.isoformat()} " if self.review_by else "") + self.reason


def waivable(notes: Iterable[WaiverNote]) -> dict[str, frozenset[str]]:
    """Each waiver reason → every value a waiver with that reason covered: what such a waiver may
    cover in a file coprod writes from these inputs."""
    found: dict[str, frozenset[str]] = {}
    for note in notes:
        found[note.reason] = found.get(note.reason, frozenset()) | note.keys
    return found


@dataclass(frozen=True, slots=True)
class Checked:
    """An input's text, found clean, with what its waivers covered."""

    waivers: tuple[WaiverNote, ...]
    waived_keys: frozenset[str]


@CachedReads
def settings_for(folder: Path) -> Settings:
    """The privacy settings that apply to files in ``folder`` (read once per folder, and an input
    of every command that uses them)."""
    return load_settings(folder)


def check_input(text: str, shown: str, folder: Path) -> Checked:
    """Scan an input file's text; raise every finding at its line and column."""
    result = scan(text, settings_for(folder.resolve()))
    if not result.clean:
        raise InputError(problems(result, shown))
    notes = tuple(
        WaiverNote(shown, w.line, w.reason, frozenset(f.key for f in w.findings), w.column, w.review_by)
        for w in result.waivers
    )
    return Checked(notes, result.waived_keys)


class Input(NamedTuple):
    """An input file read, found clean and parsed."""

    raw: bytes
    """The exact bytes read."""
    doc: Document
    privacy: Checked
    """What the file's privacy waivers covered."""


def read_input(path: Path, shown: str) -> Input:
    """Read, scan and parse an input file: nothing is parsed before it is found clean."""
    raw, text = read_text(path, shown)
    return guard_text(raw, text, shown, path.parent)


def guard_text(raw: bytes, text: str, shown: str, folder: Path) -> Input:
    """Scan and parse an input's text already read (a git version, say) as if read from ``folder``."""
    checked = check_input(text, shown, folder)
    return Input(raw, parse_text(text, shown), checked)


def check_output(
    text: str,
    label: str,
    folder: Path,
    allowed: frozenset[str],
    *,
    ours: Iterable[str] = (),
    waivers: Iterable[WaiverNote] | None = None,
    form: Form = "plain",
) -> None:
    """Scan what coprod is about to write or print; nothing leaves if something is found.

    ``ours`` are strings coprod wrote itself, such as commit ids: not personal data, however
    their digits fall (docs/privacy.md, 'When it checks'), so they are blanked before the scan.
    ``waivers`` are the inputs' waivers, for an evidence file coprod writes from them (merge,
    migrate, interview): a waiver comment in it covers only what a waiver with the same reason
    covered in the inputs (docs/privacy.md, 'Waiving one line').  ``form`` is how the output is
    read: a markdown or HTML page is scanned both as written (attributes and comments included)
    and as a reader sees it (tags out, entities decoded).
    """
    for own in sorted(ours, key=len, reverse=True):  # a full id before the short one it starts with
        text = text.replace(own, "#" * len(own))
    known = None if waivers is None else waivable(waivers)
    settings = settings_for(folder.resolve())
    result = scan(text, settings, also_allowed=allowed, waivable=known)
    found = set(result.findings)
    if form != "plain":
        found.update(scan(text, settings, also_allowed=allowed, waivable=known, form=form).findings)
    if found:
        waived_lines = {w.line for w in result.waivers} if waivers is not None else None
        raise InputError(
            Problem(label, f.line, f.column, _output_message(f, waived_lines), "personal-data") for f in sorted(found)
        )


def _output_message(f: Finding, waived_lines: set[int] | None) -> str:
    """What to say about a finding in an output; ``waived_lines`` when it was made from input files."""
    found = what_looks_like(f)
    if waived_lines is None:
        return _(
            "this output would include {found}, so nothing was written; find where it comes from "
            "(an option such as --unit, or your own template) and remove it",
            found=found,
        )
    if f.line in waived_lines:
        return _(
            "this output would put {found} on a line whose privacy waiver was written for something else, "
            "so nothing was written; it came from one of the files given: "
            "remove it there, or if it is not personal data, waive it there on a line of its own",
            found=found,
        )
    return _(
        "this output would put {found}, so nothing was written; it came from one of the files given: "
        "remove it there, or if it is not personal data, waive it there on a line of its own",
        found=found,
    )

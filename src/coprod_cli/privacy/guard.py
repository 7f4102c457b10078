"""The privacy guard at coprod's doors: every file read and every output written is scanned.

Input files are scanned as text (comments included) before they are parsed, with the
settings (``coprod.toml`` or ``[tool.coprod]``) of the folder they are in; a hit stops
the command before anything is written.  Outputs are scanned again before they leave,
allowing only what the inputs waived.  Waivers are kept with the document they came
from, so every report can list them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coprod_cli.errors import InputError, Problem
from coprod_cli.privacy.scan import problems, scan
from coprod_cli.privacy.settings import Settings, load_settings
from coprod_cli.reading.yamlread import Document, decode, parse_text, read_bytes


@dataclass(frozen=True, slots=True, order=True)
class WaiverNote:
    """A line of an input marked ``# coprod: not-personal-data <reason>``."""

    file: str
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Checked:
    """An input's text, found clean, with what its waivers covered."""

    waivers: tuple[WaiverNote, ...]
    waived_keys: frozenset[str]


@cache
def settings_for(folder: Path) -> Settings:
    """The privacy settings that apply to files in ``folder`` (read once per folder)."""
    return load_settings(folder)


def check_input(text: str, shown: str, folder: Path) -> Checked:
    """Scan an input file's text; raise every finding at its line and column."""
    result = scan(text, settings_for(folder.resolve()))
    if not result.clean:
        raise InputError(problems(result, shown))
    notes = tuple(WaiverNote(shown, w.line, w.reason) for w in result.waivers)
    return Checked(notes, result.waived_keys)


def read_input(path: Path, shown: str) -> tuple[bytes, Document]:
    """Read, decode, scan and parse an input file: nothing is parsed before it is found clean."""
    raw = read_bytes(path, shown)
    text = decode(raw, shown)
    checked = check_input(text, shown, path.parent)
    doc = parse_text(text, shown)
    doc.privacy = checked
    return raw, doc


def check_output(text: str, label: str, folder: Path, allowed: frozenset[str]) -> None:
    """Scan what coprod is about to write or print; nothing leaves if something is found."""
    result = scan(text, settings_for(folder.resolve()), also_allowed=allowed)
    if result.findings:
        raise InputError(
            Problem(
                label,
                f.line,
                f.column,
                f"this output would include what looks like {_article(f.kind)} {f.kind} ({f.masked}), so nothing "
                "was written; find where it comes from (an option such as --unit, or your own template) and remove it",
                "personal-data",
            )
            for f in result.findings
        )


def _article(kind: str) -> str:
    return "an" if kind.startswith(("NHS", "email")) else "a"

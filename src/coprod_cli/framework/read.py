"""One framework file: read, guarded, parsed and validated, once per process for each content.

Following ``extends`` from one file to the next is :mod:`coprod_cli.framework.load`'s work;
here each file is taken on its own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from coprod_cli.errors import InputError, Problem
from coprod_cli.i18n import N_, _
from coprod_cli.model.models import Framework
from coprod_cli.privacy.guard import Checked, check_input
from coprod_cli.reading.explain import validate
from coprod_cli.reading.textfile import decode, read_bytes
from coprod_cli.reading.topkeys import FRAMEWORK_KEYS, top_level_key
from coprod_cli.reading.yamlread import Document, parse_text

_NAME_ONE = N_(
    "name a framework file, which lists its 'levels:' or says which framework it 'extends:' "
    "(see 'coprod framework list')"
)


class FrameworkFile(NamedTuple):
    """A framework file that reads as a framework (its ``extends`` not yet followed)."""

    sha256: str
    """Of the file's exact bytes."""
    doc: Document
    model: Framework
    privacy: Checked | None
    """What the file's privacy waivers covered; None if it was parsed without the privacy guard."""


_PARSED: dict[str, FrameworkFile] = {}
"""By content and name shown: the same bytes under another name give other messages."""


def read_framework_file(path: Path, shown: str) -> FrameworkFile:
    """Read one framework file (its privacy settings are those of its folder)."""
    return framework_file(read_bytes(path, shown), shown, path.parent)


def framework_file(
    raw: bytes, shown: str, folder: Path, doc: Document | None = None, privacy: Checked | None = None
) -> FrameworkFile:
    """The same for bytes already read (``doc`` if already parsed, ``privacy`` if also guarded)."""
    sha = hashlib.sha256(raw).hexdigest()
    key = f"{sha}:{shown}"
    found = _PARSED.get(key)
    if found is None:
        if doc is None:
            text, doc = framework_text(raw, shown)
            privacy = check_input(text, shown, folder)  # before any message that could quote the text
            if doc is None:
                doc = parse_text(text, shown)  # a framework with a YAML mistake: say where
        found = _PARSED[key] = FrameworkFile(sha, doc, validate(Framework, doc), privacy)
    return found


def is_framework_document(doc: Document) -> bool:
    """A framework file lists its ``levels`` or ``extends`` another; an evidence file does neither."""
    return isinstance(doc.data, dict) and ("levels" in doc.data or "extends" in doc.data)


def framework_text(raw: bytes, shown: str, *, hint: str = "") -> tuple[str, Document | None]:
    """The text of a file named as a framework, and its document if it parses.

    A file that is not a framework (a file of the system, a secret, an evidence file) may
    have been named by someone else's file, so nothing of it is ever quoted: only that it is
    not a framework.  A file that is meant as one (a top-level ``levels:`` or ``extends:``
    line) gets the usual messages for its mistakes.  ``hint`` says what to do instead (by default:
    name a framework).  (The reader's own error is not kept as the
    cause: with ``--debug`` it would quote the file.)
    """
    try:
        text = decode(raw, shown)
    except InputError:
        if top_level_key(raw.decode("utf-8", "replace"), FRAMEWORK_KEYS):
            raise
        raise _not_a_framework(shown, _("it is not UTF-8 text")) from None
    try:
        doc = parse_text(text, shown)
    except InputError:
        if top_level_key(text, FRAMEWORK_KEYS):
            return text, None
        raise _not_a_framework(shown, _("it does not read as YAML")) from None
    if is_framework_document(doc):
        return text, doc
    if isinstance(doc.data, dict) and ("unit" in doc.data or "assessed_on" in doc.data):
        message = _("is a unit's evidence file, not a framework; {hint}", hint=hint or _(_NAME_ONE))
        raise InputError([Problem(shown, 1, 1, message, "wrong-kind")])
    raise _not_a_framework(shown, _("it has no top-level 'levels:' or 'extends:'"))


def _not_a_framework(shown: str, why: str) -> InputError:
    return InputError(
        [
            Problem(
                shown,
                0,
                0,
                _("is not a framework file ({why}); {hint}", why=why, hint=_(_NAME_ONE)),
                "not-a-framework",
            )
        ]
    )

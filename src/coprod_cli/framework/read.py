"""One framework file: read, guarded, parsed and validated, once per process for each content.

Following ``extends`` from one file to the next is :mod:`coprod_cli.framework.load`'s work;
here each file is taken on its own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from coprod_cli.model.models import Framework
from coprod_cli.privacy.guard import Checked, guard_text
from coprod_cli.reading.explain import validate
from coprod_cli.reading.textfile import decode, read_bytes
from coprod_cli.reading.yamlread import Document


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
            _, doc, privacy = guard_text(raw, decode(raw, shown), shown, folder)
        found = _PARSED[key] = FrameworkFile(sha, doc, validate(Framework, doc), privacy)
    return found


def is_framework_document(doc: Document) -> bool:
    """A framework file lists its ``levels`` or ``extends`` another; an evidence file does neither."""
    return isinstance(doc.data, dict) and ("levels" in doc.data or "extends" in doc.data)

"""What kind of coprod file a text is meant to be, from its top-level keys alone, before (or
without) parsing it: an evidence file has ``unit:``, a framework file ``levels:`` or
``extends:`` (docs/evidence-file.md and docs/framework-file.md).  Used where a file may not
parse, or must not be quoted: a folder's other YAML, a file named as a framework, an output
that would replace a kept file.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_TOP_KEY = re.compile(r"""^["']?([A-Za-z_]+)["']?[ \t]*:(?=[ \t\r\n]|$)""", re.MULTILINE)
"""A key at the start of a line, quoted or not, as evidence and framework files write theirs."""

EVIDENCE_KEYS = frozenset({"unit"})
FRAMEWORK_KEYS = frozenset({"levels", "extends"})


def top_level_key(text: str, names: Collection[str]) -> str | None:
    """The first of ``names`` written as a top-level key of ``text`` (a byte-order mark allowed)."""
    for m in _TOP_KEY.finditer(text.removeprefix("\ufeff")):
        if m.group(1) in names:
            return m.group(1)
    return None

"""Markdown-safe text: user text can never break a table, start a block or inject HTML."""

from __future__ import annotations

import re

# Inline syntax anywhere in the text (GitHub also treats '$' as maths and '~' as strike-through).
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
# '&' only where it would start an entity such as '&lt;'.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Things that start a block when they open a line (or a list item's text): a heading,
# a list item, a quote, a thematic break or a setext underline.
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[+-](?=\s|$|-)|[0-9]{1,9}[.)](?=\s|$)|[>=])")


class Md(str):
    """Text that is already markdown (written by coprod, not the user): passed through as is."""

    __slots__ = ()


def escape(text: str) -> Md:
    """Escape user text for any place in a markdown document, table cells included."""
    text = " ".join(text.split())  # newlines and tabs can end a table row or start a block
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _INLINE.sub(r"\\\1", text)
    match = _BLOCK_START.match(text)
    if match:
        head = match.group(2)
        lead = match.group(1)
        if head == ">":
            text = f"{lead}&gt;{text[match.end() :]}"
        elif head[0] in "0123456789":
            text = f"{lead}{head[:-1]}\\{head[-1]}{text[match.end() :]}"
        else:
            text = f"{lead}\\{head}{text[match.end() :]}"
    return Md(text)

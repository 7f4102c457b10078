"""A parsed YAML file: its plain data, and where each part of it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coprod_cli.errors import Problem
from coprod_cli.reading.yamlsyntax import Mark

PathKey = tuple[str | int, ...]
Value = dict[str, "Value"] | list["Value"] | str | None


@dataclass
class Document:
    """A parsed file: its plain data plus where each part of it was written."""

    path: str
    text: str
    data: Value
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    """Where each value starts, by its path from the root (``()`` is the root)."""
    key_marks: dict[PathKey, Mark] = field(default_factory=dict)
    """Where each mapping key is written, by the path of its value."""
    plain: set[PathKey] = field(default_factory=set)
    """Paths of scalars written without quotes."""
    comment_after: dict[PathKey, str] = field(default_factory=dict)
    """Unquoted values followed on the same line by a comment (the comment's text)."""

    def mark(self, path: PathKey, *, key: bool = False) -> Mark:
        """The nearest known place for ``path``: itself, else its closest parent."""
        while True:
            found = (self.key_marks.get(path) if key else None) or self.marks.get(path)
            if found is not None or not path:
                return found or Mark(1, 1)
            path = path[:-1]

    def problem(self, path: PathKey, message: str, *, key: bool = False, **kw: Any) -> Problem:
        m = self.mark(path, key=key)
        return Problem(self.path, m.line, m.column, message, **kw)

"""The package's layout keeps to its rules (STYLE.md 13): no import cycles between modules, no
module over 400 lines, and typer only in the command line.

Every module under ``src/coprod_cli`` is parsed with :mod:`ast`; an import counts wherever it is
written (at the top, inside a function, or under ``if TYPE_CHECKING:``), because each one still
ties the two modules together for a reader.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import coprod_cli

PACKAGE = Path(coprod_cli.__file__).parent
NAME = "coprod_cli"
MAX_LINES = 400

LONG_ALLOWED: frozenset[str] = frozenset(
    # Modules over MAX_LINES still waiting for their split, by name ("coprod_cli.cli.app"). The
    # list may only shrink: a module split is taken out (the test fails while it stays listed),
    # and no module outside it may grow past MAX_LINES. Issue 13 split the last ones.
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _imported(tree: ast.Module, here: str, is_package: bool) -> Iterator[str]:
    """Every module name an import in ``tree`` could mean, absolute, wherever it is written."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            # "from coprod_cli.scoring import coassess" imports the module coassess.
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _graph() -> dict[str, set[str]]:
    """Module → the modules of the package it imports (a package's ``__init__`` counts as itself)."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found = _imported(tree, name, path.name == "__init__.py")
        graph[name] = {dep for dep in found if dep in MODULES and dep != name}
    return graph


def _cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        todo = [iter(sorted(graph[start]))]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(sorted(graph[nxt])))
    return None


def _lines(name: str) -> int:
    return len(MODULES[name].read_text(encoding="utf-8").splitlines())


def test_the_modules_import_each_other_without_a_cycle() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_an_import_counts_inside_functions_and_type_checking_blocks() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from coprod_cli.privacy.guard import Checked\n"
        "def f():\n    from coprod_cli.scoring import coassess\n    from . import words\n"
    )
    found = set(_imported(tree, "coprod_cli.reports.text", is_package=False))
    assert {"coprod_cli.privacy.guard", "coprod_cli.scoring.coassess", "coprod_cli.reports.words"} <= found


def test_no_module_is_over_400_lines_but_those_still_to_split() -> None:
    long = {name for name in MODULES if _lines(name) > MAX_LINES}
    grown = sorted(long - LONG_ALLOWED)
    assert not grown, f"over {MAX_LINES} lines; split each by what its parts do: " + ", ".join(
        f"{name} ({_lines(name)})" for name in grown
    )
    done = sorted(LONG_ALLOWED - long)
    assert not done, "no longer over the limit (or gone); take them out of LONG_ALLOWED: " + ", ".join(done)


def test_only_the_command_line_imports_typer() -> None:
    outside = sorted(
        name
        for name, path in MODULES.items()
        if not name.startswith(f"{NAME}.cli.")
        and any(
            dep == "typer" or dep.startswith("typer.")
            for dep in _imported(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py")
        )
    )
    assert not outside, "typer is for the command line only (src/coprod_cli/cli/): " + ", ".join(outside)

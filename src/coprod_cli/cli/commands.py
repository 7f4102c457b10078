"""The bodies of ``assess``, ``validate`` and ``framework check``, and what other commands share with them.

Typer-free: the typer commands in ``cli`` are thin wrappers around these functions, and the
fast path in ``entry`` calls them directly, so there is one implementation of each.  They
return an exit code and raise coprod's errors; ``exits.failure_code`` turns those into
messages and exit codes.  Heavy modules are imported when a command runs, not here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from coprod_cli.cli.exits import EXIT_BELOW, EXIT_OK, err, print_warnings
from coprod_cli.errors import InputError, Problem, UsageError


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


def use_frameworks_dirs(folders: Sequence[Path] | None) -> None:
    """Look for framework ids in these folders (``--frameworks-dir``); none: ``$COPROD_FRAMEWORKS``."""
    from coprod_cli.framework.load import search_dirs

    search_dirs.set(tuple(folders) if folders else None)


def load(unit: Path, framework: str | None, strict: bool) -> Any:
    """A unit's evidence file, checked, with its framework."""
    from coprod_cli.scoring.check import load_evidence

    return load_evidence(unit, str(unit), framework=framework, strict=strict)


def exit_for(attained: int, top: int, fail_under: int | None) -> int:
    """1 if the attained level is below ``--fail-under``, else 0."""
    if fail_under is None:
        return EXIT_OK
    if fail_under > top:
        raise UsageError(f"--fail-under {fail_under} is above the framework's top level ({top}); use 0 to {top}")
    return EXIT_BELOW if attained < fail_under else EXIT_OK


def guard_output(text: str, label: str, beside: Path, allowed: frozenset[str]) -> None:
    """Refuse to let personal data out (see ``guard``), with the settings of ``beside``'s folder."""
    from coprod_cli.privacy.guard import check_output

    check_output(text, label, beside.parent, allowed)


def assess(
    unit: Path,
    *,
    format: TextOrJson = TextOrJson.text,
    framework: str | None = None,
    strict: bool = False,
    fail_under: int | None = None,
) -> int:
    """Check and score a unit's evidence file, and print the summary or the JSON result."""
    from coprod_cli.scoring.score import score

    result = score(load(unit, framework, strict))
    code = exit_for(result.attained_level, result.top_level, fail_under)
    if format is TextOrJson.json:
        from coprod_cli.reports.json_result import dumps, result_dict

        text = dumps(result_dict(result))
    else:
        from rich.console import Console

        from coprod_cli.reports.text import render

        console = Console(highlight=False, emoji=False)
        with console.capture() as captured:
            render(result, console)
        text = captured.get()
    guard_output(text, "the summary", unit, result.waived_keys)
    sys.stdout.write(text)
    return code


def validate(files: Sequence[Path], *, framework: str | None = None, strict: bool = False) -> int:
    """Check evidence or framework files and list every problem; scores nothing."""
    from coprod_cli.scoring.check import check_file

    problems: list[Problem] = []
    for path in files:
        try:
            kind, warnings = check_file(path, str(path), framework=framework, strict=strict)
        except InputError as e:
            problems.extend(e.problems())
            continue
        print_warnings(warnings)
        err(
            f"{path}: valid {kind} file"
            + (f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})" if warnings else "")
        )
    if problems:
        raise InputError(problems)
    return EXIT_OK


def framework_check(files: Sequence[Path], *, against: str | None = None) -> int:
    """Lint framework files and, with ``against``, check each version bump since that git revision."""
    from coprod_cli.framework.lint import against as check_version
    from coprod_cli.framework.lint import check_file

    problems: list[Problem] = []
    for path in files:
        shown = str(path)
        found = check_file(path, shown)
        mine = list(found.problems)
        if against is not None and found.framework is not None:
            mine += check_version(found.framework, path, against, shown)
        problems += mine
        if not mine and found.framework is not None:
            fw = found.framework
            err(f"{shown}: framework {fw.id} {fw.version} passes every check")
    if problems:
        raise InputError(problems)
    return EXIT_OK

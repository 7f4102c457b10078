"""The commands hooks and CI run most: ``assess`` (check and score one unit) and ``validate``.

Plain functions with typer annotations; ``app`` registers them, so they run inside its one
error handler (coprod's errors exit 2 with every problem listed).  What only a command needs
is imported when it runs.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from coprod_cli.cli.exits import print_warnings
from coprod_cli.cli.options import (
    AsOfOpt,
    CrosswalkOpt,
    FailUnderOpt,
    FrameworkOpt,
    FrameworksDirOpt,
    LangOpt,
    StrictOpt,
    TextOrJson,
    UnitArg,
    described,
    err,
    exit_for,
    given_day,
    guard_output,
)
from coprod_cli.errors import InputError, Problem, UsageError
from coprod_cli.i18n import N_, _, n_


@described(N_("Check and score a unit's evidence file, and show where the unit stands."))
def assess_command(
    unit: UnitArg,
    format: Annotated[
        TextOrJson, typer.Option("--format", help=N_("text for people, json for scripts."))
    ] = TextOrJson.text,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    fail_under: FailUnderOpt = None,
    as_of: AsOfOpt = None,
    crosswalk: CrosswalkOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.scoring.check import load_evidence
    from coprod_cli.scoring.score import score

    day = given_day("--as-of", as_of)
    result = score(load_evidence(unit, str(unit), framework=framework, strict=strict, as_of=day))
    code = exit_for(result.attained_level, result.top_level, fail_under)
    if crosswalk is not None and format is not TextOrJson.json:
        raise UsageError(
            _("--crosswalk adds to the JSON result: give --format json, or use 'coprod report --crosswalk'")
        )
    if format is TextOrJson.json:
        from coprod_cli.reports.json_result import dumps, result_dict

        data = result_dict(result)
        if crosswalk is not None:  # docs/json-result.md, "crosswalk"
            from coprod_cli.framework.crosswalk import load_crosswalk
            from coprod_cli.reports.crosswalk import crosswalk_dict
            from coprod_cli.scoring.crosswalk import against, statuses

            laid = against(load_crosswalk(crosswalk), result.framework, statuses(result))
            print_warnings(laid.warnings)
            data["crosswalk"] = crosswalk_dict(laid)
        text = dumps(data)
    else:
        from rich.console import Console

        from coprod_cli.reports.text import render

        console = Console(highlight=False, emoji=False)
        with console.capture() as captured:
            render(result, console)
        text = captured.get()
    guard_output(text, _("the summary"), unit, result.waived_keys)
    sys.stdout.write(text)
    raise typer.Exit(code)


@described(N_("Check evidence or framework files and list every problem; scores nothing."))
def validate_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help=N_("Evidence or framework files."), show_default=False)
    ],
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.scoring.check import check_file

    problems: list[Problem] = []
    for path in files:
        try:
            kind, warnings = check_file(path, str(path), framework=framework, strict=strict)
        except InputError as e:
            problems.extend(e.problems())
            continue
        print_warnings(warnings)
        err(_valid(path, kind, len(warnings)))
    if problems:
        raise InputError(problems)


def _valid(path: Path, kind: str, warnings: int) -> str:
    """What ``validate`` says of a file without problems ("framework" or "evidence")."""
    if kind == "framework":
        if not warnings:
            return _("{path}: valid framework file", path=path)
        return n_(
            "{path}: valid framework file ({count} warning)",
            "{path}: valid framework file ({count} warnings)",
            warnings,
            path=path,
        )
    if not warnings:
        return _("{path}: valid evidence file", path=path)
    return n_(
        "{path}: valid evidence file ({count} warning)",
        "{path}: valid evidence file ({count} warnings)",
        warnings,
        path=path,
    )

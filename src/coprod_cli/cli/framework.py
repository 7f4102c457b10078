"""The commands about frameworks: ``framework list``, ``show``, ``check`` and ``diff``, and ``schema``.

Plain functions with typer annotations; ``app`` registers them, so they run inside its
one error handler (coprod's errors exit 2 with every problem listed).
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from coprod_cli.cli.options import FrameworksDirOpt, LangOpt, TextOrJson, described, err
from coprod_cli.errors import InputError, Problem, UsageError
from coprod_cli.i18n import N_, _, n_


class SchemaKind(StrEnum):
    evidence = "evidence"
    framework = "framework"
    result = "result"
    pool = "pool"
    crosswalk = "crosswalk"


def _dumps(data: object, *, sort_keys: bool = False) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n"


def schema_text(kind: str) -> str:
    """The schema of ``kind`` as written to a file, with the marker that lets coprod regenerate it."""
    from coprod_cli import __version__
    from coprod_cli.editing.writer import MARKER
    from coprod_cli.model.json_schema import schema

    data = schema(kind)  # type: ignore[arg-type]
    data["$comment"] = f"{MARKER} {__version__}: regenerate with 'coprod schema {kind} -o FILE' rather than editing it"
    return _dumps(data, sort_keys=True)


@described(
    N_(
        "Lint framework files: unique IDs, levels 1..N, thresholds 0-100, guidance links, no empty text, "
        "a semantic version, one style of ID.\n\n"
        "Lists every problem at file:line:col and exits 2 if there is any; with --against REV it also fails "
        "when the version is not bumped enough for what changed since REV (a file new since REV passes), so "
        "it works as a pre-commit hook.\n\n"
        "A file with a top-level 'crosswalk:' is checked as a crosswalk, against the framework it names "
        "(docs/crosswalks.md)."
    )
)
def check_command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help=N_("Framework or crosswalk files to check."), show_default=False),
    ],
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            metavar="REV",
            help=N_("Also fail when the version was not bumped enough since git revision REV (e.g. HEAD)."),
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.framework.lint import against as check_version
    from coprod_cli.framework.lint import check_file
    from coprod_cli.framework.lint_crosswalk import is_crosswalk_file

    problems: list[Problem] = []
    for path in files:
        shown = str(path)
        if is_crosswalk_file(path, shown):  # docs/crosswalks.md, "Checking a crosswalk"
            problems += _check_crosswalk(path, shown)
            continue
        found = check_file(path, shown)
        mine = list(found.problems)
        if against is not None and found.framework is not None:
            mine += check_version(found.framework, path, against, shown)
        problems += mine
        if not mine and found.framework is not None:
            fw = found.framework
            err(_("{path}: framework {id} {version} passes every check", path=shown, id=fw.id, version=fw.version))
    if problems:
        raise InputError(problems)


def _check_crosswalk(path: Path, shown: str) -> tuple[Problem, ...]:
    """Lint one crosswalk: print its warnings, and say so when it passes; its errors are returned."""
    from coprod_cli.cli.exits import print_warnings
    from coprod_cli.framework.lint_crosswalk import check_crosswalk

    found = check_crosswalk(path, shown)
    print_warnings(found.warnings)
    if not found.problems and found.crosswalk is not None and found.framework is not None:
        xw, fw = found.crosswalk.model, found.framework
        words = {"path": shown, "name": xw.crosswalk, "framework": fw.id, "version": fw.version}
        if found.warnings:
            err(
                n_(
                    "{path}: crosswalk {name} for {framework} {version} passes every check ({count} warning)",
                    "{path}: crosswalk {name} for {framework} {version} passes every check ({count} warnings)",
                    len(found.warnings),
                    **words,
                )
            )
        else:
            err(_("{path}: crosswalk {name} for {framework} {version} passes every check", **words))
    return found.problems


@described(N_("List the frameworks available: those in the frameworks folders, then the built-in ones."))
def list_command(
    format: Annotated[TextOrJson, typer.Option("--format", help=N_("text or json."))] = TextOrJson.text,
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.framework.load import load_framework
    from coprod_cli.framework.resolve import BUILTIN_SUFFIX, builtin_frameworks, folder_frameworks

    rows: list[dict[str, Any]] = []
    found = [(path, str(path)) for path in folder_frameworks().values()]
    found += [(path, f"{ident}{BUILTIN_SUFFIX}") for ident, path in builtin_frameworks().items()]
    for path, shown in found:
        loaded = load_framework(path, shown)
        fw = loaded.model
        rows.append(
            {
                "id": fw.id,
                "version": fw.version,
                "title": fw.title,
                "levels": len(fw.levels),
                "file": loaded.ref,
                "extends": [p.id for p in loaded.parents],
            }
        )
    if format is TextOrJson.json:
        from coprod_cli.reports.json_result import dumps

        sys.stdout.write(dumps(rows))
        return
    for row in rows:
        typer.echo(_listed(row))


def _listed(row: dict[str, Any]) -> str:
    """One line of ``framework list``: id, version, title, levels and what it extends."""
    shown = {"id": row["id"], "version": row["version"], "title": row["title"]}
    if row["extends"]:
        return n_(
            "{id}  {version}  {title} ({count} level, extends {parents})",
            "{id}  {version}  {title} ({count} levels, extends {parents})",
            row["levels"],
            parents=" → ".join(row["extends"]),
            **shown,
        )
    return n_(
        "{id}  {version}  {title} ({count} level)", "{id}  {version}  {title} ({count} levels)", row["levels"], **shown
    )


@described(N_("Show a framework's levels, targets and enablers (a tailored one as resolved)."))
def show_command(
    ident: Annotated[str, typer.Argument(metavar="ID|PATH", help=N_("A built-in framework id or a framework file."))],
    format: Annotated[TextOrJson, typer.Option("--format", help=N_("text or json."))] = TextOrJson.text,
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.scoring.check import load_framework, resolve_framework

    loaded = load_framework(*resolve_framework(ident, Path(), label="framework show"))
    fw = loaded.model
    if format is TextOrJson.json:
        from coprod_cli.reports.json_result import dumps, plain

        data = plain(fw)
        for key in ("extends", "remove", "add", "override"):
            del data[key]
        data["sha256"] = loaded.sha256
        data["parents"] = [{"id": p.id, "version": p.version, "sha256": p.sha256} for p in loaded.parents]
        sys.stdout.write(dumps(data))
        return
    from rich.console import Console
    from rich.text import Text

    from coprod_cli.model.text import said

    console = Console(highlight=False, emoji=False)
    console.print(Text(said(fw, "title"), style="bold"))
    console.print(Text(f"{fw.id} {fw.version} · sha256 {loaded.sha256}", style="dim"))
    for parent in loaded.parents:
        console.print(
            Text(
                _("extends {id} {version} · sha256 {sha}", id=parent.id, version=parent.version, sha=parent.sha256),
                style="dim",
            )
        )
    for level in fw.levels:
        console.print()
        console.print(
            Text(
                _(
                    "Level {number} — {title} (threshold {threshold}%)",
                    number=level.number,
                    title=said(level, "title"),
                    threshold=level.threshold,
                ),
                style="bold",
            )
        )
        if level.ethos:
            console.print(Text(f"  “{said(level, 'ethos')}”", style="italic"))
        for t in level.targets:
            text = _("{text} (required)", text=said(t, "text")) if t.required else said(t, "text")
            console.print(Text(f"  {t.id:<32} {text}"))
    if fw.enablers:
        console.print()
        console.print(Text(_("Enablers (support every level)"), style="bold"))
        for e in fw.enablers:
            console.print(Text(f"  {e.id:<32} {said(e, 'text')}"))


@described(
    N_(
        "Show what changed between two frameworks and whether the version bump is enough.\n\n"
        "OLD and NEW are framework files or ids; 'coprod framework diff --git HEAD FILE' compares FILE as "
        "committed with the working file.  Breaking changes (a removed or moved target, a raised threshold, a "
        "newly required target…) need a major version, reworded or added targets a minor one.  Two frameworks "
        "with different ids are two frameworks, not two versions: their differences are listed, but no version "
        "verdict is given.  Exits 0 whenever the comparison was made, whatever the verdict: the verdict is in "
        "the output ('breaking' and 'version_ok' in JSON).  To fail on an insufficient version bump, use "
        "'coprod framework check --against REV FILE'."
    )
)
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help=N_("A framework file or id; with --git, the file to compare."), show_default=False
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(metavar="NEW", help=N_("A framework file or id (not with --git)."), show_default=False),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option("--git", metavar="REV", help=N_("Compare the file OLD as committed at REV with it as it is now.")),
    ] = None,
    format: Annotated[TextOrJson, typer.Option("--format", help=N_("text for people, json for scripts."))] = (
        TextOrJson.text
    ),
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.framework.diff import diff, render_json, render_text
    from coprod_cli.scoring.check import load_framework, resolve_framework

    if git is not None:
        from coprod_cli.framework.lint import load_at

        if new is not None:
            raise UsageError(
                _("with --git give one file, not two: coprod framework diff --git {rev} {old}", rev=git, old=old)
            )
        path = Path(old)
        if not path.is_file():
            raise UsageError(
                _("{old}: no such file; with --git, give the path of a framework file in a git repository", old=old)
            )
        before = load_at(git, path, old)
        after = load_framework(path, old)
    else:
        if new is None:
            raise UsageError(
                _(
                    "give two frameworks to compare, OLD and NEW (files or ids), or compare a file with its "
                    "committed version: coprod framework diff --git HEAD FILE"
                )
            )
        before = load_framework(*resolve_framework(old, Path(), label="framework diff OLD"))
        after = load_framework(*resolve_framework(new, Path(), label="framework diff NEW"))
    result = diff(before.model, after.model, one_framework=git is not None)
    if format is TextOrJson.json:
        sys.stdout.write(_dumps(render_json(result)))
    else:
        sys.stdout.write(render_text(result))


@described(
    N_(
        "Print the JSON Schema (draft 2020-12) of evidence files, framework files, the JSON result or pool files.\n\n"
        "Point an editor at it (e.g. a '# yaml-language-server: $schema=FILE' first line) to get completion and "
        "checking as you type.  A FILE written by coprod is replaced when you run the command again."
    )
)
def schema_command(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="KIND",
            help=N_("Which schema: evidence, framework, result, pool or crosswalk."),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=N_("Where to write the schema (default: print it).")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace FILE even if coprod did not write it."))] = False,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.editing.writer import write_text

    text = schema_text(kind.value)
    if output is None:
        sys.stdout.write(text)
        return
    write_text(output, text, force=force)
    err(_("Wrote {path}.", path=output))

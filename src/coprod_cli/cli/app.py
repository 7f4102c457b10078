"""The command line: parse options, call the core, render, return an exit code.

Errors become exit codes in one place, ``exits.failure_code``, which ``_Group.invoke`` calls:
coprod's own errors exit 2 with every problem listed, Ctrl-C exits 130, and anything else
is a bug that exits 70 with one line (``--debug`` shows the traceback).
"""

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from coprod_cli import __version__
from coprod_cli.cli import commands
from coprod_cli.cli.exits import debug_wanted, failure_code, print_warnings
from coprod_cli.cli.framework import check_command, diff_command, schema_command
from coprod_cli.cli.interview import interview_command
from coprod_cli.cli.merge import RaterOpt, RoleOpt, merge_command, rater_from
from coprod_cli.cli.options import FrameworkOpt, FrameworksDirOpt, StrictOpt, TextOrJson, err
from coprod_cli.cli.rollup import compare_command, history_command, summary_command
from coprod_cli.errors import UsageError
from coprod_cli.hints import describe


class _Group(TyperGroup):
    """Ends every command through ``exits.failure_code``, the one place where errors become exit codes."""

    def invoke(self, ctx: Any) -> Any:
        debug = debug_wanted(bool(ctx.find_root().params.get("debug")))  # --debug belongs to the root
        try:
            return super().invoke(ctx)
        except (Exception, KeyboardInterrupt) as e:
            if isinstance(e, (typer.Exit, typer.Abort)):
                raise
            if isinstance(e, typer.BadParameter):
                e.message = option_message(e)
            code = failure_code(e, debug=debug)
            if code is None:
                raise  # usage errors: the command-line library reports them itself
            raise typer.Exit(code) from None


def option_message(e: typer.BadParameter) -> str:
    """An option's bad value in coprod's words: typer 0.2x checks values with pydantic and
    passes on its wording ("Value error, ...", "Input should be a valid integer, ...")."""
    errors = getattr(e.__cause__, "errors", None)
    found = errors() if callable(errors) else None
    if not found:
        return e.message
    first = found[0]
    kind, limits = first.get("type"), first.get("ctx") or {}
    given = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in str(first.get("input")))
    given = describe(given)
    if kind == "value_error":
        return str(limits.get("error", e.message))
    if kind in {"int_parsing", "int_type"}:
        return f"{given} is not a whole number"
    if kind == "greater_than_equal":
        return f"{given} is less than {limits['ge']}; give {limits['ge']} or more"
    return e.message


app = typer.Typer(
    cls=_Group,
    help="Assess a mental-health rehabilitation unit against a co-production framework, together.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
framework_app = typer.Typer(
    cls=_Group,
    help="List, show, check and compare frameworks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(framework_app, name="framework")
framework_app.command("check")(check_command)
framework_app.command("diff")(diff_command)
app.command("schema")(schema_command)
app.command("summary")(summary_command)
app.command("compare")(compare_command)
app.command("history")(history_command)
app.command("merge")(merge_command)
app.command("interview")(interview_command)


class ReportFormat(StrEnum):
    md = "md"
    html = "html"


class ReportStyle(StrEnum):
    standard = "standard"
    easy_read = "easy-read"


_HTML_SUFFIXES = (".html", ".htm")
_MD_SUFFIXES = (".md", ".markdown")


def _report_format(given: ReportFormat | None, output: Path | None) -> ReportFormat:
    """--format if given, else from FILE's extension (.html or .htm: html), else markdown."""
    suffix = output.suffix.lower() if output is not None else ""
    if given is None:
        return ReportFormat.html if suffix in _HTML_SUFFIXES else ReportFormat.md
    if output is not None and suffix in (_MD_SUFFIXES if given is ReportFormat.html else _HTML_SUFFIXES):
        better = output.with_suffix(".html" if given is ReportFormat.html else ".md")
        raise UsageError(
            f"{output}: the name ends in '{output.suffix}' but --format is {given}; "
            f"name it {better}, or leave out --format to go by the name"
        )
    return given


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coprod {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an internal error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """coprod: co-production self-assessment for rehabilitation and recovery services."""


FailUnderOpt = Annotated[
    int | None,
    typer.Option("--fail-under", metavar="LEVEL", min=0, help="Exit with code 1 if the attained level is below LEVEL."),
]
UnitArg = Annotated[Path, typer.Argument(metavar="UNIT.yaml", help="The unit's evidence file.", show_default=False)]


def _finish(code: int) -> NoReturn:
    raise typer.Exit(code)


@app.command()
def assess(
    unit: UnitArg,
    format: Annotated[
        TextOrJson, typer.Option("--format", help="text for people, json for scripts.")
    ] = TextOrJson.text,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    fail_under: FailUnderOpt = None,
) -> None:
    """Check and score a unit's evidence file, and show where the unit stands."""
    _finish(commands.assess(unit, format=format, framework=framework, strict=strict, fail_under=fail_under))


@app.command()
def report(
    unit: UnitArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Where to write the report (default: print it)."),
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            help="md (markdown) or html (one self-contained page to open, print or send). "
            "Default: html when FILE ends in .html or .htm, else md.",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        ReportStyle,
        typer.Option(
            "--style", help="standard (the full report) or easy-read (short sentences, plain words, what matters most)."
        ),
    ] = ReportStyle.standard,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="DIR",
            help="A folder with your own report.md.j2, report.html.j2, report.easy-read.md.j2 "
            "or report.easy-read.html.j2 (the others come from the shipped ones).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE even if coprod did not write it.")] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline", metavar="OLD.yaml", help="Add what changed since this earlier evidence file of the unit."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="REV", help="Add what changed since the file as committed at git revision REV."
        ),
    ] = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    fail_under: FailUnderOpt = None,
) -> None:
    """Write the gap report for a unit: markdown or HTML, standard or easy-read."""
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.reports.markdown_report import render
    from coprod_cli.rollup.compare import since_from_file, since_from_rev
    from coprod_cli.scoring.score import score

    if baseline is not None and since is not None:
        raise UsageError("--baseline and --since both say what to compare with; give one of them")
    inputs = [unit, *([baseline] if baseline else [])]
    kind = _report_format(format, output)
    if output is not None:
        check_target(output, inputs=inputs, force=force)
    result = score(commands.load(unit, framework, strict))
    code = commands.exit_for(result.attained_level, result.top_level, fail_under)
    change = None
    if baseline is not None:
        change = since_from_file(baseline, result, framework=framework)
    elif since is not None:
        change = since_from_rev(since, unit, result)
    if kind is ReportFormat.html:
        from coprod_cli.reports.html_report import render as render_html

        text = render_html(result, style.value, template_dir=template, since=change)
    elif style is ReportStyle.easy_read:
        from coprod_cli.reports.easy_read import render_markdown

        text = render_markdown(result, template_dir=template)
    else:
        text = render(result, template_dir=template, since=change)
    allowed = result.waived_keys | (change.waived_keys if change else frozenset())
    commands.guard_output(text, str(output or "the report"), unit, allowed)
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text, inputs=inputs, force=force)
        print_warnings(result.warnings)
        err(f"Wrote {output}.")
    _finish(code)


@app.command()
def init(
    unit_file: Annotated[
        Path, typer.Argument(metavar="UNIT.yaml", help="The evidence file to create.", show_default=False)
    ],
    unit: Annotated[str, typer.Option("--unit", metavar="NAME", help="The unit's name, e.g. 'Cefn Yr Afon'.")],
    service: Annotated[str | None, typer.Option("--service", metavar="TEXT", help="The kind of service.")] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", metavar="TEXT", help="The organisation.")
    ] = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    assessed_on: Annotated[
        str | None, typer.Option("--assessed-on", metavar="YYYY-MM-DD", help="The assessment date (default: today).")
    ] = None,
    schema: Annotated[
        Path | None,
        typer.Option(
            "--schema",
            metavar="FILE",
            help="JSON Schema for editors to check the file as you type "
            "(default: coprod-evidence.schema.json beside UNIT.yaml, written if missing).",
        ),
    ] = None,
    no_schema: Annotated[bool, typer.Option("--no-schema", help="No editor schema line and no schema file.")] = False,
    rater: RaterOpt = None,
    role: RoleOpt = None,
) -> None:
    """Create a ready-to-fill evidence file listing every target. Never overwrites.

    Its first line points editors (VS Code's YAML extension and others using the YAML language
    server) at a JSON Schema, so they complete and check it as it is typed.
    """
    from pydantic_core import PydanticCustomError

    from coprod_cli.editing.skeleton import evidence_skeleton
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.model.models import iso_date
    from coprod_cli.scoring.check import DEFAULT_FRAMEWORK, load_framework, looks_like_path, resolve_framework

    if not unit.strip():
        raise UsageError("--unit: give the unit's name, e.g. --unit 'Cefn Yr Afon'")
    check_target(unit_file, exclusive=True)
    day = date.today()
    if assessed_on is not None:
        try:
            day = iso_date(assessed_on)
        except PydanticCustomError as e:
            raise UsageError(f"--assessed-on: {e.message()}") from None
    ref = framework or DEFAULT_FRAMEWORK
    path, shown = resolve_framework(ref, Path())
    loaded = load_framework(path, shown)
    if looks_like_path(ref):
        ref = os.path.relpath(path.resolve(), unit_file.resolve().parent)
    schema_file = None if no_schema else (schema or unit_file.parent / "coprod-evidence.schema.json")
    schema_ref = None
    if schema_file is not None:
        schema_ref = os.path.relpath(schema_file.resolve(), unit_file.resolve().parent)
        schema_ref = schema_ref if schema_ref.startswith(".") else f"./{schema_ref}"
    text = evidence_skeleton(
        loaded,
        schema_ref=schema_ref,
        rater=rater_from(rater, role),
        framework_ref=ref,
        unit=unit,
        service=service,
        organisation=organisation,
        assessed_on=day,
        file_name=str(unit_file),
    )
    commands.guard_output(text, str(unit_file), unit_file, frozenset())
    write_text(unit_file, text, exclusive=True)
    err(f"Wrote {unit_file}: fill in each target's status, then run: coprod assess {unit_file}")
    if schema_file is not None and not schema_file.exists():
        from coprod_cli.cli.framework import schema_text

        write_text(schema_file, schema_text("evidence"))
        err(f"Wrote {schema_file}: the schema editors use to check {unit_file} as you type.")


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Evidence or framework files.", show_default=False)
    ],
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Check evidence or framework files and list every problem; scores nothing."""
    _finish(commands.validate(files, framework=framework, strict=strict))


@app.command()
def migrate(
    unit: UnitArg,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="ID|PATH",
            help="The framework to move onto (default: the one the file names, as it is now).",
        ),
    ] = None,
    write: Annotated[bool, typer.Option("--write", help="Apply the change to the file instead of showing it.")] = False,
    frameworks_dir: FrameworksDirOpt = None,
) -> None:
    """Bring an evidence file onto a framework: show the edit as a diff, or --write it.

    Targets the framework dropped move under 'retired:' (kept, not scored); new ones are added
    as not-assessed with their text as a comment; every other line stays as it is.
    """
    from coprod_cli.editing.migrate import check_result, framework_ref_for, plan
    from coprod_cli.editing.writer import write_text
    from coprod_cli.framework.load import DEFAULT_FRAMEWORK, load_framework, resolve_framework
    from coprod_cli.reading.yamlread import read_document

    if to is None:
        doc, _ = read_document(unit, str(unit))
        written = doc.data.get("framework") if isinstance(doc.data, dict) else None
        ref = written if isinstance(written, str) else DEFAULT_FRAMEWORK
        fw_path, shown = resolve_framework(ref, unit.parent, where=doc.problem(("framework",), ""))
    else:
        ref = to
        fw_path, shown = resolve_framework(to, Path(), label="--to")
    loaded = load_framework(fw_path, shown)
    migration = plan(unit, str(unit), loaded, framework_ref_for(unit, ref, fw_path))
    check_result(migration, str(unit))
    commands.guard_output(migration.new_text, str(unit), unit, migration.waived_keys)
    summary = (
        f"{len(migration.retired)} retired, {len(migration.added)} added, {len(migration.restored)} back from retired"
    )
    if not migration.changed:
        err(f"{unit}: already on {loaded.id} {loaded.version}; nothing to change.")
        return
    if write:
        write_text(unit, migration.new_text, force=True)
        err(f"Updated {unit} onto {loaded.id} {loaded.version}: {summary}.")
        return
    sys.stdout.write(migration.diff(str(unit)))
    err(f"{unit}: {summary}. Nothing was written; run again with --write to apply it.")


@framework_app.command("list")
def framework_list(
    format: Annotated[TextOrJson, typer.Option("--format", help="text or json.")] = TextOrJson.text,
    frameworks_dir: FrameworksDirOpt = None,
) -> None:
    """List the frameworks available: those in the frameworks folders, then the built-in ones."""
    from coprod_cli.framework.load import BUILTIN_SUFFIX, builtin_frameworks, folder_frameworks, load_framework

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
        parents = f", extends {' → '.join(row['extends'])}" if row["extends"] else ""
        typer.echo(f"{row['id']}  {row['version']}  {row['title']} ({row['levels']} levels{parents})")


@framework_app.command("show")
def framework_show(
    ident: Annotated[str, typer.Argument(metavar="ID|PATH", help="A built-in framework id or a framework file.")],
    format: Annotated[TextOrJson, typer.Option("--format", help="text or json.")] = TextOrJson.text,
    frameworks_dir: FrameworksDirOpt = None,
) -> None:
    """Show a framework's levels, targets and enablers (a tailored one as resolved)."""
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

    console = Console(highlight=False, emoji=False)
    console.print(Text(f"{fw.title}", style="bold"))
    console.print(Text(f"{fw.id} {fw.version} · sha256 {loaded.sha256}", style="dim"))
    for parent in loaded.parents:
        console.print(Text(f"extends {parent.id} {parent.version} · sha256 {parent.sha256}", style="dim"))
    for level in fw.levels:
        console.print()
        console.print(Text(f"Level {level.number} — {level.title} (threshold {level.threshold}%)", style="bold"))
        if level.ethos:
            console.print(Text(f"  “{level.ethos}”", style="italic"))
        for t in level.targets:
            console.print(Text(f"  {t.id:<32} {t.text}{' (required)' if t.required else ''}"))
    if fw.enablers:
        console.print()
        console.print(Text("Enablers (support every level)", style="bold"))
        for e in fw.enablers:
            console.print(Text(f"  {e.id:<32} {e.text}"))


def main() -> None:
    """Entry point of the ``coprod`` command."""
    app(prog_name="coprod")

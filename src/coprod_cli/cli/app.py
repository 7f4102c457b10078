"""The ``coprod`` command: the typer app, its command group, and the entry point.

Every command is a plain function in a module of this package (``assess``, ``report``,
``edit``, ``framework``, ``merge``, ``interview``, ``rollup``), registered here.  Errors
become exit codes in one place, ``exits.failure_code``, which ``_Group.invoke`` calls:
coprod's own errors exit 2 with every problem listed, Ctrl-C exits 130 (SIGTERM 143), a closed output pipe
ends quietly, and anything else is a bug that exits 70 with one line (``--debug`` shows the
traceback).  The command modules import what only they need when they run, so ``coprod
--help`` or ``coprod validate`` never loads jinja2 or the renderers.

``--help`` speaks the language too.  typer takes the help texts (``help=`` and the commands'
``described`` texts, marked with ``N_`` for the catalogue) when the modules load, before any
option is read, so they are written in English and translated just before click reads them:
the root group, first to see the arguments (``_Group.parse_args``), looks for ``--lang`` among
them (else coprod.toml's ``language``), and translates every help text of the command tree,
which typer builds afresh for each run.  click's own words ("Usage:", "Options:", "Show this
message and exit.", "[default: …]") stay English: the click typer carries has no catalogue.
"""

import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from coprod_cli import __version__, i18n
from coprod_cli.cli.assess import assess_command, validate_command
from coprod_cli.cli.edit import init_command, migrate_command
from coprod_cli.cli.exits import debug_wanted, failure_code, finish, on_sigterm, quiet_when_gone
from coprod_cli.cli.form import form_command
from coprod_cli.cli.framework import check_command, diff_command, list_command, schema_command, show_command
from coprod_cli.cli.importing import import_command
from coprod_cli.cli.interview import interview_command
from coprod_cli.cli.merge import merge_command
from coprod_cli.cli.pool import compare_command as pool_compare_command
from coprod_cli.cli.pool import export_command as pool_export_command
from coprod_cli.cli.report import report_command
from coprod_cli.cli.rollup import compare_command, history_command, summary_command
from coprod_cli.errors import CoprodError
from coprod_cli.hints import describe
from coprod_cli.i18n import N_, _
from coprod_cli.reading import inputs


class _Group(TyperGroup):
    """Ends every command through ``exits.failure_code``, the one place where errors become exit codes."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None and _shows_help(self, args):  # the root sees every argument, and first
            with i18n.speaking(help_language(args)):
                translate_help(self)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        debug = debug_wanted(bool(ctx.find_root().params.get("debug")))  # --debug belongs to the root
        inputs.start()  # the files this command reads are its inputs, never written over
        try:
            return super().invoke(ctx)
        except (Exception, KeyboardInterrupt) as e:
            if isinstance(e, (typer.Exit, typer.Abort)):
                raise
            if isinstance(e, typer.BadParameter):
                from coprod_cli.privacy.scan import mask  # not loaded for --help

                e.message = mask(option_message(e))
            code = failure_code(e, debug=debug)
            if code is None:
                raise  # usage errors: the command-line library reports them itself
            raise typer.Exit(code) from None


def _shows_help(group: Any, args: list[str]) -> bool:
    """Whether the command line asks for help: ``--help``, or a group named with nothing after it."""
    words = args[: args.index("--")] if "--" in args else args
    if "--help" in words or not words:
        return True
    return len(words) == 1 and hasattr(group.commands.get(words[0]), "commands")


def help_language(args: list[str]) -> str:
    """The language of ``--help``: ``--lang``'s among ``args``, else ``language`` in the current
    folder's coprod.toml, else English (a coprod.toml that cannot be read is the command's to report)."""
    for n, arg in enumerate(args):
        if arg == "--":
            break
        value = args[n + 1] if arg == "--lang" and n + 1 < len(args) else arg.removeprefix("--lang=")
        if arg.startswith("--lang") and value in i18n.CHOICES:
            return i18n.CHOICES[value].first
    if not (Path.cwd() / "coprod.toml").is_file():
        return i18n.SOURCE  # and pydantic is not loaded for nothing
    from coprod_cli.privacy.settings import load_settings

    try:
        language = load_settings(Path.cwd()).language
    except CoprodError:
        return i18n.SOURCE
    return i18n.CHOICES[language].first if language in i18n.CHOICES else i18n.SOURCE


def translate_help(command: Any) -> None:
    """Every help text of ``command``, its options and arguments, and its subcommands, in the
    language spoken now (each was marked with ``N_`` where it is written)."""
    if command.help:
        command.help = _(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


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
        return _("{given} is not a whole number", given=given)
    if kind == "greater_than_equal":
        return _("{given} is less than {least}; give {least} or more", given=given, least=limits["ge"])
    return e.message


app = typer.Typer(
    cls=_Group,
    help=N_("Assess a mental-health rehabilitation unit against a co-production framework, together."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
framework_app = typer.Typer(
    cls=_Group,
    help=N_("List, show, check and compare frameworks."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(framework_app, name="framework")
pool_app = typer.Typer(
    cls=_Group, help=N_("Compare a unit with similar units, privately."), no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(pool_app, name="pool")
pool_app.command("export")(pool_export_command)
pool_app.command("compare")(pool_compare_command)
framework_app.command("check")(check_command)
framework_app.command("diff")(diff_command)
framework_app.command("list")(list_command)
framework_app.command("show")(show_command)
app.command("schema")(schema_command)
app.command("summary")(summary_command)
app.command("compare")(compare_command)
app.command("history")(history_command)
app.command("merge")(merge_command)
app.command("interview")(interview_command)
app.command("assess")(assess_command)
app.command("report")(report_command)
app.command("form")(form_command)
app.command("init")(init_command)
app.command("validate")(validate_command)
app.command("migrate")(migrate_command)
app.command("import")(import_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coprod {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help=N_("Show the full traceback of an internal error."))] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version and exit."))
    ] = False,
) -> None:
    """coprod: co-production self-assessment for rehabilitation and recovery services."""


def main() -> None:
    """Entry point of the ``coprod`` command: run it, then end once its output is out."""
    code: int | str | None = 0
    signal.signal(signal.SIGTERM, on_sigterm)  # stop as Ctrl-C does: no temporary file left behind
    sys.stdout, sys.stderr = quiet_when_gone(sys.stdout), quiet_when_gone(sys.stderr)
    try:
        app(prog_name="coprod")
    except SystemExit as e:
        code = e.code
    finish(code)

"""The ``coprod`` command: the typer app, its command group, and the entry point.

Every command is a plain function in a module of this package (``assess``, ``report``,
``edit``, ``framework``, ``merge``, ``interview``, ``rollup``), registered here.  Errors
become exit codes in one place, ``exits.failure_code``, which ``_Group.invoke`` calls:
coprod's own errors exit 2 with every problem listed, Ctrl-C exits 130 (SIGTERM 143), a closed output pipe
ends quietly, and anything else is a bug that exits 70 with one line (``--debug`` shows the
traceback).  The command modules import what only they need when they run, so ``coprod
--help`` or ``coprod validate`` never loads jinja2 or the renderers.
"""

import signal
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from coprod_cli import __version__
from coprod_cli.cli.assess import assess_command, validate_command
from coprod_cli.cli.edit import init_command, migrate_command
from coprod_cli.cli.exits import debug_wanted, failure_code, finish, on_sigterm, quiet_when_gone
from coprod_cli.cli.framework import check_command, diff_command, list_command, schema_command, show_command
from coprod_cli.cli.interview import interview_command
from coprod_cli.cli.merge import merge_command
from coprod_cli.cli.report import report_command
from coprod_cli.cli.rollup import compare_command, history_command, summary_command
from coprod_cli.hints import describe
from coprod_cli.reading import inputs


class _Group(TyperGroup):
    """Ends every command through ``exits.failure_code``, the one place where errors become exit codes."""

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
app.command("init")(init_command)
app.command("validate")(validate_command)
app.command("migrate")(migrate_command)


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

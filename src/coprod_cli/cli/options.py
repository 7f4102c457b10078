"""What the command modules share: options, the output formats, and the small steps every command takes.

The formats: typer offers a command the values of one enum, so each set of formats a command
can write is an enum here, and ``output_format`` is the one place that goes from ``-o FILE``'s
name to a format and refuses a ``--format`` the name contradicts.
"""

from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from coprod_cli.cli.exits import EXIT_BELOW, EXIT_OK, err
from coprod_cli.errors import UsageError
from coprod_cli.i18n import N_, _

if TYPE_CHECKING:  # the privacy modules load only when a command checks an output
    from coprod_cli.privacy.guard import WaiverNote
    from coprod_cli.privacy.readable import Form

__all__ = [
    "CrosswalkOpt",
    "FailUnderOpt",
    "FrameworkOpt",
    "FrameworksDirOpt",
    "LangOpt",
    "ReportFormat",
    "ReportTable",
    "ReportTableOpt",
    "ServiceFormat",
    "StrictOpt",
    "SummaryFormat",
    "SummaryTable",
    "SummaryTableOpt",
    "TextOrJson",
    "UnitArg",
    "described",
    "err",
    "exit_for",
    "guard_output",
    "output_format",
    "plain_text",
    "table_for",
]


class TextOrJson(StrEnum):
    """``assess`` and ``framework list``, ``show`` and ``diff``."""

    text = "text"
    json = "json"


class ServiceFormat(StrEnum):
    """``compare`` and ``history``."""

    text = "text"
    json = "json"
    markdown = "markdown"


class SummaryFormat(StrEnum):
    """``summary``."""

    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    csv = "csv"


class ReportFormat(StrEnum):
    """``report`` (markdown is ``md`` there)."""

    md = "md"
    html = "html"
    csv = "csv"


class SummaryTable(StrEnum):
    """``summary --table``: which table its CSV file holds (docs/spreadsheets.md)."""

    levels = "levels"
    targets = "targets"


class ReportTable(StrEnum):
    """``report --table``: which table its CSV file holds (docs/spreadsheets.md)."""

    gaps = "gaps"
    actions = "actions"


_NAMED = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".json": "json",
    ".csv": "csv",
}
"""What a file's name says it holds: the one table from an output's suffix to its format."""
_SUFFIX = {"text": ".txt", "json": ".json", "markdown": ".md", "md": ".md", "html": ".html", "csv": ".csv"}
"""The name to suggest for each format."""
_OWN_NAME = ("html", "csv")
"""Formats that go in a file of their own name and nowhere else: a page, a spreadsheet."""

F = TypeVar("F", ReportFormat, SummaryFormat)
C = TypeVar("C", bound=Callable[..., Any])


def described(help: str) -> Callable[[C], C]:
    """Give a command its ``--help`` text, marked with ``N_`` for the catalogue: typer reads it as
    the function's docstring, and ``app.translate_help`` puts it in the language asked for.

    The text is one string with ``\\n\\n`` between paragraphs, so it is the catalogue's msgid as
    typer reads it (a docstring's indentation would not be)."""

    def describe(command: C) -> C:
        command.__doc__ = help
        return command

    return describe


def _check_suffix(output: Path, default: F) -> None:
    """Refuse a name whose suffix says a format the command does not write (``-o x.pdf``), listing
    the suffixes it does; a name without a suffix is written in the format asked for."""
    kinds = {"markdown" if f == "md" else str(f) for f in type(default)}
    known = [suffix for suffix, kind in _NAMED.items() if kind in kinds]
    if output.suffix and output.suffix.lower() not in known:
        raise UsageError(
            _(
                "{output}: coprod does not write '{suffix}' files; give a name ending in {suffixes} or {last}, "
                "such as {example}",
                output=output,
                suffix=output.suffix,
                suffixes=", ".join(known[:-1]),
                last=known[-1],
                example=output.with_suffix(_SUFFIX[default]),
            )
        )


def output_format(given: F | None, output: Path | None, default: F) -> F:
    """``--format`` if given, else html when FILE ends in .html or .htm, csv when it ends in .csv,
    else ``default``.

    A name ending in a suffix the command does not write (a PDF, a Word file) is refused with
    the ones it does.  A page goes in a file named .html or .htm and nowhere else, a spreadsheet
    in one named .csv: ``--format html`` with another name, or another format with an HTML name,
    is refused, saying what to do (and the same for csv).
    """
    if output is not None:
        _check_suffix(output, default)
    named = _NAMED.get(output.suffix.lower()) if output is not None else None
    if given is None:
        return type(default)(named) if named in _OWN_NAME else default
    if output is None or named is None or (named not in _OWN_NAME and given not in _OWN_NAME) or named == given:
        return given
    if _SUFFIX[default] == ".md":  # without --format, the name decides both ways
        message = N_(
            "{output}: the name ends in '{suffix}' but --format is {given}; name it {name}, or leave out "
            "--format to go by the name"
        )
    elif named == "html":
        message = N_(
            "{output}: the name ends in '{suffix}' but --format is {given}; name it {name}, or leave out "
            "--format to write HTML"
        )
    elif named == "csv":
        message = N_(
            "{output}: the name ends in '{suffix}' but --format is {given}; name it {name}, or leave out "
            "--format to write CSV"
        )
    else:
        message = N_(
            "{output}: the name ends in '{suffix}' but --format is {given}; name it {name}, or use --format {named}"
        )
    raise UsageError(
        _(
            message,
            output=output,
            suffix=output.suffix,
            given=given,
            name=output.with_suffix(_SUFFIX[given]),
            named=named,
        )
    )


T = TypeVar("T", SummaryTable, ReportTable)


def table_for(kind: StrEnum, given: T | None, default: T) -> T:
    """``--table`` if given, else ``default``; refused unless the output is a CSV file (docs/spreadsheets.md)."""
    if given is not None and kind != "csv":
        raise UsageError(
            _(
                "--table {table} chooses a table of a CSV file, but the output is {kind}; add --format csv "
                "(or name the output FILE.csv), or leave out --table",
                table=given,
                kind=kind,
            )
        )
    return given or default


def given_day(option: str, given: str | None) -> date | None:
    """The date an option gives (``--as-of``, ``--assessed-on``), or a usage error naming the option."""
    if given is None:
        return None
    from pydantic_core import PydanticCustomError

    from coprod_cli.model.models import iso_date

    try:
        return iso_date(given)
    except PydanticCustomError as e:
        raise UsageError(f"{option}: {e.message()}") from None


def _use_dirs(value: list[Path] | None) -> list[Path] | None:
    """Look for framework ids in these folders; none given: ``$COPROD_FRAMEWORKS``."""
    from coprod_cli.framework.resolve import search_dirs

    for folder in value or ():
        if not folder.is_dir():
            raise typer.BadParameter(_("'{folder}' is not a folder", folder=folder))
    search_dirs.set(tuple(value) if value else None)
    return value


FrameworksDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--frameworks-dir",
        metavar="DIR",
        callback=_use_dirs,
        help=N_("A folder of framework files to find framework ids in (repeatable; default: $COPROD_FRAMEWORKS)."),
    ),
]


class Lang(StrEnum):
    """``--lang``: the language of what a person reads (docs/languages.md)."""

    en = "en"
    cy = "cy"
    both = "cy+en"


def _use_lang(value: Lang | None) -> Lang | None:
    """Speak ``--lang``; not given: ``language`` in the current folder's coprod.toml, else English."""
    from coprod_cli import i18n
    from coprod_cli.privacy.settings import load_settings

    if value is None:
        value = Lang(load_settings(Path.cwd()).language or i18n.SOURCE)
    i18n.choose(i18n.CHOICES[value.value])
    return value


LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        callback=_use_lang,
        is_eager=True,  # before every other option's check, so its message is in the language asked for
        show_default=False,
        help=N_(
            "Language: en, cy (Cymraeg) or cy+en (documents in Welsh and English, Welsh first). "
            "Default: 'language' in coprod.toml, else en."
        ),
    ),
]
FrameworkOpt = Annotated[
    str | None,
    typer.Option(
        "--framework",
        metavar="ID|PATH",
        help=N_("Framework to use instead of the file's 'framework:' (a path is relative to this folder)."),
    ),
]
CrosswalkOpt = Annotated[
    str | None,
    typer.Option(
        "--crosswalk",
        metavar="NAME",
        help=N_(
            "Lay the unit against another framework: a shipped crosswalk (sswb-act, nsun-4pi, imroc-10, "
            "tlap-ladder) or a crosswalk file of your own. See docs/crosswalks.md."
        ),
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help=N_("Treat warnings as errors."))]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help=N_(
            "The day to check review dates against: a not-applicable justification or a privacy waiver "
            "due before it is listed to ask again. Default: the file's assessed_on."
        ),
    ),
]
FailUnderOpt = Annotated[
    int | None,
    typer.Option(
        "--fail-under", metavar="LEVEL", min=0, help=N_("Exit with code 1 if the attained level is below LEVEL.")
    ),
]
ReportTableOpt = Annotated[
    ReportTable | None,
    typer.Option(
        "--table",
        help=N_("With csv: gaps (one row per gap, default) or actions (every action). See docs/spreadsheets.md."),
        show_default=False,
    ),
]
SummaryTableOpt = Annotated[
    SummaryTable | None,
    typer.Option(
        "--table",
        help=N_(
            "With csv: levels (units × levels, default) or targets (units × targets, each target's status). "
            "See docs/spreadsheets.md."
        ),
        show_default=False,
    ),
]
UnitArg = Annotated[Path, typer.Argument(metavar="UNIT.yaml", help=N_("The unit's evidence file."), show_default=False)]


def plain_text(value: str | None) -> str | None:
    """A text option that goes into a file (a name, say), refused at once if a file could not hold it:
    the reader would refuse the file written with it."""
    from coprod_cli.reading.yamlread import refused_character

    why = None if value is None else refused_character(value)
    if why is not None:
        raise typer.BadParameter(why)
    return value


def exit_for(attained: int, top: int, fail_under: int | None) -> int:
    """1 if the attained level is below ``--fail-under``, else 0."""
    if fail_under is None:
        return EXIT_OK
    if fail_under > top:
        raise UsageError(
            _(
                "--fail-under {given} is above the framework's top level ({top}); use 0 to {top}",
                given=fail_under,
                top=top,
            )
        )
    return EXIT_BELOW if attained < fail_under else EXIT_OK


def guard_output(
    text: str,
    label: str,
    beside: Path,
    allowed: frozenset[str],
    waivers: "Iterable[WaiverNote] | None" = None,
    *,
    ours: Iterable[str] = (),
    form: "Form" = "plain",
) -> None:
    """Refuse to let personal data out (see ``privacy.guard``), with the settings of ``beside``'s folder;
    ``waivers`` for an evidence file written from inputs, whose waivers they bound; ``ours``, what
    coprod wrote itself (a revision's label), is not scanned; ``form`` is how the output is read (a
    markdown or HTML page is also scanned as a reader sees it)."""
    from coprod_cli.privacy.guard import check_output

    check_output(text, label, beside.parent, allowed, waivers=waivers, ours=ours, form=form)

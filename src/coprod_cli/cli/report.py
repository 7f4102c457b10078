"""The command that writes a unit's gap report: ``report``, markdown or HTML, standard or easy-read,
or one of its tables as a CSV file (docs/spreadsheets.md).

A plain function with typer annotations; ``app`` registers it, so it runs inside its one
error handler.  The renderers (and jinja2 with them) are imported when it runs.
"""

import sys
from enum import StrEnum
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
    ReportFormat,
    ReportTable,
    ReportTableOpt,
    StrictOpt,
    UnitArg,
    described,
    err,
    exit_for,
    given_day,
    guard_output,
    output_format,
    table_for,
)
from coprod_cli.errors import Problem, UsageError
from coprod_cli.i18n import N_, _


class ReportStyle(StrEnum):
    standard = "standard"
    easy_read = "easy-read"
    poster = "poster"


class Ratings(StrEnum):
    by_role = "by-role"
    by_person = "by-person"


@described(N_("Write the gap report for a unit: markdown or HTML, standard or easy-read, or a CSV table."))
def report_command(
    unit: UnitArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=N_("Where to write the report (default: print it).")),
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            help=N_(
                "md (markdown), html (one self-contained page to open, print or send) or csv (a table for a "
                "spreadsheet, see --table). Default: html when FILE ends in .html or .htm, csv when it ends "
                "in .csv, else md."
            ),
            show_default=False,
        ),
    ] = None,
    table: ReportTableOpt = None,
    style: Annotated[
        ReportStyle,
        typer.Option(
            "--style",
            help=N_(
                "standard (the full report), easy-read (short sentences, plain words, what matters most) "
                "or poster (the “You said, we did” page for the wall, from the file's you_said_we_did: log)."
            ),
        ),
    ] = ReportStyle.standard,
    ratings: Annotated[
        Ratings,
        typer.Option(
            "--ratings",
            help=N_(
                "How the report shows each person's own ratings where views differ: by-role (counted by "
                "role, no names) or by-person (each name). See docs/privacy.md."
            ),
        ),
    ] = Ratings.by_role,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="DIR",
            help=N_(
                "A folder with your own report.md.j2, report.html.j2, report.easy-read.md.j2, "
                "report.easy-read.html.j2, poster.md.j2 or poster.html.j2 (the others come from the shipped ones)."
            ),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace FILE even if coprod did not write it."))] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline", metavar="OLD.yaml", help=N_("Add what changed since this earlier evidence file of the unit.")
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="REV", help=N_("Add what changed since the file as committed at git revision REV.")
        ),
    ] = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    fail_under: FailUnderOpt = None,
    as_of: AsOfOpt = None,
    crosswalk: CrosswalkOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.reports.bilingual import in_chosen_languages
    from coprod_cli.rollup.compare import Comparison, since_from_file, since_from_rev
    from coprod_cli.scoring.check import load_evidence
    from coprod_cli.scoring.score import Result, score

    if baseline is not None and since is not None:
        raise UsageError(_("--baseline and --since both say what to compare with; give one of them"))
    if style is ReportStyle.poster and (baseline is not None or since is not None):
        raise UsageError(
            _(
                "the poster shows the 'you_said_we_did:' log as it is now; leave out --baseline and --since, "
                "or choose another --style"
            )
        )
    if crosswalk is not None and (baseline or since):
        raise UsageError(
            _("--crosswalk writes the report against another framework; it does not take --baseline or --since")
        )
    if crosswalk is not None and style is ReportStyle.poster:
        raise UsageError(
            _("--crosswalk writes the report against another framework; choose --style standard or easy-read for it")
        )
    inputs = [unit, *([baseline] if baseline else [])]
    if output is not None:
        check_target(output, inputs=inputs, force=force)  # first: an evidence file is refused as such
    kind = output_format(format, output, ReportFormat.md)
    chosen = table_for(kind, table, ReportTable.gaps)
    if kind is ReportFormat.csv:
        _only_the_table(style is not ReportStyle.standard, template, baseline, since, crosswalk)
    made: list[tuple[Result, Comparison | None]] = []
    found: list[Problem] = []
    day = given_day("--as-of", as_of)

    def make() -> str:
        """The report in the language spoken now; ``made`` keeps what the first one was made from."""
        result = score(load_evidence(unit, str(unit), framework=framework, strict=strict, as_of=day))
        change = None
        if baseline is not None:
            change = since_from_file(baseline, result, framework=framework)
        elif since is not None:
            change = since_from_rev(since, unit, result)
        made.append((result, change))
        if kind is ReportFormat.csv:
            from coprod_cli.reports.csv_table import report_table

            return report_table(result, chosen.value)
        if style is ReportStyle.poster:
            from coprod_cli.reports import poster

            render_poster = poster.render_html if kind is ReportFormat.html else poster.render_markdown
            return render_poster(result, template_dir=template)
        if crosswalk is not None:  # docs/crosswalks.md, "The report against a crosswalk"
            from coprod_cli.framework.crosswalk import load_crosswalk
            from coprod_cli.reports.crosswalk import render_report
            from coprod_cli.scoring.crosswalk import against, statuses

            laid = against(load_crosswalk(crosswalk), result.framework, statuses(result))
            found.extend(laid.warnings)
            easy = style is ReportStyle.easy_read
            return render_report(result, laid, kind.value, easy_read=easy, template_dir=template)
        if kind is ReportFormat.html:
            from coprod_cli.reports.html_report import render as render_html

            return render_html(result, style.value, template_dir=template, since=change, ratings=ratings.value)
        if style is ReportStyle.easy_read:
            from coprod_cli.reports.easy_read import render_markdown

            return render_markdown(result, template_dir=template, since=change)
        from coprod_cli.reports.markdown_report import render

        return render(result, template_dir=template, since=change, ratings=ratings.value)

    if kind is ReportFormat.csv:  # one language: with cy+en, the first (docs/spreadsheets.md, 'Languages')
        text = make()
    else:
        text = in_chosen_languages(make, "html" if kind is ReportFormat.html else "markdown")
    result, change = made[0]
    code = exit_for(result.attained_level, result.top_level, fail_under)
    allowed = result.waived_keys | (change.waived_keys if change else frozenset())
    ours = (change.before.file,) if since is not None and change is not None else ()  # "REV:FILE", coprod's label
    guard_output(
        text,
        str(output or _("the report")),
        unit,
        allowed,
        ours=ours,
        form="html" if kind is ReportFormat.html else "plain" if kind is ReportFormat.csv else "markdown",
    )
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text, inputs=inputs, force=force)
        print_warnings(result.warnings)
        err(_("Wrote {path}.", path=output))
    print_warnings(tuple(dict.fromkeys(found)))
    raise typer.Exit(code)


def _only_the_table(
    styled: bool, template: Path | None, baseline: Path | None, since: str | None, crosswalk: str | None
) -> None:
    """Refuse an option that a CSV table would silently leave out."""
    given = (
        ("--style", styled),
        ("--template", template),
        ("--baseline", baseline),
        ("--since", since),
        ("--crosswalk", crosswalk),
    )
    for option, value in given:
        if value:
            raise UsageError(
                _(
                    "{option} is for the md and html reports, not a CSV table; leave it out, or choose --format md "
                    "or --format html",
                    option=option,
                )
            )

"""The commands that look across units and over time: ``summary``, ``compare`` and ``history``.

Plain functions with typer annotations; ``app`` registers them, so they run inside its one
error handler (coprod's errors exit 2 with every problem listed).
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coprod_cli.cli.emit import (
    FORMS,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    TemplateOpt,
    emit,
    on_console,
    service_text,
    text_of,
)
from coprod_cli.cli.options import (
    AsOfOpt,
    CrosswalkOpt,
    FrameworkOpt,
    FrameworksDirOpt,
    LangOpt,
    ServiceFormat,
    StrictOpt,
    SummaryFormat,
    SummaryTable,
    SummaryTableOpt,
    described,
    err,
    given_day,
    output_format,
    table_for,
)
from coprod_cli.errors import InputError, UsageError
from coprod_cli.i18n import N_, _, n_

if TYPE_CHECKING:
    pass

PROGRESS_FROM = 20
"""Files to read before a progress bar is worth showing (only ever on a terminal)."""


class _Progress:
    """A rich progress bar on stderr, started only on a terminal and only for many files."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.enabled or total < PROGRESS_FROM:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(_("Reading evidence files"), total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@described(
    N_(
        "Summarise many units side by side: levels, shared priorities, enablers, who took part.\n\n"
        "Files that name the same unit (same name and organisation, ignoring capitals and spacing) are one unit, "
        "counted once at its latest 'assessed_on'; its older files are listed as earlier assessments. Units on "
        "different frameworks (or versions) are shown apart. A file that cannot be read, or a unit assessed in "
        "two files on its latest day, is listed with its problems while the others are still summarised; the "
        "command then exits 2."
    )
)
def summary_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help=N_(
                "Evidence files, or folders to search (with their subfolders) for *.yaml and *.yml "
                "files with a top-level 'unit:'."
            ),
            show_default=False,
        ),
    ],
    format: Annotated[
        SummaryFormat | None,
        typer.Option(
            "--format",
            help=N_(
                "text for people, json for scripts, markdown for a shared document, html for one page "
                "with heatmaps to open, print or send, csv for a spreadsheet (see --table). Default: html when "
                "FILE ends in .html or .htm, csv when it ends in .csv, else text."
            ),
            show_default=False,
        ),
    ] = None,
    table: SummaryTableOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    fail_under: Annotated[
        int | None,
        typer.Option(
            "--fail-under",
            metavar="LEVEL",
            min=0,
            help=N_("Exit with code 1 if any unit's attained level is below LEVEL."),
        ),
    ] = None,
    as_of: AsOfOpt = None,
    crosswalk: CrosswalkOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.rollup.summary import summarise

    if output is not None:
        from coprod_cli.editing.writer import check_target

        check_target(output, force=force)  # first: an evidence file is refused as such
    kind = output_format(format, output, SummaryFormat.text)
    chosen = table_for(kind, table, SummaryTable.levels)
    bar = _Progress(sys.stderr.isatty())
    try:
        result = summarise(paths, framework=framework, strict=strict, as_of=given_day("--as-of", as_of), progress=bar)
    finally:
        bar.close()
    if not result.groups and not result.invalid and not result.ties:
        where = ", ".join(str(p) for p in paths)
        raise UsageError(
            _(
                "no evidence files found in {where}: an evidence file is a .yaml or .yml file with a top-level "
                "'unit:'; create one with: coprod init UNIT.yaml --unit NAME",
                where=where,
            )
        )
    code = 0
    if fail_under is not None:
        top = min(g.levels[-1][0] for g in result.groups) if result.groups else fail_under
        if fail_under > top:
            raise UsageError(
                _(
                    "--fail-under {given} is above a framework's top level ({top}); use 0 to {top}",
                    given=fail_under,
                    top=top,
                )
            )
        code = 1 if any(u.attained_level < fail_under for u in result.units) else 0
    if crosswalk is not None:  # docs/crosswalks.md, "Across units"
        from coprod_cli.cli.crosswalk import summary_against

        text = summary_against(crosswalk, result, kind.value, template)
    elif kind is SummaryFormat.json:
        from coprod_cli.reports.json_result import dumps
        from coprod_cli.reports.summary import summary_dict

        text = dumps(summary_dict(result))
    elif kind is SummaryFormat.markdown:
        from coprod_cli.reports.bilingual import in_chosen_languages
        from coprod_cli.reports.summary import summary_markdown

        text = in_chosen_languages(lambda: summary_markdown(result, template_dir=template), "markdown")
    elif kind is SummaryFormat.html:
        from coprod_cli.reports.bilingual import in_chosen_languages
        from coprod_cli.reports.html_report import render_summary

        text = in_chosen_languages(lambda: render_summary(result, template_dir=template), "html")
    elif kind is SummaryFormat.csv:
        from coprod_cli.reports.csv_table import summary_table

        text = summary_table(result, chosen.value)
    else:
        from coprod_cli.reports.summary import summary_text

        text = text_of(lambda console: summary_text(result, console))
    first = paths[0]
    emit(
        text,
        output=output,
        force=force,
        inputs=[Path(file) for file in result.files],
        beside=first if first.is_dir() else first.parent,
        allowed=result.waived_keys,
        label=_("the summary"),
        form=FORMS.get(kind, "plain"),
    )
    if result.problems:
        raise InputError(result.problems)
    raise typer.Exit(code)


@described(
    N_(
        "Compare two assessments of one unit: levels before and after, targets improved or regressed, and what "
        "happened to the actions (completed, still open, dropped, new).\n\n"
        "Both must assess the same unit (the same name and organisation, ignoring capitals and spacing) unless "
        "--different-units is given, and be on the same framework; different versions of it are compared "
        "target by target."
    )
)
def compare_command(
    old: Annotated[Path, typer.Argument(metavar="OLD.yaml", help=N_("The older evidence file."), show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW.yaml", help=N_("The newer evidence file."), show_default=False)],
    format: FormatOpt = ServiceFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    different_units: Annotated[
        bool,
        typer.Option(
            "--different-units",
            help=N_("Compare the files even though they assess two different units (another name or organisation)."),
        ),
    ] = False,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.reading.textfile import real_path
    from coprod_cli.rollup.compare import compare, other_unit, same_unit
    from coprod_cli.scoring.check import load_evidence
    from coprod_cli.scoring.score import score

    if output is not None:
        from coprod_cli.editing.writer import check_target

        check_target(output, inputs=[old, new], force=force)
    before = score(load_evidence(old, str(old), framework=framework, strict=strict))
    after = score(load_evidence(new, str(new), framework=framework, strict=strict))
    if real_path(old, str(old)) == real_path(new, str(new)):
        err(
            _(
                "coprod: warning: {old} and {new} are the same file, so nothing can have changed; give an earlier "
                "copy as OLD.yaml, or see every committed version with: coprod history {new}",
                old=old,
                new=new,
            )
        )
    if not (different_units or same_unit(before, after)):
        raise other_unit(
            before,
            after,
            _("compare two assessments of one unit, or add --different-units if you mean to compare two units"),
        )
    result = compare(before, after, different_units=different_units)
    from coprod_cli.reports import compare as view

    text = service_text(
        format, result, template, view.compare_dict, view.compare_markdown, on_console(view.compare_text)
    )
    emit(
        text,
        output=output,
        force=force,
        inputs=[old, new],
        beside=new.parent,
        allowed=result.waived_keys,
        label=_("the comparison"),
        form=FORMS.get(format, "plain"),
    )


@described(
    N_(
        "Show how a unit's levels changed over every committed version of its file (renames followed).\n\n"
        "Each version is scored against its framework as committed at the time (a built-in framework as "
        "installed today) and again against today's framework, so a change in the unit shows apart from a "
        "change in the framework. Versions that cannot be read are listed as warnings; the others are still "
        "shown."
    )
)
def history_command(
    unit: Annotated[
        Path, typer.Argument(metavar="UNIT.yaml", help=N_("An evidence file in a git repository."), show_default=False)
    ],
    format: FormatOpt = ServiceFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.rollup.history import history

    if output is not None:
        from coprod_cli.editing.writer import check_target

        check_target(output, inputs=[unit], force=force)
    result = history(unit)
    from coprod_cli.reports import history as view

    text = service_text(
        format, result, template, view.history_list, view.history_markdown, on_console(view.history_text)
    )
    emit(
        text,
        output=output,
        force=force,
        inputs=[unit],
        beside=unit.parent,
        allowed=result.waived_keys,
        label=_("the history"),
        ours=result.commits,
        form=FORMS.get(format, "plain"),
    )
    for broken in result.broken:
        first = broken.problems[0]
        more = len(broken.problems) - 1
        shown = {"unit": unit, "commit": broken.short, "day": broken.date[:10], "problem": first.render()}
        if more:
            err(
                n_(
                    "coprod: warning: the version of {unit} in commit {commit} ({day}) could not be read and is "
                    "left out: {problem} (and {count} more problems)",
                    "coprod: warning: the version of {unit} in commit {commit} ({day}) could not be read and is "
                    "left out: {problem} (and {count} more problems)",
                    more,
                    **shown,
                )
            )
        else:
            err(
                _(
                    "coprod: warning: the version of {unit} in commit {commit} ({day}) could not be read and is "
                    "left out: {problem}",
                    **shown,
                )
            )

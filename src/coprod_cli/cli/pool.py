"""The ``coprod pool`` commands: ``export`` a folder of units as an anonymised pool file, and
``compare`` a unit with the similar units of a pool (docs/pool.md).

Plain functions with typer annotations; ``app`` registers them, so they run inside its one
error handler (coprod's errors exit 2 with every problem listed).
"""

from pathlib import Path
from typing import Annotated

import typer

from coprod_cli.cli.emit import FORMS, ForceOpt, FormatOpt, OutputOpt, TemplateOpt, emit, service_text
from coprod_cli.cli.options import FrameworkOpt, FrameworksDirOpt, LangOpt, ServiceFormat, StrictOpt, described, err
from coprod_cli.errors import InputError, UsageError
from coprod_cli.i18n import N_, _, n_


@described(
    N_(
        "Write an anonymised pool file for the units under PATH: for each unit's latest assessment only its "
        "kind, framework, month, statuses, attained level and percents, with no names, free text, "
        "organisation or file names (docs/pool.md). A regional network collects these files to compare "
        "similar units with 'coprod pool compare'."
    )
)
def export_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help=N_("Evidence files, or folders to search (with their subfolders) for evidence files."),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="POOL_FILE", help=N_("Where to write the pool file (YAML).")),
    ],
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.editing.writer import check_target
    from coprod_cli.reports.pool import pool_yaml
    from coprod_cli.rollup.pool import export

    check_target(output, force=force)
    found = export(paths)
    if not found.units and not found.summary.problems:
        where = ", ".join(str(p) for p in paths)
        raise UsageError(
            _(
                "no evidence files found in {where}: an evidence file is a .yaml or .yml file with a top-level "
                "'unit:'; create one with: coprod init UNIT.yaml --unit NAME",
                where=where,
            )
        )
    if found.summary.problems:
        raise InputError(found.summary.problems)  # a pool short of a unit would mislead: nothing is written
    first = paths[0]
    emit(
        pool_yaml(found.units),
        output=output,
        force=force,
        inputs=[Path(file) for file in found.summary.files],
        beside=first if first.is_dir() else first.parent,
        allowed=frozenset(),
        label=str(output),
    )
    err(n_("The pool holds {count} unit.", "The pool holds {count} units.", len(found.units)))


@described(
    N_(
        "Place a unit among the pool units of the same kind and framework version: per level its percentile, "
        "the median and the number compared, and the targets most of them have met that it has not.\n\n"
        "POOL is a pool file or a folder of them. With fewer than five comparable units nothing is compared "
        "(small-cell suppression) and the command says so and exits 0. An entry identical to the unit's own "
        "export is left out, so a unit is never compared with itself."
    )
)
def compare_command(
    pool: Annotated[
        Path, typer.Argument(metavar="POOL", help=N_("A pool file, or a folder of pool files."), show_default=False)
    ],
    unit: Annotated[
        Path, typer.Argument(metavar="UNIT.yaml", help=N_("The unit's evidence file."), show_default=False)
    ],
    format: FormatOpt = ServiceFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    strict: StrictOpt = False,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.reports import pool as view
    from coprod_cli.rollup.pool import place, read_pools
    from coprod_cli.rollup.rows import UnitRow
    from coprod_cli.scoring.check import load_evidence
    from coprod_cli.scoring.score import score

    if output is not None:
        from coprod_cli.editing.writer import check_target

        check_target(output, inputs=[pool, unit], force=force)
    if not pool.exists():
        raise UsageError(_("{path}: no such file or folder; give a pool file or a folder of them", path=pool))
    result = score(load_evidence(unit, str(unit), framework=framework, strict=strict))
    units, files = read_pools(pool)
    placement = place(UnitRow.of(result), units, files)
    text = service_text(format, placement, template, view.placement_dict, view.placement_markdown, view.placement_text)
    emit(
        text,
        output=output,
        force=force,
        inputs=[unit, *(Path(f) for f in files)],
        beside=unit.parent,
        allowed=result.waived_keys,
        label=_("the comparison"),
        form=FORMS.get(format, "plain"),
    )

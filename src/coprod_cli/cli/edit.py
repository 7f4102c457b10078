"""The commands that write a unit's evidence file: ``init`` (a new one) and ``migrate`` (onto a framework).

Plain functions with typer annotations; ``app`` registers them, so they run inside its one
error handler.  ``merge`` and ``interview`` have modules of their own.
"""

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from coprod_cli.cli.merge import RaterOpt, RoleOpt, rater_from
from coprod_cli.cli.options import (
    FrameworkOpt,
    FrameworksDirOpt,
    LangOpt,
    UnitArg,
    described,
    err,
    guard_output,
    plain_text,
)
from coprod_cli.errors import UsageError
from coprod_cli.i18n import N_, _


@described(
    N_(
        "Create a ready-to-fill evidence file listing every target. Never overwrites.\n\n"
        "Its first line points editors (VS Code's YAML extension and others using the YAML language server) "
        "at a JSON Schema, so they complete and check it as it is typed."
    )
)
def init_command(
    unit_file: Annotated[
        Path, typer.Argument(metavar="UNIT.yaml", help=N_("The evidence file to create."), show_default=False)
    ],
    unit: Annotated[
        str,
        typer.Option("--unit", metavar="NAME", callback=plain_text, help=N_("The unit's name, e.g. 'Cefn Yr Afon'.")),
    ],
    service: Annotated[
        str | None, typer.Option("--service", metavar="TEXT", callback=plain_text, help=N_("The kind of service."))
    ] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", metavar="TEXT", callback=plain_text, help=N_("The organisation."))
    ] = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    assessed_on: Annotated[
        str | None,
        typer.Option("--assessed-on", metavar="YYYY-MM-DD", help=N_("The assessment date (default: today).")),
    ] = None,
    schema: Annotated[
        Path | None,
        typer.Option(
            "--schema",
            metavar="FILE",
            help=N_(
                "JSON Schema for editors to check the file as you type "
                "(default: coprod-evidence.schema.json beside UNIT.yaml, written if missing)."
            ),
        ),
    ] = None,
    no_schema: Annotated[
        bool, typer.Option("--no-schema", help=N_("No editor schema line and no schema file."))
    ] = False,
    rater: RaterOpt = None,
    role: RoleOpt = None,
    lang: LangOpt = None,
) -> None:
    from pydantic_core import PydanticCustomError

    from coprod_cli.editing.skeleton import evidence_skeleton
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.framework.resolve import check_path_to_write
    from coprod_cli.hints import command, with_frameworks_dirs
    from coprod_cli.model.models import iso_date
    from coprod_cli.reading.textfile import real_path
    from coprod_cli.scoring.check import DEFAULT_FRAMEWORK, load_framework, looks_like_path, resolve_framework

    if not unit.strip():
        raise UsageError(_("--unit: give the unit's name, e.g. --unit 'Cefn Yr Afon'"))
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
        check_path_to_write(path, unit_file, "--framework")
        ref = os.path.relpath(real_path(path, shown), real_path(unit_file, str(unit_file)).parent)
    schema_file = None if no_schema else (schema or unit_file.parent / "coprod-evidence.schema.json")
    schema_ref = None
    if schema_file is not None:
        schema_ref = os.path.relpath(
            real_path(schema_file, str(schema_file)), real_path(unit_file, str(unit_file)).parent
        )
        schema_ref = schema_ref if schema_ref.startswith(".") else f"./{schema_ref}"
    found_with = with_frameworks_dirs(frameworks_dir)  # every printed command finds the framework as init did
    text = evidence_skeleton(
        loaded,
        schema_ref=schema_ref,
        rater=rater_from(rater, role),
        framework_ref=ref,
        unit=unit,
        service=service,
        organisation=organisation,
        assessed_on=day,
        check_command=command("validate", unit_file, *found_with),
    )
    guard_output(text, str(unit_file), unit_file, frozenset())
    write_text(unit_file, text, exclusive=True)
    err(
        _(
            "Wrote {path}: fill in each target's status, then run: {command}",
            path=unit_file,
            command=command("assess", unit_file, *found_with),
        )
    )
    if schema_file is not None and not schema_file.exists():
        from coprod_cli.cli.framework import schema_text

        write_text(schema_file, schema_text("evidence"))
        err(
            _(
                "Wrote {path}: the schema editors use to check {unit} as you type.",
                path=schema_file,
                unit=unit_file,
            )
        )


@described(
    N_(
        "Bring an evidence file onto a framework: show the edit as a diff, or --write it.\n\n"
        "Targets the framework dropped move under 'retired:' (kept, not scored); new ones are added as "
        "not-assessed with their text as a comment; every other line stays as it is."
    )
)
def migrate_command(
    unit: UnitArg,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="ID|PATH",
            help=N_("The framework to move onto (default: the one the file names, as it is now)."),
        ),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help=N_("Apply the change to the file instead of showing it."))
    ] = False,
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.editing.migrate import check_result, framework_ref_for, plan
    from coprod_cli.editing.writer import write_text
    from coprod_cli.framework.load import load_framework
    from coprod_cli.framework.resolve import DEFAULT_FRAMEWORK, check_path_to_write, looks_like_path, resolve_framework
    from coprod_cli.reading.yamlread import read_document

    if to is None:
        doc, _text = read_document(unit, str(unit))
        written = doc.data.get("framework") if isinstance(doc.data, dict) else None
        ref = written if isinstance(written, str) else DEFAULT_FRAMEWORK
        fw_path, shown = resolve_framework(ref, unit.parent, where=doc.problem(("framework",), ""))
    else:
        ref = to
        fw_path, shown = resolve_framework(to, Path(), label="--to")
        if looks_like_path(to):
            check_path_to_write(fw_path, unit, "--to")
    loaded = load_framework(fw_path, shown)
    migration = plan(unit, str(unit), loaded, framework_ref_for(unit, ref, fw_path))
    check_result(migration, str(unit))
    guard_output(migration.new_text, str(unit), unit, migration.waived_keys, migration.waivers)
    counts = {
        "retired": len(migration.retired),
        "added": len(migration.added),
        "restored": len(migration.restored),
    }
    if not migration.changed:
        err(_("{path}: already on {id} {version}; nothing to change.", path=unit, id=loaded.id, version=loaded.version))
        return
    if write:
        write_text(unit, migration.new_text, edit=True)  # only if it still holds what was read
        err(
            _(
                "Updated {path} onto {id} {version}: {retired} retired, {added} added, {restored} back from retired.",
                path=unit,
                id=loaded.id,
                version=loaded.version,
                **counts,
            )
        )
        return
    sys.stdout.write(migration.diff(str(unit)))
    err(
        _(
            "{path}: {retired} retired, {added} added, {restored} back from retired. Nothing was written; "
            "run again with --write to apply it.",
            path=unit,
            **counts,
        )
    )

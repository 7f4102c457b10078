"""The command ``coprod import``: a ratings CSV from a spreadsheet into an evidence file.

A plain function with typer annotations; ``app`` registers it, so it runs inside its one error
handler.  It reads the options, opens the file to import into (or makes one as ``coprod init``
would), calls the core (:mod:`coprod_cli.editing.csv_import`), guards and writes the result.
"""

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_cli.cli.merge import RoleOpt
from coprod_cli.cli.options import (
    FrameworkOpt,
    FrameworksDirOpt,
    LangOpt,
    described,
    err,
    given_day,
    guard_output,
    plain_text,
)
from coprod_cli.errors import UsageError, clip
from coprod_cli.i18n import N_, _, n_

ADDED = N_("Added {name} ({role}) to the assessors in {path}.")
"""What the interview says when ``--as`` lists a new assessor; import says it of the file it writes."""

if TYPE_CHECKING:
    from coprod_cli.editing.csv_import import Imported
    from coprod_cli.interview.session import Session

AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="NAME",
        callback=plain_text,
        help=N_(
            "The statuses are NAME's own ratings (under 'ratings:'), not the group's agreed status; give --role "
            "too if NAME is not yet listed as an assessor."
        ),
    ),
]


def _day(given: str) -> date:
    """The date ``--assessed-on`` gives, or a usage error saying what is wrong with it."""
    day = given_day("--assessed-on", given)
    assert day is not None  # given is a date's text
    return day


def _new_session(
    output: Path,
    unit: str | None,
    assessed_on: str | None,
    framework: str | None,
    dirs: list[str],
    rater: tuple[str, str] | None,
) -> "Session":
    """A new evidence file as ``coprod init`` (``--as NAME --role ROLE``) makes it, to import into."""
    from coprod_cli.framework.load import load_framework
    from coprod_cli.framework.resolve import DEFAULT_FRAMEWORK, check_path_to_write, looks_like_path, resolve_framework
    from coprod_cli.hints import command
    from coprod_cli.interview.session import Session, new_file_text
    from coprod_cli.interview.steps import steps_of
    from coprod_cli.reading.textfile import real_path
    from coprod_cli.reading.yamlread import parse_text
    from coprod_cli.scoring.check import cross_check_document

    if unit is None or not unit.strip():
        raise UsageError(
            _("--unit: give the unit's name for the new file, e.g. --unit 'Cefn Yr Afon' (or import --into a file)")
        )
    if assessed_on is None:
        raise UsageError(
            _("--assessed-on: give the date of the assessment, e.g. --assessed-on 2026-10-14 (or import --into a file)")
        )
    day = _day(assessed_on)
    ref = framework or DEFAULT_FRAMEWORK
    fw_path, fw_shown = resolve_framework(ref, Path())
    loaded = load_framework(fw_path, fw_shown)
    if looks_like_path(ref):
        check_path_to_write(fw_path, output, "--framework")
        ref = os.path.relpath(real_path(fw_path, fw_shown), real_path(output, str(output)).parent)
    text = new_file_text(
        loaded,
        framework_ref=ref,
        unit=" ".join(unit.split()),
        assessed_on=day,
        check_command=command("validate", output, *dirs),
        schema_ref=None,
        rater=rater,
    )
    shown = str(output)
    assessment = cross_check_document(parse_text(text, shown), loaded)
    name = " ".join(rater[0].split()) if rater is not None else None
    return Session(output, shown, text, assessment, steps_of(loaded), rater=name)


def _check_rater(as_: str | None, role: str | None) -> None:
    """Refuse --role without --as, and a blank --as, before anything is read."""
    from coprod_cli.interview.session import BLANK_RATER

    if as_ is None and role is not None:
        raise UsageError(_("--role goes with --as NAME: whose ratings are these?"))
    if as_ is not None and not as_.strip():
        raise UsageError(_(BLANK_RATER))


def _said(done: "Imported", session: "Session", into: Path | None, output: Path, role: str | None) -> list[str]:
    """What import tells the person: how many statuses went in, and the notes of ``--as``."""
    if session.rater is not None:
        lines = [
            n_(
                "Imported {count} rating for {name} into {path}.",
                "Imported {count} ratings for {name} into {path}.",
                done.rated,
                name=session.rater,
                path=output,
            )
        ]
    else:
        lines = [
            n_(
                "Imported {count} agreed status into {path}.",
                "Imported {count} agreed statuses into {path}.",
                done.rated,
                path=output,
            )
        ]
    if done.no_status:
        lines.append(
            n_(
                "{count} row gave no status; its other cells were imported.",
                "{count} rows gave no status; their other cells were imported.",
                done.no_status,
            )
        )
    for note in session.notes:  # from open_session, which speaks of the file it opened
        added = note == _(ADDED, name=session.rater, role=role, path=into)
        lines.append(_(ADDED, name=session.rater, role=role, path=output) if added else note)
    return lines


@described(
    N_(
        "Import a CSV of statuses, typed in from a spreadsheet or a paper form, into an evidence file.\n\n"
        "The CSV's first line names its columns: target (an id, or the target's text) and status, and any of "
        "evidence, action, owner, due, justification and notes; one row for each target. Statuses may be "
        "written as in the file (met, partial, not-met, not-applicable, not-assessed) or in the reports' "
        "words ('Partly met', 'Does not apply'), in English or Welsh; an empty status gives none. Commas, "
        "semicolons or tabs may separate the cells. Every problem is named at the CSV's line and column, and "
        "nothing is written until there are none.\n\n"
        "Without --into it makes a new file, as 'coprod init' would (give --unit and --assessed-on); with "
        "--into it starts from that file, keeping its comments (and --assessed-on gives the next assessment's "
        "date). With --as NAME the statuses are NAME's own "
        "ratings, for 'coprod merge'; without it, the group's agreed statuses. The result is written to -o, "
        "never over an input or an evidence file."
    )
)
def import_command(
    ratings: Annotated[
        Path, typer.Argument(metavar="RATINGS.csv", help=N_("The CSV file to import."), show_default=False)
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="OUT.yaml", help=N_("The evidence file to write."), show_default=False),
    ],
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            metavar="UNIT.yaml",
            help=N_("An evidence file to start from (it is not changed: the result goes to -o)."),
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", metavar="NAME", callback=plain_text, help=N_("The unit's name, for a new file (without --into).")
        ),
    ] = None,
    assessed_on: Annotated[
        str | None,
        typer.Option(
            "--assessed-on",
            metavar="YYYY-MM-DD",
            help=N_(
                "The assessment date: of the new file, or, with --into, of the next assessment, "
                "which starts from that file."
            ),
        ),
    ] = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    as_: AsOpt = None,
    role: RoleOpt = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Replace OUT.yaml if it exists (never an evidence file).")),
    ] = False,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.editing.csv_import import import_csv
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.hints import command, with_frameworks_dirs
    from coprod_cli.interview.session import open_session

    inputs = [ratings, *([into] if into is not None else [])]
    check_target(output, inputs=inputs, force=force)  # before any work: an input, a folder, a file not ours
    dirs = with_frameworks_dirs(frameworks_dir)
    role_given = role.value if role is not None else None
    _check_rater(as_, role_given)
    if into is None:
        if as_ is not None and role_given is None:
            raise UsageError(
                _(
                    "--as {name}: give their role too, e.g. --role service-user, to list them in {path}",
                    name=clip(as_),
                    path=output,
                )
            )
        rater = (as_, role_given) if as_ is not None and role_given is not None else None
        session = _new_session(output, unit, assessed_on, framework, dirs, rater)
    else:
        if unit is not None:
            raise UsageError(
                _(
                    "{option} is for a new file; with --into the file says it already — leave {option} out",
                    option="--unit",
                )
            )
        session = open_session(into, str(into), framework=framework, rater=as_, role=role_given)
        if assessed_on is not None:  # the next assessment, starting from the last one
            from dataclasses import replace

            from coprod_cli.interview.carry import next_assessment

            day = _day(assessed_on).isoformat()
            text = next_assessment(session.text, session.shown, session.assessment, session.steps, day)
            session = replace(session, text=text)
    done = import_csv(ratings, str(ratings), session)
    guard_output(done.text, str(output), output, done.waived_keys, done.waivers)
    write_text(output, done.text, inputs=inputs, force=force)
    for line in _said(done, session, into, output, role_given):
        err(line)
    again = ["--framework", framework] if framework is not None else []
    err(_("Check it with: {command}", command=command("assess", output, *again, *dirs)))

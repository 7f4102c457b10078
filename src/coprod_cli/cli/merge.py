"""The command that makes the assessment itself co-produced: ``merge``.

A plain function with typer annotations; ``cli`` registers it, so it runs inside its one
error handler (coprod's errors exit 2 with every problem listed).
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_cli.cli.options import FrameworksDirOpt, LangOpt, described, err, plain_text
from coprod_cli.errors import UsageError, clip
from coprod_cli.i18n import N_, _

if TYPE_CHECKING:
    from coprod_cli.editing.merge import Merged
    from coprod_cli.model.evidence import Assessor


class RoleChoice(StrEnum):
    service_user = "service-user"
    carer = "carer"
    staff = "staff"
    third_sector = "third-sector"
    manager = "manager"


RaterOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="NAME",
        callback=plain_text,
        help=N_(
            "Make NAME's own ratings file (give --role too): NAME is its one assessor, each status NAME's "
            "own rating; put everyone's files together with 'coprod merge'."
        ),
    ),
]
RoleOpt = Annotated[
    RoleChoice | None,
    typer.Option("--role", help=N_("NAME's role, with --as."), show_default=False),
]


def rater_from(name: str | None, role: RoleChoice | None) -> "Assessor | None":
    """The person ``init --as NAME --role ROLE`` makes a ratings file for (None without --as)."""
    from coprod_cli.model.evidence import Assessor

    if name is None:
        if role is not None:
            raise UsageError(_("--role goes with --as NAME: whose ratings file is it?"))
        return None
    if not name.strip():
        from coprod_cli.interview.session import BLANK_RATER

        raise UsageError(_(BLANK_RATER))
    if role is None:
        raise UsageError(
            _(
                "--as {name}: give their role too, e.g. --role service-user "
                "(service-user, carer, staff, third-sector or manager)",
                name=clip(name),
            )
        )
    return Assessor(name=" ".join(name.split()), role=role.value)


@described(
    N_(
        "Merge separate ratings files for one unit into one evidence file with everyone's ratings.\n\n"
        "Each person (or each role's group) rates the unit in their own file, e.g. one made with "
        "'coprod init --as NAME --role ROLE'.  The merged file lists each person's rating of every target under "
        "'ratings:'.  Where everyone agrees, the agreed status is set; where views differ it is left "
        "not-assessed for the group to settle together, and the differences are listed here.  All evidence and "
        "actions are kept.  Files for different units or frameworks are refused.  UNIT.yaml is never replaced "
        "unless --force is given, and never when it is an evidence file (one the group may have settled)."
    )
)
def merge_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help=N_("Ratings files of the same unit, one per person or role."), show_default=False
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="UNIT.yaml", help=N_("The merged evidence file to write."), show_default=False
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help=N_("Replace UNIT.yaml if it already exists (never an evidence file)."))
    ] = False,
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.editing.merge import merge
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.privacy.guard import check_output

    check_target(output, inputs=files, force=True)  # an input, a link, a folder, a missing folder
    if output.exists() and not force:
        raise UsageError(
            _(
                "{output}: already exists; coprod merge never replaces a file unless --force is given "
                "(it may hold the group's decisions) — choose another name",
                output=output,
            )
        )
    merged = merge(files, [str(f) for f in files], output)
    check_output(merged.text, str(output), output.parent, frozenset(), waivers=merged.waivers)
    write_text(output, merged.text, inputs=files, force=force, exclusive=not force)
    from coprod_cli.hints import command, with_frameworks_dirs

    for line in summary(merged, str(output), command("assess", output, *with_frameworks_dirs(frameworks_dir))):
        err(line)


def summary(merged: "Merged", output: str, assess: str) -> list[str]:
    """What merge tells the group: how much agreed, and each difference to settle."""
    from coprod_cli.model.models import STATUSES

    lines = [
        _(
            "Merged {files} files into {output}: {assessors} assessors; "
            "{rated} targets and enablers rated, {agreed} agreed.",
            files=len(merged.files),
            output=output,
            assessors=merged.assessors,
            rated=merged.rated,
            agreed=merged.agreed,
        )
    ]
    if merged.differences:
        lines.append(_("Left not-assessed for the group to settle ({count}):", count=len(merged.differences)))
        for d in merged.differences:
            groups = []
            for status in STATUSES:
                people = [f"{r.name} ({r.role})" for r in d.ratings if r.status == status]
                if people:
                    groups.append(f"{status}: {', '.join(people)}")
            lines.append(f"  {d.ident}: {d.reason} — {'; '.join(groups)}")
    if merged.notes:
        lines.append(_("Also:"))
        lines += [f"  {note}" for note in merged.notes]
    if merged.differences:
        lines.append(
            _("Next: agree a status for each of these in {output}, then run: {command}", output=output, command=assess)
        )
    else:
        lines.append(_("Next: check the merged file with: {command}", command=assess))
    return lines

"""The command ``coprod form``: a printable A4 rating form to fill in by hand (docs/forms.md).

A plain function with typer annotations; ``app`` registers it, so it runs inside its one error
handler.  It finds the framework (from UNIT.yaml, read and checked as every command reads it, or
from ``--framework``), asks :mod:`coprod_cli.reports.form` for the page, and writes it through
the writer, or prints it.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_cli.cli.merge import RoleChoice
from coprod_cli.cli.options import FrameworkOpt, FrameworksDirOpt, LangOpt, described, err, guard_output, plain_text
from coprod_cli.errors import UsageError
from coprod_cli.hints import with_frameworks_dirs
from coprod_cli.i18n import N_, _

if TYPE_CHECKING:
    from coprod_cli.reports.form import Form

HTML_SUFFIXES = (".html", ".htm")
"""The names a form may be written to: it is a web page, and only that (docs/forms.md, "The command")."""


def _form_for(
    unit: Path | None,
    framework: str | None,
    dirs: list[Path] | None,
    *,
    rater: str | None,
    role: str | None,
    unit_name: str | None,
) -> "tuple[Form, str, frozenset[str]]":
    """The form, what it is made from (for its marker), and the privacy waivers of its inputs: from
    UNIT.yaml, read and checked as every command reads it, else from the framework alone.  The
    command it prints for typing the answers in finds the framework as this one did."""
    from coprod_cli.framework.load import load_framework
    from coprod_cli.framework.resolve import DEFAULT_FRAMEWORK, resolve_framework
    from coprod_cli.reports.form import build
    from coprod_cli.scoring.check import load_evidence

    finding = [*(["--framework", framework] if framework else []), *with_frameworks_dirs(dirs)]
    if unit is None:
        fw = load_framework(*resolve_framework(framework or DEFAULT_FRAMEWORK, Path()))
        name = " ".join((unit_name or "").split()) or None
        return build(fw, unit=name, rater=rater, role=role, finding=finding), fw.ref, fw.waived_keys
    found = load_evidence(unit, str(unit), framework=framework)
    form = build(
        found.framework,
        unit=found.evidence.unit.name,
        assessed_on=found.evidence.assessed_on,
        rater=rater,
        role=role,
        unit_file=str(unit),
        finding=finding,
    )
    return form, str(unit), found.waived_keys


class FormStyle(StrEnum):
    standard = "standard"
    easy_read = "easy-read"


@described(
    N_(
        "Write a printable A4 rating form (one HTML page) for one person or one role to fill in by hand "
        "before the group meets.\n\n"
        "Each target has a tick box for every status and room for the evidence. With UNIT.yaml, the form "
        "is for that unit and its framework; without it, for --framework (default: rehab-recovery), with "
        "lines to write the unit and the date on. Type the answers in afterwards with 'coprod interview "
        "UNIT.yaml --as NAME --role ROLE'."
    )
)
def form_command(
    unit: Annotated[
        Path | None,
        typer.Argument(metavar="UNIT.yaml", help=N_("The unit's evidence file (optional)."), show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FORM.html", help=N_("Where to write the form (default: print it).")),
    ] = None,
    style: Annotated[
        FormStyle,
        typer.Option(
            "--style",
            help=N_("standard, or easy-read (plain words, large type, big tick boxes, one target a box)."),
        ),
    ] = FormStyle.standard,
    as_: Annotated[
        str | None,
        typer.Option(
            "--as", metavar="NAME", callback=plain_text, help=N_("Print NAME on the form as the person it is for.")
        ),
    ] = None,
    role: Annotated[
        RoleChoice | None,
        typer.Option(
            "--role",
            help=N_("Their role; without --as, the form is for that role's group."),
            show_default=False,
        ),
    ] = None,
    unit_name: Annotated[
        str | None,
        typer.Option(
            "--unit", metavar="NAME", callback=plain_text, help=N_("The unit's name, for a form without UNIT.yaml.")
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace FILE even if coprod did not write it."))] = False,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.interview.session import BLANK_RATER
    from coprod_cli.reports.bilingual import in_chosen_languages
    from coprod_cli.reports.form import render

    if as_ is not None and not as_.strip():
        raise UsageError(_(BLANK_RATER))
    if unit is not None and unit_name is not None:
        raise UsageError(_("--unit is for a form without UNIT.yaml; the unit's name comes from {path}", path=unit))
    if output is not None:
        if output.suffix and output.suffix.lower() not in HTML_SUFFIXES:
            raise UsageError(
                _(
                    "{output}: a form is an HTML page, to open and print; give a name ending in .html or .htm, "
                    "such as {example}",
                    output=output,
                    example=output.with_suffix(".html"),
                )
            )
        check_target(output, inputs=[unit] if unit else [], force=force)
    rater = " ".join(as_.split()) if as_ is not None else None
    form, source, allowed = _form_for(
        unit, framework, frameworks_dir, rater=rater, role=role.value if role else None, unit_name=unit_name
    )
    text = in_chosen_languages(lambda: render(form, style.value, source=source), "html")
    guard_output(text, str(output or _("the form")), unit or output or Path("form.html"), allowed, form="html")
    if output is None:
        sys.stdout.write(text)
        return
    write_text(output, text, inputs=[unit] if unit else [], force=force)
    err(_("Wrote {path}.", path=output))

"""The ready-to-fill evidence file that ``coprod init`` writes."""

from __future__ import annotations

from datetime import date

from coprod_cli.editing.yamltext import comment_text, flow_mapping, key_text, quoted
from coprod_cli.model.models import Assessor, Level
from coprod_cli.scoring.check import LoadedFramework

SIGN_OFF_EXAMPLE = (
    "# When the group agrees a level's result, those who agree sign it off, e.g.",
    "# sign_off:",
    '#   1: [{name: "First name or initials", date: 2026-10-14}]',
)
"""The comment on signing off a level, in every file init and merge write."""


def level_heading(level: Level) -> str:
    """The comment above a level's targets, as init and merge write it."""
    return f"  # ---- Level {level.number}: {comment_text(level.title)} ----"


def evidence_skeleton(
    fw: LoadedFramework,
    *,
    framework_ref: str,
    unit: str,
    service: str | None,
    organisation: str | None,
    assessed_on: date,
    check_command: str,
    schema_ref: str | None = None,
    rater: Assessor | None = None,
) -> str:
    """Every target and enabler at not-assessed, each with its text as a comment above it.

    ``check_command`` is the ``coprod validate`` command the file suggests, as it works where
    the file was made (docs/evidence-file.md).

    With ``rater`` it is one person's own ratings file (``coprod init --as NAME --role ROLE``): that
    person is the one assessor, so each status they set is their own rating of the target, and
    ``coprod merge`` turns everyone's files into the group's one file with ``ratings:``.
    """
    model = fw.model
    out = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    out += [
        f"# Co-production self-assessment for {comment_text(unit)}",
        f"# Framework: {model.id} {model.version} — {comment_text(model.title)}",
        "#",
    ]
    if rater is None:
        out.append("# Fill this in together: staff, service users and carers.")
    else:
        out += [
            f"# This is {comment_text(rater.name)}'s own rating of the unit: set each status to your own view.",
            "# When everyone has rated, put the files together and see where views differ with:",
            "#   coprod merge FILE1.yaml FILE2.yaml ... -o UNIT.yaml",
        ]
    out += [
        "# For each target set 'status:' to one of:",
        "#   met, partial, not-met, not-applicable, not-assessed",
        "# Say what shows it under 'evidence:', and agree an 'action:' for each gap, e.g.",
        "#     evidence:",
        '#       - {description: "Minutes of the weekly community meeting", date: 2026-09-30}',
        '#     action: {description: "Start a buddy rota", owner: "Ward manager", due: 2027-01-31}',
        "# A target that does not apply needs 'justification:' saying why.",
        "# Put text containing ' #' or ': ' in double quotes.",
        f"# Check the file at any time with: {check_command}",
        "unit:",
        f"  name: {quoted(unit)}",
    ]
    if service:
        out.append(f"  service: {quoted(service)}")
    if organisation:
        out.append(f"  organisation: {quoted(organisation)}")
    out += [
        f"framework: {quoted(framework_ref) if framework_ref != model.id else model.id}",
        f"assessed_on: {assessed_on.isoformat()}",
        "assessors:",
        "  # One line for each person taking part; roles: service-user, carer, staff, third-sector, manager",
    ]
    if rater is None:
        out.append('  # - {name: "First name or initials", role: service-user}')
    else:
        out.append(f"  - {flow_mapping({'name': rater.name, 'role': rater.role})}")
    out += [*SIGN_OFF_EXAMPLE, "targets:"]
    for level in model.levels:
        out.append(level_heading(level))
        for target in level.targets:
            out.append(f"  # {comment_text(target.text)}")
            out.append(f"  {key_text(target.id)}:")
            out.append("    status: not-assessed")
    if model.enablers:
        out.append("enablers:")
        out.append("  # These support every level; they do not count in the level scores.")
        for enabler in model.enablers:
            out.append(f"  # {comment_text(enabler.text)}")
            out.append(f"  {key_text(enabler.id)}:")
            out.append("    status: not-assessed")
    return "\n".join(out) + "\n"

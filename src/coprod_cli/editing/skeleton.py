"""The ready-to-fill evidence file that ``coprod init`` writes."""

from __future__ import annotations

import json
import re
from datetime import date

from coprod_cli.model.models import Assessor
from coprod_cli.scoring.check import LoadedFramework

_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _key(ident: str) -> str:
    return ident if _PLAIN_KEY.fullmatch(ident) else _quoted(ident)


def _comment(text: str) -> str:
    return " ".join(text.split())


def evidence_skeleton(
    fw: LoadedFramework,
    *,
    framework_ref: str,
    unit: str,
    service: str | None,
    organisation: str | None,
    assessed_on: date,
    file_name: str,
    schema_ref: str | None = None,
    rater: Assessor | None = None,
) -> str:
    """Every target and enabler at not-assessed, each with its text as a comment above it.

    With ``rater`` it is one person's own ratings file (``coprod init --as NAME --role ROLE``): that
    person is the one assessor, so each status they set is their own rating of the target, and
    ``coprod merge`` turns everyone's files into the group's one file with ``ratings:``.
    """
    model = fw.model
    out = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    out += [
        f"# Co-production self-assessment for {_comment(unit)}",
        f"# Framework: {model.id} {model.version} — {_comment(model.title)}",
        "#",
    ]
    if rater is None:
        out.append("# Fill this in together: staff, service users and carers.")
    else:
        out += [
            f"# This is {_comment(rater.name)}'s own rating of the unit: set each status to your own view.",
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
        f"# Check the file at any time with: coprod validate {file_name}",
        "unit:",
        f"  name: {_quoted(unit)}",
    ]
    if service:
        out.append(f"  service: {_quoted(service)}")
    if organisation:
        out.append(f"  organisation: {_quoted(organisation)}")
    out += [
        f"framework: {_quoted(framework_ref) if framework_ref != model.id else model.id}",
        f"assessed_on: {assessed_on.isoformat()}",
        "assessors:",
        "  # One line for each person taking part; roles: service-user, carer, staff, third-sector, manager",
    ]
    if rater is None:
        out.append('  # - {name: "First name or initials", role: service-user}')
    else:
        out.append(f"  - {{name: {_quoted(rater.name)}, role: {rater.role}}}")
    out += [
        "# When the group agrees a level's result, those who agree sign it off, e.g.",
        "# sign_off:",
        '#   1: [{name: "First name or initials", date: 2026-10-14}]',
        "targets:",
    ]
    for level in model.levels:
        out.append(f"  # ---- Level {level.number}: {_comment(level.title)} ----")
        for target in level.targets:
            out.append(f"  # {_comment(target.text)}")
            out.append(f"  {_key(target.id)}:")
            out.append("    status: not-assessed")
    if model.enablers:
        out.append("enablers:")
        out.append("  # These support every level; they do not count in the level scores.")
        for enabler in model.enablers:
            out.append(f"  # {_comment(enabler.text)}")
            out.append(f"  {_key(enabler.id)}:")
            out.append("    status: not-assessed")
    return "\n".join(out) + "\n"

"""The ready-to-fill evidence file that ``coprod init`` writes."""

from __future__ import annotations

import json
import re
from datetime import date

from .loader import LoadedFramework

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
) -> str:
    """Every target and enabler at not-assessed, each with its text as a comment above it."""
    model = fw.model
    out = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    out += [
        f"# Co-production self-assessment for {_comment(unit)}",
        f"# Framework: {model.id} {model.version} — {_comment(model.title)}",
        "#",
        "# Fill this in together: staff, service users and carers.",
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
        '  # - {name: "First name or initials", role: service-user}',
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

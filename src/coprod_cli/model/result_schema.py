"""The JSON Schema of ``coprod assess --format json``: the result, written by hand (docs/json-result.md).

The evidence, framework, pool and crosswalk schemas come from pydantic models (see
:mod:`coprod_cli.model.json_schema`); the result is a plain mapping, so its schema is written
out here field by field.
"""

from __future__ import annotations

from typing import Any

from coprod_cli.model import evidence
from coprod_cli.model.evidence import PROGRESS, UNIT_KINDS
from coprod_cli.model.models import ROLES, STATUSES

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _obj(props: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props, "required": list(props)}
    if description is not None:
        out["description"] = description
    return out


def _text(description: str | None = None) -> dict[str, Any]:
    return {"type": "string"} if description is None else {"type": "string", "description": description}


def _or_null(sub: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [sub, {"type": "null"}]}


def _count() -> dict[str, Any]:
    return {"type": "integer", "minimum": 0}


def _ids(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def result() -> dict[str, Any]:
    """The result's schema body (without ``$schema``, ``$id``, title and description)."""
    date = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    sha = {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "sha256 of the framework file's bytes."}
    named = _obj({"id": _text(), "version": _text(), "sha256": sha})
    framework = _obj(
        {"id": _text(), "version": _text(), "sha256": sha},
        "The framework the unit was scored against.",
    )
    framework["properties"]["parents"] = {
        "type": "array",
        "items": named,
        "description": "What a tailored framework extends, nearest first; empty for a complete one.",
    }
    action = _obj(
        {"description": _text(), "owner": _or_null(_text()), "due": _or_null(date), "overdue": {"type": "boolean"}}
    )
    status = {"enum": list(STATUSES)}
    enabler = _obj({"id": _text(), "status": status, "text": _text()})
    enabler["properties"]["action"] = action
    gap = _obj(
        {
            "id": _text(),
            "level": {"type": "integer", "minimum": 1},
            "status": {"enum": ["partial", "not-met", "not-assessed"]},
            "text": _text(),
        }
    )
    gap["properties"]["action"] = action
    level = _obj(
        {
            "number": {"type": "integer", "minimum": 1},
            "title": _text(),
            "percent": _or_null({"type": "number", "minimum": 0, "maximum": 100}),
            "threshold": {"type": "integer", "minimum": 0, "maximum": 100},
            "achieved": {"type": "boolean"},
            "counts": _obj({s: _count() for s in STATUSES}),
            "required_unmet": _ids("Required targets of this level below met."),
        }
    )
    next_level = _obj(
        {
            "number": {"type": "integer", "minimum": 1},
            "targets_needed": {**_count(), "description": "The fewest targets that must become met to achieve it."},
            "closest": _ids("One set of the fewest targets whose meeting achieves the level."),
            "nearest_wins": _ids("The level's partly met targets, in framework order."),
            "required": _ids("Required targets still below met."),
            "possible": {"type": "boolean"},
        },
        "What reaching the next level takes; null at the top level.",
    )
    warning = _obj(
        {
            "code": _text("A stable short name, e.g. stale-evidence."),
            "target": _or_null(_text()),
            "message": _text(),
            "file": _text(),
            "line": _count(),
            "column": _count(),
        }
    )
    props: dict[str, Any] = {
        "schema_version": {"const": 1},
        "file": _text("The evidence file, as it was named."),
        "unit": _obj(
            {
                "name": _text(),
                "service": _or_null(_text()),
                "organisation": _or_null(_text()),
                "kind": _or_null({"enum": list(UNIT_KINDS)}),
            }
        ),
        "framework": framework,
        "assessed_on": date,
        "attained_level": {
            "type": "integer",
            "minimum": 0,
            "description": "The highest N such that levels 1..N are all achieved; 0 if level 1 is not.",
        },
        "levels": {"type": "array", "items": level},
        "enablers": {"type": "array", "items": enabler},
        "gaps": {"type": "array", "items": gap, "description": "Applicable targets below met, by level."},
        "actions": {
            "type": "array",
            "items": _obj(
                {
                    "target": _text("The target or enabler it is for."),
                    "description": _text(),
                    "owner": _or_null(_text()),
                    "due": _or_null(date),
                    "status": {"enum": list(PROGRESS)},
                    "changed_on": _or_null(date),
                    "reason": _or_null(_text("Why it was dropped.")),
                    "overdue": {"type": "boolean"},
                }
            ),
            "description": "Every action, open, done or dropped, of the targets then the enablers, in framework order.",
        },
        "next_level": _or_null(next_level),
        "assessors": _obj({role: _count() for role in ROLES}, "How many assessors took part in each role."),
        "warnings": {"type": "array", "items": warning},
    }
    person = _obj({"name": _text(), "role": {"enum": list(ROLES)}, "status": status})
    level["properties"].update(
        sign_off_required={
            "type": "array",
            "items": {"enum": list(ROLES)},
            "description": "Roles of whom one must sign the level off before it counts as achieved.",
        },
        signed_off={"type": "array", "items": _obj({"name": _text(), "role": {"enum": list(ROLES)}, "date": date})},
        sign_off_missing={"type": "boolean", "description": "A sign-off is required and nobody of those roles signed."},
        awaiting_sign_off={"type": "boolean", "description": "The level would be achieved but for the sign-off."},
    )
    next_level["properties"]["sign_off_needed"] = {"type": "array", "items": {"enum": list(ROLES)}}
    props |= {
        "ratings": {
            "type": "array",
            "description": "Targets, then enablers, that carry anyone's own rating.",
            "items": _obj(
                {"target": _text(), "level": _count(), "agreed": status, "ratings": {"type": "array", "items": person}}
            ),
        },
        "disagreements": {
            "type": "array",
            "description": "Where views differ; a target may have both kinds.",
            "items": _obj(
                {
                    "target": _text(),
                    "level": _count(),
                    "agreed": status,
                    "ratings": {"type": "array", "items": person},
                    "kind": {"enum": ["spread", "staff-prevails"]},
                }
            ),
        },
        "voices": _obj({role: _count() for role in ROLES}, "Per role, how many targets its assessors rated."),
        "quality": _obj(
            {
                "applicable_targets": _count(),
                "targets_with_evidence": _count(),
                "evidence_share": _or_null({"type": "number", "minimum": 0, "maximum": 100}),
                "stale_evidence": _count(),
                "met_without_evidence": _count(),
                "roles_missing": {"type": "array", "items": {"enum": list(ROLES)}},
                "unresolved_disagreements": _count(),
                "actions_without_owner_or_due": _count(),
                "actions_overdue": _count(),
                "not_assessed": _count(),
            },
            "A lint of the assessment itself.",
        ),
        "ladder": _obj(
            {"rung": {"enum": ["doing to", "doing for", "moving to doing with", "doing with"]}, "explanation": _text()},
            "The attained level on Arnstein's ladder of participation.",
        ),
    }
    props["waivers"] = {
        "type": "array",
        "items": _obj({"file": _text(), "line": _count(), "reason": _text()}),
        "description": "The privacy waivers of the input files, with their reasons (never the waived value).",
    }
    props["retired"] = {
        "type": "array",
        "items": _obj({"id": _text(), "status": status}),
        "description": "Entries kept under 'retired:' after a migration, with the status they had.",
    }
    props["you_said_we_did"] = _you_said_we_did(date)
    props["reviews_due"] = _reviews_due(date)
    result = _obj(props)
    result["properties"]["crosswalk"] = _crosswalk_result()  # only with --crosswalk, so not required
    return result


def _reviews_due(date: dict[str, Any]) -> dict[str, Any]:
    """Justifications and waivers past their review date (docs/json-result.md, 'Reviews due')."""
    item = _obj(
        {
            "kind": {"enum": ["justification", "waiver"]},
            "target": _or_null(_text("The target or enabler a justification is for; null for a waiver.")),
            "due": date,
            "file": _text(),
            "line": _count(),
        }
    )
    return {
        "type": "array",
        "items": item,
        "description": "Not-applicable justifications, then privacy waivers, due for review before the as-of day.",
    }


def _you_said_we_did(date: dict[str, Any]) -> dict[str, Any]:
    """The "you said, we did" log as the evidence file lists it (docs/json-result.md, 'You said, we did')."""
    item = _obj(
        {
            "you_said": _text("What service users or carers raised."),
            "raised_on": date,
            "channel": _or_null({"enum": list(evidence.CHANNELS)}),
            "we_did": _or_null(_text("What was done about it.")),
            "status": {"enum": list(evidence.PROGRESS)},
            "changed_on": _or_null(date),
            "reason": _or_null(_text("Why nothing will be done; given when status is dropped.")),
            "targets": _ids("The targets and enablers it is evidence for."),
        }
    )
    return {"type": "array", "items": item, "description": "What service users and carers raised, in file order."}


def _crosswalk_result() -> dict[str, Any]:
    """The ``crosswalk`` object ``assess --format json --crosswalk`` adds (docs/json-result.md, "crosswalk")."""
    status = {"enum": list(STATUSES)}
    number = {"type": "number", "minimum": 0}
    rollup = {
        "score": number,
        "applicable": _count(),
        "percent": _or_null({"type": "number", "minimum": 0, "maximum": 100}),
        "counts": _obj({s: _count() for s in STATUSES}),
    }
    target = _obj({"id": _text(), "level": _count(), "status": status})
    item = _obj(
        {
            "id": _text(),
            "title": _text(),
            **rollup,
            "targets": {"type": "array", "items": target},
            "gaps": _ids("Targets and enablers behind the item below met, not-applicable ones left out."),
            "missing": _ids("Ids the crosswalk lists that the unit's framework does not have."),
        }
    )
    about = {
        "name": _text(),
        "title": _text(),
        "file": _text(),
        "sha256": _text(),
        "framework": _text(),
        "framework_version": _text("The framework version the crosswalk was written for."),
        "used_version": _text("The version of that framework the unit was assessed against."),
    }
    return _obj(
        {**about, "overall": _obj(rollup), "items": {"type": "array", "items": item}},
        "The unit against a crosswalk (docs/crosswalks.md); present only with --crosswalk.",
    )

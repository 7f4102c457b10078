"""JSON Schemas (draft 2020-12) of coprod's files, for editors and other tools.

The evidence and framework schemas come from the same pydantic models coprod validates
with, reshaped to describe the YAML as a person writes it and an editor's YAML reader
reads it: dates as ``YYYY-MM-DD`` text, whole numbers as integers, an empty list or
mapping written as nothing at all, and the target and enabler keys left free (the
framework decides them).  The result schema describes ``coprod assess --format json``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Any, Literal

from pydantic import TypeAdapter

from coprod_cli.model import evidence, models
from coprod_cli.model.evidence import Evidence
from coprod_cli.model.models import ROLES, STATUSES, Framework, field_types, is_model
from coprod_cli.model.schema_text import DESCRIPTIONS as _DESCRIPTIONS
from coprod_cli.model.schema_text import TITLES as _TITLES

Kind = Literal["evidence", "framework", "result"]
KINDS: tuple[Kind, ...] = ("evidence", "framework", "result")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://coprod.example/schema/v1/"
"""Where the schemas say they live; a name, not a place coprod fetches anything from."""

_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_FRAMEWORK_ID = "^[a-z0-9][a-z0-9._-]*$"
_NOT_BLANK = typing.get_args(models.Text)[1]
_EMPTY_IS_NONE = (typing.get_args(models.Items)[1], typing.get_args(models.Entries)[1])


def schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of coprod file or output."""
    body = _result() if kind == "result" else _from_model(Evidence if kind == "evidence" else Framework)
    title, description = _TITLES[kind]
    return {"$schema": DRAFT, "$id": f"{BASE}{kind}.json", **body, "title": title, "description": description}


# ---- from the models ---------------------------------------------------------------


def _model_classes() -> dict[str, type[Any]]:
    found = {**vars(models), **vars(evidence)}
    return {name: value for name, value in found.items() if is_model(value)}


def _from_model(root: type[Any]) -> dict[str, Any]:
    raw = TypeAdapter(root).json_schema(mode="validation")
    defs: dict[str, Any] = raw.pop("$defs", {})
    classes = _model_classes()
    _reshape(raw, root)
    for name, sub in defs.items():
        _reshape(sub, classes[name])
    if root is Framework:
        _complete_or_tailored(raw)
    return {**raw, "$defs": dict(sorted(defs.items()))} if defs else raw


def _markers(annotation: Any) -> list[Any]:
    """Every validator on a field, including those inside ``X | None``."""
    found: list[Any] = []
    stack = [annotation]
    while stack:
        tp = stack.pop()
        args = typing.get_args(tp)
        if typing.get_origin(tp) is typing.Annotated:
            found += args[1:]
            args = args[:1]
        stack += args
    return found


def _branches(prop: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The property schema itself and, for ``X | None``, each alternative."""
    yield prop
    yield from prop.get("anyOf", ())


def _walk(node: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            visit(item)
            stack += item.values()
        elif isinstance(item, list):
            stack += item


def _reshape(sub: dict[str, Any], cls: type[Any]) -> None:
    """Make one model's schema say what coprod accepts as written in YAML."""
    sub.pop("title", None)
    if "description" in sub:  # a model's docstring, written for Python readers
        sub["description"] = sub["description"].replace("``", "'")
    for name, prop in sub.get("properties", {}).items():
        prop.pop("title", None)
        markers = _markers(field_types(cls)[name])
        for branch in _branches(prop):
            if _NOT_BLANK in markers and branch.get("type") == "string":
                branch.update(minLength=1, pattern=r"\S")
            if branch.get("type") == "integer":
                branch["minimum"] = 0  # written as digits only
        if any(m in markers for m in _EMPTY_IS_NONE) and prop.get("type") in ("array", "object"):
            prop["type"] = [prop["type"], "null"]  # 'targets:' with nothing under it means none
        description = _DESCRIPTIONS.get((cls.__name__, name))
        if description is not None:
            prop["description"] = description
        _walk(prop, _date_pattern)
    _limits(sub, cls.__name__)


def _date_pattern(node: dict[str, Any]) -> None:
    if node.get("format") == "date":
        node["pattern"] = _DATE_PATTERN


def _limits(sub: dict[str, Any], name: str) -> None:
    """The few rules of a single value that the framework checks add to the models."""
    props = sub.get("properties", {})

    def set_on(field: str, **limits: Any) -> None:
        if field in props:
            for branch in _branches(props[field]):
                if branch.get("type") in ("integer", "array", ["array", "null"]):
                    branch.update(limits)

    if name in ("Level", "LevelChange"):
        set_on("threshold", maximum=100)
    if name == "Level" and "targets" in props:
        set_on("number", minimum=1)
        props["targets"].update(type="array", minItems=1)  # a level needs targets
        props["targets"].pop("default", None)
        sub["required"] = sorted({*sub.get("required", ()), "targets"})
    if name == "AddedTarget":
        set_on("level", minimum=1)
    if name == "Framework":
        set_on("review_months", minimum=1)
        if "id" in props:
            props["id"]["pattern"] = _FRAMEWORK_ID
    if name == "Entry" and "justification" in props:
        # not-applicable needs a justification saying why.
        sub["if"] = {"required": ["status"], "properties": {"status": {"const": "not-applicable"}}}
        sub["then"] = {
            "required": ["justification"],
            "properties": {"justification": {"type": "string", "pattern": r"\S"}},
        }
        if "review_by" in props:  # a review date is for a target that does not apply
            sub["else"] = {"properties": {"review_by": False}}
    if name == "Override" and "levels" in props:
        props["levels"]["propertyNames"] = {"pattern": "^[1-9][0-9]*$"}


def _complete_or_tailored(raw: dict[str, Any]) -> None:
    """A complete framework lists its levels; a tailored one changes another's instead."""
    props = raw.get("properties", {})
    if "extends" not in props:  # pragma: no cover - the models know tailoring
        return
    if "levels" in props:
        props["levels"].update(type="array", minItems=1)
        props["levels"].pop("default", None)
    own = [key for key in ("levels", "enablers", "guidance") if key in props]
    changes = [key for key in ("remove", "add", "override") if key in props]
    raw["if"] = {"required": ["extends"], "properties": {"extends": {"type": "string"}}}
    raw["then"] = {"properties": dict.fromkeys(own, False)}
    raw["else"] = {"required": ["levels"], "properties": dict.fromkeys(changes, False)}


# ---- the result ----------------------------------------------------------------------


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


def _result() -> dict[str, Any]:
    date = {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
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
        "unit": _obj({"name": _text(), "service": _or_null(_text()), "organisation": _or_null(_text())}),
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
    props["you_said_we_did"] = _you_said_we_did(date)
    props["reviews_due"] = _reviews_due(date)
    return _obj(props)


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

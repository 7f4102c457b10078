"""JSON Schemas (draft 2020-12) of coprod's files, for editors and other tools.

The evidence and framework schemas come from the same pydantic models coprod validates
with, reshaped to describe the YAML as a person writes it and an editor's YAML reader
reads it: dates as ``YYYY-MM-DD`` text, whole numbers as integers, an empty list or
mapping written as nothing at all, and the target and enabler keys left free (the
framework decides them).  The result schema, describing ``coprod assess --format json``, is in
:mod:`coprod_cli.model.result_schema`.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Any, Literal

from pydantic import TypeAdapter

from coprod_cli.model import crosswalk, evidence, models, pool
from coprod_cli.model.crosswalk import Crosswalk
from coprod_cli.model.evidence import Evidence
from coprod_cli.model.models import Framework, field_types, is_model
from coprod_cli.model.pool import Pool
from coprod_cli.model.result_schema import DATE_PATTERN, result
from coprod_cli.model.schema_text import DESCRIPTIONS as _DESCRIPTIONS
from coprod_cli.model.schema_text import TITLES as _TITLES

Kind = Literal["evidence", "framework", "result", "pool", "crosswalk"]
KINDS: tuple[Kind, ...] = ("evidence", "framework", "result", "pool", "crosswalk")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://coprod.example/schema/v1/"
"""Where the schemas say they live; a name, not a place coprod fetches anything from."""

_FRAMEWORK_ID = "^[a-z0-9][a-z0-9._-]*$"
_NOT_BLANK = typing.get_args(models.Text)[1]
_EMPTY_IS_NONE = (typing.get_args(models.Items)[1], typing.get_args(models.Entries)[1])


def schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of coprod file or output."""
    roots: dict[str, type[Any]] = {"evidence": Evidence, "framework": Framework, "pool": Pool, "crosswalk": Crosswalk}
    body = result() if kind == "result" else _from_model(roots[kind])  # crosswalk: docs/crosswalks.md
    title, description = _TITLES[kind]
    return {"$schema": DRAFT, "$id": f"{BASE}{kind}.json", **body, "title": title, "description": description}


# ---- from the models ---------------------------------------------------------------


def _model_classes() -> dict[str, type[Any]]:
    found = {**vars(models), **vars(evidence), **vars(pool), **vars(crosswalk)}
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
        node["pattern"] = DATE_PATTERN


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
    if name == "PoolUnit":  # docs/pool.md, 'The format'
        props["assessed_on"]["pattern"] = "^[0-9]{4}-(0[1-9]|1[0-2])$"
        props["levels"]["propertyNames"] = {"pattern": "^[1-9][0-9]*$"}
        props["levels"]["additionalProperties"]["anyOf"][0].update(minimum=0, maximum=100)
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

"""Check a file's data against a model; turn pydantic's errors into problems at file:line:col.

pydantic checks every file, once, with one ``TypeAdapter`` per model made once per
process.  It says *what* failed by its ``loc``; the reader's marks say *where* that was
written.  The messages speak the user's words ("mapping", "list", "text"), name what
would be valid, and never echo a whole input value.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from coprod_cli.errors import InputError, Problem
from coprod_cli.hints import describe, did_you_mean, suggest, then
from coprod_cli.i18n import N_, _
from coprod_cli.model.models import STATUSES, field_names, field_types, is_model
from coprod_cli.reading.yamlread import Document, PathKey

M = TypeVar("M")

# Examples shown when a required field is missing.
_MISSING_HINTS = {
    "assessed_on": N_("add a line such as 'assessed_on: 2026-10-14' with the date of this assessment"),
    "unit": N_("add 'unit:' with the unit's 'name:' under it"),
    "name": N_("add 'name:' with the name"),
    "status": N_("add 'status:' with one of met, partial, not-met, not-applicable, not-assessed"),
    "role": N_("add 'role:' with one of service-user, carer, staff, third-sector, manager"),
    "description": N_("add 'description:' saying what it is"),
}
# Keys, ids and values a user types stay as they are in every language; the quoted text is an example.
_ITEM_EXAMPLES = {
    "evidence": N_('{description: "What shows it", date: 2026-09-30}'),
    "assessors": '{name: "A. B.", role: staff}',
    "targets": N_('{id: L1.my-target, text: "What the target is"}'),
    "levels": "number: 1",
    "ideas": N_('{text: "An idea", helps: [L1.my-target]}'),
}
_ANY_ITEM = N_("key: value")
_WANTED = {
    "date_type": (
        N_("'{name}' is empty; write a date such as 2026-10-14"),
        N_("'{name}' should be a date such as 2026-10-14, found {found}"),
    ),
    "int_type": (N_("'{name}' is empty; write a whole number"), N_("'{name}' should be a whole number, found {found}")),
    "bool_type": (N_("'{name}' is empty; write true or false"), N_("'{name}' should be true or false, found {found}")),
}
"""What a date, a number or a yes-or-no field says when it is empty, and when it holds something else."""
# pydantic's names for "a key the model does not have" and "not a mapping".
_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")
_MAPPING_TYPE = ("dataclass_type", "model_type", "model_attributes_type", "dict_type", "mapping_type")
_COMMENT_HINT = N_(
    "text after ' #' on this line is a YAML comment; if it belongs to the value, put the whole value in quotes"
)


def _unwrap(tp: Any) -> Any:
    """Strip Annotated, Optional and the like down to the type that shapes the data."""
    while True:
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _type_at(model: type[Any], loc: tuple[str | int, ...]) -> Any:
    """The declared type at ``loc`` below ``model`` (None when it cannot be followed)."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        origin = get_origin(tp)
        if is_model(tp):
            tp = field_types(tp).get(str(part))
            if tp is None:
                return None
        elif origin is tuple or origin is list:
            tp = get_args(tp)[0]
        elif origin is dict:
            tp = get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _field_word(loc: tuple[str | int, ...]) -> str:
    """The key a user would look for: 'status', or 'sign_off: 1' for a level key under a mapping."""
    for n in range(len(loc) - 1, -1, -1):
        part = loc[n]
        if isinstance(part, str):
            if part.isascii() and part.isdigit() and n > 0 and isinstance(loc[n - 1], str):
                return f"{loc[n - 1]}: {part}"
            return part
    # TRANSLATORS: the name of a value whose key is not known, in "'value' should be text".
    return _("value")


def _translate(err: Any, doc: Document, model: type[Any], found: Any) -> Problem:
    kind: str = err["type"]
    loc: PathKey = tuple(err["loc"])
    name = _field_word(loc)
    code = "schema"
    if kind == "missing":
        parent = loc[:-1]
        if parent and isinstance(parent[-1], int):
            missing = _("'{name}' is missing from this entry of '{parent}'", name=name, parent=_field_word(parent))
        elif parent:
            missing = _("'{name}' is missing under '{parent}'", name=name, parent=_field_word(parent))
        else:
            missing = _("'{name}' is missing", name=name)
        hint = _(_MISSING_HINTS[name]) if name in _MISSING_HINTS else _("add '{name}:'", name=name)
        # TRANSLATORS: what is missing, then what to add.
        return doc.problem(parent, _("{missing}; {hint}", missing=missing, hint=hint), code="missing-key")
    if kind in _UNKNOWN_KEY:
        parent_type = _type_at(model, loc[:-1])
        allowed = list(field_names(parent_type)) if is_model(parent_type) else []
        message = _("unknown key '{name}'{near}", name=name, near=did_you_mean(name, allowed))
        if allowed:
            message = then(message, _("valid keys here: {keys}", keys=", ".join(allowed)))
        return doc.problem(loc, message, key=True, code="unknown-key")
    if kind == "literal_error" and found is None:
        choices = [str(a) for a in get_args(_type_at(model, loc) or Literal[()])]
        message = _("'{name}' is empty; use one of: {choices}", name=name, choices=", ".join(choices))
    elif kind == "literal_error":
        choices = [str(a) for a in get_args(_type_at(model, loc) or Literal[()])]
        near = did_you_mean(found, choices) if isinstance(found, str) else ""
        message = then(
            _("{found} is not a valid {name}{near}", found=describe(found), name=name, near=near),
            _("use one of: {choices}", choices=", ".join(choices)),
        )
    elif kind == "coprod":
        message = err["msg"]
    elif kind == "blank":
        message = _("'{name}' is blank; write the text after '{name}:'", name=name)
    elif kind in ("string_type", "str_type"):
        if found is None:
            message = _("'{name}' is empty; write the text after '{name}:'", name=name)
        else:
            message = _("'{name}' should be text, found {found}", name=name, found=describe(found))
    elif kind in _MAPPING_TYPE and isinstance(loc[-1], int):
        example = _(_ITEM_EXAMPLES.get(name, _ANY_ITEM))
        message = _(
            "each item of '{name}' should be a mapping such as '- {example}', found {found}",
            name=name,
            example=example,
            found=describe(found),
        )
    elif kind in _MAPPING_TYPE:
        if found is None:
            message = _("'{name}' is empty; it should hold 'key: value' lines", name=name)
        else:
            wanted = _type_at(model, loc)
            keys = field_names(wanted) if is_model(wanted) else ()
            if keys:
                message = _(
                    "'{name}' should be a mapping of 'key: value' lines ({keys}), found {found}",
                    name=name,
                    keys=", ".join(keys),
                    found=describe(found),
                )
            else:
                message = _(
                    "'{name}' should be a mapping of 'key: value' lines, found {found}",
                    name=name,
                    found=describe(found),
                )
            if "status" in keys and found in STATUSES:  # 'L1.x: met', the commonest slip
                message = then(
                    message,
                    _("write 'status: {status}' on its own line under '{name}:', indented", status=found, name=name),
                )
    elif kind in ("tuple_type", "list_type"):
        message = _("'{name}' should be a list of '- ' items, found {found}", name=name, found=describe(found))
    elif kind in ("date_type", "int_type", "bool_type"):
        empty, other = _WANTED[kind]
        message = _(empty, name=name) if found is None else _(other, name=name, found=describe(found))
    else:  # pragma: no cover - a pydantic error kind our models cannot produce
        message = _("'{name}' is not valid here ({kind})", name=name, kind=kind)
    comment = doc.comment_after.get(loc)
    if comment is not None:
        # TRANSLATORS: a message, then a hint in brackets about a comment that cut a value short.
        message = _("{message} ({hint})", message=message, hint=_(_COMMENT_HINT))
    return doc.problem(loc, message, code=code)


def _lookup(data: Any, loc: PathKey) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate(model: type[M], doc: Document) -> M:
    """Validate a document against a model, raising every problem at its place."""
    if doc.data is None:
        raise InputError([Problem(doc.path, 0, 0, _("is empty; it should hold 'key: value' lines"), "empty-file")])
    if not isinstance(doc.data, dict):
        # Not quoted: a file that is not a mapping is no coprod file, and may be anyone's.
        if isinstance(doc.data, list):
            message = _("should be a mapping of 'key: value' lines at the top, found a list")
        else:
            message = _("should be a mapping of 'key: value' lines at the top, found text")
        raise InputError([doc.problem((), message)])
    try:
        return _adapter(model).validate_python(doc.data)
    except ValidationError as e:
        errors = _one_per_typo(e.errors(include_url=False, include_input=False))
        raise InputError(_translate(err, doc, model, _lookup(doc.data, tuple(err["loc"]))) for err in errors) from e


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(model: type[M]) -> TypeAdapter[M]:
    """pydantic's validator for ``model``, made once per process."""
    found = _ADAPTERS.get(model)
    if found is None:
        found = _ADAPTERS[model] = TypeAdapter(model)
    return found


def _one_per_typo(errors: list[Any]) -> list[Any]:
    """Drop "'x' is missing" where a mistyped key beside it already says "did you mean 'x'?"."""
    unknown: dict[PathKey, list[str]] = {}
    for err in errors:
        if err["type"] in _UNKNOWN_KEY:
            unknown.setdefault(tuple(err["loc"][:-1]), []).append(str(err["loc"][-1]))
    kept = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and any(suggest(typo, [str(loc[-1])]) for typo in unknown.get(loc[:-1], ())):
            continue
        kept.append(err)
    return kept

"""Errors found on an evidence file's raw data against its framework, beside its schema's.

Unknown target and enabler IDs, a not-applicable without a justification, actions and the
"you said, we did" log (``plan_checks``), assessors named twice, ratings and sign-offs by
people who are not assessors, sign-offs of levels the framework lacks.  They read the data as
the reader made it, so they are found even when the schema refuses the file, and every error
is reported together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from coprod_cli.errors import Problem, clip
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.hints import did_you_mean, then
from coprod_cli.i18n import N_, _
from coprod_cli.model.evidence import person_key
from coprod_cli.reading.yamlread import Document, PathKey
from coprod_cli.scoring.plan_checks import action_checks, feedback_checks


def raw_checks(doc: Document, fw: LoadedFramework) -> Iterator[Problem]:
    """Errors found on the raw data: unknown IDs, missing justifications, assessors named twice,
    ratings and sign-offs by people who are not assessors, sign-offs of levels the framework lacks."""
    data = doc.data if isinstance(doc.data, dict) else {}
    people = _assessor_names(data.get("assessors"))
    target_ids = list(fw.level_of)
    for section, known, other in (("targets", target_ids, fw.enabler_ids), ("enablers", fw.enabler_ids, target_ids)):
        entries = data.get(section)
        if not isinstance(entries, dict):
            continue
        for ident, entry in entries.items():
            if isinstance(entry, dict):
                yield from _rating_checks(doc, (section, ident), ident, entry.get("ratings"), people)
                yield from action_checks(doc, (section, ident), ident, entry)
            if ident not in known:
                yield _unknown_id(doc, fw, section, ident, known, other)
            elif isinstance(entry, dict) and "review_by" in entry and entry.get("status") != "not-applicable":
                yield doc.problem(
                    (section, ident, "review_by"),
                    _(
                        "'review_by:' goes only with status not-applicable: it is the day to ask again whether "
                        "'{ident}' still does not apply to this unit; take it out, or mark it not-applicable "
                        "with a 'justification:'",
                        ident=ident,
                    ),
                    key=True,
                    code="review-by-not-applicable",
                    target=ident,
                )
            if ident in known and isinstance(entry, dict) and entry.get("status") == "not-applicable":
                justification = entry.get("justification")
                if not isinstance(justification, str) or not justification.strip():
                    yield doc.problem(
                        (section, ident, "status"),
                        _(_MISSING_JUSTIFICATION[section], ident=ident),
                        code="missing-justification",
                        target=ident,
                    )
    yield from _assessors_named_twice(doc, data.get("assessors"))
    yield from _sign_off_checks(doc, fw, data.get("sign_off"), people)
    yield from feedback_checks(doc, fw, data.get("you_said_we_did"))


_MISSING_JUSTIFICATION = {
    "targets": N_(
        "'{ident}' is not-applicable, so it needs a 'justification:' saying why it does not apply "
        "to this unit (or choose another status for this target)"
    ),
    "enablers": N_(
        "'{ident}' is not-applicable, so it needs a 'justification:' saying why it does not apply "
        "to this unit (or choose another status for this enabler)"
    ),
}
_ELSEWHERE = {
    "targets": N_("'{ident}' is not a target: the framework lists it under 'enablers'; move it there"),
    "enablers": N_("'{ident}' is not an enabler: the framework lists it under 'targets'; move it there"),
}
_UNKNOWN = {"targets": N_("unknown target '{ident}'"), "enablers": N_("unknown enabler '{ident}'")}


def _unknown_id(
    doc: Document,
    fw: LoadedFramework,
    section: str,
    ident: str,
    known: Sequence[str],
    other: Sequence[str],
) -> Problem:
    kind = section[:-1]
    if ident in other:
        message = _(_ELSEWHERE[section], ident=ident)
    else:
        message = _(_UNKNOWN[section], ident=clip(ident)) + did_you_mean(ident, known)
        if not message.endswith("?"):
            message = then(
                message,
                _(
                    "{framework} {version} does not have it. If the framework dropped it, run "
                    "'coprod migrate {path}' to keep it under 'retired:'; "
                    "'coprod framework show {ref}' lists the IDs it has",
                    framework=fw.id,
                    version=fw.version,
                    path=doc.path,
                    ref=fw.ref,
                ),
            )
    return doc.problem((section, ident), message, key=True, code=f"unknown-{kind}", target=ident)


def _assessors_named_twice(doc: Document, assessors: object) -> Iterator[Problem]:
    if not isinstance(assessors, list):
        return
    named: dict[str, int] = {}
    for i, assessor in enumerate(assessors):
        name = assessor.get("name") if isinstance(assessor, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        key = person_key(name)
        at = ("assessors", i, "name")
        if key in named:
            yield doc.problem(
                at,
                _(
                    "assessor '{name}' is named twice (first at line {line}); list each person once",
                    name=clip(name),
                    line=named[key],
                ),
                code="duplicate-assessor",
            )
        else:
            named[key] = doc.mark(at).line


def _assessor_names(assessors: object) -> dict[str, str]:
    """The assessors' names as written, by ``person_key`` (the first spelling wins)."""
    names: dict[str, str] = {}
    if isinstance(assessors, list):
        for assessor in assessors:
            name = assessor.get("name") if isinstance(assessor, dict) else None
            if isinstance(name, str) and name.strip():
                names.setdefault(person_key(name), name)
    return names


def _not_an_assessor(name: str, people: Mapping[str, str], doing: str) -> str:
    """Why ``name`` cannot rate or sign off (``doing``: that said as one sentence), and what to do about it."""
    listed = list(people.values())
    message = doing + did_you_mean(name, listed)
    if not listed:
        return then(message, _("add each person who takes part under 'assessors:' with their role first"))
    names = ", ".join(f"'{clip(n, 30)}'" for n in listed[:8]) + (", …" if len(listed) > 8 else "")
    return then(
        message, _("use an assessor's name ({names}) or add the person under 'assessors:' with their role", names=names)
    )


def _rating_checks(
    doc: Document, at: PathKey, ident: str, ratings: object, people: Mapping[str, str]
) -> Iterator[Problem]:
    if not isinstance(ratings, dict):
        return
    seen: dict[str, int] = {}
    for name in ratings:
        where = (*at, "ratings", name)
        key = person_key(name)
        if key not in people:
            yield doc.problem(
                where,
                _not_an_assessor(
                    name,
                    people,
                    _("'{name}' rated '{ident}' but is not listed under 'assessors:'", name=clip(name), ident=ident),
                ),
                key=True,
                code="unknown-rater",
                target=ident,
            )
        elif key in seen:
            yield doc.problem(
                where,
                _(
                    "'{name}' already rated '{ident}' at line {line}; give each person one rating",
                    name=clip(name),
                    ident=ident,
                    line=seen[key],
                ),
                key=True,
                code="duplicate-rating",
                target=ident,
            )
        else:
            seen[key] = doc.mark(where, key=True).line


_LEVEL_KEY = re.compile(r"[1-9][0-9]{0,5}")


def _sign_off_checks(
    doc: Document, fw: LoadedFramework, sign_off: object, people: Mapping[str, str]
) -> Iterator[Problem]:
    if not isinstance(sign_off, dict):
        return
    top = len(fw.model.levels)
    for key, signatures in sign_off.items():
        if not (_LEVEL_KEY.fullmatch(key) and int(key) <= top):
            yield doc.problem(
                ("sign_off", key),
                _(
                    "there is no level '{level}' in {framework} {version}; "
                    "sign off a level by its number, from 1 to {top}",
                    level=clip(key),
                    framework=fw.id,
                    version=fw.version,
                    top=top,
                ),
                key=True,
                code="unknown-level",
            )
            continue
        if not isinstance(signatures, list):
            continue
        seen: dict[str, int] = {}
        for n, signature in enumerate(signatures):
            name = signature.get("name") if isinstance(signature, dict) else None
            if not isinstance(name, str) or not name.strip():
                continue
            where = ("sign_off", key, n, "name")
            person = person_key(name)
            if person not in people:
                doing = _(
                    "'{name}' signed off level {level} but is not listed under 'assessors:'", name=clip(name), level=key
                )
                yield doc.problem(where, _not_an_assessor(name, people, doing), code="unknown-signer")
            elif person in seen:
                yield doc.problem(
                    where,
                    _(
                        "'{name}' already signed off level {level} at line {line}; list each person once",
                        name=clip(name),
                        level=key,
                        line=seen[person],
                    ),
                    code="duplicate-sign-off",
                )
            else:
                seen[person] = doc.mark(where).line

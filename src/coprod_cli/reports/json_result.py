"""The JSON result (docs/json-result.md): fixed field names, fields only ever added ('Schema version')."""

from __future__ import annotations

import io
import json
from dataclasses import fields, is_dataclass
from typing import Any

from coprod_cli import i18n
from coprod_cli.errors import Problem
from coprod_cli.model.evidence import Feedback
from coprod_cli.privacy.scan import mask
from coprod_cli.reports.actions import ActionRow, every_action
from coprod_cli.reports.words import rung
from coprod_cli.scoring.score import SCHEMA_VERSION, Quality, Rating, Result, TargetResult


def _explanation(attained: int, top: int) -> str:
    """The ladder's sentence for the JSON result, always in English: the result is language-neutral."""
    with i18n.speaking(i18n.SOURCE):
        return rung(attained, top).plain


def plain(value: Any) -> Any:
    """A framework model as JSON data: its fields in order, lists for tuples.

    Only ``framework show`` uses it, on a resolved framework: that has no dates, and no
    mappings (``override`` is resolved away, and a complete framework may not have one).
    """
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def _target(t: TargetResult, *, level: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"id": t.id, "level": t.level, "status": t.status, "text": t.text}
    if not level:
        del out["level"]
    if t.action is not None:
        out["action"] = {
            "description": t.action.description,
            "owner": t.action.owner,
            "due": t.action.due.isoformat() if t.action.due else None,
            "overdue": t.overdue,
        }
    return out


def _action(row: ActionRow) -> dict[str, Any]:
    """One entry of the top-level ``actions`` list (docs/json-result.md, 'Actions')."""
    return {
        "target": row.target.id,
        "description": row.description,
        "owner": row.action.owner,
        "due": row.due.isoformat() if row.due else None,
        "status": row.status,
        "changed_on": row.changed_on.isoformat() if row.changed_on else None,
        "reason": row.reason,
        "overdue": row.overdue,
    }


def _ratings(ratings: tuple[Rating, ...]) -> list[dict[str, str]]:
    return [{"name": r.name, "role": r.role, "status": r.status} for r in ratings]


def _quality(q: Quality) -> dict[str, Any]:
    return {
        "applicable_targets": q.applicable_targets,
        "targets_with_evidence": q.targets_with_evidence,
        "evidence_share": q.evidence_share,
        "stale_evidence": q.stale_evidence,
        "met_without_evidence": q.met_without_evidence,
        "roles_missing": list(q.roles_missing),
        "unresolved_disagreements": q.unresolved_disagreements,
        "actions_without_owner_or_due": q.actions_incomplete,
        "actions_overdue": q.actions_overdue,
        "not_assessed": q.not_assessed,
    }


def warning_dict(w: Problem) -> dict[str, Any]:
    return {
        "code": w.code,
        "target": w.target,
        "message": mask(w.message),
        "file": w.file,
        "line": w.line,
        "column": w.column,
    }


def you_said_we_did(items: tuple[Feedback, ...]) -> list[dict[str, Any]]:
    """The "you said, we did" log as the file lists it, dates as ISO text (docs/json-result.md,
    'You said, we did')."""
    return [
        {
            "you_said": f.you_said,
            "raised_on": f.raised_on.isoformat(),
            "channel": f.channel,
            "we_did": f.we_did,
            "status": f.status,
            "changed_on": f.changed_on.isoformat() if f.changed_on else None,
            "reason": f.reason,
            "targets": list(f.targets),
        }
        for f in items
    ]


def result_dict(r: Result) -> dict[str, Any]:
    step = r.next_step
    return {
        "schema_version": SCHEMA_VERSION,
        "file": r.file,
        "unit": {
            "name": r.unit_name,
            "service": r.unit_service,
            "organisation": r.unit_organisation,
            "kind": r.unit_kind,
        },
        "framework": {
            "id": r.framework.id,
            "version": r.framework.version,
            "sha256": r.framework.sha256,
            "parents": [{"id": p.id, "version": p.version, "sha256": p.sha256} for p in r.framework.parents],
        },
        "assessed_on": r.assessed_on.isoformat(),
        "attained_level": r.attained_level,
        "levels": [
            {
                "number": lv.number,
                "title": lv.title,
                "percent": lv.percent,
                "threshold": lv.threshold,
                "achieved": lv.achieved,
                "counts": dict(lv.counts),
                "required_unmet": list(lv.required_unmet),
                "sign_off_required": list(lv.sign_off_required),
                "signed_off": [{"name": s.name, "role": s.role, "date": s.date.isoformat()} for s in lv.signed_off],
                "sign_off_missing": lv.sign_off_missing,
                "awaiting_sign_off": lv.awaiting_sign_off,
            }
            for lv in r.levels
        ],
        "enablers": [_target(e, level=False) for e in r.enablers],
        "gaps": [_target(t) for t in r.gaps],
        "actions": [_action(row) for row in every_action(r)],
        "next_level": None
        if step is None
        else {
            "number": step.level,
            "targets_needed": step.targets_needed,
            "closest": list(step.closest),
            "nearest_wins": list(step.nearest_wins),
            "required": list(step.required),
            "possible": step.possible,
            "sign_off_needed": list(step.sign_off_needed),
        },
        "waivers": [{"file": w.file, "line": w.line, "reason": w.reason} for w in r.waivers],
        "retired": [{"id": t.id, "status": t.status} for t in r.retired],
        "assessors": dict(r.assessors),
        "warnings": [warning_dict(w) for w in r.warnings],
        "ratings": [
            {"target": t.id, "level": t.level, "agreed": t.status, "ratings": _ratings(t.ratings)} for t in r.rated
        ],
        "disagreements": [
            {"target": d.target, "level": d.level, "agreed": d.agreed, "ratings": _ratings(d.ratings), "kind": d.kind}
            for d in r.disagreements
        ],
        "voices": dict(r.voices),
        "quality": _quality(r.quality),
        "ladder": {"rung": r.ladder.rung, "explanation": _explanation(r.attained_level, r.top_level)},
        "you_said_we_did": you_said_we_did(r.you_said_we_did),
        "reviews_due": [
            {"kind": d.kind, "target": d.target, "due": d.due.isoformat(), "file": d.file, "line": d.line}
            for d in r.reviews_due
        ],
    }


def dumps(data: object) -> str:
    """``data`` as indented JSON text, ending with a line break.

    Written piece by piece into one buffer: ``json.dumps`` with an indent first lists every
    piece of the text, several times the text's own size for a summary of thousands of units.
    """
    out = io.StringIO()
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return out.getvalue()

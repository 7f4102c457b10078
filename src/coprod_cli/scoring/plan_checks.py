"""Errors in an evidence file's actions and its "you said, we did" log, found on the raw data
(docs/evidence-file.md, 'Actions' and 'You said, we did').

A target gives ``action`` or ``actions``, not both; anything dropped says why; the log names
only targets and enablers the framework has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from coprod_cli.errors import Problem, clip
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.hints import did_you_mean, then
from coprod_cli.i18n import _
from coprod_cli.reading.yamlread import Document, PathKey


def _has_reason(item: Mapping[str, object]) -> bool:
    reason = item.get("reason")
    return isinstance(reason, str) and bool(reason.strip())


def action_checks(doc: Document, at: PathKey, ident: str, entry: Mapping[str, object]) -> Iterator[Problem]:
    """The errors in one target's or enabler's ``action`` or ``actions``."""
    if "action" in entry and "actions" in entry:
        yield doc.problem(
            (*at, "actions"),
            _(
                "'{ident}' has both 'action:' and 'actions:'; "
                "put every action for it in the list under 'actions:' and remove 'action:'",
                ident=ident,
            ),
            key=True,
            code="action-and-actions",
            target=ident,
        )
    single = entry.get("action")
    listed = entry.get("actions")
    found: list[tuple[PathKey, object]] = [((*at, "action"), single)]
    if isinstance(listed, list):
        found += [((*at, "actions", n), action) for n, action in enumerate(listed)]
    for where, action in found:
        if isinstance(action, dict) and action.get("status") == "dropped" and not _has_reason(action):
            yield doc.problem(
                (*where, "status"),
                _(
                    "an action for '{ident}' is dropped, so it needs a 'reason:' saying why "
                    "(or set its status to open or done)",
                    ident=ident,
                ),
                code="missing-reason",
                target=ident,
            )


def feedback_checks(doc: Document, fw: LoadedFramework, log: object) -> Iterator[Problem]:
    """The errors in ``you_said_we_did``: unknown target ids, and dropped items with no reason."""
    if not isinstance(log, list):
        return
    known = [*fw.level_of, *fw.enabler_ids]
    for n, item in enumerate(log):
        if not isinstance(item, dict):
            continue
        if item.get("status") == "dropped" and not _has_reason(item):
            yield doc.problem(
                ("you_said_we_did", n, "status"),
                _(
                    "this is marked dropped, so it needs a 'reason:' saying why nothing will be done "
                    "(or set its status to open or done)"
                ),
                code="missing-reason",
            )
        targets = item.get("targets")
        if not isinstance(targets, list):
            continue
        for m, ident in enumerate(targets):
            if isinstance(ident, str) and ident not in known:
                message = _("unknown target or enabler '{ident}'", ident=clip(ident)) + did_you_mean(ident, known)
                if not message.endswith("?"):
                    message = then(message, _("'coprod framework show {ref}' lists the IDs it has", ref=fw.ref))
                yield doc.problem(("you_said_we_did", n, "targets", m), message, code="unknown-target", target=ident)

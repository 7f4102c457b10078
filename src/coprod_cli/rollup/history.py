"""A unit's trend from git: every committed version of its evidence file, each scored.

Git itself is asked (``git log --follow``, then one ``git cat-file --batch`` for every version;
see :mod:`coprod_cli.reading.gitfiles`), so renames are followed and nothing is stored anywhere
else. Every version is read as strictly as a file on disk, privacy scan first.

Frameworks change too, so each version is scored twice (once when both are the same framework):

- *as at the time*: against the framework as committed beside it — a framework the file
  names by path is read from the same commit; a built-in framework (or one found by id in a
  frameworks folder) is read as installed today, since coprod keeps no old copies;
- *against today's framework* (the one the working file names, as it is now), so that the
  change in the unit is seen apart from the change in the framework. Targets today's
  framework no longer has are set aside (as ``coprod migrate`` would retire them) and
  targets it added count as not assessed.

A version that cannot be read or scored is listed with its problems and the others are
still shown. Each version's actions are counted against the version before it that could be
read (docs/many-units.md, 'What happened to the actions'). Nothing here prints or exits.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path

from coprod_cli.errors import CoprodError, InputError, Problem, UsageError, clip
from coprod_cli.framework.load import LoadedFramework, load_framework, load_framework_bytes
from coprod_cli.framework.read import is_framework_document
from coprod_cli.framework.resolve import DEFAULT_FRAMEWORK, looks_like_path, resolve_framework
from coprod_cli.i18n import N_, _
from coprod_cli.privacy.guard import Input, guard_text, read_input
from coprod_cli.privacy.scan import mask
from coprod_cli.reading.gitfiles import Blobs, Revision, follow, repository, resolve_commit
from coprod_cli.reading.textfile import decode
from coprod_cli.reading.yamlread import Document
from coprod_cli.rollup.followup import NO_PLAN, Plan, counts, plan_of
from coprod_cli.rollup.rows import UnitRow
from coprod_cli.rollup.timeline import SHORT, Broken, History, Point, trends_of
from coprod_cli.scoring.check import cross_check_document
from coprod_cli.scoring.score import Result, score

NOT_A_REPOSITORY = N_("coprod history reads the versions git has committed, so run it on a file inside a git clone")


def parse_version(raw: bytes, shown: str, folder: Path) -> Input:
    """A committed evidence file's bytes read like a file on disk: decoded, privacy-scanned, parsed."""
    version = guard_text(raw, decode(raw, shown), shown, folder)
    if is_framework_document(version.doc):
        raise InputError([Problem(shown, 1, 1, "is a framework file here, not a unit's evidence file", "wrong-kind")])
    return version


def _written_framework(doc: Document) -> str | None:
    written = doc.data.get("framework") if isinstance(doc.data, dict) else None
    return written if isinstance(written, str) else None


def framework_at(
    doc: Document, top: Path, blobs: Blobs, commit: str, path: str, label: str
) -> tuple[LoadedFramework, bool]:
    """The framework a committed evidence file names, as at that commit where git has it
    (read through ``blobs``, the repository at ``top``).

    Returns it and whether it was read from the commit (False: read as it is today).
    """
    written = _written_framework(doc)
    if written is None:
        return load_framework(*resolve_framework(DEFAULT_FRAMEWORK, Path())), False
    if looks_like_path(written) and not Path(written).is_absolute() and not written.startswith("\\"):
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(path), written.replace("\\", "/")))
        if not relative.startswith("../"):
            raw = blobs.read(f"{commit}:{relative}")
            if raw is None:
                raise InputError(
                    [
                        doc.problem(
                            ("framework",),
                            _(
                                "framework file '{file}' was not in the repository at {commit}; "
                                "commit the framework file together with the evidence file that names it",
                                file=clip(written),
                                commit=label,
                            ),
                            code="missing-framework",
                        )
                    ]
                )
            return load_framework_bytes(raw, top / relative, f"{label}:{relative}"), True
    where = doc.problem(("framework",), "")
    return load_framework(*resolve_framework(written, (top / path).parent, where=where)), False


def refit(doc: Document, fw: LoadedFramework) -> Document:
    """A copy of ``doc`` that ``fw`` can score: targets it lacks moved under ``retired:``, enablers dropped."""
    data = doc.data
    if not isinstance(data, dict):  # pragma: no cover - only a mapping passes the cross-check
        return doc
    new = dict(data)
    targets = data.get("targets")
    if isinstance(targets, dict) and any(ident not in fw.level_of for ident in targets):
        retired = data.get("retired")
        kept_aside = dict(retired) if isinstance(retired, dict) else {}
        for ident, entry in targets.items():
            if ident not in fw.level_of:
                kept_aside.setdefault(ident, entry)
        new["targets"] = {k: v for k, v in targets.items() if k in fw.level_of}
        new["retired"] = kept_aside
    enablers = data.get("enablers")
    if isinstance(enablers, dict):
        new["enablers"] = {k: v for k, v in enablers.items() if k in fw.enabler_ids}
    return replace(doc, data=new)


def result_at(rev: str, path: Path) -> Result:
    """The unit's evidence file as committed at ``rev``, scored against its framework as at ``rev``.

    Used by ``report --since REV``; problems name the file as ``REV:FILE``.
    """
    top, relative = repository(
        path, _("--since reads the version git has committed; give an older file with --baseline instead")
    )
    commit = resolve_commit(top, rev)
    if commit is None:
        raise UsageError(
            _(
                "unknown revision '{revision}' in the git repository at '{folder}'; "
                "give a commit, branch or tag that exists there, such as HEAD~1 (see 'git log --oneline')",
                revision=rev,
                folder=top,
            )
        )
    label = f"{rev}:{path}"
    with Blobs(top) as blobs:
        raw = blobs.read(f"{commit}:{relative}")
        if raw is None:
            raise UsageError(
                _(
                    "{path}: is not in revision '{revision}' (it was added or renamed since); see the revisions "
                    "that have it with '{command}', or give an older file with --baseline",
                    path=path,
                    revision=rev,
                    command="coprod history " + str(path),
                )
            )
        version = parse_version(raw, label, path.parent)
        fw = framework_at(version.doc, top, blobs, commit, relative, rev)[0]
    return score(cross_check_document(version.doc, fw, privacy=version.privacy))


# ---- the whole history -------------------------------------------------------------------


def _framework_today(path: Path, newest: Document | None) -> tuple[LoadedFramework | None, str | None]:
    """The framework the unit uses now: the one the working file names (else the newest version)."""
    doc = newest
    if path.is_file():
        try:
            doc = read_input(path, str(path)).doc
        except CoprodError:
            doc = newest
    written = _written_framework(doc) if doc is not None else None
    try:
        where = doc.problem(("framework",), "") if doc is not None and written is not None else None
        return load_framework(*resolve_framework(written or DEFAULT_FRAMEWORK, path.parent, where=where)), None
    except CoprodError as e:
        return None, mask(str(e).splitlines()[0]) if str(e) else type(e).__name__


def _rescore(version: Input, fw: LoadedFramework | None) -> Result | None:
    if fw is None:
        return None
    try:
        return score(cross_check_document(refit(version.doc, fw), fw, privacy=version.privacy))
    except CoprodError:  # pragma: no cover - refit leaves nothing today's framework refuses; kept as a guard
        return None


def history(path: Path) -> History:
    """Every committed version of ``path`` (following renames), oldest first, each scored as at
    the time and against today's framework (once when that is the same framework).

    Versions are read newest first, since the newest readable one names today's framework when
    the working file cannot; each is cut down to the rows the outputs show as soon as it is scored.
    """
    shown = str(path)
    top, relative = repository(path, _(NOT_A_REPOSITORY))
    revisions = follow(top, relative)
    if not revisions:
        if not path.exists():
            raise UsageError(_("{path}: no such file, and git has no record of it; check the name", path=shown))
        raise UsageError(
            _(
                "{path}: has never been committed, so git has no versions of it yet; "
                "commit it ({command}) and run this again",
                path=shown,
                command="git add " + shown + " && git commit",
            )
        )
    read: list[tuple[Revision, UnitRow, bool, UnitRow | None, Plan]] = []
    broken: list[Broken] = []
    waived: set[str] = set()
    today_fw: LoadedFramework | None = None
    today_problem: str | None = None
    with Blobs(top) as blobs:
        for rev in reversed(revisions):
            label = rev.commit[:SHORT]
            raw = blobs.read(rev.blob)  # git stopping is no fault of this version: it ends the command
            try:
                if raw is None:  # pragma: no cover - git log listed it as changed there
                    raise InputError(
                        [Problem(f"{label}:{rev.path}", 0, 0, _("could not be read from git"), "unreadable")]
                    )
                version = parse_version(raw, f"{label}:{rev.path}", path.parent)
                fw, committed = framework_at(version.doc, top, blobs, rev.commit, rev.path, label)
                result = score(cross_check_document(version.doc, fw, privacy=version.privacy))
            except CoprodError as e:
                found = e.problems() or (Problem(f"{label}:{rev.path}", 0, 0, str(e)),)
                masked = tuple(replace(p, message=mask(p.message)) for p in found)  # listed in the history
                broken.append(Broken(rev.commit, rev.date, rev.path, masked))
                continue
            if not read:  # the newest version that can be read
                today_fw, today_problem = _framework_today(path, version.doc)
            row = UnitRow.of(result)
            waived |= result.waived_keys
            today: UnitRow | None = row  # against today's framework: the same when it is the same framework
            if fw is not today_fw:
                again = _rescore(version, today_fw)
                today = None if again is None else UnitRow.of(again)
                waived |= again.waived_keys if again is not None else frozenset()
            read.append((rev, row, committed, today, plan_of(result)))
    if not read:
        raise InputError(p for b in reversed(broken) for p in b.problems)
    points: list[Point] = []
    previous: str | None = None
    plan = NO_PLAN
    for rev, row, committed, again_row, then in reversed(read):
        sha = row.framework.sha256
        points.append(
            Point(
                commit=rev.commit,
                date=rev.date,
                path=rev.path,
                result=row,
                framework_committed=committed,
                framework_changed=previous is not None and sha != previous,
                today=again_row,
                actions=counts(plan, then),
            )
        )
        previous, plan = sha, then
    trends = trends_of(points, today_fw is not None)
    return History(
        file=shown,
        points=tuple(points),
        broken=tuple(reversed(broken)),
        today_framework=next((p.today.framework for p in points if p.today is not None), None),
        today_problem=today_problem,
        trends=trends,
        waived_keys=frozenset(waived),
    )

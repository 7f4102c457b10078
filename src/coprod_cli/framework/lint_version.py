"""``coprod framework check --against REV``: whether a framework's version was bumped enough
for what changed since the version committed at ``REV`` (docs/framework-file.md, "Checking a
version bump").
"""

from __future__ import annotations

from pathlib import Path

from coprod_cli.errors import InputError, Problem
from coprod_cli.framework.diff import FrameworkDiff, diff
from coprod_cli.framework.load import LoadedFramework, load_framework_bytes
from coprod_cli.framework.semver import is_semver
from coprod_cli.i18n import N_, _, n_
from coprod_cli.reading.gitfiles import NotInRevision, show_at
from coprod_cli.reading.textfile import read_bytes


def load_at(rev: str, path: Path, shown: str | None = None) -> LoadedFramework:
    """A framework file as committed at ``rev``, named ``REV:FILE`` in any problem.

    A tailored file's ``extends`` is followed from the file's folder as it is now.
    """
    shown = str(path) if shown is None else shown
    return load_framework_bytes(show_at(rev, path), path, f"{rev}:{shown}")


def check_against(path: Path, rev: str, shown: str | None = None) -> list[Problem]:
    """A problem at the ``version:`` line when the version was not bumped enough since ``rev``.

    Nothing to report when the file is new since ``rev``, or when the committed version
    cannot be read or has no semantic version (there is nothing to measure the bump from).
    """
    shown = str(path) if shown is None else shown
    now = load_framework_bytes(read_bytes(path, shown, pipe_ok=True), path, shown)
    return against(now, path, rev, shown)


def against(now: LoadedFramework, path: Path, rev: str, shown: str) -> list[Problem]:
    """``check_against`` for a framework already loaded."""
    try:
        before = load_at(rev, path, shown)
    except (NotInRevision, InputError):
        return []
    d = diff(before.model, now.model)
    if d.version_ok or not (is_semver(d.old_version) and is_semver(d.new_version)):
        return []  # a version that is not semver is the linter's to report
    return [now.doc.problem(("version",), bump_message(d, rev, shown), code="version-bump")]


_BUMPS = {"major": N_("major"), "minor": N_("minor"), "patch": N_("patch")}
"""How big a version bump is, as the messages below say it."""


def _bump(kind: str) -> str:
    return _(_BUMPS[kind]) if kind in _BUMPS else kind


def bump_message(d: FrameworkDiff, rev: str, shown: str) -> str:
    """Why the version is not enough, with the version that would be, e.g. for a pre-commit hook."""
    worst = [c for c in d.changes if c.needs == d.needs]
    if d.bump == "downgrade":
        start = _("version goes down from {old} to {new} since {rev}", old=d.old_version, new=d.new_version, rev=rev)
    elif d.bump == "none":
        start = _("version {new} is unchanged since {rev}", new=d.new_version, rev=rev)
    else:
        start = _(
            "version {old} → {new} is a {bump} bump", old=d.old_version, new=d.new_version, bump=_bump(str(d.bump))
        )
    if not worst:
        return _("{start}, but a new version must be higher: make it {suggested}", start=start, suggested=d.suggested)
    if d.breaking:
        message = _(
            "{start}, but {cause} is a breaking change: make it {suggested}",
            start=start,
            cause=worst[0].cause,
            suggested=d.suggested,
        )
    else:
        message = _(
            "{start}, but {cause} needs a {bump} bump: make it {suggested}",
            start=start,
            cause=worst[0].cause,
            bump=_bump(str(d.needs)),
            suggested=d.suggested,
        )
    others = len(d.changes) - 1
    if others:
        message += n_(
            " ({count} more change: see 'coprod framework diff --git {rev} {shown}')",
            " ({count} more changes: see 'coprod framework diff --git {rev} {shown}')",
            others,
            rev=rev,
            shown=shown,
        )
    return message

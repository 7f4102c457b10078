"""The version verdict: whether a framework's new version number moves as far as its changes need."""

from __future__ import annotations

from coprod_cli.framework.semver import BUMPS, Bump, BumpKind, SemverError, bump_kind, next_version, parse, satisfies
from coprod_cli.i18n import N_, _

_NEEDS: dict[str, str] = {
    "major": N_("breaking change: needs a major version"),
    "minor": N_("needs a minor version"),
    "patch": N_("needs a patch version"),
    "none": N_("no change that needs a new version"),
}
_ENOUGH: dict[str, str] = {
    "major": N_("{moved} is major: ok"),
    "minor": N_("{moved} is minor: ok"),
    "patch": N_("{moved} is a patch: ok"),
    "none": N_("{moved}: ok"),
}
_TOO_LITTLE: dict[str, str] = {
    "minor": N_("{moved} is only minor"),
    "patch": N_("{moved} is only a patch"),
    "none": N_("{moved} is no bump"),
    "downgrade": N_("{moved} goes down"),
}


def most(*bumps: Bump) -> Bump:
    """The largest of the bumps."""
    return max(bumps, key=BUMPS.index)


def version_verdict(old: str, new: str, needs: Bump) -> tuple[BumpKind | None, bool, str, str | None]:
    """How far ``old`` → ``new`` moves, whether that is at least ``needs``, the verdict in one line,
    and the smallest version that would do when it is not."""
    head = _(_NEEDS[needs])
    try:
        a = parse(old)
    except SemverError as e:
        return None, False, _("{head}, but the old version {error}", head=head, error=e), None
    try:
        b = parse(new)
    except SemverError as e:
        return None, False, _("{head}, but the new version {error}", head=head, error=e), None
    bump = bump_kind(a, b)
    ok = satisfies(bump, needs)
    moved = f"{a} → {b}"
    if ok:
        said = _(_ENOUGH[bump], moved=moved)
        return bump, True, _("{head} ({said})", head=head, said=said), None
    suggested = str(next_version(a, most(needs, "patch")))
    said = _(_TOO_LITTLE[bump], moved=moved)
    return bump, False, _("{head} ({said}; make it {version})", head=head, said=said, version=suggested), suggested

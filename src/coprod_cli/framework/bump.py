"""The version verdict: whether a framework's new version number moves as far as its changes need."""

from __future__ import annotations

from coprod_cli.framework.semver import BUMPS, Bump, BumpKind, SemverError, bump_kind, next_version, parse, satisfies

_BUMP_WORDS: dict[str, str] = {
    "major": "major",
    "minor": "minor",
    "patch": "a patch",
    "none": "no bump",
    "downgrade": "a step down",
}


def most(*bumps: Bump) -> Bump:
    """The largest of the bumps."""
    return max(bumps, key=BUMPS.index)


def version_verdict(old: str, new: str, needs: Bump) -> tuple[BumpKind | None, bool, str, str | None]:
    """How far ``old`` → ``new`` moves, whether that is at least ``needs``, the verdict in one line,
    and the smallest version that would do when it is not."""
    head = {
        "major": "breaking change: needs a major version",
        "minor": "needs a minor version",
        "patch": "needs a patch version",
        "none": "no change that needs a new version",
    }[needs]
    try:
        a = parse(old)
    except SemverError as e:
        return None, False, f"{head}, but the old version {e}", None
    try:
        b = parse(new)
    except SemverError as e:
        return None, False, f"{head}, but the new version {e}", None
    bump = bump_kind(a, b)
    ok = satisfies(bump, needs)
    moved = f"{a} → {b}"
    if ok:
        said = f"{moved}: ok" if bump == "none" else f"{moved} is {_BUMP_WORDS[bump]}: ok"
        return bump, True, f"{head} ({said})", None
    suggested = str(next_version(a, most(needs, "patch")))
    if bump == "downgrade":
        said = f"{moved} goes down"
    elif bump == "none":
        said = f"{moved} is no bump"
    else:
        said = f"{moved} is only {_BUMP_WORDS[bump]}"
    return bump, False, f"{head} ({said}; make it {suggested})", suggested

"""Semantic versions (semver 2.0.0) and how far one moved from another.

A framework's ``version`` tells units how much changed: a new major version may
lower their result or make their evidence file invalid, a minor one changes what a
target asks, a patch only the guidance around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

from coprod_cli.i18n import N_, _

Bump = Literal["major", "minor", "patch", "none"]
BumpKind = Literal["major", "minor", "patch", "none", "downgrade"]
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")
"""From least to most; a bump satisfies every need before it in this order."""

# The expression semver.org recommends, split so each part is named.
_NUMBER = r"0|[1-9][0-9]*"
_IDENT = r"(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)"
_SEMVER = re.compile(
    rf"(?P<major>{_NUMBER})\.(?P<minor>{_NUMBER})\.(?P<patch>{_NUMBER})"
    rf"(?:-(?P<pre>{_IDENT}(?:\.{_IDENT})*))?"
    r"(?:\+(?P<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)


class SemverError(ValueError):
    """A version that is not MAJOR.MINOR.PATCH; the message says why."""


@total_ordering
@dataclass(frozen=True)
class Version:
    """A parsed semantic version; ordered by semver precedence (build metadata ignored)."""

    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...] = ()
    """The dot-separated parts after '-', e.g. ('rc', '1'); empty for a release."""
    build: tuple[str, ...] = ()
    """The dot-separated parts after '+'; never affects precedence."""

    @property
    def core(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text

    def _key(self) -> tuple[tuple[int, int, int], int, tuple[tuple[int, int, str], ...]]:
        # A release ranks above its pre-releases; numeric parts rank below text parts.
        parts = tuple((0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p) for p in self.prerelease)
        return (self.core, 0 if self.prerelease else 1, parts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()


def parse(text: str) -> Version:
    """Parse ``MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]``; raises SemverError saying what is wrong."""
    match = _SEMVER.fullmatch(text)
    if match is None:
        raise SemverError(_why_not(text))
    pre, build = match["pre"], match["build"]
    return Version(
        int(match["major"]),
        int(match["minor"]),
        int(match["patch"]),
        tuple(pre.split(".")) if pre else (),
        tuple(build.split(".")) if build else (),
    )


def is_semver(text: str) -> bool:
    return _SEMVER.fullmatch(text) is not None


def _why_not(text: str) -> str:
    shown = text if len(text) <= 40 else text[:39] + "…"
    core = re.split(r"[-+]", text, maxsplit=1)[0]
    parts = core.split(".")
    if text[:1] in "vV" and is_semver(text[1:]):
        reason = _("drop the leading '{letter}': write {version}", letter=text[0], version=text[1:])
    elif len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts):
        reason = _("write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0")
    elif any(len(p) > 1 and p.startswith("0") for p in parts):
        fixed = ".".join(str(int(p)) for p in parts)
        reason = _("numbers cannot start with 0: write {version}", version=fixed + text[len(core) :])
    else:
        reason = _why_not_suffix(text[len(core) :])
    return _("'{version}' is not a semantic version; {reason}", version=shown, reason=reason)


_EMPTY_PART = {
    "pre-release": N_("the pre-release is made of non-empty parts separated by '.', such as {example}"),
    "build data": N_("the build data is made of non-empty parts separated by '.', such as {example}"),
}
_BAD_CHARACTER = {
    "pre-release": N_("the pre-release may use only letters, digits, '-' and '.', such as {example}"),
    "build data": N_("the build data may use only letters, digits, '-' and '.', such as {example}"),
}


def _why_not_suffix(rest: str) -> str:
    """Why the part after MAJOR.MINOR.PATCH (starting '-' or '+') is not valid."""
    checks = []
    if rest.startswith("-"):
        pre, plus, build = rest[1:].partition("+")
        checks.append(("pre-release", pre, "-rc.1"))
        if plus:
            checks.append(("build data", build, "+2026.10"))
    else:
        checks.append(("build data", rest[1:], "+2026.10"))
    for name, value, example in checks:
        for part in value.split("."):
            if not part:
                return _(_EMPTY_PART[name], example=example)
            if not re.fullmatch(r"[0-9a-zA-Z-]+", part):
                return _(_BAD_CHARACTER[name], example=example)
            if name == "pre-release" and part.isdigit() and len(part) > 1 and part.startswith("0"):
                return _("the number {number} in the pre-release cannot start with 0", number=part)
    raise AssertionError(rest)  # pragma: no cover - every other suffix parses


def bump_kind(old: Version | str, new: Version | str) -> BumpKind:
    """How far ``new`` moved from ``old``: the highest part of MAJOR.MINOR.PATCH that went up.

    "none" when they rank the same (build data is ignored), "downgrade" when ``new`` ranks
    lower.  A pre-release promises nothing (semver 2.0.0, item 9), so moving from one to a
    later pre-release or to the release of the same MAJOR.MINOR.PATCH counts as "major":
    any change is allowed there.
    """
    a = parse(old) if isinstance(old, str) else old
    b = parse(new) if isinstance(new, str) else new
    if b == a:
        return "none"
    if b < a:
        return "downgrade"
    if b.major != a.major:
        return "major"
    if b.minor != a.minor:
        return "minor"
    if b.patch != a.patch:
        return "patch"
    return "major"  # same MAJOR.MINOR.PATCH, later pre-release or the release itself


def satisfies(kind: BumpKind, needs: Bump) -> bool:
    """Whether a bump of ``kind`` is enough for a change that ``needs`` that much."""
    if kind == "downgrade":
        return False
    return BUMPS.index(kind) >= BUMPS.index(needs)


def next_version(old: Version | str, needs: Bump) -> Version:
    """The smallest release that satisfies ``needs`` after ``old`` (``old`` itself for "none")."""
    v = parse(old) if isinstance(old, str) else old
    if needs == "none":
        return v
    if v.prerelease:  # its release is allowed any change
        return Version(v.major, v.minor, v.patch)
    if needs == "major":
        return Version(v.major + 1, 0, 0)
    if needs == "minor":
        return Version(v.major, v.minor + 1, 0)
    return Version(v.major, v.minor, v.patch + 1)

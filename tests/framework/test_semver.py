"""Semantic versions (semver 2.0.0): parsing, precedence, and how far a version moved."""

from __future__ import annotations

import itertools

import pytest

from coprod_cli.framework.semver import SemverError, Version, bump_kind, is_semver, next_version, parse, satisfies

VALID = [
    ("0.0.0", Version(0, 0, 0)),
    ("1.0.0", Version(1, 0, 0)),
    ("1.2.3", Version(1, 2, 3)),
    ("10.20.30", Version(10, 20, 30)),
    ("1.0.0-alpha", Version(1, 0, 0, ("alpha",))),
    ("1.0.0-alpha.1", Version(1, 0, 0, ("alpha", "1"))),
    ("1.0.0-0.3.7", Version(1, 0, 0, ("0", "3", "7"))),
    ("1.0.0-x.7.z.92", Version(1, 0, 0, ("x", "7", "z", "92"))),
    ("1.0.0-x-y-z.--", Version(1, 0, 0, ("x-y-z", "--"))),
    ("1.0.0-0a", Version(1, 0, 0, ("0a",))),
    ("1.0.0+20130313144700", Version(1, 0, 0, (), ("20130313144700",))),
    ("1.0.0-beta+exp.sha.5114f85", Version(1, 0, 0, ("beta",), ("exp", "sha", "5114f85"))),
    ("1.0.0+21AF26D3----117B344092BD", Version(1, 0, 0, (), ("21AF26D3----117B344092BD",))),
    ("1.0.0+001", Version(1, 0, 0, (), ("001",))),  # build data may have leading zeros
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parse_valid(text: str, expected: Version) -> None:
    parsed = parse(text)
    assert parsed == expected
    assert parsed.build == expected.build
    assert str(parsed) == text
    assert is_semver(text)


INVALID = [
    ("1", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    ("1.2", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    ("1.2.3.4", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    ("", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    ("1.2.x", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    (" 1.2.3", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    ("1.2.3 ", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    ("١.2.3", "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0"),
    ("v1.2.3", "drop the leading 'v': write 1.2.3"),
    ("V1.2.3", "drop the leading 'V': write 1.2.3"),
    ("01.2.3", "numbers cannot start with 0: write 1.2.3"),
    ("1.02.3", "numbers cannot start with 0: write 1.2.3"),
    ("1.2.03-rc.1", "numbers cannot start with 0: write 1.2.3-rc.1"),
    ("1.2.3-", "the pre-release is made of non-empty parts separated by '.', such as -rc.1"),
    ("1.2.3-rc..1", "the pre-release is made of non-empty parts separated by '.', such as -rc.1"),
    ("1.2.3-01", "the number 01 in the pre-release cannot start with 0"),
    ("1.2.3-rc_1", "the pre-release may use only letters, digits, '-' and '.', such as -rc.1"),
    ("1.2.3+", "the build data is made of non-empty parts separated by '.', such as +2026.10"),
    ("1.2.3-rc+", "the build data is made of non-empty parts separated by '.', such as +2026.10"),
    ("1.2.3+a+b", "the build data may use only letters, digits, '-' and '.', such as +2026.10"),
]


@pytest.mark.parametrize(("text", "reason"), INVALID)
def test_parse_invalid_says_why(text: str, reason: str) -> None:
    assert not is_semver(text)
    with pytest.raises(SemverError) as caught:
        parse(text)
    assert str(caught.value) == f"'{text}' is not a semantic version; {reason}"


def test_long_version_is_clipped_in_the_message() -> None:
    with pytest.raises(SemverError) as caught:
        parse("1" * 60)
    assert str(caught.value).startswith(f"'{'1' * 39}…' is not a semantic version")


# The precedence example of semver.org item 11, in ascending order.
ORDERED = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.1",
    "1.1.0",
    "2.0.0",
    "10.0.0",
]


@pytest.mark.parametrize(("lower", "higher"), list(itertools.pairwise(ORDERED)))
def test_precedence(lower: str, higher: str) -> None:
    assert parse(lower) < parse(higher)
    assert parse(higher) > parse(lower)
    assert parse(lower) != parse(higher)


def test_build_data_does_not_change_precedence() -> None:
    assert parse("1.0.0+a") == parse("1.0.0+b")
    assert hash(parse("1.0.0+a")) == hash(parse("1.0.0"))
    assert parse("1.0.0") != "1.0.0"


BUMPS = [
    ("1.0.0", "2.0.0", "major"),
    ("1.9.9", "2.0.0", "major"),
    ("0.1.0", "1.0.0", "major"),
    ("1.0.0", "2.0.0-rc.1", "major"),
    ("1.0.0", "1.1.0", "minor"),
    ("1.0.5", "1.1.0", "minor"),
    ("0.1.0", "0.2.0", "minor"),
    ("1.0.0", "1.0.1", "patch"),
    ("1.0.0", "1.0.1-rc.1", "patch"),
    ("1.0.0", "1.0.0", "none"),
    ("1.0.0+a", "1.0.0+b", "none"),
    ("2.0.0", "1.9.9", "downgrade"),
    ("1.1.0", "1.0.9", "downgrade"),
    ("1.0.1", "1.0.0", "downgrade"),
    ("1.0.0", "1.0.0-rc.1", "downgrade"),
    ("1.0.0-rc.2", "1.0.0-rc.1", "downgrade"),
    # A pre-release promises nothing: its later pre-releases and its release may change anything.
    ("2.0.0-rc.1", "2.0.0", "major"),
    ("1.1.0-rc.1", "1.1.0-rc.2", "major"),
]


@pytest.mark.parametrize(("old", "new", "kind"), BUMPS)
def test_bump_kind(old: str, new: str, kind: str) -> None:
    assert bump_kind(old, new) == kind
    assert bump_kind(parse(old), parse(new)) == kind


SATISFIES = [
    ("major", "major", True),
    ("major", "minor", True),
    ("major", "none", True),
    ("minor", "major", False),
    ("minor", "minor", True),
    ("minor", "patch", True),
    ("patch", "minor", False),
    ("patch", "patch", True),
    ("none", "patch", False),
    ("none", "none", True),
    ("downgrade", "none", False),
]


@pytest.mark.parametrize(("kind", "needs", "ok"), SATISFIES)
def test_satisfies(kind: str, needs: str, ok: bool) -> None:
    assert satisfies(kind, needs) is ok  # type: ignore[arg-type]


NEXT = [
    ("1.2.3", "major", "2.0.0"),
    ("1.2.3", "minor", "1.3.0"),
    ("1.2.3", "patch", "1.2.4"),
    ("1.2.3", "none", "1.2.3"),
    ("1.2.3+build", "patch", "1.2.4"),
    ("2.0.0-rc.1", "major", "2.0.0"),
    ("0.1.0", "major", "1.0.0"),
]


@pytest.mark.parametrize(("old", "needs", "expected"), NEXT)
def test_next_version(old: str, needs: str, expected: str) -> None:
    suggested = next_version(old, needs)  # type: ignore[arg-type]
    assert str(suggested) == expected
    if needs != "none":
        assert satisfies(bump_kind(old, suggested), needs)  # type: ignore[arg-type]

"""The resume marker: one for the group and one for each rater, in the file itself."""

from __future__ import annotations

from pathlib import Path

from coprod_cli.interview.marker import read_marker, set_marker
from coprod_cli.interview.session import open_session


def test_markers_of_the_group_and_of_each_rater_are_separate() -> None:
    text = "# head\nunit:\n  name: A\n"
    both = set_marker(set_marker(text, None, "L1.a"), "Rhian", "L2.b")
    assert both == "# head\n# coprod interview: next L1.a\n# coprod interview for Rhian: next L2.b\nunit:\n  name: A\n"
    assert read_marker(both, None) == "L1.a"
    assert read_marker(both, "RHIAN") == "L2.b"
    assert read_marker(both, "Gwen") is None
    assert set_marker(both, None, None) == "# head\n# coprod interview for Rhian: next L2.b\nunit:\n  name: A\n"


def test_a_resume_marker_naming_an_unknown_target_starts_at_the_top(made: Path) -> None:
    made.write_text(set_marker(made.read_text(encoding="utf-8"), None, "L9.gone"), encoding="utf-8")
    session = open_session(made, "unit.yaml")
    assert session.resume_at() is None

"""What happened to the actions between two assessments (docs/many-units.md, 'What happened to the
actions'): ``coprod compare``, ``report --baseline`` / ``--since`` and ``coprod history``, through the
real CLI, with golden outputs in English and Welsh made from tests/golden/compare/actions.*.yaml.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from coprod_cli.rollup.compare import compare
from coprod_cli.rollup.followup import NO_PLAN, FollowUp, follow_up, key_of, plan_of
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import Result, score
from tests.cli.service_cli import runner
from tests.conftest import RunCoprod
from tests.rollup.test_history import SHORT, Repo

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN = ROOT / "tests" / "golden" / "compare"
HISTORY_GOLDEN = ROOT / "tests" / "golden" / "history"
PAIR = ("tests/golden/compare/actions.before.yaml", "tests/golden/compare/actions.after.yaml")
REGEN = "python -m tests.rollup.test_followup"

UNIT = """\
unit: {{name: Ward K}}
assessed_on: {day}
targets:
  L1.buddy-system:
    status: {status}
    actions:
{actions}"""


def evidence(tmp: Path, name: str, day: str, *actions: str, status: str = "not-met") -> Result:
    path = tmp / name
    path.write_text(UNIT.format(day=day, status=status, actions="".join(f"      - {a}\n" for a in actions)))
    return score(load_evidence(path, str(path)))


def followed(tmp: Path, before: tuple[str, ...], after: tuple[str, ...], status: str = "not-met") -> FollowUp:
    return follow_up(
        plan_of(evidence(tmp, "before.yaml", "2026-04-14", *before)),
        plan_of(evidence(tmp, "after.yaml", "2026-10-14", *after, status=status)),
    )


def described(notes: tuple[object, ...]) -> list[str]:
    return [getattr(n, "description") for n in notes]  # noqa: B009 - any note


# ---- the core --------------------------------------------------------------------------------


def test_an_action_is_known_by_its_target_and_its_words_whatever_their_spacing_and_case() -> None:
    assert key_of("L1.a", "  Start   a Meeting ") == key_of("L1.a", "start a meeting") == ("L1.a", "start a meeting")
    assert key_of("L1.a", "Start") != key_of("L1.b", "Start")


def test_done_before_and_again_since_is_completed_only_when_its_date_says_so(tmp_path: Path) -> None:
    before = ("{description: Ask, status: done, changed_on: 2026-04-01}",)
    assert not followed(tmp_path, before, ("{description: Ask, status: done, changed_on: 2026-04-01}",))
    assert not followed(tmp_path, before, ("{description: Ask, status: done}",))
    again = followed(tmp_path, before, ("{description: Ask, status: done, changed_on: 2026-05-01}",))
    assert described(again.completed) == ["Ask"]


def test_dropped_in_both_says_nothing_and_open_again_is_still_open(tmp_path: Path) -> None:
    gone = "{description: Pay, status: dropped, changed_on: 2026-04-01, reason: No budget}"
    assert not followed(tmp_path, (gone,), (gone,))
    assert not followed(tmp_path, (gone,), ())  # said at the earlier assessment already
    reopened = followed(tmp_path, (gone,), ("{description: Pay}",))
    assert described(reopened.still_open) == ["Pay"]
    dropped_after_done = followed(tmp_path, ("{description: Pay, status: done}",), (gone,))
    assert described(dropped_after_done.dropped) == ["Pay"]


def test_two_actions_with_the_same_words_are_paired_in_order(tmp_path: Path) -> None:
    both = ("{description: Ask, due: 2026-05-01}", "{description: ask}")
    after = followed(tmp_path, both, ("{description: Ask, status: done}",))
    assert described(after.completed) == ["Ask"]
    assert described(after.vanished) == ["ask"]


def test_an_action_gone_from_a_target_that_became_met_is_completed_not_gone(tmp_path: Path) -> None:
    before = ("{description: Ask, due: 2026-05-01}",)
    met = followed(tmp_path, before, (), status="met")
    assert described(met.completed) == ["Ask"]
    assert met.completed[0].overdue is False  # it was overdue only as the earlier file saw it
    assert described(followed(tmp_path, before, ()).vanished) == ["Ask"]


def test_an_action_still_open_on_a_target_that_became_met_is_completed(tmp_path: Path) -> None:
    """As coprod counted it before actions had a status: a met target needs nothing more."""
    before = ("{description: Ask, due: 2026-05-01}",)
    assert described(followed(tmp_path, before, before, status="met").completed) == ["Ask"]
    assert described(followed(tmp_path, before, before).still_open) == ["Ask"]


def test_a_dropped_action_without_a_date_gives_its_reason(coprod: RunCoprod, tmp_path: Path) -> None:
    evidence(tmp_path, "before.yaml", "2026-04-14", "{description: Pay}")
    evidence(tmp_path, "after.yaml", "2026-10-14", "{description: Pay, status: dropped, reason: No budget}")
    pair = (tmp_path / "before.yaml", tmp_path / "after.yaml")
    assert "dropped: No budget" in coprod("compare", *pair).stdout
    assert "; dropped: No budget\n" in coprod("compare", *pair, "--format", "markdown").stdout
    assert "; wedi'i ollwng: No budget\n" in coprod("compare", *pair, "--format", "markdown", "--lang", "cy").stdout


def test_the_oldest_version_has_only_new_actions(tmp_path: Path) -> None:
    plan = plan_of(evidence(tmp_path, "a.yaml", "2026-04-14", "{description: Ask}", "{description: Pay}"))
    first = follow_up(NO_PLAN, plan)
    assert (len(first.new), first.completed, first.vanished) == (2, (), ())


def test_two_different_units_have_no_actions_compared(tmp_path: Path) -> None:
    before = evidence(tmp_path, "before.yaml", "2026-04-14", "{description: Ask}")
    other = tmp_path / "other.yaml"
    text = UNIT.format(day="2026-10-14", status="met", actions="      - {description: Pay}\n")
    other.write_text(text.replace("Ward K", "Ward L"))
    apart = compare(before, score(load_evidence(other, str(other))), different_units=True)
    assert not apart.followed_up
    assert compare(before, before).followed_up  # the same unit: its action is still open


# ---- goldens: compare, and the section report --baseline adds ----------------------------------

COMPARE = {
    "actions.txt": ("text", "en"),
    "actions.md": ("markdown", "en"),
    "actions.cy.txt": ("text", "cy"),
    "actions.cy.md": ("markdown", "cy"),
    "actions.cy+en.md": ("markdown", "cy+en"),
}
"""Each golden of ``coprod compare`` on the pair (run from the repository root): format and --lang."""
SINCE = {
    "actions.since.md": ("md", "en"),
    "actions.since.cy.md": ("md", "cy"),
    "actions.since.html": ("html", "en"),
    "actions.since.cy.html": ("html", "cy"),
}
"""Each golden of the "since" section of ``coprod report AFTER --baseline BEFORE``: format and --lang."""


def since_section(text: str, fmt: str) -> str:
    """The "since the last assessment" section alone, so the rest of the report may change apart from it."""
    if fmt == "html":
        found = re.search(r'<section aria-labelledby="[^"]*since">.*?</section>\n', text, re.S)
    else:
        found = re.search(r"^## (Since the last assessment|Ers yr asesiad diwethaf)\n.*?(?=^## )", text, re.S | re.M)
    assert found, text
    return found.group(0)


def made(run: RunCoprod, name: str) -> str:
    if name in COMPARE:
        fmt, lang = COMPARE[name]
        done = run("compare", *PAIR, "--format", fmt, "--lang", lang)
        assert done.code == 0, done
        return done.stdout
    fmt, lang = SINCE[name]
    done = run("report", PAIR[1], "--baseline", PAIR[0], "--format", fmt, "--lang", lang)
    assert done.code == 0, done
    return since_section(done.stdout, fmt)


@pytest.mark.parametrize("name", sorted({**COMPARE, **SINCE}))
def test_matches_golden(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(ROOT)
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert made(coprod, name) == expected, f"tests/golden/compare/{name} differs; run: {REGEN}"


def test_the_pair_in_json(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    actions = json.loads(coprod("compare", *PAIR, "--format", "json").stdout)["actions"]
    assert {k: [(a["id"], a["status"], a["overdue"]) for a in v] for k, v in actions.items()} == {
        "completed": [
            ("L1.own-care-plans", "done", False),
            ("L1.buddy-system", "done", False),
            ("L1.suggestion-boxes", "open", False),
        ],
        "still_open": [("L1.community-meetings", "open", True), ("L1.complaints-info", "open", False)],
        "dropped": [("L1.buddy-system", "dropped", False)],
        "new": [("L1.own-care-plans", "done", False), ("L1.buddy-system", "open", True)],
        "no_longer_in_file": [("L1.complaints-info", "open", False)],
    }
    assert actions["dropped"][0]["reason"] == "Covered by the payment policy instead"
    assert actions["completed"][1]["changed_on"] == "2026-09-12"


def test_words_from_the_file_are_text_in_html(coprod: RunCoprod, tmp_path: Path) -> None:
    hostile = "<script>alert('x')</script> *bold* [link](http://x)"
    for name in ("before", "after"):
        text = (ROOT / f"tests/golden/compare/actions.{name}.yaml").read_text(encoding="utf-8")
        (tmp_path / f"{name}.yaml").write_text(text.replace("Covered by the payment policy instead", hostile))
    html = coprod("report", tmp_path / "after.yaml", "--baseline", tmp_path / "before.yaml", "--format", "html")
    assert html.code == 0, html
    assert "<script" not in html.stdout
    assert "dropped on 1 July 2026: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html.stdout
    md = coprod("report", tmp_path / "after.yaml", "--baseline", tmp_path / "before.yaml").stdout
    assert "[link](http://x)" not in md


def test_no_action_in_either_file_no_section(coprod: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("unit: {name: Ward K}\nassessed_on: 2026-01-01\ntargets: {}\n")
    (tmp_path / "b.yaml").write_text("unit: {name: Ward K}\nassessed_on: 2026-02-01\ntargets: {}\n")
    for fmt in ("text", "markdown"):
        assert (
            "We said we would"
            not in coprod("compare", tmp_path / "a.yaml", tmp_path / "b.yaml", "--format", fmt).stdout
        )


# ---- report --since REV, and history --------------------------------------------------------


def clean_repo(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A new repository at ``tmp/repo``, the current folder, with none of the user's git settings."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp))
    root = tmp / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    return Repo(root, monkeypatch)


def commit_pair(repo: Repo) -> dict[str, str]:
    """The pair committed as two versions of units/ward.yaml."""
    commits = {}
    for name, day in (("before", "2026-04-14"), ("after", "2026-10-14")):
        repo.write("units/ward.yaml", (GOLDEN / f"actions.{name}.yaml").read_text(encoding="utf-8"))
        commits[name] = repo.commit(day, f"the {name} assessment")
    return commits


@pytest.fixture
def committed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    return commit_pair(clean_repo(tmp_path, monkeypatch))


def test_report_since_a_revision(coprod: RunCoprod, committed: dict[str, str]) -> None:
    run = coprod("report", "units/ward.yaml", "--since", "HEAD~1")
    assert run.code == 0, run
    expected = (GOLDEN / "actions.since.md").read_text(encoding="utf-8")
    assert since_section(run.stdout, "md") == expected


HISTORY = {"actions.txt": ("text", "en"), "actions.md": ("markdown", "en"), "actions.cy.md": ("markdown", "cy")}


def history_of(run: RunCoprod, commits: dict[str, str], name: str) -> str:
    fmt, lang = HISTORY[name]
    done = run("history", "units/ward.yaml", "--format", fmt, "--lang", lang)
    assert done.code == 0, done
    text = done.stdout
    for label, commit in commits.items():
        text = text.replace(commit[:SHORT], f"<{label}>".ljust(SHORT))
    return text


@pytest.mark.parametrize("name", sorted(HISTORY))
def test_history_matches_golden(coprod: RunCoprod, committed: dict[str, str], name: str) -> None:
    expected = (HISTORY_GOLDEN / name).read_text(encoding="utf-8")
    assert history_of(coprod, committed, name) == expected, f"tests/golden/history/{name} differs; run: {REGEN}"


def test_history_in_json(coprod: RunCoprod, committed: dict[str, str]) -> None:
    points = json.loads(coprod("history", "units/ward.yaml", "--format", "json").stdout)
    assert [p["actions"] for p in points] == [
        {"completed": 0, "dropped": 0, "new": 8, "still_open": 0, "no_longer_in_file": 0},
        {"completed": 3, "dropped": 1, "new": 2, "still_open": 2, "no_longer_in_file": 1},
    ]


def test_history_without_actions_has_no_such_table(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = clean_repo(tmp_path, monkeypatch)
    repo.write("unit.yaml", "unit: {name: Ward K}\nassessed_on: 2026-01-01\ntargets: {}\n")
    repo.commit("2026-01-01", "first")
    assert "Actions, version by version" not in coprod("history", "unit.yaml").stdout
    assert "Actions, version by version" not in coprod("history", "unit.yaml", "--format", "markdown").stdout


def regenerate() -> None:
    """Rewrite the golden files of this module from the current code."""
    import sys
    import tempfile

    os.environ.update(COLUMNS="100", NO_COLOR="1")  # what the pinned_terminal fixture sets
    os.chdir(ROOT)
    run = runner()
    for name in {**COMPARE, **SINCE}:
        (GOLDEN / name).write_text(made(run, name), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        commits = commit_pair(clean_repo(Path(tmp), mp))
        for name in HISTORY:
            (HISTORY_GOLDEN / name).write_text(history_of(run, commits, name), encoding="utf-8")
        mp.chdir(ROOT)
    print("wrote tests/golden/compare/actions.* and tests/golden/history/actions.*", file=sys.stderr)


if __name__ == "__main__":
    regenerate()

"""Tailored frameworks: extends, remove, add, override; chains, cycles, frameworks folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod_cli.errors import InputError
from coprod_cli.framework.load import load_framework
from tests.conftest import RunCoprod

LOCAL = """\
id: taith-newydd-local
version: 1.0.0
title: Co-production in Taith Newydd low secure service
extends: rehab-recovery
remove: [L1.suggestion-boxes]
add:
  - {level: 2, id: L2.peer-support-workers, text: "Peer support workers employed on every ward", after: L2.team-building}
override:
  targets:
    L3.representation: {required: true}
  levels:
    1: {threshold: 90}
"""

WARD = """\
id: ward-a
version: 2.1.0
title: Ward A's own version
extends: ../local.yaml
add:
  - {level: 1, id: L1.ward-radio, text: "Ward radio show run by residents"}
override:
  targets:
    L2.peer-support-workers: {text: "Peer support workers on Ward A"}
"""

TEAM = """\
id: team-a
version: 1.0.0
title: Team A
extends: ward-a
review_months: 6
remove: [E.payment-policy]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    write(tmp_path / "local.yaml", LOCAL)
    write(tmp_path / "wards" / "ward-a.yaml", WARD)
    return write(tmp_path / "wards" / "team-a.yaml", TEAM)


def test_tailoring_applies_every_change(tmp_path: Path) -> None:
    path = write(tmp_path / "local.yaml", LOCAL)
    fw = load_framework(path, "local.yaml")
    ids = [[t.id for t in level.targets] for level in fw.model.levels]
    assert "L1.suggestion-boxes" not in ids[0]
    assert len(ids[0]) == 13
    assert ids[1][ids[1].index("L2.team-building") + 1] == "L2.peer-support-workers"
    assert fw.model.levels[0].threshold == 90
    assert fw.model.levels[1].threshold == 80
    representation = next(t for t in fw.model.levels[2].targets if t.id == "L3.representation")
    assert representation.required
    assert [p.id for p in fw.parents] == ["rehab-recovery"]
    assert fw.model.source is not None
    assert fw.model.source.doi == "10.1108/JMHTEP-01-2016-0009"
    # guidance links to the removed target are dropped, the ideas kept
    helps = {h for c in fw.model.guidance for i in c.ideas for h in i.helps}
    assert "L1.suggestion-boxes" not in helps
    assert sum(len(c.ideas) for c in fw.model.guidance) == 39


def test_chains_three_deep_with_ids_from_a_frameworks_folder(
    chain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPROD_FRAMEWORKS", str(tmp_path / "wards"))
    fw = load_framework(chain, "team-a.yaml")
    assert [(p.id, p.version) for p in fw.parents] == [
        ("ward-a", "2.1.0"),
        ("taith-newydd-local", "1.0.0"),
        ("rehab-recovery", "1.0.0"),
    ]
    assert fw.review_months == 6
    assert fw.enabler_ids == ("E.guiding-principles", "E.training-programme")
    level1 = [t.id for t in fw.model.levels[0].targets]
    assert level1[-1] == "L1.ward-radio"
    peer = next(t for t in fw.model.levels[1].targets if t.id == "L2.peer-support-workers")
    assert peer.text == "Peer support workers on Ward A"
    assert fw.model.levels[0].threshold == 90


def test_evidence_names_a_tailored_framework_by_id(
    coprod: RunCoprod, chain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = write(
        tmp_path / "unit.yaml",
        "unit: {name: W}\nframework: team-a\nassessed_on: 2026-10-14\ntargets:\n  L1.ward-radio: {status: partial}\n",
    )
    missing = coprod("assess", unit, "--format", "json")
    assert missing.code == 2
    assert "unknown framework 'team-a'" in missing.stderr
    run = coprod("assess", unit, "--format", "json", "--frameworks-dir", tmp_path / "wards")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert data["framework"]["id"] == "team-a"
    assert [p["id"] for p in data["framework"]["parents"]] == ["ward-a", "taith-newydd-local", "rehab-recovery"]
    assert all(len(p["sha256"]) == 64 for p in data["framework"]["parents"])
    assert data["levels"][0]["counts"]["partial"] == 1
    monkeypatch.setenv("COPROD_FRAMEWORKS", str(tmp_path / "wards"))
    assert coprod("assess", unit).code == 0
    report = coprod("report", unit)
    assert "- It tailors ward-a version 2.1.0, sha256 " in report.stdout
    assert "- It tailors rehab-recovery version 1.0.0, sha256 " in report.stdout
    listed = coprod("framework", "list")
    assert "team-a  1.0.0  Team A (3 levels, extends ward-a → taith-newydd-local → rehab-recovery)" in listed.stdout
    shown = coprod("framework", "show", "team-a")
    assert "extends ward-a 2.1.0 · sha256 " in shown.stdout
    assert "L1.ward-radio" in shown.stdout


def test_frameworks_dir_must_be_a_folder(coprod: RunCoprod, tmp_path: Path) -> None:
    run = coprod("framework", "list", "--frameworks-dir", tmp_path / "nope")
    assert run.code == 2
    assert "is not a folder" in run.stderr


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_framework(path, path.name)
    return [p.render() for p in caught.value.problems()]


def test_every_tailoring_mistake_is_named_at_its_place(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.yaml",
        """\
id: bad
version: 1.0.0
title: Bad
extends: rehab-recovery
remove: [L1.suggestion-box, E.payment-policy]
add:
  - {level: 4, id: L4.x, text: "Level four"}
  - {level: 1, id: L1.buddy-system, text: "Again"}
  - {level: 2, id: L2.new, text: "New", after: L1.own-care-plans}
override:
  targets:
    L3.representatoin: {required: true}
  levels:
    5: {threshold: 90}
    2: {threshold: 120}
""",
    )
    assert errors_of(path) == [
        "bad.yaml:5:10: 'L1.suggestion-box' is not in 'rehab-recovery' (the framework this extends), "
        "so it cannot be removed — did you mean 'L1.suggestion-boxes'?",
        "bad.yaml:7:13: there is no level 4 in 'rehab-recovery' (the framework this extends); use a level from 1 to 3",
        "bad.yaml:8:20: 'L1.buddy-system' already exists; give the new target an ID of its own",
        "bad.yaml:9:48: 'L1.own-care-plans' is not a target of level 2; 'after' names the target of the same level it follows",
        "bad.yaml:12:5: 'L3.representatoin' is not a target of 'rehab-recovery' (the framework this extends) "
        "— did you mean 'L3.representation'?",
        "bad.yaml:14:5: there is no level '5' in 'rehab-recovery' (the framework this extends); use a level number from 1 to 3",
        "bad.yaml:15:20: threshold 120 is not a percentage; use a number from 0 to 100",
    ]


def test_a_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "id: a\nversion: 1.0.0\ntitle: A\nextends: ./b.yaml\n")
    path = write(tmp_path / "b.yaml", "id: b\nversion: 1.0.0\ntitle: B\nextends: ./a.yaml\n")
    assert errors_of(path) == [
        "a.yaml:4:10: './b.yaml' leads back to 'b.yaml', which this chain already extends: "
        "a framework cannot extend itself, directly or through others"
    ]
    itself = write(tmp_path / "self.yaml", "id: s\nversion: 1.0.0\ntitle: S\nextends: ./self.yaml\n")
    assert len(errors_of(itself)) == 1


def test_an_extending_file_cannot_list_levels_and_a_complete_one_cannot_tailor(tmp_path: Path) -> None:
    both = write(
        tmp_path / "both.yaml",
        "id: both\nversion: 1.0.0\ntitle: B\nextends: rehab-recovery\nlevels:\n  - {number: 1, title: T, targets: [{id: A.a, text: A}]}\n",
    )
    assert errors_of(both) == [
        "both.yaml:6:3: a framework that extends another cannot list 'levels'; change it with 'remove', 'add' and 'override'"
    ]
    lone = write(
        tmp_path / "lone.yaml",
        "id: lone\nversion: 1.0.0\ntitle: L\nremove: [A.a]\nlevels:\n  - {number: 1, title: T, targets: [{id: A.a, text: A}]}\n",
    )
    assert errors_of(lone) == [
        "lone.yaml:4:9: 'remove' changes the framework named by 'extends:'; add 'extends:' or remove it"
    ]


def test_removing_every_target_of_a_level_is_an_error(tmp_path: Path) -> None:
    base = write(
        tmp_path / "base.yaml",
        "id: base\nversion: 1.0.0\ntitle: B\nlevels:\n  - {number: 1, title: T, targets: [{id: A.a, text: A}]}\n",
    )
    assert base.exists()
    child = write(tmp_path / "child.yaml", "id: child\nversion: 1.0.0\ntitle: C\nextends: ./base.yaml\nremove: [A.a]\n")
    assert errors_of(child) == ["child.yaml:5:9: this removes every target of level 1; a level needs at least one"]


def test_unknown_parent_is_named_at_extends(tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", "id: x\nversion: 1.0.0\ntitle: X\nextends: rehab-recovry\n")
    [message] = errors_of(path)
    assert message.startswith("x.yaml:4:10: unknown framework 'rehab-recovry' — did you mean 'rehab-recovery'?")
    missing = write(tmp_path / "y.yaml", "id: y\nversion: 1.0.0\ntitle: Y\nextends: ./nothing.yaml\n")
    assert errors_of(missing) == [
        "y.yaml:4:10: framework file './nothing.yaml' was not found; a path here is relative to this file's folder"
    ]

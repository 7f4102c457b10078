"""The README's "From one assessment to the next" runs as written (issue 17, "done means").

Every command of that section is taken from the README itself and run, in order, through the
real CLI in a fresh git repository holding the tutorial's unit: the paper forms, the CSVs typed
in (the README's own CSV), the merge, the next assessment started from the last one, the commit,
the report since then, the poster and the spreadsheets. Its YAML example is read as part of an
evidence file. A README edit that breaks the cycle fails here.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCoprod, git, new_repo

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## From one assessment to the next\n", 1)[1].split("\n## ", 1)[0]
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```$", SECTION, re.MULTILINE | re.DOTALL)

LAST_TIME = """\
unit:
  name: Cefn Yr Afon
  service: Open rehabilitation
assessed_on: 2026-10-14
assessors:
  - {name: Rhian, role: service-user}
  - {name: Iwan, role: staff}
targets:
  L1.buddy-system:
    status: partial
    evidence:
      - {description: "Buddy rota on the ward notice board", date: 2026-09-30}
    actions:
      - {description: "Offer a buddy to every new admission", owner: "Ward manager", due: 2027-01-31}
      - {description: "Pay buddies for their time", owner: "Ward manager"}
  L1.community-meetings:
    status: not-met
    action: {description: "Start a weekly community meeting", owner: "Ward manager", due: 2026-12-31}
"""


def _commands() -> list[list[str]]:
    found = []
    for lang, text in BLOCKS:
        if lang == "sh":
            found += [words for line in text.splitlines() if (words := shlex.split(line, comments=True))]
    return found


def test_the_section_shows_every_step_of_the_cycle() -> None:
    used = {tuple(words[:2]) for words in _commands()}
    assert {("coprod", "form"), ("coprod", "import"), ("coprod", "merge"), ("coprod", "report")} <= used
    assert ("coprod", "summary") in used
    assert [lang for lang, _text in BLOCKS].count("csv") == 1


def test_a_unit_runs_the_whole_cycle_from_the_readme(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_repo(tmp_path, monkeypatch)
    monkeypatch.chdir(repo)
    (repo / "cefn-yr-afon.yaml").write_text(LAST_TIME, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Cefn Yr Afon: assessment of October 2026")
    sheet = next(text for lang, text in BLOCKS if lang == "csv")
    for name in ("rhian.csv", "carers.csv", "agreed.csv"):
        (repo / name).write_text(sheet, encoding="utf-8")
    for words in _commands():
        if words[:2] == ["coprod", "report"] and "you_said_we_did" not in (repo / "cefn-yr-afon.yaml").read_text():
            _edit_as_the_readme_says(repo / "cefn-yr-afon.yaml")
        if words[0] == "coprod":
            run = coprod(*words[1:])
            assert run.code == 0, f"{shlex.join(words)}\n{run}"
        elif words[0] == "mkdir":
            (repo / words[1]).mkdir()
        elif words[0] == "mv":
            shutil.move(words[1], words[2])
        else:
            assert words[:2] == ["git", "commit"], words
            git(repo, *words[1:])
    for made in (
        "rhian-form.html",
        "carers-form.html",
        "ratings/rhian.yaml",
        "ratings/carers.yaml",
        "ratings/2027-04.yaml",
    ):
        assert (repo / made).is_file(), made
    unit = (repo / "cefn-yr-afon.yaml").read_text(encoding="utf-8")
    assert "assessed_on: 2027-04-14" in unit.splitlines()
    assert "Pay buddies for their time" in unit  # the next assessment kept the last one's actions
    assert git(repo, "log", "--format=%s") == (
        "Cefn Yr Afon: assessment of April 2027\nCefn Yr Afon: assessment of October 2026"
    )
    report = (repo / "cefn-yr-afon.report.md").read_text(encoding="utf-8")
    assert "We said we would" in report
    assert "The garden is locked at weekends" in (repo / "you-said-we-did.html").read_text(encoding="utf-8")
    assert "Weekly community meeting since January" in report
    assert (repo / "actions.csv").read_bytes().startswith(b"\xef\xbb\xbflevel,target_id,target,description,")
    board = (repo / "board.csv").read_text(encoding="utf-8-sig").splitlines()
    assert board[0].startswith("unit,organisation,file,framework,")
    assert [row.split(",")[0] for row in board[1:]] == ["Cefn Yr Afon"]


def _edit_as_the_readme_says(path: Path) -> None:
    """Step 3's YAML: the actions' news written over the ones the file had (the first with the due
    date the agreed CSV gave it), and the log added."""
    example = next(text for lang, text in BLOCKS if lang == "yaml")
    actions, log = example.split("you_said_we_did:\n")
    text = path.read_text(encoding="utf-8")
    old = (
        '      - {description: "Offer a buddy to every new admission", owner: "Ward manager", due: 2027-06-30}\n'
        '      - {description: "Pay buddies for their time", owner: "Ward manager"}\n'
    )
    if old not in text:  # the file as it was before the import (the YAML example's own test)
        old = old.replace("2027-06-30", "2027-01-31")
    assert old in text
    news = "".join(line + "\n" for line in actions.splitlines()[1:])
    path.write_text(text.replace(old, news) + "you_said_we_did:\n" + log, encoding="utf-8")


def test_the_yaml_example_is_valid_in_an_evidence_file(coprod: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "unit.yaml").write_text(LAST_TIME, encoding="utf-8")
    _edit_as_the_readme_says(tmp_path / "unit.yaml")
    run = coprod("validate", str(tmp_path / "unit.yaml"))
    assert run.code == 0, run
    assert run.stderr.endswith(": valid evidence file\n"), run  # and no warning

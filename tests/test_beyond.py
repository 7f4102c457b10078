"""The README's "Beyond one unit" runs as written (issue 18, "done means").

Its commands are taken from the README and run, in order, through the real CLI in a folder laid
out as they expect: the shipped examples as ``units/`` (the open-rehab one as ``ward-a.yaml``), a
crosswalk of the lead's own, and the pool files of other services in ``network-pools/``.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, RunCoprod

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Beyond one unit: ", 1)[1].split("\n## ", 1)[0]
COMMANDS = [
    words
    for block in re.findall(r"^```sh\n(.*?)^```$", SECTION, re.MULTILINE | re.DOTALL)
    for line in block.splitlines()
    if (words := shlex.split(line, comments=True))
]


def _other_service(folder: Path, n: int) -> None:
    """An open rehab unit of another service: the example under another name, a little different."""
    text = (EXAMPLES / "open-rehab-unit.yaml").read_text(encoding="utf-8")
    name = re.search(r"^  name: (.*)$", text, re.MULTILINE)
    assert name is not None
    text = text.replace(name.group(0), f"  name: Other unit {n}", 1)
    text = text.replace("status: met", "status: partial", n)  # unit n has its first n targets partial
    folder.mkdir(parents=True)
    (folder / "unit.yaml").write_text(text, encoding="utf-8")


def test_the_section_shows_crosswalks_and_the_pool() -> None:
    used = {tuple(words[:3]) for words in COMMANDS}
    assert ("coprod", "pool", "export") in used
    assert ("coprod", "pool", "compare") in used
    assert any("--crosswalk" in words for words in COMMANDS)
    assert any("--as-of" in words for words in COMMANDS)


def test_a_lead_follows_the_section(coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    units = tmp_path / "units"
    units.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, units / ("ward-a.yaml" if example.stem == "open-rehab-unit" else example.name))
    shutil.copy(ROOT / "frameworks" / "crosswalks" / "sswb-act.yaml", tmp_path / "my-crosswalk.yaml")
    (tmp_path / "network-pools").mkdir()
    for n in range(1, 7):
        _other_service(tmp_path / "others" / f"service-{n}", n)
        made = coprod("pool", "export", f"others/service-{n}", "-o", f"network-pools/service-{n}.pool.yaml")
        assert made.code == 0, made
    for words in COMMANDS:
        assert words[0] == "coprod", words
        run = coprod(*words[1:])
        assert run.code == 0, f"{shlex.join(words)}\n{run}"
        if words[1] == "assess":
            assert "(review due)" in run.stdout, run
        if words[1:3] == ["pool", "compare"]:
            assert run.stdout.startswith("Compared with 6 other units: open-rehab units"), run
    board = (tmp_path / "ward-a-sswb.html").read_text(encoding="utf-8")
    assert "Voice and control" in board
    assert "Multi-agency working" in board
    assert (tmp_path / "imroc.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "## Things to ask again" in (tmp_path / "to-ask-again.md").read_text(encoding="utf-8")
    pool = (tmp_path / "our-service.pool.yaml").read_text(encoding="utf-8")
    assert "ward-a" not in pool
    assert "Open rehabilitation" not in pool

"""Every command coprod prints as a hint works as printed: run it, and it succeeds.

The commands here find their framework by an id in a ``--frameworks-dir`` folder whose name has a
space in it, and write files whose names have spaces, so a hint that drops the option or does not
quote a name fails.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import RunCoprod

MINI = (
    'id: mini\nversion: "1.0.0"\ntitle: Mini\nlevels:\n  - number: 1\n    title: One\n'
    "    targets:\n      - {id: A.a, text: Alpha}\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COPROD_FRAMEWORKS", raising=False)
    (tmp_path / "our frameworks").mkdir()
    (tmp_path / "our frameworks" / "mini.yaml").write_text(MINI, encoding="utf-8")
    return tmp_path


def hint_after(text: str, lead: str) -> str:
    """The command printed after ``lead``, on its line or the next."""
    found = re.search(re.escape(lead) + r"\s+(coprod .*)$", text, re.MULTILINE)
    assert found, text
    return found.group(1)


def run_hint(coprod: RunCoprod, hint: str) -> None:
    words = shlex.split(hint)
    assert words[0] == "coprod", hint
    run = coprod(*words[1:])
    assert run.code == 0, (hint, run)


def test_the_hints_of_init_work_as_printed(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("init", "ward a.yaml", "--unit", "Ward A", "--framework", "mini", "--frameworks-dir", "our frameworks")
    assert run.code == 0, run
    hint = hint_after(run.stderr, "then run:")
    assert hint == "coprod assess 'ward a.yaml' --frameworks-dir 'our frameworks'"
    run_hint(coprod, hint)
    written = (folder / "ward a.yaml").read_text(encoding="utf-8")
    run_hint(coprod, hint_after(written, "# Check the file at any time with:"))


def test_the_hints_of_a_new_interview_work_as_printed(coprod: RunCoprod, folder: Path) -> None:
    args = ("interview", "ward b.yaml", "--unit", "Ward B", "--framework", "mini", "--frameworks-dir", "our frameworks")
    stopped = coprod(*args, input="q\n")
    assert stopped.code == 0, stopped
    again = hint_after(stopped.stdout, "To carry on where you stopped, run:")
    done = coprod(*shlex.split(again)[1:], input="m\n\n")
    assert done.code == 0, done
    run_hint(coprod, hint_after(done.stdout, "See where the unit stands with:"))
    written = (folder / "ward b.yaml").read_text(encoding="utf-8")
    run_hint(coprod, hint_after(written, "# Check the file at any time with:"))


def test_the_hint_of_merge_works_as_printed(coprod: RunCoprod, folder: Path) -> None:
    for name, role in (("Rhian", "service-user"), ("Iwan", "staff")):
        made = coprod(
            "init", f"{name} own.yaml", "--unit", "Ward C", "--framework", "mini",
            "--frameworks-dir", "our frameworks", "--as", name, "--role", role,
        )  # fmt: skip
        assert made.code == 0, made
    run = coprod("merge", "Rhian own.yaml", "Iwan own.yaml", "-o", "ward c.yaml", "--frameworks-dir", "our frameworks")
    assert run.code == 0, run
    run_hint(coprod, hint_after(run.stderr, "with:"))

"""``report --since REV`` names the older version ``REV:FILE``: coprod's own label, not personal data.

A tag or short commit id such as ``0077365100`` passes the NHS number check digit; the report's
output scan must not refuse the report for it (issue 14, item 3: what coprod writes itself is not
scanned), while the same digits from a person are still refused.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import RunCoprod

OLD = "unit: {name: Ward A}\nassessed_on: 2026-01-10\ntargets:\n  L1.buddy-system: {status: not-met}\n"
NEW = (
    "unit: {name: Ward A}\nassessed_on: 2026-10-14\ntargets:\n"
    "  L1.buddy-system: {status: met, evidence: [{description: Rota}]}\n"
)


def test_a_revision_named_like_an_nhs_number_is_not_refused(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null", "PATH": "/usr/bin:/bin"}
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], check=True, env=env)
    (tmp_path / "ward.yaml").write_text(OLD)
    subprocess.run([*git, "add", "ward.yaml"], check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "baseline"], check=True, env=env)
    subprocess.run([*git, "tag", "0077365100"], check=True, env=env)
    (tmp_path / "ward.yaml").write_text(NEW)
    run = coprod("report", "ward.yaml", "--since", "0077365100")
    assert run.code == 0, run
    assert "(0077365100:ward.yaml)" in run.stdout
    (tmp_path / "ward.yaml").write_text(NEW.replace("Rota", "Rota 0077365100"))
    refused = coprod("report", "ward.yaml", "--since", "0077365100")
    assert refused.code == 2, refused
    assert "NHS number (007*******)" in refused.stderr


def test_history_lists_an_unreadable_version_with_its_message_masked(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 14, item 4: an old version whose status is an NHS number written with escapes (unseen by
    # the text scan) is listed in the history with the message masked, not refused nor printed whole.
    monkeypatch.chdir(tmp_path)
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null", "PATH": "/usr/bin:/bin"}
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], check=True, env=env)
    (tmp_path / "ward.yaml").write_text(OLD.replace("{status: not-met}", '{status: "\\x39\\x34\\x33 476 5919"}'))
    subprocess.run([*git, "add", "ward.yaml"], check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "broken"], check=True, env=env)
    (tmp_path / "ward.yaml").write_text(NEW)
    subprocess.run([*git, "commit", "-qam", "fixed"], check=True, env=env)
    run = coprod("history", "ward.yaml", "--format", "markdown")
    assert run.code == 0, run
    # The escapes are read as a reader of the value would (item 3), so the old version is refused by the
    # scan itself; it is listed, masked, in the history and on the terminal.
    assert "looks like an NHS number (943 \\*\\*\\* \\*\\*\\*\\*)" in run.stdout, run  # markdown escapes '*'
    assert "looks like an NHS number (943 *** ****)" in run.stderr, run
    assert "476 5919" not in run.stdout + run.stderr
    assert "476 5919" not in run.stdout + run.stderr

"""The built wheel, installed into a fresh virtual environment, works with no checkout around.

This is what a user gets from ``pip install coprod``: the frameworks and the report
template must come from inside the package, and the ``coprod`` command must run from
any folder.  Slow (it builds a wheel and installs its dependencies), but it runs by
default: a wheel that ships without its data is the bug it exists to catch.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from coprod_cli import i18n
from coprod_cli.reports.markdown_report import render
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import score
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

EXAMPLE = "open-rehab-unit"
BUILD_TIMEOUT = 300
INSTALL_TIMEOUT = 300


def _run(
    args: list[str | Path], *, cwd: Path, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _explain(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}: {' '.join(result.args)}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"


def _clean_env() -> dict[str, str]:
    """The environment without anything that would let the checkout or this venv leak in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "COPROD_DEBUG"}
        and not k.startswith(("COV_CORE_", "COVERAGE_", "PYTEST_"))
    }
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    args: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--outdir", out]
    if importlib.util.find_spec("hatchling") is not None:
        args.append("--no-isolation")  # the backend is here already; otherwise pip fetches it
    result = _run(args, cwd=ROOT, env=_clean_env(), timeout=BUILD_TIMEOUT)
    assert result.returncode == 0, _explain(result)
    wheels = sorted(out.glob("coprod-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@dataclass(frozen=True)
class Installed:
    bin: Path
    env: dict[str, str]
    work: Path
    """An empty folder far from the checkout to run the command in."""

    def coprod(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return _run([self.bin / "coprod", *args], cwd=self.work, env=self.env)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    home = tmp_path_factory.mktemp("fresh")
    env_dir = home / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(env_dir)
    bin_dir = env_dir / "bin"
    env = _clean_env()
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(env_dir)
    result = _run(
        [bin_dir / "python", "-m", "pip", "install", "--no-input", wheel],
        cwd=home,
        env=env,
        timeout=INSTALL_TIMEOUT,
    )
    assert result.returncode == 0, _explain(result)
    work = home / "work"
    work.mkdir()
    return Installed(bin_dir, env, work)


def test_wheel_carries_the_frameworks_and_the_template(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "coprod_cli/frameworks/rehab-recovery.yaml" in names
        assert "coprod_cli/templates/report.md.j2" in names
        crosswalks = {
            f"coprod_cli/frameworks/crosswalks/{p.name}" for p in (ROOT / "frameworks" / "crosswalks").glob("*.yaml")
        }
        assert len(crosswalks) == 4  # docs/crosswalks.md, "The shipped crosswalks"
        assert crosswalks <= names
        assert "coprod_cli/cli/app.py" in names
        assert "coprod_cli/locale/cy/LC_MESSAGES/coprod.mo" in names
        shipped = zf.read("coprod_cli/frameworks/rehab-recovery.yaml")
        (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "coprod = coprod_cli.cli.app:main" in zf.read(entry_points).decode()
    assert shipped == (ROOT / "frameworks" / "rehab-recovery.yaml").read_bytes()
    assert not any(n.startswith(("tests/", "examples/")) or "__pycache__" in n for n in names), sorted(names)


def test_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    result = _run(
        [installed.bin / "python", "-c", "import coprod_cli, sys; print(coprod_cli.__file__); print(sys.prefix)"],
        cwd=installed.work,
        env=installed.env,
    )
    assert result.returncode == 0, _explain(result)
    location, prefix = result.stdout.splitlines()
    assert Path(location).is_relative_to(Path(prefix)), result.stdout
    assert not Path(location).resolve().is_relative_to(ROOT), result.stdout


def test_installed_version_and_framework_list(installed: Installed) -> None:
    version = installed.coprod("--version")
    assert version.returncode == 0, _explain(version)
    assert version.stdout.startswith("coprod "), version.stdout
    listed = installed.coprod("framework", "list")
    assert listed.returncode == 0, _explain(listed)
    assert listed.stdout.startswith("rehab-recovery "), listed.stdout
    as_json = installed.coprod("framework", "list", "--format", "json")
    assert as_json.returncode == 0, _explain(as_json)
    assert [row["id"] for row in json.loads(as_json.stdout)] == ["rehab-recovery"]


def test_installed_assess_and_report_an_example(installed: Installed) -> None:
    (installed.work / "examples").mkdir(exist_ok=True)
    unit = Path("examples") / f"{EXAMPLE}.yaml"
    shutil.copy(EXAMPLES / f"{EXAMPLE}.yaml", installed.work / unit)

    assessed = installed.coprod("assess", unit, "--format", "json")
    assert assessed.returncode == 0, _explain(assessed)
    result = json.loads(assessed.stdout)
    assert result["framework"]["id"] == "rehab-recovery"
    framework_bytes = (ROOT / "frameworks" / "rehab-recovery.yaml").read_bytes()
    assert result["framework"]["sha256"] == hashlib.sha256(framework_bytes).hexdigest()

    text = installed.coprod("assess", unit)
    assert text.returncode == 0, _explain(text)
    assert "Traceback" not in text.stdout + text.stderr

    out = installed.work / "report.md"
    reported = installed.coprod("report", unit, "-o", "report.md")
    assert reported.returncode == 0, _explain(reported)
    assert "Wrote report.md" in reported.stderr
    # The packaged template renders exactly what the checkout does.
    assert out.read_text(encoding="utf-8") == (EXAMPLES / f"{EXAMPLE}.report.md").read_text(encoding="utf-8")
    again = installed.coprod("report", unit, "-o", "report.md")
    assert again.returncode == 0, _explain(again)
    # The Welsh catalogue comes with the package: a Welsh report from the wheel is the checkout's.
    welsh = installed.coprod("report", unit, "--lang", "cy")
    assert welsh.returncode == 0, _explain(welsh)
    with i18n.speaking("cy"):
        assert welsh.stdout == render(score(load_evidence(EXAMPLES / f"{EXAMPLE}.yaml", str(unit))))


def test_installed_init_validate_assess(installed: Installed) -> None:
    made = installed.coprod("init", "fresh.yaml", "--unit", "Ward Z", "--assessed-on", "2026-10-14")
    assert made.returncode == 0, _explain(made)
    valid = installed.coprod("validate", "fresh.yaml")
    assert valid.returncode == 0, _explain(valid)
    assessed = installed.coprod("assess", "fresh.yaml", "--format", "json")
    assert assessed.returncode == 0, _explain(assessed)
    assert json.loads(assessed.stdout)["framework"]["id"] == "rehab-recovery"
    refused = installed.coprod("init", "fresh.yaml", "--unit", "Ward Z")
    assert refused.returncode == 2, _explain(refused)
    missing = installed.coprod("assess", "nowhere.yaml")
    assert missing.returncode == 2, _explain(missing)
    assert "Traceback" not in missing.stderr

"""The evidence file's warnings and cross-check errors in Welsh (``--lang cy``), through the real command.

Each message keeps its ``file:line:col``; ids, statuses and keys stay as the file has them.  The
Welsh plural forms are checked for every count that reads differently (1, 2, 3, 6 and the rest).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod_cli import i18n
from tests.conftest import RunCoprod

WARNED = """\
unit: {name: Afon Ward}
assessed_on: 2026-10-14
assessors:
  - {name: Rhian, role: service-user}
targets:
  L1.own-care-plans:
    status: met
  L1.community-meetings:
    status: partial
  L2.joint-training:
    status: not-met
    evidence:
      - {description: "Old minutes", date: 2024-01-05}
    action: {description: "Plan it", owner: "Ward manager", due: 2026-01-31}
sign_off:
  1: [{name: Rhian, date: 2026-01-01}]
"""


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A ``--lang cy`` run in this process leaves coprod speaking Welsh; the next test starts in English."""
    yield
    i18n.choose(None)


def _line(text: str, where: str) -> str:
    """The one line of ``text`` that starts with ``where`` (``file:line:col``)."""
    found = [line for line in text.splitlines() if line.startswith(f"{where}: ")]
    assert len(found) == 1, text
    return found[0]


def test_warnings_in_welsh_keep_file_line_and_column(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(WARNED, encoding="utf-8")
    run = coprod("validate", path, "--lang", "cy")
    assert run.code == 0, run
    shown = str(path)
    expected = {
        "7:13": "mae 'L1.own-care-plans' wedi'i farcio'n 'met' ond does dim tystiolaeth (hawlio heb dystiolaeth); "
        "ychwanegwch gofnod 'evidence:' sy'n dweud beth sy'n dangos hynny",
        "9:13": "mae 'L1.community-meetings' wedi'i gyflawni'n rhannol ond does dim cam gweithredu (bwlch heb gam "
        "gweithredu); ychwanegwch 'action:' sy'n dweud beth fydd yn cael ei wneud, gydag 'owner:' a dyddiad 'due:'",
        "13:44": "mae'r dystiolaeth ar gyfer 'L2.joint-training' wedi'i dyddio 2024-01-05, mwy na 12 mis cyn yr "
        "asesiad hwn (tystiolaeth wedi dyddio); gwiriwch ei bod yn dal yn wir ac ychwanegwch rywbeth mwy diweddar",
        "14:66": "roedd y cam gweithredu ar gyfer 'L2.joint-training' i fod erbyn 2026-01-31, cyn yr asesiad hwn ar "
        "2026-10-14 (cam gweithredu yn hwyr); cytunwch ar ddyddiad newydd neu cofnodwch beth ddigwyddodd",
        "16:27": "cymeradwyodd 'Rhian' lefel 1 ar 2026-01-01, cyn yr asesiad hwn ar 2026-10-14 (cymeradwyo cyn "
        "asesu); mae cymeradwyaeth yn cadarnhau'r asesiad hwn, felly mae wedi'i dyddio ar yr un diwrnod neu "
        "wedyn: cymeradwywch eto os yw'n dal yn wir",
    }
    for where, message in expected.items():
        assert _line(run.stdout + run.stderr, f"{shown}:{where}").endswith(f": {message}"), run


def test_the_same_warnings_stay_english_with_lang_en(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(WARNED, encoding="utf-8")
    run = coprod("validate", path, "--lang", "en")
    line = _line(run.stdout + run.stderr, f"{path}:7:13")
    assert line == (
        f"{path}:7:13: warning: 'L1.own-care-plans' is marked met but has no evidence (claimed without evidence); "
        "add an 'evidence:' entry saying what shows it"
    )


def test_cross_check_errors_in_welsh(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(
        "unit: {name: Afon Ward}\nassessed_on: 2026-10-14\nassessors:\n  - {name: Rhian, role: service-user}\n"
        "  - {name: rhian, role: carer}\n"
        "targets:\n  L1.own-care-plans:\n    status: not-applicable\n  E.payment:\n    status: met\n"
        "sign_off:\n  9: [{name: Rhian, date: 2026-11-01}]\n",
        encoding="utf-8",
    )
    run = coprod("validate", path, "--lang", "cy")
    assert run.code == 2, run
    out = run.stdout + run.stderr
    assert _line(out, f"{path}:5:12") == (
        f"{path}:5:12: mae'r aseswr 'rhian' wedi'i enwi ddwywaith (y tro cyntaf ar linell 4); rhestrwch bob person unwaith"
    )
    assert _line(out, f"{path}:8:13") == (
        f"{path}:8:13: mae 'L1.own-care-plans' yn 'not-applicable', felly mae angen 'justification:' sy'n dweud pam "
        "nad yw'n berthnasol i'r uned hon (neu dewiswch statws arall i'r targed hwn)"
    )
    assert _line(out, f"{path}:12:3") == (
        f"{path}:12:3: does dim lefel '9' yn rehab-recovery 1.0.0; cymeradwywch lefel yn ôl ei rhif, o 1 i 3"
    )
    assert _line(out, f"{path}:9:3") == (
        f"{path}:9:3: targed anhysbys 'E.payment'; nid yw i'w gael yn rehab-recovery 1.0.0. Os cafodd ei dynnu o'r "
        f"fframwaith, rhedwch 'coprod migrate {path}' i'w gadw o dan 'retired:'; mae 'coprod framework show "
        "rehab-recovery' yn rhestru'r IDs sydd ynddo"
    )


def _framework(count: int) -> str:
    """A framework whose Level 1 has ``count`` targets and whose evidence goes stale after ``count`` months."""
    targets = "".join(f"      - {{id: L1.t{n}, text: Target {n}}}\n" for n in range(1, count + 1))
    return (
        f"id: counting\nversion: 1.0.0\ntitle: Counting\nreview_months: {count}\nlevels:\n"
        f"  - number: 1\n    title: First\n    threshold: 80\n    targets:\n{targets}"
        "  - number: 2\n    title: Second\n    threshold: 80\n    targets:\n      - {id: L2.t, text: Last}\n"
    )


@pytest.mark.parametrize(
    ("count", "targets", "months", "counts"),
    [
        (1, "nid yw'r 1 targed sydd gan Lefel 1", "mwy na 1 mis", "felly mae'n cyfrif fel heb ei asesu"),
        (2, "nid yw'r un o'r 2 darged sydd gan Lefel 1", "mwy na 2 fis", "felly mae pob un yn cyfrif"),
        (3, "nid yw'r un o'r 3 tharged sydd gan Lefel 1", "mwy na 3 mis", "felly mae pob un yn cyfrif"),
        (6, "nid yw'r un o'r 6 tharged sydd gan Lefel 1", "mwy na 6 mis", "felly mae pob un yn cyfrif"),
        (7, "nid yw'r un o'r 7 targed sydd gan Lefel 1", "mwy na 7 mis", "felly mae pob un yn cyfrif"),
    ],
)
def test_welsh_plural_forms(
    coprod: RunCoprod, tmp_path: Path, count: int, targets: str, months: str, counts: str
) -> None:
    (tmp_path / "counting.yaml").write_text(_framework(count), encoding="utf-8")
    path = tmp_path / "unit.yaml"
    path.write_text(
        "unit: {name: Afon Ward}\nframework: ./counting.yaml\nassessed_on: 2026-10-14\n"
        "targets:\n  L2.t:\n    status: met\n    evidence:\n      - {description: Minutes, date: 2020-01-05}\n",
        encoding="utf-8",
    )
    run = coprod("validate", path, "--lang", "cy")
    assert run.code == 0, run
    out = run.stdout + run.stderr
    left_out = _line(out, f"{path}:4:1")
    assert f"{targets} (First) o dan 'targets:', {counts}" in left_out, left_out
    assert f"'coprod migrate {path} --write'" in left_out
    assert f"wedi'i dyddio 2020-01-05, {months} cyn yr asesiad hwn" in _line(out, f"{path}:8:38"), out

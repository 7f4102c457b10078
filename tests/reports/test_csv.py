"""``--format csv`` of ``summary`` and ``report`` (docs/spreadsheets.md), through the real command.

Golden cases (``CASES``) run from the repository root, as the tables name their files; each is
compared byte for byte with ``tests/golden/csv/<case>.csv`` (and what it says on stderr with
``<case>.stderr``). After an intended change, regenerate them and read the diff::

    python -m tests.reports.test_csv
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_cli.cli.app import app
from coprod_cli.reports.csv_table import BOM, FORMULA_STARTS, cell
from tests.cli.service_cli import runner
from tests.conftest import EXAMPLES, ROOT, Run, RunCoprod

GOLDEN = ROOT / "tests" / "golden" / "csv"
REGEN = "python -m tests.reports.test_csv"
MIXED = "tests/golden/summary/mixed"
OPEN = "examples/open-rehab-unit.yaml"
HOSTILE = "tests/golden/csv/hostile.yaml"
CASES: dict[str, tuple[list[str], int]] = {
    "examples.levels": (["summary", "examples", "--format", "csv"], 0),
    "examples.targets": (["summary", "examples", "--format", "csv", "--table", "targets"], 0),
    "mixed.levels": (["summary", MIXED, "--format", "csv", "--table", "levels"], 2),
    "mixed.targets": (["summary", MIXED, "--format", "csv", "--table", "targets"], 2),
    "open-rehab-unit.gaps": (["report", OPEN, "--format", "csv"], 0),
    "open-rehab-unit.gaps.cy": (["report", OPEN, "--format", "csv", "--lang", "cy"], 0),
    "open-rehab-unit.actions": (["report", OPEN, "--format", "csv", "--table", "actions"], 0),
    "hostile.levels": (["summary", HOSTILE, "--format", "csv"], 0),
    "hostile.gaps": (["report", HOSTILE, "--format", "csv", "--table", "gaps"], 0),
    "hostile.actions": (["report", HOSTILE, "--format", "csv", "--table", "actions"], 0),
}


@pytest.fixture
def cli(pinned_terminal: None) -> RunCoprod:
    return runner()


def exact(*args: str | Path) -> Run:
    """Run coprod as :func:`runner` does, its stdout decoded exactly (CliRunner's ``stdout`` turns
    CR LF into LF)."""
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def rows(text: str) -> list[list[str]]:
    """The table as a spreadsheet reads it: the byte-order mark first, then RFC 4180 rows."""
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:], newline="")))


# ---- golden tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CASES))
def test_matches_golden(cli: RunCoprod, at_root: Path, case: str) -> None:
    argv, code = CASES[case]
    run = exact(*argv)
    assert run.code == code, run
    expected = (GOLDEN / f"{case}.csv").read_bytes()
    assert run.stdout.encode("utf-8") == expected, f"tests/golden/csv/{case}.csv differs; run: {REGEN}"
    stderr = GOLDEN / f"{case}.stderr"
    assert run.stderr == (stderr.read_text(encoding="utf-8") if stderr.exists() else ""), run


def regenerate() -> None:
    """Rewrite every golden file of this module from the current code."""
    os.environ.update(COLUMNS="100", NO_COLOR="1")
    os.chdir(ROOT)
    for case, (argv, _code) in CASES.items():
        done = exact(*argv)
        (GOLDEN / f"{case}.csv").write_bytes(done.stdout.encode("utf-8"))
        stderr = GOLDEN / f"{case}.stderr"
        if done.stderr:
            stderr.write_text(done.stderr, encoding="utf-8")
        else:
            stderr.unlink(missing_ok=True)
        print(f"wrote tests/golden/csv/{case}.*", file=sys.stderr)


if __name__ == "__main__":
    regenerate()


# ---- facts inside the goldens, so a regenerated golden cannot quietly go wrong --------------------


def test_the_file_is_utf8_with_a_bom_and_crlf_line_ends(at_root: Path) -> None:
    """Each golden is exactly what a minimal-quoting RFC 4180 writer makes of its own rows: CR LF
    after each row (a line break inside a quoted cell stays as written), every row as wide as the header."""
    goldens = sorted(GOLDEN.glob("*.csv"))
    assert len(goldens) == len(CASES)
    for golden in goldens:
        data = golden.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), golden
        assert data.endswith(b"\r\n"), golden
        table = rows(data.decode("utf-8"))
        assert all(len(row) == len(table[0]) for row in table), golden
        again = io.StringIO()
        csv.writer(again, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(table)
        assert BOM + again.getvalue() == data.decode("utf-8"), golden


def test_the_examples_levels_table_holds_every_unit_with_its_levels(cli: RunCoprod, at_root: Path) -> None:
    table = rows(exact("summary", "examples", "--format", "csv").stdout)
    assert table[0][:8] == [
        "unit",
        "organisation",
        "file",
        "framework",
        "framework_version",
        "framework_sha256",
        "assessed_on",
        "attained_level",
    ]
    assert table[0][8:] == [f"level_{n}_{what}" for n in (1, 2, 3) for what in ("percent", "achieved")]
    assert sorted(r[2] for r in table[1:]) == sorted(f"examples/{p.name}" for p in EXAMPLES.glob("*.yaml"))
    json_units = {u["file"]: u for u in json.loads(cli("summary", "examples", "--format", "json").stdout)["units"]}
    for row in table[1:]:
        unit = json_units[row[2]]
        assert row[0] == unit["name"]
        assert row[6] == unit["assessed_on"]
        assert int(row[7]) == unit["attained_level"]
        for n, level in enumerate(unit["levels"]):
            assert row[8 + 2 * n] == ("" if level["percent"] is None else str(level["percent"]))
            assert row[9 + 2 * n] == ("yes" if level["achieved"] else "no")


def test_the_targets_table_has_one_column_per_target_and_enabler(cli: RunCoprod, at_root: Path) -> None:
    table = rows(exact("summary", "examples", "--format", "csv", "--table", "targets").stdout)
    ids = table[0][7:]
    assert len(ids) == 31 + 3
    assert ids[0] == "L1.own-care-plans"
    assert ids[-1] == "E.training-programme"
    statuses = {"met", "partial", "not-met", "not-assessed", "not-applicable"}
    assert all(value in statuses for row in table[1:] for value in row[7:])


def test_units_on_other_frameworks_keep_their_own_columns(cli: RunCoprod, at_root: Path) -> None:
    run = exact("summary", MIXED, "--format", "csv", "--table", "targets")
    table = rows(run.stdout)
    header = table[0]
    by_file = {row[2]: dict(zip(header, row, strict=True)) for row in table[1:]}
    house = by_file[f"{MIXED}/house.yaml"]
    ward_a = by_file[f"{MIXED}/ward-a.yaml"]
    assert house["framework"] == "rehab-recovery"
    assert house["L1.own-care-plans"] == "met"
    assert ward_a["framework"] == "tiny-test"
    assert ward_a["L1.own-care-plans"] == ""
    tiny = [name for name in header[7:] if not name.startswith(("L1.", "L2.", "L3.", "E."))]
    assert tiny
    assert all(house[name] == "" for name in tiny)
    # The same id and version with other content: told apart by the sha256.
    ward_c = by_file[f"{MIXED}/other/ward-c.yaml"]
    assert (ward_c["framework"], ward_c["framework_version"]) == (ward_a["framework"], ward_a["framework_version"])
    assert ward_c["framework_sha256"] != ward_a["framework_sha256"]
    # A file that cannot be read is left out and named on stderr, with exit 2, as for every format.
    assert run.code == 2
    assert "broken.yaml:6:3: unknown target 'T1.lisen'" in run.stderr
    assert not any(row[2].endswith("broken.yaml") for row in table[1:])


def test_gaps_are_the_reports_gaps_with_their_open_action(cli: RunCoprod, at_root: Path) -> None:
    result = json.loads(cli("assess", OPEN, "--format", "json").stdout)
    table = rows(exact("report", OPEN, "--format", "csv").stdout)
    assert table[0] == ["level", "target_id", "target", "status", "action", "owner", "due", "overdue"]
    assert [(int(r[0]), r[1], r[3]) for r in table[1:]] == [(g["level"], g["id"], g["status"]) for g in result["gaps"]]


def test_the_welsh_twin_differs_only_in_the_targets_text(cli: RunCoprod, at_root: Path) -> None:
    english = rows(exact("report", OPEN, "--format", "csv").stdout)
    welsh = rows(exact("report", OPEN, "--format", "csv", "--lang", "cy").stdout)
    assert welsh[0] == english[0]  # column names are a file format
    for cy, en in zip(welsh[1:], english[1:], strict=True):
        assert cy[:2] + cy[3:] == en[:2] + en[3:]  # ids, codes and the unit's own words stay
        assert cy[2] != en[2]


def test_bilingual_choice_writes_welsh(cli: RunCoprod, at_root: Path) -> None:
    welsh = exact("report", OPEN, "--format", "csv", "--lang", "cy")
    both = exact("report", OPEN, "--format", "csv", "--lang", "cy+en")
    assert both.code == 0
    assert both.stdout == welsh.stdout


def test_every_action_is_listed_with_its_life(cli: RunCoprod, at_root: Path) -> None:
    table = rows(exact("report", HOSTILE, "--format", "csv", "--table", "actions").stdout)
    assert table[0] == [
        "level",
        "target_id",
        "target",
        "description",
        "owner",
        "due",
        "status",
        "changed_on",
        "reason",
        "overdue",
    ]
    found = [(r[1], r[6], r[9]) for r in table[1:]]
    assert found == [
        ("L1.own-care-plans", "done", "no"),
        ("L1.suggestion-boxes", "open", "no"),
        ("L1.buddy-system", "open", "yes"),  # due 2026-01-01, assessed 2026-10-14
        ("L1.buddy-system", "dropped", "no"),
        ("L1.buddy-system", "done", "no"),
        ("E.payment-policy", "open", "no"),
    ]
    assert table[-1][0] == ""  # an enabler has no level
    assert table[5][3] == 'Write a buddy guide, with "quotes"\nand a line break'


# ---- cells a spreadsheet would run ----------------------------------------------------------------

HOSTILE_TEXT = ['=HYPERLINK("http://x","click")', "@SUM(1)", "-2+3", "\t=1", "\r=1", "+44 20", "=1+1"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_a_cell_that_begins_like_a_formula_gets_a_quote(text: str) -> None:
    assert cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (date(2026, 10, 14), "2026-10-14"),
        (85.7, "85.7"),
        (0.0, "0.0"),
        (3, "3"),
        ("Ward A", "Ward A"),
        ("Ward = A", "Ward = A"),
        ("", ""),
    ],
)
def test_other_cells_are_written_as_they_are(value: object, written: str) -> None:
    assert cell(value) == written  # type: ignore[arg-type]


@pytest.mark.parametrize("case", ["hostile.levels", "hostile.gaps", "hostile.actions", "mixed.targets"])
def test_no_cell_of_a_hostile_table_begins_like_a_formula(cli: RunCoprod, at_root: Path, case: str) -> None:
    argv, _code = CASES[case]
    table = rows(exact(*argv).stdout)
    assert all(not value.startswith(FORMULA_STARTS) for row in table for value in row)
    assert table[1:]
    assert all(len(row) == len(table[0]) for row in table)


def test_hostile_names_come_back_whole_after_the_quote(cli: RunCoprod, at_root: Path) -> None:
    row = rows(exact("summary", HOSTILE, "--format", "csv").stdout)[1]
    assert row[:2] == ["'" + '=HYPERLINK("http://x","click")', "'@SUM(1)"]
    actions = rows(exact("report", HOSTILE, "--format", "csv", "--table", "actions").stdout)
    cells = {value for r in actions for value in r}
    assert {"'-2+3", "'\t=1", "'+cmd", "'=cmd|' /C calc'!A0", "'-", "'@risk: agree a payment policy"} <= cells


# ---- choosing csv, and what is refused ---------------------------------------------------------------


@pytest.fixture
def ward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ward.yaml").write_bytes((EXAMPLES / "open-rehab-unit.yaml").read_bytes())
    return tmp_path


@pytest.mark.parametrize("command", [["report", "ward.yaml"], ["summary", "ward.yaml"]])
def test_a_csv_name_picks_csv_and_the_file_holds_what_is_printed(
    cli: RunCoprod, ward: Path, command: list[str]
) -> None:
    printed = exact(*command, "--format", "csv")
    run = cli(*command, "-o", "Out.CSV")
    assert run.code == 0, run
    assert run.stderr.endswith("Wrote Out.CSV.\n")
    assert (ward / "Out.CSV").read_bytes() == printed.stdout.encode("utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["report", "ward.yaml", "--format", "md", "-o", "gaps.csv"],
            "coprod: gaps.csv: the name ends in '.csv' but --format is md; name it gaps.md, or leave out --format "
            "to go by the name\n",
        ),
        (
            ["report", "ward.yaml", "--format", "csv", "-o", "gaps.html"],
            "coprod: gaps.html: the name ends in '.html' but --format is csv; name it gaps.csv, or leave out "
            "--format to go by the name\n",
        ),
        (
            ["summary", "ward.yaml", "--format", "json", "-o", "board.csv"],
            "coprod: board.csv: the name ends in '.csv' but --format is json; name it board.json, or leave out "
            "--format to write CSV\n",
        ),
        (
            ["summary", "ward.yaml", "--format", "csv", "-o", "board.txt"],
            "coprod: board.txt: the name ends in '.txt' but --format is csv; name it board.csv, or use --format text\n",
        ),
        (
            ["summary", "ward.yaml", "--table", "targets"],
            "coprod: --table targets chooses a table of a CSV file, but the output is text; add --format csv (or "
            "name the output FILE.csv), or leave out --table\n",
        ),
        (
            ["report", "ward.yaml", "-o", "gaps.md", "--table", "actions"],
            "coprod: --table actions chooses a table of a CSV file, but the output is md; add --format csv (or "
            "name the output FILE.csv), or leave out --table\n",
        ),
        (
            ["report", "ward.yaml", "-o", "gaps.csv", "--style", "easy-read"],
            "coprod: --style is for the md and html reports, not a CSV table; leave it out, or choose --format md "
            "or --format html\n",
        ),
        (
            ["report", "ward.yaml", "--format", "csv", "--since", "HEAD"],
            "coprod: --since is for the md and html reports, not a CSV table; leave it out, or choose --format md "
            "or --format html\n",
        ),
        (
            ["report", "ward.yaml", "--format", "csv", "--template", "."],
            "coprod: --template is for the md and html reports, not a CSV table; leave it out, or choose --format "
            "md or --format html\n",
        ),
        (
            ["report", "ward.yaml", "--format", "csv", "--baseline", "ward.yaml"],
            "coprod: --baseline is for the md and html reports, not a CSV table; leave it out, or choose --format "
            "md or --format html\n",
        ),
    ],
)
def test_what_a_csv_cannot_be_is_refused(cli: RunCoprod, ward: Path, argv: list[str], message: str) -> None:
    run = cli(*argv)
    assert (run.code, run.stdout, run.stderr) == (2, "", message), run
    assert sorted(p.name for p in ward.iterdir()) == ["ward.yaml"]


def test_refusals_are_in_welsh_too(cli: RunCoprod, ward: Path) -> None:
    run = cli("summary", "ward.yaml", "--table", "levels", "--lang", "cy")
    assert run.code == 2
    assert run.stderr.startswith("coprod: mae --table levels yn dewis tabl mewn ffeil CSV"), run


def test_an_existing_csv_is_replaced_only_with_force(cli: RunCoprod, ward: Path) -> None:
    first = cli("summary", "ward.yaml", "-o", "board.csv")
    assert first.code == 0, first
    (ward / "board.csv").write_bytes(b"kept by hand\r\n")
    again = cli("summary", "ward.yaml", "-o", "board.csv")
    assert again.code == 2
    assert again.stderr == (
        "coprod: board.csv: already exists; a spreadsheet file has no room for the note that coprod generated it, "
        "so coprod replaces a .csv file only with --force — add --force to replace it, or choose another output "
        "name\n"
    )
    assert (ward / "board.csv").read_bytes() == b"kept by hand\r\n"
    forced = cli("report", "ward.yaml", "-o", "board.csv", "--force")
    assert forced.code == 0, forced
    assert (ward / "board.csv").read_bytes().startswith(BOM.encode() + b"level,target_id,")


def test_a_csv_never_replaces_an_evidence_file_even_with_force(cli: RunCoprod, ward: Path) -> None:
    (ward / "other.csv").write_bytes((EXAMPLES / "step-down-house.yaml").read_bytes())
    run = cli("report", "ward.yaml", "-o", "other.csv", "--force")
    assert run.code == 2, run
    assert "is an evidence file" in run.stderr, run


def test_personal_data_in_a_csv_is_refused_before_it_is_written(cli: RunCoprod, tmp_path: Path) -> None:
    """A subfolder's settings allow an email domain its files use; the summary, written for the whole
    folder, is read with the folder's settings, which do not: the CSV is scanned like every output."""
    sub = tmp_path / "units" / "sub"
    sub.mkdir(parents=True)
    (sub / "coprod.toml").write_text('[privacy]\nallow_email_domains = ["cefn.example"]\n')
    (sub / "ward.yaml").write_text('unit:\n  name: "Ward A, ask lead@cefn.example"\nassessed_on: 2026-10-14\n')
    out = tmp_path / "board.csv"
    run = cli("summary", tmp_path / "units", "-o", out)
    assert run.code == 2, run
    assert run.stderr.startswith(f"{out}:2:14: this output would include what looks like an email address"), run
    assert not out.exists()


@pytest.mark.parametrize("table", ["levels", "targets"])
def test_a_summary_table_has_no_words_to_translate(at_root: Path, table: str) -> None:
    english = exact("summary", "examples", "--format", "csv", "--table", table)
    for lang in ("cy", "cy+en"):
        assert exact("summary", "examples", "--format", "csv", "--table", table, "--lang", lang) == english

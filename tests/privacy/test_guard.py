"""The privacy guard wired into the commands: nothing identifying gets in or out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCoprod

NHS = "943 476 5919"  # NHS Digital's published test number


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def unit_with(note: str) -> str:
    return (
        "unit: {name: Ward A}\n"
        "assessed_on: 2026-10-14\n"
        "targets:\n"
        "  L1.buddy-system:\n"
        "    status: partial\n"
        f"    notes: {note}\n"
    )


def test_personal_data_in_an_evidence_file_stops_every_command(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(unit_with(f'"Pasted from the care plan: NHS {NHS}"'), encoding="utf-8")
    expected = (
        "unit.yaml:6:44: looks like an NHS number (943 *** ****); personal data must not be written in coprod files "
        "— remove it, or if it is not personal data add '# coprod: not-personal-data <reason>' at the end of the line\n"
        "coprod: 1 problem in unit.yaml. Fix it and run the command again.\n"
    )
    for command in (["assess"], ["assess", "--format", "json"], ["validate"], ["report", "-o", "out.md"], ["migrate"]):
        run = coprod(*command, "unit.yaml")
        assert run.code == 2, run
        assert run.stderr == expected
        assert run.stdout == ""
        assert NHS not in run.stderr
        assert NHS.replace(" ", "") not in run.stderr
    assert not (here / "out.md").exists()


def test_a_comment_is_scanned_too(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(
        "# ask j.bloggs@example.com about DOB 01/02/1980\n" + unit_with("ok"), encoding="utf-8"
    )
    run = coprod("validate", "unit.yaml")
    assert run.code == 2
    lines = run.stderr.splitlines()
    assert lines[0].startswith("unit.yaml:1:7: looks like an email address (j***@")
    assert lines[1].startswith("unit.yaml:1:38: looks like a date of birth (")
    assert "bloggs" not in run.stderr
    assert "1980" not in run.stderr


def test_a_waiver_lets_a_line_through_and_every_report_lists_it(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(
        unit_with('"Ward phone 01632 960001"  # coprod: not-personal-data published ward phone number'),
        encoding="utf-8",
    )
    run = coprod("assess", "unit.yaml", "--format", "json")
    assert run.code == 0, run
    assert json.loads(run.stdout)["waivers"] == [
        {"file": "unit.yaml", "line": 6, "reason": "published ward phone number"}
    ]
    report = coprod("report", "unit.yaml")
    assert report.code == 0, report
    assert "| unit.yaml | 6 | published ward phone number |" in report.stdout
    assert "Ward phone 01632 960001" in report.stdout  # waived in the input, so allowed in the output


def test_a_waiver_needs_a_reason(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(
        unit_with('"Ward phone 01632 960001"  # coprod: not-personal-data'), encoding="utf-8"
    )
    run = coprod("validate", "unit.yaml")
    assert run.code == 2
    assert "this waiver needs a reason" in run.stderr
    assert "looks like a phone number (01632 ******)" in run.stderr


def test_published_contacts_allowed_by_the_folder_settings(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(unit_with('"Contact the ward on 01632 960001 or ward.a@cefn.example"'))
    assert coprod("validate", "unit.yaml").code == 2
    (here / "coprod.toml").write_text(
        '[privacy]\nallow_email_domains = ["cefn.example"]\nallow_phone_numbers = ["01632 960001"]\n'
    )
    from coprod_cli.privacy.guard import settings_for

    settings_for.cache_clear()
    run = coprod("report", "unit.yaml")
    assert run.code == 0, run
    assert "No line was marked as not personal data." in run.stdout


def test_bad_settings_are_named_at_their_line(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(unit_with("fine"))
    (here / "coprod.toml").write_text('[privacy]\nallow_emails = ["cefn.example"]\n')
    from coprod_cli.privacy.guard import settings_for

    settings_for.cache_clear()
    run = coprod("validate", "unit.yaml")
    assert run.code == 2
    assert run.stderr.startswith(f"{here / 'coprod.toml'}:2:1: ")


def test_personal_data_in_a_framework_file_is_caught(coprod: RunCoprod, here: Path) -> None:
    (here / "fw.yaml").write_text(
        "id: local\nversion: 1.0.0\ntitle: Local\nextends: rehab-recovery\n"
        "# lead: 07700 900123\n"
        "remove: [L1.suggestion-boxes]\n"
    )
    (here / "unit.yaml").write_text("unit: {name: W}\nframework: ./fw.yaml\nassessed_on: 2026-10-14\n")
    run = coprod("assess", "unit.yaml")
    assert run.code == 2
    assert run.stderr.startswith("fw.yaml:5:9: looks like a phone number (07700 ******)")


def test_outputs_are_scanned_before_they_leave(coprod: RunCoprod, here: Path) -> None:
    run = coprod("init", "new.yaml", "--unit", f"Ward for {NHS}")
    assert run.code == 2
    assert run.stderr.startswith(
        "new.yaml:2:46: this output would include what looks like an NHS number (943 *** ****), so nothing was "
        "written; find where it comes from (an option such as --unit, or your own template) and remove it"
    )
    assert not (here / "new.yaml").exists()
    (here / "unit.yaml").write_text(unit_with("fine"))
    templates = here / "tpl"
    templates.mkdir()
    (templates / "report.md.j2").write_text("{{ r.unit_name }} — call 020 7946 0123\n")
    report = coprod("report", "unit.yaml", "-o", "out.md", "--template", templates)
    assert report.code == 2
    assert report.stderr.startswith(
        "out.md:1:15: this output would include what looks like a phone number (020 7*** ****)"
    )
    assert not (here / "out.md").exists()


def test_what_coprod_wrote_itself_is_not_scanned(tmp_path: Path) -> None:
    from coprod_cli.errors import InputError
    from coprod_cli.privacy.guard import check_output

    # 0077365100 passes the NHS check digit: as a commit id coprod printed, it is not personal data.
    text = "0077365100  2026-10-14  Ward A  62.5%\n"
    with pytest.raises(InputError, match=r"NHS number \(007\*{7}\)"):
        check_output(text, "the history", tmp_path, frozenset())
    check_output(text, "the history", tmp_path, frozenset(), ours=["0077365100aa11bb22", "0077365100"])
    # Only coprod's own strings are blanked: the same digits from a person are still refused.
    with pytest.raises(InputError, match=r"the history:2:"):
        check_output(text + f"notes: {NHS}\n", "the history", tmp_path, frozenset(), ours=["0077365100"])


# --- issue 14: what a reader sees, in every format ----------------------------------------------------------

_SHOWN_IN_HTML = [
    "943  476  5919",
    "943&nbsp;476&nbsp;5919",
    "943\u00a0476\u00a05919",
    "943\u2009476\u20095919",
    "943\t476\t5919",
    "943<span>476</span>5919",
    "CF10  3NQ",
    "07700  900123",
]


@pytest.mark.parametrize("shown", _SHOWN_IN_HTML)
def test_an_html_report_is_refused_what_a_markdown_report_is(coprod: RunCoprod, here: Path, shown: str) -> None:
    (here / "unit.yaml").write_text(unit_with("fine"))
    templates = here / "tpl"
    templates.mkdir()
    for name in ("report.md.j2", "report.html.j2"):
        (templates / name).write_text(f"<p>{{{{ r.unit_name }}}}</p>\n<p>call {shown}</p>\n", encoding="utf-8")
    for out in ("out.md", "out.html"):
        run = coprod("report", "unit.yaml", "-o", out, "--template", templates)
        assert run.code == 2, run
        assert run.stderr.startswith(f"{out}:2:9: this output would include what looks like "), run.stderr
        assert not any(value in run.stderr for value in ("5919", "900123", "3NQ"))
        assert not (here / out).exists()


@pytest.mark.parametrize(
    "html",
    [
        "<td>943  476  5919</td>",
        "<td>943&#160;476&#x2009;5919</td>",
        "<td>9<b>4</b>3 476 <!-- -->5919</td>",
        "<td>&#57;&#52;&#51; 476 5919</td>",
        '<td title="943 476 5919">hidden in a tooltip</td>',
    ],
)
def test_an_html_output_is_checked_as_shown_and_as_written(tmp_path: Path, html: str) -> None:
    from coprod_cli.errors import InputError
    from coprod_cli.privacy.guard import check_output

    page = f"<table>\n<tr>{html}</tr>\n</table>\n"
    with pytest.raises(InputError, match=r"^summary.html:2:\d+: .*NHS number \(943 \*\*\* \*\*\*\*\)"):
        check_output(page, "summary.html", tmp_path, frozenset(), form="html")


@pytest.mark.parametrize(
    "note",
    [
        "NHS9434765919",
        "943.476.5919",
        "943/476/5919",
        "NHS 94 34 76 59 19",
        "943\u2013476\u20135919",
        "943\u200b476\u200b5919",
        "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19",
        "\u0669\u0664\u0663 \u0664\u0667\u0666 \u0665\u0669\u0661\u0669",
        "+44-7700-900123",
        "07700.900.123",
        "077 00 900 123",
        "029/2018/0747",
        "mob07700900123",
        "CF10-3NQ",
        "_jane@example.com",
        ".jane@example.com",
        "zo\u00eb@example.com",
        "jane@b\u00fccher.example",
        "jane@[10.0.0.1]",
        "date-of-birth 01/03/1990",
        "DOB 1-Mar-1990",
        "DOB 01 03 1990",
        "01/03/1990 DOB",
        "\\x39\\x34\\x33 476 5919",  # YAML escapes for digits (issue 14, item 4)
        "943 476\\t5919",
    ],
)
def test_every_written_form_in_the_issue_is_refused_on_input(coprod: RunCoprod, here: Path, note: str) -> None:
    (here / "unit.yaml").write_text(unit_with(f'"x {note}"'), encoding="utf-8")
    run = coprod("validate", "unit.yaml")
    assert run.code == 2, run
    assert run.stderr.startswith("unit.yaml:6:"), run.stderr
    assert ": looks like a" in run.stderr
    assert note not in run.stderr


def test_a_number_folded_over_two_lines_is_refused(coprod: RunCoprod, here: Path) -> None:
    # issue 14 item 1: this passed validate, and merge then put it under another line's waiver
    (here / "b.yaml").write_text(unit_with("NHS 943 476\n      5919 folded"), encoding="utf-8")
    run = coprod("validate", "b.yaml")
    assert run.code == 2, run
    assert run.stderr.startswith("b.yaml:6:16: looks like an NHS number (943 *** ****)")


@pytest.mark.parametrize(
    ("command", "template", "out"),
    [
        (["summary", "unit.yaml"], "summary.html.j2", "sum.html"),
        (["summary", "unit.yaml", "--format", "markdown"], "summary.md.j2", "sum.md"),
        (["compare", "unit.yaml", "unit2.yaml", "--format", "markdown"], "compare.md.j2", "cmp.md"),
    ],
)
def test_summaries_and_comparisons_are_read_as_shown(
    coprod: RunCoprod, here: Path, command: list[str], template: str, out: str
) -> None:
    (here / "unit.yaml").write_text(unit_with("fine"))
    (here / "unit2.yaml").write_text(unit_with("still fine"))
    templates = here / "tpl"
    templates.mkdir()
    (templates / template).write_text("<p>call</p>\n<p>943&#32;476<b></b>&nbsp;5919</p>\n", encoding="utf-8")
    run = coprod(*command, "-o", out, "--template", templates)
    assert run.code == 2, run
    expected = f"{out}:2:4: this output would include what looks like an NHS number (943 "
    assert run.stderr.startswith(expected), run.stderr
    assert not (here / out).exists()

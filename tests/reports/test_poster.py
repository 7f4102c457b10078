"""The "You said, we did" log (docs/evidence-file.md, 'You said, we did'), through the real command:
the poster (``coprod report UNIT --style poster``, markdown and HTML, English, Welsh and both),
the log in the standard and easy-read reports and in each target's evidence, the JSON result,
and the commented example that ``coprod init`` ends with.

Golden files: the shipped example's poster, ``examples/locked-rehab-unit.poster.md`` and
``.poster.html``, and under ``tests/golden/poster/`` its Welsh and bilingual twins and the
posters of ``escaping.yaml`` (hostile text). After an intended change, regenerate them with
``python -m tests.reports.test_poster`` and read the diff.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod_cli.cli.app import app
from tests.conftest import EXAMPLES, ROOT, RunCoprod
from tests.reports.test_accessibility import _check_page, browser  # noqa: F401 - the browser fixture
from tests.reports.test_readability import EASY_READ, fixed_text

GOLDEN = ROOT / "tests" / "golden" / "poster"
REGEN = "python -m tests.reports.test_poster"
LOCKED = "examples/locked-rehab-unit.yaml"
ESCAPING = "tests/golden/poster/escaping.yaml"
FORMATS = {"md": "md", "html": "html"}

# golden file (relative to the repository root) → (unit, language or None, format)
CASES: dict[str, tuple[str, str | None, str]] = {
    "examples/locked-rehab-unit.poster.md": (LOCKED, None, "md"),
    "examples/locked-rehab-unit.poster.html": (LOCKED, None, "html"),
    "tests/golden/poster/locked-rehab-unit.cy.md": (LOCKED, "cy", "md"),
    "tests/golden/poster/locked-rehab-unit.cy.html": (LOCKED, "cy", "html"),
    "tests/golden/poster/locked-rehab-unit.cy+en.md": (LOCKED, "cy+en", "md"),
    "tests/golden/poster/locked-rehab-unit.cy+en.html": (LOCKED, "cy+en", "html"),
    "tests/golden/poster/escaping.md": (ESCAPING, None, "md"),
    "tests/golden/poster/escaping.html": (ESCAPING, None, "html"),
}


def _args(unit: str, lang: str | None, fmt: str) -> list[str]:
    return ["report", unit, "--style", "poster", "--format", fmt, *(["--lang", lang] if lang else [])]


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def _unit(tmp_path: Path, log: str, name: str = "unit.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"unit: {{name: Ward W}}\nassessed_on: 2026-10-14\n{log}", encoding="utf-8")
    return path


# ---- the poster: golden files ------------------------------------------------------------------


@pytest.mark.parametrize("golden", sorted(CASES))
def test_poster_matches_golden(coprod: RunCoprod, at_root: Path, golden: str) -> None:
    run = coprod(*_args(*CASES[golden]))
    assert run.code == 0, run
    assert run.stdout == (ROOT / golden).read_text(encoding="utf-8"), f"{golden} differs; run: {REGEN}"


def test_the_poster_written_to_a_file_is_the_golden_one(coprod: RunCoprod, at_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "poster.html"
    run = coprod("report", LOCKED, "--style", "poster", "-o", out)
    assert run.code == 0, run
    assert run.stderr.endswith(f"Wrote {out}.\n"), run
    assert out.read_text(encoding="utf-8") == (EXAMPLES / "locked-rehab-unit.poster.html").read_text(encoding="utf-8")
    again = coprod("report", LOCKED, "--style", "poster", "-o", out)  # coprod's own file: replaced
    assert again.code == 0, again


# ---- the poster: what it says, checked by hand --------------------------------------------------


def test_poster_puts_done_first_then_open_then_dropped_most_recent_first() -> None:
    text = (EXAMPLES / "locked-rehab-unit.poster.md").read_text(encoding="utf-8")
    order = [
        "## What we did",
        "We want to choose the takeaway",  # done, changed 11 March
        "Visiting ends before carers",  # done, changed 20 February
        "## What we are working on",
        "The advocate's visiting day",  # open, raised 6 May
        "Nobody asks what we think",  # open, changed 8 April
        "## What we could not do",
        "Can we keep our mobile phones",
    ]
    places = [text.index(part) for part in order]
    assert places == sorted(places)
    assert "From 14 January 2026 to 6 May 2026: what you told us" in text
    assert "| Phones that take photos cannot be kept on a locked ward" in text  # the reason, honestly
    assert "What we did instead: The ward phone is now free to use" in text


def test_poster_names_no_person_and_no_id() -> None:
    for name in ("locked-rehab-unit.poster.md", "locked-rehab-unit.poster.html"):
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        for word in ("L1.", "G. P.", "Non (occupational", "A. R.", "Ward manager"):
            assert word not in text, (name, word)


def test_items_of_one_day_keep_the_files_order_and_the_poster_names_the_day() -> None:
    text = (GOLDEN / "escaping.md").read_text(encoding="utf-8")
    assert "On 1 September 2026: what you told us" in text
    assert text.index("First said, first shown") < text.index("Second said, same day")
    assert "| &lt;script>alert(1)&lt;/script> \\| \\*loud\\* \\[link\\](javascript:x) (1 September 2026) |" in text
    page = (GOLDEN / "escaping.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; | *loud* [link](javascript:x)</p>" in page
    assert "<title>You said, we did: Ward &lt;b&gt;A&lt;/b&gt; | *B* --&gt;</title>" in page


def test_poster_in_welsh_keeps_what_people_wrote() -> None:
    text = (GOLDEN / "locked-rehab-unit.cy.md").read_text(encoding="utf-8")
    assert "# Dywedoch chi, gwnaethon ni" in text
    assert "Visiting ends before carers can get here after work (blwch awgrymiadau, 14 Ionawr 2026)" in text
    both = (GOLDEN / "locked-rehab-unit.cy+en.html").read_text(encoding="utf-8")
    assert both.index('<div class="language" lang="cy">') < both.index('<div class="language" lang="en">')


def test_poster_words_are_easy_to_read() -> None:
    """The poster is the easy-read page by design: its own words are held to the easy-read bar."""
    import textstat

    for name in ("poster.md.j2", "poster.html.j2"):
        text = fixed_text((ROOT / "templates" / name).read_text(encoding="utf-8"))
        assert textstat.flesch_reading_ease(text) >= EASY_READ, (name, text)


@pytest.mark.parametrize("golden", [g for g in sorted(CASES) if g.endswith(".html")])
def test_poster_passes_axe_prints_on_a4_and_is_in_big_type(browser: Any, tmp_path: Path, golden: str) -> None:  # noqa: F811
    """In Chromium with axe-core, as every HTML report is (tests/reports/test_accessibility.py)."""
    html = (ROOT / golden).read_text(encoding="utf-8")
    pdf = _check_page(browser, tmp_path, "poster-" + Path(golden).stem, html, easy_read=True)
    assert pdf.startswith(b"%PDF")


# ---- the poster: refusals -----------------------------------------------------------------------


@pytest.mark.parametrize("log", ["", "you_said_we_did: []\n", "you_said_we_did:\n"])
def test_an_empty_log_is_a_usage_error_saying_how_to_start_one(coprod: RunCoprod, tmp_path: Path, log: str) -> None:
    unit = _unit(tmp_path, log)
    out = tmp_path / "poster.html"
    run = coprod("report", unit, "--style", "poster", "-o", out)
    assert run.code == 2, run
    assert run.stderr == (
        f"coprod: {unit}: there is nothing to put on the poster yet, because the file has no "
        "'you_said_we_did:' log; add what service users and carers raised and what was done about it "
        "(docs/evidence-file.md, 'You said, we did'), or choose --style standard or easy-read\n"
    ), run
    assert not out.exists()


def test_an_empty_log_in_welsh(coprod: RunCoprod, tmp_path: Path) -> None:
    run = coprod("report", _unit(tmp_path, ""), "--style", "poster", "--lang", "cy")
    assert run.code == 2, run
    assert "does dim i'w roi ar y poster eto" in run.stderr, run


@pytest.mark.parametrize("option", ["--baseline", "--since"])
def test_the_poster_compares_with_nothing(coprod: RunCoprod, at_root: Path, option: str) -> None:
    run = coprod("report", LOCKED, "--style", "poster", option, "HEAD" if option == "--since" else LOCKED)
    assert run.code == 2, run
    assert "the poster shows the 'you_said_we_did:' log as it is now" in run.stderr, run


def test_the_privacy_guard_stops_personal_data_in_what_was_said(coprod: RunCoprod, tmp_path: Path) -> None:
    """The log is read and checked like every other line (docs/privacy.md): a phone number or an
    email address in ``you_said`` stops the command before anything is written. Bare names are
    beyond any pattern ('What it cannot promise'); the docs and init's example say never to write them."""
    unit = _unit(
        tmp_path,
        "you_said_we_did:\n"
        '  - {you_said: "Ring Dai on 07700 900123 about the garden", raised_on: 2026-06-02}\n'
        '  - {you_said: "Email dai.jones@example.org", raised_on: 2026-06-03}\n',
    )
    out = tmp_path / "poster.md"
    run = coprod("report", unit, "--style", "poster", "-o", out)
    assert run.code == 2, run
    assert f"{unit}:4:" in run.stderr, run
    assert f"{unit}:5:" in run.stderr, run
    assert "900123" not in run.stderr, run  # masked
    assert "dai.jones@example.org" not in run.stderr, run
    assert not out.exists()


def test_a_template_of_your_own_lays_the_poster_out(coprod: RunCoprod, at_root: Path, tmp_path: Path) -> None:
    (tmp_path / "poster.md.j2").write_text(
        "{% for f in p.done %}{{ f.you_said }} => {{ f.we_did }}\n{% endfor %}", encoding="utf-8"
    )
    run = coprod("report", LOCKED, "--style", "poster", "--template", tmp_path)
    assert run.code == 0, run
    assert run.stdout == (
        "We want to choose the takeaway on Friday nights => Residents vote for the takeaway at the community meeting\n"
        "Visiting ends before carers can get here after work => Visiting now runs until 8pm on weekdays\n"
    )


# ---- the log in the reports and the JSON result -------------------------------------------------


def test_the_standard_reports_list_the_log_and_each_targets_items(coprod: RunCoprod, at_root: Path) -> None:
    md = (EXAMPLES / "locked-rehab-unit.report.md").read_text(encoding="utf-8")
    assert "## You said, we did\n\nWhat service users and carers raised (5 things)" in md
    assert (
        "| 18 March 2026, conversation | Can we keep our mobile phones with us on the ward? | The ward phone is now "
        "free to use at any time, in a private room | Dropped: Phones that take photos" in md
    )
    assert (
        "(L1.community-meetings) | Met | Fortnightly community meeting; minutes kept in the ward office (29 April "
        "2026); You said: We want to choose the takeaway on Friday nights (11 February 2026) — Done on 11 March 2026 |"
    ) in md
    run = coprod("report", LOCKED, "--format", "html")
    assert run.code == 0, run
    assert '<section aria-labelledby="you-said">\n<h2 id="you-said">You said, we did</h2>' in run.stdout
    assert (
        '<ul class="you-said"><li>You said: The advocate&#39;s visiting day is not on the noticeboard '
        "(6 May 2026) — Being worked on</li></ul>"
    ) in run.stdout


def test_a_target_fed_only_by_the_log_shows_its_items(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = _unit(
        tmp_path,
        "targets:\n  L1.suggestion-boxes: {status: met, notes: Emptied weekly}\n"
        "you_said_we_did:\n"
        "  - {you_said: A quiet room, raised_on: 2026-06-02, status: done, targets: [L1.suggestion-boxes]}\n",
    )
    run = coprod("report", unit)
    assert run.code == 0, run
    assert (
        "(L1.suggestion-boxes) | Met | You said: A quiet room (2 June 2026) — Done; Notes: Emptied weekly |"
    ) in run.stdout
    assert "claimed" not in run.stderr, run


def test_the_easy_read_reports_show_five_items_and_count_the_rest(coprod: RunCoprod, tmp_path: Path) -> None:
    items = "".join(f"  - {{you_said: Thing {n}, raised_on: 2026-06-0{n}}}\n" for n in range(1, 8))
    unit = _unit(tmp_path, "you_said_we_did:\n" + items)
    md = coprod("report", unit, "--style", "easy-read")
    assert md.code == 0, md
    assert "## You said, we did\n\n**You said:** Thing 7\n\n**We are working on it.**\n" in md.stdout
    assert "Thing 3" in md.stdout
    assert "Thing 2" not in md.stdout
    assert "There are 2 more in the full report.\n\n## Words we use" in md.stdout
    html = coprod("report", unit, "--style", "easy-read", "--format", "html", "--lang", "cy")
    assert html.code == 0, html
    assert "<p>Mae 2 arall yn yr adroddiad llawn.</p>" in html.stdout
    assert "<strong>Dywedoch chi:</strong> Thing 7" in html.stdout


def test_the_json_result_gives_the_log_as_written(coprod: RunCoprod, at_root: Path) -> None:
    run = coprod("assess", LOCKED, "--format", "json")
    assert run.code == 0, run
    log = json.loads(run.stdout)["you_said_we_did"]
    assert [item["status"] for item in log] == ["done", "done", "open", "dropped", "open"]  # the file's order
    assert log[3] == {
        "you_said": "Can we keep our mobile phones with us on the ward?",
        "raised_on": "2026-03-18",
        "channel": "conversation",
        "we_did": "The ward phone is now free to use at any time, in a private room",
        "status": "dropped",
        "changed_on": "2026-04-15",
        "reason": "Phones that take photos cannot be kept on a locked ward, to protect everyone's privacy",
        "targets": [],
    }
    assert log[4]["changed_on"] is None
    assert log[4]["we_did"] is None


# ---- coprod init's example ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "first"), [("en", "# Under 'you_said_we_did:' keep"), ("cy", "# O dan 'you_said_we_did:'")]
)
def test_init_ends_with_an_example_log_that_is_valid_once_uncommented(
    coprod: RunCoprod, tmp_path: Path, lang: str, first: str
) -> None:
    path = tmp_path / "unit.yaml"
    assert coprod("init", path, "--unit", "W", "--assessed-on", "2026-10-14", "--lang", lang).code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# you_said_we_did:")
    assert lines[start - 1].startswith(first)
    assert lines[start + 7] == "#     targets: [L1.suggestion-boxes]"
    assert len(lines) == start + 9  # the example, then one line on its statuses, ends the file
    uncommented = [*lines[:start], *(line[2:] for line in lines[start : start + 8])]
    path.write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    run = coprod("validate", path)
    assert run.code == 0, run


def test_init_example_names_a_target_of_the_framework_in_use(coprod: RunCoprod, at_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    framework = ROOT / "tests" / "golden" / "rounding-framework.yaml"
    assert coprod("init", path, "--unit", "W", "--framework", framework, "--assessed-on", "2026-10-14").code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# you_said_we_did:")
    assert lines[start + 7] == "#     targets: [A.1]"  # no L1.suggestion-boxes here: its first target
    path.write_text("\n".join([*lines[:start], *(line[2:] for line in lines[start : start + 8])]) + "\n", "utf-8")
    run = coprod("validate", path)
    assert run.code == 0, run


def test_one_raters_own_file_has_no_example_log(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    assert coprod("init", path, "--unit", "W", "--as", "Rhian", "--role", "service-user").code == 0
    assert "you_said_we_did" not in path.read_text(encoding="utf-8")


def regenerate() -> None:
    """Rewrite every golden file of this module from the current code."""
    os.environ.update(COLUMNS="100", NO_COLOR="1")
    os.chdir(ROOT)
    runner = CliRunner()
    for golden, case in CASES.items():
        done = runner.invoke(app, _args(*case), catch_exceptions=False)
        assert done.exit_code == 0, done.output
        (ROOT / golden).write_text(done.stdout, encoding="utf-8")
        print(f"wrote {golden}", file=sys.stderr)


if __name__ == "__main__":
    regenerate()

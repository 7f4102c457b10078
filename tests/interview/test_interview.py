"""coprod interview, end to end through the real CLI with piped answers (one a line).

The golden test answers a few targets of a file ``coprod init`` made and compares the whole
file after the session with ``==``: the answered entries and the resume marker change, every
other byte stays.  The real-terminal test (one key press, 80×24) is in test_interview_tmux.py.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from coprod_cli.cli.app import app
from coprod_cli.cli.interview import interview_command
from coprod_cli.interview.answers import BadAnswer, parse_day
from coprod_cli.interview.marker import read_marker, set_marker
from coprod_cli.interview.session import open_session
from coprod_cli.interview.terminal import Terminal
from tests.conftest import EXAMPLES, RunCoprod

if not any(c.name == "interview" for c in app.registered_commands):
    app.command("interview")(interview_command)

STATUS_KEYS_LINE = "Status? m met, p partial, n not met, x not applicable, a not assessed;"
MOVE_KEYS_LINE = "or s (or Enter) skip, b back, j jump to a level, q save and quit:"
TARGETS = 31


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def made(coprod: RunCoprod, folder: Path) -> Path:
    """A file as ``coprod init`` writes it, dated so the test does not depend on today."""
    run = coprod("init", "unit.yaml", "--unit", "Cefn Yr Afon", "--assessed-on", "2026-10-14", "--no-schema")
    assert run.code == 0, run
    return folder / "unit.yaml"


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def flat(text: str) -> str:
    """Printed text with its wrapping undone, to find a sentence in it."""
    return " ".join(text.split())


def validate(coprod: RunCoprod, path: Path) -> None:
    run = coprod("validate", str(path))
    assert run.code == 0, run


# ---- the golden session ---------------------------------------------------------------------

GOLDEN_ANSWERS = answers(
    "p",  # L1.own-care-plans: partial
    "Care plans written by residents since March",
    "2026-03-01",
    "",  # no more evidence
    "Support the other residents to write theirs",
    "Named nurses",
    "2026-12-01",
    "x",  # L1.community-meetings: not applicable
    'No shared lounge: residents live in "flats"',
    "s",  # L1.suggestion-boxes: skipped
    "m",  # L1.rag-feedback: met
    "RAG tracker # reviewed weekly: at the residents' meeting",
    "",  # no date
    "",  # no more evidence
    "q",
)


def golden_expected(before: str) -> str:
    edits = {
        "# Check the file at any time with: coprod validate unit.yaml\n": (
            "# Check the file at any time with: coprod validate unit.yaml\n"
            "# coprod interview: next L1.satisfaction-questionnaires\n"
        ),
        "  L1.own-care-plans:\n    status: not-assessed\n": (
            "  L1.own-care-plans:\n"
            "    status: partial\n"
            "    evidence:\n"
            '      - {description: "Care plans written by residents since March", date: 2026-03-01}\n'
            '    action: {description: "Support the other residents to write theirs", owner: "Named nurses", '
            "due: 2026-12-01}\n"
        ),
        "  L1.community-meetings:\n    status: not-assessed\n": (
            "  L1.community-meetings:\n"
            "    status: not-applicable\n"
            '    justification: "No shared lounge: residents live in \\"flats\\""\n'
        ),
        "  L1.rag-feedback:\n    status: not-assessed\n": (
            "  L1.rag-feedback:\n"
            "    status: met\n"
            "    evidence:\n"
            '      - {description: "RAG tracker # reviewed weekly: at the residents\' meeting"}\n'
        ),
    }
    for old, new in edits.items():
        assert before.count(old) == 1
        before = before.replace(old, new)
    return before


def test_golden_session_changes_only_the_answered_entries(coprod: RunCoprod, made: Path) -> None:
    before = made.read_text(encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=GOLDEN_ANSWERS)
    assert run.code == 0, run
    after = made.read_text(encoding="utf-8")
    assert after == golden_expected(before)
    validate(coprod, made)
    data = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    assert data["levels"][0]["counts"] == {
        "met": 1,
        "partial": 1,
        "not-met": 0,
        "not-assessed": 11,
        "not-applicable": 1,
    }
    assert "Saved unit.yaml. To carry on where you stopped, run: coprod interview unit.yaml" in run.stdout


def test_the_screen_of_a_target_says_where_it_is_and_every_key(coprod: RunCoprod, made: Path) -> None:
    before = made.read_bytes()
    run = coprod("interview", "unit.yaml", input=answers("q"))
    assert run.code == 0, run
    assert made.read_bytes() == before  # opened and quit: nothing changed
    lines = run.stdout.splitlines()
    start = lines.index("Target 1 of 31. Level 1: Laying the foundations.")
    assert lines[start:] == [
        "Target 1 of 31. Level 1: Laying the foundations.",
        "Ethos: “We value what you have to say, we want to listen and work with you”",
        "All service users write their own care & activity plans (L1.own-care-plans)",
        "Status now: not-assessed.",
        "Evidence: none yet.",
        STATUS_KEYS_LINE,
        f"{MOVE_KEYS_LINE} q",
        "",
        "Saved unit.yaml. To carry on where you stopped, run: coprod interview unit.yaml",
    ]
    assert lines[0] == "Interview for Cefn Yr Afon: 31 targets in 3 levels, then 3 enablers."
    assert "\x1b" not in run.stdout


# ---- quitting, resuming, finishing ----------------------------------------------------------


def test_quit_mid_way_then_resume_at_the_right_target_then_finish(coprod: RunCoprod, folder: Path) -> None:
    # No file yet: the interview makes it, asking the unit's name.
    first = coprod(
        "interview", "unit.yaml", input=answers("Ty Gwyn", "m", "Weekly minutes", "2026-01-05", "", "s", "q")
    )
    assert first.code == 0, first
    assert first.stdout.startswith(
        "unit.yaml does not exist yet; this makes it.\n"
        "What is the unit called? (q: quit without making unit.yaml):\n"
        "> Ty Gwyn\n"
        "Made unit.yaml, with every target not assessed yet.\n"
    )
    unit = folder / "unit.yaml"
    assert (folder / "coprod-evidence.schema.json").is_file()  # as init makes it
    text = unit.read_text(encoding="utf-8")
    assert "# coprod interview: next L1.suggestion-boxes\n" in text
    assert '  name: "Ty Gwyn"\n' in text
    validate(coprod, unit)

    second = coprod("interview", "unit.yaml", input=answers("n", "", "", "q"))
    assert second.code == 0, second
    assert second.stdout.startswith("Carrying on where you stopped last time: target 3 of 31.\n")
    assert "Suggestion boxes displayed in main areas (L1.suggestion-boxes)" in second.stdout.split("\n\n")[1]
    text = unit.read_text(encoding="utf-8")
    assert "  L1.suggestion-boxes:\n    status: not-met\n" in text
    assert "# coprod interview: next L1.rag-feedback\n" in text

    # Jump to the enablers and answer the three of them: the last answer ends the interview.
    third = coprod("interview", "unit.yaml", input=answers("j", "e", "p", "", "", "a", "x", "Not paid posts here"))
    assert third.code == 0, third
    assert "Enabler 1 of 3. Enablers support every level." in third.stdout
    assert third.stdout.endswith(
        "That was the last one. All your answers are saved in unit.yaml.\n"
        "See where the unit stands with: coprod assess unit.yaml\n"
    )
    text = unit.read_text(encoding="utf-8")
    assert "coprod interview" not in text  # the marker goes when the last target is done
    assert '  E.training-programme:\n    status: not-applicable\n    justification: "Not paid posts here"\n' in text
    validate(coprod, unit)

    fourth = coprod("interview", "unit.yaml", input=answers("q"))
    assert "Interview for Ty Gwyn" in fourth.stdout  # done: a new round starts at the top


def test_end_of_input_saves_and_quits(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("p", "Half the residents"))  # no date, no q: input ends
    assert run.code == 0, run
    text = made.read_text(encoding="utf-8")
    assert '      - {description: "Half the residents"}\n' in text
    assert "coprod interview" not in text  # stopped at the first target: nothing to remember
    assert "To carry on where you stopped, run: coprod interview unit.yaml" in run.stdout
    empty = coprod("interview", "unit.yaml", input="")
    assert empty.code == 0, empty
    assert made.read_text(encoding="utf-8") == text


def test_back_and_jump(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("b", "j", "3", "b", "j", "", "j", "7", "q"))
    assert run.code == 0, run
    out = run.stdout
    assert "This is the first one; there is nothing before it." in out
    assert "Target 23 of 31. Level 3: Working in partnership: co-production." in out
    assert "Target 22 of 31. Level 2: Identifying and building skills." in out  # back from the first of level 3
    assert "'7' is not one of the keys here; press one of those listed." in out
    assert "Jump to level 1, 2 or 3, or e enablers? (Enter alone: stay; q: save and quit):" in out
    assert "# coprod interview: next L2.supported-practice\n" in made.read_text(encoding="utf-8")


def test_whole_words_work_as_piped_answers(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("MET", "", "partial", "", "", "skip", "not-met", "", "", "q"))
    assert run.code == 0, run
    text = made.read_text(encoding="utf-8")
    assert "  L1.own-care-plans:\n    status: met\n" in text
    assert "  L1.community-meetings:\n    status: partial\n" in text
    assert "  L1.suggestion-boxes:\n    status: not-assessed\n" in text
    assert "  L1.rag-feedback:\n    status: not-met\n" in text
    assert "Note: met with no evidence is reported as claimed without evidence." in run.stdout


# ---- not applicable, dates, refusals --------------------------------------------------------


def test_not_applicable_asks_why_and_enter_goes_back(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("x", "", "x", "Residents have their own flats", "q"))
    assert run.code == 0, run
    prompt = "Why does it not apply here? (Enter alone: go back; q: save and quit):"
    assert run.stdout.count(prompt) == 2
    assert run.stdout.count("Target 1 of 31.") == 2  # Enter went back to the same target
    text = made.read_text(encoding="utf-8")
    assert (
        "  L1.own-care-plans:\n"
        "    status: not-applicable\n"
        '    justification: "Residents have their own flats"\n'
        "  # Regular meetings" in text
    )
    again = coprod("interview", "unit.yaml", input=answers("b", "x", "", "q"))
    assert "Why it does not apply: Residents have their own flats" in again.stdout
    assert "Reason written now: Residents have their own flats" in again.stdout
    assert "(Enter alone: keep it; q: save and quit)" in again.stdout
    assert made.read_text(encoding="utf-8").count("    justification:") == 1


def test_bad_dates_are_asked_again(coprod: RunCoprod, made: Path) -> None:
    run = coprod(
        "interview",
        "unit.yaml",
        input=answers(
            "n",
            "Minutes",
            "2026-02-30",
            "30/09/2026",
            "2027-01-01",
            "",
            "Start it",
            "",
            "2026-13-01",
            "2026-09-01",
            "q",
        ),
    )
    assert run.code == 0, run
    out = flat(run.stdout)
    assert "'2026-02-30' is not a real date: February 2026 has 28 days. Type the date as" in out
    assert "'30/09/2026' is not a date in the form YYYY-MM-DD, such as 2026-10-14. Type the date" in out
    assert "'2026-13-01' is not a real date: there is no month 13." in out
    assert "Saved, but note: that is after the assessment date, 2026-10-14; check the date." in out
    assert "Saved, but note: that is before the assessment date, 2026-10-14, so the action will be" in out
    text = made.read_text(encoding="utf-8")
    assert '      - {description: "Minutes", date: 2027-01-01}\n' in text
    assert '    action: {description: "Start it", due: 2026-09-01}\n' in text


def test_stale_evidence_is_noted(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("m", "Old audit", "2024-01-01", "q"))
    assert "more than 12 months before the assessment (2026-10-14), so it will be reported as stale" in flat(run.stdout)


def test_personal_data_in_an_answer_is_refused_kindly(coprod: RunCoprod, made: Path) -> None:
    before = made.read_text(encoding="utf-8")
    run = coprod(
        "interview", "unit.yaml", input=answers("m", "Ring Rhian on 07700 900123", "Rhian rings round", "", "", "q")
    )
    assert run.code == 0, run
    assert (
        "Sorry, that cannot be saved: it looks like it holds a phone number (07700 ******); personal details must "
        "not go in this file. Please type it again." in " ".join(run.stdout.split("\n"))
    )
    assert "900123" not in run.stdout.replace("Ring Rhian on 07700 900123", "")  # only the echo of the typing
    text = made.read_text(encoding="utf-8")
    assert "07700" not in text
    assert '      - {description: "Rhian rings round"}\n' in text
    assert text != before


def test_a_date_of_birth_found_only_in_context_is_refused(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("m", "Resident born", "1990-03-02", "", "", "q"))
    assert run.code == 0, run
    assert "Sorry, that cannot be saved: with it, line" in run.stdout
    assert "date of birth" in run.stdout
    assert "1990-03-02}" not in made.read_text(encoding="utf-8")
    validate(coprod, made)


def test_control_characters_are_refused(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("m", "Bell \x07 here", "", "q"))
    assert "Sorry, that cannot be saved: it holds a control character (U+0007). Please" in flat(run.stdout)
    assert "Bell ? here" in run.stdout  # the echo shows no control character
    assert "Bell" not in made.read_text(encoding="utf-8")


def test_every_prompt_line_fits_80_columns_and_names_its_keys(coprod: RunCoprod, made: Path) -> None:
    typed = ["p", "Minutes of the weekly residents' meeting", "2026-09-01", "", "A rota", "Ward manager", "2027-01-31"]
    run = coprod("interview", "unit.yaml", input=answers(*typed, "x", "", "j", "", "b", "q"))
    assert run.code == 0, run
    for line in run.stdout.splitlines():
        if line.startswith("> "):
            assert line[2:] in typed  # a typed answer, on a line of its own
            continue
        assert len(line) <= 80, line
    prompts = [line for line in run.stdout.splitlines() if "?" in line and "(" in line]
    assert prompts
    for line in prompts:
        assert "q: save and quit" in line or "q save and quit" in line, line


# ---- --as: one person's ratings -------------------------------------------------------------


def test_as_records_ratings_and_adds_the_assessor(coprod: RunCoprod, made: Path) -> None:
    run = coprod(
        "interview",
        "unit.yaml",
        "--as",
        "Rhian  (peer worker)",
        "--role",
        "service-user",
        input=answers("m", "Care plan audit", "", "", "n", "", "", "q"),
    )
    assert run.code == 0, run
    assert flat(run.stdout).startswith(
        "Added Rhian (peer worker) (service-user) to the assessors in unit.yaml. "
        "Interview for Cefn Yr Afon: 31 targets in 3 levels, then 3 enablers. "
        "Each answer is saved as soon as you give it; q saves and quits at any time. "
        "Answers are recorded as Rhian (peer worker)'s own ratings, not as the agreed status. "
    )
    assert "run: coprod interview unit.yaml --as 'Rhian (peer worker)'" in flat(run.stdout)
    text = made.read_text(encoding="utf-8")
    assert (
        '  # - {name: "First name or initials", role: service-user}\n  - {name: "Rhian (peer worker)", role: service-user}\n'
        in text
    )
    assert (
        "  L1.own-care-plans:\n"
        "    status: not-assessed\n"
        "    ratings:\n"
        '      "Rhian (peer worker)": met\n'
        "    evidence:\n"
        '      - {description: "Care plan audit"}\n'
    ) in text
    assert (
        '  L1.community-meetings:\n    status: not-assessed\n    ratings:\n      "Rhian (peer worker)": not-met\n'
        in text
    )
    assert "# coprod interview for Rhian (peer worker): next L1.suggestion-boxes\n" in text
    validate(coprod, made)

    # The group's own round starts at the top; Rhian's carries on where she stopped.
    group = coprod("interview", "unit.yaml", input=answers("s", "q"))
    assert "Interview for Cefn Yr Afon" in group.stdout
    again = coprod("interview", "unit.yaml", "--as", "rhian (PEER worker)", input=answers("b", "p", "", "", "", "q"))
    assert again.stdout.startswith("Carrying on where you stopped last time: target 3 of 31.\n")
    assert "Your rating now: not-met. Agreed status: not-assessed." in again.stdout
    text = made.read_text(encoding="utf-8")
    assert '      "Rhian (peer worker)": partial\n' in text
    assert text.count('Rhian (peer worker)", role') == 1  # listed once
    assert "# coprod interview: next L1.community-meetings\n" in text  # the group's marker kept beside hers
    data = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    assert data["assessors"]["service-user"] == 1


def test_as_for_someone_not_listed_needs_a_role(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", "--as", "Gwen", input=answers("q"))
    assert run.code == 2, run
    assert "coprod: --as Gwen: Gwen is not listed under 'assessors:' in unit.yaml; give their role too" in run.stderr
    role_only = coprod("interview", "unit.yaml", "--role", "carer", input=answers("q"))
    assert role_only.code == 2
    assert "--role goes with --as NAME" in role_only.stderr
    blank = coprod("interview", "unit.yaml", "--as", "  ", "--role", "carer", input=answers("q"))
    assert blank.code == 2
    assert "--as: give the person's name or initials" in blank.stderr


def test_a_blank_as_for_a_new_file_is_refused_before_any_question(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("interview", "new.yaml", "--as", "  ", "--role", "staff", input=answers("Ward P"))
    assert run.code == 2, run
    assert run.stdout == ""
    assert run.stderr == ("coprod: --as: give the person's name or initials, e.g. --as 'Rhian' --role service-user\n")
    assert not (folder / "new.yaml").exists()


def test_as_with_a_different_role_keeps_the_listed_one(coprod: RunCoprod, folder: Path) -> None:
    run = coprod(
        "init",
        "mine.yaml",
        "--unit",
        "Ward A",
        "--as",
        "Gwen",
        "--role",
        "carer",
        "--no-schema",
        "--assessed-on",
        "2026-10-14",
    )
    assert run.code == 0, run
    run = coprod("interview", "mine.yaml", "--as", "Gwen", "--role", "staff", input=answers("m", "", "q"))
    assert run.stdout.startswith("Gwen is listed as carer in mine.yaml; their ratings are recorded under that.\n")
    assert "    ratings:\n      Gwen: met\n" in (folder / "mine.yaml").read_text(encoding="utf-8")


def test_a_new_file_for_a_rater_is_made_as_init_as_would(coprod: RunCoprod, folder: Path) -> None:
    run = coprod(
        "interview", "mine.yaml", "--as", "Gwen", "--role", "carer", "--unit", "Ward A", input=answers("p", "", "", "q")
    )
    assert run.code == 0, run
    text = (folder / "mine.yaml").read_text(encoding="utf-8")
    assert "# This is Gwen's own rating of the unit" in text
    assert text.count('{name: "Gwen", role: carer}') == 1
    assert "    ratings:\n      Gwen: partial\n" in text
    no_role = coprod("interview", "other.yaml", "--as", "Gwen", "--unit", "Ward A", input="")
    assert no_role.code == 2
    assert "give their role too" in no_role.stderr
    assert not (folder / "other.yaml").exists()


# ---- files written by hand ------------------------------------------------------------------

HAND = (
    "\ufeff# Written by hand, with CRLF line ends.\r\n"
    "unit: {name: 'Ward [/b] <b>| A'}   # markup stays text\r\n"
    "assessed_on: 2026-10-14\r\n"
    "assessors:\r\n"
    "- {name: Gwen, role: carer}\r\n"
    "targets:\r\n"
    "    L1.own-care-plans:\r\n"
    "        status: partial    # agreed in May\r\n"
    "        ratings:\r\n"
    "            Gwen: not-met\r\n"
    "        evidence:\r\n"
    "        - description: Care plans audit\r\n"
    "          date: 2026-05-01\r\n"
    "        # more to come\r\n"
    "\r\n"
    "    # the buddy rota\r\n"
    "    L1.buddy-system: {status: 'met', evidence: [{description: Buddy rota}]}  # checked\r\n"
    "enablers:\r\n"
    "  E.payment-policy: {status: partial}\r\n"
)


def test_a_hand_written_file_keeps_every_other_byte(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_bytes(HAND.encode("utf-8"))
    script = answers(
        "m", "Second audit", "2026-09-01", "",  # L1.own-care-plans
        "n", "", "",  # L1.community-meetings: not in the file yet
        "j", "e", "s", "n", "", "A payment policy", "Manager", "",  # E.payment-policy, written on one line
        "q",
    )  # fmt: skip
    run = coprod("interview", "unit.yaml", input=script)
    assert run.code == 0, run
    assert "Interview for Ward [/b] <b>| A:" in run.stdout
    raw = unit.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    new = raw.decode("utf-8-sig")
    assert "\n" not in new.replace("\r\n", "")
    removed, added = changed_lines(HAND.removeprefix("\ufeff"), new)
    assert removed == [
        "        status: partial    # agreed in May\r\n",
        "  E.payment-policy: {status: partial}\r\n",
    ]
    assert added == [
        "# coprod interview: next E.training-programme\r\n",
        "        status: met    # agreed in May\r\n",
        '        - {description: "Second audit", date: 2026-09-01}\r\n',
        "    # Regular meetings for service users as a group (e.g. community / mutual help meetings)\r\n",
        "    L1.community-meetings:\r\n",
        "        status: not-met\r\n",
        "  E.payment-policy:\r\n",
        "    status: not-met\r\n",
        '    action: {description: "A payment policy", owner: "Manager"}\r\n',
    ]
    assert new.index("Second audit") < new.index("# more to come")
    validate(coprod, unit)


def test_a_flow_entry_keeps_its_comment_when_rewritten(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_bytes(HAND.encode("utf-8"))
    run = coprod("interview", "unit.yaml", input=answers("j", "1", *["s"] * 8, "p", "", "", "q"))
    assert run.code == 0, run
    text = unit.read_bytes().decode("utf-8-sig")
    assert (
        "    # the buddy rota\r\n"
        "    L1.buddy-system:  # checked\r\n"
        "        status: partial\r\n"
        "        evidence:\r\n"
        '            - {description: "Buddy rota"}\r\n'
        "enablers:\r\n"
    ) in text
    validate(coprod, unit)


@pytest.mark.parametrize(
    ("assessors", "expected"),
    [
        ("assessors: []\n", 'assessors:\n  - {name: "Iwan", role: staff}\n'),
        (
            "assessors: [{name: Gwen, role: carer}]\n",
            'assessors:\n  - {name: "Gwen", role: carer}\n  - {name: "Iwan", role: staff}\ntargets:\n',
        ),
        ("assessors: ~  # nobody yet\n", 'assessors:  # nobody yet\n  - {name: "Iwan", role: staff}\n'),
        ("", 'assessors:\n  - {name: "Iwan", role: staff}\ntargets:\n'),
        (
            "assessors:\n  - {name: Gwen, role: carer}\n",
            '  - {name: Gwen, role: carer}\n  - {name: "Iwan", role: staff}\n',
        ),
    ],
)
def test_the_rater_is_added_to_assessors_however_written(
    coprod: RunCoprod, folder: Path, assessors: str, expected: str
) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(f"unit:\n  name: A\nassessed_on: 2026-10-14\n{assessors}targets:\n", encoding="utf-8")
    run = coprod("interview", "unit.yaml", "--as", "Iwan", "--role", "staff", input=answers("m", "", "q"))
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert expected in text
    assert "targets:\n  # All service users write their own care & activity plans\n  L1.own-care-plans:\n" in text
    assert "    ratings:\n      Iwan: met\n" in text
    validate(coprod, unit)


@pytest.mark.parametrize("targets", ["targets: {}\n", "targets: ~\n", "", "targets:\n  # none yet\n"])
def test_empty_or_missing_sections_get_their_first_entry(coprod: RunCoprod, folder: Path, targets: str) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(f"unit:\n  name: A\nassessed_on: 2026-10-14\n{targets}", encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers("j", "2", "p", "", "", "j", "e", "m", "", "q"))
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert "  L2.newcomers-level1:\n    status: partial\n" in text
    assert (
        "enablers:\n  # A clear service ethos / guiding principles are written down\n  E.guiding-principles:\n    status: met\n"
        in text
    )
    validate(coprod, unit)


def test_a_missing_target_goes_in_the_framework_order(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n"
        "  # ---- Level 1 ----\n"
        "  # about community meetings\n"
        "  L1.community-meetings:\n    status: met\n    evidence: [{description: Minutes}]\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("n", "", "", "m", "More minutes", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith(
        "targets:\n"
        "  # ---- Level 1 ----\n"
        "  # All service users write their own care & activity plans\n"
        "  L1.own-care-plans:\n"
        "    status: not-met\n"
        "  # about community meetings\n"
        "  L1.community-meetings:\n"
        "    status: met\n"
        "    evidence:\n"
        '      - {description: "Minutes"}\n'
        '      - {description: "More minutes"}\n'
    )
    validate(coprod, unit)


def test_an_example_file_changes_only_in_the_answered_lines(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    before = (EXAMPLES / "open-rehab-unit.yaml").read_text(encoding="utf-8")
    unit.write_text(before, encoding="utf-8")
    # L1.carer-perspective-ctp (8th) has evidence and an action: met, add evidence, keep the action.
    run = coprod("interview", "unit.yaml", input=answers(*["s"] * 7, "m", "All 17 CTPs now", "2026-09-01", "", "q"))
    assert run.code == 0, run
    assert "Action: Phone carers before each CTP when they cannot attend, and record their" in run.stdout
    removed, added = changed_lines(before, unit.read_text(encoding="utf-8"))
    assert removed == ["    status: partial\n"]
    assert added == [
        "# coprod interview: next L1.buddy-system\n",
        "    status: met\n",
        '      - {description: "All 17 CTPs now", date: 2026-09-01}\n',
    ]


def test_replacing_an_action_keeps_its_place(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    before = (EXAMPLES / "open-rehab-unit.yaml").read_text(encoding="utf-8")
    unit.write_text(before, encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers(*["s"] * 7, "p", "", "Ring carers", "", "", "q"))
    assert run.code == 0, run
    removed, added = changed_lines(before, unit.read_text(encoding="utf-8"))
    assert removed == [
        "    action:\n",
        '      description: "Phone carers before each CTP when they cannot attend, and record their view in the notes"\n',
        '      owner: "Named nurses"\n',
        "      due: 2026-12-31\n",
    ]
    assert added == ["# coprod interview: next L1.buddy-system\n", '    action: {description: "Ring carers"}\n']


# ---- refusals -------------------------------------------------------------------------------


def test_an_invalid_file_is_refused_before_any_question(coprod: RunCoprod, folder: Path) -> None:
    (folder / "unit.yaml").write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plan:\n    status: met\n", encoding="utf-8"
    )
    run = coprod("interview", "unit.yaml", input=answers("m"))
    assert run.code == 2, run
    assert "unit.yaml:5:3: unknown target 'L1.own-care-plan' — did you mean 'L1.own-care-plans'?" in run.stderr
    assert run.stdout == ""


def test_a_file_written_as_one_flow_mapping_is_refused(coprod: RunCoprod, folder: Path) -> None:
    (folder / "unit.yaml").write_text(
        "unit: {name: A}\nassessed_on: 2026-10-14\ntargets: {L1.own-care-plans: {status: met}}\n", encoding="utf-8"
    )
    run = coprod("interview", "unit.yaml", input=answers("m"))
    assert run.code == 2, run
    assert "unit.yaml:3:1: interview edits files written one entry a line" in run.stderr


def test_a_file_changed_meanwhile_is_not_overwritten(
    coprod: RunCoprod, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Terminal.ask

    def ask(self: Terminal, prompt: str) -> str:
        with made.open("a", encoding="utf-8") as fh:
            fh.write("# someone else's edit\n")
        return real(self, prompt)

    monkeypatch.setattr(Terminal, "ask", ask)
    run = coprod("interview", "unit.yaml", input=answers("m", "Minutes"))
    assert run.code == 2, run
    assert "unit.yaml was changed by something else while the interview was running" in run.stderr
    assert made.read_text(encoding="utf-8").endswith("# someone else's edit\n")


def test_ctrl_c_saves_where_to_carry_on(coprod: RunCoprod, made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: Terminal, prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(Terminal, "ask", interrupted)
    run = coprod("interview", "unit.yaml", input=answers("s", "p"))
    assert run.code == 130, run
    assert "Stopped. Your answers so far are saved in unit.yaml. To carry on, run: coprod interview unit.yaml" in flat(
        run.stdout
    )
    text = made.read_text(encoding="utf-8")
    assert "# coprod interview: next L1.community-meetings\n" in text
    assert "  L1.community-meetings:\n    status: partial\n" in text


def test_unit_option_on_an_existing_file_is_noted(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", "--unit", "Other", input="")
    assert run.stdout.startswith("unit.yaml exists already, so --unit is not used.\n")


def test_quitting_at_the_unit_name_makes_nothing(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("interview", "new.yaml", input=answers("", "q"))
    assert run.code == 0, run
    assert "Nothing was written; new.yaml was not made." in run.stdout
    assert not (folder / "new.yaml").exists()
    refused = coprod("interview", "new.yaml", input=answers("me@example.com", "Ward B", "q"))
    assert "Sorry, that cannot be saved: it looks like it holds an email address" in refused.stdout
    assert '  name: "Ward B"\n' in (folder / "new.yaml").read_text(encoding="utf-8")


def test_the_interview_uses_a_chosen_framework(coprod: RunCoprod, folder: Path) -> None:
    (folder / "local.yaml").write_text(
        "id: local\nversion: 1.0.0\ntitle: Local\nextends: rehab-recovery\nremove: [L1.own-care-plans]\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", "--unit", "A", "--framework", "./local.yaml", input=answers("q"))
    assert run.code == 0, run
    assert "30 targets in 3 levels" in run.stdout
    assert 'framework: "local.yaml"' in (folder / "unit.yaml").read_text(encoding="utf-8")
    assert "run: coprod interview unit.yaml --framework ./local.yaml" in flat(run.stdout)


# ---- the core, directly ---------------------------------------------------------------------


def test_markers_of_the_group_and_of_each_rater_are_separate() -> None:
    text = "# head\nunit:\n  name: A\n"
    both = set_marker(set_marker(text, None, "L1.a"), "Rhian", "L2.b")
    assert both == "# head\n# coprod interview: next L1.a\n# coprod interview for Rhian: next L2.b\nunit:\n  name: A\n"
    assert read_marker(both, None) == "L1.a"
    assert read_marker(both, "RHIAN") == "L2.b"
    assert read_marker(both, "Gwen") is None
    assert set_marker(both, None, None) == "# head\n# coprod interview for Rhian: next L2.b\nunit:\n  name: A\n"


def test_parse_day_words() -> None:
    assert str(parse_day(" 2026-10-14 ")) == "2026-10-14"
    with pytest.raises(BadAnswer, match="is not a real date: February 2025 has 28 days"):
        parse_day("2025-02-29")


def test_a_resume_marker_naming_an_unknown_target_starts_at_the_top(made: Path) -> None:
    made.write_text(set_marker(made.read_text(encoding="utf-8"), None, "L9.gone"), encoding="utf-8")
    session = open_session(made, "unit.yaml")
    assert session.resume_at() is None


# ---- more shapes and refusals ---------------------------------------------------------------

TINY = """\
id: tiny
version: 1.0.0
title: Tiny
levels:
  - number: 1
    title: Only level
    targets:
      - {id: T1.a, text: First thing}
      - {id: T1.b, text: Second thing, required: true}
"""


def test_a_framework_with_one_level_no_ethos_and_no_enablers(coprod: RunCoprod, folder: Path) -> None:
    (folder / "tiny.yaml").write_text(TINY, encoding="utf-8")
    run = coprod(
        "interview", "unit.yaml", "--unit", "A", "--framework", "./tiny.yaml", input=answers("j", "1", "s", "s")
    )
    assert run.code == 0, run
    assert "Interview for A: 2 targets in 1 level." in run.stdout
    assert "Jump to level 1? (Enter alone: stay; q: save and quit):" in run.stdout
    assert "Ethos" not in run.stdout
    assert "Second thing (T1.b)\nRequired: level 1 is not achieved until this is met.\n" in run.stdout
    assert "That was the last one." in run.stdout
    # A second file in the same folder finds the editor schema there already.
    again = coprod("interview", "two.yaml", "--unit", "B", "--framework", "./tiny.yaml", input="")
    assert again.code == 0, again
    assert "Made two.yaml" in again.stdout


def test_long_evidence_lists_are_counted_not_listed(coprod: RunCoprod, folder: Path) -> None:
    items = "".join(f"      - {{description: Item {n}, date: 2026-0{n}-01}}\n" for n in range(1, 6))
    (folder / "unit.yaml").write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans:\n    status: partial\n"
        f"    evidence:\n{items}"
        "    action: {description: Finish it, owner: Ward manager, due: 2026-12-01}\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("q"))
    assert (
        "Evidence (5):\n  - Item 1 (2026-01-01)\n  - Item 2 (2026-02-01)\n  - Item 3 (2026-03-01)\n  (and 2 more)\n"
        in run.stdout
    )
    assert "Action: Finish it (owner: Ward manager; due 2026-12-01)\n" in run.stdout


def test_a_file_without_a_last_line_end(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans: {status: met}", encoding="utf-8"
    )
    run = coprod("interview", "unit.yaml", input=answers("n", "", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith("  L1.own-care-plans:\n    status: not-met\n")
    validate(coprod, unit)


def test_ratings_written_by_others_are_kept(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_bytes(HAND.encode("utf-8"))
    run = coprod("interview", "unit.yaml", "--as", "Iwan", "--role", "staff", input=answers("x", "", "q"))
    assert run.code == 0, run
    assert "(Enter alone: give no reason; q: save and quit)" in run.stdout
    text = unit.read_bytes().decode("utf-8-sig")
    assert "        ratings:\r\n            Gwen: not-met\r\n            Iwan: not-applicable\r\n" in text
    assert '- {name: Gwen, role: carer}\r\n- {name: "Iwan", role: staff}\r\n' in text
    gwen = coprod("interview", "unit.yaml", "--as", "Gwen", input=answers("m", "", "q"))
    assert gwen.code == 0, gwen
    text = unit.read_bytes().decode("utf-8-sig")
    assert "            Gwen: met\r\n            Iwan: not-applicable\r\n" in text
    assert "# coprod interview for Gwen: next L1.community-meetings\r\n" in text
    assert "# coprod interview for Iwan: next L1.community-meetings\r\n" in text
    validate(coprod, unit)


def test_ratings_written_on_one_line_are_rewritten(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\nassessors:\n  - {name: Gwen, role: carer}\n"
        "targets:\n  L1.own-care-plans:\n    status: met\n    ratings: {Gwen: met}\n"
        "    evidence: [{description: Audit}]\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", "--as", "Iwan", "--role", "staff", input=answers("p", "", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith(
        "  L1.own-care-plans:\n    status: met\n    ratings:\n      Gwen: met\n      Iwan: partial\n"
        "    evidence: [{description: Audit}]\n"
    )
    validate(coprod, unit)


def test_a_flow_entry_with_every_key_is_written_out(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\nassessors: [{name: Gwen, role: carer}]\n"
        "targets:\n"
        "  L1.own-care-plans: {status: partial, ratings: {Gwen: partial},\n"
        "    # a comment inside\n"
        "    evidence: [{description: Audit, date: 2026-09-01, link: 'https://example.org/a'}],\n"
        "    action: {description: Finish, owner: ~}, justification: none, notes: 'kept'}\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("m", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith(
        "  L1.own-care-plans:\n"
        "    # a comment inside\n"
        "    status: met\n"
        "    ratings:\n"
        "      Gwen: partial\n"
        "    evidence:\n"
        '      - {description: "Audit", date: 2026-09-01, link: "https://example.org/a"}\n'
        '    action: {description: "Finish"}\n'
        '    justification: "none"\n'
        '    notes: "kept"\n'
    )
    validate(coprod, unit)


def test_a_waiver_note_in_an_answer_is_refused(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("m", "See # coprod: not-personal-data", "", "q"))
    assert "Sorry, that cannot be saved: it holds a '# coprod:' note that cannot go in an answer." in flat(run.stdout)


def test_a_justification_with_personal_data_is_asked_again(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("x", "Ask me@example.org", "No lounge", "q"))
    assert run.code == 0, run
    assert "it looks like it holds an email address" in flat(run.stdout)
    assert '    justification: "No lounge"\n' in made.read_text(encoding="utf-8")


def test_a_status_refused_by_the_file_check_is_not_saved(
    coprod: RunCoprod, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod_cli.interview import questions

    def refuse(text: str, folder: Path, allowed: frozenset[str]) -> None:
        raise BadAnswer("it would not do")

    monkeypatch.setattr(questions, "output_problem", refuse)
    before = made.read_text(encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers("m", "q"))
    assert "Sorry, that cannot be saved: it would not do." in run.stdout
    assert made.read_text(encoding="utf-8") == before


def test_personal_data_in_the_as_name_is_refused(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", "--as", "me@example.org", "--role", "staff", input="")
    assert run.code == 2, run
    assert "coprod: --as: with it, line" in run.stderr
    assert "me@example.org" not in made.read_text(encoding="utf-8")


def test_an_edit_that_would_not_validate_is_a_bug_not_a_write(
    coprod: RunCoprod, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coprod_cli.interview.session as core
    from coprod_cli.errors import InputError, Problem

    def broken(*args: object, **kwargs: object) -> None:
        raise InputError([Problem("unit.yaml", 3, 1, "broken")])

    monkeypatch.setattr(core, "cross_check_document", broken)
    before = made.read_text(encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers("m"))
    assert run.code == 70, run
    assert "coprod: internal error (RuntimeError)" in run.stderr
    assert made.read_text(encoding="utf-8") == before


def test_role_without_rater_is_refused_by_the_core(made: Path) -> None:
    from coprod_cli.errors import UsageError

    with pytest.raises(UsageError, match="--role goes with --as NAME"):
        open_session(made, "unit.yaml", role="carer")


# ---- the terminal ---------------------------------------------------------------------------


def test_menus_on_a_terminal_take_one_key_press() -> None:
    import io

    from coprod_cli.interview.terminal import Quit

    out = io.StringIO()
    presses = iter(["\x1b[A", "Z", "\r", "M", "\x04"])
    term = Terminal(io.StringIO(), out, read_key=lambda: next(presses))
    assert term.choose("Pick? m me:", {"m": "m"}) == "m"
    assert out.getvalue() == (
        "Pick? m me: \n"
        "That key is not one of the keys here; press one of those listed.\n"
        "Pick? m me: z\n"
        "'z' is not one of the keys here; press one of those listed.\n"
        "Pick? m me: \n"
        "'' is not one of the keys here; press one of those listed.\n"
        "Pick? m me: m\n"
    )
    with pytest.raises(Quit):
        term.choose("Pick? m me:", {"m": "m"})


def test_the_key_reader_reads_one_key_from_a_real_terminal_and_restores_it() -> None:
    import io

    from coprod_cli.interview.terminal import _key_reader

    termios = pytest.importorskip("termios")
    assert _key_reader(io.StringIO()) is None
    master, slave = os.openpty()
    try:
        with open(slave, encoding="utf-8", closefd=False) as stdin:
            read = _key_reader(stdin)
            assert read is not None
            before = termios.tcgetattr(slave)
            os.write(master, b"m")
            assert read() == "m"
            assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)

"""coprod interview, end to end through the real CLI with piped answers (one a line).

The golden test answers a few targets of a file ``coprod init`` made and compares the whole
file after the session with ``==``: the answered entries and the resume marker change, every
other byte stays.  The real-terminal test (one key press, 80×24) is in test_interview_tmux.py.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from coprod_cli.interview.terminal import Terminal
from tests.conftest import RunCoprod
from tests.interview.conftest import answers, flat, validate

STATUS_KEYS_LINE = "Status? m met, p partial, n not met, x not applicable, a not assessed;"
MOVE_KEYS_LINE = "or s (or Enter) skip, b back, j jump to a level, q save and quit:"


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


def _wrapped(text: str) -> list[str]:
    """``text`` as the interview wraps it (at most 80 columns)."""
    return textwrap.wrap(text, 80, break_on_hyphens=False)


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
        *_wrapped("In plain words: Every service user writes their own plan for their care and what they do each day."),
        "Status now: not-assessed.",
        "Evidence: none yet.",
        STATUS_KEYS_LINE,
        f"{MOVE_KEYS_LINE} q",
        "",
        "Saved unit.yaml. To carry on where you stopped, run: coprod interview unit.yaml",
    ]
    assert lines[0] == "Interview for Cefn Yr Afon: 31 targets in 3 levels, then 3 enablers."
    assert "\x1b" not in run.stdout


def test_quit_mid_way_then_resume_at_the_right_target_then_finish(coprod: RunCoprod, folder: Path) -> None:
    # No file yet: the interview makes it, asking the unit's name.
    first = coprod(
        "interview", "unit.yaml", input=answers("Ty Gwyn", "", "m", "Weekly minutes", "2026-01-05", "", "s", "q")
    )  # the unit's name, then nobody named as taking part (tests/interview/test_people.py), then the targets
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
    assert "Jump to level 1, 2 or 3, or e enablers, or w who took part?\n(Enter alone: stay; q: save and quit):" in out
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
        "interview", "unit.yaml", "--unit", "A", "--framework", "./tiny.yaml", input=answers("", "j", "1", "s", "s")
    )  # nobody named as taking part, then the targets
    assert run.code == 0, run
    assert "Interview for A: 2 targets in 1 level." in run.stdout
    assert "Jump to level 1, or w who took part?\n(Enter alone: stay; q: save and quit):" in run.stdout
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

"""The unit report in Welsh (``--lang cy``) and in Welsh and English together (``--lang cy+en``).

Every unit-report golden has a Welsh twin (``<name>.report.cy.md``, ``html/<name>.cy.html``,
``html/<name>.easy-read.cy.md``…), and one unit is kept bilingual in markdown and HTML; each is
compared exactly with what the command prints.  A Welsh report must hold no fixed English text:
no piece of a catalogue message whose Welsh differs from its English.  The bilingual page puts
Welsh first, marks each half with its ``lang`` and keeps every ``id`` unique.
After an intended change, run ``python scripts/regen_examples.py`` and read the diff.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from coprod_cli import i18n
from coprod_cli.i18n import n_
from coprod_cli.reports import easy_read
from coprod_cli.reports import html_report as report_html
from coprod_cli.reports.markdown_report import render
from coprod_cli.reports.words import rung, status_word, things_to_check
from tests.conftest import ROOT, RunCoprod
from tests.reports.test_html import SIX_VOICES, UNITS, Page, result_for, since_for

REGEN = "python scripts/regen_examples.py"
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_HTML = GOLDEN / "html"
PO = ROOT / "src" / "coprod_cli" / "locale" / "cy" / "LC_MESSAGES" / "coprod.po"
OPEN_REHAB = "examples/open-rehab-unit.yaml"
BASELINE = "tests/golden/html/six-voices.before.yaml"


def _golden_units() -> list[str]:
    return [u.removeprefix("tests/golden/").removesuffix(".yaml") for u in UNITS if u.startswith("tests/golden/")]


def _cases() -> Iterator[tuple[str, tuple[str, ...]]]:
    """(golden file, the command's arguments) for every Welsh and bilingual golden."""
    for name in _golden_units():
        yield f"tests/golden/{name}.report.cy.md", ("report", f"tests/golden/{name}.yaml", "--lang", "cy")
    yield "examples/open-rehab-unit.report.cy.md", ("report", OPEN_REHAB, "--lang", "cy")
    for name, unit in (("open-rehab-unit", OPEN_REHAB), ("escaping", "tests/golden/escaping.yaml")):
        yield f"tests/golden/html/{name}.cy.html", ("report", unit, "--lang", "cy", "--format", "html")
        yield (
            f"tests/golden/html/{name}.easy-read.cy.html",
            ("report", unit, "--lang", "cy", "--format", "html", "--style", "easy-read"),
        )
        yield f"tests/golden/html/{name}.easy-read.cy.md", ("report", unit, "--lang", "cy", "--style", "easy-read")
    yield (
        "tests/golden/html/six-voices.since.cy.html",
        ("report", SIX_VOICES, "--baseline", BASELINE, "--lang", "cy", "--format", "html"),
    )
    yield "tests/golden/html/open-rehab-unit.cy+en.md", ("report", OPEN_REHAB, "--lang", "cy+en")
    yield "tests/golden/html/open-rehab-unit.cy+en.html", ("report", OPEN_REHAB, "--lang", "cy+en", "--format", "html")


CASES = dict(_cases())


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def test_every_english_unit_report_golden_has_a_welsh_twin() -> None:
    english = [*GOLDEN.glob("*.report.md"), *GOLDEN_HTML.glob("*.easy-read.md")]
    english += [p for p in GOLDEN_HTML.glob("*.html") if not p.name.startswith("summary") and ".cy" not in p.name]
    assert english
    for path in english:
        twin = path.with_name(f"{path.stem}.cy{path.suffix}")
        assert twin.relative_to(ROOT).as_posix() in CASES, f"{path.name} has no Welsh twin; run: {REGEN}"


@pytest.mark.parametrize("golden", sorted(CASES))
def test_welsh_report_matches_golden(coprod: RunCoprod, at_root: Path, golden: str) -> None:
    run = coprod(*CASES[golden])
    assert run.code == 0, run
    expected = (ROOT / golden).read_text(encoding="utf-8")
    assert run.stdout == expected, f"{golden} differs from the current output; run: {REGEN}"


# ---- what the Welsh goldens say, checked by hand, so a regenerated golden cannot quietly go wrong ----


def test_the_welsh_report_says_what_was_checked_by_hand() -> None:
    text = (ROOT / "examples" / "open-rehab-unit.report.cy.md").read_text(encoding="utf-8")
    assert "# Adroddiad bylchau cydgynhyrchu: Hafod Las Open Rehabilitation Unit\n" in text
    assert "Aseswyd ar 8 Medi 2026, yn erbyn “Gweithio mewn Partneriaeth:" in text
    assert "**Mae Hafod Las Open Rehabilitation Unit ar Lefel 2 — Nodi a datblygu sgiliau.**" in text
    assert (
        "Mae Lefel 3 ar 50% ac mae angen 80% arni. Byddai cyflawni 3 tharged arall yn ei chyrraedd, a dim llai." in text
    )
    assert (
        "| 3 | Cynrychiolaeth defnyddwyr gwasanaeth a gofalwyr ym mhob cyfarfod (L3.representation) | Heb ei gyflawni |"
        in text
    )
    assert "| Lefel | Sgôr | Trothwy | Wedi'i chyrraedd | Wedi'i gyflawni | Wedi'i gyflawni'n rhannol |" in text
    assert "Mae 8 targed wedi'u hasesu fel rhai wedi'u cyflawni'n rhannol neu heb eu cyflawni." in text
    assert "- **Symud tuag at wneud gyda phobl**: Lefel 2 ← Mae Hafod Las Open Rehabilitation Unit yma" in text
    assert "31 Rhagfyr 2026" in text
    # ids, statuses and file paths stay as they are
    assert "(L3.leadership-roles)" in text
    assert "rhedwch `coprod report` eto" in text
    assert "gwnaed gyda coprod o examples/open-rehab-unit.yaml." in text


def test_the_welsh_easy_read_says_what_was_checked_by_hand() -> None:
    text = (GOLDEN_HTML / "open-rehab-unit.easy-read.cy.md").read_text(encoding="utf-8")
    assert "Cymerodd 7 person ran.\n" in text
    assert "Rydyn ni ar y cam **symud tuag at wneud gyda phobl**." in text
    assert "I gyrraedd Lefel 3, mae angen i ni gyflawni 3 tharged arall." in text
    assert "Mae angen gwirio 4 peth yn y cofnodion." in text
    assert "   - Pryd: erbyn 31 Rhagfyr 2026\n" in text


def test_the_welsh_co_assessed_page_says_what_was_checked_by_hand() -> None:
    text = Page((GOLDEN_HTML / "six-voices.since.cy.html").read_text(encoding="utf-8")).text
    assert "Ers yr asesiad diwethaf" in text
    assert "Ar ysgol Arnstein" in text
    assert "Angen cymeradwyaeth (rôl: defnyddiwr gwasanaeth)" in text
    assert "Ansawdd yr asesiad" in text


def test_the_bilingual_markdown_puts_welsh_first() -> None:
    text = (GOLDEN_HTML / "open-rehab-unit.cy+en.md").read_text(encoding="utf-8")
    pairs = [
        ("# Adroddiad bylchau cydgynhyrchu:", "# Co-production gap report:"),
        ("## Ble mae'r uned nawr", "## Where the unit is now"),
        ("## Bylchau a chamau gweithredu", "## Gaps and actions"),
        ("## Am yr adroddiad hwn", "## About this report"),
    ]
    for cy, en in pairs:
        assert 0 <= text.index(cy) < text.index(en), (cy, en)
    # each Welsh block is followed straight away by its English one
    assert "## Ble mae'r uned nawr\n\n## Where the unit is now\n\n" in text
    # a block said the same in both (the unit's own text) comes once
    assert text.count("Open rehabilitation for men and women (18 beds) · Example Health Board") == 1


# ---- the bilingual page --------------------------------------------------------------------------


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', html)


def test_the_bilingual_page_puts_welsh_on_the_left_each_half_marked_with_its_language() -> None:
    html = (GOLDEN_HTML / "open-rehab-unit.cy+en.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in html
    assert '<main class="bilingual">\n<div class="language" lang="cy">' in html
    assert html.index('<div class="language" lang="cy">') < html.index('<div class="language" lang="en">')
    assert "<title>Adroddiad bylchau cydgynhyrchu: Hafod Las Open Rehabilitation Unit · " in html
    assert (
        "main.bilingual { max-width: 100rem; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr));" in html
    )
    welsh, english = html.split('<div class="language" lang="en">')
    assert "Ble mae'r uned nawr" in welsh
    assert "Where the unit is now" not in welsh
    assert "Where the unit is now" in english


def test_the_bilingual_page_has_no_id_twice_and_every_reference_found() -> None:
    html = (GOLDEN_HTML / "open-rehab-unit.cy+en.html").read_text(encoding="utf-8")
    ids = _ids(html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert {"cy-now", "en-now", "cy-chart-level-1-title", "en-chart-level-1-title"} <= set(ids)
    for refs in re.findall(r'aria-labelledby="([^"]*)"', html):
        for ref in refs.split():
            assert ref in ids, ref
    for ref in re.findall(r'href="#([^"]*)"', html):
        assert ref in ids, ref


def test_a_page_in_one_language_keeps_its_ids_as_they_were() -> None:
    html = (GOLDEN_HTML / "open-rehab-unit.cy.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in html
    assert 'id="now"' in html
    assert 'id="chart-level-1-title"' in html
    assert "main.bilingual" not in html


# ---- no fixed English in a Welsh report ------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|<[^>]*>|\*\*|\*|`")


def fixed_english() -> set[str]:
    """Every piece of three words or more that a catalogue message says in English and its Welsh
    does not: the message split at its placeholders and markup."""
    with PO.open("rb") as f:
        catalogue = read_po(f, locale="cy")
    pieces: set[str] = set()
    for m in catalogue:
        if not m.id:
            continue
        english = m.id if isinstance(m.id, tuple) else (m.id,)
        welsh = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in english:
            if text in welsh:
                continue
            for part in _PLACEHOLDER.split(text):
                piece = part.strip(" .,;:()—–")
                if len(piece.split()) >= 3:
                    pieces.add(piece)
    return pieces


def _words(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


FRAMEWORK_TEXT = " ".join(
    _words(p) for p in sorted([*(ROOT / "frameworks").rglob("*.yaml"), *GOLDEN.rglob("*framework*.yaml")])
)
"""The frameworks' own words, in English until they have Welsh text of their own (the framework's
part of issue 16): what a report quotes from them is not the catalogue's to translate."""


def _welsh_reports() -> Iterator[tuple[str, str, str]]:
    """Every golden unit's report in Welsh, standard and easy-read, markdown and HTML (as text),
    with the words of its input: the unit's own text, which stays as the team wrote it."""
    with i18n.speaking("cy"):
        for relative in UNITS:
            result = result_for(relative)
            given = _words(ROOT / relative)
            yield f"{relative} (markdown)", render(result), given
            yield f"{relative} (easy-read markdown)", easy_read.render_markdown(result), given
            yield f"{relative} (HTML)", Page(report_html.render(result)).text, given
            yield f"{relative} (easy-read HTML)", Page(report_html.render(result, "easy-read")).text, given
        result, since = since_for()
        given = _words(ROOT / SIX_VOICES) + " " + _words(ROOT / BASELINE)
        yield "six-voices with a baseline (HTML)", Page(report_html.render(result, since=since)).text, given
        yield "six-voices with a baseline (markdown)", render(result, since=since), given


def test_the_catalogue_gives_pieces_to_look_for() -> None:
    pieces = fixed_english()
    assert "Who took part" in pieces
    assert (
        "targets are assessed as partly met or not met. Each one should have an action, someone who owns it and a date"
        in pieces
    )
    assert (
        "has achieved every level. New people join the service all the time and need support through the levels. Check the evidence at least every"
        in pieces
    )


def test_a_welsh_report_holds_no_fixed_english_text() -> None:
    pieces = fixed_english()
    found = []
    for name, text, given in _welsh_reports():
        plain = " ".join(unescape(text).split())
        found += [
            f"{name}: {piece!r}"
            for piece in pieces
            if piece in plain and piece not in given and piece not in FRAMEWORK_TEXT
        ]
    assert not found, "fixed English text in a Welsh report:\n" + "\n".join(found)


def test_the_check_would_find_english_left_in() -> None:
    """The check above can fail: the same report in English is full of the pieces."""
    pieces = fixed_english()
    text = render(result_for(OPEN_REHAB))
    assert len([p for p in pieces if p in text]) > 20


# ---- words and plural forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 targed"), (1, "1 targed"), (2, "2 darged"), (3, "3 tharged"), (6, "6 tharged"), (7, "7 targed")],
)
def test_every_welsh_plural_form_reads_correctly(count: int, expected: str) -> None:
    with i18n.speaking("cy"):
        assert n_("{count} target", "{count} targets", count) == expected
    assert n_("{count} target", "{count} targets", count) == f"{count} target{'' if count == 1 else 's'}"


def test_status_and_ladder_words_speak_the_language_and_stay_codes() -> None:
    with i18n.speaking("cy"):
        assert status_word("met") == "Wedi'i gyflawni"
        assert status_word("not-applicable") == "Ddim yn berthnasol"
        place = rung(2, 3)
        assert (place.name, place.said, place.where) == (
            "moving to doing with",
            "symud tuag at wneud gyda phobl",
            "Lefel 2",
        )
    assert status_word("met") == "Met"
    assert rung(2, 3).said == "moving to doing with"


def test_things_to_check_in_welsh_counts_in_welsh() -> None:
    result = result_for("examples/locked-rehab-unit.yaml")
    with i18n.speaking("cy"):
        lines = things_to_check(result.warnings, result)
    assert any("cam gweithredu sydd wedi mynd heibio'i ddyddiad cau" in line for line in lines), lines
    with i18n.speaking("cy"):
        assert n_("{text} ({count} time)", "{text} ({count} times)", 3, text="Rhywbeth") == "Rhywbeth (3 gwaith)"


# ---- the terminal and the JSON result ------------------------------------------------------------


def test_assess_speaks_welsh_in_the_terminal(coprod: RunCoprod, at_root: Path) -> None:
    run = coprod("assess", OPEN_REHAB, "--lang", "cy")
    assert run.code == 0, run
    out = " ".join(run.stdout.split())
    assert "Mae Hafod Las Open Rehabilitation Unit ar Lefel 2 — Nodi a datblygu sgiliau." in out
    assert "Ar ysgol Arnstein: symud tuag at wneud gyda phobl (Lefel 2)." in out
    assert "Ansawdd yr asesiad" in out
    assert "L3.leadership-roles" in out


def _without_messages(data: object) -> object:
    if isinstance(data, dict):
        return {k: _without_messages(v) for k, v in data.items() if k != "message"}
    if isinstance(data, list):
        return [_without_messages(v) for v in data]
    return data


def test_the_json_result_is_the_same_in_every_language(coprod: RunCoprod, at_root: Path) -> None:
    """docs/json-result.md, "Languages": only the problems' messages, said as the terminal says them, follow --lang."""
    english = coprod("assess", OPEN_REHAB, "--format", "json", "--lang", "en")
    welsh = coprod("assess", OPEN_REHAB, "--format", "json", "--lang", "cy")
    assert english.code == welsh.code == 0, (english, welsh)
    assert welsh.stdout != english.stdout
    assert _without_messages(json.loads(welsh.stdout)) == _without_messages(json.loads(english.stdout))
    assert '"explanation": "Service users, carers and staff are building' in welsh.stdout
    assert "bwlch heb gam gweithredu" in welsh.stdout


# ---- the Welsh easy-read is as short and plain as the English one ----------------------------------


def _words_and_sentences(text: str) -> tuple[int, float]:
    """Words, and words per sentence (a sentence ends at '.', '!', '?' or ':', or a paragraph)."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    sentences = [s for s in re.split(r"[.!?:]\s|\n\n", text) if s.strip()]
    words = len(text.split())
    return words, words / len(sentences)


@pytest.mark.parametrize("relative", UNITS)
def test_the_welsh_easy_read_is_as_short_and_plain_as_the_english(relative: str) -> None:
    """Welsh takes a few more words than English to say the same; the easy-read report in Welsh
    keeps to about as many words, in sentences about as short."""
    result = result_for(relative)
    english_words, english_per_sentence = _words_and_sentences(easy_read.render_markdown(result))
    with i18n.speaking("cy"):
        welsh_words, welsh_per_sentence = _words_and_sentences(easy_read.render_markdown(result))
    assert welsh_words <= 1.25 * english_words, (welsh_words, english_words)
    assert welsh_per_sentence <= 1.2 * english_per_sentence, (welsh_per_sentence, english_per_sentence)
    assert welsh_per_sentence <= 7.5


# ---- since the last assessment, in markdown -----------------------------------------------------


@pytest.mark.parametrize("choice", ["en", "cy", "cy+en"])
def test_since_the_last_assessment_in_markdown_keeps_its_paragraphs(
    coprod: RunCoprod, at_root: Path, choice: str
) -> None:
    run = coprod("report", SIX_VOICES, "--baseline", BASELINE, "--lang", choice)
    assert run.code == 0, run
    first = {"en": "Compared with the assessment of 14 April 2026", "cy": "O'i gymharu â'r asesiad ar 14 Ebrill 2026"}
    for language, said in first.items():
        if language in choice:
            after = r"[^\n]*\n\n" + ("Compared with" if choice == "cy+en" and language == "cy" else r"\| ")
            assert re.search(re.escape(said) + after, run.stdout), (language, run.stdout)

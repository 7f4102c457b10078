"""``summary``, ``compare`` and ``history`` in Welsh (``--lang cy``) and in both languages
(``--lang cy+en``), through the real CLI. The whole outputs are compared with their goldens
(tests/golden/{summary,history,compare}/*.cy.*, *.cy+en.*); these tests pin the sentences that
matter most, the six plural forms, the errors, and what must never be translated.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coprod_cli import i18n
from coprod_cli.i18n import n_
from tests.cli.service_cli import runner
from tests.conftest import ROOT, RunCoprod
from tests.rollup.test_compare_units import unit as unit_file
from tests.rollup.test_history import Repo, clean_git  # noqa: F401 - clean_git is a fixture used here
from tests.rollup.test_history import unit as history_unit

MIXED = "tests/golden/summary/mixed"


@pytest.fixture
def cli(pinned_terminal: None) -> RunCoprod:
    return runner()


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


# ---- summary ------------------------------------------------------------------------------------


def test_summary_text_in_welsh(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", MIXED, "--lang", "cy")
    assert run.code == 2, run
    lines = run.stdout.splitlines()
    head = " ".join(line.strip() for line in lines[:2])
    assert head == (
        "Crynodeb y gwasanaeth: 4 uned ar 3 fframwaith, wedi'u dangos ar wahân; mae 1 ffeil hŷn yn asesiad "
        "cynharach ohonynt; nid oedd modd darllen 1 ffeil"
    )
    assert "  i fyny o Lefel 0 ar 2025-05-01" in lines
    assert "Ffeiliau nad oedd modd eu darllen (1)" in lines
    assert f"  {MIXED}/broken.yaml: 1 broblem" in lines
    # A warning keeps its file:line:col, whatever language the sentence after it is in.
    assert any(line.startswith(f"  {MIXED}/ward-a.yaml:11:22: ") for line in lines), run.stdout
    for english in ("Service summary", "Who took part", "Enablers across units", "Unit (file)", "✓ achieved"):
        assert english not in run.stdout


def test_summary_markdown_in_welsh(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", MIXED, "--format", "markdown", "--lang", "cy")
    assert run.code == 2, run
    text = run.stdout
    assert "\n# Cydgynhyrchu ar draws y gwasanaeth\n" in text
    assert (
        "\n4 uned, wedi'u hasesu yn erbyn 3 fframwaith gwahanol. Mae pob fframwaith yn cael ei ddangos ar wahân, "
        "oherwydd nid oes modd cymharu sgorau yn erbyn fframweithiau gwahanol.\n"
    ) in text
    assert (
        "- Ward A: Lefel 2 ar 1 Mai 2026, i fyny o Lefel 0 ar 1 Mai 2025. Cynharach: "
        "tests/golden/summary/mixed/older/ward-a-2025.yaml (1 Mai 2025, Lefel 0).\n"
    ) in text
    assert "\n  - Llinell 6, colofn 3: targed anhysbys 'T1.lisen'" in text  # the line and column are kept
    assert '    y-axis "Canran (llinell: angen 80%)" 0 --> 100\n' in text
    assert "\n- Gwnaed gyda coprod o'r ffeiliau tystiolaeth a restrir uchod. I'w ddiweddaru, golygwch nhw a " in text
    assert "rhedwch `coprod summary` eto.\n" in text  # the command is never translated
    # User text is escaped in a Welsh sentence as in an English one.
    assert "| Ward B \\[/b\\] &lt;b>\\| \\*B\\* |" in text


def test_summary_html_in_welsh(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", MIXED, "--format", "html", "--lang", "cy")
    assert run.code == 2, run
    text = run.stdout
    assert "<h1>Cydgynhyrchu ar draws y gwasanaeth</h1>" in text
    # An apostrophe may be written as &#39;: the same to a browser.
    assert '<span class="vh">wedi\'i chyrraedd</span>' in text.replace("&#39;", "'")
    assert "<code>coprod summary</code>" in text
    assert "Sgôr pob uned ar gyfer pob lefel o tiny-test 0.1.0, sha256 6f9851db5bef" in text
    assert "Ward B [/b] &lt;b&gt;| *B*" in text  # escaped for HTML


def test_summary_in_both_languages_puts_welsh_first(cli: RunCoprod, at_root: Path) -> None:
    text = cli("summary", "examples", "--format", "markdown", "--lang", "cy+en").stdout
    welsh, english = (
        text.index("# Cydgynhyrchu ar draws y gwasanaeth\n"),
        text.index("# Co-production across the service\n"),
    )
    assert welsh < english
    assert text.index("### Ble mae pob uned\n") < text.index("### Where each unit is\n")
    assert text.index("### Pwy gymerodd ran\n") < text.index("### Who took part\n")
    # The English half is English through and through: charts are made in the language being written.
    assert text.index('title "Lefel 1 — Gosod y sylfeini"') < text.index('title "Level 1 — Laying the foundations"')
    html = cli("summary", "examples", "--format", "html", "--lang", "cy+en").stdout
    assert html.index('<div class="language" lang="cy">') < html.index('<div class="language" lang="en">')
    assert "<title>Cydgynhyrchu ar draws y gwasanaeth · Co-production across the service</title>" in html


def _without_messages(value: Any) -> Any:
    """The JSON with every message left out: what must be the same in every language."""
    if isinstance(value, dict):
        return {k: _without_messages(v) for k, v in value.items() if k != "message"}
    if isinstance(value, list):
        return [_without_messages(v) for v in value]
    return value


@pytest.mark.parametrize("lang", ["cy", "cy+en"])
def test_summary_json_is_the_same_in_every_language(cli: RunCoprod, at_root: Path, lang: str) -> None:
    english = json.loads(cli("summary", MIXED, "--format", "json").stdout)
    welsh = json.loads(cli("summary", MIXED, "--format", "json", "--lang", lang).stdout)
    assert _without_messages(welsh) == _without_messages(english)
    assert welsh["units"][0]["enablers"][0]["status"] in {"met", "partial", "not-met", "not-assessed", "not-applicable"}


# ---- the six plural forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "Mae 0 targed arall yn fylchau mewn llai o unedau; mae X yn rhestru pob un."),
        (1, "Mae 1 targed arall yn fwlch mewn llai o unedau; mae X yn rhestru pob un."),
        (2, "Mae 2 darged arall yn fylchau mewn llai o unedau; mae X yn rhestru pob un."),
        (3, "Mae 3 tharged arall yn fylchau mewn llai o unedau; mae X yn rhestru pob un."),
        (6, "Mae 6 tharged arall yn fylchau mewn llai o unedau; mae X yn rhestru pob un."),
        (7, "Mae 7 targed arall yn fylchau mewn llai o unedau; mae X yn rhestru pob un."),
    ],
)
def test_every_plural_form_reads_right(count: int, expected: str) -> None:
    with i18n.speaking("cy"):
        said = n_(
            "{count} more target is a gap in fewer units; {command} lists every one.",
            "{count} more targets are a gap in fewer units; {command} lists every one.",
            count,
            command="X",
        )
    assert said == expected


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 broblem"), (2, "2 broblem"), (3, "3 problem"), (6, "6 phroblem")]
)
def test_problems_are_counted_with_their_mutations(count: int, expected: str) -> None:
    with i18n.speaking("cy"):
        assert n_("{count} problem", "{count} problems", count) == expected


# ---- compare ----------------------------------------------------------------------------------


def test_compare_in_welsh(cli: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old, new = unit_file("a.yaml", "Ward A"), unit_file("b.yaml", "Ward A", day="2026-05-03", status="met")
    run = cli("compare", old, new, "--lang", "cy")
    assert run.code == 0, run
    assert run.stdout.startswith(
        "Ward A: 2026-05-01 → 2026-05-03 (2 ddiwrnod)\n"
        "Cynt: a.yaml · wedyn: b.yaml\n"
        "Y ddau yn erbyn rehab-recovery 1.0.0\n"
    ), run.stdout
    assert "Y lefel a gyrhaeddwyd: 0 → 0\n" in run.stdout
    assert "\nCamau gweithredu wedi'u cwblhau (1)\n" in run.stdout
    markdown = cli("compare", old, new, "--format", "markdown", "--lang", "cy").stdout
    assert "\n# Beth sydd wedi newid: Ward A\n\nAseswyd ar 1 Mai 2026 ac eto ar 3 Mai 2026.\n" in markdown
    both = cli("compare", old, new, "--format", "markdown", "--lang", "cy+en").stdout
    assert both.index("# Beth sydd wedi newid: Ward A") < both.index("# What changed: Ward A")


def test_compare_of_two_units_in_welsh(cli: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pair = (unit_file("a.yaml", "Ward A"), unit_file("b.yaml", "Ward B", day="2026-09-01"))
    refused = cli("compare", *pair, "--lang", "cy")
    assert refused.code == 2, refused
    assert (
        "ni ellir cymharu: mae a.yaml yn asesu 'Ward A (Cwm Taf)' a b.yaml yn asesu 'Ward B (Cwm Taf)', "
        "dwy uned wahanol; "
    ) in refused.stderr
    asked = cli("compare", *pair, "--different-units", "--format", "markdown", "--lang", "cy").stdout
    assert "# Cymharu dwy uned wahanol: Ward A a Ward B\n" in asked
    assert "(`--different-units`)" in asked  # the option is never translated


# ---- history ----------------------------------------------------------------------------------


def test_history_outside_git_in_welsh(cli: RunCoprod, clean_git: Path) -> None:  # noqa: F811 - the fixture
    Path("unit.yaml").write_text(history_unit("2026-01-10"), encoding="utf-8")
    outside = cli("history", "unit.yaml", "--lang", "cy")
    assert outside.code == 2, outside
    assert outside.stderr.endswith(
        "mae coprod history yn darllen y fersiynau sydd wedi'u cadw yn git (commit), felly rhedwch y gorchymyn ar "
        "ffeil sydd y tu mewn i glôn git\n"
    ), outside


def test_history_never_committed_in_welsh(
    cli: RunCoprod,
    clean_git: Path,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("unit.yaml", history_unit("2026-01-10"))
    run = cli("history", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith(
        "unit.yaml: nid yw erioed wedi'i chadw yn git (commit), felly nid oes gan git fersiynau ohoni eto; gwnewch "
        "commit ohoni (git add unit.yaml && git commit) a rhedwch hwn eto\n"
    ), run


# ---- no fixed English left in the Welsh outputs ------------------------------------------------

OURS = (
    "templates/summary.",
    "templates/compare.",
    "templates/history.",
    "src/coprod_cli/reports/summary.py",
    "src/coprod_cli/reports/compare.py",
    "src/coprod_cli/reports/history.py",
    "src/coprod_cli/rollup/",
)
"""Where this part's messages are; other parts' messages are checked with their own outputs."""
WELSH_GOLDENS = sorted(
    [
        *(ROOT / "tests" / "golden" / "summary").glob("*.cy.*"),
        *(ROOT / "tests" / "golden" / "history").glob("*.cy.*"),
        *(ROOT / "tests" / "golden" / "compare").glob("*.cy.*"),
    ]
)


def _english_pieces() -> set[str]:
    """The fixed pieces, of three words or more, of every message of ours whose Welsh differs."""
    import re

    from babel.messages.pofile import read_po

    po = ROOT / "src" / "coprod_cli" / "locale" / "cy" / "LC_MESSAGES" / "coprod.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    sources = [*(ROOT / "templates").glob("*.j2"), *(ROOT / "src" / "coprod_cli").rglob("*.py")]
    theirs = " ".join(
        " ".join(f.read_text(encoding="utf-8").split())
        for f in sources
        if not str(f.relative_to(ROOT)).startswith(OURS)
    )
    pieces: set[str] = set()
    for m in catalog:
        if not m.id or not any(file.startswith(OURS) for file, _ in m.locations):
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        said = " ".join(m.string) if isinstance(m.string, tuple) else m.string
        for message in ids:
            for part in re.split(r"\{\w+\}", message):
                piece = " ".join(part.split()).strip(" ;:,.()")
                # Words another part also writes are checked with that part's outputs.
                if len(piece.split()) >= 3 and piece not in said and piece not in theirs:
                    pieces.add(piece)
    return pieces


def test_the_welsh_goldens_are_all_there() -> None:
    names = {p.name for p in WELSH_GOLDENS}
    assert {"examples.cy.txt", "mixed.cy.md", "mixed.cy.html", "story.cy.md", "six-voices.cy.md"} <= names


@pytest.mark.parametrize("path", WELSH_GOLDENS, ids=lambda p: p.name)
def test_no_message_of_ours_is_left_in_english(path: Path) -> None:
    text = " ".join(path.read_text(encoding="utf-8").replace("&#39;", "'").split())
    left = sorted(piece for piece in _english_pieces() if piece in text)
    assert not left, f"{path.name} still says in English: {left}"


@pytest.mark.parametrize("name", ["summary/mixed.md", "summary/mixed.txt", "history/story.md"])
def test_the_check_finds_english_where_it_is(name: str) -> None:
    """The same check on an English golden finds our English words, so it can fail."""
    text = " ".join((ROOT / "tests" / "golden" / name).read_text(encoding="utf-8").split())
    assert any(piece in text for piece in _english_pieces())

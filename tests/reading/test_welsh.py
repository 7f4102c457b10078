"""Reading in Welsh (``--lang cy``): what the reader, the checks of a file's shape and git say,
word for word, at the same file:line:col as in English.  The corpus (tests/data, each
``CASE.cy.stderr``) holds most cases; these are the ones it cannot: folders, git, and the
small words (``warning:``, "did you mean") other parts put in their own sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from coprod_cli import i18n
from coprod_cli.errors import InputError, Problem
from coprod_cli.hints import describe, did_you_mean, then
from coprod_cli.reading import yamlread
from coprod_cli.reading.textfile import decode
from tests.conftest import RunCoprod, git, new_repo


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """A Welsh run leaves the process speaking Welsh; the next test starts as a new process would."""
    yield
    i18n.choose(None)


def _problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        yamlread.parse_text(text, "u.yaml")
    return [p.render() for p in caught.value.problems()]


def test_a_warning_says_rhybudd_after_its_place() -> None:
    problem = Problem("u.yaml", 3, 5, "neges")
    with i18n.speaking("cy"):
        assert problem.render(warning=True) == "u.yaml:3:5: rhybudd: neges"
        assert problem.render() == "u.yaml:3:5: neges"
    assert problem.render(warning=True) == "u.yaml:3:5: warning: neges"


def test_the_small_words_other_messages_are_built_from() -> None:
    with i18n.speaking("cy"):
        assert did_you_mean("stauts", ["status", "notes"]) == " — ai 'status' oedd gennych mewn golwg?"
        assert [describe(None), describe({}), describe([]), describe("met")] == ["dim byd", "mapio", "rhestr", "'met'"]
        # After a question the hint is a new sentence, as in English.
        assert then("ai 'met'?", "defnyddiwch un o'r rhain: met") == "ai 'met'? Defnyddiwch un o'r rhain: met"


def test_yaml_mistakes_are_placed_as_in_english_and_said_in_welsh() -> None:
    text = "unit:\n  name: Ward A\nassessed_on: 2026-10-14\n\tassessors: []\n"
    english = _problems(text)
    with i18n.speaking("cy"):
        welsh = _problems(text)
    assert english == ["u.yaml:4:1: a tab is used here; YAML needs spaces for indentation"]
    assert welsh == ["u.yaml:4:1: mae tab yma; mae angen gofodau ar YAML i fewnoli"]


def test_a_continued_quoted_text_and_a_bracket_say_their_line() -> None:
    quoted = 'unit:\n  name: "Ward\nA"\n'
    flow = "unit: {name: Ward A,\nservice: Rehab}\n"
    with i18n.speaking("cy"):
        assert _problems(quoted) == [
            "u.yaml:3:1: mae'r llinell hon yn parhau'r testun hwn mewn dyfynodau o linell 2, felly rhaid ei mewnoli "
            "ymhellach na'r allwedd neu'r '-' y mae'n perthyn iddo; ychwanegwch ofodau ar ei dechrau"
        ]
        assert _problems(flow) == [
            "u.yaml:2:1: mae'r llinell hon yn parhau'r '{…}' hwn o linell 1, felly rhaid ei mewnoli "
            "ymhellach na'r allwedd neu'r '-' y mae'n perthyn iddo; ychwanegwch ofodau ar ei dechrau"
        ]


def test_text_not_in_utf8_is_placed_and_said_in_welsh() -> None:
    with i18n.speaking("cy"), pytest.raises(InputError) as caught:
        decode(b"unit:\n  name: Caf\xe9\n", "u.yaml")
    assert [p.render() for p in caught.value.problems()] == [
        "u.yaml:2:12: nid yw beit 0xe9 yn destun UTF-8; cadwch y ffeil fel UTF-8"
    ]


def test_a_missing_file_and_a_folder(coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "units").mkdir()
    missing = coprod("validate", "--lang", "cy", "no-such-unit.yaml")
    folder = coprod("validate", "--lang", "cy", "units")
    assert missing.code == folder.code == 2
    assert missing.stderr.splitlines()[0] == "no-such-unit.yaml: heb ddod o hyd i'r ffeil; gwiriwch yr enw a'r ffolder"
    assert folder.stderr.splitlines()[0] == "units: mae'n ffolder, nid yn ffeil YAML"


def test_git_in_welsh(coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "fw.yaml").write_text("id: tiny\n", encoding="utf-8")
    root = new_repo(tmp_path, monkeypatch)
    (root / "fw.yaml").write_text("id: tiny\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    monkeypatch.chdir(tmp_path)

    not_a_revision = coprod("framework", "diff", "--lang", "cy", "--git", "-x", "repo/fw.yaml")
    assert not_a_revision.code == 2
    assert not_a_revision.stderr == (
        "coprod: nid yw '-x' yn ddiwygiad; rhowch commit, cangen neu dag, fel HEAD neu main\n"
    )
    unknown = coprod("framework", "diff", "--lang", "cy", "--git", "nope", "repo/fw.yaml")
    assert unknown.code == 2
    assert unknown.stderr == (
        f"coprod: diwygiad anhysbys 'nope' yn yr ystorfa git yn '{root.resolve()}'; rhowch commit, cangen neu dag "
        "sy'n bodoli yno, fel HEAD (gweler 'git log --oneline')\n"
    )
    no_repository = coprod("framework", "diff", "--lang", "cy", "--git", "HEAD", "outside/fw.yaml")
    assert no_repository.code == 2
    assert no_repository.stderr.startswith("coprod: outside/fw.yaml: nid yw'r ffeil mewn ystorfa git (")
    assert no_repository.stderr.endswith("); cymharwch ddwy ffeil yn lle hynny: coprod framework diff OLD NEW\n"), (
        no_repository.stderr
    )


_MINE = (
    "src/coprod_cli/reading/",
    "src/coprod_cli/errors.py",
    "src/coprod_cli/hints.py",
    "src/coprod_cli/resources.py",
)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def test_every_reading_message_has_welsh_with_the_same_placeholders() -> None:
    """Each message of the reader has a Welsh translation that names exactly the same ``{placeholders}``,
    and fills in as the code fills it (a misspelt placeholder would crash only the Welsh)."""
    po = Path(i18n.__file__).parent / "locale" / "cy" / "LC_MESSAGES" / "coprod.po"
    with po.open("rb") as f:
        catalogue = read_po(f)
    mine = [m for m in catalogue if m.id and any(place.startswith(_MINE) for place, _ in m.locations)]
    assert len(mine) >= 140
    for message in mine:
        assert isinstance(message.id, str)
        assert isinstance(message.string, str)
        assert message.string, message.id
        assert sorted(_PLACEHOLDER.findall(message.string)) == sorted(_PLACEHOLDER.findall(message.id)), message.id
        values = dict.fromkeys(_PLACEHOLDER.findall(message.id), "X")
        if values:
            message.string.format(**values)
        assert message.string.startswith(" ") == message.id.startswith(" "), message.id
        assert "UNREVIEWED" in message.user_comments, message.id

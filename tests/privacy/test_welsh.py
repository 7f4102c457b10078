"""The privacy guard in Welsh (issue 16): what it found and where, refusals, waivers and the settings
file's errors, through the real command with ``--lang cy``; and a Welsh or bilingual report is
refused whatever an English one is refused."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from coprod_cli import i18n
from coprod_cli.errors import InputError
from coprod_cli.i18n import speaking
from coprod_cli.privacy.guard import WaiverNote, check_output, settings_for
from coprod_cli.privacy.patterns import KINDS
from coprod_cli.privacy.scan import Finding, finding_message, what_looks_like
from tests.conftest import EXAMPLES, RunCoprod

NHS = "943 476 5919"  # NHS Digital's published test number
PHONE = "01632 960001"  # an Ofcom drama number
IN_A_FILE = (
    "rhaid peidio ag ysgrifennu data personol mewn ffeiliau coprod — tynnwch ef, neu os nad yw'n ddata "
    "personol, ychwanegwch '# coprod: not-personal-data <rheswm>' ar ddiwedd y llinell"
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    settings_for.cache_clear()
    return tmp_path


def unit_with(note: str, *, description: str = "Buddies meet every week") -> str:
    return (
        "unit: {name: Ward A}\n"
        "assessed_on: 2026-10-14\n"
        "targets:\n"
        "  L1.buddy-system:\n"
        "    status: met\n"
        "    evidence:\n"
        f'      - {{description: "{description}", date: 2026-09-01}}\n'
        f"    notes: {note}\n"
    )


def first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def test_each_kind_found_is_named_in_welsh_at_its_place(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(
        "# NHS 943 476 5919, CF10 1AB, 07700 900123, rhian.jones@example.org, dyddiad geni 01/03/1990\n"
        + unit_with('"fine"'),
        encoding="utf-8",
    )
    run = coprod("validate", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.splitlines()[:5] == [
        f"unit.yaml:1:7: mae'n edrych fel rhif GIG (943 *** ****); {IN_A_FILE}",
        f"unit.yaml:1:21: mae'n edrych fel cod post (CF10 ***); {IN_A_FILE}",
        f"unit.yaml:1:31: mae'n edrych fel rhif ffôn (07700 ******); {IN_A_FILE}",
        f"unit.yaml:1:45: mae'n edrych fel cyfeiriad e-bost (r***@***.org); {IN_A_FILE}",
        f"unit.yaml:1:83: mae'n edrych fel dyddiad geni (**/**/****); {IN_A_FILE}",
    ]
    for secret in (NHS, "1AB", "900123", "rhian", "1990"):
        assert secret not in run.stderr


@pytest.mark.parametrize("form", ["md", "html"])
def test_a_welsh_or_bilingual_report_is_refused_as_an_english_one_is(coprod: RunCoprod, here: Path, form: str) -> None:
    """An NHS number in an evidence description: refused at the same place, with the same exit
    code, whatever the language, and nothing written."""
    (here / "unit.yaml").write_text(unit_with('"fine"', description=f"Buddy list, NHS {NHS}"), encoding="utf-8")
    english = coprod("report", "unit.yaml", "-o", f"out.{form}", "--lang", "en")
    assert english.code == 2, english
    assert first_line(english.stderr).startswith("unit.yaml:7:40: looks like an NHS number (943 *** ****)")
    for lang in ("cy", "cy+en"):
        run = coprod("report", "unit.yaml", "-o", f"out.{form}", "--lang", lang)
        assert run.code == english.code, run
        assert first_line(run.stderr) == f"unit.yaml:7:40: mae'n edrych fel rhif GIG (943 *** ****); {IN_A_FILE}"
        assert NHS not in run.stderr
        assert NHS.replace(" ", "") not in run.stderr
        assert run.stdout == ""
        assert not (here / f"out.{form}").exists()


def test_a_welsh_report_printed_is_refused_too(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(unit_with('"fine"', description=f"Buddy list, NHS {NHS}"), encoding="utf-8")
    for lang in ("cy", "cy+en"):
        for style in ("standard", "easy-read"):
            run = coprod("report", "unit.yaml", "--style", style, "--lang", lang)
            assert run.code == 2, run
            assert run.stdout == ""
            assert first_line(run.stderr).startswith("unit.yaml:7:40: mae'n edrych fel rhif GIG (943 *** ****);")


def test_what_a_welsh_report_would_let_out_is_refused_in_welsh(coprod: RunCoprod, here: Path) -> None:
    """The output guard scans the Welsh page: a phone number from the team's own template stops it."""
    (here / "unit.yaml").write_text(unit_with('"fine"'), encoding="utf-8")
    templates = here / "tpl"
    templates.mkdir()
    (templates / "report.md.j2").write_text("{{ r.unit_name }} — ffoniwch 020 7946 0123\n", encoding="utf-8")
    run = coprod("report", "unit.yaml", "-o", "out.md", "--template", templates, "--lang", "cy")
    assert run.code == 2, run
    assert first_line(run.stderr) == (
        "out.md:1:19: byddai'r allbwn hwn yn cynnwys rhywbeth sy'n edrych fel rhif ffôn (020 7*** ****), felly ni "
        "ysgrifennwyd dim; chwiliwch o ble mae'n dod (opsiwn fel --unit, neu eich templed eich hun) a thynnwch ef oddi yno"
    )
    assert not (here / "out.md").exists()
    both = coprod("report", "unit.yaml", "-o", "out.md", "--template", templates, "--lang", "cy+en")
    assert both.code == 2, both
    assert "byddai'r allbwn hwn yn cynnwys rhywbeth sy'n edrych fel rhif ffôn (020 7*** ****)" in both.stderr
    assert "7946" not in both.stderr
    assert not (here / "out.md").exists()


def test_a_waiver_lets_a_welsh_report_through(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text(
        unit_with(f'"Ffôn y ward {PHONE}"  # coprod: not-personal-data rhif ffôn cyhoeddedig y ward'),
        encoding="utf-8",
    )
    for lang in ("cy", "cy+en"):
        run = coprod("report", "unit.yaml", "--lang", lang)
        assert run.code == 0, run
        assert f"Ffôn y ward {PHONE}" in run.stdout  # waived in the input, so allowed in the output
        assert "rhif ffôn cyhoeddedig y ward" in run.stdout


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            "# coprod: not-personal-data",
            "mae angen rheswm ar yr hepgoriad hwn: dywedwch mewn ychydig eiriau ar ei ôl pam nad yw hyn yn ddata "
            "personol, fel '# coprod: not-personal-data rhif ffôn cyhoeddedig y ward'; tan hynny, nid oes dim ar y "
            "llinell hon wedi'i hepgor",
        ),
        (
            "# coprod: not-personal-data ffôn",
            "mae rheswm yr hepgoriad hwn yn rhy fyr; dywedwch mewn ychydig eiriau pam nad yw hyn yn ddata personol, "
            "fel '# coprod: not-personal-data rhif ffôn cyhoeddedig y ward'; tan hynny, nid oes dim ar y llinell "
            "hon wedi'i hepgor",
        ),
        (
            "# coprod: not-personal rhif ffôn cyhoeddedig y ward",
            "nid yw'r hepgoriad hwn wedi'i ysgrifennu fel y mae coprod yn ei ddarllen; ysgrifennwch "
            "'# coprod: not-personal-data <rheswm>', fel '# coprod: not-personal-data rhif ffôn cyhoeddedig y "
            "ward'; tan hynny, nid oes dim ar y llinell hon wedi'i hepgor",
        ),
    ],
)
def test_a_waiver_that_cannot_be_read_is_named_in_welsh(
    coprod: RunCoprod, here: Path, comment: str, message: str
) -> None:
    (here / "unit.yaml").write_text(unit_with(f'"Ffôn y ward {PHONE}"  {comment}'), encoding="utf-8")
    run = coprod("validate", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.splitlines()[:2] == [
        f"unit.yaml:8:25: mae'n edrych fel rhif ffôn (01632 ******); {IN_A_FILE}",
        f"unit.yaml:8:40: {message}",
    ]


def test_an_output_refused_for_a_stretched_waiver_says_so_in_welsh(tmp_path: Path) -> None:
    reason = "published ward phone number"
    note = WaiverNote("a.yaml", 7, reason, frozenset({"phone:01632960001"}))
    line = f"notes: 'Ward phone {PHONE}, {NHS}'  # coprod: not-personal-data {reason}\n"
    with speaking("cy"), pytest.raises(InputError) as caught:
        check_output("unit: {name: Ward A}\n" + line, "m.yaml", tmp_path, frozenset(), waivers=[note])
    assert [p.render() for p in caught.value.problems()] == [
        "m.yaml:2:34: byddai'r allbwn hwn yn rhoi rhywbeth sy'n edrych fel rhif GIG (943 *** ****) ar linell y mae "
        "ei hepgoriad preifatrwydd wedi'i ysgrifennu ar gyfer rhywbeth arall, felly ni ysgrifennwyd dim; daeth o un "
        "o'r ffeiliau a roddwyd: tynnwch ef o'r fan honno, neu os nad yw'n ddata personol, hepgorwch ef yno ar "
        "linell ar ei phen ei hun"
    ]


@pytest.mark.parametrize(
    ("toml", "where", "message"),
    [
        (
            '[privacy]\nallow_emails = ["cefn.example"]\n',
            "2:1",
            "gosodiad anhysbys 'allow_emails' yn [privacy] — oeddech chi'n golygu 'allow_email_domains'?",
        ),
        (
            '[privacy]\nallow_phone_numbers = ["01632 960000", "12345"]\n',
            "2:40",
            'nid yw \'12345\' yn rhif ffôn yn y DU; ysgrifennwch ef fel "01632 ******" neu "+44 1632 ******" '
            "(10 neu 11 digid, yn dechrau â 01, 02, 03, 07 neu 08)",
        ),
        (
            '[privacy]\nallow_email_domains = ["ward@cefn.example"]\n',
            "2:24",
            "mae 'w***@***.example' yn gyfeiriad e-bost; rhestrwch ei barth yn unig, fel \"cefn.example\"",
        ),
        (
            '[privacy]\nallow_phone_numbers = "01632 960000"\n',
            "2:1",
            'rhaid i allow_phone_numbers fod yn rhestr, fel allow_phone_numbers = ["01632 ******"] (rhowch ef '
            "rhwng [ ])",
        ),
        (
            "[privacy]\nallow_phone_numbers = [01632960000]\n",
            "2:25",
            "nid yw rhestr uchod wedi'i chau: ychwanegwch ']' ar ei diwedd, a ',' rhwng ei heitemau",
        ),
        (
            "[privacy]\nallow_email_domains = [cefn.example]\n",
            "2:24",
            "nid yw'r gwerth hwn yn TOML dilys; ysgrifennwch destun rhwng dyfynodau dwbl a rhestrau rhwng [ ], fel "
            'allow_phone_numbers = ["01632 ******"]',
        ),
        (
            'language = "fr"\n',
            "1:1",
            "rhaid i language fod yn un o 'en', 'cy', 'cy+en' (mae 'cy+en' yn ysgrifennu dogfennau yn Gymraeg ac yn "
            "Saesneg, gyda'r Gymraeg yn gyntaf), nid 'fr'",
        ),
        (
            'iaith = "cy"\n',
            "1:1",
            "gosodiad anhysbys 'iaith' yn coprod.toml; mae coprod.toml yn cynnwys y gosodiad language a'r tabl [privacy]",
        ),
    ],
)
def test_a_settings_error_is_told_in_welsh_at_its_line_and_column(
    coprod: RunCoprod, here: Path, toml: str, where: str, message: str
) -> None:
    (here / "unit.yaml").write_text(unit_with('"fine"'), encoding="utf-8")
    (here / "coprod.toml").write_text(toml, encoding="utf-8")
    run = coprod("validate", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert first_line(run.stderr) == f"{here / 'coprod.toml'}:{where}: {message}"


def test_the_welsh_examples_are_not_refused(coprod: RunCoprod, here: Path) -> None:
    """Welsh words and dates on the page are not taken for personal data: every example's Welsh and
    bilingual reports are written."""
    for unit in sorted(EXAMPLES.glob("*.yaml")):
        for lang in ("cy", "cy+en"):
            for style, form in itertools.product(("standard", "easy-read"), ("md", "html")):
                run = coprod("report", unit, "--style", style, "--format", form, "--lang", lang)
                assert run.code == 0, (unit.name, lang, style, form, run)


def test_a_settings_file_that_asks_for_welsh_has_its_errors_told_in_welsh(coprod: RunCoprod, here: Path) -> None:
    """Without ``--lang``, coprod.toml is read to learn the language: its own problems are told in
    the language it asks for, when that much of it can be read; ``--lang`` still decides."""
    (here / "unit.yaml").write_text(unit_with('"fine"'), encoding="utf-8")
    (here / "coprod.toml").write_text('language = "cy"\n[privacy]\nallow_emails = ["cefn.example"]\n')
    i18n.choose(None)  # as a new process starts: no command has chosen a language yet
    run = coprod("validate", "unit.yaml")
    assert run.code == 2, run
    assert first_line(run.stderr) == (
        f"{here / 'coprod.toml'}:3:1: gosodiad anhysbys 'allow_emails' yn [privacy] — oeddech chi'n golygu "
        "'allow_email_domains'?"
    )
    english = coprod("validate", "unit.yaml", "--lang", "en")
    assert english.code == 2, english
    assert first_line(english.stderr) == (
        f"{here / 'coprod.toml'}:3:1: unknown setting 'allow_emails' in [privacy] — did you mean 'allow_email_domains'?"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_its_own_welsh_sentence(kind: str) -> None:
    """A kind added to the scan needs its own sentences in the catalogue (one per kind, not glued)."""
    finding = Finding(1, 1, kind, "***", "key")
    english = (finding_message(finding), what_looks_like(finding))
    with speaking("cy"):
        sentence, phrase = finding_message(finding), what_looks_like(finding)
    assert sentence.startswith("mae'n edrych fel ")
    assert sentence.endswith(IN_A_FILE.split("— ", 1)[1])
    assert phrase.startswith("rhywbeth sy'n edrych fel ")
    assert phrase.endswith(" (***)")
    assert sentence != english[0]
    assert phrase != english[1]

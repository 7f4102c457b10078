"""coprod interview in Welsh (issue 16): the questions, keys, help lines and summaries with --lang cy.

The keys pressed stay the same letters and the file gets the same keys and statuses as in
English (the golden session below writes the very same file); only what is said changes.
Framework text (level titles, targets) is the framework's, so it is not pinned here.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.conftest import RunCoprod
from tests.interview.conftest import answers, flat, validate
from tests.interview.test_questions import GOLDEN_ANSWERS, golden_expected

STATUS_PROMPT = (
    "Statws? m wedi'i gyflawni, p yn rhannol, n heb ei gyflawni, x ddim yn berthnasol, a heb ei asesu;",
    "neu s (neu Enter) hepgor, b yn ôl, j neidio i lefel, q cadw a gadael:",
)


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, 80, break_on_hyphens=False)


def test_the_golden_session_in_welsh_writes_the_same_file(coprod: RunCoprod, made: Path) -> None:
    before = made.read_text(encoding="utf-8")
    run = coprod("interview", "unit.yaml", "--lang", "cy", input=GOLDEN_ANSWERS)
    assert run.code == 0, run
    assert made.read_text(encoding="utf-8") == golden_expected(before)
    validate(coprod, made)
    said = flat(run.stdout)
    assert "Wedi cadw: wedi'i gyflawni'n rhannol." in said
    assert "Wedi cadw: ddim yn berthnasol." in said
    assert "Wedi cadw: wedi'i gyflawni." in said
    assert "Cam gweithredu i gau'r bwlch? (Enter yn unig: dim; q: cadw a gadael):" in said
    assert "Pwy fydd yn ei wneud? Enw neu rôl (Enter yn unig: gadael yn agored; q: cadw a gadael):" in said
    assert "Pam nad yw'n berthnasol yma? (Enter yn unig: mynd yn ôl; q: cadw a gadael):" in said
    assert run.stdout.splitlines()[-2:] == [  # the command on a line of its own: both do not fit in 80
        "Wedi cadw unit.yaml. I barhau o'r man lle stopioch chi, rhedwch:",
        "  coprod interview unit.yaml",
    ]


def test_the_screen_of_a_target_in_welsh(coprod: RunCoprod, made: Path) -> None:
    before = made.read_bytes()
    run = coprod("interview", "unit.yaml", "--lang", "cy", input=answers("q"))
    assert run.code == 0, run
    assert made.read_bytes() == before
    lines = run.stdout.splitlines()
    assert lines[:2] == [
        "Cyfweliad ar gyfer Cefn Yr Afon: 31 targed mewn 3 lefel, yna 3 galluogwr.",
        "Caiff pob ateb ei gadw cyn gynted ag y byddwch yn ei roi; mae q yn cadw ac yn",
    ]
    start = next(n for n, line in enumerate(lines) if line.startswith("Targed 1 o 31. Lefel 1: "))
    assert lines[start + 1].startswith("Ethos: “Rydyn ni'n gwerthfawrogi")  # the framework's Welsh
    ident = next(n for n in range(start + 2, start + 6) if lines[n].endswith(" (L1.own-care-plans)"))
    assert "hunain" in lines[ident]  # the target in Welsh: "… eu cynlluniau … eu hunain"
    assert lines[ident + 1].startswith("Mewn geiriau syml: ")
    status = lines.index("Statws nawr: heb ei asesu.")
    assert lines[status:] == [
        "Statws nawr: heb ei asesu.",
        "Tystiolaeth: dim eto.",
        *_wrapped(STATUS_PROMPT[0]),
        f"{STATUS_PROMPT[1]} q",
        "",
        "Wedi cadw unit.yaml. I barhau o'r man lle stopioch chi, rhedwch:",
        "  coprod interview unit.yaml",
    ]
    assert all(len(line) <= 80 for line in lines)


def test_a_new_file_in_welsh_asks_its_name_and_who_took_part(coprod: RunCoprod, folder: Path) -> None:
    run = coprod(
        "interview", "unit.yaml", "--lang", "cy",
        input=answers("Ty Gwyn", "Rhian", "s", "Carers group", "carer", "-1", "-5", "", "q"),
    )  # fmt: skip
    assert run.code == 0, run
    said = flat(run.stdout)
    assert said.startswith(
        "Nid yw unit.yaml yn bodoli eto; bydd y cyfweliad yn ei chreu. "
        "Beth yw enw'r uned? (q: gadael heb greu unit.yaml): > Ty Gwyn "
        "Crëwyd unit.yaml, gyda phob targed heb ei asesu eto."
    ), run
    assert "Pwy gymerodd ran yn yr asesiad hwn?" in said
    assert "Eu rôl? s defnyddiwr gwasanaeth, c gofalwr, t staff, v trydydd sector, m rheolwr: s" in said
    assert "Ychwanegwyd Rhian (defnyddiwr gwasanaeth)." in said
    assert "Ychwanegwyd Carers group (gofalwr)." in said  # a role's id typed whole works in Welsh too
    assert "Tynnwyd Rhian oddi ar y rhestr." in said
    assert "Nid oes rhif 5 ar y rhestr; rhowch rif o 1 i 1." in said
    assert "Yn cymryd rhan nawr: 1. Carers group (gofalwr)" in said
    text = (folder / "unit.yaml").read_text(encoding="utf-8")
    assert '  - {name: "Carers group", role: carer}\n' in text  # the file keeps the role's id
    validate(coprod, folder / "unit.yaml")


def test_whole_words_and_dates_in_welsh(coprod: RunCoprod, made: Path) -> None:
    run = coprod(
        "interview", "unit.yaml", "--lang", "cy",
        input=answers("met", "", "not-met", "", "Buy boxes", "", "2020-01-01", "z", "j", "9", "", "q"),
    )  # fmt: skip
    assert run.code == 0, run
    said = flat(run.stdout)
    assert "Sylwch: caiff 'wedi'i gyflawni' heb dystiolaeth ei adrodd fel honiad heb dystiolaeth." in said
    assert "Tystiolaeth, os oes peth? (Enter yn unig: ymlaen; q: cadw a gadael):" in said
    assert (
        "Wedi cadw, ond sylwch: mae hynny cyn dyddiad yr asesiad, 2026-10-14, felly caiff y cam gweithredu "
        "ei adrodd fel un sy'n hwyr."
    ) in said
    assert "Nid yw 'z' yn un o'r bysellau yma; pwyswch un o'r rhai a restrir." in said
    assert "Neidio i lefel 1, 2 neu 3, neu e galluogwyr, neu w pwy gymerodd ran? (Enter yn unig: aros;" in said
    assert "Targed 3 o 31. Lefel 1: " in said
    text = made.read_text(encoding="utf-8")
    assert "    status: met\n" in text
    assert "    status: not-met\n" in text


def test_ratings_of_one_person_in_welsh(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", "--as", "Rhian", "--role", "service-user", "--lang", "cy", input="q\n")
    assert run.code == 0, run
    lines = run.stdout.splitlines()
    assert lines[0] == "Ychwanegwyd Rhian (service-user) at yr aseswyr yn unit.yaml."
    assert "Caiff yr atebion eu cofnodi fel barn Rhian ei hun, nid fel y statws y cytunwyd arno." in flat(run.stdout)
    assert "Eich barn nawr: heb ei asesu. Y statws y cytunwyd arno: heb ei asesu." in flat(run.stdout)


def test_usage_errors_of_interview_in_welsh(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", "--role", "carer", "--lang", "cy")
    assert (run.code, run.stderr) == (2, "coprod: mae --role yn mynd gyda --as NAME: barn pwy yw hon?\n"), run
    run = coprod("interview", "unit.yaml", "--as", "Gwen", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr == (
        "coprod: --as Gwen: nid yw Gwen wedi'i restru dan 'assessors:' yn unit.yaml; rhowch eu rôl hefyd, "
        "e.e. --role service-user (un o: service-user, carer, staff, third-sector, manager)\n"
    )


def test_counts_read_correctly_in_every_welsh_plural_form() -> None:
    from coprod_cli import i18n
    from coprod_cli.i18n import n_

    with i18n.speaking("cy"):
        targets = [n_("{count} target", "{count} targets", n) for n in (0, 1, 2, 3, 6, 7)]
        enablers = [n_("{count} enabler", "{count} enablers", n) for n in (0, 1, 2, 3, 6, 7)]
    assert targets == ["0 targed", "1 targed", "2 darged", "3 tharged", "6 tharged", "7 targed"]
    assert enablers == ["0 galluogwr", "1 galluogwr", "2 alluogwr", "3 galluogwr", "6 galluogwr", "7 galluogwr"]

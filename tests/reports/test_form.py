"""``coprod form``: the printable A4 rating form (docs/forms.md), through the real command.

Golden cases (``CASES``) run from the repository root, as the forms name their files; each is
compared exactly with ``tests/golden/form/<case>.html``, its Welsh twin (``--lang cy``) with
``<case>.cy.html``, and the bilingual ones (``--lang cy+en``) with ``<case>.cy+en.html``. After an
intended change, regenerate them and read the diff::

    python -m tests.reports.test_form
"""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from coprod_cli import i18n
from coprod_cli.errors import UsageError
from coprod_cli.framework.load import load_framework
from coprod_cli.framework.resolve import resolve_framework
from coprod_cli.model.models import ROLES, STATUSES
from coprod_cli.reports import form as form_module
from coprod_cli.reports.words import role_one, status_word
from tests.cli.service_cli import runner
from tests.conftest import ROOT, RunCoprod
from tests.reports.test_accessibility import _check_page, _page_sizes, browser  # noqa: F401 - browser is a fixture

GOLDEN = ROOT / "tests" / "golden" / "form"
REGEN = "python -m tests.reports.test_form"
OPEN_REHAB = "examples/open-rehab-unit.yaml"
REQUIRED = "tests/golden/required-framework.yaml"
CASES: dict[str, list[str]] = {
    "blank": [],
    "open-rehab-unit.easy-read": [OPEN_REHAB, "--style", "easy-read", "--as", "Sam", "--role", "service-user"],
    "required.carers": ["--framework", REQUIRED, "--role", "carer", "--unit", "Ward [/b] <b>| A"],
}
TRANSLATED: dict[str, tuple[str, str]] = {
    **{f"{case}.cy": (case, "cy") for case in CASES},
    "blank.cy+en": ("blank", "cy+en"),
    "open-rehab-unit.easy-read.cy+en": ("open-rehab-unit.easy-read", "cy+en"),
}
"""Each golden stem in Welsh or in both languages: (case, --lang)."""
ALL = {**{case: (case, None) for case in CASES}, **TRANSLATED}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def _args(stem: str) -> list[str]:
    case, lang = ALL[stem]
    return [*CASES[case], *(["--lang", lang] if lang else [])]


# ---- golden forms ------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", sorted(ALL))
def test_matches_golden(coprod: RunCoprod, at_root: Path, stem: str) -> None:
    run = coprod("form", *_args(stem))
    assert run.code == 0, run
    assert run.stderr == "", run
    expected = (GOLDEN / f"{stem}.html").read_text(encoding="utf-8")
    assert run.stdout == expected, f"tests/golden/form/{stem}.html differs; run: {REGEN}"


def regenerate() -> None:
    """Rewrite every golden form of this module from the current code."""
    os.environ.update(COLUMNS="100", NO_COLOR="1")
    os.chdir(ROOT)
    GOLDEN.mkdir(exist_ok=True)
    run = runner()
    for stem in ALL:
        done = run("form", *_args(stem))
        assert done.code == 0, done
        (GOLDEN / f"{stem}.html").write_text(done.stdout, encoding="utf-8")
        print(f"wrote tests/golden/form/{stem}.html", file=sys.stderr)


# ---- facts inside the goldens, so a regenerated golden cannot quietly go wrong ------------------


def _golden(stem: str) -> str:
    return (GOLDEN / f"{stem}.html").read_text(encoding="utf-8")


def _framework(ref: str) -> Any:
    return load_framework(*resolve_framework(ref, ROOT)).model


def _targets(page: str) -> list[str]:
    return re.findall(r'<div class="target">\n<h3><span class="id">([^<]+)</span>', page)


def _ticks(page: str) -> list[list[str]]:
    """The words beside the tick boxes of each list of them on the page."""
    lists = re.findall(r'<ul class="ticks">\n(.*?)</ul>', page, re.S)
    words = [re.findall(r'<li><span class="box" aria-hidden="true"></span>([^<]*)</li>', found) for found in lists]
    return [[html.unescape(word) for word in found] for found in words]


@pytest.mark.parametrize("stem", ["blank", "blank.cy"])
def test_every_target_and_enabler_has_a_box_for_every_status(stem: str) -> None:
    page = _golden(stem)
    fw = _framework("rehab-recovery")
    expected = [t.id for level in fw.levels for t in level.targets] + [e.id for e in fw.enablers]
    assert _targets(page) == expected
    with i18n.speaking("cy" if stem.endswith(".cy") else "en"):
        statuses = [status_word(code) for code in STATUSES]
        roles = [role_one(code).capitalize() for code in ROLES]
    ticks = _ticks(page)
    assert ticks[0] == roles  # no --as or --role: the person ticks their role
    assert ticks[1:] == [statuses] * len(expected)


def test_the_blank_form_leaves_lines_for_name_unit_and_date() -> None:
    page = _golden("blank")
    for label in ("Your name (or initials):", "Unit:", "Date:"):
        assert f'<span class="label">{label}</span><span class="write"></span>' in page
    assert "This form is for:" not in page
    assert "<code>coprod interview UNIT.yaml --as NAME --role ROLE</code>" in page
    assert "<!-- generated by coprod from rehab-recovery: " in page


def test_each_level_after_the_first_and_the_enablers_start_a_printed_page() -> None:
    page = _golden("blank")
    assert "section.level + section.level { break-before: page; page-break-before: always; }" in page
    assert page.count('<section class="level"') == len(_framework("rehab-recovery").levels) + 1
    assert "@page { size: A4;" in page


def test_the_standard_form_asks_for_evidence_and_an_action_for_every_target() -> None:
    page = _golden("blank")
    count = len(_targets(page))
    assert page.count("What shows this? (evidence)") == count
    assert page.count("What should we do about it? Who? By when?") == count


def test_the_easy_read_form_is_for_the_unit_and_the_person_in_plain_words() -> None:
    page = _golden("open-rehab-unit.easy-read")
    assert '<body class="form easy-read">' in page
    assert '<p class="big">This form is for: Sam (service user)</p>' in page
    assert "<p>Unit: Hafod Las Open Rehabilitation Unit</p>" in page
    assert "<p>For the assessment of 8 September 2026</p>" in page
    assert "<code>coprod interview examples/open-rehab-unit.yaml --as Sam --role service-user</code>" in page
    assert "What should we do about it?" not in page
    assert "Your name" not in page
    fw = _framework("rehab-recovery")
    for target in (t for level in fw.levels for t in level.targets):
        shown = html.escape(target.plain or target.text)
        assert f'<span class="id">{target.id}</span> {shown}</h3>' in page, target.id
    assert ".easy-read { font-size: 16pt; }" in page  # in print


def test_required_targets_are_marked_and_a_group_form_names_the_role() -> None:
    page = _golden("required.carers")
    fw = _framework(REQUIRED)
    required = [t.id for level in fw.levels for t in level.targets if t.required]
    assert required
    assert page.count('<p class="required">') == len(required)
    for ident in required:
        at = page.index(f'<span class="id">{ident}</span>')
        assert page.index('<p class="required"><strong>Required:</strong>', at) < page.index('class="target"', at)
    assert '<p class="big">This form is for the group of: Carers</p>' in page
    # the interview finds the framework as the form did
    assert f"<code>coprod interview UNIT.yaml --as NAME --role carer --framework {REQUIRED}</code>" in page


def test_the_command_to_type_it_in_finds_the_framework_as_the_form_did(coprod: RunCoprod, tmp_path: Path) -> None:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "required-test.yaml").write_bytes((ROOT / REQUIRED).read_bytes())
    run = coprod("form", "--frameworks-dir", folder, "--framework", "required-test", "--as", "Rhian Jones")
    assert run.code == 0, run
    expected = f"coprod interview UNIT.yaml --as &#39;Rhian Jones&#39; --role ROLE --framework required-test --frameworks-dir {folder}"
    assert f"<code>{expected}</code>" in run.stdout
    assert '<p class="big">This form is for: Rhian Jones</p>' in run.stdout


def test_text_from_input_is_text_never_markup() -> None:
    page = _golden("required.carers")
    assert "Ward [/b] &lt;b&gt;| A: rating form" in page
    assert "<b>" not in page


def test_the_welsh_form_is_welsh_and_marked_so() -> None:
    page = _golden("blank.cy")
    assert '<html lang="cy">' in page
    assert "<h1>Ffurflen raddio</h1>" in page
    assert "Tick one box" not in page


def test_the_bilingual_form_puts_welsh_first_each_half_marked_with_its_language() -> None:
    page = _golden("blank.cy+en")
    welsh, english = page.index('<div class="language" lang="cy">'), page.index('<div class="language" lang="en">')
    assert welsh < english
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "every id on the page is unique"


# ---- writing files ------------------------------------------------------------------------------


def test_writes_the_form_and_replaces_only_its_own(coprod: RunCoprod, tmp_path: Path, at_root: Path) -> None:
    out = tmp_path / "form.html"
    first = coprod("form", "-o", out)
    assert first.code == 0, first
    assert first.stderr == f"Wrote {out}.\n"
    assert out.read_text(encoding="utf-8") == _golden("blank")
    again = coprod("form", "--style", "easy-read", "-o", out)
    assert again.code == 0, again
    assert '<body class="form easy-read">' in out.read_text(encoding="utf-8")


def test_never_replaces_a_file_coprod_did_not_write_without_force(coprod: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "mine.html"
    out.write_text("<p>my own page</p>\n", encoding="utf-8")
    refused = coprod("form", "-o", out)
    assert refused.code == 2, refused
    assert "already exists and was not generated by coprod; use --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "<p>my own page</p>\n"
    forced = coprod("form", "-o", out, "--force")
    assert forced.code == 0, forced
    assert "generated by coprod" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["form.md", "form.pdf", "unit.yaml"])
def test_a_form_is_only_ever_html(coprod: RunCoprod, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    run = coprod("form", "-o", out)
    assert run.code == 2, run
    example = out.with_suffix(".html")
    assert run.stderr == (
        f"coprod: {out}: a form is an HTML page, to open and print; give a name ending in .html or .htm, "
        f"such as {example}\n"
    )
    assert not out.exists()


def test_never_writes_over_its_input(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.html"  # an evidence file, oddly named
    text = "unit: {name: Ward}\nassessed_on: 2026-02-01\n"
    unit.write_text(text, encoding="utf-8")
    run = coprod("form", unit, "-o", unit, "--force")
    assert run.code == 2, run
    assert f"{unit}: this is an input file; coprod never writes over its input, even with --force" in run.stderr
    assert unit.read_text(encoding="utf-8") == text


def test_a_missing_unit_file_is_named(coprod: RunCoprod, tmp_path: Path) -> None:
    run = coprod("form", tmp_path / "nowhere.yaml")
    assert run.code == 2, run
    assert "nowhere.yaml" in run.stderr
    assert run.stdout == ""


def test_refusals_speak_welsh(coprod: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "form.md"
    run = coprod("form", "-o", out, "--lang", "cy")
    assert run.code == 2, run
    assert f"{out}: tudalen HTML yw ffurflen, i'w hagor a'i hargraffu" in run.stderr


def test_the_unit_file_is_read_as_every_command_reads_it(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text("unit: {name: Ward}\nassessed_on: 2026-02-30\n", encoding="utf-8")
    run = coprod("form", unit)
    assert run.code == 2, run
    assert f"{unit}:2:14:" in run.stderr
    assert run.stdout == ""


def test_an_unknown_framework_is_named(coprod: RunCoprod) -> None:
    run = coprod("form", "--framework", "rehab-recovry")
    assert run.code == 2, run
    assert "unknown framework 'rehab-recovry'" in run.stderr
    assert "did you mean 'rehab-recovery'" in run.stderr


def test_unit_name_goes_with_a_form_without_a_unit_file(coprod: RunCoprod, at_root: Path) -> None:
    run = coprod("form", OPEN_REHAB, "--unit", "Ward 7")
    assert run.code == 2, run
    assert f"--unit is for a form without UNIT.yaml; the unit's name comes from {OPEN_REHAB}" in run.stderr


def test_a_blank_name_is_refused(coprod: RunCoprod) -> None:
    run = coprod("form", "--as", "  ")
    assert run.code == 2, run
    assert "--as: give the person's name or initials" in run.stderr


def test_personal_data_never_reaches_the_form(coprod: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "form.html"
    run = coprod("form", "--as", "rhian@example.org", "-o", out)
    assert run.code == 2, run
    assert "email address" in run.stderr
    assert "rhian@example.org" not in run.stderr + run.stdout
    assert not out.exists()


def test_personal_data_in_the_unit_file_stops_the_form(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(
        "unit: {name: Ward}\nassessed_on: 2026-02-01\ntargets:\n  L1.buddy-system:\n    status: partial\n"
        '    notes: "Pasted from the care plan: NHS 943 476 5919"\n',
        encoding="utf-8",
    )
    out = tmp_path / "form.html"
    run = coprod("form", unit, "-o", out)
    assert run.code == 2, run
    assert f"{unit}:6:44: looks like an NHS number (943 *** ****)" in run.stderr
    assert "5919" not in run.stderr + run.stdout
    assert not out.exists()


def test_same_input_same_bytes(coprod: RunCoprod, at_root: Path) -> None:
    first = coprod("form", OPEN_REHAB, "--lang", "cy+en")
    assert first.code == 0, first
    assert coprod("form", OPEN_REHAB, "--lang", "cy+en").stdout == first.stdout


def test_the_core_refuses_a_style_it_has_not(at_root: Path) -> None:
    made = form_module.build(load_framework(*resolve_framework("rehab-recovery", ROOT)))
    with pytest.raises(UsageError, match="'poster' is not a form style; use one of: standard, easy-read"):
        form_module.render(made, "poster", source="rehab-recovery")


# ---- in a browser: accessible, self-contained, A4 -----------------------------------------------


@pytest.mark.parametrize("stem", ["blank", "open-rehab-unit.easy-read", "required.carers", "blank.cy+en"])
def test_the_form_has_no_wcag_violations(browser: Any, tmp_path: Path, stem: str) -> None:  # noqa: F811
    pdf = _check_page(browser, tmp_path, f"form-{stem}", _golden(stem), easy_read="easy-read" in stem)
    sizes = _page_sizes(pdf)
    levels = _golden(stem).count('<section class="level"')
    assert len(sizes) >= levels, "each level after the first, and the enablers, start a page"
    assert all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in sizes), f"every page is A4 portrait: {sizes}"


if __name__ == "__main__":
    regenerate()


def test_the_spreadsheet_command_the_form_prints_works_as_printed(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The standard form's other way in: a CSV of the answers, read by the command it prints."""
    shutil.copy(ROOT / "examples" / "open-rehab-unit.yaml", tmp_path / "unit.yaml")
    monkeypatch.chdir(tmp_path)
    page = coprod("form", "unit.yaml", "--as", "Sam", "--role", "service-user").stdout
    printed = html.unescape(re.findall(r"<code>(coprod import [^<]*)</code>", page)[0])
    assert printed == "coprod import FORM.csv --into unit.yaml -o RATED.yaml --as Sam --role service-user"
    (tmp_path / "FORM.csv").write_text("target,status\nL1.buddy-system,partial\n", encoding="utf-8")
    run = coprod(*shlex.split(printed)[1:])
    assert run.code == 0, run
    assert "Sam: partial" in (tmp_path / "RATED.yaml").read_text(encoding="utf-8")

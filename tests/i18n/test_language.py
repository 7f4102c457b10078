"""Choosing the language and speaking it (docs/languages.md): --lang, coprod.toml's language,
Welsh dates, messages with placeholders, and bilingual documents put together Welsh first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from coprod_cli import i18n
from coprod_cli.errors import UsageError
from coprod_cli.reports.bilingual import blocks, pair_html, pair_markdown
from tests.conftest import EXAMPLES, RunCoprod

WELSH_MONTHS = (
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
)  # fmt: skip


@pytest.mark.parametrize("month", range(1, 13))
def test_dates_in_welsh_and_english(month: int) -> None:
    when = date(2026, month, 8)
    with i18n.speaking("cy"):
        assert i18n.day(when) == f"8 {WELSH_MONTHS[month - 1]} 2026"
    assert i18n.day(when) == f"8 {when:%B} 2026"


def test_the_calendar_ends_are_dates_too() -> None:
    with i18n.speaking("cy"):
        assert i18n.day(date(1, 1, 1)) == "1 Ionawr 1"
        assert i18n.day(date(9999, 12, 31)) == "31 Rhagfyr 9999"


def test_speaking_ends_with_its_block() -> None:
    assert i18n.current() == "en"
    with i18n.speaking("cy"):
        assert i18n.current() == "cy"
    assert i18n.current() == "en"


def test_placeholders_are_filled_after_the_lookup() -> None:
    assert i18n._("{a} and {b}", b="2", a="1") == "1 and 2"
    assert i18n._("{literal} stays when nothing is given") == "{literal} stays when nothing is given"
    assert i18n.n_("{count} target", "{count} targets", 1) == "1 target"
    assert i18n.n_("{count} target", "{count} targets", 0) == "0 targets"


def test_markup_given_in_is_kept_and_the_rest_escaped() -> None:
    said = i18n._("<b>{link}</b>", link=Markup('<a href="x">x</a>'))
    assert isinstance(said, Markup)
    assert said == '&lt;b&gt;<a href="x">x</a>&lt;/b&gt;'


# ---- choosing: --lang, coprod.toml, [tool.coprod] -----------------------------------------------


def _report(coprod: RunCoprod, *args: str) -> str:
    run = coprod("report", str(EXAMPLES / "step-down-house.yaml"), *args)
    assert run.code == 0, run
    return run.stdout


def test_lang_and_the_settings_file_choose_the_same(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    english = _report(coprod)
    welsh = _report(coprod, "--lang", "cy")
    assert welsh != english
    (tmp_path / "coprod.toml").write_text('language = "cy"\n', encoding="utf-8")
    assert _report(coprod) == welsh
    assert _report(coprod, "--lang", "en") == english  # the option wins over the file
    (tmp_path / "coprod.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.coprod]\nlanguage = "cy+en"\n', encoding="utf-8")
    assert _report(coprod) == _report(coprod, "--lang", "cy+en")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            'language = "fr"\n',
            "coprod.toml:1:1: language must be one of 'en', 'cy', 'cy+en' ('cy+en' writes documents in Welsh "
            "and English, Welsh first), not 'fr'",
        ),
        ('language = ["cy"]\n', 'coprod.toml:1:1: language must be text in quotes, such as language = "cy"'),
        ("langauge = 'cy'\n", "coprod.toml:1:1: unknown setting 'langauge' in coprod.toml — did you mean 'language'?"),
    ],
)
def test_a_wrong_language_setting_is_named_at_its_place(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "coprod.toml").write_text(setting, encoding="utf-8")
    run = coprod("report", str(EXAMPLES / "step-down-house.yaml"))
    assert run.code == 2
    assert run.stderr.splitlines()[0] == f"{tmp_path}/{message}"


def test_an_unknown_lang_is_refused(coprod: RunCoprod) -> None:
    run = coprod("report", str(EXAMPLES / "step-down-house.yaml"), "--lang", "fr")
    assert run.code == 2
    assert "'fr' is not one of 'en', 'cy', 'cy+en'" in run.stderr


# ---- bilingual documents ------------------------------------------------------------------------


def test_markdown_pairs_each_block_welsh_first() -> None:
    cy = "<!-- made -->\n\n# Adroddiad\n\nParagraff.\n\n```mermaid\nA\n\nB\n```\n"
    en = "<!-- made -->\n\n# Report\n\nParagraph.\n\n```mermaid\nA\n\nB\n```\n"
    assert pair_markdown(cy, en) == (
        "<!-- made -->\n\n# Adroddiad\n\n# Report\n\nParagraff.\n\nParagraph.\n\n```mermaid\nA\n\nB\n```\n"
    )


def test_blocks_that_do_not_pair_are_refused() -> None:
    with pytest.raises(UsageError, match="different number of paragraphs"):
        pair_markdown("Un.\n\nDau.\n", "One.\n")


@given(st.lists(st.text(alphabet="ab \n`~#", max_size=12), max_size=8))
def test_a_document_paired_with_itself_is_itself(parts: list[str]) -> None:
    text = "\n\n".join(parts)
    assert blocks(pair_markdown(text, text)) == blocks(text)


def test_html_puts_the_welsh_page_on_the_left() -> None:
    page = '<html lang="{0}"><head><title>{1}</title></head><body>\n<main>\n<p>{1}</p>\n</main>\n</body></html>'
    both = pair_html(page.format("cy", "Adroddiad"), page.format("en", "Report"))
    assert "<title>Adroddiad · Report</title>" in both
    assert both.index('<div class="language" lang="cy">') < both.index('<div class="language" lang="en">')
    assert both.count("<main") == 1
    with pytest.raises(UsageError, match="no <main> element"):
        pair_html("<p>cy</p>", "<p>en</p>")


def test_a_bilingual_report_has_the_welsh_before_the_english(coprod: RunCoprod) -> None:
    both = _report(coprod, "--lang", "cy+en")
    welsh = _report(coprod, "--lang", "cy")
    english = _report(coprod, "--lang", "en")
    for cy, en in zip(blocks(welsh), blocks(english), strict=True):
        assert cy in both
        assert en in both
        if cy != en:
            assert both.index(cy + "\n\n" + en) >= 0


def test_a_choice_is_written_as_it_is_given() -> None:
    assert [str(c) for c in i18n.CHOICES.values()] == ["en", "cy", "cy+en"]
    assert i18n.CHOICES["cy+en"].first == "cy"
    assert i18n.CHOICES["cy+en"].bilingual
    assert not i18n.CHOICES["cy"].bilingual


def test_a_page_whose_title_reads_the_same_keeps_it_once() -> None:
    page = "<html><head><title>coprod</title></head><body>\n<main>\n<p>{0}</p>\n</main>\n</body></html>"
    both = pair_html(page.format("Helo"), page.format("Hello"))
    assert "<title>coprod</title>" in both


def test_yes_and_no_in_a_markdown_template_follow_the_language() -> None:
    from coprod_cli.reports.markdown_report import _finalize

    assert (_finalize(True), _finalize(False)) == ("Yes", "No")
    with i18n.speaking("cy"):
        assert (_finalize(True), _finalize(False)) == ("Ie", "Na")


def test_the_english_plural_filter_is_kept_for_templates_of_your_own() -> None:
    from coprod_cli.reports.words import plural

    assert (plural(1, "target"), plural(2, "target"), plural(2, "person", "people")) == (
        "1 target",
        "2 targets",
        "2 people",
    )

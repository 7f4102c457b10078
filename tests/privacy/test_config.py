"""Loading a unit's settings from coprod.toml or pyproject.toml, and every error at its line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_cli.errors import InputError
from coprod_cli.privacy.settings import Settings, load_settings, uk_phone_digits


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def _errors(folder: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_settings(folder)
    return [p.render() for p in caught.value.problems()]


def test_from_coprod_toml(tmp_path: Path) -> None:
    shown = _write(
        tmp_path,
        "coprod.toml",
        "# published contact details of the ward\n"
        "[privacy]\n"
        'allow_email_domains = ["Example.NHS.Wales", "cefn.example"]\n'
        'allow_phone_numbers = ["+44 1632 960 001", "01632 960002", "(020) 7946-0000"]\n',
    )
    assert load_settings(tmp_path) == Settings(
        frozenset({"example.nhs.wales", "cefn.example"}),
        frozenset({"01632960001", "01632960002", "02079460000"}),
        shown,
    )


def test_from_pyproject(tmp_path: Path) -> None:
    shown = _write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "ward-evidence"\n\n[tool.coprod.privacy]\nallow_phone_numbers = ["0113 496 0000"]\n',
    )
    assert load_settings(tmp_path) == Settings(frozenset(), frozenset({"01134960000"}), shown)


def test_neither_file_means_no_settings(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()
    assert Settings().source is None


def test_pyproject_without_our_table_means_no_settings(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n')
    assert load_settings(tmp_path) == Settings()


def test_someone_elses_broken_pyproject_is_not_our_business(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", "[project\nname = 'x'\n")
    assert load_settings(tmp_path) == Settings()


def test_coprod_toml_wins_over_pyproject(tmp_path: Path) -> None:
    shown = _write(tmp_path, "coprod.toml", '[privacy]\nallow_email_domains = ["cefn.example"]\n')
    _write(tmp_path, "pyproject.toml", '[tool.coprod.privacy]\nallow_email_domains = ["other.example"]\n')
    assert load_settings(tmp_path) == Settings(frozenset({"cefn.example"}), frozenset(), shown)


def test_empty_coprod_toml_is_empty_settings_from_it(tmp_path: Path) -> None:
    shown = _write(tmp_path, "coprod.toml", "# nothing allowed yet\n")
    assert load_settings(tmp_path) == Settings(source=shown)


def test_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    _write(tmp_path, "coprod.toml", '\ufeff[privacy]\r\nallow_phone_numbers = ["0800 123 456"]\r\n')
    assert load_settings(tmp_path).allow_phone_numbers == {"0800123456"}


def test_subdomains_are_allowed() -> None:
    settings = Settings(allow_email_domains=frozenset({"cefn.example"}))
    assert settings.allows_email_domain("cefn.example")
    assert settings.allows_email_domain("Mail.Cefn.Example")
    assert not settings.allows_email_domain("notcefn.example")
    assert not settings.allows_email_domain("example")


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("01632 960001", "01632960001"),
        ("+44 1632 960001", "01632960001"),
        ("+44 (0)1632 960001", "01632960001"),
        ("+44 01632 960001", "01632960001"),
        ("0044 1632 960001", "01632960001"),
        ("(01632) 960-001", "01632960001"),
        ("0800 123 456", "0800123456"),
        ("07700 900123", "07700900123"),
        ("+1 555 0100", None),
        ("01632 9600", None),
        ("01632 9600012", None),
        ("04632 960001", None),
        ("1632 960001", None),
        ("01632.960001", "01632960001"),  # dots and slashes are ways of writing it too (issue 14)
        ("029/2018/0747", "02920180747"),
        ("01632_960001", None),
        ("ward phone", None),
        ("", None),
        ("٠١٦٣٢٩٦٠٠٠١", None),
    ],
)
def test_uk_phone_digits(text: str, digits: str | None) -> None:
    assert uk_phone_digits(text) == digits


# --- errors, each at its line and column -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '[privacy]\nallow_email_domain = ["example.org"]\n',
            "2:1: unknown setting 'allow_email_domain' in [privacy] — did you mean 'allow_email_domains'?",
            id="unknown-key-near",
        ),
        pytest.param(
            '[privacy]\n# colours\ncolour = "blue"\n',
            "3:1: unknown setting 'colour' in [privacy]; the settings here are allow_email_domains and "
            "allow_phone_numbers",
            id="unknown-key-far",
        ),
        pytest.param(
            '[privcy]\nallow_email_domains = ["example.org"]\n',
            "1:2: unknown setting 'privcy' in coprod.toml — did you mean 'privacy'?",
            id="unknown-table-near",
        ),
        pytest.param(
            "[output]\nwidth = 80\n",
            "1:2: unknown setting 'output' in coprod.toml; coprod.toml holds the setting language and the table [privacy]",
            id="unknown-table-far",
        ),
        pytest.param(
            '# settings\nallow_email_domains = ["example.org"]\n',
            "2:1: allow_email_domains belongs under the heading [privacy]; add a line [privacy] above it",
            id="setting-above-its-table",
        ),
        pytest.param(
            "privacy = 3\n",
            "1:1: 'privacy' must be a table: write the heading [privacy] on a line of its own, with the settings "
            "below it",
            id="privacy-not-a-table",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = "example.org"\n',
            '2:1: allow_email_domains must be a list, such as allow_email_domains = ["example.org"] '
            "(put it inside [ ])",
            id="string-not-list",
        ),
        pytest.param(
            "[privacy]\nallow_phone_numbers = true\n",
            '2:1: allow_phone_numbers must be a list, such as allow_phone_numbers = ["01632 960000"]',
            id="bool-not-list",
        ),
        pytest.param(
            "[privacy]\nallow_phone_numbers = [1632960001]\n",
            '2:1: each phone number must be text in quotes, such as "01632 960000"; a number without quotes '
            "loses its leading 0",
            id="phone-not-quoted",
        ),
        pytest.param(
            "[privacy]\nallow_email_domains = [[1]]\n",
            '2:1: each item of allow_email_domains must be text in quotes, such as "example.org"',
            id="domain-not-text",
        ),
        pytest.param(
            '[privacy]\nallow_phone_numbers = [\n  "01632 960001",\n  "+1 555 0100",\n]\n',
            '4:3: \'+1 555 0100\' is not a UK phone number; write it as "01632 960000" or "+44 1632 960000" '
            "(10 or 11 digits starting 01, 02, 03, 07 or 08)",
            id="phone-not-uk",
        ),
        pytest.param(
            "[privacy]\nallow_email_domains = ['example']\n",
            "2:24: 'example' is not an email domain; write the part of the address after '@', such as "
            '"example.org" (letters, digits, dots and dashes only)',
            id="domain-one-label",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = ["@example.org"]\n',
            "2:24: write the domain without '@', as in \"example.org\"",
            id="domain-with-at",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = ["ward@cefn.example"]\n',
            "2:24: 'ward@cefn.example' is an email address; list only its domain, as in \"cefn.example\"",
            id="domain-is-address",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = ["*.cefn.example"]\n',
            "2:24: a domain allows its subdomains already; write \"cefn.example\" without '*.'",
            id="domain-wildcard",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = ["-bad.example"]\n',
            "2:24: '-bad.example' is not an email domain; write the part of the address after '@', such as "
            '"example.org" (letters, digits, dots and dashes only)',
            id="domain-bad-label",
        ),
        pytest.param(
            "[privacy]\nallow_email_domains = [example.org]\n",
            "2:24: this value is not valid TOML; write text in double quotes and lists in [ ], as in "
            'allow_phone_numbers = ["01632 960000"]',
            id="toml-unquoted",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = ["example.org"\nallow_phone_numbers = []\n',
            "3:1: a list above is not closed: add ']' at its end, and ',' between its items",
            id="toml-unclosed-list",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = []\n  allow_email_domains = ["a.example"]\n',
            "3:3: this key is set twice; keep one and merge what they say",
            id="toml-duplicate-key",
        ),
        pytest.param(
            "[privacy]\n[privacy]\n",
            "2:9: this table is declared twice; keep one heading and put all its settings under it",
            id="toml-duplicate-table",
        ),
        pytest.param(
            '[privacy]\nallow_email_domains = ["example.org]\n',
            "2:37: this quoted text is never closed; add the closing quote before the end of the line",
            id="toml-unclosed-quote",
        ),
        pytest.param(
            "[privacy\n",
            "1:9: this table heading needs a closing ']', as in [privacy]",
            id="toml-unclosed-heading",
        ),
        pytest.param(
            "[privacy]\nallow email domains = []\n",
            "2:7: this line needs '=' after its key, as in allow_email_domains = [\"example.org\"]",
            id="toml-key-with-spaces",
        ),
        pytest.param(
            '[privacy]\nallow_phone_numbers = """01632\n',
            "2:23: this quoted text is never closed; add the closing quote",
            id="toml-unterminated-at-end",
        ),
        pytest.param(
            "[privacy]\nallow_phone_numbers = ['''01632\n\n",
            "2:24: this quoted text is never closed; add the closing quote",
            id="toml-unterminated-literal-at-end",
        ),
        pytest.param(
            "[privacy]\nallow_phone_numbers = ['01632\nallow_email_domains = []",
            "2:24: this quoted text is never closed; add the closing quote before the end of the line",
            id="toml-unterminated-literal",
        ),
        pytest.param(
            "[privacy]\nallow_phone_numbers = [\x01]\n",
            "2:24: this value is not valid TOML; write text in double quotes and lists in [ ], as in "
            'allow_phone_numbers = ["01632 960000"]',
            id="toml-control-character",
        ),
        pytest.param(
            "[privacy]\n= 1\n",
            "2:1: this line is not a TOML setting; write 'key = value', or a heading such as [privacy]",
            id="toml-no-key",
        ),
    ],
)
def test_errors_in_coprod_toml(tmp_path: Path, text: str, expected: str) -> None:
    shown = _write(tmp_path, "coprod.toml", text)
    assert _errors(tmp_path) == [f"{shown}:{expected}"]


def test_every_problem_is_reported_together(tmp_path: Path) -> None:
    shown = _write(
        tmp_path,
        "coprod.toml",
        '[privacy]\nallow_email_domains = ["example", "cefn.example"]\nallow_phone_numbers = ["0800"]\nx = 1\n',
    )
    assert [e.removeprefix(shown) for e in _errors(tmp_path)] == [
        ":2:24: 'example' is not an email domain; write the part of the address after '@', such as "
        '"example.org" (letters, digits, dots and dashes only)',
        ':3:24: \'0800\' is not a UK phone number; write it as "01632 960000" or "+44 1632 960000" '
        "(10 or 11 digits starting 01, 02, 03, 07 or 08)",
        ":4:1: unknown setting 'x' in [privacy]; the settings here are allow_email_domains and allow_phone_numbers",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '[project]\nname = "x"\n\n[tool.coprod.privacy]\nallow_emails = []\n',
            "5:1: unknown setting 'allow_emails' in [tool.coprod.privacy] — did you mean 'allow_email_domains'?",
            id="unknown-key",
        ),
        pytest.param(
            '[tool.coprod]\nallow_phone_numbers = ["01632 960001"]\n',
            "2:1: allow_phone_numbers belongs under the heading [tool.coprod.privacy]; add a line "
            "[tool.coprod.privacy] above it",
            id="setting-above-its-table",
        ),
        pytest.param(
            "[tool.coprod]\nprivacy = {}\nverbose = true\n",
            "3:1: unknown setting 'verbose' in [tool.coprod]; [tool.coprod] holds the setting language and the table [tool.coprod.privacy]",
            id="unknown-table",
        ),
        pytest.param(
            "[tool]\ncoprod = 1\n",
            "2:1: 'coprod' must be a table: write the heading [tool.coprod] on a line of its own, with the "
            "settings below it",
            id="coprod-not-a-table",
        ),
        pytest.param(
            '[tool.coprod.privacy]\nallow_phone_numbers = ["01632 960001", "020 7946"]\n',
            '2:40: \'020 7946\' is not a UK phone number; write it as "01632 960000" or "+44 1632 960000" '
            "(10 or 11 digits starting 01, 02, 03, 07 or 08)",
            id="bad-phone",
        ),
        pytest.param(
            "[tool.coprod.privacy]\nallow_phone_numbers = [\n",
            "2:24: this value is not valid TOML; write text in double quotes and lists in [ ], as in "
            'allow_phone_numbers = ["01632 960000"]',
            id="broken-toml-that-mentions-coprod",
        ),
    ],
)
def test_errors_in_pyproject(tmp_path: Path, text: str, expected: str) -> None:
    shown = _write(tmp_path, "pyproject.toml", text)
    assert _errors(tmp_path) == [f"{shown}:{expected}"]


def test_a_key_mentioned_in_a_comment_first_is_found_where_it_is_set(tmp_path: Path) -> None:
    shown = _write(tmp_path, "coprod.toml", '[privacy]\n# allow_emails = was the old name\nallow_emails = ["a.org"]\n')
    assert _errors(tmp_path) == [
        f"{shown}:3:1: unknown setting 'allow_emails' in [privacy] — did you mean 'allow_email_domains'?"
    ]


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "coprod.toml").write_bytes(b"[privacy]\nallow_email_domains = ['caf\xe9.example']\n")
    shown = str(tmp_path / "coprod.toml")
    assert _errors(tmp_path) == [f"{shown}:2:28: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]


def test_a_folder_named_coprod_toml(tmp_path: Path) -> None:
    (tmp_path / "coprod.toml").mkdir()
    shown = str(tmp_path / "coprod.toml")
    assert _errors(tmp_path) == [f"{shown}: is a folder, not a settings file"]


def test_too_large(tmp_path: Path) -> None:
    shown = _write(tmp_path, "coprod.toml", "#" * (1024 * 1024 + 1))
    assert _errors(tmp_path) == [
        f"{shown}: is larger than 1 MiB, the most coprod reads; split it or remove pasted material"
    ]


def test_a_key_spelt_with_escapes_is_placed_at_its_table(tmp_path: Path) -> None:
    shown = _write(tmp_path, "coprod.toml", '[privacy]\n"allow\\u005femails" = []\n')
    assert _errors(tmp_path) == [
        f"{shown}:1:1: unknown setting 'allow_emails' in [privacy] — did you mean 'allow_email_domains'?"
    ]


def test_a_value_spelt_with_escapes_is_placed_at_its_key(tmp_path: Path) -> None:
    shown = _write(tmp_path, "coprod.toml", '[privacy]\nallow_phone_numbers = ["\\u0030800"]\n')
    assert _errors(tmp_path) == [
        f'{shown}:2:1: \'0800\' is not a UK phone number; write it as "01632 960000" or "+44 1632 960000" '
        "(10 or 11 digits starting 01, 02, 03, 07 or 08)"
    ]


def test_pyproject_that_only_names_coprod_elsewhere(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[project]\nname = "coprod-ward-notes"\n')
    assert load_settings(tmp_path) == Settings()


def test_an_unreadable_settings_file(tmp_path: Path) -> None:
    (tmp_path / "coprod.toml").symlink_to(tmp_path / "coprod.toml")  # a link to itself: ELOOP
    shown = str(tmp_path / "coprod.toml")
    assert _errors(tmp_path) == [
        f"{shown}: is a symbolic link that leads back to itself through other links; point it at a real file or remove it"
    ]

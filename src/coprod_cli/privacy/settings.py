"""A unit's small settings file: the language coprod speaks, and published contact details its
files may contain.

The settings live beside the unit's files, in ``coprod.toml`` or, failing that, in
``pyproject.toml`` (under ``[tool.coprod]``)::

    language = "cy"                                  # en, cy or cy+en (docs/languages.md)

    [privacy]
    allow_email_domains = ["example.nhs.wales"]     # a domain allows its subdomains too
    allow_phone_numbers = ["01632 960000"]          # e.g. the ward's published number

Nothing here prints or exits; a bad file raises :class:`InputError` naming file:line:col.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import ErrorDetails, PydanticCustomError

from coprod_cli import i18n
from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.hints import suggest
from coprod_cli.i18n import CHOICES, N_, _
from coprod_cli.privacy.toml_text import Locator, parse_toml
from coprod_cli.reading.textfile import decode, read_bytes

CONFIG_FILE = "coprod.toml"
PYPROJECT_FILE = "pyproject.toml"

EMAIL_KEY = "allow_email_domains"
PHONE_KEY = "allow_phone_numbers"
_SETTINGS_KEYS = (EMAIL_KEY, PHONE_KEY)
_EXAMPLES = {EMAIL_KEY: '["example.org"]', PHONE_KEY: '["01632 960000"]'}

# National UK numbers start 01, 02, 03, 07 or 08 and have 10 or 11 digits with the leading 0.
_UK_PREFIXES = "12378"
_PHONE_ALLOWED_CHARS = re.compile(r"\+?[0-9 ()\-./]+")
_PHONE_PUNCTUATION = re.compile(r"[ ()\-./]")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_DOMAIN_LABEL = re.compile(r"[a-z0-9\-]{1,63}")


@dataclass(frozen=True, slots=True)
class Settings:
    """What a unit allows in its files; empty when it has no settings file."""

    allow_email_domains: frozenset[str] = frozenset()
    """Lower-case domains; each allows its subdomains too."""
    allow_phone_numbers: frozenset[str] = frozenset()
    """National numbers as digits only, with their leading 0 (see :func:`uk_phone_digits`)."""
    source: str | None = None
    """The file the settings came from, as shown to the user; None when there was none."""
    language: str | None = None
    """``en``, ``cy`` or ``cy+en``; None when the file does not say."""

    def allows_email_domain(self, domain: str) -> bool:
        """Whether an address at ``domain`` is allowed (the domain or a subdomain of one listed)."""
        domain = domain.lower()
        return any(domain == d or domain.endswith("." + d) for d in self.allow_email_domains)

    def allows_phone(self, national_digits: str) -> bool:
        return national_digits in self.allow_phone_numbers


def uk_phone_digits(text: str) -> str | None:
    """The national form of a UK phone number — digits only, leading 0 — or None if it is not one.

    ``"+44 (0)1632 960 001"``, ``"0044 1632 960001"`` and ``"01632-960001"`` all give
    ``"01632960001"``.  Spaces, dashes, dots, slashes and brackets may separate the digits.
    """
    text = text.strip()
    if not _PHONE_ALLOWED_CHARS.fullmatch(text):
        return None
    compact = _PHONE_PUNCTUATION.sub("", text)
    national = compact
    for prefix in ("+44", "0044"):
        if compact.startswith(prefix):
            rest = compact[len(prefix) :]
            # "+44 (0)20 …" and the common slip "+44 020 …" both mean the national 020 …
            national = "0" + rest.removeprefix("0")
            break
    if not _ASCII_DIGITS.fullmatch(national) or len(national) not in (10, 11):
        return None
    if national[0] != "0" or national[1] not in _UK_PREFIXES:
        return None
    return national


def _language(value: str) -> str:
    if value not in CHOICES:
        why = _(
            "language must be one of {choices} "
            "('cy+en' writes documents in Welsh and English, Welsh first), not '{given}'",
            choices=", ".join(repr(c) for c in CHOICES),
            given=clip(value),
        )
        raise PydanticCustomError("config_value", "{why}", {"why": why})
    return value


def _domain_problem(value: str) -> str | None:
    """Why ``value`` is not an email domain (lower-cased already), or None when it is one."""
    if "@" in value:
        local, _at, domain = value.rpartition("@")
        if local and domain:
            return _(
                "'{value}' is an email address; list only its domain, as in \"{domain}\"",
                value=clip(value),
                domain=clip(domain),
            )
        return _("write the domain without '@', as in \"{domain}\"", domain=clip(domain or "example.org"))
    if value.startswith("*."):
        return _("a domain allows its subdomains already; write \"{domain}\" without '*.'", domain=clip(value[2:]))
    labels = value.split(".")
    ok = (
        len(value) <= 253
        and len(labels) >= 2
        and all(_DOMAIN_LABEL.fullmatch(lb) and not lb.startswith("-") and not lb.endswith("-") for lb in labels)
        and (labels[-1].isalpha() or labels[-1].startswith("xn--"))
    )
    if ok:
        return None
    return _(
        "'{value}' is not an email domain; write the part of the address after '@', "
        'such as "example.org" (letters, digits, dots and dashes only)',
        value=clip(value),
    )


def _email_domain(value: str) -> str:
    domain = value.strip().lower()
    why = _domain_problem(domain)
    if why:
        raise PydanticCustomError("config_value", "{why}", {"why": why})
    return domain


def _phone_number(value: str) -> str:
    digits = uk_phone_digits(value)
    if digits is None:
        why = _(
            '\'{value}\' is not a UK phone number; write it as "01632 960000" or "+44 1632 960000" '
            "(10 or 11 digits starting 01, 02, 03, 07 or 08)",
            value=clip(value),
        )
        raise PydanticCustomError("config_value", "{why}", {"why": why})
    return digits


_TABLE = ConfigDict(extra="forbid", hide_input_in_errors=True)


@pydantic_dataclass(frozen=True, slots=True, kw_only=True, config=_TABLE)
class _Privacy:
    """The table ``[privacy]`` of coprod.toml, or ``[tool.coprod.privacy]`` of pyproject.toml."""

    allow_email_domains: tuple[Annotated[str, AfterValidator(_email_domain)], ...] = ()
    """Lower-cased, spaces trimmed."""
    allow_phone_numbers: tuple[Annotated[str, AfterValidator(_phone_number)], ...] = ()
    """Each as the digits of its national form (:func:`uk_phone_digits`)."""


@pydantic_dataclass(frozen=True, slots=True, kw_only=True, config=_TABLE)
class _Holder:
    """What holds the privacy table: the whole of coprod.toml, or ``[tool.coprod]`` of pyproject.toml."""

    language: Annotated[str, AfterValidator(_language)] | None = None
    privacy: _Privacy = field(default_factory=_Privacy)


@cache
def _adapter() -> TypeAdapter[_Holder]:
    return TypeAdapter(_Holder)


@dataclass(frozen=True)
class _Place:
    """Where the holder of the privacy table is, in words for messages and in the file's text."""

    name: str
    """'coprod.toml' or '[tool.coprod]', as a message names it."""
    only: str
    """What the holder may hold, said when it holds something else: a message for :func:`_`."""
    header: str
    """The privacy table's heading, without its brackets."""
    start: int
    """Where the holder's text starts."""


_IN_COPROD_TOML = _Place(
    "coprod.toml", N_("coprod.toml holds the setting language and the table [privacy]"), "privacy", 0
)


def _told_in(holder: object) -> str:
    """The language to tell a settings file's problems in: the command's ``--lang`` if it was given,
    else the ``language`` the file itself asks for (read before any command chose one), if valid."""
    chosen = i18n.chosen()
    if chosen is not None:
        return chosen.first
    asked = holder.get("language") if isinstance(holder, dict) else None
    return CHOICES[asked].first if isinstance(asked, str) and asked in CHOICES else i18n.current()


def _settings(holder: object, shown: str, text: str, place: _Place) -> Settings:
    """Settings from the table that holds ``privacy``, checked by pydantic; every problem at its place."""
    with i18n.speaking(_told_in(holder)):
        try:
            checked = _adapter().validate_python(holder)
        except ValidationError as e:
            where = Locator(text)
            problems = [_problem(err, holder, shown, where, place) for err in e.errors(include_url=False)]
            raise InputError(problems) from e
    privacy = checked.privacy
    return Settings(
        frozenset(privacy.allow_email_domains), frozenset(privacy.allow_phone_numbers), shown, checked.language
    )


def _key_at(where: Locator, key: str, start: int) -> int:
    """Where ``key`` is written after ``start``; ``start`` itself if it cannot be found (a key spelt
    with escapes, say)."""
    found = where.key(key, start)
    return start if found is None else found


def _problem(err: ErrorDetails, holder: Any, shown: str, where: Locator, place: _Place) -> Problem:
    """pydantic's error ``err`` about the settings, in the user's words and at its line and column."""
    loc = err["loc"]
    if len(loc) < 2:
        at, message, code = _holder_problem(err, where, place)
    else:
        at, message, code = _privacy_problem(err, holder["privacy"], where, place)
    line, column = where.position(at)
    return Problem(shown, line, column, message, code)


def _holder_problem(err: ErrorDetails, where: Locator, place: _Place) -> tuple[int, str, str]:
    """Where the table holding ``privacy`` goes wrong, what is wrong, and the problem's code."""
    if not err["loc"]:  # only [tool.coprod] can be something other than a table
        header, key, at = "tool.coprod", "coprod", _key_at(where, "coprod", 0)
    else:
        header, key = place.header, str(err["loc"][0])
        at = _key_at(where, key, place.start)
    if key == "language":
        if err["type"] == "config_value":
            return at, err["msg"], "config-value"
        return at, _('language must be text in quotes, such as language = "cy"'), "config-type"
    if err["type"] != "unexpected_keyword_argument":
        message = _(
            "'{key}' must be a table: write the heading [{header}] on a line of its own, with the settings below it",
            key=key,
            header=header,
        )
        return at, message, "config-type"
    if key in _SETTINGS_KEYS:
        message = _(
            "{key} belongs under the heading [{header}]; add a line [{header}] above it", key=key, header=header
        )
        return at, message, "config-unknown-key"
    return at, _unknown(key, ("language", "privacy"), place.name, _(place.only)), "config-unknown-key"


def _privacy_problem(err: ErrorDetails, table: dict[str, Any], where: Locator, place: _Place) -> tuple[int, str, str]:
    """Where the privacy table goes wrong, what is wrong, and the problem's code."""
    loc, kind = err["loc"], err["type"]
    key = str(loc[1])
    at = _key_at(where, key, where.table(place.header))
    if kind == "unexpected_keyword_argument":
        valid = _("the settings here are {email} and {phone}", email=EMAIL_KEY, phone=PHONE_KEY)
        return at, _unknown(key, _SETTINGS_KEYS, f"[{place.header}]", valid), "config-unknown-key"
    if len(loc) == 2:  # not a list
        if isinstance(table[key], str):
            message = _(
                "{key} must be a list, such as {key} = {example} (put it inside [ ])", key=key, example=_EXAMPLES[key]
            )
        else:
            message = _("{key} must be a list, such as {key} = {example}", key=key, example=_EXAMPLES[key])
        return at, message, "config-type"
    item = table[key][loc[2]]
    if kind == "config_value":  # text, but not a domain or a UK number
        written = where.value(item, at)
        return at if written is None else written, err["msg"], "config-value"
    if key == PHONE_KEY and isinstance(item, int | float) and not isinstance(item, bool):
        message = _(
            'each phone number must be text in quotes, such as "01632 960000"; '
            "a number without quotes loses its leading 0"
        )
        return at, message, "config-type"
    return (
        at,
        _("each item of {key} must be text in quotes, such as {example}", key=key, example=_EXAMPLES[key][1:-1]),
        "config-type",
    )


def _unknown(key: str, known: tuple[str, ...], place: str, valid: str) -> str:
    """Why ``key`` is not a setting in ``place`` (a file or a table): the nearest known one, else
    ``valid``, what may be written."""
    near = suggest(key, known)
    if near:
        return _("unknown setting '{key}' in {place} — did you mean '{near}'?", key=clip(key), place=place, near=near)
    return _("unknown setting '{key}' in {place}; {valid}", key=clip(key), place=place, valid=valid)


def _read_text(path: Path, shown: str) -> str | None:
    """The file's text, or None when there is no such file."""
    if not path.exists() and not path.is_symlink():
        return None
    return decode(read_bytes(path, shown, kind="a settings file"), shown)


def _from_coprod_toml(text: str, shown: str) -> Settings:
    return _settings(parse_toml(text, shown), shown, text, _IN_COPROD_TOML)


def _from_pyproject(text: str, shown: str) -> Settings | None:
    if "coprod" not in text:  # cannot hold our table; do not even parse someone else's file
        return None
    tool = parse_toml(text, shown).get("tool")
    if not isinstance(tool, dict) or "coprod" not in tool:
        return None
    only = N_("[tool.coprod] holds the setting language and the table [tool.coprod.privacy]")
    place = _Place("[tool.coprod]", only, "tool.coprod.privacy", Locator(text).table("tool.coprod"))
    return _settings(tool["coprod"], shown, text, place)


def load_settings(folder: Path) -> Settings:
    """The settings in ``folder``: ``coprod.toml`` if there is one, else ``[tool.coprod]`` in
    ``pyproject.toml``, else none (an empty :class:`Settings`).

    Raises :class:`InputError` for a file that is not valid TOML, an unknown key, a value of the
    wrong type, a phone number that is not a UK number or an email domain that is not a domain.
    """
    path = folder / CONFIG_FILE
    shown = str(path)
    text = _read_text(path, shown)
    if text is not None:
        return _from_coprod_toml(text, shown)
    path = folder / PYPROJECT_FILE
    shown = str(path)
    text = _read_text(path, shown)
    if text is not None:
        found = _from_pyproject(text, shown)
        if found is not None:
            return found
    return Settings()

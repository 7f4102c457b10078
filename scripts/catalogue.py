"""Keep the Welsh catalogue in step with the code (docs/languages.md, "Adding or changing a message").

    python scripts/catalogue.py          # extract coprod.pot, update cy's coprod.po, compile coprod.mo
    python scripts/catalogue.py --check  # say what is out of step, change nothing (exit 1 if anything is)

The messages are every ``_()``, ``n_()`` and ``N_()`` in ``src/coprod_cli`` and every ``_()`` and
``ngettext()`` in ``templates/`` (babel.cfg).  A message new to the catalogue arrives in the .po
with no translation, and ``--check`` (and the test suite) fails until it has one.  Translations
not yet read by a Welsh reviewer carry the translator comment ``UNREVIEWED``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "coprod_cli" / "locale"
POT = LOCALE / "coprod.pot"
LANGUAGES = ("cy",)
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "gettext": None, "ngettext": (1, 2)}
UNREVIEWED = "UNREVIEWED"
WIDTH = 100


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "coprod.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    """Every message in the code and the templates, as a template catalogue."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(project="coprod", msgid_bugs_address="", copyright_holder="The coprod team", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _translations(mo: bytes) -> dict[object, object]:
    """What a compiled catalogue says, without its header (which names the Babel that wrote it)."""

    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, list) else value  # a plural's forms

    return {(frozen(m.id), m.context): frozen(m.string) for m in read_mo(io.BytesIO(mo)) if m.id}


def _keys(catalog: Catalog) -> set[object]:
    return {(m.id, m.context) for m in catalog if m.id}


def untranslated(catalog: Catalog) -> list[str]:
    """Messages of ``catalog`` with no translation, or a fuzzy one, or a plural form left empty."""
    missing = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings) or (m.pluralizable and len(strings) != catalog.num_plurals):
            missing.append(m.id if isinstance(m.id, str) else m.id[0])
    return missing


def check() -> list[str]:
    """What is out of step, in words; empty when the catalogue and the code agree."""
    found = []
    code = extract()
    pot = _read(POT)
    if _keys(code) != _keys(pot):
        new = len(_keys(code) - _keys(pot))
        gone = len(_keys(pot) - _keys(code))
        found.append(f"{POT.relative_to(ROOT)} is stale: {new} new and {gone} removed messages")
    for language in LANGUAGES:
        po = _read(po_path(language), language)
        if _keys(po) != _keys(code):
            found.append(f"{po_path(language).relative_to(ROOT)} does not hold the code's messages")
        missing = untranslated(po)
        if missing:
            found.append(
                f"{po_path(language).relative_to(ROOT)}: {len(missing)} without a translation, e.g. {missing[0]!r}"
            )
        mo = mo_path(language)
        if not mo.exists() or _translations(mo.read_bytes()) != _translations(_mo_bytes(po)):
            found.append(f"{mo_path(language).relative_to(ROOT)} is not compiled from the .po")
    return found


def update() -> None:
    code = extract()
    if not POT.exists() or _keys(_read(POT)) != _keys(code):
        POT.parent.mkdir(parents=True, exist_ok=True)
        POT.write_bytes(_po_text(code))
    pot = _read(POT)
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            po = _read(path, language)
        else:
            po = Catalog(locale=language, project="coprod", copyright_holder="The coprod team", fuzzy=False)
        po.update(pot, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
        for m in po:
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.id and not any(strings) and UNREVIEWED not in m.user_comments:
                m.user_comments.append(UNREVIEWED)
        text = _po_text(po)
        if not path.exists() or path.read_bytes() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
        po = _read(path, language)
        mo = _mo_bytes(po)
        if not mo_path(language).exists() or mo_path(language).read_bytes() != mo:
            mo_path(language).write_bytes(mo)
        missing = untranslated(po)
        print(f"{path.relative_to(ROOT)}: {len(po) - len(missing)} of {len(po)} messages translated")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="say what is out of step and change nothing")
    if parser.parse_args().check:
        found = check()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())

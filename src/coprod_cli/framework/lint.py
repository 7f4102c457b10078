"""The framework linter behind ``coprod framework check``.

``frameworks.check_framework`` holds the rules every framework must keep to be scored
at all (unique IDs, levels 1..N, thresholds 0-100, guidance links that resolve); this
adds the rules that keep a framework maintainable as code: a semantic version, no empty
text, one style of ID, no two targets worded alike, guidance ideas that help something, and
Welsh for every text when ``languages:`` lists cy (:mod:`~coprod_cli.framework.lint_languages`).
``check_against`` (:mod:`~coprod_cli.framework.lint_version`) compares a file with its
committed version and says when the version was not bumped enough for what changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.framework.lint_languages import complete_texts, tailored_translations, translations
from coprod_cli.framework.lint_version import against, bump_message, check_against, load_at
from coprod_cli.framework.load import LoadedFramework, load_framework_bytes
from coprod_cli.framework.read import framework_text
from coprod_cli.framework.rules import check_framework
from coprod_cli.framework.semver import SemverError, parse
from coprod_cli.i18n import N_, _
from coprod_cli.model.models import Framework
from coprod_cli.privacy.guard import check_input
from coprod_cli.reading.explain import validate
from coprod_cli.reading.textfile import read_bytes
from coprod_cli.reading.yamlread import Document, PathKey, Value, parse_text

__all__ = ["FileCheck", "against", "bump_message", "check_against", "check_file", "lint", "load_at"]

_KEBAB = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_TARGET_PREFIXED = re.compile(rf"(?P<prefix>[A-Za-z]+)(?P<number>[0-9]+)\.(?P<name>{_KEBAB})")
_ENABLER_PREFIXED = re.compile(rf"(?P<prefix>[A-Za-z]+)\.(?P<name>{_KEBAB})")
_PLAIN = re.compile(_KEBAB)
_TEXT_KEYS = frozenset(
    {"title", "text", "ethos", "responsibility", "summary", "description", "journal", "doi", "url"}
    | {"challenge", "after", "extends", "plain"}
)
"""Keys whose value is text: written empty, they are a mistake, not a way to say 'none'."""
_EMPTY_HINTS = {
    "after": N_("name the target this one follows, or remove 'after:' to put it last"),
    "extends": N_("name the framework this one tailors (an id or a path), or remove the line"),
}
_ID_LISTS = frozenset({"helps", "remove"})
"""Lists of IDs: an empty item there is reported as an unknown ID by the other checks."""

Style = tuple[str, str]
"""An ID style: ("prefixed", "L") for 'L<level>.<name>' (or 'E.<name>'), ("plain", "") for '<name>'."""


@dataclass(frozen=True)
class FileCheck:
    """What ``check_file`` found in one file."""

    framework: LoadedFramework | None
    """The framework, resolved, when it could be read; None when it could not."""
    problems: tuple[Problem, ...]
    """Every problem, in file order."""


# ---- the rules -------------------------------------------------------------------


def lint(doc: Document, model: Framework, *, resolved: Framework | None = None) -> list[Problem]:
    """Every problem in one framework file, as written: ``check_framework``'s rules and the linter's.

    ``model`` is the file as validated.  For a tailored file (one with ``extends``) pass the
    resolved framework as ``resolved``: its targets decide the ID style and which texts
    repeat, while only what this file adds or rewords is reported.
    """
    problems: list[Problem] = []
    if model.extends is None:
        problems += check_framework(model, doc)
    problems += _version(doc, model)
    problems += _blank_texts(doc)
    if model.extends is None:
        problems += _target_id_style(doc, model)
        problems += _enabler_id_style(doc, model)
        problems += _duplicate_texts(doc, model)
        problems += _plain_as_text(doc, model)
        problems += _empty_guidance(doc, model)
        problems += translations(doc, model.languages, complete_texts(model))
    elif resolved is not None:
        problems += _added_id_style(doc, model, resolved)
        problems += _duplicate_own_texts(doc, model, resolved)
        problems += tailored_translations(doc, model, resolved)
    return sorted(set(problems))


def _version(doc: Document, model: Framework) -> Iterator[Problem]:
    try:
        parse(model.version)
    except SemverError as e:
        yield doc.problem(
            ("version",),
            _(
                "version {problem}; coprod reads it to tell units how much changed (see 'coprod framework diff')",
                problem=e,
            ),
            code="version-not-semver",
        )


def _blank_texts(doc: Document) -> Iterator[Problem]:
    """Text keys written with nothing after them, and text that is only spaces, anywhere."""
    stack: list[tuple[PathKey, Value]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                at = (*path, key)
                if child is None and key in _TEXT_KEYS:
                    hint = _(_EMPTY_HINTS[key]) if key in _EMPTY_HINTS else None
                    if hint is None:
                        yield doc.problem(
                            at, _("'{key}' is empty; write the text after '{key}:' or remove the line", key=key)
                        )
                    else:
                        yield doc.problem(at, _("'{key}' is empty; {hint}", key=key, hint=hint))
                elif isinstance(child, str) and not child.strip():
                    yield doc.problem(
                        at, _("'{key}' is blank; write the text after '{key}:' or remove the line", key=key)
                    )
                else:
                    stack.append((at, child))
        elif isinstance(value, list) and not (path and path[-1] in _ID_LISTS):
            name = next((p for p in reversed(path) if isinstance(p, str)), "list")
            for n, child in enumerate(value):
                if isinstance(child, str) and not child.strip():
                    yield doc.problem(
                        (*path, n),
                        _(
                            "item {number} of '{key}' is blank; write the text or remove the item",
                            number=n + 1,
                            key=name,
                        ),
                    )
                else:
                    stack.append(((*path, n), child))


def _target_style(ident: str) -> Style | None:
    match = _TARGET_PREFIXED.fullmatch(ident)
    if match:
        return ("prefixed", match["prefix"])
    return ("plain", "") if _PLAIN.fullmatch(ident) else None


def _enabler_style(ident: str) -> Style | None:
    match = _ENABLER_PREFIXED.fullmatch(ident)
    if match:
        return ("prefixed", match["prefix"])
    return ("plain", "") if _PLAIN.fullmatch(ident) else None


def _usual(styles: Sequence[Style | None]) -> Style | None:
    """The style most IDs follow (the first seen wins a tie); None when none has a style."""
    counts: dict[Style, int] = {}
    for style in styles:
        if style is not None:
            counts[style] = counts.get(style, 0) + 1
    return max(counts, key=lambda s: counts[s], default=None)  # max keeps the first of equals


def _kebab(ident: str) -> str:
    name = ident.rsplit(".", 1)[-1]
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", name)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "my-target"


def _target_form(style: Style) -> str:
    if style[0] == "prefixed":
        return _("'{prefix}<level>.<words-with-hyphens>'", prefix=style[1])
    return _("'<words-with-hyphens>'")


def _target_id_problem(
    doc: Document, at: PathKey, ident: str, number: int, usual: Style, *, new: bool = False
) -> Problem | None:
    """A target ID off the framework's usual style.

    The level in an ID is checked only for a target being ``new`` (added by a tailored
    file): an existing target moved between levels keeps its ID, since renaming it would
    break every evidence file that uses it.
    """
    match = _TARGET_PREFIXED.fullmatch(ident)
    if usual[0] == "plain":
        if _PLAIN.fullmatch(ident):
            return None
        expected = _kebab(ident)
    else:
        prefix = usual[1]
        if match and match["prefix"] == prefix and (int(match["number"]) == number or not new):
            return None
        expected = f"{prefix}{number}.{_kebab(ident)}"
        if match and match["prefix"] == prefix:
            return doc.problem(
                at,
                _(
                    "target '{id}' is in level {number}, but its ID says level {said}; "
                    "IDs here start with the level they are in: '{expected}'",
                    id=clip(ident),
                    number=number,
                    said=int(match["number"]),
                    expected=expected,
                ),
                code="id-style",
                target=ident,
            )
    return doc.problem(
        at,
        _(
            "target ID '{id}' does not follow the form most targets here use, {form}: "
            "for this level {number} target that would be '{expected}'",
            id=clip(ident),
            form=_target_form(usual),
            number=number,
            expected=expected,
        ),
        code="id-style",
        target=ident,
    )


def _target_id_style(doc: Document, model: Framework) -> Iterator[Problem]:
    usual = _usual([_target_style(t.id) for level in model.levels for t in level.targets])
    if usual is None:
        return
    for i, level in enumerate(model.levels):
        for j, target in enumerate(level.targets):
            found = _target_id_problem(doc, ("levels", i, "targets", j, "id"), target.id, level.number, usual)
            if found is not None:
                yield found


def _enabler_id_style(doc: Document, model: Framework) -> Iterator[Problem]:
    usual = _usual([_enabler_style(e.id) for e in model.enablers])
    if usual is None:
        return
    form = (
        _("'{prefix}.<words-with-hyphens>'", prefix=usual[1]) if usual[0] == "prefixed" else _("'<words-with-hyphens>'")
    )
    for k, enabler in enumerate(model.enablers):
        if _enabler_style(enabler.id) == usual:
            continue
        expected = f"{usual[1]}.{_kebab(enabler.id)}" if usual[0] == "prefixed" else _kebab(enabler.id)
        yield doc.problem(
            ("enablers", k, "id"),
            _(
                "enabler ID '{id}' does not follow the form most enablers here use, {form}: that would be '{expected}'",
                id=clip(enabler.id),
                form=form,
                expected=expected,
            ),
            code="id-style",
            target=enabler.id,
        )


def _added_id_style(doc: Document, model: Framework, resolved: Framework) -> Iterator[Problem]:
    usual = _usual([_target_style(t.id) for level in resolved.levels for t in level.targets])
    if usual is None:
        return
    for i, added in enumerate(model.add):
        found = _target_id_problem(doc, ("add", i, "id"), added.id, added.level, usual, new=True)
        if found is not None:
            yield found


_SAME_TARGET = N_(
    "target '{id}' has the same text as '{first}' (line {line}); "
    "reword one so people can tell them apart, or remove one"
)
_SAME_ENABLER = N_(
    "enabler '{id}' has the same text as '{first}' (line {line}); "
    "reword one so people can tell them apart, or remove one"
)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _duplicate_texts(doc: Document, model: Framework) -> Iterator[Problem]:
    """Targets and enablers worded alike: each later one is reported, naming the first."""
    places: list[tuple[str, str, str, PathKey]] = [
        (t.id, t.text, _SAME_TARGET, ("levels", i, "targets", j, "text"))
        for i, level in enumerate(model.levels)
        for j, t in enumerate(level.targets)
    ]
    places += [(e.id, e.text, _SAME_ENABLER, ("enablers", k, "text")) for k, e in enumerate(model.enablers)]
    seen: dict[str, tuple[str, PathKey]] = {}
    for ident, text, message, at in places:
        first = seen.setdefault(_norm(text), (ident, at))
        if first[0] != ident:
            yield doc.problem(
                at,
                _(message, id=clip(ident), first=clip(first[0]), line=doc.mark(first[1]).line),
                code="duplicate-text",
                target=ident,
            )


def _plain_as_text(doc: Document, model: Framework) -> Iterator[Problem]:
    """A target's plain words that only repeat its text (docs/framework-file.md, "Targets")."""
    for i, level in enumerate(model.levels):
        for j, t in enumerate(level.targets):
            if t.plain is not None and _norm(t.plain) == _norm(t.text):
                yield doc.problem(
                    ("levels", i, "targets", j, "plain"),
                    _(
                        "the plain words of '{id}' are its text again; say it without jargon, "
                        "as to someone new to the service, or remove 'plain:'",
                        id=clip(t.id),
                    ),
                    code="plain-as-text",
                    target=t.id,
                )


def _duplicate_own_texts(doc: Document, model: Framework, resolved: Framework) -> Iterator[Problem]:
    """In a tailored file, the texts it writes itself that repeat another target's or enabler's."""
    own: dict[str, PathKey] = {added.id: ("add", i, "text") for i, added in enumerate(model.add)}
    if model.override is not None:
        for ident, change in model.override.targets.items():
            if change.text is not None:
                own[ident] = ("override", "targets", ident, "text")
    texts = {t.id: t.text for level in resolved.levels for t in level.targets}
    texts |= {e.id: e.text for e in resolved.enablers}
    for ident, at in own.items():
        mine = _norm(texts.get(ident, ""))
        other = next((i for i, text in texts.items() if i != ident and _norm(text) == mine), None)
        if other is not None:
            yield doc.problem(
                at,
                _(
                    "target '{id}' has the same text as '{other}'; "
                    "reword one so people can tell them apart, or remove one",
                    id=clip(ident),
                    other=clip(other),
                ),
                code="duplicate-text",
                target=ident,
            )


def _empty_guidance(doc: Document, model: Framework) -> Iterator[Problem]:
    example = next((t.id for level in model.levels for t in level.targets), "L1.my-target")
    for c, challenge in enumerate(model.guidance):
        if not challenge.ideas:
            yield doc.problem(
                ("guidance", c),
                _(
                    "the challenge '{challenge}' has no ideas; list what worked under 'ideas:' or remove the challenge",
                    challenge=clip(challenge.challenge),
                ),
                code="empty-ideas",
            )
        for d, idea in enumerate(challenge.ideas):
            if not idea.helps:
                yield doc.problem(
                    ("guidance", c, "ideas", d, "helps"),
                    _(
                        "the idea '{idea}' helps no target; list the targets or enablers it helps, "
                        "such as 'helps: [{example}]', so gap reports can suggest it",
                        idea=clip(idea.text),
                        example=example,
                    ),
                    code="empty-helps",
                )


# ---- files -------------------------------------------------------------------------


def check_file(path: Path, shown: str | None = None) -> FileCheck:
    """Read one framework file and lint it; every problem is returned, none raised."""
    shown = str(path) if shown is None else shown
    try:
        raw = read_bytes(path, shown, pipe_ok=True)  # named on the command line
        text, parsed = framework_text(raw, shown, hint="check it with 'coprod validate'")  # never quoted
        privacy = check_input(text, shown, path.parent)  # before any message that could quote the text
        doc = parsed if parsed is not None else parse_text(text, shown)
        model = validate(Framework, doc)
    except InputError as e:
        return FileCheck(None, e.problems())
    try:
        loaded: LoadedFramework | None = load_framework_bytes(raw, path, shown, doc, privacy)
        problems: list[Problem] = []
    except InputError as e:
        # For a complete framework these are check_framework's, which lint repeats (kept once);
        # for a tailored one, what applying it to the framework it extends found.
        loaded, problems = None, list(e.problems())
    resolved = loaded.model if loaded is not None else None
    problems += lint(doc, model, resolved=resolved)
    return FileCheck(loaded, tuple(sorted(set(problems))))

"""``coprod framework check``'s rule for a framework's languages (docs/framework-file.md, "Welsh text").

A framework that lists ``cy`` under ``languages:`` carries the Welsh of every text under ``cy:``
beside its English; one that does not list it carries no ``cy:``.  A tailored framework is checked
for the text it writes itself, against the languages of the framework it resolves to.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from coprod_cli.errors import Problem, clip
from coprod_cli.framework.rules import written
from coprod_cli.i18n import _
from coprod_cli.model.models import Framework
from coprod_cli.reading.yamlread import Document, PathKey

_Texts = tuple[PathKey, object, tuple[str, ...], str, str | None]
"""Where an item with text is (its mapping), the item, its text keys, what to call it, its ID."""


def complete_texts(model: Framework) -> Iterator[_Texts]:
    """Every item of a complete framework that has text, with the keys of that text."""
    yield (), model, ("title", "description"), _("the framework"), None
    for i, level in enumerate(model.levels):
        at: PathKey = ("levels", i)
        yield at, level, ("title", "ethos", "responsibility", "summary"), _("level {number}", number=level.number), None
        for j, t in enumerate(level.targets):
            yield (*at, "targets", j), t, ("text", "plain"), _("target '{id}'", id=clip(t.id)), t.id
    for k, e in enumerate(model.enablers):
        yield ("enablers", k), e, ("text",), _("enabler '{id}'", id=clip(e.id)), e.id
    for c, challenge in enumerate(model.guidance):
        yield ("guidance", c), challenge, ("challenge",), _("challenge {number}", number=c + 1), None
        for d, idea in enumerate(challenge.ideas):
            what = _("idea {number} of challenge {challenge}", number=d + 1, challenge=c + 1)
            yield ("guidance", c, "ideas", d), idea, ("text",), what, None


def tailored_texts(model: Framework) -> Iterator[_Texts]:
    """The items of a tailored framework that write text of their own: its title, the targets it adds,
    and the targets and levels it rewords."""
    yield (), model, ("title", "description"), _("the framework"), None
    for i, added in enumerate(model.add):
        yield ("add", i), added, ("text", "plain"), _("target '{id}'", id=clip(added.id)), added.id
    if model.override is not None:
        for ident, change in model.override.targets.items():
            at: PathKey = ("override", "targets", ident)
            yield at, change, ("text", "plain"), _("target '{id}'", id=clip(ident)), ident
        for key, level_change in model.override.levels.items():
            what = _("level {number}", number=clip(key))
            yield ("override", "levels", key), level_change, ("title", "ethos", "responsibility", "summary"), what, None


def translations(doc: Document, languages: Sequence[str], items: Iterator[_Texts]) -> Iterator[Problem]:
    """Welsh text missing where ``languages:`` lists cy, and Welsh text given where it does not."""
    welsh_declared = "cy" in languages
    for at, item, keys, what, ident in items:
        welsh = getattr(item, "cy", None)
        if welsh is not None and not welsh_declared:
            yield doc.problem(
                (*at, "cy"),
                _(
                    "{what}: this 'cy:' gives Welsh text, but 'languages:' does not list cy; "
                    "add 'languages: [en, cy]' at the top of the file, or remove 'cy:'",
                    what=what,
                ),
                code="undeclared-language",
                key=True,
                target=ident,
            )
        if not welsh_declared:
            continue
        for key in keys:
            if getattr(item, key) is not None and (welsh is None or getattr(welsh, key) is None):
                yield doc.problem(
                    (*at, key),
                    _(
                        "{what}: there is no Welsh for '{key}:'; write it under 'cy:' beside the English, "
                        "or take cy out of 'languages:'",
                        what=what,
                        key=key,
                    ),
                    code="missing-translation",
                    target=ident,
                )


def tailored_translations(doc: Document, model: Framework, resolved: Framework) -> Iterator[Problem]:
    """The translation problems of a tailored framework: those of the text it writes itself, then,
    when it lists cy, the Welsh missing from the targets and levels it inherits (which it can give
    under ``override:``), at its ``languages:`` line or else its ``extends:`` line."""
    yield from translations(doc, resolved.languages, tailored_texts(model))
    if "cy" not in resolved.languages:
        return
    at: PathKey = ("languages",) if written(doc, "languages") else ("extends",)
    added = {a.id for a in model.add}
    targets = dict(model.override.targets) if model.override else {}
    levels = dict(model.override.levels) if model.override else {}
    for level in resolved.levels:
        own = levels.get(str(level.number))
        what = _("level {number}", number=level.number)
        for key in ("title", "ethos", "responsibility", "summary"):
            if _lacks_welsh(level, key) and (own is None or getattr(own, key) is None):
                yield _inherited_gap(doc, at, what, key, None)
        for t in level.targets:
            change = targets.get(t.id)
            for key in ("text", "plain"):
                if t.id not in added and _lacks_welsh(t, key) and (change is None or getattr(change, key) is None):
                    yield _inherited_gap(doc, at, _("target '{id}'", id=clip(t.id)), key, t.id)


def _lacks_welsh(item: object, key: str) -> bool:
    welsh = getattr(item, "cy", None)
    return getattr(item, key) is not None and (welsh is None or getattr(welsh, key) is None)


def _inherited_gap(doc: Document, at: PathKey, what: str, key: str, ident: str | None) -> Problem:
    return doc.problem(
        at,
        _(
            "{what}, from the framework this extends: there is no Welsh for '{key}:'; "
            "give it under 'override:' with 'cy:', or take cy out of 'languages:'",
            what=what,
            key=key,
        ),
        code="missing-translation",
        target=ident,
    )

"""The markdown gap report, rendered with Jinja from ``templates/``.

Every ``{{ … }}`` passes through an escaping ``finalize``, so user text is safe
markdown by default; only values coprod builds itself (``Md``) pass unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from coprod_cli import i18n
from coprod_cli.editing.writer import MARKER
from coprod_cli.errors import UsageError
from coprod_cli.i18n import _, n_
from coprod_cli.reading.inputs import note
from coprod_cli.reports.actions import by_owner, progress_word, tracked
from coprod_cli.reports.charts import mermaid
from coprod_cli.reports.feedback import channel_word, in_poster_order
from coprod_cli.reports.markdown import Md, escape
from coprod_cli.reports.sandbox import Sandbox, TemplateLimit
from coprod_cli.reports.words import (
    bar,
    day,
    either,
    our_reading,
    percent,
    plural,
    role_one,
    role_word,
    rung,
    rung_name,
    rungs,
    someone,
    status_word,
    things_to_check,
    to_ask_again,
)
from coprod_cli.resources import data_dir
from coprod_cli.scoring.coassess import by_role
from coprod_cli.scoring.score import Result

TEMPLATE = "report.md.j2"


def _finalize(value: Any) -> str:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float, date)):
        return str(value)
    return escape(str(value))


def _md_gettext(message: str, /, **values: Any) -> Md:
    """A message for a markdown template: its own words are markdown, the values put into it
    are escaped as any ``{{ value }}`` is."""
    return Md(_(message, **{k: _finalize(v) for k, v in values.items()}))


def _md_ngettext(one: str, other: str, count: int, /, **values: Any) -> Md:
    return Md(n_(one, other, count, **{k: _finalize(v) for k, v in values.items()}))


def id_prefix() -> str:
    """What each ``id`` of an HTML page starts with: the language's code and a dash in a bilingual
    page (so the Welsh and English halves never share one), nothing otherwise."""
    choice = i18n.chosen()
    return f"{i18n.current()}-" if choice is not None and choice.bilingual else ""


class _InputLoader(jinja2.FileSystemLoader):
    """Loads templates from folders and notes each one as an input of the command, so no output
    is ever written over it: when it is loaded, and each time its compiled form is used again."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        path, data = Path(filename), source.encode("utf-8")

        def still_used() -> bool:
            try:
                note(path, data, os.stat(path))
            except OSError:
                return False  # gone: Jinja loads it again, and says it is not there
            return uptodate()

        still_used()
        return source, filename, still_used


def base_environment(template_dir: Path, *, finalize: Any, autoescape: bool) -> Sandbox:
    """The Jinja set-up every renderer shares: Jinja's sandbox, strict about undefined names;
    a template folder of your own falls back to the shipped one for anything it does not have,
    and is held to the limits of :mod:`~coprod_cli.reports.sandbox`."""
    folders = [str(template_dir)]
    own = not _is_shipped(template_dir)
    if own:
        folders.append(str(data_dir("templates")))
    env = Sandbox(
        bounded=own,
        loader=_InputLoader(folders),
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # The language coprod speaks (docs/languages.md): _("…{name}…", name=…) and ngettext(one, other, count).
    env.install_gettext_callables(_, n_, newstyle=False)  # type: ignore[attr-defined]
    # The ladder's words, one source for every style: rungs(top) from the bottom, rung(level, top) a unit's place;
    # our_reading: what is the paper's and what is coprod's.
    # things_to_check(r): the warnings in a shared report's words (the command prints where to fix them).
    # status_word, role_word, role_one and rung_name: a code in words, in the language spoken.
    # lang: the language spoken; ids: what every HTML id starts with (a prefix per language, in a bilingual page).
    env.globals.update(rungs=rungs, rung=rung, things_to_check=things_to_check, to_ask_again=to_ask_again)
    env.globals.update(status_word=status_word, role_word=role_word, role_one=role_one, rung_name=rung_name)
    env.globals.update(
        roles_or=either, someone=someone
    )  # ["staff", "manager"] → "staff or managers", in the language spoken
    env.globals.update(ratings_by_role=lambda found: by_role(found).items())  # (role, ((status, n), …)), …
    # The "you said, we did" log in the poster's order, and how each item was raised in words.
    env.globals.update(in_poster_order=in_poster_order, channel_word=channel_word)
    # Every action by owner, ordered and grouped in Python (docs/evidence-file.md, 'Actions'); whether to show them.
    env.globals.update(actions_by_owner=by_owner, actions_tracked=tracked, progress_word=progress_word)
    return env


def environment(template_dir: Path) -> Sandbox:
    """Jinja set up for markdown: every ``{{ }}`` escaped for markdown."""
    env = base_environment(template_dir, finalize=_finalize, autoescape=False)
    env.filters.update(
        status=lambda s: Md(status_word(s)),
        role=lambda r: Md(role_word(r)),
        percent=percent,
        bar=bar,
        plural=plural,
        day=day,
        mermaid=mermaid,
        # A macro's output was escaped piece by piece inside it; mark it as markdown.
        rendered=lambda text: Md(str(text)),
    )
    env.globals.update(marker=Md(MARKER), gettext=_md_gettext, ngettext=_md_ngettext)
    return env


def render(
    result: Result,
    *,
    template_dir: Path | None = None,
    source_name: str | None = None,
    since: object = None,
    ratings: str = "by-role",
) -> str:
    """The gap report as markdown text; ``since`` (a ``compare.Comparison``) adds what changed;
    ``ratings`` says how each person's own ratings are shown where views differ (docs/privacy.md,
    "Ratings in reports"): ``by-role`` (counted, without names) or ``by-person``."""
    folder = template_dir or data_dir("templates")
    return render_template(
        environment, folder, TEMPLATE, r=result, source=source_name or result.file, since=since, ratings=ratings
    )


def render_template(make: Callable[[Path], Sandbox], folder: Path, name: str, **context: Any) -> str:
    """Render template ``name`` from ``folder`` (with the environment ``make`` builds for it).

    Every mistake in a template of your own — its syntax, a name it does not have, a file it
    includes that is not there, anything its code raises, anything the sandbox refuses and any
    limit it passes — is a usage error naming the template's file and line. The same in a
    shipped template is coprod's bug, and stays one.
    """
    if not (folder / name).is_file():
        raise UsageError(
            _(
                "{folder}: no '{name}' in this template folder; copy the shipped one from 'templates/' and edit it",
                folder=folder,
                name=name,
            )
        )
    # Said in the language spoken now, so given with each rendering rather than kept in the environment.
    choice = i18n.chosen()
    context = {
        "our_reading": our_reading(),
        "lang": i18n.current(),
        "ids": id_prefix(),
        "bilingual": choice is not None and choice.bilingual,
        **context,
    }
    try:
        env = _environment(make, folder)
        return env.produce(env.get_template(name), context)
    except jinja2.TemplateSyntaxError as e:
        place = f"{e.filename or name}:{e.lineno}:1"
        raise UsageError(_("{where}: template error: {problem}", where=place, problem=e.message)) from e
    except jinja2.TemplateNotFound as e:
        raise UsageError(
            _(
                "{folder}: no '{name}' in this template folder or the shipped one; "
                "check the name your template includes or extends",
                folder=folder,
                name=e.name,
            )
        ) from e
    except jinja2.UndefinedError as e:
        file, line = _template_line(e, folder) or (str(folder / name), None)
        where = f"{file}:{line}:1" if line else file
        raise UsageError(_("{where}: template error: {problem}", where=where, problem=e.message)) from e
    except TemplateLimit as e:
        file, line = _template_line(e, folder) or (str(folder / name), None)
        where = f"{file}:{line}:1" if line else file
        raise UsageError(
            _(
                "{where}: template stopped: {limit}; a template of your own runs within limits "
                "(README, 'Your own report layout')",
                where=where,
                limit=e,
            )
        ) from e
    except SecurityError as e:
        found = _template_line(e, folder)
        if found is None:
            raise  # not in a template of the user's: a bug in coprod
        place = f"{found[0]}:{found[1]}:1"
        raise UsageError(
            _(
                "{where}: template refused: {problem}; a template runs in a sandbox: it "
                "can lay out the values coprod gives it, but not reach into Python (names starting with '_') "
                "or change coprod's data",
                where=place,
                problem=str(e).rstrip("."),
            )
        ) from e
    except Exception as e:
        found = _template_line(e, folder)
        if found is None:
            raise  # not in a template of the user's: a bug in coprod
        place = f"{found[0]}:{found[1]}:1"
        problem = f"{e} ({type(e).__name__})"
        raise UsageError(_("{where}: template error: {problem}", where=place, problem=problem)) from e


def _is_shipped(folder: Path) -> bool:
    return folder.resolve() == data_dir("templates").resolve()


@cache
def _environment(make: Callable[[Path], Sandbox], folder: Path) -> Sandbox:
    """One environment of each kind per template folder for the whole process: Jinja keeps every
    template it compiles in its environment, so each is compiled once (and again only if its file changes)."""
    return make(folder)


def _template_line(error: BaseException, folder: Path) -> tuple[str, int] | None:
    """The innermost line of a template in ``folder`` (or a folder inside it) that ``error``
    passed through, unless ``folder`` is the shipped one (Jinja gives its frames the template's
    file and line)."""
    if _is_shipped(folder):
        return None
    own = folder.resolve()
    found = None
    tb = error.__traceback__
    while tb is not None:
        file = tb.tb_frame.f_code.co_filename
        if file.endswith(".j2") and own in Path(file).resolve().parents:
            found = (file, tb.tb_lineno)
        tb = tb.tb_next
    return found

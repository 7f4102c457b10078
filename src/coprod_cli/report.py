"""The markdown gap report, rendered with Jinja from ``templates/``.

Every ``{{ … }}`` passes through an escaping ``finalize``, so user text is safe
markdown by default; only values coprod builds itself (``Md``) pass unchanged.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from .errors import UsageError
from .markdown import Md, escape
from .resources import data_dir
from .scoring import Result
from .words import ROLE_WORDS, STATUS_WORDS, bar, day, percent, plural
from .writer import MARKER

TEMPLATE = "report.md.j2"


def _finalize(value: Any) -> str:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float, date)):
        return str(value)
    return escape(str(value))


def base_environment(template_dir: Path, *, finalize: Any, autoescape: bool) -> jinja2.Environment:
    """The Jinja set-up every renderer shares: strict about undefined names, and a template
    folder of your own falls back to the shipped one for anything it does not have."""
    folders = [str(template_dir)]
    shipped = data_dir("templates")
    if template_dir.resolve() != shipped.resolve():
        folders.append(str(shipped))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def environment(template_dir: Path) -> jinja2.Environment:
    """Jinja set up for markdown: every ``{{ }}`` escaped for markdown."""
    env = base_environment(template_dir, finalize=_finalize, autoescape=False)
    env.filters.update(
        status=lambda s: Md(STATUS_WORDS[s]),
        role=lambda r: Md(ROLE_WORDS[r]),
        percent=percent,
        bar=bar,
        plural=plural,
        day=day,
        # A macro's output was escaped piece by piece inside it; mark it as markdown.
        rendered=lambda text: Md(str(text)),
    )
    env.globals.update(marker=Md(MARKER))
    return env


def render(
    result: Result, *, template_dir: Path | None = None, source_name: str | None = None, since: object = None
) -> str:
    """The gap report as markdown text; ``since`` (a ``compare.Comparison``) adds what changed."""
    folder = template_dir or data_dir("templates")
    if not (folder / TEMPLATE).is_file():
        raise UsageError(
            f"{folder}: no '{TEMPLATE}' in this template folder; copy the shipped one from 'templates/' and edit it"
        )
    try:
        template = environment(folder).get_template(TEMPLATE)
        return template.render(r=result, source=source_name or result.file, since=since)
    except jinja2.TemplateSyntaxError as e:
        raise UsageError(f"{e.filename or TEMPLATE}:{e.lineno}:1: template error: {e.message}") from e
    except jinja2.UndefinedError as e:
        raise UsageError(f"{folder / TEMPLATE}: template error: {e.message}") from e

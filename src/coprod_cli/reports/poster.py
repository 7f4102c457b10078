"""The "You said, we did" poster (``coprod report UNIT --style poster``), markdown or HTML.

The page services put on the ward wall (docs/evidence-file.md, 'You said, we did'): what service
users and carers raised, and what was done about it, in big, plain words. Done items come first,
then what is still being worked on, then what could not be done and why; in each, the most
recent first. It names the unit and the time the log covers, never a person or an id.

This module only chooses and orders; every word is in ``templates/poster.md.j2`` and
``templates/poster.html.j2``. The standard and easy-read reports show the log in the same order
(:func:`~coprod_cli.reports.feedback.in_poster_order`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coprod_cli.errors import UsageError
from coprod_cli.i18n import _
from coprod_cli.model.evidence import Feedback
from coprod_cli.reports.feedback import in_poster_order, last_change
from coprod_cli.reports.html_report import environment as html_environment
from coprod_cli.reports.markdown_report import environment, render_template
from coprod_cli.resources import data_dir
from coprod_cli.scoring.score import Result

MARKDOWN_TEMPLATE = "poster.md.j2"
HTML_TEMPLATE = "poster.html.j2"


@dataclass(frozen=True)
class Poster:
    """What the poster shows, each list in poster order."""

    unit: str
    first: date
    """The day the earliest item was raised."""
    last: date
    """The latest day any item was raised or changed."""
    done: tuple[Feedback, ...]
    open: tuple[Feedback, ...]
    dropped: tuple[Feedback, ...]


def poster(result: Result) -> Poster:
    """Choose what the poster shows; a log with nothing in it is a usage error saying how to start one."""
    items = in_poster_order(result.you_said_we_did)
    if not items:
        raise UsageError(
            _(
                "{file}: there is nothing to put on the poster yet, because the file has no "
                "'you_said_we_did:' log; add what service users and carers raised and what was done "
                "about it (docs/evidence-file.md, 'You said, we did'), or choose --style standard or easy-read",
                file=result.file,
            )
        )
    return Poster(
        unit=result.unit_name,
        first=min(f.raised_on for f in items),
        last=max(max(f.raised_on, last_change(f)) for f in items),
        done=tuple(f for f in items if f.status == "done"),
        open=tuple(f for f in items if f.status == "open"),
        dropped=tuple(f for f in items if f.status == "dropped"),
    )


def render_markdown(result: Result, *, template_dir: Path | None = None, source_name: str | None = None) -> str:
    """The poster as markdown (escaped as the standard markdown report is)."""
    facts = poster(result)
    folder = template_dir or data_dir("templates")
    return render_template(environment, folder, MARKDOWN_TEMPLATE, p=facts, source=source_name or result.file)


def render_html(result: Result, *, template_dir: Path | None = None, source_name: str | None = None) -> str:
    """The poster as one self-contained HTML page that prints on A4."""
    facts = poster(result)
    folder = template_dir or data_dir("templates")
    return render_template(html_environment, folder, HTML_TEMPLATE, p=facts, source=source_name or result.file)

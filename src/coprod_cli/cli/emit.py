"""What the commands over many units share: their options, and how each writes its output.

``summary``, ``compare``, ``history`` and ``pool`` print or write what they make the same way:
scanned for personal data first (docs/privacy.md), then printed, or written never over an input.
"""

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coprod_cli.cli.options import ServiceFormat, err
from coprod_cli.i18n import N_, _

if TYPE_CHECKING:
    from coprod_cli.privacy.readable import Form


FormatOpt = Annotated[
    ServiceFormat,
    typer.Option("--format", help=N_("text for people, json for scripts, markdown for a shared document.")),
]


OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help=N_("Where to write it (default: print it).")),
]
ForceOpt = Annotated[bool, typer.Option("--force", help=N_("Replace FILE even if coprod did not write it."))]
TemplateOpt = Annotated[
    Path | None,
    typer.Option("--template", metavar="DIR", help=N_("A folder with your own markdown templates.")),
]


def text_of(draw: Callable[[Any], None]) -> str:
    """What ``draw`` prints on a rich console, as text."""
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    with console.capture() as captured:
        draw(console)
    return captured.get()


FORMS: "dict[str, Form]" = {"markdown": "markdown", "html": "html"}
"""How a page in each format is read, for the privacy scan (any other format is read as written)."""


def emit(
    text: str,
    *,
    output: Path | None,
    force: bool,
    inputs: list[Path],
    beside: Path,
    allowed: frozenset[str],
    label: str,
    ours: Iterable[str] = (),
    form: "Form" = "plain",
) -> None:
    """Scan the output for personal data (not ``ours``, what coprod wrote itself) as a reader of
    ``form`` reads it, then print it or write it (never over an input)."""
    from coprod_cli.privacy.guard import check_output

    check_output(text, str(output or label), beside, allowed, ours=ours, form=form)
    if output is None:
        sys.stdout.write(text)
        return
    from coprod_cli.editing.writer import write_text

    write_text(output, text, inputs=inputs, force=force)
    err(_("Wrote {path}.", path=output))


def service_text(
    format: ServiceFormat,
    result: Any,
    template: Path | None,
    as_data: Callable[[Any], Any],
    as_markdown: Callable[..., str],
    as_text: Callable[[Any], str],
) -> str:
    """A comparison, a history or a placement in the format asked for: JSON, markdown, or terminal text."""
    if format is ServiceFormat.json:
        from coprod_cli.reports.json_result import dumps

        return dumps(as_data(result))
    if format is ServiceFormat.markdown:
        from coprod_cli.reports.bilingual import in_chosen_languages

        return in_chosen_languages(lambda: as_markdown(result, template_dir=template), "markdown")
    return as_text(result)


def on_console(draw: Callable[[Any, Any], None]) -> Callable[[Any], str]:
    """A view that prints ``result`` on a rich console, as a function giving its text."""
    return lambda result: text_of(lambda console: draw(result, console))

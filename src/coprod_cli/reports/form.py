"""The paper rating form (docs/forms.md): every target of a framework, with a tick box for each
status and ruled space for the evidence, for one rater or one role to fill in by hand.

:func:`build` gathers what the form shows from a framework (and, when the form is for a unit, the
unit's name and assessment date); :func:`render` lays it out as one self-contained HTML page for
A4, in the ``standard`` or the ``easy-read`` style.  Neither prints, writes or reads a file.  The
framework's texts stay :class:`~coprod_cli.model.text.Wording`, shown in the language spoken when
the page is made, so a bilingual form shows each half in its own language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coprod_cli.errors import UsageError
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.hints import command
from coprod_cli.i18n import _
from coprod_cli.model.models import ROLES, STATUSES, Enabler, Target
from coprod_cli.model.text import Wording, worded
from coprod_cli.reports.html_report import environment
from coprod_cli.reports.markdown_report import render_template
from coprod_cli.resources import data_dir

TEMPLATES = {"standard": "form.html.j2", "easy-read": "form.easy-read.html.j2"}
STYLES = tuple(TEMPLATES)
LINES = {"standard": (3, 2), "easy-read": (3, 0)}
"""Ruled lines for each target's evidence, and for what to do about it (none in easy read)."""


@dataclass(frozen=True, slots=True)
class FormItem:
    """One target or enabler as the form asks about it."""

    id: str
    """Printed small, so the answers can be typed back in."""
    text: Wording
    """The framework's text."""
    plain: Wording | None
    """Its plain-words gloss, if the framework gives one (the easy-read form shows it instead)."""
    required: bool = False
    """The level is not achieved while this target is below met."""

    @property
    def easy(self) -> Wording:
        """What the easy-read form says: the plain words, else the text."""
        return self.plain or self.text


@dataclass(frozen=True, slots=True)
class FormLevel:
    number: int
    title: Wording
    items: tuple[FormItem, ...]


@dataclass(frozen=True, slots=True)
class Form:
    """Everything a paper form shows, in no language yet."""

    framework: Wording
    """The framework's title."""
    framework_id: str
    framework_version: str
    levels: tuple[FormLevel, ...]
    enablers: tuple[FormItem, ...]
    unit: str | None = None
    """The unit's name; None leaves a line to write it on."""
    assessed_on: date | None = None
    """The date of the assessment the form is for, from the unit's file; None leaves a line."""
    rater: str | None = None
    """Whose form it is (``--as``); None leaves a line for their name."""
    role: str | None = None
    """Their role, or the role whose group the form is for (``--role``); None leaves tick boxes."""
    typed_in: str = "coprod interview UNIT.yaml --as NAME --role ROLE"
    """The command that types the answers in (docs/forms.md, "Typing the answers in")."""
    imported: str = "coprod import FORM.csv --into UNIT.yaml -o RATED.yaml --as NAME --role ROLE"
    """The command that reads the answers from a spreadsheet instead (docs/importing.md)."""
    statuses: tuple[str, ...] = STATUSES
    """A tick box for each, in this order: every status there is."""
    roles: tuple[str, ...] = ROLES


def _text(item: object, name: str) -> Wording:
    """A text every item of its kind has (a target's or enabler's text, a level's title)."""
    found = worded(item, name)
    assert found is not None
    return found


def _item(target: Target | Enabler) -> FormItem:
    plain = worded(target, "plain") if isinstance(target, Target) else None
    return FormItem(target.id, _text(target, "text"), plain, isinstance(target, Target) and target.required)


def build(
    fw: LoadedFramework,
    *,
    unit: str | None = None,
    assessed_on: date | None = None,
    rater: str | None = None,
    role: str | None = None,
    unit_file: str | None = None,
    finding: Sequence[str] = (),
) -> Form:
    """The form for ``fw``'s targets, level by level, then its enablers; ``unit_file`` is the
    evidence file the answers are typed into (``UNIT.yaml`` in the command when not known), and
    ``finding`` the options the command needs to find the framework as this form did."""
    whose = ("--as", rater or "NAME", "--role", role or "ROLE")
    levels = tuple(
        FormLevel(
            level.number,
            _text(level, "title"),
            tuple(_item(t) for t in level.targets),
        )
        for level in fw.model.levels
    )
    return Form(
        framework=_text(fw.model, "title"),
        framework_id=fw.id,
        framework_version=fw.version,
        levels=levels,
        enablers=tuple(_item(e) for e in fw.model.enablers),
        unit=unit,
        assessed_on=assessed_on,
        rater=rater,
        role=role,
        typed_in=command("interview", unit_file or "UNIT.yaml", *whose, *finding),
        imported=command(
            "import", "FORM.csv", "--into", unit_file or "UNIT.yaml", "-o", "RATED.yaml", *whose, *finding
        ),
    )


def render(form: Form, style: str = "standard", *, source: str) -> str:
    """The form as one self-contained HTML page for A4, in the language spoken now.

    ``source`` names what it was made from, in the generated-file marker at its top.
    """
    if style not in TEMPLATES:
        raise UsageError(
            _("--style: '{style}' is not a form style; use one of: {styles}", style=style, styles=", ".join(STYLES))
        )
    lines, action_lines = LINES[style]
    return render_template(
        environment,
        data_dir("templates"),
        TEMPLATES[style],
        f=form,
        source=source,
        lines=lines,
        action_lines=action_lines,
        easy=style == "easy-read",
    )

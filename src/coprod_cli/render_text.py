"""The terminal summary of ``coprod assess``, drawn with rich.

User text always goes in as ``rich.text.Text``, so it is shown as written and never
read as markup.  Status is given by a word and a symbol, never by colour alone.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .scoring import Result
from .words import ROLE_WORDS, STATUS_WORDS, bar, percent

_STATUS_STYLE = {"met": "green", "partial": "yellow", "not-met": "red", "not-assessed": "dim", "not-applicable": "dim"}


def _t(text: str, style: str = "") -> Text:
    return Text(text, style=style)


def render(result: Result, console: Console) -> None:
    r = result
    head = Text(r.unit_name, style="bold")
    extra = " · ".join(x for x in (r.unit_service, r.unit_organisation) if x)
    if extra:
        head.append(f" — {extra}")
    console.print(head)
    chain = "".join(f", which tailors {p.id} {p.version} ({p.sha256[:12]})" for p in r.framework.parents)
    fw = f"{r.framework.id} {r.framework.version} ({r.framework.sha256[:12]})"
    console.print(_t(f"Assessed on {r.assessed_on} against {fw}{chain}", "dim"))
    console.print()

    levels = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    for name, justify in (
        ("Level", "left"),
        ("", "left"),
        ("Score", "right"),
        ("Needs", "right"),
        ("Achieved", "left"),
    ):
        levels.add_column(name, justify=justify)  # type: ignore[arg-type]
    for lv in r.levels:
        done = _t("✓ yes", "green") if lv.achieved else _t("✗ not yet", "red")
        levels.add_row(
            _t(f"{lv.number}. {lv.title}"),
            _t(bar(lv.percent, 20)),
            _t(percent(lv.percent)),
            _t(f"{lv.threshold}%"),
            done,
        )
    console.print(levels)
    console.print()

    if r.attained_level:
        line = f"{r.unit_name} is at Level {r.attained_level} — {r.attained_title}."
    else:
        line = f"{r.unit_name} has not yet reached Level 1 — {r.levels[0].title}."
    console.print(_t(line, "bold"))
    step = r.next_step
    if step is not None and step.possible and step.targets_needed:
        console.print(
            _t(
                f"To reach Level {step.level}: {step.targets_needed} more target"
                f"{'' if step.targets_needed == 1 else 's'} met. Closest first: {', '.join(step.closest)}"
            )
        )
    elif step is None:
        console.print(_t("Every level is achieved. Keep the evidence current."))
    console.print()

    if r.gaps:
        console.print(_t(f"Gaps ({len(r.gaps)})", "bold"))
        gaps = Table(box=None, show_header=False, pad_edge=False)
        gaps.add_column("id", no_wrap=True)
        gaps.add_column("status", no_wrap=True)
        gaps.add_column("text")
        for g in r.gaps:
            gaps.add_row(_t(g.id), _t(STATUS_WORDS[g.status], _STATUS_STYLE[g.status]), _t(g.text))
        console.print(gaps)
    else:
        console.print(_t("No gaps: every target that applies is met."))
    console.print()

    console.print(_t("Enablers", "bold"))
    enablers = Table(box=None, show_header=False, pad_edge=False)
    enablers.add_column("id", no_wrap=True)
    enablers.add_column("status", no_wrap=True)
    for e in r.enablers:
        enablers.add_row(_t(e.id), _t(STATUS_WORDS[e.status], _STATUS_STYLE[e.status]))
    console.print(enablers)
    console.print()

    voices = ", ".join(f"{ROLE_WORDS[role].lower()} {n}" for role, n in r.assessors.items() if n)
    console.print(_t(f"Who took part: {voices or 'nobody is listed under assessors'}"))
    if not r.user_voice:
        console.print(_t("No service user or carer took part: nothing about us without us.", "yellow"))
    if r.warnings:
        console.print()
        console.print(_t(f"Warnings ({len(r.warnings)})", "bold"))
        for w in r.warnings:
            console.print(_t(w.render(warning=True)))

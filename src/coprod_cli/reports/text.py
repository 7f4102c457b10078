"""The terminal summary of ``coprod assess``, drawn with rich.

User text always goes in as ``rich.text.Text``, so it is shown as written and never
read as markup.  Status is given by a word and a symbol, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coprod_cli.reports.words import ROLE_WORDS, STATUS_WORDS, bar, percent, rung
from coprod_cli.scoring.score import LevelResult, Result, RoleCounts

_STATUS_STYLE = {"met": "green", "partial": "yellow", "not-met": "red", "not-assessed": "dim", "not-applicable": "dim"}


def _t(text: str, style: str = "") -> Text:
    return Text(text, style=style)


_ONE = {"service-user": "service user", "carer": "carer", "staff": "staff", "third-sector": "third sector"}
_ONE["manager"] = "manager"


def _roles(roles: tuple[str, ...], joiner: str = ", ") -> str:
    return joiner.join(ROLE_WORDS[role].lower() for role in roles)


def _someone(roles: tuple[str, ...]) -> str:
    """'a service user or carer'."""
    words = [_ONE[role] for role in roles]
    return "a " + (", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0])


def _by_role(views: Mapping[str, RoleCounts]) -> str:
    """'service users: met ×2, partly met · staff: met' — how each role rated a target."""
    parts = []
    for role, counts in views.items():
        given = ", ".join(STATUS_WORDS[status].lower() + (f" ×{n}" if n > 1 else "") for status, n in counts)
        parts.append(f"{ROLE_WORDS[role].lower()}: {given}")
    return " · ".join(parts)


def _achieved(lv: LevelResult) -> Text:
    if lv.achieved:
        return _t("✓ yes", "green")
    if lv.awaiting_sign_off:
        return _t("✗ awaiting sign-off", "red")
    return _t("✗ not yet", "red")


def _signed(lv: LevelResult) -> Text:
    names = ", ".join(f"{s.name} ({_ONE[s.role]}, {s.date})" for s in lv.signed_off)
    if lv.sign_off_missing:
        needed = f"needs signing off by {_someone(lv.sign_off_required)}"
        return _t(f"{names}; {needed}" if names else needed, "yellow")
    return _t(names or "not signed off")


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
        levels.add_row(
            _t(f"{lv.number}. {lv.title}"),
            _t(bar(lv.percent, 20)),
            _t(percent(lv.percent)),
            _t(f"{lv.threshold}%"),
            _achieved(lv),
        )
    console.print(levels)
    if any(lv.signed_off or lv.sign_off_required for lv in r.levels):
        signed = Table(box=None, show_header=False, pad_edge=False)
        signed.add_column("level", no_wrap=True)
        signed.add_column("who")
        for lv in r.levels:
            signed.add_row(_t(f"Level {lv.number} signed off by"), _signed(lv))
        console.print(signed)
    console.print()

    if r.attained_level:
        line = f"{r.unit_name} is at Level {r.attained_level} — {r.attained_title}."
    else:
        line = f"{r.unit_name} has not yet reached Level 1 — {r.levels[0].title}."
    console.print(_t(line, "bold"))
    place = rung(r.attained_level, r.top_level)
    console.print(_t(f"On Arnstein's ladder: {place.name} ({place.where}). {place.plain}"))
    step = r.next_step
    if step is not None and step.possible and step.targets_needed:
        console.print(
            _t(
                f"To reach Level {step.level}: {step.targets_needed} more target"
                f"{'' if step.targets_needed == 1 else 's'} met. These would do it: {', '.join(step.closest)}"
            )
        )
        if step.other_wins:
            console.print(_t(f"Nearest wins, already partly met: {', '.join(step.other_wins)}"))
    elif step is None:
        console.print(_t("Every level is achieved. Keep the evidence current."))
    if step is not None and step.sign_off_needed:
        who = _someone(step.sign_off_needed)
        if step.targets_needed or not step.possible:
            console.print(_t(f"Level {step.level} also needs signing off by {who}."))
        else:
            console.print(_t(f"Level {step.level} has the score it needs and counts once {who} signs it off."))
    console.print()

    if r.known_gaps:
        console.print(_t(f"Gaps ({len(r.known_gaps)})", "bold"))
        gaps = Table(box=None, show_header=False, pad_edge=False)
        gaps.add_column("id", no_wrap=True)
        gaps.add_column("status", no_wrap=True)
        gaps.add_column("text")
        for g in r.known_gaps:
            text = _t(g.text)
            if g.by_role:
                text.append(f"\n{_by_role(g.by_role)}", style="dim")
            gaps.add_row(_t(g.id), _t(STATUS_WORDS[g.status], _STATUS_STYLE[g.status]), text)
        console.print(gaps)
    elif r.not_assessed:
        console.print(_t("No target was assessed as partly met or not met."))
    else:
        console.print(_t("No gaps: every target that applies is met."))
    if r.not_assessed:
        console.print(_t(f"Not assessed yet ({len(r.not_assessed)}): not known to be met or not", "bold"))
        console.print(_t(", ".join(t.id for t in r.not_assessed)))
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
    if r.rated:
        rated = ", ".join(f"{ROLE_WORDS[role].lower()} {n}" for role, n in r.voices.items() if n)
        console.print(_t(f"Targets each role rated: {rated or 'none yet'}"))
    if not r.user_voice:
        console.print(_t("No service user or carer took part: nothing about us without us.", "yellow"))
    _disagreements(r, console)
    _quality(r, console)
    if r.warnings:
        console.print()
        console.print(_t(f"Warnings ({len(r.warnings)})", "bold"))
        for w in r.warnings:
            console.print(_t(w.render(warning=True)))


_KIND_WORDS = {
    "spread": "views are more than a step apart",
    "staff-prevails": "agreed above every service user and carer rating: a power imbalance to discuss",
}


def _disagreements(r: Result, console: Console) -> None:
    if not r.disagreements:
        return
    console.print()
    console.print(_t(f"Where views differ ({len(r.differing)})", "bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("agreed", no_wrap=True)
    table.add_column("what")
    for found in r.differing:
        what = _t("; ".join(_KIND_WORDS[d.kind] for d in found))
        ratings = ", ".join(f"{x.name} {STATUS_WORDS[x.status].lower()}" for x in found[0].ratings)
        what.append(f"\n{ratings}", style="dim")
        table.add_row(_t(found[0].target), _t(f"agreed {STATUS_WORDS[found[0].agreed].lower()}"), what)
    console.print(table)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _quality(r: Result, console: Console) -> None:
    q = r.quality
    console.print()
    console.print(_t("Assessment quality", "bold"))
    share = "no target applies"
    if q.evidence_share is not None:
        share = f"{q.targets_with_evidence} of {q.applicable_targets} that apply ({percent(q.evidence_share)})"
    unresolved = str(len(q.unresolved)) + (f" ({', '.join(q.unresolved)})" if q.unresolved else "")
    rows = (
        ("Targets with evidence", share, q.targets_with_evidence < q.applicable_targets),
        ("Stale evidence", _count(q.stale_evidence, "item", "items"), q.stale_evidence),
        ("Met without evidence", _count(q.met_without_evidence, "target", "targets"), q.met_without_evidence),
        ("Roles that did not take part", _roles(q.roles_missing, ", ") or "none", q.roles_missing),
        ("Disagreements not settled", unresolved, q.unresolved),
        ("Actions without owner or due date", str(q.actions_incomplete), q.actions_incomplete),
        ("Actions overdue", str(q.actions_overdue), q.actions_overdue),
        ("Targets not assessed", str(q.not_assessed), q.not_assessed),
    )
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("check", no_wrap=True)
    table.add_column("found")
    for label, found, flagged in rows:
        table.add_row(_t(f"  {label}"), _t(found, "yellow" if flagged else ""))
    console.print(table)

"""The terminal summary of ``coprod assess``, drawn with rich.

User text always goes in as ``rich.text.Text``, so it is shown as written and never
read as markup.  Status is given by a word and a symbol, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coprod_cli.i18n import N_, _, n_
from coprod_cli.reports.actions import by_owner
from coprod_cli.reports.words import bar, percent, role_one, role_word, rung, someone, status_word
from coprod_cli.scoring.score import LevelResult, Result, RoleCounts

_STATUS_STYLE = {"met": "green", "partial": "yellow", "not-met": "red", "not-assessed": "dim", "not-applicable": "dim"}


def _t(text: str, style: str = "") -> Text:
    return Text(str(text), style=style)  # str(): a framework's Wording in the language spoken


def _roles(roles: tuple[str, ...], joiner: str = ", ") -> str:
    return joiner.join(role_word(role).lower() for role in roles)


def _someone(roles: tuple[str, ...]) -> str:
    """'a service user or carer'."""
    return someone(roles)


def _by_role(views: Mapping[str, RoleCounts]) -> str:
    """'service users: met ×2, partly met · staff: met' — how each role rated a target."""
    parts = []
    for role, counts in views.items():
        given = ", ".join(status_word(status).lower() + (f" ×{n}" if n > 1 else "") for status, n in counts)
        parts.append(f"{role_word(role).lower()}: {given}")
    return " · ".join(parts)


def _achieved(lv: LevelResult) -> Text:
    if lv.achieved:
        return _t(_("✓ yes"), "green")
    if lv.awaiting_sign_off:
        return _t(_("✗ awaiting sign-off"), "red")
    return _t(_("✗ not yet"), "red")


def _signed(lv: LevelResult) -> Text:
    names = ", ".join(f"{s.name} ({role_one(s.role)}, {s.date})" for s in lv.signed_off)
    if lv.sign_off_missing:
        needed = _("needs signing off by {who}", who=_someone(lv.sign_off_required))
        return _t(f"{names}; {needed}" if names else needed, "yellow")
    return _t(names or _("not signed off"))


def render(result: Result, console: Console) -> None:
    r = result
    head = Text(r.unit_name, style="bold")
    extra = " · ".join(x for x in (r.unit_service, r.unit_organisation) if x)
    if extra:
        head.append(f" — {extra}")
    console.print(head)

    def named(id_: str, version: str, sha256: str) -> str:
        return f"{id_} {version} ({sha256[:12]})"

    chain = "".join(
        _(", which tailors {framework}", framework=named(p.id, p.version, p.sha256)) for p in r.framework.parents
    )
    fw = named(r.framework.id, r.framework.version, r.framework.sha256)
    console.print(_t(_("Assessed on {day} against {framework}", day=r.assessed_on, framework=fw) + chain, "dim"))
    console.print()

    levels = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    for name, justify in (
        (_("Level"), "left"),
        ("", "left"),
        (_("Score"), "right"),
        (_("Needs"), "right"),
        (_("Achieved"), "left"),
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
            signed.add_row(_t(_("Level {level} signed off by", level=lv.number)), _signed(lv))
        console.print(signed)
    console.print()

    if r.attained_level:
        line = _(
            "{unit} is at Level {level} — {title}.", unit=r.unit_name, level=r.attained_level, title=r.attained_title
        )
    else:
        line = _("{unit} has not yet reached Level 1 — {title}.", unit=r.unit_name, title=r.levels[0].title)
    console.print(_t(line, "bold"))
    place = rung(r.attained_level, r.top_level)
    console.print(
        _t(_("On Arnstein's ladder: {step} ({where}). {plain}", step=place.said, where=place.where, plain=place.plain))
    )
    step = r.next_step
    if step is not None and step.possible and step.targets_needed:
        console.print(
            _t(
                n_(
                    "To reach Level {level}: {count} more target met. These would do it: {targets}",
                    "To reach Level {level}: {count} more targets met. These would do it: {targets}",
                    step.targets_needed,
                    level=step.level,
                    targets=", ".join(step.closest),
                )
            )
        )
        if step.other_wins:
            console.print(_t(_("Nearest wins, already partly met: {targets}", targets=", ".join(step.other_wins))))
    elif step is None:
        console.print(_t(_("Every level is achieved. Keep the evidence current.")))
    if step is not None and step.sign_off_needed:
        who = _someone(step.sign_off_needed)
        if step.targets_needed or not step.possible:
            console.print(_t(_("Level {level} also needs signing off by {who}.", level=step.level, who=who)))
        else:
            console.print(
                _t(
                    _(
                        "Level {level} has the score it needs and counts once {who} signs it off.",
                        level=step.level,
                        who=who,
                    )
                )
            )
    console.print()

    if r.known_gaps:
        console.print(_t(_("Gaps ({count})", count=len(r.known_gaps)), "bold"))
        gaps = Table(box=None, show_header=False, pad_edge=False)
        gaps.add_column("id", no_wrap=True)
        gaps.add_column("status", no_wrap=True)
        gaps.add_column("text")
        for g in r.known_gaps:
            text = _t(g.text)
            if g.by_role:
                text.append(f"\n{_by_role(g.by_role)}", style="dim")
            gaps.add_row(_t(g.id), _t(status_word(g.status), _STATUS_STYLE[g.status]), text)
        console.print(gaps)
    elif r.not_assessed:
        console.print(_t(_("No target was assessed as partly met or not met.")))
    else:
        console.print(_t(_("No gaps: every target that applies is met.")))
    if r.not_assessed:
        console.print(
            _t(_("Not assessed yet ({count}): not known to be met or not", count=len(r.not_assessed)), "bold")
        )
        console.print(_t(", ".join(t.id for t in r.not_assessed)))
    _actions(r, console)
    console.print()

    console.print(_t(_("Enablers"), "bold"))
    enablers = Table(box=None, show_header=False, pad_edge=False)
    enablers.add_column("id", no_wrap=True)
    enablers.add_column("status", no_wrap=True)
    for e in r.enablers:
        enablers.add_row(_t(e.id), _t(status_word(e.status), _STATUS_STYLE[e.status]))
    console.print(enablers)
    console.print()

    voices = ", ".join(f"{role_word(role).lower()} {n}" for role, n in r.assessors.items() if n)
    console.print(_t(_("Who took part: {who}", who=voices or _("nobody is listed under assessors"))))
    if r.rated:
        rated = ", ".join(f"{role_word(role).lower()} {n}" for role, n in r.voices.items() if n)
        console.print(_t(_("Targets each role rated: {rated}", rated=rated or _("none yet"))))
    if not r.user_voice:
        console.print(_t(_("No service user or carer took part: nothing about us without us."), "yellow"))
    _disagreements(r, console)
    _quality(r, console)
    if r.warnings:
        console.print()
        console.print(_t(_("Warnings ({count})", count=len(r.warnings)), "bold"))
        for w in r.warnings:
            console.print(_t(w.render(warning=True)))


def _actions(r: Result, console: Console) -> None:
    """Per owner, how many actions are open, overdue, done and dropped; the overdue ones named,
    and the done ones with the day they were done (docs/evidence-file.md, 'Actions')."""
    owners = by_owner(r)
    if not owners:
        return
    console.print()
    console.print(_t(_("Actions by owner"), "bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("owner", no_wrap=True)
    table.add_column("actions")
    for group in owners:
        counts = [
            _(message, count=len(rows))
            for message, rows in (
                (N_("{count} open"), group.open),
                (N_("{count} overdue"), group.overdue),
                (N_("{count} done"), group.done),
                (N_("{count} dropped"), group.dropped),
            )
            if rows
        ]
        said = _t(", ".join(counts))
        for row in group.overdue:
            said.append(
                "\n"
                + _(
                    "overdue: {target}, due {due}: {action}", target=row.target.id, due=row.due, action=row.description
                ),
                style="yellow",
            )
        if group.done:
            done = ", ".join(
                f"{row.target.id} ({row.changed_on})" if row.changed_on else row.target.id for row in group.done
            )
            said.append("\n" + _("done: {actions}", actions=done), style="dim")
        table.add_row(_t(group.owner or _("no owner")), said)
    console.print(table)


_KIND_WORDS = {
    "spread": N_("views are more than a step apart"),
    "staff-prevails": N_("agreed above every service user and carer rating: a power imbalance to discuss"),
}


def _disagreements(r: Result, console: Console) -> None:
    if not r.disagreements:
        return
    console.print()
    console.print(_t(_("Where views differ ({count})", count=len(r.differing)), "bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("agreed", no_wrap=True)
    table.add_column("what")
    for found in r.differing:
        what = _t("; ".join(_(_KIND_WORDS[d.kind]) for d in found))
        ratings = ", ".join(f"{x.name} {status_word(x.status).lower()}" for x in found[0].ratings)
        what.append(f"\n{ratings}", style="dim")
        agreed = _("agreed {status}", status=status_word(found[0].agreed).lower())
        table.add_row(_t(found[0].target), _t(agreed), what)
    console.print(table)


def _quality(r: Result, console: Console) -> None:
    q = r.quality
    console.print()
    console.print(_t(_("Assessment quality"), "bold"))
    share = _("no target applies")
    if q.evidence_share is not None:
        share = _(
            "{count} of {total} that apply ({share})",
            count=q.targets_with_evidence,
            total=q.applicable_targets,
            share=percent(q.evidence_share),
        )
    unresolved = str(len(q.unresolved)) + (f" ({', '.join(q.unresolved)})" if q.unresolved else "")
    rows = (
        (_("Targets with evidence"), share, q.targets_with_evidence < q.applicable_targets),
        (_("Stale evidence"), n_("{count} item", "{count} items", q.stale_evidence), q.stale_evidence),
        (
            _("Met without evidence"),
            n_("{count} target", "{count} targets", q.met_without_evidence),
            q.met_without_evidence,
        ),
        (_("Roles that did not take part"), _roles(q.roles_missing, ", ") or _("none"), q.roles_missing),
        (_("Disagreements not settled"), unresolved, q.unresolved),
        (_("Actions without owner or due date"), str(q.actions_incomplete), q.actions_incomplete),
        (_("Actions overdue"), str(q.actions_overdue), q.actions_overdue),
        (_("Targets not assessed"), str(q.not_assessed), q.not_assessed),
    )
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("check", no_wrap=True)
    table.add_column("found")
    for label, found, flagged in rows:
        table.add_row(_t(f"  {label}"), _t(found, "yellow" if flagged else ""))
    console.print(table)

"""The ready-to-fill evidence file that ``coprod init`` writes.

Its comments are in the language coprod speaks; its keys, statuses and roles never change, so the
file reads the same in every language.
"""

from __future__ import annotations

from datetime import date

from coprod_cli.editing.yamltext import comment_text, flow_mapping, key_text, quoted
from coprod_cli.i18n import _
from coprod_cli.model.evidence import Assessor
from coprod_cli.model.models import Framework, Level
from coprod_cli.model.text import said
from coprod_cli.scoring.check import LoadedFramework


def a_name() -> str:
    """The example name the comments show, for a person to replace."""
    return _("First name or initials")


def sign_off_example() -> tuple[str, ...]:
    """The comment on signing off a level, in every file init and merge write."""
    return (
        "# " + _("When the group agrees a level's result, those who agree sign it off, e.g."),
        "# sign_off:",
        f"#   1: [{{name: {quoted(a_name())}, date: 2026-10-14}}]",
    )


def framework_line(model: Framework) -> str:
    """The comment naming the framework, at the top of every file init and merge write."""
    title = comment_text(said(model, "title"))
    return "# " + _("Framework: {id} {version} — {title}", id=model.id, version=model.version, title=title)


def level_heading(level: Level) -> str:
    """The comment above a level's targets, as init and merge write it."""
    heading = _("Level {number}: {title}", number=level.number, title=comment_text(said(level, "title")))
    return f"  # ---- {heading} ----"


def evidence_skeleton(
    fw: LoadedFramework,
    *,
    framework_ref: str,
    unit: str,
    service: str | None,
    organisation: str | None,
    assessed_on: date,
    check_command: str,
    schema_ref: str | None = None,
    rater: Assessor | None = None,
) -> str:
    """Every target and enabler at not-assessed, each with its text as a comment above it.

    ``check_command`` is the ``coprod validate`` command the file suggests, as it works where
    the file was made (docs/evidence-file.md).

    With ``rater`` it is one person's own ratings file (``coprod init --as NAME --role ROLE``): that
    person is the one assessor, so each status they set is their own rating of the target, and
    ``coprod merge`` turns everyone's files into the group's one file with ``ratings:``.
    """
    model = fw.model
    out = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    out += [
        "# " + _("Co-production self-assessment for {unit}", unit=comment_text(unit)),
        framework_line(model),
        "#",
    ]
    if rater is None:
        out.append("# " + _("Fill this in together: staff, service users and carers."))
    else:
        out += [
            "# "
            + _(
                "This is {name}'s own rating of the unit: set each status to your own view.",
                name=comment_text(rater.name),
            ),
            "# " + _("When everyone has rated, put the files together and see where views differ with:"),
            "#   coprod merge FILE1.yaml FILE2.yaml ... -o UNIT.yaml",
        ]
    minutes = quoted(_("Minutes of the weekly community meeting"))
    rota, manager = quoted(_("Start a buddy rota")), quoted(_("Ward manager"))
    out += [
        "# " + _("For each target set 'status:' to one of:"),
        "#   met, partial, not-met, not-applicable, not-assessed",
        "# " + _("Say what shows it under 'evidence:', and agree an 'action:' for each gap, e.g."),
        "#     evidence:",
        f"#       - {{description: {minutes}, date: 2026-09-30}}",
        f"#     action: {{description: {rota}, owner: {manager}, due: 2027-01-31}}",
        "# " + _("A target that does not apply needs 'justification:' saying why."),
        "# " + _("Put text containing ' #' or ': ' in double quotes."),
        "# " + _("Check the file at any time with: {command}", command=check_command),
        "unit:",
        f"  name: {quoted(unit)}",
    ]
    if service:
        out.append(f"  service: {quoted(service)}")
    if organisation:
        out.append(f"  organisation: {quoted(organisation)}")
    out += [
        f"framework: {quoted(framework_ref) if framework_ref != model.id else model.id}",
        f"assessed_on: {assessed_on.isoformat()}",
        "assessors:",
        "  # "
        + _(
            "One line for each person taking part; roles: {roles}",
            roles="service-user, carer, staff, third-sector, manager",
        ),
    ]
    if rater is None:
        out.append(f"  # - {{name: {quoted(a_name())}, role: service-user}}")
    else:
        out.append(f"  - {flow_mapping({'name': rater.name, 'role': rater.role})}")
    out += [*sign_off_example(), "targets:"]
    for level in model.levels:
        out.append(level_heading(level))
        for target in level.targets:
            out.append(f"  # {comment_text(said(target, 'text'))}")
            out.append(f"  {key_text(target.id)}:")
            out.append("    status: not-assessed")
    if model.enablers:
        out.append("enablers:")
        out.append("  # " + _("These support every level; they do not count in the level scores."))
        for enabler in model.enablers:
            out.append(f"  # {comment_text(said(enabler, 'text'))}")
            out.append(f"  {key_text(enabler.id)}:")
            out.append("    status: not-assessed")
    if rater is None:
        out += you_said_we_did_example(model)
    return "\n".join(out) + "\n"


def you_said_we_did_example(model: Framework) -> list[str]:
    """The commented example of the "you said, we did" log that ends the group's file
    (docs/evidence-file.md, 'You said, we did'); it names a target the framework has."""
    ids = [t.id for level in model.levels for t in level.targets]
    target = "L1.suggestion-boxes" if "L1.suggestion-boxes" in ids else ids[0]
    said, did = quoted(_("The garden is locked at weekends")), quoted(_("The garden is now open every day"))
    return [
        "# "
        + _(
            "Under 'you_said_we_did:' keep what service users and carers raised and what was done "
            "about it (never who said it), e.g."
        ),
        "# you_said_we_did:",
        f"#   - you_said: {said}",
        "#     raised_on: 2026-06-02",
        "#     channel: suggestion-box",
        f"#     we_did: {did}",
        "#     status: done",
        "#     changed_on: 2026-07-15",
        f"#     targets: [{target}]",
        "# " + _("Its status is open, done or dropped; a dropped one needs 'reason:' saying why."),
    ]

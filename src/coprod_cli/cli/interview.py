"""The command ``coprod interview``: fill in an evidence file by answering questions.

A plain function with typer annotations; ``cli`` registers it, so it runs inside its one error
handler.  The questions are asked by :mod:`coprod_cli.interview.questions` over the plain-text
terminal of :mod:`coprod_cli.interview.terminal`; this module only reads the options, makes a
missing file as ``coprod init`` would, and starts the interview.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_cli.cli.exits import interrupted_code
from coprod_cli.cli.merge import RoleOpt
from coprod_cli.cli.options import FrameworkOpt, FrameworksDirOpt, LangOpt, described, plain_text
from coprod_cli.errors import UsageError, clip
from coprod_cli.hints import command, with_frameworks_dirs
from coprod_cli.i18n import N_, _

if TYPE_CHECKING:
    from coprod_cli.interview.terminal import Terminal


# ---- starting ---------------------------------------------------------------------------


def _create(
    unit: Path, name: str | None, rater: tuple[str, str] | None, framework: str | None, dirs: list[str], term: Terminal
) -> bool:
    """Write a new evidence file as ``coprod init`` would; False if the person quit instead."""
    from coprod_cli.cli.framework import schema_text
    from coprod_cli.editing.writer import check_target, write_text
    from coprod_cli.framework.load import load_framework
    from coprod_cli.framework.resolve import DEFAULT_FRAMEWORK, check_path_to_write, looks_like_path, resolve_framework
    from coprod_cli.interview.answers import BadAnswer, check_answer
    from coprod_cli.interview.session import new_file_text
    from coprod_cli.interview.terminal import Quit
    from coprod_cli.privacy.guard import check_output
    from coprod_cli.reading.textfile import real_path

    check_target(unit, exclusive=True)
    ref = framework or DEFAULT_FRAMEWORK
    fw_path, shown = resolve_framework(ref, Path())
    loaded = load_framework(fw_path, shown)
    if looks_like_path(ref):
        check_path_to_write(fw_path, unit, "--framework")
        ref = os.path.relpath(real_path(fw_path, shown), real_path(unit, str(unit)).parent)
    if name is None or not name.strip():
        term.say(_("{path} does not exist yet; this makes it.", path=unit))
    while name is None or not name.strip():
        try:
            name = term.ask(_("What is the unit called? (q: quit without making {path}):", path=unit))
            if name:
                check_answer(name, unit.parent)
        except BadAnswer as e:
            term.say(_("Sorry, that cannot be saved: {why}. Please type it again.", why=e))
            name = None
        except Quit:
            term.say(_("Nothing was written; {path} was not made.", path=unit))
            return False
    schema = unit.parent / "coprod-evidence.schema.json"
    text = new_file_text(
        loaded,
        framework_ref=ref,
        unit=" ".join(name.split()),
        assessed_on=date.today(),
        check_command=command("validate", unit, *dirs),
        schema_ref=f"./{schema.name}",
        rater=rater,
    )
    check_output(text, str(unit), unit.parent, frozenset())
    write_text(unit, text, exclusive=True)
    if not schema.exists():
        write_text(schema, schema_text("evidence"))
    term.say(_("Made {path}, with every target not assessed yet.", path=unit))
    return True


def _again(unit: Path, rater: str | None, framework: str | None, dirs: list[str]) -> str:
    """The command that carries on where this interview stops, finding the framework as this one did."""
    words = [str(unit)]
    if rater is not None:
        words += ["--as", rater]
    if framework is not None:
        words += ["--framework", framework]
    return command("interview", *words, *dirs)


UnitArg = Annotated[
    Path,
    typer.Argument(
        metavar="UNIT.yaml",
        help=N_("The unit's evidence file (made, as 'coprod init' would, if missing)."),
        show_default=False,
    ),
]
AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="NAME",
        callback=plain_text,
        help=N_(
            "Record the answers as NAME's own ratings (under 'ratings:'), not as the agreed status; "
            "give --role too if NAME is not yet listed as an assessor."
        ),
    ),
]
UnitNameOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        metavar="NAME",
        callback=plain_text,
        help=N_("The unit's name, if UNIT.yaml does not exist yet (asked if not given)."),
    ),
]


@described(
    N_(
        "Fill in a unit's evidence file by answering questions, one target at a time.\n\n"
        "For each target it shows the level, the target and what the file says now. Press one key for the "
        "status (m met, p partial, n not met, x not applicable, a not assessed), then type any evidence and, "
        "for a gap, an action with its owner and due date. s or Enter skips, b goes back, j jumps to a level "
        "(or, with w, to who took part), q saves and quits. A new file starts by asking who took part, each "
        "with their role. Every answer is saved at once; run the same command again to carry on where you "
        "stopped (the file keeps a '# coprod interview: next ID' line until the last target is done). Answers "
        "can also be piped in, one a line."
    )
)
def interview_command(
    unit: UnitArg,
    as_: AsOpt = None,
    role: RoleOpt = None,
    unit_name: UnitNameOpt = None,
    framework: FrameworkOpt = None,
    frameworks_dir: FrameworksDirOpt = None,
    lang: LangOpt = None,
) -> None:
    from coprod_cli.interview.answers import BadAnswer
    from coprod_cli.interview.questions import Interview
    from coprod_cli.interview.session import BLANK_RATER, open_session
    from coprod_cli.interview.terminal import Terminal

    if role is not None and as_ is None:
        raise UsageError(_("--role goes with --as NAME: whose ratings are these?"))
    term = Terminal.for_stdio()
    dirs = with_frameworks_dirs(frameworks_dir)
    made = False
    if not unit.exists():
        if as_ is not None and not as_.strip():
            raise UsageError(_(BLANK_RATER))  # before asking anything
        if as_ is not None and role is None:
            raise UsageError(
                _(
                    "--as {name}: give their role too, e.g. --role service-user, to list them in {path}",
                    name=clip(as_),
                    path=unit,
                )
            )
        rater = (as_, role.value) if as_ is not None and role is not None else None
        if not _create(unit, unit_name, rater, framework, dirs, term):
            return
        made = True
    elif unit_name is not None:
        term.say(_("{path} exists already, so --unit is not used.", path=unit))
    session = open_session(unit, str(unit), framework=framework, rater=as_, role=role.value if role else None)
    assess = command("assess", unit, *(["--framework", framework] if framework else []), *dirs)
    interview = Interview(session, term, _again(unit, session.rater, framework, dirs), assess, new=made)
    try:
        interview.save(session)  # an assessor added for --as
    except BadAnswer as e:
        raise UsageError(_("--as: {why}", why=e)) from None
    try:
        interview.run()
    except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM
        interview.stop()
        term.say()
        term.say_command(
            _("Stopped. Your answers so far are saved in {path}. To carry on, run:", path=unit), interview.again
        )
        raise typer.Exit(interrupted_code(e)) from None

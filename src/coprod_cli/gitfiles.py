"""Read a file as it was committed in git, for ``framework diff --git`` and ``check --against``.

Runs the ``git`` program (never through a shell) in the repository that holds the file,
and turns each way it can fail into one sentence saying what to do.
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError


class NotInRevision(UsageError):
    """The file exists in the working tree but not in the revision asked for (a new file)."""


def _git(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    import subprocess  # noqa: PLC0415 - only the git-aware commands need it

    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as e:
        raise UsageError("git was not found; install git (or put it on PATH) to compare with a revision") from e
    except OSError as e:
        raise UsageError(f"git could not be run ({e.strerror or type(e).__name__})") from e
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return done.returncode, done.stdout, said[0] if said else ""


def show_at(rev: str, path: Path) -> bytes:
    """The bytes of ``path`` as committed at ``rev`` (a commit, branch or tag).

    Raises ``NotInRevision`` when the repository has no such file at ``rev``, and
    ``UsageError`` when the file is not in a git repository or ``rev`` is unknown.
    """
    shown = str(path)
    if not rev or rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a revision; give a commit, branch or tag, such as HEAD or main")
    full = path.resolve()
    folder = full.parent
    if not folder.is_dir():
        raise UsageError(f"{shown}: the folder '{path.parent}' does not exist; check the file name")
    code, out, said = _git(["rev-parse", "--show-toplevel"], folder)
    if code != 0:
        raise UsageError(
            f"{shown}: is not in a git repository ({said or 'git rev-parse failed'}); "
            "compare two files instead: coprod framework diff OLD NEW"
        )
    top = Path(out.decode("utf-8", "replace").strip()).resolve()
    try:
        relative = full.relative_to(top).as_posix()
    except ValueError:  # pragma: no cover - the file's own folder is always inside its repository
        raise UsageError(f"{shown}: is outside the git repository at '{top}'; give a file inside it") from None
    code, _, _ = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    if code != 0:
        raise UsageError(
            f"unknown revision '{rev}' in the git repository at '{top}'; "
            "give a commit, branch or tag that exists there, such as HEAD (see 'git log --oneline')"
        )
    code, out, _ = _git(["cat-file", "-t", f"{rev}:{relative}"], top)
    if code != 0:
        raise NotInRevision(
            f"{shown}: is not in revision '{rev}' (it was added or renamed since); "
            "compare with a revision that has it, or with another file: coprod framework diff OLD NEW"
        )
    if out.strip() != b"blob":
        raise UsageError(f"{shown}: is not a file in revision '{rev}'; give the path of a framework file")
    # The committed bytes exactly, as 'git show REV:PATH' prints them (no text conversion).
    code, out, said = _git(["cat-file", "blob", f"{rev}:{relative}"], top)
    if code != 0:  # pragma: no cover - the object was just found
        raise UsageError(f"{shown}: could not be read from revision '{rev}' ({said or 'git failed'})")
    return out

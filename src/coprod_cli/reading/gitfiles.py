"""Read files as committed in git: ``framework diff --git``, ``check --against``, ``history``, ``report --since``.

Runs the ``git`` program (never through a shell) in the repository that holds the file,
and turns each way it can fail into one sentence saying what to do. A whole history is read
with two git processes however long it is: ``git log`` lists the versions, and one
``git cat-file --batch`` (:class:`Blobs`) hands over each version's bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from coprod_cli.errors import UsageError
from coprod_cli.i18n import N_, _
from coprod_cli.reading.textfile import real_path


class NotInRevision(UsageError):
    """The file exists in the working tree but not in the revision asked for (a new file)."""


_NOT_FOUND = N_("git was not found; install git (or put it on PATH) to compare with a revision")
# TRANSLATORS: {reason} is the operating system's own words, in English.
_NOT_RUN = N_("git could not be run ({reason})")


_NO_FOLDER = N_("{shown}: the folder '{folder}' does not exist; check the file name")
_OUTSIDE = N_("{shown}: is outside the git repository at '{top}'; give a file inside it")


def _git(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as e:
        raise UsageError(_(_NOT_FOUND)) from e
    except OSError as e:
        raise UsageError(_(_NOT_RUN, reason=e.strerror or type(e).__name__)) from e
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return done.returncode, done.stdout, said[0] if said else ""


def show_at(rev: str, path: Path) -> bytes:
    """The bytes of ``path`` as committed at ``rev`` (a commit, branch or tag).

    Raises ``NotInRevision`` when the repository has no such file at ``rev``, and
    ``UsageError`` when the file is not in a git repository or ``rev`` is unknown.
    """
    shown = str(path)
    if not rev or rev.startswith("-"):
        raise UsageError(_("'{rev}' is not a revision; give a commit, branch or tag, such as HEAD or main", rev=rev))
    full = real_path(path, shown)
    folder = full.parent
    if not folder.is_dir():
        raise UsageError(_(_NO_FOLDER, shown=shown, folder=path.parent))
    code, out, said = _git(["rev-parse", "--show-toplevel"], folder)
    if code != 0:
        raise UsageError(
            _(
                "{shown}: is not in a git repository ({said}); "
                "compare two files instead: coprod framework diff OLD NEW",
                shown=shown,
                said=said or "git rev-parse failed",
            )
        )
    top = Path(out.decode("utf-8", "replace").strip()).resolve()
    try:
        relative = full.relative_to(top).as_posix()
    except ValueError:  # pragma: no cover - the file's own folder is always inside its repository
        raise UsageError(_(_OUTSIDE, shown=shown, top=top)) from None
    code, _out, _said = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    if code != 0:
        raise UsageError(
            _(
                "unknown revision '{rev}' in the git repository at '{top}'; "
                "give a commit, branch or tag that exists there, such as HEAD (see 'git log --oneline')",
                rev=rev,
                top=top,
            )
        )
    code, out, _said = _git(["cat-file", "-t", f"{rev}:{relative}"], top)
    if code != 0:
        raise NotInRevision(
            _(
                "{shown}: is not in revision '{rev}' (it was added or renamed since); "
                "compare with a revision that has it, or with another file: coprod framework diff OLD NEW",
                shown=shown,
                rev=rev,
            )
        )
    if out.strip() != b"blob":
        raise UsageError(
            _("{shown}: is not a file in revision '{rev}'; give the path of a framework file", shown=shown, rev=rev)
        )
    # The committed bytes exactly, as 'git show REV:PATH' prints them (no text conversion).
    code, out, said = _git(["cat-file", "blob", f"{rev}:{relative}"], top)
    if code != 0:  # pragma: no cover - the object was just found
        raise UsageError(
            _(
                "{shown}: could not be read from revision '{rev}' ({said})",
                shown=shown,
                rev=rev,
                said=said or "git failed",
            )
        )
    return out


# ---- whole histories, for ``coprod history`` and ``report --since`` ---------------------------


@dataclass(frozen=True)
class Revision:
    """One commit that changed a file, as ``git log --follow`` lists it."""

    commit: str
    """The full commit hash."""
    date: str
    """The committer date, ISO 8601 with its UTC offset, as git records it."""
    path: str
    """Where the file was at that commit, relative to the repository's top folder ('/' separated)."""
    blob: str
    """The id of the file's content at that commit, for :meth:`Blobs.read`."""


def repository(path: Path, advice: str) -> tuple[Path, str]:
    """The top folder of the git repository holding ``path``, and ``path`` relative to it.

    ``advice`` ends the message when there is no repository (what to do instead); it is translated
    here, so a caller marks it with ``N_``.
    """
    shown = str(path)
    full = real_path(path, shown)
    if not full.parent.is_dir():
        raise UsageError(_(_NO_FOLDER, shown=shown, folder=path.parent))
    code, out, said = _git(["rev-parse", "--show-toplevel"], full.parent)
    if code != 0:
        # TRANSLATORS: {said} is git's own words, in English; {advice} says what to do instead.
        message = _(
            "{shown}: is not in a git repository ({said}); {advice}",
            shown=shown,
            said=said or "git rev-parse failed",
            advice=_(advice),
        )
        raise UsageError(message)
    top = Path(os.fsdecode(out.strip())).resolve()
    try:
        return top, full.relative_to(top).as_posix()
    except ValueError:  # pragma: no cover - the file's own folder is always inside its repository
        raise UsageError(_(_OUTSIDE, shown=shown, top=top)) from None


def resolve_commit(top: Path, rev: str) -> str | None:
    """The full hash of the commit ``rev`` names in the repository at ``top``, or None."""
    if not rev or rev.startswith("-"):
        return None
    code, out, _said = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    return out.decode("ascii", "replace").strip() if code == 0 else None


def follow(top: Path, relative: str) -> tuple[Revision, ...]:
    """Every commit that changed ``relative``, oldest first, following renames.

    Commits that deleted the file are left out (there is no version to read there).
    An empty answer means the file was never committed, or the repository has no commits yet.
    """
    if resolve_commit(top, "HEAD") is None:
        return ()
    # --raw: each change as ':MODE MODE OLD-BLOB NEW-BLOB STATUS', then the path (two for a rename).
    # --root: the first commit too, whatever the user's log.showRoot says (false would leave it out).
    args = ["log", "--follow", "--root", "-z", "--format=%x1e%H%x1f%cI", "--raw", "--no-abbrev", "--", relative]
    code, out, said = _git(args, top)
    if code != 0:  # pragma: no cover - git log of a path in a repository with commits does not fail
        raise UsageError(_("git log failed in '{top}' ({said})", top=top, said=said or "no reason given"))
    found: list[Revision] = []
    for record in out.split(b"\x1e")[1:]:
        head, _nul, rest = record.partition(b"\x00")
        commit, _sep, date = head.decode("utf-8", "replace").partition("\x1f")
        fields = [os.fsdecode(f) for f in rest.lstrip(b"\n").split(b"\x00") if f]
        if not fields:
            continue
        change = fields[0].split()
        if change[-1].startswith("D"):
            continue
        found.append(Revision(commit, date, fields[-1], change[3]))
    return tuple(reversed(found))


# What ``git cat-file --batch`` says before an object's bytes: its id, kind and size.
_FOUND = re.compile(rb"[0-9a-f]{40,64} ([a-z]+) ([0-9]+)\n")


class Blobs:
    """Files as committed in one repository, read through one ``git cat-file --batch`` process.

    Ask for as many as needed, by blob id or as ``COMMIT:PATH``, then close it (or use ``with``).
    The names go to git on its input, never as arguments, so none can be read as an option.
    """

    def __init__(self, top: Path) -> None:
        try:
            self._git = subprocess.Popen(
                ["git", "-C", str(top), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError as e:
            raise UsageError(_(_NOT_FOUND)) from e
        except OSError as e:
            raise UsageError(_(_NOT_RUN, reason=e.strerror or type(e).__name__)) from e
        self._top = top

    def read(self, name: str) -> bytes | None:
        """The committed bytes ``name`` names, or None when it names no file (nothing, or a folder)."""
        if "\n" in name:
            return None  # git reads one name a line: a path with a line break in it cannot be asked for
        asking, answer = self._git.stdin, self._git.stdout
        assert asking is not None
        assert answer is not None
        try:
            asking.write(os.fsencode(name) + b"\n")
            asking.flush()
        except OSError as e:
            raise self._stopped() from e
        header = answer.readline()
        if not header:
            raise self._stopped()
        found = _FOUND.fullmatch(header)
        if found is None:  # '<name> missing', or 'ambiguous'
            return None
        size = int(found[2])
        data = answer.read(size + 1)  # the bytes, then a line break
        if len(data) != size + 1:  # pragma: no cover - git stopped half-way through an object
            raise self._stopped()
        return data[:size] if found[1] == b"blob" else None

    def _stopped(self) -> UsageError:
        return UsageError(
            _("git cat-file stopped while reading from the repository at '{top}'; run it again", top=self._top)
        )

    def close(self) -> None:
        asking, answer = self._git.stdin, self._git.stdout
        assert asking is not None  # both made with PIPE
        assert answer is not None
        # If git has stopped, a name still waiting to be sent cannot be: read() has already said git stopped.
        with contextlib.suppress(BrokenPipeError):
            asking.close()
        answer.close()
        self._git.wait()

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

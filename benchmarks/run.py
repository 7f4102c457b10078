"""Measure coprod's speed and memory against fixed references, side by side, in one run.

    pip install -e '.[bench]' && python benchmarks/run.py   # the targets at 1,000 files and commits
    python benchmarks/run.py --with-10000                    # and summary at 10,000 files too
    python benchmarks/run.py --quick                         # a smoke run: few runs, small counts
    python benchmarks/run.py --runs 30 --json /tmp/results.json

It writes its inputs into a temporary folder from a fixed seed (``bench_corpus``), so they are
the same on every run: a typical (about 20 KB) and a large (about 500 KB) evidence file for the
shipped framework ``rehab-recovery``; folders of 1,000 (and 10,000) typical files, one unit
each; and a git repository in which one unit's file is committed 1,000 times, each commit a
small change, with the same 1,000 versions written as files beside it. Every command is
measured as a whole process by ``bench_process``: run once untimed (it must exit 0), then timed
in rounds with the commands it is compared with, in turn; the table shows medians.

Targets, coprod's median time over the reference's:

* ``coprod validate FILE`` and ``coprod assess FILE --format json``, typical and large files:
  at most 1.0 × ``check-jsonschema --schemafile SCHEMA FILE`` on the same file, SCHEMA being
  what ``coprod schema evidence`` writes (so both check the same file against the same rules).
* ``coprod report FILE -o report.md``, typical file: at most 1.5 × that check-jsonschema run.
* ``coprod --help``: at most 1.3 × ``python -c "import typer"``.
* ``coprod summary DIR``, 1,000 (and 10,000) files: at most 1.5 × ``baseline_summary.py DIR``,
  20 lines that load each file with PyYAML's C loader and check a few fields with pydantic, in
  one process (the table shows both per file).
* ``coprod history FILE``, 1,000 commits: at most 1.5 × ``coprod summary`` of the same 1,000
  versions written as files.

and on peak memory (``ru_maxrss`` of the command's process and what it starts): ``summary`` of
the most files measured, and ``history`` of 1,000 commits, each under 150 MiB.

It prints the table and the machine it ran on, writes the same as JSON (``--json``; by default
``benchmarks/results.json``, but not for ``--quick``), and exits 0 when every target is met, 1
when one is missed, 2 when something could not be measured (a tool missing, a command that
fails: its rows say so, and the others are still measured).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shlex
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import bench_corpus as corpus
from bench_process import BenchError, Launcher, Side, checked_output, find_tool, interpreter_of, measure

HERE = Path(__file__).resolve().parent
DEFAULT_JSON = HERE / "results.json"
BASELINE_SUMMARY = HERE / "baseline_summary.py"
DEFAULT_RUNS = 15
"""Rounds for the commands that take well under a second or two."""
DEFAULT_LONG_RUNS = 5
"""Rounds for ``summary`` and ``history``, which take seconds to minutes."""
RUNS_10000 = 3
"""Rounds for ``summary`` at 10,000 files (at most ``--long-runs``)."""
UNITS = 1000
MANY_UNITS = 10_000
COMMITS = 1000
QUICK_RUNS, QUICK_LONG_RUNS, QUICK_SCALE = 3, 1, 10
"""``--quick``: rounds of each kind, and how many times fewer files and commits."""
MEMORY_MIB = 150
NOISY = 0.10
"""An interquartile range above this share of the median is called out as noisy."""
BUSY = 1.0
"""A 1-minute load average at the start from this up means something else is running."""


@dataclass
class Row:
    """One line of the table: a target on a time ratio (at most) or on peak memory in MiB (below)."""

    key: str
    title: str
    coprod: Side
    reference: Side | None
    target: float
    memory: bool = False
    per: int = 0
    """Show times per file (or commit) of this many, not per run."""
    error: str | None = None
    """Why it could not be measured."""

    def value(self) -> float:
        if self.memory:
            return self.coprod.peak_mib()
        assert self.reference is not None
        return self.coprod.median_ms() / self.reference.median_ms()

    def passed(self) -> bool:
        if self.error:
            return False
        return self.value() < self.target if self.memory else self.value() <= self.target

    def target_text(self) -> str:
        return f"< {self.target:g} MiB" if self.memory else f"≤ {self.target:.1f}"

    def result(self) -> str:
        return "ERROR" if self.error else "pass" if self.passed() else "MISS"

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"title": self.title, "passed": self.passed()}
        if self.memory:
            data["target_peak_rss_mib_below"] = self.target
        else:
            data["target_ratio_at_most"] = self.target
        if self.per:
            data["per"] = self.per
        if self.error:
            return data | {"error": self.error}
        data |= {"coprod": self.coprod.as_json(), "reference": self.reference.as_json() if self.reference else None}
        if self.memory:
            data["peak_rss_mib"] = round(self.value(), 1)
        else:
            data["ratio"] = round(self.value(), 3)
        return data


@dataclass
class Group:
    """Commands measured together, in turn, and the rows that read their times."""

    title: str
    sides: list[Side]
    runs: int
    rows: list[Row] = field(default_factory=list)


def ms_text(ms: float) -> str:
    return f"{ms:,.0f} ms" if ms >= 1000 else f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms"


def time_cell(row: Row, side: Side | None) -> str:
    if side is None or row.memory or row.error:
        return "-"
    if row.per:
        return f"{side.median_ms() / row.per:.2f} ms/file"
    return ms_text(side.median_ms())


def mib_cell(row: Row, side: Side | None) -> str:
    return "-" if side is None or row.error else f"{side.peak_mib():.1f}"


def table(rows: Sequence[Row]) -> str:
    header = ("measurement", "coprod", "reference", "ratio", "target", "coprod MiB", "ref MiB", "result")
    body = [
        (
            row.title,
            time_cell(row, row.coprod),
            time_cell(row, row.reference),
            "-" if row.memory or row.error else f"{row.value():.2f}",
            row.target_text(),
            mib_cell(row, row.coprod),
            "-" if row.memory else mib_cell(row, row.reference),
            row.result(),
        )
        for row in rows
    ]
    widths = [max(len(r[i]) for r in (header, *body)) for i in range(len(header))]
    lines = []
    for r in (header, *body):
        cells = [r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:-1], widths[1:-1], strict=True)), r[-1]]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def load_average() -> list[float] | None:
    """The 1, 5 and 15-minute load averages, where the system has them."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def version_of(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine(tools: dict[str, Path], load_at_start: list[float] | None) -> dict[str, object]:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": cpu or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "coprod": checked_output([str(tools["coprod"]), "--version"]).strip(),
        "check_jsonschema": checked_output([str(tools["check-jsonschema"]), "--version"]).strip(),
        "git": checked_output(["git", "--version"]).strip(),
        "baseline": f"PyYAML {version_of('PyYAML')}, pydantic {version_of('pydantic')}, typer {version_of('typer')}",
        "load_average_at_start": load_at_start,
        "load_average_at_end": load_average(),
    }


@dataclass(frozen=True)
class Plan:
    """How much to measure."""

    runs: int
    long_runs: int
    units: tuple[int, ...]
    commits: int
    quick: bool


def count(n: int) -> str:
    return f"{n:,}"


def prepare(plan: Plan, coprod: Path, check_jsonschema: Path, folder: Path, say: Callable[[str], None]) -> list[Group]:
    """Write the inputs into ``folder``; the groups of commands to measure, fast ones first."""
    python = sys.executable
    items, review_months = corpus.framework_items(coprod)

    def show(argv: Sequence[str]) -> str:
        words = [Path(w).name if w in {str(coprod), str(check_jsonschema)} else w for w in argv]
        words = ["python" if w == python else w for w in words]
        words = [f"benchmarks/{Path(w).name}" if w == str(BASELINE_SUMMARY) else w for w in words]
        return shlex.join(words).replace(str(folder), "$TMP")

    def side(*argv: str | Path) -> Side:
        words = [str(w) for w in argv]
        return Side(words, show(words))

    files: dict[str, Path] = {}
    for size in corpus.SIZES:
        files[size.key] = folder / f"{size.key}.yaml"
        files[size.key].write_text(corpus.evidence_text(size, items, review_months), encoding="utf-8")
    schema = folder / "evidence.schema.json"
    checked_output([str(coprod), "schema", "evidence", "-o", str(schema)])
    say("inputs: " + ", ".join(f"{key} {path.stat().st_size / 1024:.1f} KB" for key, path in files.items()))

    units: dict[int, Path] = {}
    for n in plan.units:
        units[n] = folder / f"units-{n}"
        corpus.write_units(units[n], n, items, review_months)
    versions = list(corpus.history_versions(plan.commits, items, review_months))
    versions_folder = folder / f"versions-{plan.commits}"
    corpus.write_versions(versions_folder, versions)
    history_file = corpus.write_git_history(folder / "history", versions)
    say(
        f"inputs: {' and '.join(count(n) for n in plan.units)} unit files; "
        f"a git history of {count(plan.commits)} commits and its versions as files"
    )
    strict = [*files.values(), units[plan.units[0]] / "site-0" / "unit-00000.yaml", history_file]
    try:
        checked_output([str(coprod), "validate", "--strict", *map(str, strict)])
    except BenchError as e:
        raise BenchError(f"coprod does not accept a generated evidence file: {e}") from e

    groups = []
    for key, path in files.items():
        reference = side(check_jsonschema, "--schemafile", schema, path)
        kb = f"{path.stat().st_size / 1024:.1f} KB"
        group = Group(f"{key} file ({kb})", [reference], plan.runs)
        commands: list[tuple[str, str, list[str | Path], float]] = [
            ("validate", "validate", ["validate", path], 1.0),
            ("assess", "assess --format json", ["assess", path, "--format", "json"], 1.0),
        ]
        if key == "typical":
            commands.append(("report", "report -o x.md", ["report", path, "-o", folder / "report.md"], 1.5))
        for name, shown, argv, target in commands:
            measured = side(coprod, *argv)
            group.sides.append(measured)
            group.rows.append(
                Row(f"{name}-{key}", f"{shown} {key} ({kb}) / check-jsonschema", measured, reference, target)
            )
        groups.append(group)

    helped, floor = side(coprod, "--help"), side(python, "-c", "import typer")
    groups.append(
        Group("--help", [helped, floor], plan.runs, [Row("help", "--help / import typer", helped, floor, 1.3)])
    )

    for index, n in enumerate(plan.units):
        summary = side(coprod, "summary", units[n])
        baseline = side(python, BASELINE_SUMMARY, units[n])
        runs = plan.long_runs if index == 0 else min(plan.long_runs, RUNS_10000)
        title = f"summary, {count(n)} files"
        row = Row(f"summary-{n}", f"{title}, per file / baseline", summary, baseline, 1.5, per=n)
        groups.append(Group(title, [summary, baseline], runs, [row]))
    n = plan.units[-1]
    groups[-1].rows.append(
        Row(f"summary-{n}-memory", f"summary, {count(n)} files: peak memory", summary, None, MEMORY_MIB, memory=True)
    )

    history = side(coprod, "history", history_file)
    as_files = side(coprod, "summary", versions_folder)
    c = count(plan.commits)
    groups.append(
        Group(
            f"history, {c} commits",
            [history, as_files],
            plan.long_runs,
            [
                Row(
                    f"history-{plan.commits}",
                    f"history, {c} commits / summary of them as files",
                    history,
                    as_files,
                    1.5,
                ),
                Row(
                    f"history-{plan.commits}-memory",
                    f"history, {c} commits: peak memory",
                    history,
                    None,
                    MEMORY_MIB,
                    memory=True,
                ),
            ],
        )
    )
    return groups


def run(plan: Plan, json_path: Path | None, coprod_path: Path | None, say: Callable[[str], None]) -> int:
    coprod = coprod_path or find_tool("coprod")
    check_jsonschema = find_tool("check-jsonschema")
    shebang = interpreter_of(coprod)
    if shebang and Path(shebang).resolve() != Path(sys.executable).resolve():
        say(f"note: {coprod} runs {shebang}, but the references run {sys.executable}; run this script with that one")
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        # An installed coprod runs from compiled bytecode (pip compiles it); so do the measured
        # commands: the untimed first run of each writes it for an editable install.
        say("note: PYTHONDONTWRITEBYTECODE is set here; the measured commands run without it")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    load_at_start = load_average()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="coprod-bench-") as tmp:
        folder = Path(tmp)
        groups = prepare(plan, coprod, check_jsonschema, folder, say)
        launcher = Launcher(folder)
        try:
            for group in groups:
                say(f"measuring {group.title}: {group.runs} round{'s' if group.runs != 1 else ''} …")
                try:
                    measure(launcher, group.sides, group.runs, folder)
                except BenchError as e:
                    say(f"  could not measure it: {e}")
                    for row in group.rows:
                        row.error = str(e).replace(tmp, "$TMP")
                rows += group.rows
        finally:
            launcher.close()

    report: dict[str, object] = {
        "machine": machine({"coprod": coprod, "check-jsonschema": check_jsonschema}, load_at_start),
        "quick": plan.quick,
        "runs": plan.runs,
        "long_runs": plan.long_runs,
        "unit_files": list(plan.units),
        "commits": plan.commits,
        "started_utc": started,
        "measurements": {row.key: row.as_json() for row in rows},
        "passed": all(row.passed() for row in rows),
    }
    print_report(report, rows, plan)
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        say(f"wrote {json_path}")
    else:
        say("a quick run: no results file written (give --json PATH for one)")
    if any(row.error for row in rows):
        return 2
    return 0 if report["passed"] else 1


def print_report(report: dict[str, object], rows: Sequence[Row], plan: Plan) -> None:
    m = report["machine"]
    assert isinstance(m, dict)
    print(
        f"coprod benchmarks: median wall time of {plan.runs} alternating whole-process runs per command "
        f"({plan.long_runs} for summary and history)"
        + ("; QUICK: small counts, not the targets' sizes" if plan.quick else "")
    )
    print(f"machine: {m['platform']}; {m['cpu']}; {m['cores']} cores; Python {m['python']}")
    print(f"tools:   {m['coprod']}; {m['check_jsonschema']}; {m['git']}; {m['baseline']}")
    start, end = m["load_average_at_start"], m["load_average_at_end"]
    if start and end:
        print(f"load:    1-minute load average {start[0]:.2f} at the start, {end[0]:.2f} at the end")
        if start[0] >= BUSY:
            print(
                f"warning: the machine was busy when the benchmark started (load {start[0]:.2f} on {m['cores']} "
                "cores: other work is running, or ran just before); expect noisy times"
            )
    print()
    print(table(rows))
    seen: set[int] = set()
    noisy = []
    for row in rows:
        for side in (row.coprod, row.reference):
            if side is not None and side.seconds and id(side) not in seen and side.spread() > NOISY:
                seen.add(id(side))
                noisy.append(f"{side.shown} ({side.spread():.0%})")
    if noisy:
        print(f"\nnoisy (interquartile range over {NOISY:.0%} of the median; try more runs):")
        print("\n".join(f"  {line}" for line in noisy))
    errors: dict[str, list[str]] = {}
    for row in rows:
        if row.error:
            errors.setdefault(row.error, []).append(row.title)
    for error, titles in errors.items():
        print(f"\ncould not measure {'; '.join(titles)}:\n{textwrap.indent(error, '  ')}")
    print()
    print(
        "ALL TARGETS MET" if report["passed"] else "COULD NOT MEASURE EVERYTHING" if errors else "SOME TARGETS MISSED"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--runs",
        type=int,
        help=f"timed rounds of the fast commands (default {DEFAULT_RUNS}; {QUICK_RUNS} with --quick)",
    )
    parser.add_argument(
        "--long-runs",
        type=int,
        help=f"timed rounds of summary and history (default {DEFAULT_LONG_RUNS}; {QUICK_LONG_RUNS} with --quick; "
        f"at most {RUNS_10000} at 10,000 files)",
    )
    parser.add_argument(
        "--with-10000",
        action="store_true",
        help=f"also summary of {MANY_UNITS:,} files, and its peak memory (adds many minutes)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run, well under a minute: {QUICK_RUNS} and {QUICK_LONG_RUNS} rounds, "
        f"{QUICK_SCALE} times fewer files and commits, no results file unless --json",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="where to write the results (default benchmarks/results.json; none with --quick)",
    )
    parser.add_argument(
        "--coprod", type=Path, metavar="PATH", help="the coprod command to measure (default: the one beside python)"
    )
    args = parser.parse_args(argv)
    scale = QUICK_SCALE if args.quick else 1
    plan = Plan(
        runs=args.runs if args.runs is not None else QUICK_RUNS if args.quick else DEFAULT_RUNS,
        long_runs=args.long_runs
        if args.long_runs is not None
        else QUICK_LONG_RUNS
        if args.quick
        else DEFAULT_LONG_RUNS,
        units=tuple(n // scale for n in ((UNITS, MANY_UNITS) if args.with_10000 else (UNITS,))),
        commits=COMMITS // scale,
        quick=args.quick,
    )
    if plan.runs < 1 or plan.long_runs < 1:
        parser.error("--runs and --long-runs must be at least 1")
    json_path = args.json or (None if args.quick else DEFAULT_JSON)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        return run(plan, json_path, args.coprod.resolve() if args.coprod else None, say)
    except BenchError as e:
        say(f"benchmarks/run.py: {e}")
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""Measure coprod's speed and memory against fixed references, side by side, in one run (issue 9).

    pip install -e '.[bench]' && python benchmarks/run.py          # 15 runs of each command
    python benchmarks/run.py --quick                                  # 5 runs: a smoke run
    python benchmarks/run.py --runs 30 --json /tmp/results.json       # steadier medians

It writes, into a temporary folder, three realistic evidence files for the shipped framework
``rehab-recovery`` (small: a first look at a few targets; typical: about 20 KB; large: about
500 KB, a year's evidence log with long notes) from a fixed random seed, so they are the same on
every run, and checks each with ``coprod validate --strict`` before anything is timed. Then, for
each pair of commands, it runs each once (a warm-up that also checks its exit code) and then N
times more, alternating A, B, A, B, … so that drift in the machine's speed hits both alike; it
reports the median wall time of each whole process (``time.perf_counter`` around start and
exit) and its peak memory (``ru_maxrss`` from ``os.wait4``). The timed runs are started by a
minimal launcher process, not by this script, so that its memory does not show in theirs (see
``LAUNCHER``); their output is thrown away.

Pairs and targets (coprod's time over the reference's):

* ``coprod validate FILE`` / ``check-jsonschema --schemafile SCHEMA FILE`` (the schema that
  ``coprod schema evidence`` writes), for each size: at most 0.6.
* ``coprod assess FILE --format json`` / ``python -c "import yaml, pydantic"`` (the floor: the
  same interpreter importing the two libraries coprod cannot do without), for each size: at most 1.5.
* ``coprod --help`` / ``python -c "import typer"``: at most 1.3.
* ``coprod summary DIR`` on 1,000 files / on 100 files (made by ``bench_summary.generate``): at
  most 11; and the 1,000-file run's peak memory under 150 MiB.

It prints a table and the machine it ran on, writes the same as JSON (``--json``, default
``benchmarks/results.json``), and exits 0 when every target is met, 1 when one is not, 2 when it
cannot measure (a tool missing, a generated file coprod refuses, a command that fails).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import bench_summary

HERE = Path(__file__).resolve().parent
DEFAULT_JSON = HERE / "results.json"
FRAMEWORK = "rehab-recovery"
SEED = 9
DEFAULT_RUNS = 15
QUICK_RUNS = 5
INSTALL_HINT = "install the benchmark extras with: pip install -e '.[bench]'"
NOISY = 0.10
"""An interquartile range above this share of the median is called out as noisy."""
BUSY = 1.0
"""A 1-minute load average at the start from this up means something else is running."""


class BenchError(Exception):
    """Something that stops the benchmark before or while measuring: exit 2 with this message."""


# ---- realistic evidence files ---------------------------------------------------------------

TOPICS = {
    "L1.own-care-plans": "residents writing their own care and activity plans",
    "L1.community-meetings": "the weekly residents' meeting",
    "L1.suggestion-boxes": "the suggestion boxes",
    "L1.rag-feedback": "the red/amber/green tracker of suggestions",
    "L1.satisfaction-questionnaires": "the satisfaction questionnaire",
    "L1.agenda-item": "service user and carer issues on meeting agendas",
    "L1.report-perspective": "the resident's own view in reports",
    "L1.carer-perspective-ctp": "carers' views in CTP reviews",
    "L1.buddy-system": "buddies for new residents",
    "L1.family-welcome": "welcome meetings for new families and carers",
    "L1.involvement-info": "information about involvement",
    "L1.advocate-visits": "visits from the advocacy service",
    "L1.complaints-info": "complaints and compliments information",
    "L1.levels-awareness": "awareness sessions on the three levels",
    "L2.newcomers-level1": "support for new residents through Level 1",
    "L2.assertiveness-training": "the speaking-up and assertiveness course",
    "L2.training-agenda": "the yearly training plan",
    "L2.joint-training": "joint training for residents, carers and staff",
    "L2.team-building": "team building with residents, carers and staff",
    "L2.identify-active-roles": "finding out who wants a more active role",
    "L2.role-descriptions": "role descriptions for active roles",
    "L2.supported-practice": "supported practice in active roles",
    "L3.newcomers-levels-1-2": "support for newcomers through Levels 1 and 2",
    "L3.coordinator-role": "the involvement coordinator post",
    "L3.chair-own-ctp": "residents chairing their own CTP",
    "L3.recruitment": "residents and carers in staff recruitment",
    "L3.representation": "resident and carer places on committees",
    "L3.forum-approval": "forum approval of service changes",
    "L3.community-partnership": "joint work with community partners",
    "L3.leadership-roles": "leadership roles for residents and carers",
    "L3.co-delivered-training": "training delivered together",
    "E.guiding-principles": "the unit's guiding principles",
    "E.payment-policy": "payment for involvement",
    "E.training-programme": "the training programme",
}

MEETINGS = (
    "residents' meeting",
    "community meeting",
    "MDT meeting",
    "unit business meeting",
    "clinical governance meeting",
    "service user and carer forum",
    "carers' group",
    "involvement group",
    "team meeting",
)
RECORDS = ("Minutes", "Action log", "Notes", "Summary", "Attendance sheet")
GROUPS = ("residents", "carers", "forum members", "peer workers", "staff")
PLACES = ("lounge", "dining room", "hallway", "visitors' room", "kitchen", "activity room")
SESSIONS = ("workshop", "awareness session", "away day", "training session", "drop-in")
OWNERS = (
    "Unit manager",
    "Peer worker",
    "Practice development nurse",
    "Occupational therapy lead",
    "Named nurses, led by the ward manager",
    "Involvement coordinator with the forum chair",
    "Consultant psychologist",
)
NOTES = (
    "The group agreed that progress on {topic} has been steady but still rests on a few committed people.",
    "Residents said the change they noticed most was being asked before a decision was made, not after it.",
    "Carers asked for more notice of meetings; early evening slots suit those who work during the day.",
    "Staff changes over the winter slowed work on {topic}, and two new starters have not had the awareness "
    "session yet.",
    "The peer worker will look at {topic} again at the monthly involvement group and report back.",
    "Everyone agreed to keep the wording of the evidence plain so that it can be read out at the residents' meeting.",
    "The forum would like {topic} to be looked at again after the next round of admissions.",
    "There was a long discussion about what counts as 'met' here; the group settled on the status above "
    "after hearing from residents first.",
    "Some residents found the questions about {topic} hard to answer without examples, so examples were "
    "added to the next agenda.",
    "The advocacy service said that the unit does well on {topic} compared with other units it visits.",
    "It was noted that work on {topic} goes best when a resident and a member of staff lead it together.",
    "The carers present said they had not heard about {topic} before the workshop.",
    "Staff said the extra time spent on {topic} is worth it, but that cover on the late shift makes it hard.",
    "The group will check whether the change has lasted at the next assessment rather than mark it met now.",
    "A resident offered to write a short piece about {topic} for the newsletter.",
    "Two residents who led {topic} have since moved on; others are being asked whether they would like to take it on.",
    "The residents' meeting voted to keep {topic} as it is for now and look again in six months.",
    "Staff said {topic} was easier to keep going once it had a regular slot in the weekly timetable.",
    "A carer pointed out that news about {topic} had not reached families who live further away.",
    "The forum asked that any change to {topic} is tried for a month before it is agreed.",
    "Residents on the upper floor said they hear about {topic} later than others, so the notes now go on both "
    "noticeboards.",
    "The group thanked the residents who had put time into {topic} over the year.",
    "It was agreed to ask the advocacy service for an outside view of {topic} before the next review.",
    "Residents who are new to the unit said they would like someone to explain {topic} in their first week.",
)
IDEA = "One idea from the framework's guidance the group wants to try: {idea}."
JUSTIFICATIONS = (
    "The unit has no shared area where this could happen; people are asked at the weekly house meeting instead.",
    "This is not part of what the unit offers: people who need it are referred to the community team, which "
    "provides it.",
)
ASSESSORS = (
    ("Rhian (peer worker)", "service-user"),
    ("Gwen (carer)", "carer"),
    ("H. D.", "staff"),
    ("P. E.", "manager"),
    ("T. W.", "service-user"),
    ("Iwan (nurse)", "staff"),
    ("Lowri (local mental health charity)", "third-sector"),
    ("Carys (resident)", "service-user"),
    ("D. B.", "carer"),
)
STATUSES = ("met", "partial", "not-met", "not-applicable", "not-assessed")
STATUS_WEIGHTS = (55, 25, 12, 4, 4)


@dataclass(frozen=True)
class Size:
    """How much of an evidence file to write."""

    key: str
    unit: str
    records: int | None
    """How many targets and enablers have a record (the first ones); None for all of them."""
    assessors: int
    evidence: tuple[int, int]
    """Evidence items per record, fewest and most."""
    notes: tuple[int, int]
    """Sentences of notes per record, fewest and most."""
    ratings: bool


SIZES = (
    Size("small", "Afon Lwyd Rehabilitation Ward", 5, 3, (1, 1), (0, 1), ratings=False),
    Size("typical", "Hafod Wen Open Rehabilitation Unit", None, 5, (1, 2), (0, 1), ratings=True),
    Size("large", "Coed Glas Low Secure Unit", None, 9, (70, 100), (14, 22), ratings=True),
)


@dataclass(frozen=True)
class Item:
    """A target or enabler of the framework."""

    ident: str
    text: str
    ideas: tuple[str, ...]


def framework_items(coprod: Path) -> tuple[list[Item], int]:
    """The shipped framework's targets then enablers, with the guidance ideas that help each, and
    its review period in months; read from ``coprod framework show`` so they match what coprod checks."""
    shown = json.loads(checked_output([str(coprod), "framework", "show", FRAMEWORK, "--format", "json"]))
    ideas: dict[str, list[str]] = {}
    for challenge in shown["guidance"]:
        for idea in challenge["ideas"]:
            for ident in idea["helps"]:
                ideas.setdefault(ident, []).append(idea["text"].rstrip(". "))
    rows = [target for level in shown["levels"] for target in level["targets"]] + list(shown["enablers"])
    items = [Item(row["id"], row["text"], tuple(ideas.get(row["id"], ()))) for row in rows]
    return items, int(shown["review_months"])


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def evidence_text(size: Size, items: Sequence[Item], review_months: int) -> str:
    """One evidence file, written as a person would write it, from the seeded generator."""
    rng = random.Random(f"{SEED}-{size.key}")
    assessed_on = date(2026, 9, 14)
    window = review_months * 30 - 5
    slug = size.unit.lower().replace(" ", "-")
    people = ASSESSORS[: size.assessors]
    chosen = items if size.records is None else items[: size.records]
    lines = [
        f"# Benchmark evidence file ({size.key}), written by benchmarks/run.py from a fixed seed.",
        "# The unit and everyone in it are fictional.",
        "unit:",
        f"  name: {quote(size.unit)}",
        '  service: "Rehabilitation and recovery (16 beds)"',
        '  organisation: "Example Health Board"',
        f"framework: {FRAMEWORK}",
        f"assessed_on: {assessed_on}",
        "assessors:",
        *(f"  - {{name: {quote(name)}, role: {role}}}" for name, role in people),
    ]
    if size.ratings:
        manager = next((name for name, role in people if role == "manager"), people[0][0])
        lines += ["sign_off:", "  1:", f"    - {{name: {quote(manager)}, date: {assessed_on}}}"]
    section = ""
    for item in chosen:
        kind = "enablers" if item.ident.startswith("E.") else "targets"
        if kind != section:
            section = kind
            lines += ["", f"{kind}:"]
        topic = TOPICS.get(item.ident, item.text[:1].lower() + item.text[1:])
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        lines += [f"  # {item.text}", f"  {item.ident}:", f"    status: {status}"]
        if size.ratings:
            lines.append("    ratings:")
            for name, _ in people:
                rating = status if rng.random() < 0.7 else rng.choice(STATUSES[:3])
                lines.append(f"      {quote(name)}: {rating}")
        if status == "not-applicable":
            lines.append(f"    justification: {quote(rng.choice(JUSTIFICATIONS))}")
        count = rng.randint(*size.evidence) if status in {"met", "partial"} else rng.randint(0, 1)
        if count:
            lines.append("    evidence:")
            days = sorted(rng.sample(range(window), count))
            for day in days:
                when = assessed_on - timedelta(days=day)
                lines += evidence_item(rng, topic, when, f"https://example.org/{slug}/{item.ident.lower()}/{when}")
        if status in {"partial", "not-met"}:
            due = assessed_on + timedelta(days=rng.randint(30, 300))
            lines += [
                "    action:",
                f"      description: {quote(action(rng, topic))}",
                f"      owner: {quote(rng.choice(OWNERS))}",
                f"      due: {due}",
            ]
        sentences = [n.format(topic=topic) for n in rng.sample(NOTES, rng.randint(*size.notes))]
        for idea in rng.sample(item.ideas, min(len(item.ideas), len(sentences) // 4)):
            sentences.insert(rng.randint(0, len(sentences)), IDEA.format(idea=idea[:1].lower() + idea[1:]))
        if len(sentences) > 2:
            lines.append("    notes: >-")
            lines += textwrap.wrap(" ".join(sentences), 100, initial_indent=" " * 6, subsequent_indent=" " * 6)
        elif sentences:
            lines.append(f"    notes: {quote(' '.join(sentences))}")
    return "\n".join(lines) + "\n"


def evidence_item(rng: random.Random, topic: str, when: date, link: str) -> list[str]:
    n, k = rng.randint(3, 14), rng.randint(2, 6)
    month = when.strftime("%B")
    text = rng.choice(
        (
            f"{rng.choice(RECORDS)} of the {rng.choice(MEETINGS)}: {topic} discussed; {n} {rng.choice(GROUPS[:4])} "
            f"and {k} staff took part",
            f"Audit of {n + k} records in {month}: {topic} in place in {n} of them",
            f"{rng.choice(GROUPS).capitalize()} fed back on {topic} at the {rng.choice(MEETINGS)}; {k} suggestions "
            "added to the tracker",
            f"Photo of the {rng.choice(PLACES)} noticeboard with the latest news on {topic}",
            f"{n} people came to the {rng.choice(SESSIONS)} on {topic}; {k} feedback forms returned",
            f"Piece on {topic} in the {month} newsletter, written with {rng.choice(GROUPS)}",
            f"Action log: a point about {topic} raised by {rng.choice(GROUPS)} and closed after {k} weeks",
        )
    )
    if rng.random() < 0.3:
        return [f"      - description: {quote(text)}", f"        date: {when}", f"        link: {quote(link)}"]
    return [f"      - {{description: {quote(text)}, date: {when}}}"]


def action(rng: random.Random, topic: str) -> str:
    return rng.choice(
        (
            f"Agree with the residents' meeting how to improve {topic}, and report back in three months",
            f"Ask the forum to review {topic} and write up what they would change",
            f"Run a joint session on {topic} in the early evening so that carers can come, travel costs paid",
            f"Write down how {topic} should work and put it on the noticeboard",
        )
    )


# ---- running and timing commands ------------------------------------------------------------


@dataclass
class Side:
    """One command of a pair, and what its timed runs took."""

    argv: list[str]
    shown: str
    seconds: list[float] = field(default_factory=list)
    kib: list[int] = field(default_factory=list)

    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    def peak_mib(self) -> float:
        return max(self.kib) / 1024

    def spread(self) -> float:
        """Interquartile range over the median: how noisy the runs were."""
        if len(self.seconds) < 2:
            return 0.0
        q1, _, q3 = statistics.quantiles(self.seconds, n=4, method="inclusive")
        return (q3 - q1) / statistics.median(self.seconds)

    def as_json(self) -> dict[str, object]:
        ms = sorted(s * 1000 for s in self.seconds)
        return {
            "command": self.shown,
            "median_ms": round(self.median_ms(), 1),
            "min_ms": round(ms[0], 1),
            "max_ms": round(ms[-1], 1),
            "iqr_over_median": round(self.spread(), 3),
            "peak_rss_mib": round(self.peak_mib(), 1),
            "samples_ms": [round(s * 1000, 1) for s in self.seconds],
        }


def checked_output(argv: Sequence[str], cwd: Path | None = None) -> str:
    """Run a command once, insisting on exit 0; its output."""
    done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise BenchError(f"'{' '.join(argv)}' exited {done.returncode}, not 0:\n{tail}")
    return done.stdout


LAUNCHER = """
import os, sys, time
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY, 0) for fd in (0, 1, 2)]
for line in sys.stdin:
    argv = line.rstrip("\\n").split("\\0")
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    print(repr(elapsed), usage.ru_maxrss, os.waitstatus_to_exitcode(status), flush=True)
"""
"""Starts each timed command and reports its wall time, peak memory (KiB) and exit code, one line each.

Linux counts in a child's ``ru_maxrss`` the peak memory of the process it was started from, up
to its ``exec`` (the kernel keeps the old address space's high-water mark). Started straight
from this script, every small command would show this script's own peak (20 MiB and more) and
never less. So a launcher that is as small as Python gets (``-I -S``, three modules: about
9 MiB, less than any command measured here) starts them instead, with ``posix_spawn``; the time
is taken there too, around start and exit.
"""


class Launcher:
    """The launcher process; ``timed`` runs one command through it."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=cwd,
        )

    def timed(self, side: Side) -> None:
        """One whole-process run of ``side``: its wall time from start to exit, its peak memory."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        if any("\n" in word or "\0" in word for word in side.argv):
            raise BenchError(f"cannot pass a newline or NUL to the launcher: {side.shown!r}")
        self.process.stdin.write("\0".join(side.argv) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().split()
        if len(answer) != 3:
            raise BenchError(f"the launcher stopped while running '{side.shown}'")
        seconds, kib, code = float(answer[0]), int(answer[1]), int(answer[2])
        if code != 0:
            raise BenchError(f"'{side.shown}' exited {code} in a timed run (it passed its check)")
        side.seconds.append(seconds)
        side.kib.append(kib)  # KiB on Linux

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def measure(launcher: Launcher, a: Side, b: Side, runs: int, cwd: Path) -> None:
    """Check and warm up each, then time them alternately: A, B, A, B, …"""
    for side in (a, b):
        checked_output(side.argv, cwd)
    for _ in range(runs):
        launcher.timed(a)
        launcher.timed(b)


# ---- what is measured, and the report ---------------------------------------------------------


@dataclass
class Row:
    key: str
    title: str
    coprod: Side
    reference: Side | None
    target: float
    memory: bool = False
    """The target is on the coprod side's peak memory in MiB (below), not on the time ratio (at most)."""

    def value(self) -> float:
        if self.memory:
            return self.coprod.peak_mib()
        assert self.reference is not None
        return self.coprod.median_ms() / self.reference.median_ms()

    def passed(self) -> bool:
        return self.value() < self.target if self.memory else self.value() <= self.target

    def target_text(self) -> str:
        return f"< {self.target:g} MiB" if self.memory else f"≤ {self.target:g}"

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "title": self.title,
            "coprod": self.coprod.as_json(),
            "reference": self.reference.as_json() if self.reference else None,
            "passed": self.passed(),
        }
        if self.memory:
            data |= {"peak_rss_mib": round(self.value(), 1), "target_peak_rss_mib_below": self.target}
        else:
            data |= {"ratio": round(self.value(), 3), "target_ratio_at_most": self.target}
        return data


def find_tool(name: str) -> Path:
    """A console script installed beside this interpreter, else the first on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which(name)
    if found is None:
        raise BenchError(f"'{name}' is not installed beside {sys.executable} nor on PATH; {INSTALL_HINT}")
    return Path(found)


def interpreter_of(script: Path) -> str | None:
    """The interpreter a console script's first line names, if it names one."""
    with script.open("rb") as f:
        first = f.readline().decode("utf-8", "replace").strip()
    return first[2:].strip().split()[0] if first.startswith("#!") and first[2:].strip() else None


def load_average() -> list[float] | None:
    """The 1, 5 and 15-minute load averages, where the system has them."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine(coprod: Path, check_jsonschema: Path, load_at_start: list[float] | None) -> dict[str, object]:
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
        "coprod": checked_output([str(coprod), "--version"]).strip(),
        "check_jsonschema": checked_output([str(check_jsonschema), "--version"]).strip(),
        "load_average_at_start": load_at_start,
        "load_average_at_end": load_average(),
    }


def table(rows: Sequence[Row]) -> str:
    def ms(side: Side | None) -> str:
        return f"{side.median_ms():.1f}" if side else "-"

    def mib(side: Side | None) -> str:
        return f"{side.peak_mib():.1f}" if side else "-"

    header = ("measurement", "coprod ms", "reference ms", "ratio", "target", "coprod MiB", "ref MiB", "result")
    body = [
        (
            row.title,
            "-" if row.memory else ms(row.coprod),
            "-" if row.memory else ms(row.reference),
            "-" if row.memory else f"{row.value():.2f}",
            row.target_text(),
            mib(row.coprod),
            "-" if row.memory else mib(row.reference),
            "PASS" if row.passed() else "FAIL",
        )
        for row in rows
    ]
    widths = [max(len(r[i]) for r in (header, *body)) for i in range(len(header))]
    lines = []
    for r in (header, *body):
        cells = [r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:-1], widths[1:-1], strict=True)), r[-1]]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def kb(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.1f} KB"


def run(runs: int, json_path: Path, say: Callable[[str], None]) -> int:
    coprod = find_tool("coprod")
    check_jsonschema = find_tool("check-jsonschema")
    python = sys.executable
    shebang = interpreter_of(coprod)
    if shebang and Path(shebang).resolve() != Path(python).resolve():
        say(f"note: {coprod} runs {shebang}, but the floor commands use {python}; run this script with that one")
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        # An installed coprod runs from compiled bytecode (pip compiles it); so do the measured
        # commands: the untimed first run of each writes it for an editable install.
        say("note: PYTHONDONTWRITEBYTECODE is set here; the measured commands run without it")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    load_at_start = load_average()
    items, review_months = framework_items(coprod)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="coprod-bench-") as tmp:
        folder = Path(tmp)

        def show(argv: Sequence[str]) -> str:
            words = [Path(w).name if w in {str(coprod), str(check_jsonschema)} else w for w in argv]
            return shlex.join("python" if w == python else w for w in words).replace(tmp, "$TMP")

        def side(argv: list[str]) -> Side:
            return Side(argv, show(argv))

        files: dict[str, Path] = {}
        sizes: dict[str, float] = {}
        for size in SIZES:
            path = folder / f"{size.key}.yaml"
            path.write_text(evidence_text(size, items, review_months), encoding="utf-8")
            try:
                checked_output([str(coprod), "validate", "--strict", str(path)])
            except BenchError as e:
                raise BenchError(f"coprod does not accept the generated {size.key} evidence file {path}: {e}") from e
            files[size.key] = path
            sizes[size.key] = round(path.stat().st_size / 1024, 1)
        schema = folder / "evidence.schema.json"
        checked_output([str(coprod), "schema", "evidence", "-o", str(schema)])
        summary_dirs = {}
        for count in (100, 1000):
            summary_dirs[count] = folder / f"units-{count}"
            summary_dirs[count].mkdir()
            bench_summary.generate(summary_dirs[count], count)
        say(f"files in {tmp}: " + ", ".join(f"{key} {kb(path)}" for key, path in files.items()))

        plan: list[Row] = []
        for key, path in files.items():
            plan.append(
                Row(
                    f"validate-{key}",
                    f"validate {key} ({kb(path)}) / check-jsonschema",
                    side([str(coprod), "validate", str(path)]),
                    side([str(check_jsonschema), "--schemafile", str(schema), str(path)]),
                    0.6,
                )
            )
        for key, path in files.items():
            plan.append(
                Row(
                    f"assess-{key}",
                    f"assess --format json {key} / import floor",
                    side([str(coprod), "assess", str(path), "--format", "json"]),
                    side([python, "-c", "import yaml, pydantic"]),
                    1.5,
                )
            )
        plan.append(
            Row(
                "help",
                "--help / import typer",
                side([str(coprod), "--help"]),
                side([python, "-c", "import typer"]),
                1.3,
            )
        )
        many = side([str(coprod), "summary", str(summary_dirs[1000])])
        few = side([str(coprod), "summary", str(summary_dirs[100])])
        plan.append(Row("summary-scaling", "summary 1,000 files / 100 files", many, few, 11))
        plan.append(Row("summary-memory", "summary 1,000 files: peak memory", many, None, 150, memory=True))

        launcher = Launcher(folder)
        try:
            for row in plan:
                if row.reference is not None:
                    say(f"measuring {row.title} ({runs} runs each) …")
                    measure(launcher, row.coprod, row.reference, runs, folder)
                rows.append(row)
        finally:
            launcher.close()

    report: dict[str, object] = {
        "machine": machine(coprod, check_jsonschema, load_at_start),
        "runs": runs,
        "started_utc": started,
        "files_kib": sizes,
        "measurements": {row.key: row.as_json() for row in rows},
        "passed": all(row.passed() for row in rows),
    }
    print_report(report, rows)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"wrote {json_path}")
    return 0 if report["passed"] else 1


def print_report(report: dict[str, object], rows: Sequence[Row]) -> None:
    m = report["machine"]
    assert isinstance(m, dict)
    print(f"coprod benchmarks: median wall time of {report['runs']} alternating whole-process runs per command")
    print(f"machine: {m['platform']}; {m['cpu']}; {m['cores']} cores; Python {m['python']}")
    print(f"tools:   {m['coprod']}; {m['check_jsonschema']}")
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
    noisy = [
        f"{row.key} {which} ({side.spread():.0%})"
        for row in rows
        if not row.memory
        for which, side in (("coprod", row.coprod), ("reference", row.reference))
        if side is not None and side.spread() > NOISY
    ]
    if noisy:
        print(f"\nnoisy (interquartile range over {NOISY:.0%} of the median): {', '.join(noisy)}; try more --runs")
    print()
    print("ALL TARGETS MET" if report["passed"] else "SOME TARGETS MISSED")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    how_many = parser.add_mutually_exclusive_group()
    how_many.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"timed runs of each command (default {DEFAULT_RUNS})"
    )
    how_many.add_argument("--quick", action="store_true", help=f"a smoke run: {QUICK_RUNS} runs of each command")
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        metavar="PATH",
        help="where to write the results (default benchmarks/results.json)",
    )
    args = parser.parse_args(argv)
    runs = QUICK_RUNS if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        return run(runs, args.json, say)
    except BenchError as e:
        say(f"benchmarks/run.py: {e}")
        return 2


if __name__ == "__main__":
    sys.exit(main())

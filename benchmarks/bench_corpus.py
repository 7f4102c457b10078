"""The benchmarks' inputs, the same on every run: realistic evidence files written from a fixed seed.

* ``evidence_text``: one evidence file for the shipped framework ``rehab-recovery``, written as
  a person would write it, at one of the ``SIZES`` (typical: about 20 KB, every target with a
  record or two of evidence; large: about 500 KB, a year's evidence log with long notes).
* ``write_units``: a service's whole set of units, each its own typical file, for ``summary``.
* ``history_versions``: the versions of one unit's file as it is edited, one small change after
  another (a target's status), for ``history``; ``write_git_history`` commits them to a new git
  repository with ``git fast-import`` (one process, not one ``git commit`` per version) and
  ``write_versions`` writes the same versions as files.

Nothing here imports coprod: the framework's targets come from ``coprod framework show``.
"""

from __future__ import annotations

import json
import random
import subprocess
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from bench_process import BenchError, checked_output

FRAMEWORK = "rehab-recovery"
SEED = 9

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


TYPICAL = Size("typical", "Hafod Wen Open Rehabilitation Unit", None, 5, (1, 2), (0, 1), ratings=True)
LARGE = Size("large", "Coed Glas Low Secure Unit", None, 9, (70, 100), (14, 22), ratings=True)
SIZES = (TYPICAL, LARGE)
HISTORY = replace(TYPICAL, key="history", unit="Nant y Coed Rehabilitation Unit")
"""The unit whose file ``history_versions`` edits: a typical file of its own."""


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


def evidence_text(size: Size, items: Sequence[Item], review_months: int, variant: int = 0) -> str:
    """One evidence file, written as a person would write it, from the seeded generator; each
    ``variant`` is another file of the same size."""
    rng = random.Random(f"{SEED}-{size.key}" + (f"-{variant}" if variant else ""))
    assessed_on = date(2026, 9, 14)
    window = review_months * 30 - 5
    slug = size.unit.lower().replace(" ", "-")
    people = ASSESSORS[: size.assessors]
    chosen = items if size.records is None else items[: size.records]
    lines = [
        f"# Benchmark evidence file ({size.key}), written by benchmarks/bench_corpus.py from a fixed seed.",
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


# ---- many units, and one unit's history ------------------------------------------------------

UNIT_VARIANTS = 50
"""How many different typical files ``write_units`` writes; the rest are copies under other names."""


def unit_name(n: int) -> str:
    return f"Unit {n:05d}"


def write_units(folder: Path, count: int, items: Sequence[Item], review_months: int) -> list[Path]:
    """``count`` typical evidence files in ``folder``, each for a unit of its own ("Unit 00000",
    "Unit 00001", …), spread over ten site folders as a service might keep them; their paths.

    Only ``UNIT_VARIANTS`` of them are written by the generator (so that 10,000 take seconds, not
    minutes); the others copy one of those under their own unit name."""
    variants = [
        evidence_text(replace(TYPICAL, unit=unit_name(v)), items, review_months, variant=v)
        for v in range(min(count, UNIT_VARIANTS))
    ]
    paths = []
    for n in range(count):
        v = n % len(variants)
        text = variants[v].replace(f"  name: {quote(unit_name(v))}\n", f"  name: {quote(unit_name(n))}\n", 1)
        site = folder / f"site-{n % 10}"
        site.mkdir(parents=True, exist_ok=True)
        path = site / f"unit-{n:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


CHANGEABLE = ("met", "partial", "not-met")


def history_versions(count: int, items: Sequence[Item], review_months: int) -> Iterator[str]:
    """``count`` versions of one typical evidence file, the oldest first: each after the first
    changes the status of one target or enabler that has evidence and an action (among met,
    partial and not-met) and nothing else, so every version is free of warnings."""
    lines = evidence_text(HISTORY, items, review_months).splitlines()
    statuses = []
    status = None
    evidence = False
    for n, line in enumerate(lines):
        if line.startswith("    status: "):
            status, evidence = (n if line.split(": ")[1] in CHANGEABLE else None), False
        elif line == "    evidence:":
            evidence = True
        elif line == "    action:" and status is not None and evidence:
            statuses.append(status)
    rng = random.Random(f"{SEED}-history-edits")
    for version in range(count):
        if version:
            n = rng.choice(statuses)
            now = lines[n].split(": ")[1]
            lines[n] = f"    status: {rng.choice([s for s in CHANGEABLE if s != now])}"
        yield "\n".join(lines) + "\n"


def write_versions(folder: Path, versions: Sequence[str]) -> None:
    """Each version as a file of its own in ``folder``: version-0001.yaml, …, each naming a unit of
    its own ("… (version 1)"), so that ``summary`` lays every one out as ``history`` does rather than
    take them for one unit assessed again and again on one day."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"  name: {quote(HISTORY.unit)}\n"
    for n, text in enumerate(versions, 1):
        own = text.replace(name, f"  name: {quote(f'{HISTORY.unit} (version {n})')}\n", 1)
        (folder / f"version-{n:04d}.yaml").write_text(own, encoding="utf-8")


HISTORY_FILE = "unit.yaml"
FIRST_COMMIT = 1_789_462_800
"""2026-09-15 09:00 UTC, the day after the assessment: when the first version is committed; the
others follow an hour apart."""


def write_git_history(repo: Path, versions: Sequence[str]) -> Path:
    """A new git repository in ``repo`` whose branch ``main`` commits each version in turn to
    ``unit.yaml``, in one ``git fast-import`` run; the file's path, checked out at the last version."""
    repo.mkdir(parents=True, exist_ok=True)
    checked_output(["git", "-c", "init.defaultBranch=main", "init", "-q", str(repo)])
    stream = bytearray()
    for n, text in enumerate(versions):
        message = f"Evidence for {HISTORY.unit}: version {n + 1}\n".encode()
        content = text.encode("utf-8")
        stream += b"commit refs/heads/main\n"
        stream += f"committer Benchmark <benchmark@example.org> {FIRST_COMMIT + n * 3600} +0000\n".encode()
        stream += b"data %d\n%s" % (len(message), message)
        stream += b"M 100644 inline %s\ndata %d\n%s\n" % (HISTORY_FILE.encode(), len(content), content)
    done = subprocess.run(
        ["git", "fast-import", "--quiet"], check=False, input=bytes(stream), cwd=repo, capture_output=True
    )
    if done.returncode != 0:
        raise BenchError(f"git fast-import exited {done.returncode}: {done.stderr.decode(errors='replace').strip()}")
    checked_output(["git", "checkout", "-q", "-f", "main"], cwd=repo)
    return repo / HISTORY_FILE

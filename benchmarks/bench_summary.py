"""Benchmark ``coprod summary`` over many realistic unit files (not a timed test).

    python benchmarks/bench_summary.py                      # 100 and 1,000 files, text output
    python benchmarks/bench_summary.py --format markdown 100 1000 5000

For each size it writes that many evidence files into a temporary folder (the five shipped
examples, each copy under its own unit name, so every file is as long and as varied as a
real one), then runs the ``summary`` command in a fresh Python process — imports, reading,
checking, privacy scan, scoring, grouping, rendering and the output's privacy scan — and
prints the time the command took, the time of the whole process (Python's start-up too)
and the peak memory of that process (``resource.getrusage``).

Targets (issue 4): 1,000 files in under 5 s on 2 cores, under 200 MiB, and 1,000 files in
no more than 11× the time of 100.
"""

# ruff: noqa: PLC0415 - the measured process times its own imports

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TARGET_SECONDS, TARGET_MIB, TARGET_RATIO = 5.0, 200.0, 11.0


def generate(folder: Path, count: int) -> None:
    """``count`` evidence files in ``folder``, spread over subfolders as a service might keep them."""
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    for n in range(count):
        text = texts[n % len(texts)]
        start = text.index("  name: ")
        end = text.index("\n", start)
        text = f'{text[:start]}  name: "Unit {n:05d}"{text[end:]}'
        sub = folder / f"site-{n % 10}"
        sub.mkdir(exist_ok=True)
        (sub / f"unit-{n:05d}.yaml").write_text(text, encoding="utf-8")


def child(folder: Path, fmt: str) -> None:
    """Run in the measured process: the ``summary`` command itself, its output thrown away."""
    import resource

    started = time.perf_counter()
    import typer

    from coprod_cli.cli.rollup import SummaryFormat, summary_command

    real_stdout = sys.stdout
    with open(os.devnull, "w", encoding="utf-8") as sink:
        sys.stdout = sink
        try:
            summary_command([folder], format=SummaryFormat(fmt))
        except typer.Exit as done:
            if done.exit_code != 0:
                raise
        finally:
            sys.stdout = real_stdout
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "kib": peak_kib}))


def measure(count: int, fmt: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="coprod-bench-") as tmp:
        folder = Path(tmp)
        generate(folder, count)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), fmt], capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - started
    data: dict[str, float] = json.loads(done.stdout)
    data["wall"] = wall
    return data


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(Path(argv[1]), argv[2])
        return 0
    fmt = "text"
    if argv[:1] == ["--format"]:
        fmt, argv = argv[1], argv[2:]
    sizes = [int(a) for a in argv] or [100, 1000]
    results = {}
    print(f"coprod summary --format {fmt}")
    print(f"{'files':>7}  {'command':>9}  {'process':>9}  {'peak memory':>11}")
    for count in sizes:
        r = measure(count, fmt)
        results[count] = r
        print(f"{count:>7,}  {r['seconds']:>8.2f}s  {r['wall']:>8.2f}s  {r['kib'] / 1024:>7.1f} MiB")
    failed = False
    if 1000 in results:
        r = results[1000]
        ok = r["wall"] < TARGET_SECONDS and r["kib"] / 1024 < TARGET_MIB
        failed |= not ok
        print(f"1,000 files: {'within' if ok else 'OVER'} the target ({TARGET_SECONDS:g} s, {TARGET_MIB:g} MiB)")
    if 100 in results and 1000 in results:
        ratio = results[1000]["wall"] / results[100]["wall"]
        ok = ratio <= TARGET_RATIO
        failed |= not ok
        print(f"1,000 files take {ratio:.1f}× the time of 100 ({'within' if ok else 'OVER'} {TARGET_RATIO:g}×)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

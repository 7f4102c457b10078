"""The markdown charts, drawn by mermaid itself in a real browser, as GitHub and GitLab draw them.

Every ``mermaid`` block coprod writes (the golden summaries and history, and charts whose
labels are as awkward as unit names get) is parsed and rendered by mermaid 11 in headless
Chromium. Each must parse, keep its title, and draw every category at its own place: mermaid
puts all categories with the same label in one spot, so two units named alike would share
one bar and hide the other.

What it needs (the tests skip, naming what is missing, without; ``COPROD_A11Y_REQUIRED=1``
makes a missing piece fail them, as in CI): Chromium and Playwright for Python, as for
``tests/test_accessibility.py``, and mermaid's ``mermaid.min.js``: ``$MERMAID_JS``, else
``node_modules/mermaid/dist/mermaid.min.js`` in the repository, the temporary folder, or
``axe/`` in the temporary folder (``npm install --prefix DIR mermaid@11``; ``.ci/a11y-setup.sh``
installs it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.reports.charts import Chart, distinct_labels, mermaid
from tests.conftest import ROOT
from tests.reports.test_accessibility import CHROMIUM_ARGS, _missing, chromium_path, npm_script

GOLDEN = ROOT / "tests" / "golden"
BLOCK = re.compile(r"```mermaid\n(.*?)```", re.S)
PLACEHOLDER = re.compile(r"<(\w+)>\s*")
"""The golden history names each commit ``<name>``, padded to a hash's width; mermaid drops tags."""

RENDER_JS = """
async (text) => {
  try {
    await mermaid.parse(text);
    const { svg } = await mermaid.render("chart" + Math.random().toString(36).slice(2), text);
    const box = document.createElement("div");
    box.innerHTML = svg;
    return {
      title: [...box.querySelectorAll(".chart-title text")].map((e) => e.textContent),
      labels: [...box.querySelectorAll(".bottom-axis .label text")].map((e) => e.textContent),
      places: [...box.querySelectorAll(".bottom-axis .label text")].map((e) => e.getAttribute("transform")),
      bars: [...box.querySelectorAll("[class^=bar-plot] rect")].map((e) => Number(e.getAttribute("x"))),
      lines: box.querySelectorAll("[class^=line-plot] path").length,
    };
  } catch (e) {
    return { error: String(e) };
  }
}
"""


def mermaid_path() -> Path | None:
    return npm_script("MERMAID_JS", "mermaid", "dist", "mermaid.min.js")


@pytest.fixture(scope="module")
def draw() -> Iterator[Any]:
    """A function that draws one mermaid block in Chromium and says what it drew."""
    executable = chromium_path()
    if executable is None:
        _missing("Chromium not found (set COPROD_CHROMIUM, or apt-get install chromium; see .ci/a11y-setup.sh)")
    script = mermaid_path()
    if script is None:
        given = os.environ.get("MERMAID_JS")
        where = f"MERMAID_JS={given} is not a file" if given else "mermaid not found"
        _missing(f"{where} (npm install --prefix DIR mermaid@11, then set MERMAID_JS; see .ci/a11y-setup.sh)")
    try:
        from playwright import sync_api
    except ImportError:
        _missing("Playwright for Python is not installed (pip install playwright; never 'playwright install')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content("<!doctype html><html lang='en'><title>charts</title><body></body></html>")
            page.add_script_tag(content=script.read_text(encoding="utf-8"))
            page.evaluate("mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })")
            yield lambda text: page.evaluate(RENDER_JS, text)
        finally:
            browser.close()


def golden_blocks() -> list[tuple[str, str]]:
    found = []
    for path in sorted(GOLDEN.rglob("*.md")):
        for n, block in enumerate(BLOCK.findall(path.read_text(encoding="utf-8")), 1):
            found.append((f"{path.relative_to(GOLDEN).as_posix()}#{n}", PLACEHOLDER.sub(r"\1", block)))
    return found


GOLDEN_BLOCKS = golden_blocks()


def _declared(block: str, key: str) -> list[str]:
    line = next(line for line in block.splitlines() if line.strip().startswith(key))
    return re.findall(r'"([^"]*)"', line) if key == "x-axis" else line.split("[", 1)[1].rstrip("]").split(", ")


def assert_drawn_whole(drawn: dict[str, Any], block: str) -> None:
    """Parsed, titled, every category labelled at its own place, one bar per value."""
    assert "error" not in drawn, f"mermaid could not draw:\n{block}\n{drawn['error']}"
    title = re.search(r'title "([^"]*)"', block)
    assert title is not None
    assert drawn["title"] == [title.group(1)]
    labels = _declared(block, "x-axis")
    assert drawn["labels"] == labels
    assert len(set(drawn["places"])) == len(labels), f"categories drawn in one place:\n{block}"
    if "    bar [" in block:
        assert len(drawn["bars"]) == len(labels) == len(_declared(block, "bar"))
        assert len(set(drawn["bars"])) == len(labels), f"bars drawn on top of each other:\n{block}"
    assert drawn["lines"] == block.count("    line [")


def test_the_golden_files_have_charts() -> None:
    assert len(GOLDEN_BLOCKS) >= 3
    assert {name.split("/")[0] for name, _ in GOLDEN_BLOCKS} >= {"summary", "history"}


@pytest.mark.parametrize(("name", "block"), GOLDEN_BLOCKS, ids=[name for name, _ in GOLDEN_BLOCKS])
def test_every_golden_chart_draws_whole(draw: Any, name: str, block: str) -> None:
    assert_drawn_whole(draw(block), block)


AWKWARD_NAMES = [
    'Ward "A" [north]',
    "Ward A",
    "Ward A",
    "ward a",
    "Tŷ Derwen — Uned Adsefydlu Diogel Isel",
    "Bryn Celyn Locked Rehabilitation Unit",
    "Bryn Celyn Locked Rehabilitation Unit 2",
    "<b>Unit</b> & `co`; #1 | 50%",
    "",
    "مركز التعافي",
    "Ward 🌿 Willow",
]


def test_units_named_alike_each_get_their_own_bar(draw: Any) -> None:
    chart = Chart("Level 1 — Laying the foundations", tuple(AWKWARD_NAMES), bars=tuple(range(len(AWKWARD_NAMES))))
    block = mermaid(chart).removeprefix("```mermaid\n").removesuffix("```")
    drawn = draw(block)
    assert_drawn_whole(drawn, block)
    assert drawn["labels"][1:3] == ["Ward A", "Ward A (2)"]


def test_distinct_labels_number_repeats_in_order_within_the_limit() -> None:
    made = distinct_labels(["Ward A", "Ward A", "Ward  A", "", '""', "x" * 40, "x" * 41])
    assert made == ("Ward A", "Ward A (2)", "Ward A (3)", "?", "? (2)", "x" * 23 + "…", "x" * 19 + "… (2)")
    assert all(len(label) <= 24 for label in made)
    assert len(set(made)) == len(made)

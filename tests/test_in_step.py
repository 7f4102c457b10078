"""The markdown and HTML reports stay in step with the JSON result.

For every example and golden unit, every target, gap, action, warning and enabler in the
JSON result appears in the markdown report and in the HTML report. Markdown is compared
with the text as the markdown escaping writes it; HTML with the text a reader sees.
"""

from __future__ import annotations

from typing import Any

import pytest

from coprod_cli import report, report_html
from coprod_cli.markdown import escape
from coprod_cli.render_json import result_dict
from coprod_cli.words import STATUS_WORDS, percent

from .test_html import UNITS, Page, result_for


def _facts(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What both reports must show, as (what it is, the text) pairs."""
    facts: list[tuple[str, str]] = [("unit name", data["unit"]["name"])]
    facts += [(f"unit {key}", value) for key, value in data["unit"].items() if value and key != "name"]
    facts += [("framework id", data["framework"]["id"]), ("framework sha256", data["framework"]["sha256"])]
    for level in data["levels"]:
        facts += [(f"level {level['number']} title", level["title"])]
        facts += [(f"level {level['number']} percent", str(percent(level["percent"])))]
    for kind in ("gaps", "enablers"):
        for item in data[kind]:
            facts += [(f"{kind} id", item["id"]), (f"{kind} text", item["text"])]
            facts += [(f"{kind} status of {item['id']}", STATUS_WORDS[item["status"]])]
            action = item.get("action")
            if action:
                facts += [(f"action of {item['id']}", action["description"])]
                if action["owner"]:
                    facts += [(f"action owner of {item['id']}", action["owner"])]
    for warning in data["warnings"]:
        facts += [("warning", warning["message"]), ("warning line", f"Line {warning['line']}")]
    facts += [("retired target", t["id"]) for t in data["retired"]]
    facts += [("waiver reason", w["reason"]) for w in data["waivers"]]
    if data["next_level"]:
        facts += [("closest target", ident) for ident in data["next_level"]["closest"]]
    return facts


@pytest.mark.parametrize("relative", UNITS)
def test_every_part_of_the_json_result_is_in_both_reports(relative: str) -> None:
    result = result_for(relative)
    data = result_dict(result)
    markdown = report.render(result)
    html = Page(report_html.render(result)).text
    facts = _facts(data)
    assert len(facts) >= 10
    missing_md = [(what, text) for what, text in facts if escape(text) not in markdown]
    missing_html = [(what, text) for what, text in facts if " ".join(text.split()) not in html]
    assert not missing_md, f"not in the markdown report of {relative}: {missing_md}"
    assert not missing_html, f"not in the HTML report of {relative}: {missing_html}"


@pytest.mark.parametrize("relative", UNITS)
def test_both_reports_list_the_same_targets_in_the_same_order(relative: str) -> None:
    """Target ids appear in the same order in both reports: the same sections, in the same places."""
    result = result_for(relative)
    ids = [t.id for lv in result.levels for t in lv.targets] + [e.id for e in result.enablers]
    ids += [t.id for t in result.retired]

    def order(text: str, *, markdown: bool) -> list[str]:
        found = [(text.find(f"({escape(i) if markdown else i})"), i) for i in ids]
        return [ident for at, ident in sorted(found) if at >= 0]

    markdown = report.render(result)
    html = Page(report_html.render(result)).text
    assert order(markdown, markdown=True) == order(html, markdown=False)
    for ident in ids:
        assert markdown.count(f"({escape(ident)})") == html.count(f"({ident})"), ident

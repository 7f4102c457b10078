"""The markdown and HTML reports stay in step with the JSON result.

For every example and golden unit, and for a unit rated by six people, every target, gap,
action, warning, enabler, disagreement and sign-off in the JSON result appears in the
markdown report and in the HTML report; and what changed since a baseline appears in both
as it does in ``coprod compare``'s JSON. Markdown is compared with the text as the markdown
escaping writes it; HTML with the text a reader sees.
"""

from __future__ import annotations

from typing import Any

import pytest

from coprod_cli.reports import html_report as report_html
from coprod_cli.reports import markdown_report as report
from coprod_cli.reports.compare import compare_dict
from coprod_cli.reports.json_result import result_dict
from coprod_cli.reports.markdown import escape
from coprod_cli.reports.words import CHECK_WORDS, ROLE_WORDS, STATUS_WORDS, percent
from tests.reports.test_html import SIX_VOICES, UNITS, Page, result_for, since_for

CASES = [*UNITS, SIX_VOICES]
ROLE_ONE = {"service-user": "service user", "third-sector": "third sector"}


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
    for warning in data["warnings"]:  # in a shared report's words, without the file's line (the terminal has it)
        facts += [("thing to check", CHECK_WORDS.get(warning["code"], "something in the record to check")[1:])]
    facts += [("retired target", t["id"]) for t in data["retired"]]
    facts += [("waiver reason", w["reason"]) for w in data["waivers"]]
    if data["next_level"]:
        facts += [("closest target", ident) for ident in data["next_level"]["closest"]]
        facts += [("nearest win", ident) for ident in data["next_level"]["nearest_wins"]]
    facts += [("ladder", data["ladder"]["explanation"])]
    for d in data["disagreements"]:  # ratings counted by role, without names (docs/privacy.md)
        facts += [("disagreement on", f"({d['target']})")]
        for rating in d["ratings"]:
            facts += [(f"rating of {d['target']}", f"{ROLE_WORDS[rating['role']]}: ")]
            facts += [(f"rating of {d['target']}", STATUS_WORDS[rating["status"]])]
    for level in data["levels"]:
        for s in level["signed_off"]:
            facts += [(f"sign-off of level {level['number']}", f"{s['name']} ({ROLE_ONE.get(s['role'], s['role'])})")]
    return facts


@pytest.mark.parametrize("relative", CASES)
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


def test_the_co_assessed_unit_has_every_kind_of_fact() -> None:
    """So the test above checks disagreements, ratings and sign-offs, not nothing."""
    kinds = {what.split(" ")[0] for what, _ in _facts(result_dict(result_for(SIX_VOICES)))}
    assert {"disagreement", "rating", "sign-off", "ladder"} <= kinds


@pytest.mark.parametrize("relative", CASES)
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


def _since_facts(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What the "since the last assessment" section must show, from ``coprod compare``'s JSON."""
    facts: list[tuple[str, str]] = [("baseline file", data["before"]["file"])]
    for level in data["levels"]:
        facts += [(f"level {level['number']} then", str(percent(level["before"])))]
        if level["change"] is not None:
            facts += [(f"level {level['number']} change", f"{level['change']:+.1f}")]
    for change in [*data["changes"], *data["enablers"]]:
        facts += [(f"change of {change['id']}", f"({change['id']})")]
        facts += [(f"{change['id']} before", STATUS_WORDS[change["before"]])]
    for kind in ("actions_completed", "actions_now_overdue", "actions_still_overdue"):
        for action in data[kind]:
            facts += [(f"{kind} {action['id']}", action["description"])]
    facts += [("new target", ident) for ident in data["new_targets"]]
    facts += [("dropped target", ident) for ident in data["dropped_targets"]]
    return facts


def test_since_is_in_both_reports() -> None:
    result, since = since_for()
    data = compare_dict(since)
    markdown = report.render(result, since=since)
    html = Page(report_html.render(result, since=since)).text
    facts = _since_facts(data)
    assert len(facts) >= 30
    for kind in ("actions_completed", "actions_still_overdue", "enablers", "regressed", "applies_again"):
        assert data[kind], f"the baseline shows {kind}"
    missing_md = [(what, text) for what, text in facts if escape(text) not in markdown]
    missing_html = [(what, text) for what, text in facts if " ".join(text.split()) not in html]
    assert not missing_md, f"not in the markdown report: {missing_md}"
    assert not missing_html, f"not in the HTML report: {missing_html}"
    ids = [t.id for lv in result.levels for t in lv.targets] + [e.id for e in result.enablers]
    for ident in ids:
        assert markdown.count(f"({escape(ident)})") == html.count(f"({ident})"), ident

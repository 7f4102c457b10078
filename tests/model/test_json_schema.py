"""``coprod schema``: the exported JSON Schemas agree with coprod about what is valid.

Files are read the way an editor reads them (a normal YAML loader: numbers as numbers,
dates as dates, turned into JSON text as an editor's YAML plugin does) and validated with
the ``jsonschema`` library.  Every example and valid corpus file must pass; the corpus
files that are invalid because of their types or keys must be rejected by the schema as
they are by coprod.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from coprod_cli.editing.writer import MARKER
from coprod_cli.errors import InputError
from coprod_cli.model.json_schema import KINDS, schema
from coprod_cli.scoring.check import check_file
from tests.conftest import DATA, EXAMPLES, ROOT, RunCoprod
from tests.framework.test_framework_diff import FRAMEWORKS, RunCli, cli

__all__ = ["cli"]  # a fixture used here


def as_editor_reads(path: Path) -> Any:
    """The file as a YAML editor plugin sees it: JSON values, dates as ISO text, keys as text."""

    def jsonify(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): jsonify(v) for k, v in value.items()}
        if isinstance(value, list):
            return [jsonify(v) for v in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    return jsonify(yaml.safe_load(path.read_text(encoding="utf-8-sig")))


def _is_framework(data: Any) -> bool:
    return isinstance(data, dict) and ("levels" in data or "extends" in data)


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(kind), format_checker=jsonschema.FormatChecker())  # type: ignore[arg-type]


def errors(kind: str, data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator(kind).iter_errors(data)]


SOURCES = [
    *sorted(EXAMPLES.glob("*.yaml")),
    *sorted((DATA / "valid").glob("*.yaml")),
    *sorted((ROOT / "tests" / "golden").glob("*.yaml")),
    ROOT / "frameworks" / "rehab-recovery.yaml",
    *sorted(FRAMEWORKS.glob("*.yaml")),
]


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    s = schema(kind)  # type: ignore[arg-type]
    jsonschema.Draft202012Validator.check_schema(s)
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["$id"].endswith(f"/{kind}.json")
    assert s["title"]
    assert s["description"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_valid_file_passes(path: Path) -> None:
    data = as_editor_reads(path)
    kind = "framework" if _is_framework(data) else "evidence"
    assert errors(kind, data) == []


def test_the_sources_cover_both_kinds() -> None:
    kinds = {_is_framework(as_editor_reads(p)) for p in SOURCES}
    assert kinds == {True, False}
    assert len(SOURCES) >= 25


# Corpus files that are invalid because of a value's type, a key, or a missing field.
SCHEMA_INVALID = [
    "action-missing-description",
    "assessor-bad-role",
    "assessor-missing-role",
    "assessors-mapping",
    "blank-unit-name",
    "bom-unknown-key",
    "comments-only",
    "crlf-bad-status",
    "date-with-time",
    "date-wrong-format",
    "empty-file",
    "empty-unit-name",
    "evidence-item-text",
    "evidence-mapping",
    "evidence-missing-description",
    "evidence-text",
    "fw-bad-id",
    "fw-empty-id",
    "fw-level-no-targets",
    "fw-missing-title",
    "fw-no-levels",
    "fw-review-months-zero",
    "fw-target-missing-text",
    "fw-threshold-150",
    "fw-threshold-text",
    "fw-unknown-key",
    "key-at-wrong-level",
    "missing-assessed-on",
    "missing-unit",
    "missing-unit-name",
    "not-applicable-blank-justification",
    "not-applicable-no-justification",
    "review-by-on-met",
    "role-typo-after-welsh-text",
    "status-case",
    "status-missing",
    "status-no",
    "status-typo",
    "target-empty",
    "targets-list",
    "top-level-list",
    "top-level-text",
    "unit-empty",
    "unit-name-list",
    "unit-text",
    "unknown-target-key",
    "unknown-top-key",
]


@pytest.mark.parametrize("case", SCHEMA_INVALID)
def test_schema_invalid_files_are_rejected_by_both(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = DATA / "invalid" / f"{case}.yaml"
    monkeypatch.chdir(ROOT)
    with pytest.raises(InputError):
        check_file(path, case)
    data = as_editor_reads(path)
    kind = "framework" if _is_framework(data) else "evidence"
    assert errors(kind, data), f"the {kind} schema accepts {case}.yaml"


def test_the_cases_named_in_the_issue_are_covered() -> None:
    named = {"unknown-top-key", "status-typo", "assessor-bad-role", "missing-unit", "missing-assessed-on"}
    assert named | {"evidence-mapping"} <= set(SCHEMA_INVALID)


def test_a_file_of_the_other_kind_is_rejected() -> None:
    assert errors("evidence", as_editor_reads(ROOT / "frameworks" / "rehab-recovery.yaml"))
    assert errors("framework", as_editor_reads(EXAMPLES / "open-rehab-unit.yaml"))


def test_tailoring_keys_only_with_extends() -> None:
    tailored = {"id": "local", "version": "1.0.0", "title": "Local", "extends": "rehab-recovery"}
    assert errors("framework", {**tailored, "remove": ["L1.suggestion-boxes"]}) == []
    assert errors("framework", {**tailored, "levels": []})
    complete = as_editor_reads(FRAMEWORKS / "base.yaml")
    assert errors("framework", {**complete, "remove": ["L1.meetings"]})
    assert errors("framework", {**tailored, "override": {"levels": {"one": {"threshold": 90}}}})
    assert errors("framework", {**tailored, "override": {"levels": {"1": {"threshold": 90}}}}) == []


def test_numbers_and_dates_as_written() -> None:
    unit = {"unit": {"name": "Ward A"}, "assessed_on": "2026-10-14"}
    assert errors("evidence", unit) == []
    assert errors("evidence", {**unit, "assessed_on": "2026-10-14T10:00:00"})
    assert errors("evidence", {**unit, "assessed_on": "14/10/2026"})
    assert errors("evidence", {**unit, "targets": None, "assessors": None}) == []
    framework = as_editor_reads(FRAMEWORKS / "base.yaml")
    assert errors("framework", {**framework, "review_months": "12"})
    assert errors("framework", {**framework, "review_months": 1.5})


# ---- the result schema --------------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_assess_json_of_each_example_matches_the_result_schema(
    coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, example: Path
) -> None:
    monkeypatch.chdir(ROOT)
    run = coprod("assess", example.relative_to(ROOT).as_posix(), "--format", "json")
    assert run.code == 0, str(run)
    assert errors("result", json.loads(run.stdout)) == []


RESULT_GOLDENS = sorted(
    p
    for p in (ROOT / "tests" / "golden").glob("**/*.json")
    if "attained_level" in json.loads(p.read_text(encoding="utf-8"))  # a result, not a summary
)


def described(data: object) -> list[str]:
    """The result schema's errors for ``data``, with its top level closed: the published schema
    lets a later coprod add fields (docs/json-result.md), but this one must describe all it writes."""
    closed = {**schema("result"), "additionalProperties": False}
    found = jsonschema.Draft202012Validator(closed, format_checker=jsonschema.FormatChecker()).iter_errors(data)  # type: ignore[arg-type]
    return [e.message for e in found]


@pytest.mark.parametrize("path", RESULT_GOLDENS, ids=lambda p: str(p.relative_to(ROOT / "tests" / "golden")))
def test_golden_results_match_the_result_schema(path: Path) -> None:
    """Every golden JSON result: the schema describes every field it has."""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert described(data) == []


def test_the_result_goldens_are_found() -> None:
    assert len(RESULT_GOLDENS) >= 7


WITH_A_WAIVER = ROOT / "tests" / "data" / "valid" / "review-due.yaml"


@pytest.mark.parametrize("example", [*sorted((ROOT / "examples").glob("*.yaml")), WITH_A_WAIVER], ids=lambda p: p.stem)
def test_each_examples_result_matches_the_result_schema(cli: RunCli, example: Path) -> None:
    """The shipped examples carry actions, a log and not-applicable answers, and review-due.yaml a
    waiver past its review date; each with a crosswalk."""
    run = cli("assess", str(example), "--format", "json", "--crosswalk", "sswb-act")
    assert run.code in (0, 1), str(run)
    assert described(json.loads(run.stdout)) == []


def test_a_field_the_schema_does_not_describe_is_found() -> None:
    data = json.loads(RESULT_GOLDENS[0].read_text(encoding="utf-8"))
    assert described({**data, "patient": "x"}) != []
    assert errors("result", {**data, "patient": "x"}) == []  # a later coprod may add fields


def test_result_schema_requires_the_contract_fields() -> None:
    required = set(schema("result")["required"])
    contract = {"schema_version", "unit", "framework", "assessed_on", "attained_level", "levels", "enablers"}
    assert contract | {"gaps", "assessors", "warnings"} <= required


def test_result_schema_names_the_next_levels_nearest_wins() -> None:
    next_level = schema("result")["properties"]["next_level"]
    found = next_level.get("anyOf", [next_level])
    step = next(s for s in found if s.get("type") == "object")
    assert {"targets_needed", "closest", "nearest_wins"} <= set(step["required"])


# ---- the command ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_sorted_json(cli: RunCli, kind: str) -> None:
    run = cli("schema", kind)
    assert run.code == 0, str(run)
    data = json.loads(run.stdout)
    assert run.stdout == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert MARKER in data["$comment"]
    assert {k: v for k, v in data.items() if k != "$comment"} == schema(kind)  # type: ignore[arg-type]


def test_schema_command_writes_and_rewrites_its_file(cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "evidence.schema.json"
    run = cli("schema", "evidence", "-o", out)
    assert run.code == 0, str(run)
    assert run.stderr == f"Wrote {out}.\n"
    first = out.read_text(encoding="utf-8")
    assert first == cli("schema", "evidence").stdout
    run = cli("schema", "evidence", "-o", out)  # coprod's own file: replaced without --force
    assert run.code == 0, str(run)
    assert out.read_text(encoding="utf-8") == first


def test_schema_command_refuses_a_file_it_did_not_write(cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    out.write_text("{}\n", encoding="utf-8")
    run = cli("schema", "result", "-o", out)
    assert run.code == 2, str(run)
    assert "already exists and was not generated by coprod; use --force" in run.stderr
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert cli("schema", "result", "-o", out, "--force").code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "coprod assessment result"


def test_schema_command_unknown_kind(cli: RunCli) -> None:
    run = cli("schema", "unit")
    assert run.code == 2, str(run)
    assert "'unit' is not one of 'evidence', 'framework', 'result'" in run.stderr

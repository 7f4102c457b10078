"""The reference for ``coprod summary``: read every evidence file under the folders given in one
process (PyYAML's C loader), check a few fields of each with a small pydantic model, count.

    python benchmarks/baseline_summary.py FOLDER...
"""

import sys
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel


class Unit(BaseModel):
    name: str


class Record(BaseModel):
    status: str
    evidence: list[dict[str, object]] = []


class Evidence(BaseModel):
    unit: Unit
    framework: str
    assessed_on: date
    assessors: list[dict[str, str]]
    targets: dict[str, Record]
    enablers: dict[str, Record] = {}


met: dict[str, int] = {}
for path in sorted(p for folder in sys.argv[1:] for p in Path(folder).rglob("*.yaml")):
    with path.open(encoding="utf-8") as f:
        evidence = Evidence.model_validate(yaml.load(f, Loader=yaml.CSafeLoader))
    met[str(path)] = sum(record.status == "met" for record in evidence.targets.values())
print(f"{len(met)} units, {sum(met.values())} targets met")

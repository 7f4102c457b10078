#!/usr/bin/env bash
# What the browser tests (tests/test_accessibility.py, tests/test_mermaid.py) need, installed for CI.
#
#   bash .ci/a11y-setup.sh DIR      (with the test virtual environment active)
#
# 1. Debian's Chromium (/usr/bin/chromium), with apt-get, unless it is already there;
# 2. Playwright for Python into the active virtual environment; it drives the system
#    Chromium (a browser download, 'playwright install', is neither possible nor wanted);
# 3. axe-core 4 and mermaid 11 from the npm registry, into DIR/node_modules (mermaid draws
#    the markdown charts in tests/test_mermaid.py, as GitHub and GitLab do).
#
# The last lines printed are the ones to run so the tests find them:
#   export AXE_CORE_JS=DIR/node_modules/axe-core/axe.min.js
#   export MERMAID_JS=DIR/node_modules/mermaid/dist/mermaid.min.js
# Any step that fails makes the script fail; the tests themselves skip, naming what is
# missing, when something is not there.
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 DIR   (the folder to install axe-core into)" >&2
  exit 2
fi
axe_dir="$1"

if [[ -x /usr/bin/chromium ]]; then
  echo "a11y-setup: Chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
  echo "a11y-setup: installing Debian's chromium with apt-get"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  ${sudo_cmd[@]+"${sudo_cmd[@]}"} apt-get update -qq
  ${sudo_cmd[@]+"${sudo_cmd[@]}"} apt-get install -y -qq --no-install-recommends chromium
fi

if [[ -z "${VIRTUAL_ENV:-}" ]]; then
  echo "a11y-setup: no virtual environment is active; activate the one the tests run in" >&2
  exit 2
fi
echo "a11y-setup: installing Playwright for Python into $VIRTUAL_ENV (it uses the system Chromium)"
python -m pip install --quiet playwright

echo "a11y-setup: installing axe-core 4 and mermaid 11 into $axe_dir"
mkdir -p "$axe_dir"
npm install --prefix "$axe_dir" --no-audit --no-fund --silent axe-core@4 mermaid@11
modules="$(cd "$axe_dir" && pwd -P)/node_modules"
axe_js="$modules/axe-core/axe.min.js"
mermaid_js="$modules/mermaid/dist/mermaid.min.js"
for file in "$axe_js" "$mermaid_js"; do
  if [[ ! -f "$file" ]]; then
    echo "a11y-setup: npm finished but $file is missing" >&2
    exit 1
  fi
done
version() { node -p 'require(process.argv[1]).version' "$modules/$1/package.json" 2>/dev/null || echo "$2"; }
echo "a11y-setup: axe-core $(version axe-core 4), mermaid $(version mermaid 11)"
echo "export AXE_CORE_JS=$axe_js"
echo "export MERMAID_JS=$mermaid_js"

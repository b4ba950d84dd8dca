#!/bin/sh
# Installs axe-core (the accessibility engine of src/test/java/org/qanode/ui/AccessibilityTest.java)
# from the npm registry, exactly as package-lock.json pins it. Run by Maven in
# generate-test-resources (exec-maven-plugin, see pom.xml) with this folder as working directory.
# - no npm on this machine: says so and succeeds; the test then skips, or fails under CI=true
#   (.ci/run installs Debian's nodejs and npm, so CI always has it);
# - already installed from this very lock file: nothing to do (no network, no time);
# - no Node binary is downloaded: the machine's npm and node are used.
set -eu
if ! command -v npm >/dev/null 2>&1; then
  echo "[axe] npm not found: axe-core not installed; the accessibility test will skip (fail under CI=true)"
  exit 0
fi
if [ -f node_modules/axe-core/axe.min.js ] && cmp -s package-lock.json node_modules/.qanode-lock; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error
cp package-lock.json node_modules/.qanode-lock

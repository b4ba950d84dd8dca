#!/usr/bin/env bash
# Web UI benchmark (issue 14): the comparison page of a 25,000-pair result in headless Chromium
# (Debian's chromium + chromium-driver). Generates the two folders once into DIR (kept for reruns),
# compares them with the node's runner, files the result in a node, and opens the page ROUNDS times
# per view, printing time to first byte, first contentful paint and load event (ms) from the
# browser's own timing. Budget: load event under 2 s. Results go into docs/performance.md,
# section "Web UI", by hand, with the machine's load.
# Usage: bench/ui-page-bench.sh [DIR] [PATIENTS] [ROUNDS]   (1191 patients x 21 objects = 25,011 pairs)
# JAVA_OPTS: extra JVM options of the benchmark's JVM (which runs the node), e.g. the options the
# launcher gives `qanode serve` (the `serve)` case in src/dist/bin/qanode).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-${TMPDIR:-/tmp}/qanode-ui-bench}
PATIENTS=${2:-1191}
ROUNDS=${3:-5}
mvn -q -o -Dqanode.axe.skip=true test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
trap 'rm -rf "$DIR/node"' EXIT
# shellcheck disable=SC2086 # a list of options
java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" org.qanode.ui.ComparisonPageBenchmark "$DIR" "$PATIENTS" "$ROUNDS"

#!/usr/bin/env bash
# BCrypt check time per cost factor (accounts, issue 12): the cost of a login, of a script
# token's first use, and of a guess. Usage: bench/bcrypt-bench.sh [CHECKS]
# Results go into docs/performance.md, section "Accounts", by hand (say if the machine was loaded).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
exec java -cp "$CP" org.qanode.bench.BcryptBenchmark "${1:-9}"

#!/usr/bin/env bash
# Runs the whole test suite (unit and integration tests).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
find_java
exec mvn -B verify "$@"

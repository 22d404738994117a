#!/usr/bin/env bash
# Runs the whole test suite (unit and integration tests, the console's unit and browser tests).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
find_java
# The console's browser test needs Debian's Chromium; not when the console is skipped.
case " $* " in
  *" -Dconsole.skip=true "* | *" -DskipTests "*) ;;
  *) scripts/ensure-chromium.sh ;;
esac
exec mvn -B verify "$@"

#!/usr/bin/env bash
# Runs the gateway: builds the jar first if it is missing or older than the sources (the console's too, which needs
# Node.js 20+ and npm), then starts it on port 8000 with the console at http://localhost:8000.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
find_java
jar=target/llm-gateway.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml web/src web/index.html web/package.json web/public -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building $jar ..."
  mvn -B -q -Dstyle.color=never -DskipTests package
fi
# A bounded heap: with it, 2,000 open streams stay under 512 MiB of RSS (bench/). JAVA_OPTS replaces it.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xms64m -Xmx384m} --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"

#!/usr/bin/env bash
# Runs the gateway: builds the jar first if it is missing or older than the sources, then starts it on port 8000.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
find_java
jar=target/llm-gateway.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building $jar ..."
  mvn -B -q -Dstyle.color=never -DskipTests package
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"

#!/usr/bin/env bash
# Sourced by run.sh and test.sh: finds a JDK 21 or newer and exports JAVA_HOME, or explains what is missing.
java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}
find_java() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
      /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/* /opt/java/openjdk \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -z "$candidate" ] || [ ! -x "$candidate/bin/java" ] || [ ! -x "$candidate/bin/javac" ]; then
      continue
    fi
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "LLM Gateway needs a JDK 21 or newer, and none was found (looked at JAVA_HOME and /usr/lib/jvm)." >&2
  echo "Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}

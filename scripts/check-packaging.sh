#!/usr/bin/env bash
# Checks the container and deployment files as far as this machine allows, each check only where its tool exists
# (none of them needs a container engine): shellcheck on the scripts, docker compose config, kustomize on
# deploy/k8s, and that the Dockerfile builds with the README's build command. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
skipped=()

check() {
  local name=$1
  shift
  if "$@" >/tmp/lgw-packaging-check.log 2>&1; then
    echo "packaging: $name ok"
  else
    echo "packaging: $name FAILED" >&2
    cat /tmp/lgw-packaging-check.log >&2
    failed=1
  fi
}

if command -v shellcheck >/dev/null; then
  check "shellcheck" shellcheck -x start.sh stop.sh scripts/compose.sh scripts/java.sh scripts/check-packaging.sh \
    run.sh test.sh .ci/run
else
  skipped+=(shellcheck)
fi

if docker compose version >/dev/null 2>&1; then
  check "docker compose config" docker compose -f docker-compose.yml --env-file .env.example config -q
elif command -v docker-compose >/dev/null; then
  check "docker-compose config" docker-compose -f docker-compose.yml --env-file .env.example config -q
else
  skipped+=("docker compose")
fi

if command -v kubectl >/dev/null; then
  check "kubectl kustomize deploy/k8s" kubectl kustomize deploy/k8s
else
  skipped+=(kubectl)
fi

# The image is built by the command the README documents, nothing else.
# shellcheck disable=SC2317 # called through check
dockerfile_builds_like_readme() {
  local command='mvn -B -DskipTests package'
  grep -qF "$command" README.md && grep -qE "^ *$command\$" Dockerfile
}
check "Dockerfile builds with the README's command" dockerfile_builds_like_readme

if [ ${#skipped[@]} -gt 0 ]; then
  echo "packaging: skipped (tool not installed): ${skipped[*]}"
fi
echo "packaging: no container engine here: the image is not built nor run"
exit "$failed"

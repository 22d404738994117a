#!/bin/sh
# Stops LLM Gateway and PostgreSQL started by ./start.sh (docker compose down; the database volume stays).
# Arguments go to docker compose down, e.g. ./stop.sh -v also deletes the database volume.
set -eu
cd "$(dirname "$0")"
# shellcheck source=scripts/compose.sh
. ./scripts/compose.sh
compose down "$@"

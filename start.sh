#!/bin/sh
# Runs LLM Gateway and PostgreSQL with Docker Compose (docker-compose.yml; settings in .env).
#   ./start.sh [up]          build and start in the background (default)
#   ./start.sh down          stop and remove the containers (the database volume stays)
#   ./start.sh restart       down, then up
#   ./start.sh logs          follow the logs (last 200 lines first)
#   ./start.sh ps | status   show the containers
# Arguments after the command go to docker compose.
set -eu
cd "$(dirname "$0")"
# shellcheck source=scripts/compose.sh
. ./scripts/compose.sh

usage() {
    echo "usage: $0 [up|down|restart|logs|ps|status] [docker compose arguments]" >&2
}

# A first .env: the example, or the PostgreSQL defaults; with a random master key, which every instance must share.
ensure_env() {
    [ -f .env ] && return 0
    if [ -f .env.example ]; then
        cp .env.example .env
    else
        cat >.env <<'DEFAULTS'
POSTGRES_DB=llm_gateway
POSTGRES_USER=llm_gateway
POSTGRES_PASSWORD=llm_gateway_password
DEBUG=false
DATABASE_TYPE=postgresql
DATABASE_URL=postgresql+asyncpg://llm_gateway:llm_gateway_password@postgres:5432/llm_gateway
GATEWAY_SECRET_KEY=
DEFAULTS
    fi
    key=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
    sed "s|^GATEWAY_SECRET_KEY=\$|GATEWAY_SECRET_KEY=$key|" .env >.env.new && mv .env.new .env
    chmod 600 .env
    echo "Created .env (back it up: GATEWAY_SECRET_KEY decrypts the provider keys stored in the database)."
}

warn_without_admin_login() {
    if ! grep -q '^ADMIN_USERNAME=.' .env || ! grep -q '^ADMIN_PASSWORD=.' .env; then
        echo "Note: ADMIN_USERNAME and ADMIN_PASSWORD are not both set in .env; the admin API and the console answer" \
            "only requests from inside the container until they are."
    fi
}

up() {
    compose up -d --build "$@"
    warn_without_admin_login
    echo "Dashboard/API: http://localhost:8000"
}

command=${1:-up}
[ $# -gt 0 ] && shift
ensure_env
mkdir -p ./data

case "$command" in
up) up "$@" ;;
down) compose down "$@" ;;
restart)
    compose down
    up "$@"
    ;;
logs) compose logs -f --tail=200 "$@" ;;
ps | status) compose ps "$@" ;;
*)
    usage
    exit 2
    ;;
esac

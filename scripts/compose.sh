# shellcheck shell=sh
# Sourced by start.sh and stop.sh (POSIX sh): runs Docker Compose, as the "docker compose" plugin if there is one,
# else the standalone docker-compose, else explains what is missing.
compose() {
    if docker compose version >/dev/null 2>&1; then
        docker compose "$@"
    elif command -v docker-compose >/dev/null 2>&1; then
        docker-compose "$@"
    else
        echo "LLM Gateway: Docker Compose is needed (the 'docker compose' plugin or 'docker-compose')." >&2
        exit 1
    fi
}

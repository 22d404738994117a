#!/usr/bin/env bash
# The benchmark in one command: builds the gateway and the bench if needed, installs Debian's nginx if missing,
# starts the mock upstream, nginx (in front of the mock) and the gateway (in front of the mock, key auth and request
# logging on, SQLite in a temporary folder), then runs the load generator against the three paths, interleaved.
# Prints the tables and writes bench/results/bench-<time>.json. Everything listens on 127.0.0.1 only.
#
#   bench/run.sh            the proxy benchmark above (direct, nginx, gateway)
#   bench/run.sh failover   one of two providers fails a share of its calls: error rate, added latency and upstream
#                           calls per request with the gateway's health tracking off, then on (no nginx); prints a
#                           table and writes bench/results/failover-<time>.json
#
# Durations and rates: BENCH_* variables (see README.md, "Benchmark"). BENCH_KEEP=1 keeps the temporary folder
# (logs, nginx config, the gateway's database).
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$bench_dir/.." && pwd)"
cd "$repo"
scenario="${1:-proxies}"
case "$scenario" in
  proxies | failover) ;;
  *) echo "usage: bench/run.sh [proxies|failover]" >&2; exit 2 ;;
esac
. scripts/java.sh
find_java

# --- Build what is missing or older than its sources --------------------------------------------------------------
gateway_jar="$repo/target/llm-gateway.jar"
if [ ! -f "$gateway_jar" ] || [ -n "$(find src pom.xml -newer "$gateway_jar" -print -quit)" ]; then
  echo "Building $gateway_jar ..."
  mvn -B -q -DskipTests package
fi
bench_jar="$bench_dir/target/llm-gateway-bench.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$bench_dir/src" "$bench_dir/pom.xml" -newer "$bench_jar" -print -quit)" ]; then
  echo "Building $bench_jar ..."
  (cd "$bench_dir" && mvn -B -q package)
fi

# --- nginx: Debian's package, the practical floor for any reverse proxy ------------------------------------------------
if [ "$scenario" = proxies ] && ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "Installing nginx (apt-get) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# --- Processes, cleaned up on any exit ----------------------------------------------------------------------------
work="$(mktemp -d /tmp/llm-gateway-bench.XXXXXX)"
mock_pid="" nginx_pid="" gateway_pid=""
cleanup() {
  # SIGTERM lets the gateway finish and flush its log; each process is ended by the id this script started.
  for pid in $gateway_pid $nginx_pid $mock_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $gateway_pid $nginx_pid $mock_pid; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url, what, pid: waits until url answers (any HTTP status), or fails if pid died
  local url="$1" what="$2" pid="$3"
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null --max-time 1 "$url"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$what exited during start-up; see $work" >&2; exit 1; fi
    sleep 0.1
  done
  echo "$what did not start within 30 s; see $work" >&2
  exit 1
}

mapfile -t ports < <("$JAVA_HOME/bin/java" -cp "$bench_jar" com.llmgateway.bench.FreePorts 3)
mock_port="${ports[0]}" nginx_port="${ports[1]}" gateway_port="${ports[2]}"

# The mock: one event loop by default, so that on two cores it leaves room for the proxy and the load generator.
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${BENCH_MOCK_JAVA_OPTS:--XX:+UseSerialGC -Xms256m -Xmx1g} -cp "$bench_jar" \
  com.llmgateway.bench.MockUpstream --port "$mock_port" --event-loops "${BENCH_MOCK_LOOPS:-1}" \
  --seed "${BENCH_MOCK_SEED:-1}" >"$work/mock.log" 2>&1 &
mock_pid=$!
wait_for "http://127.0.0.1:$mock_port/" "the mock upstream" "$mock_pid"

if [ "$scenario" = failover ]; then
  # The gateway as ./run.sh launches it, with a realistic small pause between calls to the same provider (the default
  # RETRY_DELAY_MS is 1000); Failover provisions it through the admin API and switches the phases.
  retry_delay_ms="${BENCH_FAILOVER_RETRY_DELAY_MS:-100}"
  retry_max_attempts="${BENCH_FAILOVER_RETRY_MAX_ATTEMPTS:-3}"
  mkdir -p "$work/gateway"
  (
    cd "$work/gateway"
    exec env HOST=127.0.0.1 PORT="$gateway_port" DATABASE_URL="jdbc:sqlite:$work/gateway/llm_gateway.db" \
      RETRY_DELAY_MS="$retry_delay_ms" RETRY_MAX_ATTEMPTS="$retry_max_attempts" \
      "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$gateway_jar"
  ) >"$work/gateway/gateway.log" 2>&1 &
  gateway_pid=$!
  wait_for "http://127.0.0.1:$gateway_port/health" "the gateway" "$gateway_pid"
  echo "mock :$mock_port (pid $mock_pid), gateway :$gateway_port (pid $gateway_pid)," \
    "RETRY_DELAY_MS=$retry_delay_ms RETRY_MAX_ATTEMPTS=$retry_max_attempts"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${BENCH_CLIENT_JAVA_OPTS:--XX:+UseSerialGC -Xms512m -Xmx2g} -cp "$bench_jar" \
    com.llmgateway.bench.Failover --direct "http://127.0.0.1:$mock_port" --gateway "http://127.0.0.1:$gateway_port" \
    --mock-base "http://127.0.0.1:$mock_port/v1" --mock-pid "$mock_pid" --gateway-pid "$gateway_pid" \
    --results "$bench_dir/results" --clk-tck "$(getconf CLK_TCK)" \
    --retry-delay-ms "$retry_delay_ms" --retry-max-attempts "$retry_max_attempts"
  exit 0
fi

# nginx: one worker, keep-alive connections to the mock, no buffering (streams pass through as they come), a
# buffered access log as a production nginx would keep (BENCH_NGINX_ACCESS_LOG=off turns it off).
mkdir -p "$work/nginx/temp"
chmod 755 "$work" "$work/nginx"
chmod 777 "$work/nginx/temp"
if [ "${BENCH_NGINX_ACCESS_LOG:-on}" = off ]; then
  access_log="access_log off;"
else
  access_log="access_log $work/nginx/access.log combined buffer=64k flush=1s;"
fi
cat >"$work/nginx/nginx.conf" <<EOF
# Generated by bench/run.sh: a plain reverse proxy in front of the mock upstream.
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
worker_rlimit_nofile 65536;
events { worker_connections 16384; }
http {
  $access_log
  client_body_temp_path $work/nginx/temp/client_body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  upstream mock {
    server 127.0.0.1:$mock_port;
    keepalive 512;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx/stdout.log" 2>&1 &
nginx_pid=$!
wait_for "http://127.0.0.1:$nginx_port/" "nginx" "$nginx_pid"

# The gateway, launched exactly as ./run.sh does (default JVM settings), from its own folder so no .env applies.
# UPSTREAM_MAX_CONNECTIONS is raised because the memory phase holds 2,000 streams to one origin (default 512).
mkdir -p "$work/gateway"
gateway_db="$work/gateway/llm_gateway.db"
(
  cd "$work/gateway"
  exec env HOST=127.0.0.1 PORT="$gateway_port" DATABASE_URL="jdbc:sqlite:$gateway_db" \
    UPSTREAM_MAX_CONNECTIONS="${BENCH_UPSTREAM_MAX_CONNECTIONS:-4096}" \
    "$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xms64m -Xmx384m} --enable-native-access=ALL-UNNAMED -jar "$gateway_jar"
) >"$work/gateway/gateway.log" 2>&1 &
gateway_pid=$!
gateway="http://127.0.0.1:$gateway_port"
wait_for "$gateway/health" "the gateway" "$gateway_pid"

# --- Provision the gateway through its admin API: two providers (one per protocol), two models, a key ----------------
admin() { # method, path, json
  curl -sS --fail-with-body -X "$1" "$gateway$2" -H 'content-type: application/json' -d "$3"
}
json_field() { grep -o "\"$1\": *\"\{0,1\}[^\",}]*" | head -n 1 | sed 's/.*: *"\{0,1\}//'; }
mock_base="http://127.0.0.1:$mock_port/v1"
openai_id=$(admin POST /api/admin/providers "{\"name\":\"mock-openai\",\"base_url\":\"$mock_base\",
  \"protocol\":\"openai\",\"api_type\":\"chat\",\"api_key\":\"sk-mock-openai\"}" | json_field id)
anthropic_id=$(admin POST /api/admin/providers "{\"name\":\"mock-anthropic\",\"base_url\":\"$mock_base\",
  \"protocol\":\"anthropic\",\"api_type\":\"chat\",\"api_key\":\"sk-ant-mock\"}" | json_field id)
admin POST /api/admin/models '{"requested_model":"bench-gpt"}' >/dev/null
admin POST /api/admin/models '{"requested_model":"bench-claude"}' >/dev/null
admin POST /api/admin/model-providers "{\"requested_model\":\"bench-gpt\",\"provider_id\":$openai_id,
  \"target_model_name\":\"mock-gpt\",\"priority\":0}" >/dev/null
admin POST /api/admin/model-providers "{\"requested_model\":\"bench-claude\",\"provider_id\":$anthropic_id,
  \"target_model_name\":\"mock-claude\",\"priority\":0}" >/dev/null
key=$(admin POST /api/admin/api-keys '{"key_name":"bench"}' | json_field key_value)
[ -n "$key" ] || { echo "could not create a gateway key" >&2; exit 1; }

echo "mock :$mock_port (pid $mock_pid), nginx :$nginx_port (pid $nginx_pid), gateway :$gateway_port (pid $gateway_pid)"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${BENCH_CLIENT_JAVA_OPTS:--XX:+UseSerialGC -Xms512m -Xmx2g} -jar "$bench_jar" \
  --direct "http://127.0.0.1:$mock_port" --nginx "http://127.0.0.1:$nginx_port" --gateway "$gateway" \
  --key "$key" --mock-pid "$mock_pid" --nginx-pid "$nginx_pid" --gateway-pid "$gateway_pid" \
  --db "$gateway_db" --results "$bench_dir/results" --clk-tck "$(getconf CLK_TCK)" \
  --jcmd "$JAVA_HOME/bin/jcmd" --nginx-version "$("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //')"

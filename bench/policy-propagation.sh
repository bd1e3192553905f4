#!/usr/bin/env bash
# Policy propagation benchmark of the packed LANVan distribution: how long a deployment-mode change made
# through the admin API takes to reach every connected device. See bench/README.md.
#
#   bench/policy-propagation.sh [path/to/lanvan-*.zip]
#
# Environment: LANVAN_HTTPS_PORT / LANVAN_HTTP_PORT (default: first free from 28443 / 28080),
# LANVAN_JAVA_OPTS (passed through to bin/lanvan), BENCH_CLIENTS (default 100), BENCH_ROUNDS (default 20).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd "$bench_dir/.." && pwd -P)
clients=${BENCH_CLIENTS:-100}
rounds=${BENCH_ROUNDS:-20}
ready_limit_ms=120000
password_limit_ms=30000
poll_seconds=0.05

die() { echo "policy-propagation.sh: $*" >&2; exit 1; }

if [[ $# -ge 1 ]]; then
  archive=$1
else
  shopt -s nullglob
  candidates=("$repo_root"/distribution/target/lanvan-*.zip)
  shopt -u nullglob
  [[ ${#candidates[@]} -eq 1 ]] ||
    die "expected one distribution/target/lanvan-*.zip, found ${#candidates[@]}; build it (mvn install -DskipTests) or pass the path"
  archive=${candidates[0]}
fi
[[ -f $archive ]] || die "no such archive: $archive"
archive=$(cd "$(dirname "$archive")" && pwd -P)/$(basename "$archive")
[[ $clients =~ ^[1-9][0-9]*$ ]] || die "BENCH_CLIENTS must be a positive number"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive number"
for tool in curl unzip java; do
  command -v "$tool" >/dev/null || die "needs $tool on the PATH"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/lanvan-bench.XXXXXX")
pid=""

# Whatever happens (failure, Ctrl-C), stop the server this script started and remove the unpacked copy.
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port_from() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

https_port=${LANVAN_HTTPS_PORT:-$(free_port_from 28443)}
http_port=${LANVAN_HTTP_PORT:-$(free_port_from 28080)}
[[ $https_port != "$http_port" ]] || die "HTTPS and HTTP port are both $https_port"
for port in "$https_port" "$http_port"; do
  ! port_in_use "$port" || die "port $port on 127.0.0.1 is already in use"
done

unzip -q "$archive" -d "$work"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[[ -x $home/bin/lanvan ]] || chmod +x "$home/bin/lanvan"
unset LANVAN_DATA
# All the devices connect from 127.0.0.1: lift the per-address WebSocket connection rate (60/min by default).
printf '\n# bench/policy-propagation.sh: %s devices connect from one address\nconnectionsPerMinute = 1000\n' "$clients" \
  >>"$home/etc/io.lanvan.policy.cfg"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

ready_status() {
  # --resolve pins localhost to 127.0.0.1 (the bind address) while the certificate is still checked for "localhost"
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$home/data/tls/ca.crt" \
    --resolve "localhost:$https_port:127.0.0.1" "https://localhost:$https_port/health/ready" 2>/dev/null || true
}

echo "LANVan policy propagation benchmark"
echo "  archive:   $archive"
echo "  cores:     $(nproc) (nproc)"
echo "  java:      $(java -version 2>&1 | head -n 1)"
echo "  JVM opts:  ${LANVAN_JAVA_OPTS:-bin/lanvan defaults}"
echo "  ports:     HTTPS $https_port, HTTP $http_port on 127.0.0.1"
echo "  devices:   $clients WebSocket clients; rounds: $rounds mode changes (server-only / hybrid, alternating)"
echo

console="$work/console.log"
started=$(now_ms)
LANVAN_HTTPS_PORT=$https_port LANVAN_HTTP_PORT=$http_port LANVAN_BIND=127.0.0.1 \
  "$home/bin/lanvan" >"$console" 2>&1 &
pid=$! # bin/lanvan execs java: this is the JVM's pid

while true; do
  kill -0 "$pid" 2>/dev/null || { cat "$console" >&2; die "the server exited before it was ready"; }
  status=$(ready_status)
  [[ $status == 200 ]] && break
  if (($(now_ms) - started > ready_limit_ms)); then
    cat "$console" >&2
    die "/health/ready not 200 within $((ready_limit_ms / 1000)) s (last: ${status:-no answer})"
  fi
  sleep "$poll_seconds"
done
echo "server ready in $(($(now_ms) - started)) ms"

# The admin account is created on first start; its password file may appear just after ready.
waited=$(now_ms)
until [[ -s $home/data/initial-admin-password ]]; do
  kill -0 "$pid" 2>/dev/null || { cat "$console" >&2; die "the server exited"; }
  (($(now_ms) - waited <= password_limit_ms)) ||
    die "no data/initial-admin-password within $((password_limit_ms / 1000)) s"
  sleep "$poll_seconds"
done

code=0
java "$bench_dir/PolicyPropagation.java" "$https_port" "$home/data/tls/ca.crt" "$home/data/initial-admin-password" \
  "$clients" "$rounds" || code=$?

stopping=$(now_ms)
stop_code=0
kill -TERM "$pid"
for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done # the cleanup kills it after 30 s
if ! kill -0 "$pid" 2>/dev/null; then
  wait "$pid" || stop_code=$?
  pid=""
else
  stop_code="none (still running after 30 s)"
fi
echo
echo "server stopped (SIGTERM) in $(($(now_ms) - stopping)) ms, exit $stop_code"
if [[ $code -ne 0 ]]; then
  echo "--- server console (last 40 lines) ---" >&2
  tail -n 40 "$console" >&2
fi
exit "$code"

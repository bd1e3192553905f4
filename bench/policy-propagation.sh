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
clients=${BENCH_CLIENTS:-100}
rounds=${BENCH_ROUNDS:-20}
password_limit_ms=30000
bench_name=policy-propagation.sh
# shellcheck source=lib/distribution.sh
source "$bench_dir/lib/distribution.sh"

bench_locate_archive "${1:-}"
[[ $clients =~ ^[1-9][0-9]*$ ]] || die "BENCH_CLIENTS must be a positive number"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive number"
bench_require curl unzip java
bench_choose_ports
bench_unpack
# All the devices connect from 127.0.0.1: lift the per-address WebSocket connection rate (60/min by default).
printf '\n# bench/policy-propagation.sh: %s devices connect from one address\nconnectionsPerMinute = 1000\n' "$clients" \
  >>"$home/etc/io.lanvan.policy.cfg"

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
bench_start "$console"
bench_wait_ready "$console"
echo "server ready in $(($(now_ms) - started)) ms"

# The admin account is created on first start; its password file may appear just after ready.
waited=$(now_ms)
until [[ -s $home/data/initial-admin-password ]]; do
  kill -0 "$pid" 2>/dev/null || { cat "$console" >&2; die "the server exited"; }
  (($(now_ms) - waited <= password_limit_ms)) ||
    die "no data/initial-admin-password within $((password_limit_ms / 1000)) s"
  sleep "$bench_poll_seconds"
done

code=0
java "$bench_dir/PolicyPropagation.java" "$https_port" "$home/data/tls/ca.crt" "$home/data/initial-admin-password" \
  "$clients" "$rounds" || code=$?

stopping=$(now_ms)
bench_stop 30 # the cleanup kills it after that
echo
echo "server stopped (SIGTERM) in $(($(now_ms) - stopping)) ms, exit $stop_code"
if [[ $code -ne 0 ]]; then
  echo "--- server console (last 40 lines) ---" >&2
  tail -n 40 "$console" >&2
fi
exit "$code"

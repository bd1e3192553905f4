#!/usr/bin/env bash
# Startup benchmark of the packed LANVan distribution: how long until /health/ready answers 200,
# and how much memory the JVM holds. See bench/README.md.
#
#   bench/startup.sh [path/to/lanvan-*.zip]
#
# Environment: LANVAN_HTTPS_PORT / LANVAN_HTTP_PORT (default: first free from 28443 / 28080),
# LANVAN_JAVA_OPTS (passed through to bin/lanvan), BENCH_RUNS (default 5), BENCH_SETTLE_SECONDS (default 5).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${BENCH_RUNS:-5}
settle_seconds=${BENCH_SETTLE_SECONDS:-5}
ready_limit_ms=120000
poll_seconds=0.05

die() { echo "startup.sh: $*" >&2; exit 1; }

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
[[ $runs -ge 2 ]] || die "BENCH_RUNS must be at least 2 (one cold start, then warm ones)"
for tool in curl unzip java awk; do
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
# Runs 2.. reuse data/ (CA, server certificate, Felix cache) as a restarted server does; so no LANVAN_DATA elsewhere.
unset LANVAN_DATA

now_ms() { echo $(($(date +%s%N) / 1000000)); }

rss_mb() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

ready_status() {
  # --resolve pins localhost to 127.0.0.1 (the bind address) while the certificate is still checked for "localhost"
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$home/data/tls/ca.crt" \
    --resolve "localhost:$https_port:127.0.0.1" "https://localhost:$https_port/health/ready" 2>/dev/null || true
}

declare -a ready_ms rss_ready rss_settled stop_ms exit_codes

run_once() {
  local run=$1 console="$work/console-$1.log" started status
  started=$(now_ms)
  LANVAN_HTTPS_PORT=$https_port LANVAN_HTTP_PORT=$http_port LANVAN_BIND=127.0.0.1 \
    "$home/bin/lanvan" >"$console" 2>&1 &
  pid=$! # bin/lanvan execs java: this is the JVM's pid

  while true; do
    kill -0 "$pid" 2>/dev/null || { cat "$console" >&2; die "run $run: the server exited before it was ready"; }
    status=$(ready_status)
    [[ $status == 200 ]] && break
    if (($(now_ms) - started > ready_limit_ms)); then
      cat "$console" >&2
      die "run $run: /health/ready not 200 within $((ready_limit_ms / 1000)) s (last: ${status:-no answer})"
    fi
    sleep "$poll_seconds"
  done
  ready_ms[run]=$(($(now_ms) - started))
  rss_ready[run]=$(rss_mb "$pid")
  # Not waiting for a condition: this measures memory once start-up work (JIT, lazy init) has settled.
  sleep "$settle_seconds"
  rss_settled[run]=$(rss_mb "$pid")

  local stopping code=0
  stopping=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || code=$?
  stop_ms[run]=$(($(now_ms) - stopping))
  exit_codes[run]=$code
  pid=""
}

# min median max of the arguments (numbers), one line
stats() {
  printf '%s\n' "$@" | sort -g | awk '
    { v[NR] = $1 }
    END {
      median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%10s %10s %10s\n", v[1], median, v[NR]
    }'
}

echo "LANVan startup benchmark"
echo "  archive:   $archive"
echo "  cores:     $(nproc) (nproc)"
echo "  java:      $(java -version 2>&1 | head -n 1)"
echo "  JVM opts:  ${LANVAN_JAVA_OPTS:-bin/lanvan defaults}"
echo "  ports:     HTTPS $https_port, HTTP $http_port on 127.0.0.1"
echo "  runs:      $runs (run 1 cold: creates the CA and the Felix cache; runs 2-$runs warm)"
echo

for run in $(seq 1 "$runs"); do
  run_once "$run"
done

printf '%-4s %-5s %12s %14s %16s %10s %5s\n' run kind ready_ms rss_ready_MB "rss_+${settle_seconds}s_MB" stop_ms exit
for run in $(seq 1 "$runs"); do
  kind=warm; [[ $run -eq 1 ]] && kind=cold
  printf '%-4s %-5s %12s %14s %16s %10s %5s\n' "$run" "$kind" "${ready_ms[run]}" "${rss_ready[run]}" \
    "${rss_settled[run]}" "${stop_ms[run]}" "${exit_codes[run]}"
done

warm=$(seq 2 "$runs")
warm_ready=(); warm_rss=(); all_rss_ready=(); all_rss_settled=()
for run in $warm; do warm_ready+=("${ready_ms[run]}"); warm_rss+=("${rss_settled[run]}"); done
for run in $(seq 1 "$runs"); do all_rss_ready+=("${rss_ready[run]}"); all_rss_settled+=("${rss_settled[run]}"); done

echo
printf '%-28s %10s %10s %10s\n' "" min median max
printf '%-28s %s\n' "cold start, run 1 (ms)" "$(stats "${ready_ms[1]}")"
printf '%-28s %s\n' "warm start, runs 2-$runs (ms)" "$(stats "${warm_ready[@]}")"
printf '%-28s %s\n' "RSS at ready, all (MB)" "$(stats "${all_rss_ready[@]}")"
printf '%-28s %s\n' "RSS +${settle_seconds}s, all (MB)" "$(stats "${all_rss_settled[@]}")"

warm_median=$(printf '%s\n' "${warm_ready[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
rss_max=$(printf '%s\n' "${all_rss_settled[@]}" | sort -g | tail -n 1)
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
echo
echo "goals (on 2 cores; this machine has $(nproc)):"
echo "  median warm start < 3000 ms:  $warm_median ms  -> $(verdict "$warm_median < 3000")"
echo "  RSS < 250 MB (max, +${settle_seconds}s): $rss_max MB  -> $(verdict "$rss_max < 250")"
clean_stops=$(printf '%s\n' "${exit_codes[@]}" | grep -c '^0$' || true)
echo "  clean stop (exit 0 on SIGTERM): $clean_stops of $runs runs"

#!/usr/bin/env bash
# Startup benchmark of the packed LANVan distribution: how long until /health/ready answers 200,
# and how much memory the JVM holds. See bench/README.md.
#
#   bench/startup.sh [path/to/lanvan-*.zip]
#
# Environment: LANVAN_HTTPS_PORT / LANVAN_HTTP_PORT (default: first free from 28443 / 28080),
# LANVAN_JAVA_OPTS (passed through to bin/lanvan), BENCH_RUNS (default 5), BENCH_SETTLE_SECONDS (default 5).
set -euo pipefail

runs=${BENCH_RUNS:-5}
settle_seconds=${BENCH_SETTLE_SECONDS:-5}
bench_name=startup.sh
# shellcheck source=lib/distribution.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/distribution.sh"

bench_locate_archive "${1:-}"
[[ $runs -ge 2 ]] || die "BENCH_RUNS must be at least 2 (one cold start, then warm ones)"
bench_require curl unzip java awk
bench_choose_ports
# Runs 2.. reuse data/ (CA, server certificate, Felix cache) as a restarted server does.
bench_unpack

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

declare -a ready_ms rss_ready rss_settled stop_ms exit_codes

run_once() {
  local run=$1 console="$work/console-$1.log" started
  started=$(now_ms)
  bench_start "$console"
  bench_wait_ready "$console"
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

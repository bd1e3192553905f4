# Shared by the shell benchmarks: find the packed distribution, unpack it into a temporary folder, pick
# free ports on 127.0.0.1, start bin/lanvan, wait for /health/ready, stop it, and clean up whatever
# happens. Source it after setting `bench_name` (used in messages):
#
#   bench_name=startup.sh
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/distribution.sh"
#   bench_locate_archive "${1:-}"; bench_require curl unzip java; bench_unpack; bench_choose_ports
#   bench_start "$work/console.log"; bench_wait_ready "$work/console.log"; ...; bench_stop
#
# Sets: repo_root, archive, work, home, https_port, http_port, pid (the JVM: bin/lanvan execs java).

bench_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd "$bench_lib_dir/../.." && pwd -P)
bench_ready_limit_ms=${bench_ready_limit_ms:-120000}
bench_poll_seconds=0.05
work=""
pid=""

die() { echo "${bench_name:-bench}: $*" >&2; exit 1; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "needs $tool on the PATH"
  done
}

# The archive given, or the one zip in distribution/target.
bench_locate_archive() {
  if [[ -n ${1:-} ]]; then
    archive=$1
  else
    local candidates
    shopt -s nullglob
    candidates=("$repo_root"/distribution/target/lanvan-*.zip)
    shopt -u nullglob
    [[ ${#candidates[@]} -eq 1 ]] ||
      die "expected one distribution/target/lanvan-*.zip, found ${#candidates[@]}; build it (./mvnw -B install -DskipTests) or pass the path"
    archive=${candidates[0]}
  fi
  [[ -f $archive ]] || die "no such archive: $archive"
  archive=$(cd "$(dirname "$archive")" && pwd -P)/$(basename "$archive")
}

# Whatever happens (failure, Ctrl-C), stop the server the benchmark started and remove the unpacked copy.
bench_cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  [[ -z $work ]] || rm -rf "$work"
}

bench_unpack() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/lanvan-bench.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  unzip -q "$archive" -d "$work"
  home=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [[ -x $home/bin/lanvan ]] || chmod +x "$home/bin/lanvan"
  # The unpacked copy keeps its own data/ (CA, certificate, Felix cache), as an installed server does.
  unset LANVAN_DATA
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port_from() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# LANVAN_HTTPS_PORT / LANVAN_HTTP_PORT, or the first free ports from 28443 / 28080.
bench_choose_ports() {
  https_port=${LANVAN_HTTPS_PORT:-$(free_port_from 28443)}
  http_port=${LANVAN_HTTP_PORT:-$(free_port_from 28080)}
  [[ $https_port != "$http_port" ]] || die "HTTPS and HTTP port are both $https_port"
  local port
  for port in "$https_port" "$http_port"; do
    ! port_in_use "$port" || die "port $port on 127.0.0.1 is already in use"
  done
}

bench_ready_status() {
  # --resolve pins localhost to 127.0.0.1 (the bind address) while the certificate is still checked for "localhost"
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$home/data/tls/ca.crt" \
    --resolve "localhost:$https_port:127.0.0.1" "https://localhost:$https_port/health/ready" 2>/dev/null || true
}

# Starts bin/lanvan in the background on 127.0.0.1, its console into $1.
bench_start() {
  LANVAN_HTTPS_PORT=$https_port LANVAN_HTTP_PORT=$http_port LANVAN_BIND=127.0.0.1 \
    "$home/bin/lanvan" >"$1" 2>&1 &
  pid=$!
}

# Waits for 200 from /health/ready (the limit is bench_ready_limit_ms); $1 is the console shown on failure.
bench_wait_ready() {
  local console=$1 started status
  started=$(now_ms)
  while true; do
    kill -0 "$pid" 2>/dev/null || { cat "$console" >&2; die "the server exited before it was ready"; }
    status=$(bench_ready_status)
    [[ $status == 200 ]] && return 0
    if (($(now_ms) - started > bench_ready_limit_ms)); then
      cat "$console" >&2
      die "/health/ready not 200 within $((bench_ready_limit_ms / 1000)) s (last: ${status:-no answer})"
    fi
    sleep "$bench_poll_seconds"
  done
}

# SIGTERM, then waits up to $1 seconds (default 30); sets stop_code (the exit code, or a sentence).
bench_stop() {
  local limit=${1:-30}
  stop_code=0
  kill -TERM "$pid"
  for _ in $(seq $((limit * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || stop_code=$?
    pid=""
  else
    stop_code="none (still running after $limit s)"
  fi
}

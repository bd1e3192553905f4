#!/usr/bin/env bash
# Audit log benchmark: append throughput (group commit, concurrent appenders) and the time to verify
# a chain of a million records, on embedded H2 and on PostgreSQL. See bench/README.md.
#
#   bench/audit-bench.sh [h2|postgresql|both] [appenders] [appendEvents] [verifyRecords]
#
# Needs the modules installed once (mvn install -DskipTests). PostgreSQL: 127.0.0.1:5432, database
# test, user postgres (override with LANVAN_TEST_PG_URL / LANVAN_TEST_PG_USER); the run uses a fresh
# schema and drops it. Environment: BENCH_JAVA_OPTS (default -Xmx1g), MAVEN_ARGS (default -o).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
which=${1:-both}
appenders=${2:-8}
append_events=${3:-200000}
verify_records=${4:-1000000}
java_opts=${BENCH_JAVA_OPTS:--Xmx1g}
pg_url=${LANVAN_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_user=${LANVAN_TEST_PG_USER:-postgres}

case $which in h2|postgresql|both) ;; *) echo "audit-bench.sh: first argument must be h2, postgresql or both" >&2; exit 2 ;; esac

echo "LANVan audit benchmark"
echo "  cores:     $(nproc) (nproc)"
echo "  java:      $(java -version 2>&1 | head -n 1)"
echo "  JVM opts:  $java_opts"
echo "  load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min)"
echo

cd "$repo_root"
# shellcheck disable=SC2086
./mvnw -q ${MAVEN_ARGS--o} -pl bundles/audit test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
  -Dexec.classpathScope=test -Dexec.executable=java \
  -Dexec.args="$java_opts -Dlanvan.test.pg.url=$pg_url -Dlanvan.test.pg.user=$pg_user -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp %classpath io.lanvan.audit.internal.AuditBench $which $appenders $append_events $verify_records"

#!/usr/bin/env bash
# Start-up and memory of `meterkast serve` with the image's JVM settings, as on a Pi with Docker Compose: time from
# `java` to the first 200 on /login (against PostgreSQL, like the compose file; the first start of a run migrates
# an empty database, the others find it migrated), with and without a class-data sharing archive made the way the
# Dockerfile makes it; then the resident memory at rest and under load (wrk on the pages of the demo's household
# when target/bench-data holds one: `java -jar target/meterkast.jar demo --data-dir target/bench-data` once; bench/run.sh
# measures memory under load on the seeded household too). Figures are reported, never asserted.
#
#   bash bench/startup.sh
#   BENCH_STARTS=3 JAVA_OPTS='-Xmx128m -XX:+UseSerialGC' bash bench/startup.sh
#
# Environment: BENCH_DATABASE_URL (postgresql://postgres@127.0.0.1:5432/postgres; a database of its own is created
# and dropped there), BENCH_STARTS (5), BENCH_PORT (18090), BENCH_SECONDS (20, the load), BENCH_JAR, JAVA_OPTS
# (default: the Dockerfile's, with -Xmx256m for the heap the image gives under the compose file's 512 MB limit).
set -euo pipefail
cd "$(dirname "$0")/.."

ADMIN_URL=${BENCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
STARTS=${BENCH_STARTS:-5}
PORT=${BENCH_PORT:-18090}
LOAD_SECONDS=${BENCH_SECONDS:-20}
JAR_FILE=${BENCH_JAR:-target/meterkast.jar}
OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xmx256m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
DB="meterkast_startup_$$"
PID=

for tool in psql curl java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done
[ -f "$JAR_FILE" ] || mvn -B -q package -DskipTests
cleanup() {
  [ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
  psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -q "$ADMIN_URL" -c "CREATE DATABASE $DB" >/dev/null
DB_URL="${ADMIN_URL%/*}/$DB"

# Starts serve with the given extra JVM options, sets MS to the ms to the first 200 on /login, leaves it running in $PID
start() {
  local t0
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  DATABASE_URL="$DB_URL" METERKAST_DATA_DIR="$WORK/data" METERKAST_PORT="$PORT" FLUVIUS_PORTAL_URL=http://127.0.0.1:9 \
    java -Dfile.encoding=UTF-8 $OPTS "$@" -jar "$JAR_FILE" serve >"$WORK/serve.log" 2>&1 &
  PID=$!
  # before first-run setup, /login sends the browser to /setup
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/login")" =~ ^(200|302)$ ]]; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
    sleep 0.02
  done
  MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() {
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=
}
median() { tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/login")" = 000 ] || { echo "bench: port $PORT is taken" >&2; exit 1; }
# The first start migrates the empty database; first-run setup then creates the admin, as at home
start
FIRST=$MS
JAR="$WORK/cookies"
CSRF=$(curl -s -c "$JAR" -b "$JAR" "$BASE/setup" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$CSRF" --data-urlencode username=admin \
  --data-urlencode displayName=Admin --data-urlencode "password=correct horse" --data-urlencode "confirm=correct horse" \
  --data-urlencode household=Thuis "$BASE/setup"
stop
plain=()
for i in $(seq 1 "$STARTS"); do
  start
  plain+=("$MS")
  stop
done

# The archive as the Dockerfile makes it: one start that serves /login, classes written at exit
ARCHIVE="$WORK/meterkast.jsa"
start -XX:ArchiveClassesAtExit="$ARCHIVE"
stop
shared=()
if [ -s "$ARCHIVE" ]; then
  for i in $(seq 1 "$STARTS"); do
    start -XX:SharedArchiveFile="$ARCHIVE"
    shared+=("$MS")
    stop
  done
fi

echo "JAVA_OPTS: $OPTS; cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first start, migrating an empty database: $FIRST ms"
echo "start-up to the first 200 on /login, ms: ${plain[*]} (median $(echo "${plain[*]}" | median))"
if [ ${#shared[@]} -gt 0 ]; then
  echo "the same with the class-data sharing archive ($(( $(stat -c %s "$ARCHIVE") / 1024 / 1024 )) MB): ${shared[*]} (median $(echo "${shared[*]}" | median))"
fi

# Memory: at rest after start-up, then under load on the demo's household when there is one
if [ -d target/bench-data ] && command -v wrk >/dev/null; then
  DB_URL= # serve uses the demo's embedded database (a process of its own, not counted)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  METERKAST_DATA_DIR=target/bench-data METERKAST_PORT="$PORT" FLUVIUS_PORTAL_URL=http://127.0.0.1:9 \
    java -Dfile.encoding=UTF-8 $OPTS ${shared:+-XX:SharedArchiveFile="$ARCHIVE"} -jar "$JAR_FILE" serve >"$WORK/serve.log" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/login")" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "serve on the demo's data (embedded PostgreSQL started first): $(( ($(date +%s%N) - t0) / 1000000 )) ms to /login"
  echo "resident memory at rest: $(( $(ps -o rss= -p "$PID") / 1024 )) MB"
  JAR="$WORK/demo-cookies"   # not the jar of the setup above: its session cookie belongs to the other database
  CSRF=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$CSRF" \
    --data-urlencode username=demo --data-urlencode password=demo-password "$BASE/login"
  COOKIE=$(sed 's/^#HttpOnly_//' "$JAR" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
  METER=$(curl -s -H "Cookie: $COOKIE" "$BASE/" | grep -o 'href="/meters/[0-9]*"' | head -1 | grep -o '[0-9]*')
  peak=0
  for path in "/meters/$METER?days=365" "/meters/$METER?days=30" "/" "/meters/$METER/day/$(TZ=Europe/Brussels date -d '3 days ago' +%F)"; do
    wrk -t2 -c32 -d"${LOAD_SECONDS}s" -H "Cookie: $COOKIE" "$BASE$path" >"$WORK/wrk.txt" &
    w=$!
    while kill -0 "$w" 2>/dev/null; do
      rss=$(ps -o rss= -p "$PID" | tr -d ' ')
      [ "$rss" -le "$peak" ] || peak=$rss
      sleep 0.5
    done
    echo "  $path: $(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk.txt") req/s $(grep -o 'Non-2xx.*' "$WORK/wrk.txt" || true)"
  done
  echo "resident memory under load, highest seen: $((peak / 1024)) MB"
fi

#!/usr/bin/env bash
# The benchmark of issue 14. Seeds a fresh PostgreSQL database with `meterkast seed` (a household of 6 meters:
# electricity with solar, without, gas; 3 years of days, 90 days of quarter-hours or gas hours), starts `serve`
# against it, signs in, and runs wrk against /health and each endpoint of the issue's table, printing req/s, p50,
# p99 and the ratio to /health measured in the same run, for the pages uncached (METERKAST_PAGE_CACHE=off), cached
# (the default) and answered 304 (If-None-Match with the ETag the first answer carried); then the resident memory
# at rest and under load, the start-up time to the first 200 on /login, and the ingest rows/s of the seed.
# Figures are printed, never asserted: it fails only when something does not work (a page that is not 200, a
# server that does not start).
#
#   bash bench/run.sh                         # build target/meterkast.jar if missing, 10 s per endpoint
#   BENCH_SECONDS=3 bash bench/run.sh         # a quick smoke
#   JAVA_OPTS='-Xmx128m -XX:+UseSerialGC' bash bench/run.sh
#   BENCH_JFR=target/meter365.jfr bash bench/run.sh   # also record a JFR profile of the uncached meter-365 page
#
# Environment: BENCH_DATABASE_URL (an admin connection to the PostgreSQL to create the database in;
# postgresql://postgres@127.0.0.1:5432/postgres), BENCH_PORT (a free port), BENCH_SECONDS (10), BENCH_WARMUP (1,
# seconds before each measurement; 0 for none), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_MODES ("uncached
# cached 304"), JAVA_OPTS (default: the image's JVM settings under the compose file's 512 MB limit), BENCH_JAR
# (target/meterkast.jar; another build to compare against), BENCH_JFR (a file: record the profile there).
set -euo pipefail
cd "$(dirname "$0")/.."

ADMIN_URL=${BENCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
SECONDS_EACH=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-1}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
MODES=${BENCH_MODES:-uncached cached 304}
JAR_FILE=${BENCH_JAR:-target/meterkast.jar}
# The Dockerfile's flags, with the heap MaxRAMPercentage=50 gives under docker-compose.yml's mem_limit of 512m
JVM=${JAVA_OPTS:--XX:+UseSerialGC -Xmx256m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError}
WORK=$(mktemp -d)
DB="meterkast_bench_$$"
DB_URL="${ADMIN_URL%/*}/$DB"
PID=
SAMPLER=

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
PORT=${BENCH_PORT:-$(free_port)}
BASE="http://127.0.0.1:$PORT"

stop_server() {
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=; fi
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; fi
}
cleanup() {
  stop_server
  psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for package in wrk jq; do
  if ! command -v "$package" >/dev/null; then
    apt-get install -y -q "$package" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$package" >/dev/null; }
  fi
done
for tool in wrk curl jq java psql; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done
[ -f "$JAR_FILE" ] || mvn -B -q package -DskipTests

# --- Ingest: the household the pages show, then one meter-year of quarter-hours in one statement ----------------
psql -q "$ADMIN_URL" -c "CREATE DATABASE $DB" >/dev/null
java -jar "$JAR_FILE" seed --database-url "$DB_URL" --meters 6 --years 3 --quarter-hour-days 90 >"$WORK/seed.txt" 2>"$WORK/seed.err" \
  || { cat "$WORK/seed.txt" "$WORK/seed.err" >&2; exit 1; }
# 183 days of quarter-hours, offtake and injection: 35,136 rows, the first statement a whole meter-year (35,040)
java -jar "$JAR_FILE" seed --database-url "$DB_URL" --username bench-ingest --meters 1 --years 0 --quarter-hour-days 183 \
  >"$WORK/ingest.txt" 2>"$WORK/ingest.err" || { cat "$WORK/ingest.txt" "$WORK/ingest.err" >&2; exit 1; }

# --- The server ------------------------------------------------------------------------------------------------
STARTUP_MS=
start_server() {  # $1: the value of METERKAST_PAGE_CACHE, empty for the default
  local started
  mkdir -p "$WORK/data"
  # shellcheck disable=SC2086
  env ${1:+METERKAST_PAGE_CACHE=$1} DATABASE_URL="$DB_URL" METERKAST_DATA_DIR="$WORK/data" METERKAST_PORT="$PORT" \
    java -Dfile.encoding=UTF-8 $JVM ${2:-} -jar "$JAR_FILE" serve >"$WORK/serve.log" 2>&1 &
  PID=$!
  started=$(date +%s%N)
  # -m: a connection made while the previous server was still closing its port is never answered
  until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$BASE/login")" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { echo "bench: serve stopped" >&2; cat "$WORK/serve.log" >&2; exit 1; }
    sleep 0.02
  done
  STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}
rss_mb() { echo $(( $(ps -o rss= -p "$PID" | tr -d ' ') / 1024 )); }

# A page session (cookie) and an API token for the seeded user
sign_in() {
  local jar="$WORK/cookies" csrf
  rm -f "$jar"
  csrf=$(curl -s -m 30 -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -m 30 -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" \
    --data-urlencode username=bench --data-urlencode password=bench-password "$BASE/login"
  COOKIE=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
  TOKEN=$(curl -s -m 30 -X POST "$BASE/api/v1/token" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-password"}' | jq -r .token)
  [ -n "$TOKEN" ] && [ "$TOKEN" != null ] || { echo "bench: no API token for bench" >&2; exit 1; }
}

endpoints() {
  local meters first compare today
  meters=$(curl -s -m 30 "$BASE/api/v1/meters" -H "Authorization: Bearer $TOKEN" | jq -r '.[].id' | sort -n)
  first=$(echo "$meters" | head -1)
  compare=$(echo "$meters" | head -4 | awk '{ printf "%smeter=%s", sep, $1; sep="&" }')
  today=$(TZ=Europe/Brussels date +%F)
  local day from365 from31 yesterday
  day=$(TZ=Europe/Brussels date -d "$today - 3 days" +%F)
  from365=$(TZ=Europe/Brussels date -d "$today - 365 days" +%F)
  from31=$(TZ=Europe/Brussels date -d "$today - 31 days" +%F)
  yesterday=$(TZ=Europe/Brussels date -d "$today - 1 day" +%F)
  # name|path|auth|page (pages have the uncached/cached/304 variants)
  ENDPOINTS=(
    "/health|/health||"
    "meter page, 365 days|/meters/$first?days=365|cookie|page"
    "compare, 4 meters × 365 days|/compare?$compare&days=365|cookie|page"
    "home|/|cookie|page"
    "day (quarter-hours)|/meters/$first/day/$day|cookie|page"
    "API daily readings, 365 days|/api/v1/meters/$first/readings?from=$from365&to=$yesterday&granularity=daily|token|page"
    "API quarter-hours, 31 days|/api/v1/meters/$first/readings?from=$from31&to=$yesterday&granularity=quarter-hour|token|page"
    "wide.csv, 365 days|/export/meters/$first/wide.csv?days=365|cookie|page"
  )
}

stat() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
rate() { awk '/Requests\/sec/ { printf "%.0f", $2 }' "$1"; }

HEALTH=
measure() {  # $1 name, $2 mode, $3 path, $4.. curl/wrk header arguments
  local name=$1 mode=$2 path=$3 r
  shift 3
  if [ "$WARMUP" != 0 ]; then wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$@" "$BASE$path" >/dev/null; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s --latency "$@" "$BASE$path" >"$WORK/wrk.txt"
  if grep -qE 'Non-2xx|Socket errors' "$WORK/wrk.txt" && [ "$mode" != 304 ]; then
    echo "bench: $path: $(grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" | tr -s ' ')" >&2
  fi
  r=$(rate "$WORK/wrk.txt")
  [ "$name" != /health ] || HEALTH=$r
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$mode" "$r" "$(stat "$WORK/wrk.txt" 50%)" "$(stat "$WORK/wrk.txt" 99%)" \
    "$(awk -v r="$r" -v h="$HEALTH" 'BEGIN { if (h > 0) printf (r / h >= 0.1 ? "%.2f" : "%.4f"), r / h }')"
}

run_mode() {  # $1: uncached | cached | 304
  local mode=$1 entry name path auth page header status etag
  for entry in "${ENDPOINTS[@]}"; do
    IFS='|' read -r name path auth page <<<"$entry"
    header=()
    case "$auth" in
      cookie) header=(-H "Cookie: $COOKIE") ;;
      token) header=(-H "Authorization: Bearer $TOKEN") ;;
    esac
    status=$(curl -s -m 30 -o /dev/null -D "$WORK/headers" -w '%{http_code}' "${header[@]}" "$BASE$path")
    [ "$status" = 200 ] || { echo "bench: $path answered $status" >&2; exit 1; }
    if [ -z "$page" ]; then
      measure "$name" "" "$path" "${header[@]}"
    elif [ "$mode" = 304 ]; then
      etag=$(awk 'tolower($1) == "etag:" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print }' "$WORK/headers")
      if [ -z "$etag" ]; then
        printf '| %s | 304 | no ETag | | | |\n' "$name"
        continue
      fi
      status=$(curl -s -m 30 -o /dev/null -w '%{http_code}' "${header[@]}" -H "If-None-Match: $etag" "$BASE$path")
      [ "$status" = 304 ] || { printf '| %s | 304 | answered %s to its ETag | | | |\n' "$name" "$status"; continue; }
      measure "$name" 304 "$path" "${header[@]}" -H "If-None-Match: $etag"
    else
      measure "$name" "$mode" "$path" "${header[@]}"
    fi
  done
}

sample_rss() {  # the highest resident memory while the load runs, into $WORK/rss-max
  echo 0 >"$WORK/rss-max"
  while kill -0 "$PID" 2>/dev/null; do
    local now max
    now=$(ps -o rss= -p "$PID" | tr -d ' ' || echo 0)
    max=$(cat "$WORK/rss-max")
    [ "${now:-0}" -gt "$max" ] && echo "$now" >"$WORK/rss-max"
    sleep 0.2
  done
}

echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s"
echo "JAVA_OPTS: $JVM"
echo
printf '| endpoint | pages | req/s | p50 | p99 | ÷ /health |\n|---|---|---:|---:|---:|---:|\n'
SUMMARY=()
for mode in $MODES; do
  case "$mode" in
    uncached) cache=off ;;
    cached|304) cache= ;;
    *) echo "bench: BENCH_MODES: uncached, cached or 304, not $mode" >&2; exit 2 ;;
  esac
  start_server "$cache"
  sign_in
  endpoints
  sleep 1
  rest=$(rss_mb)
  sample_rss &
  SAMPLER=$!
  run_mode "$mode"
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=
  SUMMARY+=("$mode: start-up to the first 200 on /login $STARTUP_MS ms; resident memory at rest $rest MB, under load up to $(( $(cat "$WORK/rss-max") / 1024 )) MB")
  stop_server
done

if [ -n "${BENCH_JFR:-}" ]; then
  command -v jcmd >/dev/null && command -v jfr >/dev/null || { echo "bench: BENCH_JFR needs the JDK's jcmd and jfr" >&2; exit 2; }
  start_server off
  sign_in
  endpoints
  IFS='|' read -r _ path _ _ <<<"${ENDPOINTS[1]}"
  # Recorded over the load only, after a warm-up: start-up, JIT warm-up and the Argon2 sign-in left out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "Cookie: $COOKIE" "$BASE$path" >/dev/null
  jcmd "$PID" JFR.start name=bench settings=profile >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -H "Cookie: $COOKIE" "$BASE$path" >/dev/null
  jcmd "$PID" JFR.stop name=bench filename="$(realpath -m "$BENCH_JFR")" >/dev/null
  stop_server
  echo
  echo "JFR profile of the uncached meter-365 page under load ($BENCH_JFR):"
  jfr print --stack-depth 96 --events jdk.ExecutionSample "$BENCH_JFR" >"$WORK/samples.txt"
  awk '/jdk.ExecutionSample/ { n++ } END { print "  samples: " n }' "$WORK/samples.txt"
  echo "  top frames:"
  awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print }' "$WORK/samples.txt" \
    | sort | uniq -c | sort -rn | awk 'NR <= 12 { print "   " $0 }'
  echo "  samples whose stack holds:"
  for part in org.thymeleaf ognl. io.vertx.pgclient io.netty be.meterkast.analysis java.text.DecimalFormat com.password4j; do
    awk -v p="$part" '/jdk.ExecutionSample/ { if (hit) n++; hit = 0 } index($0, p) { hit = 1 } END { if (hit) n++; printf "   %5d %s\n", n, p }' "$WORK/samples.txt"
  done
fi

echo
for line in "${SUMMARY[@]}"; do echo "$line"; done
grep '^ingest' "$WORK/seed.txt"
grep '^ingest of one meter-year' "$WORK/ingest.txt" || grep '^ingest' "$WORK/ingest.txt"

#!/usr/bin/env bash
# Page benchmark: starts the demo (portal + built-in Fluvius simulator, a synced household of three meters with
# years of days and 60 days of quarter-hours), signs in, and runs wrk against /health and each page, export
# and API view, printing req/s, p99 and the ratio to /health measured in the same run; then the resident
# memory and the start-up time to the first 200 on /login. Figures are reported, never asserted.
#
#   bash bench/pages.sh                     # build target/meterkast.jar if missing, 10 s per endpoint
#   BENCH_SECONDS=3 bash bench/pages.sh     # a quick smoke
#   JAVA_OPTS='-Xmx192m -XX:+UseSerialGC' bash bench/pages.sh
#   METERKAST_PAGE_CACHE=off bash bench/pages.sh   # every request rendered (the page cache is on by default)
#
# Rows marked "304" send the page's ETag in If-None-Match, as a browser revalidating its copy does; the other
# rows send none, so with the page cache on they measure pages served from memory after the first request.
#
# Environment: BENCH_PORT (18080), BENCH_DATA (target/bench-data, kept between runs so only the first run
# syncs the whole history), BENCH_SECONDS (10), BENCH_THREADS (2), BENCH_CONNECTIONS (32), JAVA_OPTS,
# BENCH_JAR (target/meterkast.jar; another build to compare against).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18080}
DATA=${BENCH_DATA:-target/bench-data}
SECONDS_EACH=${BENCH_SECONDS:-10}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
BASE="http://127.0.0.1:$PORT"
JAR_FILE=${BENCH_JAR:-target/meterkast.jar}
WORK=$(mktemp -d)

if ! command -v wrk >/dev/null; then
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
for tool in wrk curl jq java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done
[ -f "$JAR_FILE" ] || mvn -B -q package -DskipTests

# shellcheck disable=SC2086
java -Dfile.encoding=UTF-8 ${JAVA_OPTS:-} -jar "$JAR_FILE" demo --port "$PORT" --data-dir "$DATA" \
  >"$WORK/demo.log" 2>&1 &
PID=$!
STARTED=$(date +%s%N)
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/login")" = 200 ]; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/demo.log" >&2; exit 1; }
  sleep 0.05
done
STARTUP_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))

for _ in $(seq 1 600); do
  grep -q "Meterkast demo runs at" "$WORK/demo.log" && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/demo.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "Meterkast demo runs at" "$WORK/demo.log" || { echo "bench: the demo did not finish syncing" >&2; exit 1; }

# A page session (cookie) and an API token
JAR="$WORK/cookies"
CSRF=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$CSRF" \
  --data-urlencode username=demo --data-urlencode password=demo-password "$BASE/login"
COOKIE=$(sed 's/^#HttpOnly_//' "$JAR" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
TOKEN=$(curl -s -X POST "$BASE/api/v1/token" -H 'Content-Type: application/json' \
  -d '{"username":"demo","password":"demo-password"}' | jq -r .token)
METERS=$(curl -s "$BASE/api/v1/meters" -H "Authorization: Bearer $TOKEN" | jq -r '.[].id' | sort -n)
FIRST=$(echo "$METERS" | head -1)
COMPARE=$(echo "$METERS" | awk '{ printf "%smeter=%s", sep, $1; sep="&" }')
TODAY=$(TZ=Europe/Brussels date +%F)
DAY=$(TZ=Europe/Brussels date -d "$TODAY - 3 days" +%F)
FROM365=$(TZ=Europe/Brussels date -d "$TODAY - 365 days" +%F)
FROM31=$(TZ=Europe/Brussels date -d "$TODAY - 31 days" +%F)
YESTERDAY=$(TZ=Europe/Brussels date -d "$TODAY - 1 day" +%F)
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/meters/$FIRST?days=365")" = 200 ] \
  || { echo "bench: signing in failed" >&2; exit 1; }

ENDPOINTS=(
  "/health|/health|"
  "meter page, 365 days|/meters/$FIRST?days=365|cookie"
  "meter page, 30 days|/meters/$FIRST?days=30|cookie"
  "compare, $(echo "$METERS" | wc -l) meters × 365 days|/compare?$COMPARE&days=365|cookie"
  "meter page, 365 days, 304|/meters/$FIRST?days=365|cookie|etag"
  "compare, 304|/compare?$COMPARE&days=365|cookie|etag"
  "home|/|cookie"
  "day (quarter-hours)|/meters/$FIRST/day/$DAY|cookie"
  "API daily readings, 365 days|/api/v1/meters/$FIRST/readings?from=$FROM365&to=$YESTERDAY&granularity=daily|token"
  "API quarter-hours, 31 days|/api/v1/meters/$FIRST/readings?from=$FROM31&to=$YESTERDAY&granularity=quarter-hour|token"
  "wide.csv, 365 days|/export/meters/$FIRST/wide.csv?days=365|cookie"
)

rate() { awk '/Requests\/sec/ { printf "%.0f", $2 }' "$1"; }
p99() { awk '$1 == "99%" { print $2 }' "$1"; }

printf '| endpoint | req/s | p99 | ÷ /health |\n|---|---:|---:|---:|\n'
HEALTH=
for entry in "${ENDPOINTS[@]}"; do
  IFS='|' read -r name path auth revalidate <<<"$entry"
  header=()
  case "$auth" in
    cookie) header=(-H "Cookie: $COOKIE") ;;
    token) header=(-H "Authorization: Bearer $TOKEN") ;;
  esac
  status=$(curl -s -o /dev/null -D "$WORK/headers" -w '%{http_code}' "${header[@]}" "$BASE$path")
  [ "$status" = 200 ] || { echo "bench: $path answered $status" >&2; exit 1; }
  if [ "${revalidate:-}" = etag ]; then
    etag=$(awk 'tolower($1) == "etag:" { print $2 }' "$WORK/headers" | tr -d '\r')
    header+=(-H "If-None-Match: $etag")
    status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$BASE$path")
    [ "$status" = 304 ] || { echo "bench: $path with its ETag answered $status, not 304" >&2; exit 1; }
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d1s "${header[@]}" "$BASE$path" >/dev/null   # warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s --latency "${header[@]}" "$BASE$path" >"$WORK/wrk.txt"
  if grep -qE 'Non-2xx|Socket errors' "$WORK/wrk.txt" && [ "${revalidate:-}" != etag ]; then
    echo "bench: $path: $(grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" | tr -s ' ')" >&2
  fi
  r=$(rate "$WORK/wrk.txt")
  [ -n "$HEALTH" ] || HEALTH=$r
  printf '| %s | %s | %s | %s |\n' "$name" "$r" "$(p99 "$WORK/wrk.txt")" \
    "$(awk -v r="$r" -v h="$HEALTH" 'BEGIN { printf (r / h >= 0.1 ? "%.2f" : "%.4f"), r / h }')"
done

RSS_KB=$(ps -o rss= -p "$PID" | tr -d ' ')
echo
echo "cores: $(nproc); JAVA_OPTS: ${JAVA_OPTS:-(none)}; METERKAST_PAGE_CACHE: ${METERKAST_PAGE_CACHE:-on}; wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s"
echo "resident memory after the run (demo: portal, simulator, embedded PostgreSQL not counted): $((RSS_KB / 1024)) MB"
echo "start-up to the first 200 on /login: $STARTUP_MS ms"

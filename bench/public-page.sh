#!/usr/bin/env bash
# Public agenda page vs nginx: throughput and p99 latency of Tejido serving the public agenda
# page (rendered from the database on every request), compared with nginx serving the same
# bytes as a static file, both loaded by wrk on this machine.
#
# Usage: bench/public-page.sh [--build] [--no-page-cache] [--conditional]
#   --build          rebuild target/tejido.jar first; without it the jar is built only when missing
#   --no-page-cache  run Tejido with --tejido.web.page-cache.enabled=false (every request renders);
#                    its outputs get the suffix -no-page-cache
#   --conditional    every request revalidates a kept copy: If-None-Match with the server's own
#                    ETag, so both servers answer 304 without a body; outputs get -conditional.
# Env: DURATION (wrk run per server, default 30s), WARMUP (wrk warm-up of Tejido, default 10s),
#      THREADS (2), CONNECTIONS (64), PAGE (/sites/apatzingan/agenda),
#      APP_PORT (18081), NGINX_PORT (18082), NGINX (nginx binary), JAR, JAVA, JAVA_OPTS, APP_ARGS.
# Output: machine, summary table and verdicts, also saved to bench/out/public-page-results.txt;
# raw wrk output in bench/out/wrk-*.txt; the static copy in bench/out/static/agenda.html.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUILD=""
SUFFIX=""
CONDITIONAL=""
for arg in "$@"; do
  case "$arg" in
    --build) BUILD=force ;;
    --conditional) CONDITIONAL=1 ;;
    --no-page-cache)
      SUFFIX="-no-page-cache"
      APP_ARGS="${APP_ARGS:+$APP_ARGS }--tejido.web.page-cache.enabled=false"
      ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
[[ -z "$CONDITIONAL" ]] || SUFFIX="$SUFFIX-conditional"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
PAGE="${PAGE:-/sites/apatzingan/agenda}"
APP_PORT="${APP_PORT:-18081}"
NGINX_PORT="${NGINX_PORT:-18082}"
LANG_HEADER="Accept-Language: es"
DATA="$OUT_DIR/public-page-data"
STATIC="$OUT_DIR/static/agenda.html"
RESULTS="$OUT_DIR/public-page-results$SUFFIX.txt"
TEJIDO_URL="http://127.0.0.1:$APP_PORT$PAGE"
NGINX_URL="http://127.0.0.1:$NGINX_PORT$PAGE"

require_bash5
require_cmd curl "apt-get install -y curl"
require_cmd wrk "apt-get install -y wrk"
if [[ -z "${NGINX:-}" ]]; then
  NGINX="$(command -v nginx || true)"
  [[ -n "$NGINX" || ! -x /usr/sbin/nginx ]] || NGINX=/usr/sbin/nginx
fi
[[ -n "$NGINX" && -x "$NGINX" ]] || die "nginx not found. Install it with: apt-get install -y nginx-light"
require_cmd "$JAVA" "apt-get install -y openjdk-17-jre-headless"

WRK_PID=""
# Runs wrk in the background and waits for it, so that a signal to this script is handled at once.
wrk_bg() { # output-file wrk-args...
  local out="$1"
  shift
  wrk "$@" >> "$out" &
  WRK_PID=$!
  wait "$WRK_PID"
  WRK_PID=""
}
NGINX_PID=""
stop_nginx() {
  [[ -n "$NGINX_PID" ]] || return 0
  local pid="$NGINX_PID" i
  NGINX_PID=""
  kill -TERM "$pid" 2> /dev/null || true # fast shutdown; the master stops its workers
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
}
cleanup() {
  [[ -z "$WRK_PID" ]] || kill -TERM "$WRK_PID" 2> /dev/null || true
  stop_nginx
  stop_app
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# "1.23ms" / "850.00us" / "1.20s" / "2.00m" -> milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
    if (f < 0) { print "?"; exit }
    printf "%.2f", n * f
  }'
}
wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
wrk_p99() { to_ms "$(awk '$1 == "99%" { print $2 }' "$1")"; }
wrk_errors() {
  awk '/Non-2xx or 3xx responses:/ { n += $NF }
       /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i }
       END { print n + 0 }' "$1"
}
etag_of() { # url: the ETag the server sends for it, or nothing
  curl -s -o /dev/null -D - --max-time 10 -H "$LANG_HEADER" "$1" \
    | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }'
}
run_wrk() { # name url [extra-header]
  local out="$OUT_DIR/wrk-$1$SUFFIX.txt" extra=(-H "$LANG_HEADER")
  [[ -z "${3:-}" ]] || extra+=(-H "$3")
  log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $2 ${3:-}"
  echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H '$LANG_HEADER'${3:+ -H '$3'} $2" > "$out"
  wrk_bg "$out" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${extra[@]}" "$2"
  [[ -n "$(wrk_rps "$out")" ]] || die "no Requests/sec in $out"
}

cd "$ROOT_DIR"
ensure_jar "$BUILD"
mkdir -p "$OUT_DIR/static" "$OUT_DIR/nginx-temp"
rm -f "$OUT_DIR/wrk-tejido$SUFFIX.txt" "$OUT_DIR/wrk-nginx$SUFFIX.txt" "$RESULTS"
require_free_port "$NGINX_PORT"

log "starting Tejido on port $APP_PORT (data in $DATA; the first use initialises it)"
start_app "$APP_PORT" "$DATA" "$OUT_DIR/public-page-app$SUFFIX.log"
wait_ready "$APP_PORT" 300
code="$(http_code -H "$LANG_HEADER" "$TEJIDO_URL")"
[[ "$code" == 200 ]] || die "GET $PAGE answered $code, not 200"

log "warming up Tejido: wrk -d$WARMUP"
: > "$OUT_DIR/wrk-warmup$SUFFIX.txt"
wrk_bg "$OUT_DIR/wrk-warmup$SUFFIX.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$LANG_HEADER" "$TEJIDO_URL"

# The static copy: the very bytes Tejido sends for the Spanish page.
curl -sSf --max-time 10 -H "$LANG_HEADER" -o "$STATIC" "$TEJIDO_URL"
chmod a+r "$STATIC"
[[ -s "$STATIC" ]] || die "empty page saved to $STATIC"

# Minimal nginx: one static file at the same path, text/html; charset utf-8, no access log.
# Relative paths are under the prefix (-p bench/out). The master runs as the invoking user;
# as root, the workers run as root too so that they can read the file wherever the repo is.
user_line=""
[[ "$(id -u)" != 0 ]] || user_line="user root;"
cat > "$OUT_DIR/nginx.conf" << EOF
# Generated by bench/public-page.sh; overwritten on every run.
$user_line
worker_processes auto;
daemon off;
pid nginx.pid;
error_log nginx-error.log warn;
events {
  worker_connections 1024;
}
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  types { }
  default_type text/html;
  charset utf-8;
  client_body_temp_path nginx-temp/body;
  proxy_temp_path nginx-temp/proxy;
  fastcgi_temp_path nginx-temp/fastcgi;
  uwsgi_temp_path nginx-temp/uwsgi;
  scgi_temp_path nginx-temp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    server_name localhost;
    location = $PAGE {
      alias $STATIC;
    }
  }
}
EOF
"$NGINX" -t -q -p "$OUT_DIR/" -c nginx.conf -e nginx-error.log \
  || die "nginx rejected $OUT_DIR/nginx.conf"
log "starting nginx on port $NGINX_PORT"
"$NGINX" -p "$OUT_DIR/" -c nginx.conf -e nginx-error.log < /dev/null &
NGINX_PID=$!
for ((i = 0; i < 100; i++)); do
  [[ "$(http_code "$NGINX_URL")" == 200 ]] && break
  kill -0 "$NGINX_PID" 2> /dev/null || die "nginx exited; see $OUT_DIR/nginx-error.log"
  sleep 0.05
done
[[ "$(http_code "$NGINX_URL")" == 200 ]] || die "nginx does not answer 200 on $PAGE"
ctype="$(curl -s -o /dev/null -w '%{content_type}' --max-time 2 "$NGINX_URL")"
[[ "$ctype" == "text/html; charset=utf-8" ]] || die "nginx sends Content-Type '$ctype'"
tejido_bytes="$(curl -s -o /dev/null -w '%{size_download}' --max-time 10 -H "$LANG_HEADER" "$TEJIDO_URL")"
nginx_bytes="$(curl -s -o /dev/null -w '%{size_download}' --max-time 2 "$NGINX_URL")"

T_COND=""
N_COND=""
if [[ -n "$CONDITIONAL" ]]; then
  t_etag="$(etag_of "$TEJIDO_URL")"
  n_etag="$(etag_of "$NGINX_URL")"
  [[ -n "$t_etag" ]] || die "Tejido sends no ETag for $PAGE (is the page cache off?)"
  [[ -n "$n_etag" ]] || die "nginx sends no ETag for $PAGE"
  T_COND="If-None-Match: $t_etag"
  N_COND="If-None-Match: $n_etag"
  code="$(http_code -H "$LANG_HEADER" -H "$T_COND" "$TEJIDO_URL")"
  [[ "$code" == 304 ]] || die "a conditional GET $PAGE answered $code, not 304"
fi

run_wrk tejido "$TEJIDO_URL" "$T_COND"
run_wrk nginx "$NGINX_URL" "$N_COND"

T_OUT="$OUT_DIR/wrk-tejido$SUFFIX.txt"
N_OUT="$OUT_DIR/wrk-nginx$SUFFIX.txt"
t_rps="$(wrk_rps "$T_OUT")"
n_rps="$(wrk_rps "$N_OUT")"
t_p99="$(wrk_p99 "$T_OUT")"
n_p99="$(wrk_p99 "$N_OUT")"
t_err="$(wrk_errors "$T_OUT")"
n_err="$(wrk_errors "$N_OUT")"
pct="$(awk -v t="$t_rps" -v n="$n_rps" 'BEGIN { printf "%.1f", (n > 0) ? 100 * t / n : 0 }')"
p99_ok="$(awk -v p="$t_p99" 'BEGIN { print (p != "?" && p <= 50) ? "met" : "NOT met" }')"
pct_ok="$(awk -v p="$pct" 'BEGIN { print (p >= 30) ? "met" : "NOT met" }')"

{
  machine_info
  echo "  wrk:        $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }')"
  echo "  nginx:      $("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
  echo
  echo "Public agenda page vs nginx: GET $PAGE with '$LANG_HEADER'"
  echo "  requests:   $([[ -n "$CONDITIONAL" ]] && echo "conditional (If-None-Match: each server's ETag; 304, no body)" || echo "plain GET (200 with the body)")"
  echo "  page cache: $([[ "$SUFFIX" == -no-page-cache* ]] && echo "off (--tejido.web.page-cache.enabled=false)" || echo "as configured (on by default)")"
  echo "  load:       wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (Tejido first, then nginx;"
  echo "              Tejido warmed up with wrk -d$WARMUP)"
  echo "  body:       Tejido $tejido_bytes bytes, nginx $nginx_bytes bytes (static copy)"
  echo
  printf '  %-8s  %12s  %10s  %8s\n' server "requests/s" "p99 (ms)" errors
  printf '  %-8s  %12s  %10s  %8s\n' Tejido "$t_rps" "$t_p99" "$t_err"
  printf '  %-8s  %12s  %10s  %8s\n' nginx "$n_rps" "$n_p99" "$n_err"
  echo
  echo "  Tejido req/s as a share of nginx's: $pct %"
  echo "  target p99 <= 50 ms:                $p99_ok"
  echo "  target >= 30 % of nginx req/s:      $pct_ok"
  if [[ "$t_err" != 0 || "$n_err" != 0 ]]; then
    echo "  WARNING: wrk counted errors or non-2xx/3xx responses; requests slower than wrk's 2 s"
    echo "           timeout count as errors and are missing from the percentiles; see the raw output"
  fi
  echo
  echo "  raw wrk output: $T_OUT, $N_OUT"
} | tee "$RESULTS"
log "results saved to $RESULTS"

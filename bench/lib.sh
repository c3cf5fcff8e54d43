# Shared helpers for the benchmark scripts in bench/. Sourced, not run.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
OUT_DIR="$BENCH_DIR/out"
JAR="${JAR:-$ROOT_DIR/target/tejido.jar}"
JAVA="${JAVA:-java}"
# Extra JVM options, split on spaces (e.g. JAVA_OPTS='-Xmx512m -XX:+UseSerialGC').
JAVA_OPTS="${JAVA_OPTS:-}"
# Extra application arguments, split on spaces (e.g. APP_ARGS='--tejido.web.page-cache.enabled=false').
APP_ARGS="${APP_ARGS:-}"

APP_PID=""
APP_DATA=""
APP_LOG=""

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
  printf '[bench] ERROR: %s\n' "$*" >&2
  exit 1
}

# Seconds since the epoch with microseconds, without forking.
now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

require_bash5() {
  [[ -n "${EPOCHREALTIME:-}" ]] || die "bash 5 or newer is needed (EPOCHREALTIME)"
}

require_cmd() { # name, install hint
  command -v "$1" > /dev/null 2>&1 || die "$1 not found. Install it with: $2"
}

# Builds the jar when it is missing or when $1 is "force".
ensure_jar() {
  if [[ "${1:-}" == force || ! -f "$JAR" ]]; then
    [[ "$JAR" == "$ROOT_DIR/target/tejido.jar" ]] || die "JAR=$JAR does not exist"
    log "building $JAR (./mvnw -B -q -DskipTests package)"
    (cd "$ROOT_DIR" && ./mvnw -B -q -DskipTests package)
  fi
  [[ -f "$JAR" ]] || die "no jar at $JAR after the build"
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

require_free_port() {
  if port_in_use "$1"; then
    die "port $1 is already in use; stop whatever listens there or choose another port"
  fi
}

# HTTP status of a GET (000 when nothing answers); never hangs for long.
http_code() {
  curl -s -o /dev/null -w '%{http_code}' --connect-timeout 1 --max-time 2 "$@" 2> /dev/null || true
}

# Stops a PostgreSQL left running on data dir $1 (after a crash or SIGKILL of the JVM).
# Only the postmaster named in that directory's postmaster.pid, and only if its command line
# names that directory.
stop_stray_postgres() {
  local pgdata="$1/pgdata" pid i
  [[ -f "$pgdata/postmaster.pid" ]] || return 0
  pid="$(head -n 1 "$pgdata/postmaster.pid" 2> /dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$pgdata"; then
    log "stopping embedded PostgreSQL left running on $pgdata (pid $pid)"
    kill -INT "$pid" 2> /dev/null || true # fast shutdown
    for ((i = 0; i < 300; i++)); do
      kill -0 "$pid" 2> /dev/null || return 0
      sleep 0.1
    done
    kill -KILL "$pid" 2> /dev/null || true
  fi
}

# start_app PORT DATA_DIR LOG_FILE: launches the jar in the background; sets APP_PID and
# APP_START (the launch time). Java is started directly (no subshell), so APP_PID is the JVM.
start_app() {
  local port="$1"
  APP_DATA="$2"
  APP_LOG="$3"
  require_free_port "$port"
  stop_stray_postgres "$APP_DATA"
  mkdir -p "$APP_DATA" "$(dirname "$APP_LOG")"
  APP_START="$(now)"
  # shellcheck disable=SC2086 # JAVA_OPTS and APP_ARGS are split on purpose
  env -u TEJIDO_DB_URL -u TEJIDO_DB_USER -u TEJIDO_DB_PASSWORD -u PORT \
    TEJIDO_DATA_DIR="$APP_DATA" \
    "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="$port" --management.server.port=0 $APP_ARGS > "$APP_LOG" 2>&1 < /dev/null &
  APP_PID=$!
}

# wait_ready PORT [TIMEOUT_S]: polls GET / every 50 ms until it answers 200; sets APP_READY
# (the time of that answer). Fails if the JVM exits or the timeout passes.
wait_ready() {
  local port="$1" timeout="${2:-180}" code deadline
  deadline=$((EPOCHSECONDS + timeout))
  while :; do
    code="$(http_code "http://127.0.0.1:$port/")"
    if [[ "$code" == 200 ]]; then
      APP_READY="$(now)"
      return 0
    fi
    if ! kill -0 "$APP_PID" 2> /dev/null; then
      tail -n 30 "$APP_LOG" >&2 || true
      die "Tejido exited before answering 200 on / (log: $APP_LOG)"
    fi
    if ((EPOCHSECONDS > deadline)); then
      tail -n 30 "$APP_LOG" >&2 || true
      die "Tejido did not answer 200 on / within ${timeout}s (last status $code; log: $APP_LOG)"
    fi
    sleep 0.05
  done
}

# Stops the app with SIGTERM (Spring Boot shuts down gracefully and stops its embedded
# PostgreSQL) and waits for the JVM to exit; SIGKILL after 60 s, then stops PostgreSQL itself.
stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  local pid="$APP_PID" i
  APP_PID=""
  if kill -0 "$pid" 2> /dev/null; then
    kill -TERM "$pid" 2> /dev/null || true
    for ((i = 0; i < 600; i++)); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2> /dev/null; then
      log "Tejido (pid $pid) did not stop within 60 s; killing it"
      kill -KILL "$pid" 2> /dev/null || true
    fi
  fi
  wait "$pid" 2> /dev/null || true
  [[ -z "$APP_DATA" ]] || stop_stray_postgres "$APP_DATA"
}

# "Started TejidoApplication in X seconds (process running for Y)" -> "X Y", if logged.
spring_started_times() {
  sed -n 's/.*Started [A-Za-z]* in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' \
    "$1" 2> /dev/null | tail -n 1
}

# machine_info [no-jar]: the block every benchmark prints; "no-jar" for benchmarks that do not
# run target/tejido.jar (the commit line then describes the work tree's sources).
machine_info() {
  local mem_kb commit
  mem_kb="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
  echo "Machine"
  echo "  date:       $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
  commit="$(git -C "$ROOT_DIR" rev-parse --short HEAD 2> /dev/null || echo unknown)"
  git -C "$ROOT_DIR" diff --quiet HEAD -- src pom.xml 2> /dev/null || commit+=" + uncommitted changes"
  [[ "${1:-}" == no-jar || "$JAR" == "$ROOT_DIR/target/tejido.jar" ]] \
    || commit+=" (of the work tree; JAR= names another jar)"
  echo "  commit:     $commit"
  echo "  kernel:     $(uname -sr)"
  echo "  nproc:      $(nproc)"
  echo "  cpu:        $(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)"
  echo "  memory:     $(awk -v kb="$mem_kb" 'BEGIN { printf "%.1f GiB", kb / 1048576 }')"
  "$JAVA" -version 2>&1 | sed 's/^/  java:       /'
  [[ -z "$JAVA_OPTS" ]] || echo "  JAVA_OPTS:  $JAVA_OPTS"
  [[ -z "$APP_ARGS" ]] || echo "  APP_ARGS:   $APP_ARGS"
  [[ "${1:-}" == no-jar ]] \
    || echo "  jar:        $JAR ($(stat -c %s "$JAR" 2> /dev/null || echo '?') bytes, $(date -u -r "$JAR" '+%Y-%m-%dT%H:%M:%SZ' 2> /dev/null || echo '?'))"
}

# min / median / max of the numbers on stdin, three decimals.
stats() {
  sort -g | awk '{ v[NR] = $1 }
    END {
      if (NR == 0) exit 1
      med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "min %.3f  median %.3f  max %.3f\n", v[1], med, v[NR]
    }'
}

#!/usr/bin/env bash
# Ingest of a full-size SESNSP municipal history (2015+ methodology, crimes: 2,478 municipalities
# × 98 combinations × 11 years = 2,671,284 rows, ~396 MB, Windows-1252, CRLF, blank months after
# the cut-off) against the physical limit, in the same run and on the same PostgreSQL server:
#   (a) java -jar target/tejido.jar indicators import FILE   (the whole command: JVM start,
#       Spring context, detection, transcoding, parsing, COPY, replace in one transaction, commit)
#       — into an empty crime_count, and again replacing the same series (a re-import);
#   (b) psql \copy of the file itself (CSV, header, Windows-1252: the server transcodes) into a
#       bare table of the file's 21 columns (no index, no constraint) on the same server: the
#       physical limit for these rows, and the target's baseline;
#   (c) psql \copy of the same rows in the shape crime_count shows (one wide row per line, as
#       exported from (a)) into a bare table: the baseline of the first recordings.
# The server is a scratch PostgreSQL cluster (the system's initdb/pg_ctl, default settings:
# fsync and synchronous_commit on) in bench/out/indicators-pg (in /tmp, owned by postgres, when
# run as root); Tejido reaches it through TEJIDO_DB_URL, as an external database. Also timed: a command that does no import
# ("indicators --help": the JVM, the command's Spring context and the database check), to show
# the fixed cost of starting the JVM and the application.
#
# Usage: bench/indicators-ingest.sh [--runs=2] [--port=55434] [--rebuild]
# Env: JAVA, JAVA_OPTS (default -Xmx1g), PG_BIN (default: pg_config --bindir).
# Output: machine, settings and results, also saved to bench/out/indicators-ingest-results.txt.
# The generated file stays in bench/out/idm-municipal-full.csv for the next run (ignored by git).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=2
PORT=55434
REBUILD=""
for arg in "$@"; do
  case "$arg" in
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    --runs=*) RUNS="${arg#*=}" ;;
    --port=*) PORT="${arg#*=}" ;;
    --rebuild) REBUILD=force ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
require_bash5
JAVA_OPTS="${JAVA_OPTS:--Xmx1g}"
PG_BIN="${PG_BIN:-$(pg_config --bindir 2> /dev/null || echo /usr/lib/postgresql/15/bin)}"
require_cmd "$JAVA" "apt-get install -y openjdk-17-jdk-headless"
require_cmd psql "apt-get install -y postgresql-client"
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "no initdb/pg_ctl in $PG_BIN (set PG_BIN)"

cd "$ROOT_DIR"
mkdir -p "$OUT_DIR"
FILE="$OUT_DIR/idm-municipal-full.csv"
ROWS_TSV="$OUT_DIR/idm-municipal-full.copy.tsv"
# PostgreSQL refuses to run as root: then the cluster belongs to the postgres account, in /tmp.
PGDATA_DIR="$OUT_DIR/indicators-pg"
as_pg() { "$@"; }
if ((EUID == 0)); then
  PGDATA_DIR="$(mktemp -d /tmp/tejido-indicators-pg.XXXXXX)"
  chown postgres "$PGDATA_DIR"
  as_pg() { runuser -u postgres -- "$@"; }
fi
APP_DIR="$OUT_DIR/indicators-app"
RESULTS="$OUT_DIR/indicators-ingest-results.txt"
COLUMNS="catalogue, measure, level, year, state, state_name, municipality, municipality_name,"
COLUMNS+=" legal_good, crime_type, subtype, subtype_key, modality, sex, age_range, months"

stop_pg() { as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop > /dev/null 2>&1 || true; }
trap 'stop_pg; rm -rf "$PGDATA_DIR" "$APP_DIR" "$ROWS_TSV"' EXIT

ensure_jar "$REBUILD"
if [[ ! -f "$FILE" ]]; then
  log "generating $FILE"
  "$JAVA" src/test/java/org/tejido/bench/MunicipalHistoryFile.java "$FILE"
fi

require_free_port "$PORT"
rm -rf "$APP_DIR" "${PGDATA_DIR:?}"/*
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > /dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=''" start > /dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d tejido)
psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "create database tejido"

tejido() { # runs the jar's command line against the scratch server
  # shellcheck disable=SC2086 # JAVA_OPTS is split on purpose
  env TEJIDO_DATA_DIR="$APP_DIR" TEJIDO_REFERENCE_DATA=false \
    TEJIDO_DB_URL="jdbc:postgresql://127.0.0.1:$PORT/tejido" TEJIDO_DB_USER=postgres \
    TEJIDO_DB_PASSWORD=unused "$JAVA" $JAVA_OPTS -jar "$JAR" "$@"
}
timed() { # label, command...: prints the seconds, appends "label seconds" to $TIMES
  local label="$1" t0 t1
  shift
  "${PSQL[@]}" -c checkpoint
  t0="$(now)"
  "$@" > "$OUT_DIR/indicators-last.log" 2>&1 || {
    tail -n 30 "$OUT_DIR/indicators-last.log" >&2
    die "$label failed"
  }
  t1="$(now)"
  printf '%s %s\n' "$label" "$(elapsed "$t0" "$t1")" >> "$TIMES"
  log "$label: $(elapsed "$t0" "$t1") s — $(grep -E 'rows|count' "$OUT_DIR/indicators-last.log" | tail -n 1)"
}

{
  machine_info
  echo "  postgres:   $("$PG_BIN/postgres" --version) (scratch cluster, default settings)"
  echo "  load:       $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, at the start)"
  echo "  file:       $FILE ($(stat -c %s "$FILE") bytes, $(($(wc -l < "$FILE") - 1)) rows)"
  echo
} | tee "$RESULTS"

log "migrating the scratch database (first command, not timed)"
tejido indicators query --national --subtype "Homicidio doloso" --year 2015 > /dev/null 2>&1 || true
"${PSQL[@]}" -c "create table bare_crime_count (like crime_count)"
"${PSQL[@]}" -c "create table bare_file (ano int, clave_ent int, entidad text, cve_municipio int,
  municipio text, bien_juridico text, tipo text, subtipo text, modalidad text, enero int,
  febrero int, marzo int, abril int, mayo int, junio int, julio int, agosto int, septiembre int,
  octubre int, noviembre int, diciembre int)"

TIMES="$(mktemp)"
for ((run = 1; run <= RUNS; run++)); do
  log "run $run of $RUNS (load now: $(cut -d' ' -f1 /proc/loadavg))"
  "${PSQL[@]}" -c "truncate crime_figure, crime_series"
  timed "a_import_into_empty" tejido indicators import "$FILE"
  if [[ ! -f "$ROWS_TSV" ]]; then
    "${PSQL[@]}" -c "\\copy (select $COLUMNS from crime_count) to '$ROWS_TSV'"
  fi
  timed "a_reimport_replacing" tejido indicators import "$FILE"
  "${PSQL[@]}" -c "truncate bare_file"
  timed "b_psql_copy_file" "${PSQL[@]}" -c \
    "\\copy bare_file from '$FILE' with (format csv, header, encoding 'WIN1252')"
  "${PSQL[@]}" -c "truncate bare_crime_count"
  timed "c_psql_copy_wide_rows" "${PSQL[@]}" -c "\\copy bare_crime_count ($COLUMNS) from '$ROWS_TSV'"
  timed "startup_only" tejido indicators --help
done
loaded="$("${PSQL[@]}" -At -c "select count(*) from crime_count")"
bare="$("${PSQL[@]}" -At -c "select count(*) from bare_file")"

{
  echo "Results (wall-clock seconds per run; load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "  rows in crime_count: $loaded; in bare_file: $bare"
  for label in a_import_into_empty a_reimport_replacing b_psql_copy_file c_psql_copy_wide_rows \
    startup_only; do
    printf '  %-22s %s   runs: %s\n' "$label" \
      "$(awk -v l="$label" '$1 == l { print $2 }' "$TIMES" | stats)" \
      "$(awk -v l="$label" '$1 == l { printf "%s ", $2 }' "$TIMES")"
  done
  awk '{ s[$1] += $2; n[$1]++ }
    END {
      b = s["b_psql_copy_file"] / n["b_psql_copy_file"]
      c = s["c_psql_copy_wide_rows"] / n["c_psql_copy_wide_rows"]
      e = s["a_import_into_empty"] / n["a_import_into_empty"]
      r = s["a_reimport_replacing"] / n["a_reimport_replacing"]
      st = s["startup_only"] / n["startup_only"]
      printf "  ratio (a, empty table) / (b):      %.2f  (target <= 1.5)\n", e / b
      printf "  ratio (a, re-import) / (b):        %.2f\n", r / b
      printf "  ratio without the fixed start-up:  %.2f (empty)  %.2f (re-import)\n", (e - st) / b, (r - st) / b
      printf "  ratio (a, empty table) / (c):      %.2f  (the first recordings baseline)\n", e / c
    }' "$TIMES"
} | tee -a "$RESULTS"
rm -f "$TIMES"
log "results saved to $RESULTS"

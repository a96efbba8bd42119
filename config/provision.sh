#!/usr/bin/env bash
# Bring this machine to the point where the project can run or be tested:
# system packages, PostgreSQL + PostGIS, Redis, the virtualenv and the database.
# Every step checks first and does nothing when its work is already done, so a
# second run with nothing to install takes seconds.
#
# Usage: config/provision.sh [--browser]   (--browser also installs Debian's chromium)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
WANT_BROWSER=0
[[ "${1:-}" == "--browser" ]] && WANT_BROWSER=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'provision: %s\n' "$*" >&2; exit 1; }

if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
export DEBIAN_FRONTEND=noninteractive

# Read DATABASE_URL / REDIS_URL the same way Django will: environment first, then .env.
env_value() {
    local name=$1 default=$2 line
    if [[ -n "${!name:-}" ]]; then printf '%s' "${!name}"; return; fi
    if [[ -f .env ]] && line=$(grep -E "^${name}=" .env | tail -n 1); then
        line=${line#*=}; line=${line%\"}; line=${line#\"}; printf '%s' "$line"; return
    fi
    printf '%s' "$default"
}
DATABASE_URL=$(env_value DATABASE_URL "postgis://postgres@127.0.0.1:5432/seinajoki")
REDIS_URL=$(env_value REDIS_URL "redis://127.0.0.1:6379/0")

# --- URL parsing (scheme://user:password@host:port/path) -----------------------
url_part() {  # url_part URL field  -> user|password|host|port|path
    python3 - "$1" "$2" <<'PY'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
field = sys.argv[2]
value = {"user": u.username, "password": u.password, "host": u.hostname,
         "port": u.port, "path": u.path.lstrip("/")}[field]
print(urllib.parse.unquote(str(value)) if value is not None else "")
PY
}

# --- system packages -------------------------------------------------------------
missing_packages() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$p"
    done
}
APT_UPDATED=0
apt_install() {
    local missing
    missing=$(missing_packages "$@")
    [[ -z "$missing" ]] && return 0
    command -v apt-get >/dev/null || die "missing packages ($missing) and no apt-get: install them by hand"
    say "Installing system packages: $missing"
    if [[ $APT_UPDATED -eq 0 ]]; then "${SUDO[@]}" apt-get update -qq; APT_UPDATED=1; fi
    # shellcheck disable=SC2086
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# python3 first: the URL parsing above and the venv need it.
if ! command -v python3 >/dev/null || ! python3 -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
    apt_install python3
fi
BASE_PACKAGES=(ca-certificates gcc python3-dev gettext gdal-bin libgdal-dev libgeos-c1v5 libproj-dev
               postgresql-client redis-server redis-tools procps)
# WeasyPrint (the closing reports' PDF) draws text with Pango and HarfBuzz, in a font the machine has.
BASE_PACKAGES+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# The python3-venv package is only needed when the python3 we use is Debian's own.
if [[ "$(command -v python3)" == /usr/bin/python3 ]]; then
    BASE_PACKAGES+=(python3-venv python3-pip)
fi
apt_install "${BASE_PACKAGES[@]}"
if [[ $WANT_BROWSER -eq 1 ]]; then apt_install chromium fonts-dejavu-core; fi

DB_HOST=$(url_part "$DATABASE_URL" host); DB_PORT=$(url_part "$DATABASE_URL" port)
DB_USER=$(url_part "$DATABASE_URL" user); DB_NAME=$(url_part "$DATABASE_URL" path)
DB_PASSWORD=$(url_part "$DATABASE_URL" password)
DB_PORT=${DB_PORT:-5432}; DB_USER=${DB_USER:-postgres}; DB_HOST=${DB_HOST:-127.0.0.1}
is_local() { [[ "$1" == 127.* || "$1" == localhost || "$1" == ::1 || "$1" == "" ]]; }

# --- PostgreSQL ------------------------------------------------------------------
pg_answers() { pg_isready -q -h "$DB_HOST" -p "$DB_PORT" -t 3; }
installed_pg_major() {  # the newest PostgreSQL server (not just client) installed
    local bin
    for bin in /usr/lib/postgresql/*/bin/postgres; do [[ -x $bin ]] && basename "$(dirname "$(dirname "$bin")")"; done | sort -n | tail -n 1
}

if ! pg_answers; then
    is_local "$DB_HOST" || die "nothing answers at $DB_HOST:$DB_PORT (DATABASE_URL) and it is not this machine"
    if [[ -z "$(installed_pg_major)" ]]; then apt_install postgresql; fi
    PG_MAJOR=$(installed_pg_major)
    apt_install "postgresql-$PG_MAJOR-postgis-3"
    # A cluster of ours on the port the URL names; another PostgreSQL may own 5432.
    CLUSTER=$(pg_lsclusters -h 2>/dev/null | awk -v port="$DB_PORT" '$3 == port {print $1 " " $2; exit}')
    if [[ -z "$CLUSTER" ]]; then
        CLUSTER="$PG_MAJOR seinajoki$DB_PORT"
        say "Creating PostgreSQL $PG_MAJOR cluster 'seinajoki$DB_PORT' on port $DB_PORT"
        # shellcheck disable=SC2086
        # UTF-8 whatever the machine's locale: a minimal Debian has none, and initdb would pick SQL_ASCII.
        "${SUDO[@]}" pg_createcluster $CLUSTER --port "$DB_PORT" --encoding UTF8 --locale C.UTF-8 \
            -- --auth-local=trust --auth-host=trust >/dev/null
    fi
    say "Starting PostgreSQL cluster $CLUSTER on port $DB_PORT"
    # shellcheck disable=SC2086
    "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect $CLUSTER start || true
    for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
    pg_answers || die "PostgreSQL did not come up on port $DB_PORT"
fi

export PGPASSWORD=$DB_PASSWORD
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$@"; }
if [[ -z "${PG_MAJOR:-}" ]]; then
    PG_MAJOR=$(psql_admin -d postgres -tAc "SELECT current_setting('server_version_num')::int / 10000")
fi
if is_local "$DB_HOST" && ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'" | grep -q 1; then
    apt_install "postgresql-$PG_MAJOR-postgis-3"
fi

if [[ "${PROVISION_SKIP_DATABASE:-0}" != 1 ]]; then
    if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
        say "Creating database $DB_NAME"
        # template0: UTF-8 even in a cluster made under another encoding (SQL_ASCII on a machine without a locale).
        psql_admin -d postgres -c "CREATE DATABASE \"$DB_NAME\" ENCODING 'UTF8' TEMPLATE template0"
    fi
    DB_ENCODING=$(psql_admin -d postgres -tAc "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = '$DB_NAME'")
    [[ "$DB_ENCODING" == UTF8 ]] || die "database $DB_NAME is encoded in $DB_ENCODING, not UTF8: names such as Seinäjoki cannot be stored. Drop it (dropdb $DB_NAME) or name another database in DATABASE_URL, and run this again."
    psql_admin -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS postgis" 2>&1 | grep -v NOTICE || true
fi

# --- Redis -----------------------------------------------------------------------
R_HOST=$(url_part "$REDIS_URL" host); R_PORT=$(url_part "$REDIS_URL" port)
R_HOST=${R_HOST:-127.0.0.1}; R_PORT=${R_PORT:-6379}
if ! redis-cli -h "$R_HOST" -p "$R_PORT" ping >/dev/null 2>&1; then
    is_local "$R_HOST" || die "nothing answers at $R_HOST:$R_PORT (REDIS_URL) and it is not this machine"
    say "Starting Redis on port $R_PORT"
    mkdir -p "$ROOT/.local/redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$R_PORT" --save "" --appendonly no \
        --dir "$ROOT/.local/redis" --logfile "$ROOT/.local/redis/redis-$R_PORT.log"
    for _ in $(seq 1 20); do redis-cli -h "$R_HOST" -p "$R_PORT" ping >/dev/null 2>&1 && break; sleep 0.5; done
    redis-cli -h "$R_HOST" -p "$R_PORT" ping >/dev/null || die "Redis did not come up on port $R_PORT"
fi

# --- virtualenv --------------------------------------------------------------------
STAMP=.venv/.installed
if [[ ! -x .venv/bin/python ]]; then
    say "Creating .venv"
    python3 -m venv .venv
fi
if [[ ! -f $STAMP || pyproject.toml -nt $STAMP ]]; then
    say "Installing the project and its dependencies into .venv"
    mkdir -p .local
    if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e '.[dev]'; } \
            > .local/pip-install.log 2>&1; then
        tail -n 40 .local/pip-install.log >&2
        die "installing the Python dependencies failed (full log: .local/pip-install.log)"
    fi
    touch "$STAMP"
fi

# --- translations ----------------------------------------------------------------
for po in */locale/*/LC_MESSAGES/django.po locale/*/LC_MESSAGES/django.po; do
    [[ -f $po ]] || continue
    mo=${po%.po}.mo
    if [[ ! -f $mo || $po -nt $mo ]]; then msgfmt --check-format -o "$mo" "$po"; fi
done
say "Provisioning done (PostgreSQL $PG_MAJOR at $DB_HOST:$DB_PORT, Redis at $R_HOST:$R_PORT)"

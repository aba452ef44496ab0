#!/usr/bin/env bash
# The project's test command (CI runs it through .ci/run in a fresh clone, as root, without systemd).
# It installs and starts a local MariaDB for the MySQL provider tests, then runs every test.
#
#   scripts/test.sh               set up MariaDB, build, run all tests
#   scripts/test.sh --setup-only  set up MariaDB only
#
# Environment:
#   SHOP_TEST_MYSQL  base connection string the tests use (default below, matches the user created here)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

setup_only=0
for arg in "$@"; do
  case "$arg" in
    --setup-only) setup_only=1 ;;
    *) echo "usage: $0 [--setup-only]" >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*"; }

# CI runs as root; a developer may not.
SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  SUDO=(sudo)
fi

DATADIR=/var/lib/mysql
RUNDIR=/run/mysqld
SOCKET="$RUNDIR/mysqld.sock"
LOGDIR=/var/log/mysql
ERRLOG="$LOGDIR/error.log"

# --- 1. packages --------------------------------------------------------------------------------
# chromium: the browser tests drive Debian's build (tests/Gateway.Tests/Browser), and fonts-nanum gives it Korean glyphs;
# Playwright never downloads a browser.
packages=(mariadb-server mariadb-plugin-mroonga chromium fonts-nanum)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg -s "$p" >/dev/null 2>&1; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  # Without systemd the maintainer scripts cannot start the server (invoke-rc.d is denied by
  # policy-rc.d); that is expected, the server is started below.
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# --- 2. server ----------------------------------------------------------------------------------
root_sql() { "${SUDO[@]}" mariadb --protocol=socket --socket="$SOCKET" -uroot "$@"; }
server_alive() { "${SUDO[@]}" mariadb-admin --protocol=socket --socket="$SOCKET" -uroot ping >/dev/null 2>&1; }

if server_alive; then
  log "MariaDB already running"
else
  "${SUDO[@]}" install -d -o mysql -g mysql -m 0755 "$RUNDIR"
  "${SUDO[@]}" install -d -o mysql -g adm -m 2750 "$LOGDIR"
  if [[ ! -d "$DATADIR/mysql" ]]; then
    log "initializing $DATADIR"
    "${SUDO[@]}" install -d -o mysql -g mysql -m 0755 "$DATADIR"
    "${SUDO[@]}" mariadb-install-db --user=mysql --datadir="$DATADIR" \
      --auth-root-authentication-method=socket --skip-test-db >/dev/null
  fi
  # A datadir copied or restored by root would stop the server from opening its files.
  if [[ -n "$("${SUDO[@]}" find "$DATADIR" -maxdepth 1 ! -user mysql ! -name 'debian-*.flag' ! -name mysql_upgrade_info -print -quit)" ]]; then
    "${SUDO[@]}" chown -R mysql:mysql "$DATADIR"
  fi

  log "starting MariaDB on 127.0.0.1:3306 (log: $ERRLOG)"
  # mariadbd is started directly rather than through mysqld_safe: Debian's mysqld_safe config sends
  # the log to syslog, which does not run here. setsid and the redirections detach it from this
  # script so that CI's output pipe closes when the tests end.
  "${SUDO[@]}" setsid /usr/sbin/mariadbd \
    --user=mysql \
    --datadir="$DATADIR" \
    --socket="$SOCKET" \
    --pid-file="$RUNDIR/mysqld.pid" \
    --bind-address=127.0.0.1 \
    --port=3306 \
    --log-error="$ERRLOG" \
    --innodb-flush-log-at-trx-commit=1 \
    --sync-binlog=1 \
    --max-connections=500 \
    </dev/null >/dev/null 2>&1 &

  for _ in $(seq 1 120); do
    if server_alive; then break; fi
    sleep 0.5
  done
  if ! server_alive; then
    echo "MariaDB did not start; last lines of $ERRLOG:" >&2
    "${SUDO[@]}" tail -n 40 "$ERRLOG" >&2 || true
    exit 1
  fi
  log "MariaDB is up"
fi

# The provider promises durable commits; a server started by someone else with relaxed settings
# would make the tests (and the benchmarks) lie about that.
root_sql -e "SET GLOBAL innodb_flush_log_at_trx_commit = 1; SET GLOBAL sync_binlog = 1;"

# --- 3. Mroonga ---------------------------------------------------------------------------------
mroonga=$(root_sql -N -B -e "SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'Mroonga'")
if [[ "$mroonga" == "0" ]]; then
  log "installing the Mroonga plugin"
  root_sql -e "INSTALL SONAME 'ha_mroonga'"
fi
# The catalog search runs its Groonga selects through Mroonga's mroonga_command UDF, which INSTALL SONAME does
# not register, and which the test account has no right to create.
root_sql -e "CREATE FUNCTION IF NOT EXISTS mroonga_command RETURNS STRING SONAME 'ha_mroonga.so'"

# --- 4. test user and database ------------------------------------------------------------------
# Tests create and drop shop_test_<random> databases, hence the pattern grant.
root_sql <<'SQL'
CREATE USER IF NOT EXISTS 'shop_test'@'127.0.0.1' IDENTIFIED BY 'shop_test';
CREATE USER IF NOT EXISTS 'shop_test'@'localhost' IDENTIFIED BY 'shop_test';
ALTER USER 'shop_test'@'127.0.0.1' IDENTIFIED BY 'shop_test';
ALTER USER 'shop_test'@'localhost' IDENTIFIED BY 'shop_test';
GRANT ALL PRIVILEGES ON `shop\_test%`.* TO 'shop_test'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `shop\_test%`.* TO 'shop_test'@'localhost';
CREATE DATABASE IF NOT EXISTS shop_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL

export SHOP_TEST_MYSQL="${SHOP_TEST_MYSQL:-Server=127.0.0.1;Port=3306;User ID=shop_test;Password=shop_test;Database=shop_test;SslMode=None}"

if ((setup_only)); then
  log "setup done"
  exit 0
fi

# --- 5. tests -----------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log "building"
dotnet build Ecommerce.sln -c Release --nologo -v quiet -clp:NoSummary

output="$(mktemp)"
trap 'rm -f "$output"' EXIT

log "testing"
status=0
# A test that hangs is killed (and fails the run) instead of eating CI's whole time budget.
dotnet test Ecommerce.sln -c Release --no-build --nologo \
  --blame-hang-timeout 15m --blame-hang-dump-type none 2>&1 | tee "$output" || status=$?

# One closing line over every test assembly, summed from their "Passed!/Failed!" summaries.
read -r passed failed skipped < <(
  sed -n 's/.*\(Passed\|Failed\)! *- *Failed: *\([0-9]*\), *Passed: *\([0-9]*\), *Skipped: *\([0-9]*\).*/\3 \2 \4/p' "$output" |
    awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }'
)
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"

if ((status != 0)); then
  exit "$status"
fi
if ((failed > 0 || passed == 0)); then
  exit 1
fi

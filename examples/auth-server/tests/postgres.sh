#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a temporary directory,
# SCRAM-SHA-256 password authentication on a free port of 127.0.0.1, the server run as an
# unprivileged user (never the system service). The command finds the cluster's URL in
# AUTH_SERVER_TEST_POSTGRES. The cluster is stopped and deleted afterwards, whatever happens.
#
#   examples/auth-server/tests/postgres.sh cargo test -p auth-server --test http -- --ignored
#
# Needs Debian's postgresql (scripts/setup installs it).
set -euo pipefail

bin=$(find /usr/lib/postgresql -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z $bin || ! -x $bin/initdb ]]; then
  echo "postgres.sh: no PostgreSQL server in /usr/lib/postgresql; run scripts/setup" >&2
  exit 2
fi

dir=$(mktemp -d /tmp/auth-server-pg.XXXXXX)
as_owner=()
if [[ $(id -u) == 0 ]]; then
  # PostgreSQL refuses to run as root: the cluster belongs to Debian's postgres user.
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

printf '%s\n' "$password" >"$dir/password"
chmod 600 "$dir/password"
[[ ${#as_owner[@]} -eq 0 ]] || chown postgres: "$dir/password"
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U auth --pwfile="$dir/password" \
  --auth=scram-sha-256 --encoding=UTF8 --no-locale >"$dir/initdb.log"
# Enough connections for every test's pools at once; fsync off: the data is thrown away.
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off" \
  start >/dev/null

export AUTH_SERVER_TEST_POSTGRES="postgres://auth:$password@127.0.0.1:$port/postgres"
echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
"$@"

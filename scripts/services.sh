#!/usr/bin/env bash
# Real services for the tests: MariaDB (Open edX runs MySQL) and Redis (the Celery broker).
#   services.sh start   use the servers that answer on loopback, or start throwaway ones
#                       in .services/ (MariaDB on 3307, Redis on 6380); writes .services/env
#   services.sh stop    stops only what `start` started
set -eu
cd "$(dirname "$0")/.."
state=.services
mkdir -p "$state"
envfile="$state/env"

mariadb_answers() {  # host port
  mariadb-admin --protocol=tcp -h "$1" -P "$2" -uroot --connect-timeout=2 ping >/dev/null 2>&1 \
    || mysqladmin --protocol=tcp -h "$1" -P "$2" -uroot --connect-timeout=2 ping >/dev/null 2>&1
}

redis_answers() {  # port
  [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
}

start_mariadb() {
  if [ -z "${WISE_OWN_SERVICES:-}" ] && mariadb_answers 127.0.0.1 3306; then echo "WISE_MARIADB_PORT=3306"; return; fi
  local port=3307 data="$PWD/$state/mariadb"
  if ! mariadb_answers 127.0.0.1 $port; then
    if [ ! -d "$data/mysql" ]; then
      mkdir -p "$data"
      mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$data" --auth-root-authentication-method=normal >"$state/mariadb-install.log" 2>&1
    fi
    mariadbd --no-defaults --user="$(id -un)" --datadir="$data" --socket="$data/sock" --port=$port \
      --bind-address=127.0.0.1 --pid-file="$data/pid" --skip-name-resolve >"$state/mariadb.log" 2>&1 &
    echo $! >"$state/mariadb.started"
    for _ in $(seq 60); do mariadb_answers 127.0.0.1 $port && break; sleep 0.5; done
    mariadb_answers 127.0.0.1 $port || { echo "MariaDB did not start: see $state/mariadb.log" >&2; exit 1; }
  fi
  echo "WISE_MARIADB_PORT=$port"
}

start_redis() {
  if [ -z "${WISE_OWN_SERVICES:-}" ] && redis_answers 6379; then echo "WISE_REDIS_URL=redis://127.0.0.1:6379/15"; return; fi
  local port=6380
  if ! redis_answers $port; then
    redis-server --bind 127.0.0.1 --port $port --save "" --appendonly no --daemonize yes \
      --pidfile "$PWD/$state/redis.pid" --logfile "$PWD/$state/redis.log"
    cp "$state/redis.pid" "$state/redis.started" 2>/dev/null || true
    for _ in $(seq 40); do redis_answers $port && break; sleep 0.25; done
    [ -f "$state/redis.started" ] || cp "$state/redis.pid" "$state/redis.started"
  fi
  echo "WISE_REDIS_URL=redis://127.0.0.1:$port/15"
}

case "${1:-}" in
  start)
    {
      echo "WISE_MARIADB_HOST=127.0.0.1"
      start_mariadb
      start_redis
    } >"$envfile.tmp"
    mv "$envfile.tmp" "$envfile"
    cat "$envfile"
    ;;
  stop)
    for name in mariadb redis; do
      if [ -f "$state/$name.started" ]; then
        kill "$(cat "$state/$name.started")" 2>/dev/null || true
        rm -f "$state/$name.started"
      fi
    done
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback, from Debian's packages (mariadb-server 10.11, galera-4, rsync), for
# trying the portal on a cluster by hand (the tests start their own, GaleraCluster.java, on free ports).
#
#   deploy/galera/cluster.sh start        first start: installs node 1, bootstraps it, joins 2 and 3 (state by rsync);
#                                         after all nodes died: --wsrep-recover on each, bootstraps the most advanced;
#                                         otherwise starts whichever nodes are down, as joiners
#   deploy/galera/cluster.sh stop         stops every node (SIGTERM)
#   deploy/galera/cluster.sh kill N       kill -9 of node N (1-3), to try node loss
#   deploy/galera/cluster.sh status       wsrep_ready, state and cluster size of each node
#   deploy/galera/cluster.sh url          the portal's PORTAL_DB_URL for the three nodes
#
# GALERA_DIR (default ./galera-cluster) holds each node's data and logs; GALERA_PORT (default 13306) is node 1's client
# port, node N uses GALERA_PORT + 10 * (N - 1) and the three ports after it (group, rsync state transfer, incremental).
# The first start creates the database portal and its user portal (password GALERA_PORTAL_PASSWORD, default portal).
# As root the servers run as the mysql user: the rsync state transfer refuses to run as root.
set -euo pipefail

DIR=$(realpath -m "${GALERA_DIR:-./galera-cluster}")
BASE=${GALERA_PORT:-13306}
PROVIDER=/usr/lib/galera/libgalera_smm.so
NODES=(1 2 3)

port() { echo $((BASE + 10 * ($1 - 1) + ${2:-0})); }
home() { echo "$DIR/node$1"; }
members() { local m=(); for n in "${NODES[@]}"; do m+=("127.0.0.1:$(port "$n" 1)"); done; (IFS=,; echo "${m[*]}"); }

as_mysql() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=mysql --regid=mysql --init-groups -- "$@"; else "$@"; fi
}

options() { # the server's options for node $1
  local h; h=$(home "$1")
  echo --no-defaults --datadir="$h/data" --tmpdir="$h/tmp" --socket="$h/mariadbd.sock" --pid-file="$h/mariadbd.pid" \
    --log-error="$h/error.log" --port="$(port "$1")" --bind-address=127.0.0.1 --skip-ssl \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --max-allowed-packet=64M \
    --max-connections=300 --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 \
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
    --wsrep-on=ON --wsrep-provider="$PROVIDER" --wsrep-cluster-name=portal \
    --wsrep-cluster-address="gcomm://$(members)" --wsrep-node-name="node$1" \
    --wsrep-node-address="127.0.0.1:$(port "$1" 1)" --wsrep-node-incoming-address="127.0.0.1:$(port "$1")" \
    "--wsrep-provider-options=base_host=127.0.0.1;base_port=$(port "$1" 1);ist.recv_addr=127.0.0.1:$(port "$1" 3);gcache.size=128M" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$(port "$1" 2)"
}

running() { # whether node $1's server runs
  local pid; pid=$(cat "$(home "$1")/mariadbd.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null
}

state() { # "ready state size" of node $1
  mariadb -h127.0.0.1 -P"$(port "$1")" -uroot -N -B -e "SELECT
      (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_READY'),
      (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'),
      (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE')" \
    2>/dev/null | tr '\t' ' ' || echo "down"
}

launch() { # starts node $1; $2 = bootstrap to found a new cluster
  local h; h=$(home "$1")
  # shellcheck disable=SC2046
  HOME="$h" as_mysql /usr/sbin/mariadbd $(options "$1") ${2:+--wsrep-new-cluster} >>"$h/console.log" 2>&1 &
}

await_synced() { # waits until node $1 is ready and synced
  for _ in $(seq 1 180); do
    case "$(state "$1")" in "ON Synced "*) echo "node $1: $(state "$1")"; return 0 ;; esac
    sleep 1
  done
  echo "node $1 did not sync in 3 minutes; see $(home "$1")/error.log" >&2
  tail -20 "$(home "$1")/error.log" >&2
  return 1
}

recovered_seqno() { # the last committed position of stopped node $1, by mariadbd --wsrep-recover
  local h; h=$(home "$1")
  # shellcheck disable=SC2046
  HOME="$h" as_mysql /usr/sbin/mariadbd $(options "$1") --wsrep-recover --log-error="$h/recover.log" >/dev/null 2>&1 || true
  sed -n 's/.*WSREP: Recovered position: [0-9a-f-]*:\(-\{0,1\}[0-9]*\).*/\1/p' "$h/recover.log" | tail -1
}

start() {
  for n in "${NODES[@]}"; do mkdir -p "$(home "$n")/data" "$(home "$n")/tmp"; done
  [ "$(id -u)" = 0 ] && chown -R mysql:mysql "$DIR"
  local up=()
  for n in "${NODES[@]}"; do running "$n" && up+=("$n"); done
  if [ ${#up[@]} -gt 0 ]; then
    for n in "${NODES[@]}"; do running "$n" || launch "$n"; done
  elif [ ! -d "$(home 1)/data/mysql" ]; then
    as_mysql mariadb-install-db --no-defaults --datadir="$(home 1)/data" --auth-root-authentication-method=normal \
      --skip-test-db >"$(home 1)/install.log" 2>&1
    launch 1 bootstrap
    await_synced 1
    local password=${GALERA_PORTAL_PASSWORD:-portal}
    mariadb -h127.0.0.1 -P"$(port 1)" -uroot -e "CREATE DATABASE portal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
      CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY '$password'; GRANT ALL ON portal.* TO 'portal'@'127.0.0.1';
      CREATE USER 'portal'@'localhost' IDENTIFIED BY '$password'; GRANT ALL ON portal.* TO 'portal'@'localhost';"
    for n in 2 3; do launch "$n"; done
  else
    # every node is down: the one that committed last founds the cluster again, the others join it
    local best="" best_seqno=-2
    for n in "${NODES[@]}"; do
      [ -d "$(home "$n")/data/mysql" ] || continue
      local s; s=$(recovered_seqno "$n")
      echo "node $n: recovered position ${s:-unknown}"
      if [ -n "$s" ] && [ "$s" -gt "$best_seqno" ]; then best=$n best_seqno=$s; fi
    done
    [ -n "$best" ] || { echo "no node could recover its position" >&2; exit 1; }
    echo "bootstrapping node $best (seqno $best_seqno)"
    sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$(home "$best")/data/grastate.dat"
    launch "$best" bootstrap
    await_synced "$best"
    for n in "${NODES[@]}"; do [ "$n" = "$best" ] || launch "$n"; done
  fi
  for n in "${NODES[@]}"; do await_synced "$n"; done
}

stop() {
  for n in "${NODES[@]}"; do
    running "$n" && kill "$(cat "$(home "$n")/mariadbd.pid")"
  done
  for n in "${NODES[@]}"; do
    for _ in $(seq 1 60); do running "$n" || break; sleep 1; done
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) kill -9 "$(cat "$(home "${2:?node 1-3}")/mariadbd.pid")" ;;
  status) for n in "${NODES[@]}"; do echo "node $n (port $(port "$n")): $(state "$n")"; done ;;
  url) echo "jdbc:mysql://127.0.0.1:$(port 1),127.0.0.1:$(port 2),127.0.0.1:$(port 3)/portal" ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac

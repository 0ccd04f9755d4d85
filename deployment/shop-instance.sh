#!/bin/sh
# One Session Shop instance: Payara Micro with the flags and the environment of its session strategy.
# This one file is the Docker image's entry point (deployment/Dockerfile, docker-compose.yml) and what
# the local launcher (deployment/shop) runs for each instance, so both topologies start an instance from
# the same description. Where the two must differ, the difference is written below, once, with why.
#
#   shop-instance.sh <n> [more Payara Micro arguments]      instance shop-<n>, n = 1, 2 or 3
#
# Environment:
#   SESSION_STRATEGY  a strategy of deployment/strategies.sh (required); its routing and home pick the flags
#   SHOP_SITE         container (the default: the image on docker-compose.yml's network) or loopback
#                     (deployment/shop: three JVMs on one machine's 127.0.0.1)
#   JVM_ARGS          container: more JVM options (the payara/micro image's variable; its entrypoint runs java)
#   SHOP_JAVA, SHOP_MICRO_JAR   loopback: the java command and payara-micro.jar
#   REDIS_PASSWORD_FILE         the Redis password's file (default /run/secrets/redis_password)
#   SHOP_DRY_RUN=1    print the instance's environment and command line instead of running it
#
# POSIX sh, not bash: the official payara/micro image is Alpine (busybox sh, no bash).
set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
die() { printf 'shop-instance: %s\n' "$*" >&2; exit 2; }

# The strategy table is deployment/strategies.sh, a bash file (associative arrays) that this shell cannot
# source: its two tables are read as data instead, one "[name]=value" pair per entry.
axis() { sed -n "/^declare -A $1=(/,/^)/p" "$here/strategies.sh" | tr ' ' '\n' | sed -n "s/^\[$2\]=//p"; }
routing_of() { axis STRATEGY_ROUTING "$1"; }
home_of() { axis STRATEGY_HOME "$1"; }

n=${1:-}
case $n in
    1 | 2 | 3) shift ;;
    *) die "usage: shop-instance.sh <1|2|3> [Payara Micro arguments] (got '${n}')" ;;
esac
name=shop-$n
strategy=${SESSION_STRATEGY:-}
routing=$(routing_of "$strategy")
home=$(home_of "$strategy")
[ -n "$routing" ] && [ -n "$home" ] || die "SESSION_STRATEGY='$strategy' is not a strategy of deployment/strategies.sh"

# Both are demos: the JVM options, and the labs (docs/05-labs.md), which fire requests at the other
# instances and plant deliberately broken session values (off by default in the app, on here).
jvm="-XX:+UseSerialGC -Djava.net.preferIPv4Stack=true"
: "${SHOP_LABS_ENABLED:=true}"

# ---- Where the two topologies differ --------------------------------------------------------------
# The addresses of the other parts, the ports, and how fast the data grid gives up on a member.
site=${SHOP_SITE:-container}
case $site in
    container)
        # Names on the compose network (docker-compose.yml's container_name and service names); every
        # instance has the image's ports, 8080 (HTTP) and 6900 (data grid).
        instances=shop-1=http://shop-1:8080,shop-2=http://shop-2:8080,shop-3=http://shop-3:8080
        members=shop-1:6900,shop-2:6900,shop-3:6900
        sentinels=external-sentinel-1:26379,external-sentinel-2:26379,external-sentinel-3:26379
        memcached=external-memcached-1:11211,external-memcached-2:11211
        # docker-compose.yml's command gives only the instance number, which replaces the image's CMD.
        set -- "$@" --deploymentDir /opt/payara/deployments
        # A killed container sends no TCP reset (its network namespace is gone): the survivors notice only
        # through missing heartbeats, and Hazelcast's default is 60 s, so a request for a session whose
        # owner died waited that long. A heartbeat every second, a member dead after 8 s without one.
        grid_jvm="-Dhazelcast.heartbeat.interval.seconds=1 -Dhazelcast.max.no.heartbeat.seconds=8"
        grid_args=""
        preboot_lines=""
        ;;
    loopback)
        # One machine: each instance has its own ports (shop-N: HTTP 8080+N, data grid 6899+N).
        instances=shop-1=http://127.0.0.1:8081,shop-2=http://127.0.0.1:8082,shop-3=http://127.0.0.1:8083
        members=127.0.0.1:6900,127.0.0.1:6901,127.0.0.1:6902
        sentinels=127.0.0.1:26379,127.0.0.1:26380,127.0.0.1:26381
        memcached=127.0.0.1:11211,127.0.0.1:11212
        set -- "$@" --port $((8080 + n))
        unset JVM_ARGS   # the image's variable; here the options below are all
        # The heap compose gives through MEM_MAX_RAM_PERCENTAGE (half of 768 MB); temp files in the
        # instance's own directory, the launcher's current directory for it.
        jvm="-Xms128m -Xmx384m $jvm -Djava.io.tmpdir=tmp"
        # A killed process's peers get a TCP reset from the kernel at once, so Hazelcast's default
        # heartbeat is enough here. --interfaces is the address the grid announces; without
        # hazelcast.socket.bind.any=false it would still listen on 0.0.0.0.
        grid_jvm="-Dhazelcast.socket.bind.any=false"
        grid_args="--startport $((6899 + n)) --interfaces 127.0.0.1"
        # Payara Micro has no flag for the HTTP bind address; set before boot, the listener never listens
        # on anything but loopback, not even for a moment.
        preboot_lines="set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1"
        ;;
    *) die "SHOP_SITE='$site': expected container or loopback" ;;
esac

# ---- The strategy: its home -------------------------------------------------------------------------
set -- "$@" --name "$name" --disablephonehome
case $home in
    grid)
        # Payara's web sessions in the Hazelcast grid. Fixed TCP/IP discovery listing ALL members: with a
        # single seed, a restarted seed formed a cluster of its own (split brain, sessions lost); the
        # default, multicast, would join any Payara Micro on the network.
        # shellcheck disable=SC2086 # grid_args: words without spaces, on purpose
        set -- "$@" --clustername session-shop --clustermode "tcpip:$members" $grid_args
        jvm="$jvm $grid_jvm"
        ;;
    *)
        # Every other home: no data grid at all (--nocluster would still start a private one), and plain
        # in-memory sessions. Without memory-sessions.asadmin, run before boot, Payara's replication
        # manager stays in charge and serializes every session after every request into a local cache.
        set -- "$@" --nohazelcast
        preboot_lines="$preboot_lines
$(cat "$here/payara/memory-sessions.asadmin")"
        ;;
esac
# The session store's address, for the homes outside Payara; nothing from the caller's environment
# leaks in (a REDIS_URI in a shell would otherwise point the store elsewhere).
password_file=${REDIS_PASSWORD_FILE:-/run/secrets/redis_password}
unset REDIS_URI REDIS_PASSWORD REDIS_SENTINELS REDIS_MASTER REDIS_PASSWORD_FILE SHOP_MEMCACHED_NODES
case $home in
    redis)
        # The store asks the Sentinels for the primary, and asks again when its connection breaks; the
        # password is read from a file, so it is in no environment or command line.
        export REDIS_SENTINELS="$sentinels" REDIS_MASTER=shop REDIS_PASSWORD_FILE="$password_file" ;;
    memcached)
        # Both nodes, in this order on every instance: the store picks a session's owner by its position
        # in this list, so every instance must agree on it.
        export SHOP_MEMCACHED_NODES="$memcached" ;;
esac

# ---- The strategy: its routing ----------------------------------------------------------------------
# route-cookie: Payara ends every session id this instance hands out with ".shop-N"; nginx routes by it.
if [ "$routing" = route-cookie ]; then jvm="$jvm -DjvmRoute=$name"; fi

# asadmin commands run before boot, in the instance's current directory (/opt/payara in the image).
if [ -n "$preboot_lines" ]; then
    printf '%s\n' "$preboot_lines" | sed '/^$/d' >preboot.asadmin
    set -- "$@" --prebootcommandfile "$PWD/preboot.asadmin"
fi

export SESSION_STRATEGY="$strategy" SHOP_INSTANCES="$instances" SHOP_LABS_ENABLED
if [ "$site" = container ]; then
    # The image's own entrypoint runs java with its memory options and ${JVM_ARGS}.
    JVM_ARGS="${JVM_ARGS:-} $jvm"
    export JVM_ARGS
    set -- sh "${SCRIPT_DIR:-/opt/payara}/entrypoint.sh" "$@"
else
    [ -n "${SHOP_MICRO_JAR:-}" ] || die "SHOP_SITE=loopback needs SHOP_MICRO_JAR"
    # shellcheck disable=SC2086 # jvm: options without spaces, on purpose
    set -- "${SHOP_JAVA:-java}" $jvm -jar "$SHOP_MICRO_JAR" "$@"
fi
if [ -n "${SHOP_DRY_RUN:-}" ]; then
    env | grep -E '^(SESSION_STRATEGY|SHOP_[A-Z_]*|JVM_ARGS|REDIS_[A-Z_]*)=' | sort
    printf '%s\n' "$@"
    exit 0
fi
# Into the instance's log (the container's output, .run/logs/shop-N.log): what runs, and why.
echo "shop-instance: $name, strategy $strategy (routing $routing, home $home, $site): ${JVM_ARGS:+JVM_ARGS=$JVM_ARGS }$*"
exec "$@"

#!/bin/sh
# Starts one Redis part of docker-compose.yml's "external" profile: redis-start.sh primary|replica|sentinel
#
# Its configuration is deployment/redis/<redis|sentinel>.conf.template (mounted at /shop/redis), the
# templates the local launcher renders too; this fills in the container's values. The password comes
# from the compose secret /run/secrets/redis_password (a file: never an environment variable or a
# command-line flag, which `docker inspect` and `ps` would show). Redis cannot read its password from a
# file, so this writes the configuration file (mode 600) into the container's /data and then hands over
# to the image's own entrypoint, which gives /data to user redis and drops to it.
#
# An existing file is kept: when a killed node is started again, Sentinel has rewritten it (a demoted
# primary's file names the new primary), and a Sentinel's file holds what it learnt (the current
# primary, the epoch of the last failover); a fresh one would forget that.
#
# Environment: SELF, the name others reach this part by (its compose service name); PRIMARY, the service
# that is the primary when the profile starts.
set -eu
role=$1
umask 077
conf=/data/$role.conf

# Substitutes the template's ${NAME}s; no value holds "|", "&" or "\" (the password is checked below).
render() {
    sed -e "s|\${REDIS_BIND}|* -::*|g" -e "s|\${REDIS_PORT}|$port|g" -e "s|\${REDIS_DIR}|/data|g" \
        -e "s|\${REDIS_PASSWORD}|$(cat /run/secrets/redis_password)|g" -e "s|\${REDIS_ANNOUNCE}|$SELF|g" \
        -e "s|\${REDIS_REPLICAOF}|$replicaof|g" \
        -e "s|\${REDIS_PRIMARY_HOST}|${PRIMARY:-}|g" -e "s|\${REDIS_PRIMARY_PORT}|6379|g" \
        -e "s|\${SENTINEL_DOWN_AFTER_MS}|$down_after|g" "/shop/redis/$1.conf.template"
}

replicaof=""
# 2 s, where the launcher takes 1.5 s: containers on a busy laptop answer later than local processes.
down_after=2000
case $role in
    primary) port=6379 template=redis ;;
    replica) port=6379 template=redis replicaof="replicaof $PRIMARY 6379" ;;
    sentinel) port=26379 template=sentinel ;;
    *) echo "usage: redis-start.sh primary|replica|sentinel" >&2; exit 2 ;;
esac
if [ ! -f "$conf" ]; then
    case $(cat /run/secrets/redis_password) in
        *[!A-Za-z0-9._~-]*) echo "redis-start.sh: the Redis password may hold only A-Z a-z 0-9 . _ ~ -" >&2; exit 2 ;;
    esac
    render "$template" >"$conf"
fi

if [ "$role" = sentinel ]; then
    exec docker-entrypoint.sh redis-server "$conf" --sentinel
fi
exec docker-entrypoint.sh redis-server "$conf"

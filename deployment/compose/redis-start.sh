#!/bin/sh
# Starts one Redis part of docker-compose.yml's "external" profile: redis-start.sh primary|replica|sentinel
#
# The password comes from the compose secret /run/secrets/redis_password (a file: never an environment
# variable or a command-line flag, which `docker inspect` and `ps` would show). Redis cannot read its
# password from a file, so this writes the configuration file (mode 600) into the container's /data and
# then hands over to the image's own entrypoint, which gives /data to user redis and drops to it.
#
# An existing file is kept: when a killed node is started again, Sentinel has rewritten it (a demoted
# primary's file names the new primary), and a Sentinel's file holds what it learnt (the current
# primary, the epoch of the last failover); a fresh one would forget that.
#
# Environment: SELF, the name others reach this part by (its compose service name); PRIMARY, the service
# that is the primary when the profile starts.
set -eu
role=$1
password=$(cat /run/secrets/redis_password)
umask 077
conf=/data/$role.conf

if [ ! -f "$conf" ]; then
    case $role in
        primary | replica)
            {
                echo "port 6379"
                # Demo data: nothing on disk; a replica's full sync streams the snapshot over the socket.
                echo 'save ""'
                echo "appendonly no"
                echo "repl-diskless-sync yes"
                echo "repl-diskless-sync-delay 0"
                echo "requirepass $password"
                echo "masterauth $password"
                # Announce the service name, not the container's address, which changes when it restarts.
                echo "replica-announce-ip $SELF"
                if [ "$role" = replica ]; then echo "replicaof $PRIMARY 6379"; fi
            } >"$conf"
            ;;
        sentinel)
            {
                echo "port 26379"
                # Names, not addresses, in what Sentinel stores and tells clients (Redis 6.2+).
                echo "sentinel resolve-hostnames yes"
                echo "sentinel announce-hostnames yes"
                echo "sentinel announce-ip $SELF"
                # Two of the three must agree that the primary is down; a majority elects the one that
                # promotes the replica. 2 s without an answer: quick for a demo, and a busy laptop does
                # not trip it by mistake.
                echo "sentinel monitor shop $PRIMARY 6379 2"
                echo "sentinel auth-pass shop $password"
                echo "sentinel down-after-milliseconds shop 2000"
                echo "sentinel failover-timeout shop 10000"
                echo "sentinel parallel-syncs shop 1"
                echo "requirepass $password"
            } >"$conf"
            ;;
        *)
            echo "usage: redis-start.sh primary|replica|sentinel" >&2
            exit 2
            ;;
    esac
fi

if [ "$role" = sentinel ]; then
    exec docker-entrypoint.sh redis-server "$conf" --sentinel
fi
exec docker-entrypoint.sh redis-server "$conf"

#!/bin/sh
# The one-shot init service of docker-compose.yml's "external" profile (external-redis-password): makes
# the Redis password before any Redis part or instance starts, so the profile needs nothing prepared by
# hand. It writes /secrets/redis_password in the named volume that the others mount read-only at
# /run/secrets, and exits 0; they wait for that (condition: service_completed_successfully).
#
#   no REDIS_PASSWORD  keep the volume's password, or make a random one on the first start
#   REDIS_PASSWORD=…   use this one (a user's own), replacing what the volume held
#
# The file belongs to uid 1000 (the payara user of the shop image, which must read it) with mode 400;
# the Redis containers read it as root before they drop to user redis. `down -v` deletes the volume, and
# the next start makes a new password. (SECRETS_DIR and SECRETS_OWNER exist for RedisPasswordInitTest.)
set -eu
umask 077
file=${SECRETS_DIR:-/secrets}/redis_password

if [ -n "${REDIS_PASSWORD:-}" ]; then
    printf '%s' "$REDIS_PASSWORD" >"$file.new"
    mv "$file.new" "$file"
    echo "redis password: the one given in REDIS_PASSWORD"
elif [ -s "$file" ]; then
    echo "redis password: kept from the volume"
else
    # 32 characters of [A-Za-z0-9]: nothing a shell, a URL or redis.conf would have to quote.
    head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$file.new"
    mv "$file.new" "$file"
    echo "redis password: a new random one"
fi
chown "${SECRETS_OWNER:-1000:1000}" "$file"
chmod 400 "$file"

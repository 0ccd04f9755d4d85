#!/usr/bin/env bash
# End-to-end check of docker-compose.yml: what a user gets from "docker compose up" (the default
# strategy, COMPOSE_PROFILES in .env) and "docker compose --profile X up --build" on a fresh clone.
#
#   deployment/compose-check.sh                       # all five strategies, one after the other
#   deployment/compose-check.sh sticky external       # only these
#   SHOP_PORT=8090 deployment/compose-check.sh        # when something else holds port 8080
#
# For each strategy: builds the app image, starts the profile (the default one as a user does, with no
# --profile at all: build, up, kill and down run as "docker compose build", "docker compose up -d", …), polls (deadline, no fixed sleeps) until
# every container is healthy and the shop answers through nginx, puts 2 x espresso-beans in a cart
# through http://127.0.0.1:$SHOP_PORT/ with a curl cookie jar (all cookies kept: JSESSIONID and
# JSESSIONIDVERSION, or SHOPSESSION), kills the instance that served the client (X-Shop-Instance), and
# asserts what the strategy promises:
#   pinned (ip_hash, route cookie)  before the crash every request goes to one instance
#   home memory (sticky, sticky-cookie)  the client's next request is answered (200) by another
#                       instance, cart EMPTY
#   grid or Redis       the cart survives on the other instances and no request fails
#   every strategy      first, an instance restarts under traffic: a second shopper (its own cookie jar)
#                       reads its cart and adds to it while new visitors open the shop, ~20 requests/s,
#                       and its instance is killed and started again ("kill", then "start" of its
#                       service). Every answer must be a 2xx from the shop (X-Shop-Instance: never
#                       Payara's error page of a booting instance, nor nginx's 502), until nginx routes
#                       to the restarted instance again; grid or Redis: the cart always whole (memory:
#                       the losses are counted, the documented cost). Printed: requests, errors, the
#                       gap from "start" until the instance served again
#   external, then      the Redis primary container is killed: a Sentinel promotes the replica, the shop
#                       answers 503 (never anything else) until it has followed, and the cart survives;
#                       the killed container, started again, rejoins as a replica
# Then "down -v", always (also on failure or Ctrl-C). Prints PASS/FAIL per strategy and timings; exits
# non-zero when one failed. Compose logs of each run: deployment/target/compose-check/<strategy>.log.
#
# Needs docker, curl and Compose v2 ("docker compose") or v1.29 ("docker-compose"); COMPOSE="..."
# chooses the command. It prepares nothing: the external profile makes its own Redis password (the
# one-shot service external-redis-password must exit 0 before the others start). Refuses to start when
# port SHOP_PORT is taken or containers shop-1..3 exist (a topology is already up), so it never takes
# over a running one.
set -uo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_DIR" || exit 2

export SHOP_PORT=${SHOP_PORT:-8080}
# Budget for "up" until healthy: three JVMs starting at once on two cores take 45-75 s after the image
# exists; the first run on a slow machine more.
READY_TIMEOUT=${COMPOSE_CHECK_READY_TIMEOUT:-420}
# Requests to the shop: generous, so a slow failover shows up as a slow request, not as a curl error.
REQUEST_TIMEOUT=${COMPOSE_CHECK_REQUEST_TIMEOUT:-40}
# Budget for one instance started again under traffic until nginx routes to it (it boots alone, next to
# two busy ones: 30-60 s here).
RESTART_TIMEOUT=${COMPOSE_CHECK_RESTART_TIMEOUT:-300}
LOG_DIR=$REPO_DIR/deployment/target/compose-check
BASE_URL="http://127.0.0.1:$SHOP_PORT"

usage() {
    sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

# The strategies and their two axes, as the launcher knows them: what a strategy promises here follows
# its routing (pinned to one instance or not) and its home (memory: the cart dies with its instance).
# shellcheck source=strategies.sh
source "$(dirname "${BASH_SOURCE[0]}")/strategies.sh"
if [[ $# -eq 0 ]]; then
    set -- "${STRATEGY_NAMES[@]}"
fi
for arg in "$@"; do
    case $arg in
        -h | --help) usage; exit 0 ;;
        *) is_strategy "$arg" || { echo "unknown strategy '$arg' ($(strategy_choices | sed 's/|/, /g'))" >&2; usage >&2; exit 2; } ;;
    esac
done

if [[ -n ${COMPOSE:-} ]]; then
    read -ra COMPOSE_CMD <<<"$COMPOSE"
elif docker compose version >/dev/null 2>&1; then
    COMPOSE_CMD=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE_CMD=(docker-compose)
else
    echo "neither 'docker compose' (v2) nor 'docker-compose' (v1.29) found" >&2
    exit 2
fi
for tool in docker curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "'$tool' is needed and not found" >&2; exit 2; }
done
mkdir -p "$LOG_DIR"
# The strategy a plain "docker compose up" starts: the committed .env's COMPOSE_PROFILES.
DEFAULT_STRATEGY=$(sed -n 's/^COMPOSE_PROFILES=//p' "$REPO_DIR/.env" 2>/dev/null)
[[ -n $DEFAULT_STRATEGY ]] || { echo ".env names no COMPOSE_PROFILES: plain 'docker compose up' would start nothing" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# ---- one strategy, run in a subshell: its EXIT trap tears the profile down whatever happens --------

check_strategy() {
    # Not "local": the EXIT trap (teardown) runs after this function has returned. The subshell keeps
    # them from leaking into the next strategy.
    s=$1
    log=$LOG_DIR/$s.log
    jar=$WORK/$s.cookies
    : >"$log"
    : >"$jar"
    # The default strategy exactly as the README runs it: no --profile, the .env picks it.
    if [[ $s == "$DEFAULT_STRATEGY" ]]; then
        compose() { "${COMPOSE_CMD[@]}" "$@"; }
        shown="${COMPOSE_CMD[*]}"
    else
        compose() { "${COMPOSE_CMD[@]}" --profile "$s" "$@"; }
        shown="${COMPOSE_CMD[*]} --profile $s"
    fi

    fail() {
        say "FAIL $s: $*"
        echo "FAIL $s: $*" >"$WORK/$s.result"
        {
            echo "---- ps"; compose ps
            echo "---- logs"; compose logs --no-color --tail=200
        } >>"$log" 2>&1
        say "  compose ps and logs: $log"
        exit 1
    }
    # shellcheck disable=SC2317  # called by the EXIT trap
    teardown() {
        local t0=$SECONDS
        say "$s: down -v"
        compose down -v --timeout 10 >>"$log" 2>&1 || say "  WARNING: 'down -v' failed, see $log"
        echo "down=$((SECONDS - t0))s" >>"$WORK/$s.times"
    }

    # Never take over a topology that runs already: its port or its container names are taken.
    if (exec 3<>"/dev/tcp/127.0.0.1/$SHOP_PORT") 2>/dev/null; then
        fail "port $SHOP_PORT is in use (another shop, or something else); stop it or set SHOP_PORT"
    fi
    local existing
    existing=$(docker ps -a --format '{{.Names}}' | grep -E '^shop-[123]$' | tr '\n' ' ')
    if [[ -n $existing ]]; then
        fail "containers $existing exist: a topology is up already; 'docker compose --profile <its strategy> down -v' first"
    fi

    trap teardown EXIT
    trap 'exit 130' INT TERM

    # -- build, up, healthy -------------------------------------------------------------------------
    # The README's commands: "docker compose --profile X up --build", and for the default strategy plain
    # "docker compose up" (which builds the image only when it is missing: build it first, so the check
    # never runs a stale image).
    local t0=$SECONDS up_args=(up -d --build)
    if [[ $s == "$DEFAULT_STRATEGY" ]]; then
        say "$s: building the app image ($shown build)"
        compose build >>"$log" 2>&1 || fail "image build failed"
        echo "build=$((SECONDS - t0))s" >>"$WORK/$s.times"
        up_args=(up -d)
    fi

    t0=$SECONDS
    say "$s: $shown ${up_args[*]} (waits for the instances' health before it starts nginx)"
    compose "${up_args[@]}" >>"$log" 2>&1 || fail "'${up_args[*]}' failed"
    local deadline=$((t0 + READY_TIMEOUT)) ids=() state unhealthy
    while :; do
        mapfile -t ids < <(compose ps -q)
        # A container with a healthcheck must be healthy; one without (the one-shot external-redis-password)
        # must have exited 0.
        state=$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}:{{.State.ExitCode}}{{end}}' "${ids[@]}" 2>/dev/null)
        unhealthy=$(awk '$2 != "healthy" && $2 != "exited:0"' <<<"$state")
        if [[ ${#ids[@]} -gt 0 && -z $unhealthy ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE_URL/api/session") == 200 ]]; then
            break
        fi
        grep -qE ' (unhealthy|exited:[1-9][0-9]*)$' <<<"$unhealthy" && fail "a container is unhealthy or failed: $(tr '\n' ' ' <<<"$unhealthy")"
        ((SECONDS < deadline)) || fail "not healthy after ${READY_TIMEOUT}s: $(tr '\n' ' ' <<<"$unhealthy")"
        sleep 2
    done
    echo "healthy=$((SECONDS - t0))s" >>"$WORK/$s.times"
    say "$s: all $(wc -l <<<"$state") containers healthy (or done) after $((SECONDS - t0))s"

    # -- the client ---------------------------------------------------------------------------------
    local code instance body ms
    # request METHOD PATH [JSON]: sets code, instance (X-Shop-Instance), body, ms (duration)
    request() {
        local args=(-sS --max-time "$REQUEST_TIMEOUT" -b "$jar" -c "$jar" -X "$1"
            -o "$WORK/body" -D "$WORK/headers" -w '%{http_code} %{time_total}')
        [[ $# -ge 3 ]] && args+=(-H 'Content-Type: application/json' --data "$3")
        local out
        out=$(curl "${args[@]}" "$BASE_URL$2" 2>>"$log") || out="000 0"
        code=${out%% *}
        ms=$(awk -v t="${out#* }" 'BEGIN { printf "%d", t * 1000 }')
        instance=$(tr -d '\r' <"$WORK/headers" 2>/dev/null | awk -F': ' 'tolower($1) == "x-shop-instance" { v = $2 } END { print v }')
        body=$(cat "$WORK/body" 2>/dev/null)
        echo "$1 $2 -> $code from ${instance:-?} in ${ms}ms: $body" >>"$log"
    }
    items() { grep -oE '"itemCount" *: *[0-9]+' <<<"$body" | grep -oE '[0-9]+$'; }
    expect_cart() { # expect_cart COUNT WHAT
        [[ $code == 200 ]] || fail "$2: HTTP $code from ${instance:-?} (${ms}ms)"
        [[ $(items) == "$1" ]] || fail "$2: cart has $(items) items, expected $1 (from $instance): $body"
    }

    t0=$SECONDS
    request POST /api/cart/items '{"productId":"espresso-beans","quantity":2}'
    expect_cart 2 "adding 2 x espresso-beans"
    local owner=$instance
    [[ $owner =~ ^shop-[123]$ ]] || fail "no X-Shop-Instance header on the answer"
    grep -qE 'JSESSIONID|SHOPSESSION' "$jar" || fail "no session cookie was set"
    say "$s: cart has 2 items, served by $owner; cookies: $(awk 'NF >= 7 && (!/^#/ || /^#HttpOnly_/) { print $6 }' "$jar" | sort | tr '\n' ' ')"

    # Before the crash: a pinned client (ip_hash, route cookie) stays on one instance; round robin spreads.
    local seen=$owner i
    for i in 1 2 3 4 5 6; do
        request GET /api/cart
        expect_cart 2 "reading the cart before the crash"
        seen+=" $instance"
    done
    local distinct
    distinct=$(tr ' ' '\n' <<<"$seen" | sort -u | tr '\n' ' ')
    if [[ $(routing_of "$s") != round-robin ]]; then
        [[ $distinct == "$owner " ]] || fail "$s: the client was not kept on $owner: $seen"
    else
        [[ $(wc -w <<<"$distinct") -ge 2 ]] || fail "$s: all requests went to $distinct; round robin expected"
    fi
    say "$s: before the crash, 7 requests served by: $seen"

    restart_under_traffic
    [[ $(home_of "$s") == grid ]] && await_grid_safe

    # -- the crash ----------------------------------------------------------------------------------
    say "$s: killing $owner (service $s-$owner)"
    compose kill "$s-$owner" >>"$log" 2>&1 || fail "kill $s-$owner failed"

    if [[ $(home_of "$s") == memory ]]; then
        request GET /api/cart
        [[ $code == 200 ]] || fail "after the crash: HTTP $code (${ms}ms), expected 200 from another instance"
        [[ $instance != "$owner" && -n $instance ]] || fail "after the crash: answered by '${instance}'"
        expect_cart 0 "after the crash"
        say "$s: after the crash, $instance answered in ${ms}ms with an EMPTY cart (the session died with $owner) - as expected"
    else
        local after="" first_ms=""
        for i in 1 2 3 4 5 6; do
            request GET /api/cart
            [[ -n $first_ms ]] || first_ms=$ms
            expect_cart 2 "reading the cart after the crash (request $i)"
            [[ $instance != "$owner" ]] || fail "after the crash: answered by the killed $owner"
            after+=" $instance(${ms}ms)"
        done
        request POST /api/cart/items '{"productId":"espresso-beans","quantity":1}'
        expect_cart 3 "adding 1 more after the crash"
        after+=" POST:$instance(${ms}ms)"
        for i in 1 2 3; do
            request GET /api/cart
            expect_cart 3 "reading the cart after adding (request $i)"
            after+=" $instance(${ms}ms)"
        done
        say "$s: after the crash, 10 requests, none failed, cart intact: $after"
        echo "first-after-kill=${first_ms}ms" >>"$WORK/$s.times"
    fi
    [[ $(home_of "$s") == redis ]] && check_redis_failover
    [[ $(home_of "$s") == memcached ]] && check_memcached_node_loss
    echo "checks=$((SECONDS - t0))s" >>"$WORK/$s.times"
    echo "PASS $s" >"$WORK/$s.result"
}

# ---- every strategy: an instance restarts under traffic ---------------------------------------------
# Runs inside check_strategy's subshell (its compose, fail, say). A shopper of its own, so the cart the
# crash checks follow stays as it is.

# One request of the traffic, appended to $traffic as "µs who method code instance items seconds" (µs:
# when it ended; instance "-": the answer did not come from the shop; items "-": no cart in it).
traffic_request() { # traffic_request WHO METHOD PATH [JSON]
    local args=(-sS --max-time "$REQUEST_TIMEOUT" -X "$2" -D - -o "$tbody.$1" -w '\n%{http_code} %{time_total}') out instance=- items=-
    [[ $1 == shopper ]] && args+=(-b "$tjar" -c "$tjar")
    # An addition carries an Idempotency-Key, as a careful client's would: nginx may then replay it.
    [[ $# -ge 4 ]] && args+=(-H 'Content-Type: application/json' -H "Idempotency-Key: $(</proc/sys/kernel/random/uuid)" --data "$4")
    out=$(curl "${args[@]}" "$BASE_URL$3" 2>/dev/null)
    [[ $out =~ [Xx]-[Ss]hop-[Ii]nstance:\ *([a-z0-9-]+) ]] && instance=${BASH_REMATCH[1]}
    [[ $1 == shopper && $(<"$tbody.$1") =~ \"itemCount\"\ *:\ *([0-9]+) ]] && items=${BASH_REMATCH[1]}
    local last=${out##*$'\n'}
    echo "${EPOCHREALTIME/./} $1 $2 ${last% *} $instance $items ${last#* }" >>"$traffic"
}

# The traffic, until $stop exists, in two loops side by side, each paced to ten requests a second (a
# request late on its tick goes at once): the shopper reads its cart (every tenth time adds one more of
# a product); new visitors (no cookies, so nginx picks an instance for each) open the shop.
steady_traffic() {
    shopper_loop &
    visitor_loop &
    wait
}
shopper_loop() {
    local i=0 products=(filter-beans green-tea earl-grey stoneware-mug espresso-cups) tick=$(now_us)
    while [[ ! -e $stop ]]; do
        i=$((i + 1))
        if ((i % 10 == 0)); then
            traffic_request shopper POST /api/cart/items "{\"productId\":\"${products[i / 10 % 5]}\",\"quantity\":1}"
        else
            traffic_request shopper GET /api/cart
        fi
        tick=$(pace "$tick")
    done
}
visitor_loop() {
    local tick=$(now_us)
    while [[ ! -e $stop ]]; do
        traffic_request visitor GET /
        tick=$(pace "$tick")
    done
}
# pace TICK: sleeps until 100 ms after TICK (µs) if that is still ahead, and prints the next tick.
pace() {
    local next=$(($1 + 100000)) now
    now=$(now_us)
    if ((next > now)); then
        sleep "0.$(printf '%06d' $((next - now)))"
        echo "$next"
    else
        echo "$now"
    fi
}

now_us() { echo "${EPOCHREALTIME/./}"; }

restart_under_traffic() {
    # Not "local" where the EXIT trap may need them (the traffic must stop if this fails).
    tjar=$WORK/$s.traffic-cookies traffic=$WORK/$s.traffic tbody=$WORK/$s.traffic-body stop=$WORK/$s.traffic-stop
    : >"$tjar"
    : >"$traffic"
    rm -f "$stop"
    local victim t_kill t_start t_back="" deadline result
    traffic_request shopper POST /api/cart/items '{"productId":"espresso-beans","quantity":1}'
    read -r _ _ _ code victim _ <"$traffic"
    [[ $code == 200 && $victim =~ ^shop-[123]$ ]] || fail "restart under traffic: the second shopper's first addition got HTTP $code from $victim"
    say "$s: an instance restarts under traffic: a second shopper on $victim and new visitors, up to 20 requests/s"
    steady_traffic &
    traffic_pid=$!
    trap 'touch "$stop"; wait "$traffic_pid" 2>/dev/null; teardown' EXIT

    sleep 2   # traffic before the crash, to compare with
    t_kill=$(now_us)
    compose kill "$s-$victim" >>"$log" 2>&1 || fail "kill $s-$victim failed"
    sleep 3   # the crash under traffic, before the start
    t_start=$(now_us)
    compose start "$s-$victim" >>"$log" 2>&1 || fail "start $s-$victim failed"
    # Back once the restarted instance answers a request through nginx (a visitor, or under ip_hash the
    # shopper going home): polled, with a deadline.
    deadline=$((SECONDS + RESTART_TIMEOUT))
    while [[ -z $t_back ]]; do
        t_back=$(awk -v t="$t_start" -v v="$victim" '$1 >= t && $4 ~ /^2/ && $5 == v { print $1; exit }' "$traffic")
        if [[ -z $t_back ]]; then
            ((SECONDS < deadline)) || { touch "$stop"; fail "restart under traffic: nginx sent no request to $victim within ${RESTART_TIMEOUT}s of its start"; }
            sleep 1
        fi
    done
    sleep 3   # traffic on the instance that is back
    touch "$stop"
    wait "$traffic_pid"
    trap teardown EXIT
    compose logs --no-color "$s-nginx" 2>&1 | grep 'shop-readiness-gate' >>"$log"

    # Judged from the requests' lines: every answer a 2xx from the shop; the cart as the shopper built it
    # (memory: a smaller cart is a loss, counted, and the new count followed).
    result=$(awk -v kill="$t_kill" -v start="$t_start" -v whole="$([[ $(home_of "$s") == memory ]] && echo 0 || echo 1)" '
        function err(why) { errors++; if ($1 >= start) during_start++; else if ($1 >= kill) during_kill++
                            if (n_ex < 5) { ex = ex sprintf(" [%.1fs %s %s: %s]", ($1 - kill) / 1e6, $2, $3, why); n_ex++ } }
        { requests++
          if ($7 > slowest) slowest = $7
          if ($4 !~ /^2/) { err("HTTP " $4 " from " $5); next }
          if ($5 == "-") { err("HTTP " $4 " without X-Shop-Instance: not the shop"); next }
          if ($2 != "shopper") next
          if ($3 == "POST") expected++
          if (NR == 1) expected = $6
          if ($6 == "-") { err("no cart in the answer"); next }
          if ($6 != expected) {
              if (whole) err("cart has " $6 " items, expected " expected)
              else { losses++; expected = $6 }
          } }
        END { printf "%d %d %d %d %d %d %.1f %s\n", requests, errors, during_kill, during_start, losses, expected, slowest, ex }' "$traffic")
    local requests errors during_kill during_start losses items slowest examples
    read -r requests errors during_kill during_start losses items slowest examples <<<"$result"
    local gap=$(( (t_back - t_start) / 1000 )) seconds=$(( ($(now_us) - t_kill) / 1000000 ))
    echo "restart: requests=$requests errors=$errors back-after-start=${gap}ms" >>"$WORK/$s.times"
    echo "restart-under-traffic: $requests requests in ${seconds}s, $errors errors ($during_kill after the kill, $during_start after the start), $victim back ${gap}ms after its start, slowest answer ${slowest}s, cart losses $losses" >>"$log"
    ((errors == 0)) || fail "restart under traffic: $errors of $requests answers were not a 2xx from the shop or had a wrong cart ($during_kill after the kill, $during_start after the start):$examples"
    say "$s: $victim killed and started under traffic: $requests requests in ${seconds}s, 0 errors (slowest answer ${slowest} s), $victim served again $((gap / 1000)).$((gap % 1000 / 100)) s after its start$( ((losses > 0)) && echo "; the shopper's cart was lost $losses time(s) with its instance (sessions in memory: as documented)" || echo "; the shopper's cart whole ($items items)")"
}

# After an instance rejoined the data grid its partitions migrate; a kill before every backup is there
# again could lose the only copy of a session, so the crash checks wait for a safe grid on all three.
await_grid_safe() {
    local deadline=$((SECONDS + 120)) n body members safe
    while :; do
        safe=0
        for n in 1 2 3; do
            # Asked of each instance directly, from the nginx container (it has curl; the instances are
            # not published).
            body=$(compose exec -T "$s-nginx" curl -s --max-time 5 "http://shop-$n:8080/api/cluster" 2>/dev/null)
            members=""
            [[ $body =~ \"gridMembers\"\ *:\ *\[([^]]*)\] ]] && members=${BASH_REMATCH[1]//[^,]/}
            [[ $body =~ \"gridSafe\"\ *:\ *true && ${#members} == 2 ]] && safe=$((safe + 1))
        done
        ((safe == 3)) && return
        ((SECONDS < deadline)) || fail "the data grid did not have 3 members and every backup within 120 s of the restart"
        sleep 2
    done
}

# ---- external: the Redis primary crashes ------------------------------------------------------------
# Runs inside check_strategy's subshell (its compose, request, expect_cart, fail). The cart has 3 items.

# redis-cli inside a Redis container, the password from its secret (REDISCLI_AUTH, not the command line).
redis_in() { # redis_in SERVICE PORT ARGS...
    local service=$1 port=$2
    shift 2
    compose exec -T "$service" sh -c 'REDISCLI_AUTH="$(cat /run/secrets/redis_password)" exec redis-cli --no-auth-warning -p "$0" "$@"' \
        "$port" "$@" 2>>"$log" | tr -d '\r'
}

check_redis_failover() {
    local primary replica t0 codes="" first_ok="" now deadline
    primary=$(redis_in external-sentinel-1 26379 SENTINEL GET-MASTER-ADDR-BY-NAME shop | head -1)
    [[ $primary == external-redis ]] || fail "before the failover, sentinel-1 names '$primary' as the primary, expected external-redis"
    [[ $(redis_in external-redis 6379 ROLE | head -1) == master ]] || fail "external-redis is not the primary"
    # The cart's last change must be on the replica before the crash, or losing it would be the
    # documented replication window, not a failure: WAIT for one replica's acknowledgement.
    [[ $(redis_in external-redis 6379 WAIT 1 5000) == 1 ]] || fail "the replica did not acknowledge the writes"

    say "$s: killing the Redis primary (service external-redis)"
    t0=$(date +%s%N)
    compose kill external-redis >>"$log" 2>&1 || fail "kill external-redis failed"
    deadline=$((SECONDS + 90))
    while ((SECONDS < deadline)); do
        request GET /api/cart
        codes+=" $code"
        if [[ $code == 200 ]]; then
            first_ok=$(( ($(date +%s%N) - t0) / 1000000 ))
            break
        fi
        [[ $code == 503 ]] || fail "during the Redis failover: HTTP $code (expected only 503 until it is over): $body"
        grep -q 'The session store is not reachable right now' <<<"$body" || fail "a 503 without the clear message: $body"
        sleep 0.5
    done
    [[ -n $first_ok ]] || fail "the shop did not serve again within 90 s of the Redis primary's crash: $codes"
    expect_cart 3 "the cart after the Redis failover"
    replica=$(redis_in external-sentinel-1 26379 SENTINEL GET-MASTER-ADDR-BY-NAME shop | head -1)
    [[ $replica == external-redis-replica ]] || fail "after the failover sentinel-1 names '$replica' as the primary"
    say "$s: Redis failover: the shop served the cart again ${first_ok}ms after the kill (answers:${codes}); primary now $replica"
    echo "redis-failover=${first_ok}ms" >>"$WORK/$s.times"

    compose start external-redis >>"$log" 2>&1 || fail "start external-redis failed"
    deadline=$((SECONDS + 90))
    until [[ $(redis_in external-redis 6379 ROLE | head -1) == slave ]]; do
        ((SECONDS < deadline)) || fail "the old primary did not rejoin as a replica within 90 s: $(redis_in external-redis 6379 ROLE | tr '\n' ' ')"
        sleep 1
    done
    request GET /api/cart
    expect_cart 3 "the cart after the old primary rejoined"
    say "$s: the old primary rejoined as a replica of $(redis_in external-redis 6379 ROLE | sed -n 2p); cart intact"
}

# ---- external-memcached: a memcached node dies ------------------------------------------------------
# Runs inside check_strategy's subshell (its compose, request, expect_cart, fail). The cart has 3 items.
# Memcached replicates nothing: the store wrote the session to its owner node and a copy to the other.
# Whichever node owned it, killing either one must lose nothing; the node comes back empty.
check_memcached_node_loss() {
    local node i answers=""
    for node in external-memcached-1 external-memcached-2; do
        say "$s: killing $node"
        compose kill "$node" >>"$log" 2>&1 || fail "kill $node failed"
        for i in 1 2 3; do
            request GET /api/cart
            expect_cart 3 "the cart with $node dead (request $i)"
            answers+=" $node-dead:${ms}ms"
        done
        compose start "$node" >>"$log" 2>&1 || fail "start $node failed"
        # Back, empty: the next read of a session it owns writes the copy back to it.
        local deadline=$((SECONDS + 60)) health=""
        until [[ $health == healthy ]]; do
            ((SECONDS < deadline)) || fail "$node not healthy 60 s after its start: ${health:-no state}"
            sleep 1
            health=$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q "$node")" 2>/dev/null)
        done
        request GET /api/cart
        expect_cart 3 "the cart after $node came back (empty)"
        # Before the other node may die: the session back on both nodes, as three answers in a row (one
        # per instance, round robin) say. Until then it is on one node only: the store's documented window.
        local in_a_row=0
        deadline=$((SECONDS + 60))
        while ((in_a_row < 3)); do
            ((SECONDS < deadline)) || fail "the session was not on both memcached nodes 60 s after $node came back: $body"
            request GET /api/session/location
            if [[ $code == 200 ]] && grep -qE '"ownerHasIt" *: *true' <<<"$body" && grep -qE '"backupHasIt" *: *true' <<<"$body"; then
                in_a_row=$((in_a_row + 1))
            else
                in_a_row=0
                sleep 0.5
            fi
        done
    done
    say "$s: either memcached node killed in turn, the cart stayed whole:$answers"
}

# ---- all strategies --------------------------------------------------------------------------------

overall=0
started=$SECONDS
summary=()
say "compose: $(printf '%s ' "${COMPOSE_CMD[@]}")($("${COMPOSE_CMD[@]}" version --short 2>/dev/null || "${COMPOSE_CMD[@]}" version | head -1)), shop at $BASE_URL/"
for s in "$@"; do
    s_start=$SECONDS
    (check_strategy "$s")
    rc=$?
    result=$(cat "$WORK/$s.result" 2>/dev/null || echo "FAIL $s: interrupted (exit $rc)")
    [[ $rc -eq 0 && $result == PASS* ]] || overall=1
    times=$(tr '\n' ' ' <"$WORK/$s.times" 2>/dev/null)
    summary+=("$result  [total=$((SECONDS - s_start))s ${times% }]")
    say "${summary[-1]}"
    [[ $rc -eq 130 ]] && break
done

echo
for line in "${summary[@]}"; do
    echo "$line"
done
echo "compose check: $([[ $overall -eq 0 ]] && echo PASS || echo FAIL) in $((SECONDS - started))s"
exit $overall

#!/bin/sh
# The readiness gate of the nginx container: nginx sends requests only to the shop instances that answer
# /health/ready. It is what a Kubernetes readiness probe does for a Service: a pod that does not pass its
# probe is taken out of the Service's endpoints and gets no traffic until it passes again.
#
# Why: nginx learns that a backend is unusable only from a failed request. A Payara Micro that starts
# again (docker compose start X-shop-2) accepts connections while it boots and answers 404 with its own
# "Payara Micro - Error report" page until the shop is deployed; nginx would pass those pages to the
# shoppers it sends there. deployment/shop does the same for the local topology (its `start <n>`).
#
# How: an entrypoint hook of the official nginx image, mounted into /docker-entrypoint.d/, so it runs
# after 20-envsubst-on-templates.sh has rendered the strategy's template into conf.d/shop.conf and before
# nginx starts. It keeps that file as rendered (every instance up), probes each instance named by
# SHOP_UPSTREAM_<n> (the variables the template uses) and writes shop.conf again with every instance
# that is not ready marked down. Then it goes on in the background: every second it probes all
# instances at once, and when the set of ready ones changes it writes the file again and reloads nginx
# (nginx -s reload: graceful, requests under way finish on the old workers). Every routing works the
# same: ip_hash, round robin, and the route-cookie upstreams (one per route plus backups) all name the
# instances in "server host:port" lines, and the gate rewrites each such line wherever it is.
#
# A not-ready instance keeps its line and its place in each upstream (ip_hash maps a client to a position
# in the list: the other clients stay where they are), with "down" and a placeholder address instead of
# its name: unix:/run/shop-gate/<host>.not-ready, never connected to. The name itself cannot stay, because
# nginx resolves every name of an upstream when it loads its configuration, and the name of a stopped
# container does not resolve on the compose network: nginx would refuse to start, or to reload, with
# "host not found in upstream". So nginx also starts when an instance is down.
#
# A ready instance is taken out after SHOP_GATE_FAILURES probes in a row failed (2: a single slow answer
# of a busy JVM does not empty the upstream); a not-ready one is let in at its first answer. Between a
# crash and the gate noticing (1-2 s) nginx's own max_fails/fail_timeout on the server lines still turns
# a failed connection into a retry on another instance. Each change is logged (docker compose logs X-nginx).
#
# Settings (environment): SHOP_UPSTREAM_<n> (host:port, the template's), SHOP_READY_PATH (/health/ready),
# SHOP_GATE_PERIOD (1 second), SHOP_GATE_FAILURES (2); where things are: SHOP_GATE_CONF
# (/etc/nginx/conf.d/shop.conf), SHOP_GATE_STATE (/run/shop-gate: the rendered copy, the probes' answers,
# gate.pid), SHOP_GATE_NGINX (nginx: the command, with any -p/-c, for -t and -s reload). POSIX sh and
# curl: both are in the official image.
set -eu

me=shop-readiness-gate
conf=${SHOP_GATE_CONF:-/etc/nginx/conf.d/shop.conf}
state=${SHOP_GATE_STATE:-/run/shop-gate}
all_up=$state/shop.conf.all-up
ready_path=${SHOP_READY_PATH:-/health/ready}
period=${SHOP_GATE_PERIOD:-1}
failures=${SHOP_GATE_FAILURES:-2}
nginx=${SHOP_GATE_NGINX:-nginx}

say() { echo "$me: $*"; }

# The instances' numbers, from SHOP_UPSTREAM_1, SHOP_UPSTREAM_2, ...
instances=$(env | sed -n 's/^SHOP_UPSTREAM_\([0-9][0-9]*\)=.*/\1/p' | sort -n | tr '\n' ' ')
if [ -z "$instances" ]; then
    say "no SHOP_UPSTREAM_<n> in the environment: nothing to gate"
    exit 0
fi
if [ ! -f "$conf" ] || [ ! -w "$(dirname "$conf")" ]; then
    say "ERROR: $conf is missing or its directory is not writable (is the shop's template mounted?)"
    exit 1
fi

address() { eval "printf '%s' \"\$SHOP_UPSTREAM_$1\""; }
# An address as a sed pattern (its dots and the like taken literally).
literal() { printf '%s' "$1" | sed 's/[].[*^$\\|]/\\&/g'; }

mkdir -p "$state"
cp "$conf" "$all_up"
for n in $instances; do
    if ! grep -q "^[[:space:]]*server[[:space:]][[:space:]]*$(literal "$(address "$n")")[[:space:];]" "$all_up"; then
        say "WARNING: $conf has no line 'server $(address "$n")': instance $n is not gated"
    fi
done

# Writes $conf from the rendered copy with every instance not named in the arguments marked down.
render() {
    script=''
    down=''
    for n in $instances; do
        case " $* " in *" $n "*) continue ;; esac
        addr=$(address "$n")
        script="$script
s|^\([[:space:]]*server[[:space:]][[:space:]]*\)$(literal "$addr")\([[:space:];]\)|\1unix:$state/${addr%:*}.not-ready down\2|"
        down="$down $addr"
    done
    {
        echo "# Written by $me (/docker-entrypoint.d): ${down:+not ready, so marked down:}${down:-every instance ready}"
        sed "$script" "$all_up"
    } >"$conf.next"
    mv "$conf.next" "$conf"
}

# Probes every instance at once (a vanished one may take the whole timeout) and leaves each answer in
# $state/<n>.probe: "ok" for a 2xx from its readiness path.
probe_all() {
    for n in $instances; do
        (
            if curl -fsS -o /dev/null --connect-timeout 1 --max-time 2 "http://$(address "$n")$ready_path" 2>/dev/null; then
                echo ok
            else
                echo failed
            fi >"$state/$n.probe"
        ) &
    done
    wait
}

# Sets $ready after a round of probes, from the instances ready before it ($1, space-separated): in at
# the first answer, out after $failures failed probes in a row (counted in fails_<n>; not in a subshell,
# so the counts last).
decide() {
    next=''
    for n in $instances; do
        if [ "$(cat "$state/$n.probe")" = ok ]; then
            eval "fails_$n=0"
            next="$next $n"
        else
            eval "fails_$n=\$((\${fails_$n:-0} + 1))"
            case " $1 " in
                *" $n "*) eval "[ \$fails_$n -lt $failures ]" && next="$next $n" ;;
            esac
        fi
    done
    ready=$(echo $next)
}

names() {
    list=''
    for n in $instances; do
        case " $* " in *" $n "*) list="$list $(address "$n")" ;; esac
    done
    echo "${list:- none}"
}

# Before nginx starts: whoever answers now is in (compose starts nginx once all instances are healthy,
# so normally every one; after "docker compose restart X-nginx" with an instance killed, not that one).
probe_all
decide ""
render $ready
say "ready at start:$(names $ready); probing $ready_path every ${period}s"

# Then in the background, for the life of the container (it ends with nginx, its PID 1). No stdin: the
# image's entrypoint reads the list of hooks from it.
(
    applied=$ready
    while sleep "$period"; do
        probe_all
        decide "$applied"
        [ "$ready" = "$applied" ] && continue
        render $ready
        # A configuration nginx refuses (a name that stopped resolving since its probe) is not reloaded:
        # the next round sees that instance fail and writes the file again.
        if out=$($nginx -t 2>&1) && $nginx -s reload 2>/dev/null; then
            say "ready now:$(names $ready) (was:$(names $applied)); nginx reloaded"
            applied=$ready
        else
            say "not reloaded, tried again in ${period}s: $(echo "$out" | grep -v 'syntax is ok\|test is successful' | tr '\n' ' ')"
        fi
    done
) </dev/null &
echo $! >"$state/gate.pid"

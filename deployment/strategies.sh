# The session strategies, each a routing (how nginx picks an instance) and a home (where the session
# lives). Sourced by deployment/shop: its usage, its checks and the flags of every process it starts ask
# these two axes, never a strategy's name. The app's SessionStrategy enum, the compose profiles and the
# end-to-end tests' Strategy enum list the same names (StrategyListsTest keeps them in step).
#
#   routing: ip-hash (nginx hashes the client's /24), route-cookie (the instance's route at the end of
#            JSESSIONID, Payara's jvmRoute), round-robin
#   home:    memory (the one instance that created it), grid (Payara's Hazelcast data grid),
#            redis (this project's session store, Redis primary + replica behind Sentinel),
#            memcached (the same store over two memcached nodes, an owner and a backup copy per session)
STRATEGY_NAMES=(sticky sticky-cookie clustering clustering-sticky external external-memcached)
declare -A STRATEGY_ROUTING=(
    [sticky]=ip-hash [sticky-cookie]=route-cookie
    [clustering]=round-robin [clustering-sticky]=route-cookie
    [external]=round-robin [external-memcached]=round-robin
)
declare -A STRATEGY_HOME=(
    [sticky]=memory [sticky-cookie]=memory
    [clustering]=grid [clustering-sticky]=grid
    [external]=redis [external-memcached]=memcached
)

is_strategy() { [[ -n ${1:-} && -n ${STRATEGY_HOME[$1]:-} ]]; }
routing_of() { echo "${STRATEGY_ROUTING[$1]}"; }
home_of() { echo "${STRATEGY_HOME[$1]}"; }
strategy_choices() { (IFS='|'; echo "${STRATEGY_NAMES[*]}"); }

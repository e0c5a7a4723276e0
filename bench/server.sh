# Sourced by the benchmarks: starts the built WAR on the embedded default (Payara Micro, H2
# file database, -Xmx1g, the direct-buffer cap of docs/operations.md §8, development keys) on
# $port with a fresh database in $data, logging to target/bench-server.log, and stops it (and
# removes the database) when the script exits.
# With APOLLO_DB_URL (and APOLLO_DB_USER, APOLLO_DB_PASSWORD) in the environment, the database
# is that PostgreSQL database instead; give it an empty one. The array server_options adds JVM
# options to the servers started after it is set: system properties (-Dname=value), or another
# heap (-Xmx512m: the last -Xmx given wins).
#
# start_baseline REVISION starts that git revision's WAR the same way beside it, for a benchmark
# that measures the previous design in the same run: on $baseline_port, with a database of its
# own (in $baseline_data, or on PostgreSQL APOLLO_BASELINE_DB_URL, another empty database),
# logging to target/bench-baseline.log; built in a temporary worktree, removed on exit. Only the
# WAR is that revision's: Payara Micro, server-config/ and the JDBC driver are this tree's.
port=8181
baseline_port=8182
data=$(mktemp -d /tmp/apollo-bench.XXXXXX)
baseline_data=$(mktemp -d /tmp/apollo-baseline.XXXXXX)
log=target/bench-server.log
server=
baseline=
server_options=()

stop_server() {
    for pid in $server $baseline; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    server=
    baseline=
}
trap 'stop_server; git worktree remove --force "$baseline_data/tree" 2>/dev/null || true; rm -rf "$data" "$baseline_data"; git worktree prune' EXIT

# launch WAR PORT DATA_DIR LOG DB_URL: starts Payara Micro in the background; its pid in $launched.
launch() {
    local database=(--postbootcommandfile server-config/payara/post-boot-commands.asadmin)
    if [ -n "$5" ]; then
        database=(--addlibs target/postgresql-*.jar
            --postbootcommandfile server-config/payara/post-boot-commands-postgresql.asadmin)
    fi
    # Payara Micro's runtime directory goes to the data directory too, and with it on exit.
    APOLLO_DB_URL="$5" java -Xmx1g -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl \
        -Djdk.nio.maxCachedBufferSize=262144 \
        -Dapollo.http.address=127.0.0.1 -Dapollo.data.dir="$3" -Djava.io.tmpdir="$3" \
        -Dmp.jwt.verify.publickey.location="file:$PWD/server-config/dev/dev-public-key.pem" \
        -Dmp.jwt.verify.issuer=apollo-dev -Dmp.jwt.verify.audiences=apollo ${server_options[@]+"${server_options[@]}"} \
        -jar target/payara-micro-*.jar --nohazelcast --port "$2" --contextroot / "${database[@]}" \
        --prebootcommandfile server-config/payara/pre-boot-commands.asadmin \
        --deploy "$1" > "$4" 2>&1 &
    launched=$!
}

# await_ready LOG: until the server logging there is ready (4 minutes at most).
await_ready() {
    for _ in $(seq 240); do grep -q 'ready in' "$1" && return 0; sleep 1; done
    tail -c 20000 "$1"
    exit 1
}

start_server() {
    mvn -q -B -DskipTests package
    launch target/apollo.war "$port" "$data" "$log" "${APOLLO_DB_URL:-}"
    server=$launched
    await_ready "$log"
}

start_baseline() {
    if [ -n "${APOLLO_DB_URL:-}" ] && [ -z "${APOLLO_BASELINE_DB_URL:-}" ]; then
        echo "On PostgreSQL the baseline needs a database of its own: set APOLLO_BASELINE_DB_URL" >&2
        exit 1
    fi
    git worktree add --detach "$baseline_data/tree" "$1" > /dev/null
    (cd "$baseline_data/tree" && mvn -q -B -DskipTests package)
    launch "$baseline_data/tree/target/apollo.war" "$baseline_port" "$baseline_data" target/bench-baseline.log \
        "${APOLLO_BASELINE_DB_URL:-}"
    baseline=$launched
    await_ready target/bench-baseline.log
}

# ceiling_database: for a benchmark that measures the database's ceiling beside the service, the
# ceiling's JDBC URL, user and password in the array $ceiling: the PostgreSQL database of
# APOLLO_DB_URL, or an H2 file in $data with the service's durable settings.
ceiling_database() {
    if [ -n "${APOLLO_DB_URL:-}" ]; then
        ceiling=("$APOLLO_DB_URL" "$APOLLO_DB_USER" "$APOLLO_DB_PASSWORD")
    else
        ceiling=("jdbc:h2:file:$data/ceiling;WRITE_DELAY=0;RETENTION_TIME=1000" apollo apollo)
    fi
}

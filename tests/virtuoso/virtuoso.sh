# virtuoso.sh - start and stop a throw-away Virtuoso 7 on 127.0.0.1.
# Sourced by tests/virtuoso/run.sh and bench/bench-store.sh (bash).
#
#   virt_start DIR   start a server whose database lives in DIR (empty or
#                    new), on two free loopback ports, with a fresh random
#                    dba password (VIRT_BUFFERS: 8 KiB page buffers, default
#                    20000; 170000 suits ~2 GB for large loads).  Sets VIRT_PID, VIRT_SQL_PORT,
#                    VIRT_HTTP_PORT, VIRT_URL (http://127.0.0.1:PORT),
#                    VIRT_PASSWORD.  Returns 1 with VIRT_ERROR set when it
#                    cannot.
#   virt_stop        stop it by its PID (SIGTERM, then SIGKILL after 20 s).
#   virt_sparql FMT QUERY
#                    run a query on /sparql, FMT a MIME type
#                    (text/csv, application/sparql-results+json).
#
# Facts this relies on (Virtuoso 7.2, Debian virtuoso-opensource): the
# package starts no server here; an empty VADInstallDir makes start-up take
# a few seconds instead of ~25; MaxQueryMem = 1G keeps a large Graph Store
# PUT from hanging; isql-vt exits 0 even when its SQL fails, so the new
# password is checked by logging in with it (and not with the old one).

VIRT_PID=
virt_free_ports() {  # prints two free loopback TCP ports
    /usr/bin/python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

virt_start() {
    local dir=$1
    VIRT_ERROR=
    if ! command -v virtuoso-t >/dev/null 2>&1 ||
        ! command -v isql-vt >/dev/null 2>&1; then
        VIRT_ERROR="virtuoso-t or isql-vt is not installed"
        return 1
    fi
    mkdir -p "$dir/db" "$dir/vad" || return 1
    read -r VIRT_SQL_PORT VIRT_HTTP_PORT < <(virt_free_ports)
    VIRT_URL=http://127.0.0.1:$VIRT_HTTP_PORT
    cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $dir/db/virtuoso.db
ErrorLogFile       = $dir/db/virtuoso.log
LockFile           = $dir/db/virtuoso.lck
TransactionFile    = $dir/db/virtuoso.trx
xa_persistent_file = $dir/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = $dir/db/virtuoso-temp.db
TransactionFile = $dir/db/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort         = 127.0.0.1:$VIRT_SQL_PORT
DisableUnixSocket  = 1
CheckpointInterval = 60
CaseMode           = 2
DirsAllowed        = ., $dir
VADInstallDir      = $dir/vad
NumberOfBuffers    = ${VIRT_BUFFERS:-20000}
MaxDirtyBuffers    = $(( ${VIRT_BUFFERS:-20000} * 3 / 4 ))
MaxQueryMem        = 1G

[HTTPServer]
ServerPort    = 127.0.0.1:$VIRT_HTTP_PORT
ServerRoot    = $dir
ServerThreads = 10
Charset       = UTF-8

[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 120
EOF
    virtuoso-t +configfile "$dir/virtuoso.ini" +foreground \
        >"$dir/virtuoso.out" 2>&1 &
    VIRT_PID=$!
    local i
    for i in $(seq 1 240); do
        if ! kill -0 "$VIRT_PID" 2>/dev/null; then
            VIRT_ERROR="virtuoso-t exited at start-up: $(tail -3 "$dir/virtuoso.out" | tr '\n' ' ')"
            VIRT_PID=
            return 1
        fi
        curl -s -o /dev/null --max-time 2 "$VIRT_URL/sparql" && break
        sleep 0.25
    done
    if ! curl -s -o /dev/null --max-time 2 "$VIRT_URL/sparql"; then
        VIRT_ERROR="virtuoso-t did not answer on $VIRT_URL within 60 s"
        return 1
    fi
    VIRT_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    isql-vt "127.0.0.1:$VIRT_SQL_PORT" dba dba \
        exec="USER_SET_PASSWORD('dba', '$VIRT_PASSWORD');" >/dev/null 2>&1
    if ! isql-vt "127.0.0.1:$VIRT_SQL_PORT" dba "$VIRT_PASSWORD" \
        exec="SELECT 1;" >/dev/null 2>&1 ||
        isql-vt "127.0.0.1:$VIRT_SQL_PORT" dba dba \
            exec="SELECT 1;" >/dev/null 2>&1; then
        VIRT_ERROR="could not set a fresh dba password"
        return 1
    fi
    return 0
}

virt_stop() {
    [ -n "$VIRT_PID" ] || return 0
    kill -TERM "$VIRT_PID" 2>/dev/null
    local i
    for i in $(seq 1 80); do
        kill -0 "$VIRT_PID" 2>/dev/null || break
        sleep 0.25
    done
    if kill -0 "$VIRT_PID" 2>/dev/null; then
        kill -KILL "$VIRT_PID" 2>/dev/null
    fi
    wait "$VIRT_PID" 2>/dev/null
    VIRT_PID=
}

virt_sparql() {
    curl -sS --fail-with-body --max-time 120 -H "Accept: $1" \
        --data-urlencode "query=$2" "$VIRT_URL/sparql"
}

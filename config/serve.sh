#!/usr/bin/env bash
# Serve the platform for local use (make run): migrate, load the demo city, one RQ worker and the
# outbox relay in the background, the web server in front; the banner comes last, once the site
# answers. The worker's and the relay's logs go to .local/logs/, so the banner stays on the screen.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
PY=.venv/bin/python
LOGS=${LOG_DIR:-.local/logs}
mkdir -p "$LOGS"

if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
    echo "Port $PORT on $HOST is already in use; run 'make run PORT=8001' to use another." >&2
    exit 1
fi

$PY manage.py migrate --noinput -v0

PIDS=()
stop() { kill "${PIDS[@]}" 2>/dev/null || true; }
trap stop EXIT INT TERM

# The web server starts while the demo loads: neither needs the other to begin.
$PY manage.py runserver "$HOST:$PORT" --noreload >"$LOGS/server-start.log" 2>&1 &
SERVER=$!
PIDS+=("$SERVER")
# The demo's own lines (what it loaded, the demo logins) are shown; on a later start they are few.
$PY manage.py load_demo_city | tee "$LOGS/demo.log"

$PY manage.py rqworker default --with-scheduler >>"$LOGS/worker.log" 2>&1 &
PIDS+=("$!")
# The outbox relay queues the emails (and thumbnails) that could not be queued while Redis was down.
$PY manage.py relay_outbox --interval 10 >>"$LOGS/relay.log" 2>&1 &
PIDS+=("$!")

for _ in $(seq 1 150); do  # until the site answers (at most 30 s)
    if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER" 2>/dev/null; then cat "$LOGS/server-start.log" >&2; exit 1; fi
    sleep 0.2
done

LOGINS=$(sed -n 's/^Demo login: \([^ ]* \/ [^ ]*\).*/\1/p' "$LOGS/demo.log" | paste -sd, - | sed 's/,/, /g')
cat <<MSG

  The participation platform is running at http://$HOST:$PORT/
  (Swedish at http://$HOST:$PORT/sv/, English at http://$HOST:$PORT/en/)
  Staff: http://$HOST:$PORT/henkilosto/   Admin: http://$HOST:$PORT/admin/   Health: http://$HOST:$PORT/healthz
  Demo staff logins: ${LOGINS:-none (the demo is off)}
  An RQ worker and the outbox relay run beside it; their logs: $LOGS/worker.log, $LOGS/relay.log.
  Stop all with Ctrl+C. Requests are logged below.

MSG
# From here on the server's request log is shown as it comes.
tail -n 0 -f "$LOGS/server-start.log" --pid="$SERVER" &
PIDS+=("$!")
wait "$SERVER"

#!/usr/bin/env bash
# Serve the platform for local use: one RQ worker in the background, the web server in front.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
PY=.venv/bin/python

if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
    echo "Port $PORT on $HOST is already in use; run 'make run PORT=8001' to use another." >&2
    exit 1
fi

$PY manage.py rqworker default --with-scheduler &
WORKER=$!
# The outbox relay queues the emails (and thumbnails) that could not be queued while Redis was down.
$PY manage.py relay_outbox --interval 10 &
RELAY=$!
trap 'kill $WORKER $RELAY 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  The participation platform is running at http://$HOST:$PORT/
  (Swedish at http://$HOST:$PORT/sv/, English at http://$HOST:$PORT/en/)
  Staff: http://$HOST:$PORT/henkilosto/   Admin: http://$HOST:$PORT/admin/   Health: http://$HOST:$PORT/healthz
  Demo staff logins: $(DJANGO_SETTINGS_MODULE=config.settings $PY -c 'import django; django.setup(); from city.demo import DEMO_LOGINS as d; print(", ".join(f"{u} / {p}" for u, p, *_ in d))')
  One RQ worker (pid $WORKER) and the outbox relay (pid $RELAY) run beside it. Stop all with Ctrl+C.

MSG
$PY manage.py runserver "$HOST:$PORT" --noreload

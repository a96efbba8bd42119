"""HTTP benchmark under load: gunicorn with production settings against the raw SQL of each endpoint.

    make bench-http                                  # 100 000 and 1 000 000 reports, 4 workers, 4 clients
    .venv/bin/python tests/bench/http_load.py --sizes 100000 --workers 4 --clients 4 --rounds 9

Not part of CI (it takes minutes and its numbers depend on the machine). For each size it fills a
database of its own (``BENCH_DATABASE_URL``, default ``sjk_bench`` beside ``DATABASE_URL``) with the
demo city and N synthetic reports (``generate_feedback``), starts gunicorn with ``DEBUG=false`` and
N workers, and drives each endpoint with C concurrent keep-alive clients. The raw side is the best
single statement we could write for the same output (``raw_sql.py``, independent of the
application's SQL), run by C concurrent psycopg connections. The two sides run in interleaved rounds
(raw, endpoint, endpoint, raw, …) so that a disturbance of the machine hits both; the table shows
medians and 95th percentiles over every request of every round, requests per second, the ratio of
the medians and the issue's target; then the CPU each request cost each process on either side (the
gunicorn workers, PostgreSQL and Redis, the load generator), and each worker's resident memory. With two sizes it also
prints the cost at the larger size against the smaller one.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import raw_sql  # noqa: E402

STATIC_ROOT = str(ROOT / ".local" / "bench-static")
PORT = int(os.environ.get("BENCH_PORT", "8787"))
CENTRE = (22.83, 62.77, 22.89, 62.79)  # 3 × 2 km of the city centre
POINT = (22.8440, 62.7900)  # a point inside the city, in a postal area and a budget area
MARK = "BENCHLOAD"


def _database_urls() -> tuple[str, str]:
    base = os.environ.get("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/seinajoki")
    bench = os.environ.get("BENCH_DATABASE_URL") or base.rsplit("/", 1)[0] + "/sjk_bench"
    dsn = "postgresql://" + bench.split("://", 1)[1]
    return bench, dsn


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    return url.rsplit("/", 1)[0] + "/7"  # a database of its own for the throttles and the queue


@dataclass
class Endpoint:
    name: str
    target: float
    request: callable  # (thread index, call index) -> (method, path, body, headers)
    raw: callable  # (psycopg connection, thread index, call index) -> None
    check: callable | None = None  # (endpoint body bytes, raw connection) -> str problem or ""
    per_client: int = 20
    results: dict = field(default_factory=dict)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class LeanHTTP:
    """A minimal HTTP/1.1 client, so that the load generator costs little beside the server on a
    2-core machine: http.client parses every header through the email package, which cost the
    endpoint side more client CPU than psycopg costs the raw side. Keeps the connection while the
    server does (gunicorn's sync workers close it after each answer)."""

    def __init__(self):
        self.sock = None
        self.buffer = b""

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, bytes]:
        payload = body.encode() if isinstance(body, str) else (body or b"")
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if payload or method == "POST":
            head.append(f"Content-Length: {len(payload)}")
        message = ("\r\n".join(head) + "\r\n\r\n").encode() + payload
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", PORT), timeout=60)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buffer = b""
        self.sock.sendall(message)
        while b"\r\n\r\n" not in self.buffer:
            self._receive()
        header_bytes, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = header_bytes.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {name.strip().lower(): value.strip() for name, value in
                  (line.split(":", 1) for line in lines[1:] if ":" in line)}
        if "chunked" in fields.get("transfer-encoding", ""):
            raise RuntimeError(f"{path}: a chunked answer; this client reads Content-Length only")
        length = int(fields.get("content-length", 0))
        while len(self.buffer) < length:
            self._receive()
        content, self.buffer = self.buffer[:length], self.buffer[length:]
        if fields.get("connection", "").lower() == "close":
            self.sock.close()
            self.sock = None
        return status, content

    def _receive(self) -> None:
        chunk = self.sock.recv(262144)
        if not chunk:
            raise ConnectionError("the server closed the connection mid-answer")
        self.buffer += chunk


class Clients:
    """C threads, each with its own keep-alive HTTP connection and its own database connection."""

    def __init__(self, count: int, dsn: str):
        import psycopg

        self.count = count
        self.http = [LeanHTTP() for _ in range(count)]
        # The application's session settings and parameter binding (client-side, as Django's): a
        # server-bound ST_MakeEnvelope($1, …) is not folded into a constant when the plan is made,
        # and the box query then takes a plan 15 times slower.
        self.db = [psycopg.connect(dsn, autocommit=True, cursor_factory=psycopg.ClientCursor,
                                   options="-c jit=off -c max_parallel_workers_per_gather=0")
                   for _ in range(count)]

    def _run(self, work, per_client: int) -> tuple[list[float], float]:
        times: list[list[float]] = [[] for _ in range(self.count)]
        errors: list[BaseException] = []
        barrier = threading.Barrier(self.count + 1)

        def client(index: int):
            barrier.wait()
            try:
                for call in range(per_client):
                    started = time.perf_counter()
                    work(index, call)
                    times[index].append(time.perf_counter() - started)
            except BaseException as error:  # reported below, in the main thread
                errors.append(error)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(self.count)]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        if errors:
            raise errors[0]
        return [t for per in times for t in per], wall

    def http_side(self, endpoint: Endpoint):
        def work(index, call):
            method, path, body, headers = endpoint.request(index, call)
            status, content = self.http[index].request(method, path, body, headers)
            if status >= 400:
                raise RuntimeError(f"{endpoint.name}: {method} {path} answered {status}: {content[:300]!r}")
        return self._run(work, endpoint.per_client)

    def raw_side(self, endpoint: Endpoint):
        return self._run(lambda index, call: endpoint.raw(self.db[index], index, call), endpoint.per_client)


def _cpu_ns(pid: int) -> int:
    """CPU time of process ``pid`` so far, all its threads, in nanoseconds (0 once it has gone)."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            total += int((task / "schedstat").read_text().split()[0])
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        pass
    return total


def _pids_named(*names: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in names:
                    pids.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return pids


class CpuMeter:
    """Where a side's CPU goes: the gunicorn workers, PostgreSQL and Redis (every process of theirs
    on this machine), and this load generator. Read from /proc's per-thread schedstat (nanoseconds)."""

    def __init__(self, server: subprocess.Popen):
        self.server = server

    def sample(self) -> dict[str, dict[int, int]]:
        workers = [int(p) for p in Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children").read_text().split()]
        return {"worker": {p: _cpu_ns(p) for p in workers},
                "database": {p: _cpu_ns(p) for p in _pids_named("postgres", "redis-server")},
                # this process's threads end with each run: the clock of the process counts them too
                "client": {os.getpid(): time.process_time_ns()}}

    @staticmethod
    def spent(before: dict, after: dict) -> dict[str, float]:
        """Seconds of CPU per group between two samples (a process new since ``before`` counts whole)."""
        return {group: sum(ns - before[group].get(pid, 0) for pid, ns in after[group].items()) / 1e9
                for group in after}


def fetch(method: str, path: str, body=None, headers=None) -> tuple[int, bytes]:
    return LeanHTTP().request(method, path, body, headers)


def _one(connection, sql: str, params: dict):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def endpoints(context: dict) -> list[Endpoint]:
    labels = context["parameters"]
    west, south, east, north = CENTRE
    numbers = context["numbers"]
    open311_params = {**context["parameters"], "media": f"http://127.0.0.1:{PORT}/media/"}

    def raw_create(connection, index, call):
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute(raw_sql.CREATE, {
                "year": time.localtime().tm_year, "lon": POINT[0], "lat": POINT[1], "category": context["category"], "kind": "fault",
                "description": f"{MARK} raw {index}-{call} Katulamppu ei pala.", "email": "bench@example.invalid",
                "content_type": context["feedback_type"], "body": "Kiitos palautteestasi. Numero: "})
            cursor.fetchone()

    def check_map(body: bytes, connection) -> str:
        ours = [f["id"] for f in json.loads(body)["features"]]
        theirs = [f["id"] for f in json.loads(_one(connection, raw_sql.MAP_BBOX, {
            **labels, "west": west, "south": south, "east": east, "north": north}))]
        return "" if ours == theirs and len(ours) == 500 else f"map: {len(ours)} vs {len(theirs)} features differ"

    def check_open311(limit: int, sql: str):
        def check(body: bytes, connection) -> str:
            raw = _one(connection, sql, {**open311_params, "limit": limit})
            if sql is raw_sql.OPEN311_JSON:
                ours = [r["service_request_id"] for r in json.loads(body)]
                theirs = [r["service_request_id"] for r in json.loads(raw)]
            else:
                import xml.etree.ElementTree as ET
                ours = [e.text for e in ET.fromstring(body).iter("service_request_id")]
                theirs = [e.text for e in ET.fromstring(raw.encode()).iter("service_request_id")]
            return "" if ours == theirs and len(ours) == limit else f"open311: {len(ours)} vs {len(theirs)} differ"
        return check

    form_body = lambda index, call: urllib.parse.urlencode({  # noqa: E731
        "api_key": context["api_key"], "service_code": context["category"], "lat": POINT[1], "long": POINT[0],
        "description": f"{MARK} open311 {index}-{call} Katulamppu ei pala.", "email": "bench@example.invalid",
    })
    return [
        Endpoint(
            "floor: a static file from WhiteNoise (no view, no query) against `SELECT 1`", 0,
            lambda i, c: ("GET", "/static/css/site.css", None, {}),
            lambda conn, i, c: _one(conn, "SELECT 1", {}), per_client=40),
        Endpoint(
            "map bbox `/api/v1/feedback/?bbox=` (500 newest, centre)", 1.5,
            lambda i, c: ("GET", f"/api/v1/feedback/?bbox={west},{south},{east},{north}&limit=500", None, {}),
            lambda conn, i, c: _one(conn, raw_sql.MAP_BBOX, {**labels, "west": west, "south": south, "east": east,
                                                             "north": north}),
            check_map, per_client=8),
        Endpoint(
            "one report `/api/v1/feedback/{number}/`", 3.0,
            lambda i, c: ("GET", f"/api/v1/feedback/{numbers[(i * 997 + c) % len(numbers)]}/", None, {}),
            lambda conn, i, c: _one(conn, raw_sql.REPORT, {**labels, "number": numbers[(i * 997 + c) % len(numbers)]}),
            per_client=40),
        Endpoint(
            "`/api/v1/areas/?contains=`", 3.0,
            lambda i, c: ("GET", f"/api/v1/areas/?contains={POINT[0]},{POINT[1]}", None, {}),
            lambda conn, i, c: _one(conn, raw_sql.AREAS_CONTAINING, {"lon": POINT[0], "lat": POINT[1]}),
            per_client=40),
        Endpoint(
            "`POST /api/v1/feedback/` (JSON, no photo)", 5.0,
            lambda i, c: ("POST", "/api/v1/feedback/", json.dumps({
                "category": context["category"], "kind": "fault", "description": f"{MARK} api {i}-{c} Katulamppu ei pala.",
                "lon": POINT[0], "lat": POINT[1], "email": "bench@example.invalid",
            }), {"Content-Type": "application/json"}),
            raw_create, per_client=15),
        Endpoint(
            "`POST /open311/v2/requests.json`", 5.0,
            lambda i, c: ("POST", "/open311/v2/requests.json", form_body(i, c),
                          {"Content-Type": "application/x-www-form-urlencoded"}),
            raw_create, per_client=15),
        Endpoint(
            "`/open311/v2/requests.json`, 100 items", 2.0,
            lambda i, c: ("GET", "/open311/v2/requests.json?locale=fi&limit=100", None, {}),
            lambda conn, i, c: _one(conn, raw_sql.OPEN311_JSON, {**open311_params, "limit": 100}),
            check_open311(100, raw_sql.OPEN311_JSON), per_client=20),
        Endpoint(
            "`/open311/v2/requests.xml`, 1000 items", 2.0,
            lambda i, c: ("GET", "/open311/v2/requests.xml?locale=fi", None, {}),
            lambda conn, i, c: _one(conn, raw_sql.OPEN311_XML, {**open311_params, "limit": 1000}),
            check_open311(1000, raw_sql.OPEN311_XML), per_client=4),
        Endpoint(
            "public page `/palaute/` (50 of all reports)", 1.5,
            lambda i, c: ("GET", "/palaute/", None, {}),
            lambda conn, i, c: [_one(conn, sql, {"hidden": raw_sql.HIDDEN}) for sql in raw_sql.PUBLIC_PAGE],
            per_client=8),
    ]


def _database_create(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    server, name = ("postgresql://" + database_url.split("://", 1)[1]).rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(size: int, database_url: str) -> dict:
    """The bench database with the demo city and ``size`` synthetic reports; what the endpoints need."""
    import django
    from django.core.management import call_command
    from django.db import connection

    os.environ.update({"DATABASE_URL": database_url, "DEBUG": "true", "DEMO_DATA": "true",
                       "DJANGO_SETTINGS_MODULE": "config.settings", "REDIS_URL": _redis_url(),
                       "STATIC_ROOT": STATIC_ROOT})
    django.setup()
    from django.contrib.contenttypes.models import ContentType

    from geo_feedback.management.commands.generate_feedback import (
        PREFIX,
        bench_reports_delete,
        bench_reports_generate,
    )
    from geo_feedback.models import Category, Feedback, Open311ApiKey
    from geo_feedback.open311.services import open311_key_create

    _database_create(database_url)
    call_command("migrate", verbosity=0)
    call_command("load_demo_city", verbosity=0)
    Feedback.objects.filter(description__startswith=MARK).delete()
    Feedback.objects.filter(number__startswith="RAW-").delete()
    have = Feedback.objects.filter(number__startswith=PREFIX).count()
    if have != size:
        print(f"Generating {size:,} reports (had {have:,}) …", flush=True)
        bench_reports_delete()
        bench_reports_generate(size, progress=lambda line: print("  " + line, flush=True))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    Open311ApiKey.objects.filter(name="http_load").delete()
    key, api_key = open311_key_create(name="http_load")
    Open311ApiKey.objects.filter(pk=key.pk).update(rate_per_hour=10_000_000)
    parameters = raw_sql.finnish_parameters()
    category = Category.objects.filter(is_active=True, department__is_external=False).order_by("id").first()
    numbers = list(Feedback.objects.public().filter(number__startswith=PREFIX).order_by("?")
                   .values_list("number", flat=True)[:2000])
    connection.close()
    return {"parameters": parameters, "category": category.service_code, "numbers": numbers, "api_key": api_key,
            "feedback_type": ContentType.objects.get_for_model(Feedback).pk}


def gunicorn_start(workers: int, database_url: str, extra: list[str]) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
           "DATABASE_URL": database_url, "REDIS_URL": _redis_url(), "SECURE_SSL_REDIRECT": "false",
           "SECURE_HSTS_SECONDS": "0", "FEEDBACK_CREATE_RATE": "10000000/hour", "OPEN311_ADDRESS_RATE": "10000000/hour",
           "DEMO_DATA": "false", "STATIC_ROOT": STATIC_ROOT, "LOG_LEVEL": "WARNING", "EMAIL_URL": "consolemail://"}
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)  # with the production storage: hashed names
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers),
         "--log-level", "warning", *extra], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def worker_memory(server: subprocess.Popen) -> list[float]:
    """Resident memory (MB) of each gunicorn worker, the master's children."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def measure(size: int, args, database_url: str, dsn: str) -> tuple[list[Endpoint], list[float], list[float]]:
    context = prepare(size, database_url)
    server = gunicorn_start(args.workers, database_url, args.gunicorn.split())
    measured = []
    try:
        rss_start = worker_memory(server)
        clients = Clients(args.clients, dsn)
        meter = CpuMeter(server)
        for endpoint in endpoints(context):
            if args.only and args.only not in endpoint.name:
                continue
            method, path, body, headers = endpoint.request(0, 0)
            status, content = fetch(method, path, body, headers)
            if status >= 400:
                raise SystemExit(f"{endpoint.name}: {status} {content[:500]!r}")
            if endpoint.check and (problem := endpoint.check(content, clients.db[0])):
                print(f"  ! {problem}")
            clients.http_side(endpoint), clients.raw_side(endpoint)  # warm both sides up
            ours, raw, ours_wall, raw_wall = [], [], 0.0, 0.0
            cpu = {"http": dict.fromkeys(("worker", "database", "client"), 0.0),
                   "raw": dict.fromkeys(("worker", "database", "client"), 0.0)}
            for round_ in range(args.rounds):
                for side in (("raw", "http") if round_ % 2 == 0 else ("http", "raw")):
                    before = meter.sample()
                    times, wall = (clients.raw_side if side == "raw" else clients.http_side)(endpoint)
                    for group, seconds in meter.spent(before, meter.sample()).items():
                        cpu[side][group] += seconds
                    if side == "raw":
                        raw += times
                        raw_wall += wall
                    else:
                        ours += times
                        ours_wall += wall
            endpoint.results = {
                "ours": statistics.median(ours), "ours_p95": _pct(ours, 0.95), "ours_rps": len(ours) / ours_wall,
                "raw": statistics.median(raw), "raw_p95": _pct(raw, 0.95), "raw_rps": len(raw) / raw_wall,
                "ours_cpu": {group: seconds / len(ours) for group, seconds in cpu["http"].items()},
                "raw_cpu": {group: seconds / len(raw) for group, seconds in cpu["raw"].items()},
            }
            r = endpoint.results
            print(f"  {endpoint.name}: {r['ours'] * 1000:.1f} ms vs {r['raw'] * 1000:.1f} ms "
                  f"({r['ours'] / r['raw']:.2f}×)", flush=True)
            measured.append(endpoint)
        rss_end = worker_memory(server)
    finally:
        server.terminate()
        server.wait(30)
    return measured, rss_start, rss_end


def cpu_table(size: int, measured: list[Endpoint]) -> str:
    """CPU per request by process, each side: what the ratio of the medians is made of."""
    lines = [f"| CPU per request ({size:,} reports) | ours: gunicorn worker | ours: PostgreSQL + Redis "
             "| ours: load client | ours: total | raw: PostgreSQL | raw: client | raw: total | ratio of totals |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for e in measured:
        ours, raw = e.results["ours_cpu"], e.results["raw_cpu"]
        ours_total, raw_total = sum(ours.values()), raw["database"] + raw["client"]
        lines.append(f"| {e.name} | {ours['worker'] * 1000:.2f} ms | {ours['database'] * 1000:.2f} ms "
                     f"| {ours['client'] * 1000:.2f} ms | {ours_total * 1000:.2f} ms | {raw['database'] * 1000:.2f} ms "
                     f"| {raw['client'] * 1000:.2f} ms | {raw_total * 1000:.2f} ms | {ours_total / raw_total:.2f}× |")
    return "\n".join(lines)


def table(size: int, measured: list[Endpoint], workers: int, clients: int) -> str:
    lines = [f"| request ({size:,} reports, gunicorn {workers} workers, {clients} clients) | ours median | ours p95 "
             "| ours req/s | raw SQL median | raw p95 | raw req/s | ratio | target | |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for e in measured:
        r = e.results
        ratio = r["ours"] / r["raw"]
        verdict = ("ok" if ratio <= e.target else "OVER") if e.target else ""
        lines.append(f"| {e.name} | {r['ours'] * 1000:.1f} ms | {r['ours_p95'] * 1000:.1f} ms | {r['ours_rps']:.0f} "
                     f"| {r['raw'] * 1000:.1f} ms | {r['raw_p95'] * 1000:.1f} ms | {r['raw_rps']:.0f} "
                     f"| {ratio:.2f}× | {f'≤ {e.target:g}×' if e.target else '–'} | {verdict} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="report counts, comma-separated")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients on each side")
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds per endpoint")
    parser.add_argument("--gunicorn", default="", help="more gunicorn options, e.g. '-k gthread --threads 2'")
    parser.add_argument("--only", default="", help="only the endpoints whose name contains this")
    args = parser.parse_args()
    database_url, dsn = _database_urls()
    by_size = {}
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"\n== {size:,} reports ==", flush=True)
        measured, rss_start, rss_end = measure(size, args, database_url, dsn)
        by_size[size] = measured
        print()
        print(table(size, measured, args.workers, args.clients))
        print()
        print(cpu_table(size, measured))
        print(f"\nWorker memory (RSS): after start {', '.join(f'{m:.0f}' for m in rss_start)} MB; "
              f"after the run {', '.join(f'{m:.0f}' for m in rss_end)} MB (target ≤ 130 MB after load)")
    if len(by_size) > 1:
        small, large = min(by_size), max(by_size)
        print(f"\n| request | {small:,} | {large:,} | cost at {large:,} / {small:,} | raw SQL at {large:,} / {small:,} |"
              "\n| --- | ---: | ---: | ---: | ---: |")
        for a, b in zip(by_size[small], by_size[large], strict=True):
            growth, raw_growth = b.results["ours"] / a.results["ours"], b.results["raw"] / a.results["raw"]
            print(f"| {a.name} | {a.results['ours'] * 1000:.1f} ms | {b.results['ours'] * 1000:.1f} ms "
                  f"| {growth:.2f}× {'ok' if growth <= 1.2 else 'OVER'} | {raw_growth:.2f}× |")


if __name__ == "__main__":
    main()

"""Load benchmark: the devsite under gunicorn on loopback, a bounded load on block handlers and report endpoints.

What runs: a throwaway sqlite database (migrated, demo data seeded with `seed_wise_demo --learners 200`), gunicorn
with 2 sync workers bound to 127.0.0.1 on a free port, and a load generator of WISE_LOAD_CLIENTS (default 8)
threads with keep-alive http.client connections for WISE_LOAD_SECONDS (default 60) seconds. Each client loops over
a fixed mix: block handlers through the workbench (costing learner_state and hint, waste-sorting place and
student_view_user_state, skills-check state; each client is its own learner), the skills-gap API as staff
(gap report, top gaps, a WISE), and the dashboard page as staff. Loopback only; nothing leaves the machine.

Prints per-endpoint and overall throughput, latency p50/p95/p99 and the error count (any status >= 500 or a
connection failure; a status other than the expected one is counted apart). Nothing is asserted.

Run: `make bench`, or `WISE_LOAD_SECONDS=10 .venv/bin/python tests/benchmarks/bench_load.py`.
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("WISE_LOAD_SECONDS", "60"))
CLIENTS = int(os.environ.get("WISE_LOAD_CLIENTS", "8"))
WORKERS = int(os.environ.get("WISE_LOAD_WORKERS", "2"))
HOST = "127.0.0.1"

SETTINGS = """
from devsite.settings import *  # noqa: F401,F403
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}, "OPTIONS": {{"timeout": 30}}}}}}
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(workdir):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(workdir), str(ROOT / "devsite"), str(ROOT)])
    env["DJANGO_SETTINGS_MODULE"] = "bench_load_settings"
    env.pop("WISE_TEST_DB", None)
    return env


def manage(env, *args):
    subprocess.run(
        [str(VENV_BIN / "python"), str(ROOT / "devsite" / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def staff_session(env):
    """A session cookie for the demo's staff account, made in a child process with the benchmark's settings."""
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth import get_user_model; from django.test import Client\n"
        "c = Client(); c.force_login(get_user_model().objects.get(username='staff'))\n"
        "print(c.cookies['sessionid'].value)\n"
    )
    out = subprocess.run([str(VENV_BIN / "python"), "-c", code], env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def wait_for(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/")
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port}")


def usage_ids(port):
    """({block type: usage id}, csrf token) from the first workbench scenario page of each WISE block (the page
    sets the CSRF cookie the handlers need, as in a browser)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    found, token = {}, None
    for scenario in ("wise_costing.0", "wise_waste_sorting.0", "wise_skills_check.0"):
        connection.request("GET", f"/workbench/scenario/{scenario}/?student=bench-0")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = token or (cookie.group(1) if cookie else None)
        for usage, block_type in re.findall(
            r"""data-usage=["']([^"']+)["'] data-block-type=["'](wise_[a-z_]+)""", html
        ):
            found.setdefault(block_type, usage)
    return found, token


def request_mix(usages, client_number):
    student = f"bench-{client_number}"
    handler = "/workbench/handler/{}/{}/?student=" + student
    return [
        ("costing.learner_state", "POST", handler.format(usages["wise_costing"], "learner_state"), "{}", 200, False),
        ("costing.hint", "POST", handler.format(usages["wise_costing"], "hint"), '{"step": "fixed_total"}', 200, False),
        (
            "waste.user_state",
            "GET",
            handler.format(usages["wise_waste_sorting"], "student_view_user_state"),
            None,
            200,
            False,
        ),
        (
            "waste.place",
            "POST",
            handler.format(usages["wise_waste_sorting"], "place"),
            '{"item": "pet-bottle", "bin": "bleu"}',
            200,
            False,
        ),
        ("skills.state", "POST", handler.format(usages["wise_skills_check"], "state"), "{}", 200, False),
        ("api.gap_report", "GET", "/wise-skills/api/v1/reports/gaps/?group_by=wise", None, 200, True),
        ("api.top_gaps", "GET", "/wise-skills/api/v1/reports/top-gaps/", None, 200, True),
        ("api.wises", "GET", "/wise-skills/api/v1/wises/", None, 200, True),
        ("dashboard", "GET", "/wise-skills/dashboard/", None, 200, True),
    ]


def client(port, mix, cookie, csrf, stop, results, lock):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    local = []
    while not stop.is_set():
        for name, method, path, body, expected, as_staff in mix:
            if stop.is_set():
                break
            headers = {"Cookie": f"csrftoken={csrf}"}
            if body is not None:
                headers.update({"Content-Type": "application/json", "X-CSRFToken": csrf})
            if as_staff:
                headers["Cookie"] += f"; sessionid={cookie}"
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = None
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
            local.append((name, time.perf_counter() - started, status, expected))
    with lock:
        results.extend(local)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def report(results, seconds):
    by_name = defaultdict(list)
    for name, latency, status, expected in results:
        by_name[name].append((latency, status, expected))
    errors = sum(1 for _n, _l, status, _e in results if status is None or status >= 500)
    unexpected = sum(
        1 for _n, _l, status, expected in results if status is not None and status < 500 and status != expected
    )
    latencies = [latency for _n, latency, _s, _e in results]
    print(f"load: {CLIENTS} clients, gunicorn {WORKERS} sync workers on {HOST}, {seconds:.0f} s")
    print(f"{'endpoint':24} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name, rows in sorted(by_name.items()):
        lat = [r[0] for r in rows]
        errs = sum(1 for r in rows if r[1] is None or r[1] >= 500)
        print(
            f"{name:24} {len(rows):8d} {len(rows) / seconds:7.1f} {percentile(lat, 0.5) * 1000:7.1f} "
            f"{percentile(lat, 0.95) * 1000:7.1f} {percentile(lat, 0.99) * 1000:7.1f} {errs:6d}"
        )
    print(
        f"{'TOTAL':24} {len(results):8d} {len(results) / seconds:7.1f} {percentile(latencies, 0.5) * 1000:7.1f} "
        f"{percentile(latencies, 0.95) * 1000:7.1f} {percentile(latencies, 0.99) * 1000:7.1f} {errors:6d}"
    )
    odd = sorted({(n, s) for n, _l, s, e in results if s is not None and s < 500 and s != e})
    print(
        f"errors (5xx or connection failures): {errors}; unexpected non-5xx statuses: {unexpected} {odd[:5]}; "
        f"mean latency {statistics.fmean(latencies) * 1000:.1f} ms"
    )


def main():
    workdir = Path(tempfile.mkdtemp(prefix="wise-bench-load-"))
    server = None
    try:
        (workdir / "bench_load_settings.py").write_text(SETTINGS.format(db=str(workdir / "bench.db")))
        env = environment(workdir)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_wise_demo", "--learners", os.environ.get("WISE_LOAD_LEARNERS", "200"))
        cookie = staff_session(env)
        port = free_port()
        server = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "60",
                "--log-level",
                "warning",
                "django.core.wsgi:get_wsgi_application()",
            ],
            env=env,
            cwd=str(workdir),
        )
        wait_for(port)
        usages, csrf = usage_ids(port)
        missing = {"wise_costing", "wise_waste_sorting", "wise_skills_check"} - set(usages)
        if missing:
            raise SystemExit(f"no workbench usage id for {sorted(missing)}")
        # One warm-up pass per client mix (template and scenario caches), not measured.
        warm, lock = [], threading.Lock()
        stop = threading.Event()
        stop.set()
        for path_row in request_mix(usages, 0):
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            headers = {
                "Content-Type": "application/json",
                "Cookie": f"sessionid={cookie}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
            }
            connection.request(path_row[1], path_row[2], body=path_row[3], headers=headers)
            warm.append((path_row[0], connection.getresponse().status))
        bad_warm = [w for w in warm if w[1] >= 400]
        if bad_warm:
            print(f"warning: warm-up statuses {bad_warm}")
        stop = threading.Event()
        results = []
        threads = [
            threading.Thread(target=client, args=(port, request_mix(usages, n + 1), cookie, csrf, stop, results, lock))
            for n in range(CLIENTS)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        report(results, time.monotonic() - started)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

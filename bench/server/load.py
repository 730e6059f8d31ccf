#!/usr/bin/env python3
"""Measure serve.py under load with wrk on loopback and record the figures.

Starts serve.py on a free loopback port with a scratch database, logs in as the demo person,
then runs wrk for a bounded time against the login and query endpoints, one endpoint after
another. Prints a table and rewrites the section of docs/performance.md between the
"BEGIN bench/server/load.py output" and "END bench/server/load.py output" markers.
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
BEGIN = "<!-- BEGIN bench/server/load.py output -->"
END = "<!-- END bench/server/load.py output -->"

# The budget: at least this many requests per second with no errors and a p99 under 100 ms.
BUDGET_RATE = 500
BUDGET_P99_MS = 100

LOGIN_BODY = {"kind": "person", "method": "password", "account": "linxiaoming",
              "password": "Demo@2026"}


def start_server(database):
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "serve.py"), "--host", "127.0.0.1", "--port", "0",
         "--db", database],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise SystemExit(f"serve.py did not start: {line!r}")
    return process, f"http://127.0.0.1:{match.group(1)}"


def login(base):
    request = urllib.request.Request(
        base + "/api/sessions", data=json.dumps(LOGIN_BODY).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["token"]


def lua_script(method, body, headers):
    lines = [f'wrk.method = "{method}"']
    for name, value in headers.items():
        lines.append(f'wrk.headers["{name}"] = "{value}"')
    if body is not None:
        text = json.dumps(body, ensure_ascii=True).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'wrk.body = "{text}"')
    return "\n".join(lines) + "\n"


def parse_duration_ms(text):
    """Convert a wrk duration such as 512.00us, 3.25ms or 1.02s to milliseconds (nan if none)."""
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text or "")
    if not match:
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def percentile_ms(output, percent):
    match = re.search(rf"\s{percent}%\s+(\S+)", output)
    return parse_duration_ms(match.group(1) if match else None)


def run_wrk(url, script, seconds, connections, threads):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
        script_path = handle.name
    try:
        output = subprocess.run(
            ["wrk", "--latency", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
             "-s", script_path, url],
            capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(script_path)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = percentile_ms(output, 50)
    p99 = percentile_ms(output, 99)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                              output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {"rate": rate, "total": total, "p50": p50, "p99": p99, "errors": errors}


def verdict(row, expensive):
    met = row["rate"] >= BUDGET_RATE and row["errors"] == 0 and row["p99"] < BUDGET_P99_MS
    if met:
        return "met"
    if expensive:
        return "not met: each request runs scrypt (N=2^14) by design"
    return "not met"


def render(rows, seconds, connections, threads):
    lines = [
        BEGIN,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} by `bench/server/load.py`: wrk {threads} threads, "
        f"{connections} connections, {seconds} s per endpoint, on loopback, against serve.py with "
        "a fresh demo database, on this project's machine (2 cores, Debian 12, Python "
        f"{sys.version.split()[0]}).",
        "",
        "| endpoint | requests/s | requests | p50 ms | p99 ms | errors | budget (≥ 500/s, 0 errors, p99 < 100 ms) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, row, expensive in rows:
        lines.append(f"| {name} | {row['rate']:.0f} | {row['total']} | {row['p50']:.1f} | "
                     f"{row['p99']:.1f} | {row['errors']} | {verdict(row, expensive)} |")
    lines += ["", END]
    return "\n".join(lines)


def update_doc(section):
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    if BEGIN in text and END in text:
        start = text.index(BEGIN)
        end = text.index(END) + len(END)
        text = text[:start] + section + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n## serve.py under load\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="duration per endpoint")
    parser.add_argument("--connections", type=int, default=16, help="open connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--no-doc", action="store_true", help="print only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        process, base = start_server(os.path.join(scratch, "portal.sqlite3"))
        try:
            token = login(base)
            bearer = {"Authorization": f"Bearer {token}"}
            json_headers = {"Content-Type": "application/json"}
            endpoints = [
                ("GET /api/session", "/api/session", lua_script("GET", None, bearer), False),
                ("GET /api/me/rights", "/api/me/rights", lua_script("GET", None, bearer), False),
                ("GET /api/me/contributions", "/api/me/contributions",
                 lua_script("GET", None, bearer), False),
                ("GET /api/faq?q=…", "/api/faq?q=%E7%9F%AD%E4%BF%A1", lua_script("GET", None, {}),
                 False),
                ("GET / (index.html)", "/", lua_script("GET", None, {}), False),
                ("POST /api/sessions (password login)", "/api/sessions",
                 lua_script("POST", LOGIN_BODY, json_headers), True),
            ]
            rows = []
            for name, path, script, expensive in endpoints:
                row = run_wrk(base + path, script, args.seconds, args.connections, args.threads)
                rows.append((name, row, expensive))
                print(f"{name:42} {row['rate']:8.0f}/s  p50 {row['p50']:7.1f} ms  "
                      f"p99 {row['p99']:7.1f} ms  errors {row['errors']}")
        finally:
            process.terminate()
            process.wait(timeout=10)

    section = render(rows, args.seconds, args.connections, args.threads)
    if not args.no_doc:
        update_doc(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())

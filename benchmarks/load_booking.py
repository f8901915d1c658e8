"""The booking POST's load client: many threads in this one process, each posting prepared bookings once.

    .venv/bin/python benchmarks/load_booking.py HOST:PORT requests.json CLIENTS

``requests.json`` is a list of {"cookie": …, "body": …} made by benchmarks/run.py: each a person's session with the
booking's answers (kind, a distinct free start, format) and its CSRF token, so every POST is the final "Book
samtalen" of a different person for a different slot. Prints one JSON line: bookings/s, p50/p99 (ms), how many
answered with the receipt (a 302 to /borger/book/kvittering/…) and how many with anything else. wrk cannot post
a different body per request without a Lua table per thread, and the booking must be checked by its answer (the
receipt), so this client is Python (http.client, one keep-alive connection per thread).
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time


def main() -> None:
    host, port = sys.argv[1].split(":")
    requests = json.loads(open(sys.argv[2], encoding="utf-8").read())  # noqa: SIM115
    clients = int(sys.argv[3])
    lock = threading.Lock()
    queue = list(reversed(requests))
    results: list[tuple[float, int, str]] = []

    def worker() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                item = queue.pop()
            started = time.perf_counter()
            try:
                conn.request("POST", "/borger/book/tjek", body=item["body"], headers={
                    "Cookie": item["cookie"], "Content-Type": "application/x-www-form-urlencoded"})
                response = conn.getresponse()
                response.read()
                status, location = response.status, response.getheader("Location") or ""
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=60)
                status, location = 0, ""
            with lock:
                results.append((time.perf_counter() - started, status, location))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    booked = sum(1 for _, status, location in results if status in (302, 303) and "kvittering" in location)
    print(json.dumps({
        "requests": len(results), "seconds": elapsed, "rps": len(results) / elapsed if elapsed else 0.0,
        "booked": booked, "errors": len(results) - booked,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0.0,
        "statuses": sorted({r[1] for r in results}),
    }))


if __name__ == "__main__":
    main()

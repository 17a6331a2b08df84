#!/usr/bin/env python3
"""Ingest benchmark of the monitor: POST /api/v1/monitor/events over HTTP in batches (default 1,000 events), as
agents do, against a running server; prints events per second and the latency of each request.

  python3 bench/monitor_ingest.py --url http://127.0.0.1:8080 --token hqa_demo-agent-02CI --unit 02CI --peer 02 \
      --events 50000 --batch 1000 [--connections 2]

Each run uses fresh event ids (a run tag), EXPORT events of system EDATA, so the run also feeds the due-time index.
Standard library only.
"""
import argparse, datetime, http.client, json, statistics, threading, time, urllib.parse, uuid


def batches(args, tag):
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    for start in range(0, args.events, args.batch):
        yield json.dumps({"events": [
            {"id": f"b-{tag}-{i}", "system": "EDATA", "op": "EXPORT", "unit_code": args.unit, "peer_unit_code": args.peer,
             "batch_id": f"bench-{tag}-{i // args.batch}", "file_name": f"f{i}.xml", "size": 1000 + i % 5000,
             "sha256": "", "version": "1", "at": now, "auto": True}
            for i in range(start, min(start + args.batch, args.events))]}).encode()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8080")
    p.add_argument("--token", required=True)
    p.add_argument("--unit", default="02CI")
    p.add_argument("--peer", default="02")
    p.add_argument("--events", type=int, default=50000)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--connections", type=int, default=1)
    args = p.parse_args()
    url = urllib.parse.urlparse(args.url)
    tag = uuid.uuid4().hex[:8]
    bodies = list(batches(args, tag))
    latencies, lock, failures = [], threading.Lock(), []

    def worker(mine):
        for body in mine:
            conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
            t0 = time.perf_counter()
            conn.request("POST", "/api/v1/monitor/events", body,
                         {"Authorization": "Bearer " + args.token, "Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            with lock:
                latencies.append(time.perf_counter() - t0)
                if r.status != 200:
                    failures.append(r.status)
            conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(bodies[i::args.connections],)) for i in range(args.connections)]
    for t in threads: t.start()
    for t in threads: t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    print(json.dumps({"events": args.events, "batch": args.batch, "connections": args.connections,
                      "seconds": round(elapsed, 2), "events_per_second": round(args.events / elapsed),
                      "request_p50_ms": round(statistics.median(latencies) * 1000, 1),
                      "request_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1) if latencies else None,
                      "failures": len(failures)}))


if __name__ == "__main__":
    main()

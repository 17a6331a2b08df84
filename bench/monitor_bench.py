#!/usr/bin/env python3
"""Monitor benchmarks against a running server (standard library only), each printing one JSON line:

  due      time from a file's due time to its FILE_NOT_RECEIVED incident: sets EDATA's receive window to 10 s,
           posts EXPORT events whose due time falls 2 s ahead, and polls the incident list every 20 ms.
           python3 bench/monitor_bench.py due --url URL --token AGENT_TOKEN --password ADMIN_PASSWORD [--samples 5]
  queries  p50/p99 of the board and the incident lists (open; all, page 1) as the admin sees them.
           python3 bench/monitor_bench.py queries --url URL --password ADMIN_PASSWORD [--requests 200]
  soak     sustained ingest (batches of 1,000) for --seconds, sampling the server's anonymous RSS (/proc/PID/status).
           python3 bench/monitor_bench.py soak --url URL --token AGENT_TOKEN --pid PID [--seconds 60]
"""
import argparse, datetime, http.client, json, time, urllib.parse, uuid


def connect(url):
    u = urllib.parse.urlparse(url)
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=120)


def request(url, method, path, body=None, headers=None):
    conn = connect(url)
    data = json.dumps(body).encode() if body is not None else None
    h = {"Content-Type": "application/json"} if data else {}
    h.update(headers or {})
    conn.request(method, path, data, h)
    r = conn.getresponse()
    raw = r.read()
    cookie = r.getheader("Set-Cookie")
    conn.close()
    return r.status, raw, cookie


def login(url, password, username="admin"):
    status, raw, cookie = request(url, "POST", "/api/v1/auth/login", {"username": username, "password": password})
    if status != 200 or not cookie:
        raise SystemExit(f"login failed: {status} {raw[:200]}")
    return {"Cookie": cookie.split(";")[0], "X-CSRF-Token": json.loads(raw)["csrf_token"]}


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).isoformat(timespec="seconds")


def events_body(unit, peer, tag, start, count, at, batch_size=1000):
    return {"events": [
        {"id": f"s-{tag}-{i}", "system": "EDATA", "op": "EXPORT", "unit_code": unit, "peer_unit_code": peer,
         "batch_id": f"soak-{tag}-{i // batch_size}", "file_name": f"f{i}.xml", "size": 1000 + i % 5000,
         "sha256": "", "version": "1", "at": at, "auto": True} for i in range(start, start + count)]}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(len(values) * p)) - 1))]


def incident_count(args, admin):
    """Files counted so far by the open FILE_NOT_RECEIVED incident of EDATA from --unit to --peer (0: none)."""
    status, raw, _ = request(args.url, "GET", "/api/v1/monitor/incidents?status=OPEN&kind=FILE_NOT_RECEIVED"
                             "&system=EDATA&limit=100", None, admin)
    for item in json.loads(raw).get("items", []):
        if item["unit_code"] == args.peer and item["peer_unit_code"] == args.unit:
            return item["count"]
    return 0


def due(args):
    admin = login(args.url, args.password)
    window = 10
    status, raw, _ = request(args.url, "PUT", "/api/v1/monitor/settings/EDATA",
                             {"receive_within_seconds": window, "update_within_seconds": 1800,
                              "service_interval_seconds": 300}, admin)
    if status != 200:
        raise SystemExit(f"settings: {status} {raw[:200]}")
    agent = {"Authorization": "Bearer " + args.token}
    delays = []
    for n in range(args.samples):
        tag = uuid.uuid4().hex[:8]
        at = int(time.time()) - window + 2  # due 2 s from now (whole seconds, as events carry them)
        due_at = at + window
        batch = f"due-{tag}"
        body = {"events": [{"id": f"d-{tag}", "system": "EDATA", "op": "EXPORT", "unit_code": args.unit,
                            "peer_unit_code": args.peer, "batch_id": batch, "file_name": "late.xml", "size": 1,
                            "sha256": "", "version": "1", "at": iso(at), "auto": True}]}
        before = incident_count(args, admin)
        status, raw, _ = request(args.url, "POST", "/api/v1/monitor/events", body, agent)
        if status != 200:
            raise SystemExit(f"events: {status} {raw[:200]}")
        found = None
        while time.time() < due_at + 30:
            # Grouped: one open incident per kind, system and unit pair; a new file in it adds to its count.
            if incident_count(args, admin) > before:
                found = time.time()
                break
            time.sleep(0.02)
        if found is None:
            raise SystemExit("no incident within 30 s of the due time")
        delays.append(found - due_at)
        # Close the loop for the next sample: the file arrives, the incident closes by itself.
        receive = {"events": [{"id": f"r-{tag}", "system": "EDATA", "op": "RECEIVE", "unit_code": args.peer,
                               "peer_unit_code": args.unit, "batch_id": batch, "file_name": "late.xml", "size": 1,
                               "sha256": "", "version": "1", "at": iso(int(time.time())), "auto": True}]}
        if args.peer_token:
            request(args.url, "POST", "/api/v1/monitor/events", receive, {"Authorization": "Bearer " + args.peer_token})
    print(json.dumps({"samples": len(delays), "due_to_incident_max_s": round(max(delays), 2),
                      "due_to_incident_mean_s": round(sum(delays) / len(delays), 2),
                      "note": "due times are whole seconds; the delay includes up to 1 s of that rounding"}))


def queries(args):
    admin = login(args.url, args.password)
    paths = {"board": "/api/v1/monitor/board",
             "incidents_open": "/api/v1/monitor/incidents?status=OPEN&limit=20",
             "incidents_all": "/api/v1/monitor/incidents?limit=20",
             "operations_page": "/api/v1/monitor/operations?limit=20"}
    out = {}
    for name, path in paths.items():
        conn = connect(args.url)
        times = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            conn.request("GET", path, headers=admin)
            r = conn.getresponse()
            r.read()
            times.append(time.perf_counter() - t0)
            if r.status != 200:
                raise SystemExit(f"{path}: {r.status}")
        conn.close()
        out[name] = {"p50_ms": round(percentile(times, 0.5) * 1000, 1), "p99_ms": round(percentile(times, 0.99) * 1000, 1)}
    print(json.dumps({"requests": args.requests, **out}))


def history(args):
    """The operations history (GET /api/v1/monitor/operations) per query shape: --shape NAME=USER:QUERY, repeated
    (USER admin with --password, else a demo account with --demo-password). QUERY may hold DEEP: it becomes the
    cursor of the row before the first row of numbered page --deep-page (found once with that numbered page), so
    a keyset page can be timed against the same page by offset. Prints p50/p99 (ms) and the total per shape."""
    sessions, out = {}, {}
    for spec in args.shape:
        name, rest = spec.split("=", 1)
        user, query = rest.split(":", 1)
        if user not in sessions:
            sessions[user] = login(args.url, args.password if user == "admin" else args.demo_password, user)
        headers = sessions[user]
        base = "/api/v1/monitor/operations?" + query
        if "DEEP" in base:
            numbered = base.replace("cursor=DEEP", f"page={args.deep_page - 1}")
            status, raw, _ = request(args.url, "GET", numbered, None, headers)
            last = json.loads(raw)["items"][-1]
            at = int(datetime.datetime.fromisoformat(last["at"].replace("Z", "+00:00")).timestamp())
            base = base.replace("DEEP", f"{at}.{last['id']}")
        conn = connect(args.url)
        times, body = [], {}
        for _ in range(args.requests):
            t0 = time.perf_counter()
            conn.request("GET", base, headers=headers)
            r = conn.getresponse()
            raw = r.read()
            times.append(time.perf_counter() - t0)
            if r.status != 200:
                raise SystemExit(f"{base}: {r.status} {raw[:200]}")
            body = json.loads(raw)
        conn.close()
        out[name] = {"p50_ms": round(percentile(times, 0.5) * 1000, 1), "p99_ms": round(percentile(times, 0.99) * 1000, 1),
                     "total": body.get("total"), "items": len(body.get("items", [])),
                     "first_id": (body.get("items") or [{}])[0].get("id")}
    print(json.dumps({"requests": args.requests, **out}))


def rss_kb(pid, field="RssAnon"):
    """RssAnon: the server's own memory. VmRSS also counts the pages of the SQLite file it maps (mmap_size), which
    grow with the database and are page cache, not a leak."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def soak(args):
    agent = {"Authorization": "Bearer " + args.token, "Content-Type": "application/json"}
    tag = uuid.uuid4().hex[:8]
    start = time.time()
    samples, sent, i = [], 0, 0
    next_sample = start
    while time.time() - start < args.seconds:
        if time.time() >= next_sample:
            samples.append((round(time.time() - start), rss_kb(args.pid)))
            mapped = rss_kb(args.pid, "RssFile")
            next_sample += args.sample_every or max(1, args.seconds / 20)
        body = json.dumps(events_body(args.unit, args.peer, tag, i, 1000, iso(int(time.time())))).encode()
        conn = connect(args.url)
        conn.request("POST", "/api/v1/monitor/events", body, agent)
        r = conn.getresponse()
        r.read()
        conn.close()
        if r.status != 200:
            raise SystemExit(f"events: {r.status}")
        i += 1000
        sent += 1000
        if args.rate:  # a steady load instead of as fast as possible (the ledger grows ~400 bytes an event)
            time.sleep(max(0.0, start + sent / args.rate - time.time()))
    samples.append((round(time.time() - start), rss_kb(args.pid)))
    mapped = rss_kb(args.pid, "RssFile")
    elapsed = time.time() - start
    first_half = [kb for t, kb in samples if t <= args.seconds / 2]
    second_half = [kb for t, kb in samples if t > args.seconds / 2]
    print(json.dumps({"seconds": round(elapsed), "events": sent, "events_per_second": round(sent / elapsed),
                      "anon_rss_start_mb": round(samples[0][1] / 1024, 1),
                      "anon_rss_max_first_half_mb": round(max(first_half) / 1024, 1),
                      "anon_rss_max_second_half_mb": round(max(second_half or first_half) / 1024, 1),
                      "anon_rss_end_mb": round(samples[-1][1] / 1024, 1),
                      "mapped_file_rss_end_mb": round(mapped / 1024, 1),
                      "samples_s_mb": [(t, round(kb / 1024, 1)) for t, kb in samples]}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["due", "queries", "soak", "history"])
    p.add_argument("--url", default="http://127.0.0.1:8080")
    p.add_argument("--token", default="hqa_demo-agent-02CI")
    p.add_argument("--peer-token", default="hqa_demo-agent-02")
    p.add_argument("--unit", default="02CI")
    p.add_argument("--peer", default="02")
    p.add_argument("--password", default="Quan-tri-2026!")
    p.add_argument("--samples", type=int, default=5)
    p.add_argument("--rate", type=float, default=0, help="soak: events per second at most (default: as fast as possible)")
    p.add_argument("--sample-every", type=float, default=0, help="soak: seconds between RSS samples (default: 1/20 of the run)")
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--pid", type=int, default=0)
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--shape", action="append", default=[])
    p.add_argument("--demo-password", default="Demo@2026haiquan")
    p.add_argument("--deep-page", type=int, default=400)
    args = p.parse_args()
    {"due": due, "queries": queries, "soak": soak, "history": history}[args.what](args)


if __name__ == "__main__":
    main()

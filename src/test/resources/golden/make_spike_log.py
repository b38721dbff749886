#!/usr/bin/env python3
"""Writes spike.log, the golden replay input: calm, a spike, calm, with a few odd lines.

Deterministic (fixed seed); run from this folder: python3 make_spike_log.py > spike.log
"""
import random, time

rng = random.Random(42)
START = 1767222000  # 2025-12-31T23:00:00Z, logged at +0100
SECTIONS = ["/api", "/static", "/pages", "/login", "/"]
MON = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]

def ts(epoch):
    t = time.gmtime(epoch + 3600)
    return "%02d/%s/%04d:%02d:%02d:%02d +0100" % (t.tm_mday, MON[t.tm_mon-1], t.tm_year, t.tm_hour, t.tm_min, t.tm_sec)

def line(epoch):
    sec = rng.choice(SECTIONS)
    path = sec if sec == "/" else sec + "/" + rng.choice(["a", "b?x=1", "c/d"])
    status = rng.choice([200] * 8 + [304, 404, 500])
    size = "-" if status == 304 else str(rng.randrange(100, 5000))
    host = "192.0.2.%d" % rng.randrange(1, 20)
    return '%s - - [%s] "%s %s HTTP/1.1" %d %s "-" "golden/1.0"' % (
        host, ts(epoch), rng.choice(["GET", "GET", "POST"]), path, status, size)

out = []
for s in range(0, 180):
    rate = 20 if 60 <= s < 120 else 2
    for _ in range(rate):
        out.append(line(START + s))
    if s == 30:
        out.append("this line is not a log line")
        out.append(line(START + s - 5))  # out of order, inside the window
    if s == 150:
        out.append(line(START + s - 100))  # older than every window: late
        out.append('192.0.2.9 - - [%s] "-" 408 0 "-" "-"' % ts(START + s))  # no request
        out.append("")
print("\n".join(out))

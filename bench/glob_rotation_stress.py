#!/usr/bin/env python3
"""Stress harness for following a glob over rotated names with the real jar (issue 14).

Each iteration starts `java -jar logmon.jar --output json --poll P 'DIR/a.log*'`, waits for its
first report, then writes N numbered lines (line n reports n bytes) as fast as it can through an
8 KiB buffer, renaming a.log -> a.log.1 -> ... (logrotate's numbered scheme) every --per-file
lines, like the IT's RotatingWriter. It stops logmon with SIGTERM once a report counts N hits (or
the deadline passes) and checks the summary: hits == N, bytes_total == N(N+1)/2, no malformed
line, one source per file, and each file's source read exactly the file's size.

Optional load: --burn K busy loops (niced), --logmon-cpus to pin logmon (taskset), --nice for
logmon. Several harnesses can run at once (--parallel). Prints one line per iteration and a tally;
a failing iteration keeps its directory (logmon's output, the files) for diagnosis.

  bench/glob_rotation_stress.py --jar target/logmon-0.1.0-all.jar --iterations 20 --burn 2
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone


def write_lines(d, total, per_file, rotations):
    out = open(os.path.join(d, "a.log"), "ab", buffering=8192)
    second, ts = None, None
    for seq in range(1, total + 1):
        if int(time.time()) != second:  # formatting the time per line would halve the rate
            second = int(time.time())
            ts = datetime.fromtimestamp(second, timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000")
        out.write(('192.0.2.9 - - [%s] "GET /seq HTTP/1.1" 200 %d "-" "it"\n' % (ts, seq)).encode())
        if seq % per_file == 0 and seq < total:
            out.close()
            for n in range(rotations, 0, -1):
                src = os.path.join(d, "a.log" if n == 1 else "a.log.%d" % (n - 1))
                if os.path.exists(src):
                    os.rename(src, os.path.join(d, "a.log.%d" % n))
            out = open(os.path.join(d, "a.log"), "ab", buffering=8192)
    out.close()


class Logmon:
    def __init__(self, args, d, out_path):
        glob = os.path.join(d, "a.log*")
        cmd = []
        if args.logmon_cpus:
            cmd += ["taskset", "-c", args.logmon_cpus]
        if args.nice:
            cmd += ["nice", "-n", str(args.nice)]
        cmd += ["java", "-XX:+UseSerialGC", "-jar", args.jar, "--output", "json",
                "--interval", "1s", "--poll", args.poll, glob]
        self.out = open(out_path, "w")
        self.err = open(out_path + ".err", "w")
        self.proc = subprocess.Popen(cmd, stdout=self.out, stderr=self.err)
        self.out_path = out_path

    def lines(self):
        with open(self.out_path) as f:
            return [l for l in f.read().splitlines() if l.startswith("{")]

    def await_line(self, pred, deadline):
        while time.time() < deadline:
            for l in self.lines():
                try:
                    j = json.loads(l)
                except ValueError:
                    continue  # a line being written
                if pred(j):
                    return j
            time.sleep(0.05)
        return None


def iteration(args, i, results):
    d = tempfile.mkdtemp(prefix="globstress-")
    total = args.per_file * (args.rotations + 1)
    lm = Logmon(args, d, os.path.join(d, "out.jsonl"))
    deadline = time.time() + args.deadline
    ok = lm.await_line(lambda j: j.get("type") == "report", deadline) is not None
    t0 = time.time()
    if ok:
        write_lines(d, total, args.per_file, args.rotations)
    wrote = time.time() - t0
    lm.await_line(lambda j: j.get("type") == "report" and j["hits_total"] >= total, deadline)
    lm.proc.send_signal(signal.SIGTERM)
    try:
        lm.proc.wait(60)
    except subprocess.TimeoutExpired:
        lm.proc.kill()
    summary = lm.await_line(lambda j: j.get("type") == "summary", time.time() + 5)
    problems = []
    if summary is None:
        problems.append("no summary")
        hits = bytes_total = -1
    else:
        hits, bytes_total = summary["hits_total"], summary["bytes_total"]
        if hits != total:
            problems.append("hits %d != %d" % (hits, total))
        if bytes_total != total * (total + 1) // 2:
            problems.append("bytes %d off by %d" % (bytes_total, bytes_total - total * (total + 1) // 2))
        if summary["malformed_total"]:
            problems.append("malformed %d" % summary["malformed_total"])
        if summary["future_total"] or summary["late_total"]:
            pass  # counted all the same; not a failure
        read = {}
        for s in summary["sources"]:
            read.setdefault(s["name"], []).append((s["lines"], s["bytes"]))
        if len(summary["sources"]) != args.rotations + 1:
            problems.append("%d sources" % len(summary["sources"]))
        for name in sorted(os.listdir(d)):
            if not name.startswith("a.log"):
                continue
            p = os.path.join(d, name)
            size = os.path.getsize(p)
            got = read.get(p, [])
            if sum(b for _, b in got) != size or len(got) != 1:
                problems.append("%s: size %d, read %s" % (name, size, got))
    line = "iter %d: wrote %d lines in %.2fs, hits %d, bytes %d, %s" % (
        i, total, wrote, hits, bytes_total, "OK" if not problems else "FAIL " + "; ".join(problems))
    print(line, flush=True)
    results.append(not problems)
    if problems:
        print("  kept " + d, flush=True)
    else:
        shutil.rmtree(d, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--parallel", type=int, default=1)
    ap.add_argument("--rotations", type=int, default=50)
    ap.add_argument("--per-file", type=int, default=2000)
    ap.add_argument("--poll", default="50ms")
    ap.add_argument("--burn", type=int, default=0, help="busy loops to run meanwhile")
    ap.add_argument("--nice", type=int, default=0)
    ap.add_argument("--logmon-cpus", default=None)
    ap.add_argument("--deadline", type=float, default=120)
    args = ap.parse_args()
    burners = [subprocess.Popen(["nice", "-n", "5", "sh", "-c", "while :; do :; done"])
               for _ in range(args.burn)]
    results = []
    try:
        for start in range(0, args.iterations, args.parallel):
            ts = [threading.Thread(target=iteration, args=(args, i, results))
                  for i in range(start, min(args.iterations, start + args.parallel))]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
    finally:
        for b in burners:
            b.kill()
    print("%d of %d iterations exact" % (sum(results), len(results)))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()

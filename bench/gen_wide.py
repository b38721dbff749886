#!/usr/bin/env python3
"""Combined log with very many distinct paths (each its own section) and client addresses.

  gen_wide.py --lines N [--clients C] [--rate R] > file

Line i requests /p<i>/item (so N distinct paths and N distinct sections) from client number
(i * 7919) mod C, written as an IPv4 address, at R lines per second of log time.
"""
import argparse, sys, time

MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=10_000_000)
    ap.add_argument("--clients", type=int, default=1_000_000)
    ap.add_argument("--rate", type=int, default=2000)
    ap.add_argument("--start", type=int, default=1700000000)
    a = ap.parse_args()
    out = sys.stdout
    buf = []
    stamp_second, stamp = None, None
    for i in range(a.lines):
        second = a.start + i // a.rate
        if second != stamp_second:
            t = time.gmtime(second)
            stamp = "%02d/%s/%04d:%02d:%02d:%02d +0000" % (
                t.tm_mday, MON[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min, t.tm_sec)
            stamp_second = second
        c = (i * 7919) % a.clients
        buf.append('10.%d.%d.%d - - [%s] "GET /p%d/item HTTP/1.1" 200 %d "-" "bench"\n'
                   % (c >> 16, (c >> 8) & 255, c & 255, stamp, i, i % 5000))
        if len(buf) >= 20000:
            out.write("".join(buf))
            buf = []
    out.write("".join(buf))

if __name__ == "__main__":
    main()

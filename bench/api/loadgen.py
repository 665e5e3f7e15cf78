#!/usr/bin/env python3
"""`hey -n N -c C` for a list of URLs: C connections (keep-alive), N GET requests in all, the i-th
request to the i-th URL of --urls (cycling), so every request can be a different read. hey sends one
URL only, and wrk at 1000 connections starves some of them (p99 of seconds even on plain text), so
this is what measures /getData cache misses at 1000 concurrent requests.

Prints one JSON line: rps, p50, p95, p99 (ms), requests (2xx), errors (everything else).
Python is slower than hey: bench/api/api_bench.py runs it on the plain-text route too, so its own cost
is shown in the same table.
"""

import argparse
import asyncio
import json
import time
import urllib.parse


async def worker(host, port, paths, next_index, total, latencies, failures):
    reader = writer = None
    while True:
        index = next_index[0]
        if index >= total:
            break
        next_index[0] += 1
        path = paths[index % len(paths)]
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: loadgen\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 20)
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await asyncio.wait_for(reader.readexactly(length), 20)
            if 200 <= status < 300:
                latencies.append(time.perf_counter() - started)
            else:
                failures.append(status)
        except Exception as error:  # noqa: BLE001 - every failure counts as an error, as in hey
            failures.append(type(error).__name__)
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def run(urls, total, concurrency):
    parsed = [urllib.parse.urlsplit(url) for url in urls]
    host, port = parsed[0].hostname, parsed[0].port
    paths = [item.path + ("?" + item.query if item.query else "") for item in parsed]
    latencies, failures, next_index = [], [], [0]
    started = time.perf_counter()
    await asyncio.gather(*(worker(host, port, paths, next_index, total, latencies, failures) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(fraction):
        return latencies[min(len(latencies) - 1, int(fraction * len(latencies)))] * 1000 if latencies else float("nan")

    return {
        "rps": total / elapsed, "p50": percentile(0.50), "p95": percentile(0.95), "p99": percentile(0.99),
        "requests": len(latencies), "errors": len(failures), "failures": sorted({str(f) for f in failures})[:5],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", required=True, help="a file of URLs, one a line, all on one host and port")
    parser.add_argument("-n", type=int, default=20000)
    parser.add_argument("-c", type=int, default=1000)
    options = parser.parse_args()
    urls = [line.strip() for line in open(options.urls) if line.strip()]
    print(json.dumps(asyncio.run(run(urls, options.n, options.c))))


if __name__ == "__main__":
    main()

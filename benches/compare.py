#!/usr/bin/env python3
"""chiso against DuckDB and Python Polars on the same per-series summary, on both row orders.

Installs the peers into a virtual environment of its own (duckdb-cli and polars, from PyPI), has
DuckDB write the long CSV files (1 M and 10 M rows by default: areas × 50 indicators × 20 years)
twice from one query — period-major, as statistics offices export (every area of 2000, then every
area of 2001, …), and sorted by area, indicator and period — runs the three tools alternately
(A B C A B C …), checks that chiso's numbers equal DuckDB's (latest, previous, yoy_pct, cagr_pct,
mean; to 1e-9), and prints wall time and peak memory (GNU time's %M), median of the runs, with the
ratios. Then times growth, rank, targets and convert on the largest file in both orders, and
`chiso summary` on the PCI panel (738 rows), whole process. Not part of `cargo test`.

Usage: benches/compare.py [--rows 1000000,10000000] [--runs 3] [--small-runs 11] [--work DIR]
       (after `cargo build --release`; CARGO_TARGET_DIR is honoured)
"""
import argparse
import csv
import math
import os
import statistics
import subprocess
import sys
import time
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHISO = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "chiso")

GENERATE_SQL = """
COPY (SELECT 'Area ' || lpad(a::VARCHAR, 5, '0') AS area, 'ind_' || lpad(i::VARCHAR, 2, '0') AS indicator,
  (2000 + y)::VARCHAR AS period, round(100 + a % 97 + i * 1.5 + y * 2.3 + (hash(a, i, y) % 1000) / 100.0, 2) AS value
  FROM range({areas}) t1(a), range(50) t2(i), range(20) t3(y)
  ORDER BY {order}) TO '{output}' (HEADER)
"""
ORDERS = {"period-major": "y, a, i", "sorted": "a, i, y"}

# The reference for "the same summary", as an analyst would write it.
DUCKDB_SQL = """
COPY (WITH s AS (SELECT area, indicator, period::INT AS p, value, lag(value) OVER (PARTITION BY area,
  indicator ORDER BY period::INT) AS prev FROM read_csv('{input}'))
SELECT area, indicator, min(p) AS first_period, max(p) AS last_period, count(value) AS n,
  arg_max(value, p) AS latest, arg_max(prev, p) AS previous, 100*(arg_max(value,p)/arg_max(prev,p)-1)
  AS yoy_pct, 100*(pow(arg_max(value,p)/arg_min(value,p), 1.0/(max(p)-min(p)))-1) AS cagr_pct,
  min(value) AS min, max(value) AS max, avg(value) AS mean FROM s GROUP BY area, indicator
  ORDER BY area, indicator) TO '{output}' (HEADER)
"""

POLARS_SCRIPT = """
import sys, polars as pl
src, out = sys.argv[1], sys.argv[2]
key = ["area", "indicator"]
s = (pl.scan_csv(src)
       .with_columns(pl.col("period").cast(pl.Int32).alias("p"))
       .sort("area", "indicator", "p")
       .with_columns(pl.col("value").shift(1).over(key).alias("prev"))
       .group_by(key)
       .agg(pl.col("p").min().alias("first_period"), pl.col("p").max().alias("last_period"),
            pl.col("value").count().alias("n"), pl.col("value").last().alias("latest"),
            pl.col("prev").last().alias("previous"), pl.col("value").first().alias("first"),
            pl.col("value").min().alias("min"), pl.col("value").max().alias("max"),
            pl.col("value").mean().alias("mean"))
       .with_columns((100 * (pl.col("latest") / pl.col("previous") - 1)).alias("yoy_pct"),
                     (100 * ((pl.col("latest") / pl.col("first")) ** (1 / (pl.col("last_period") - pl.col("first_period"))) - 1)).alias("cagr_pct"))
       .sort(key))
s.collect().write_csv(out)
"""

COMPARED = ["latest", "previous", "yoy_pct", "cagr_pct", "mean"]


def peers(work):
    env = os.path.join(work, "venv")
    python = os.path.join(env, "bin", "python")
    if not os.path.exists(python):
        venv.create(env, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "duckdb-cli", "polars"], check=True)
    return python, os.path.join(env, "bin", "duckdb")


def make(duckdb, rows, order, work):
    path = os.path.join(work, f"long-{rows}-{order}.csv")
    if not os.path.exists(path):
        sql = GENERATE_SQL.format(areas=rows // 1000, order=ORDERS[order], output=path)
        subprocess.run([duckdb, "-c", sql], check=True)
    return path


def timed(command, **kwargs):
    """Wall seconds and peak resident MiB of a command, through GNU time."""
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stderr=subprocess.PIPE, text=True, **kwargs)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{proc.stderr[-2000:]}")
    wall, kib = proc.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kib) / 1024


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["area"], r["indicator"]): r for r in csv.DictReader(f)}


def same(a, b):
    if a == "" or b == "":
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def median(runs):
    return statistics.median(w for w, _ in runs), statistics.median(m for _, m in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000,10000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(ROOT, "target", "bench"))
    parser.add_argument("--small-runs", type=int, default=11, help="runs of the small-file timing")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not os.path.exists(CHISO):
        sys.exit(f"{CHISO} not found: cargo build --release first")
    python, duckdb = peers(args.work)
    script = os.path.join(args.work, "summary.py")
    with open(script, "w") as f:
        f.write(POLARS_SCRIPT)
    results = {}
    sizes = [int(r) for r in args.rows.split(",")]
    for rows in sizes:
        for order in ORDERS:
            data = make(duckdb, rows, order, args.work)
            outs = {name: os.path.join(args.work, f"{name}-{rows}-{order}.csv") for name in ("chiso", "duckdb", "polars")}
            sql = DUCKDB_SQL.format(input=data, output=outs["duckdb"])
            runs = {name: [] for name in outs}
            # The file may just have been written, or have left the page cache: flush it and read
            # it once, untimed, so that no tool pays for the write-back or a cold cache (seen once:
            # chiso's median 40 % slower than the same binary's a few minutes later).
            os.sync()
            with open(data, "rb") as f:
                while f.read(1 << 24):
                    pass
            for _ in range(args.runs):
                with open(outs["chiso"], "w") as out:
                    runs["chiso"].append(timed([CHISO, "summary", data, "--format", "csv"], stdout=out))
                runs["duckdb"].append(timed([duckdb, "-c", sql]))
                runs["polars"].append(timed([python, script, data, outs["polars"]]))
            mine, theirs = read(outs["chiso"]), read(outs["duckdb"])
            bad = [k for k in theirs if k not in mine or not all(same(mine[k][c], theirs[k][c]) for c in COMPARED)]
            if bad or len(mine) != len(theirs):
                sys.exit(f"{rows} rows, {order}: chiso and DuckDB differ on {len(bad)} series, e.g. {bad[:3]}")
            results[(rows, order)] = {n: median(r) for n, r in runs.items()}
            print(f"\n{rows:,} rows, {order} ({os.path.getsize(data) / 1e6:.0f} MB), median of {args.runs}; "
                  f"{len(mine):,} series agree with DuckDB to 1e-9")
            c_wall, c_mem = results[(rows, order)]["chiso"]
            for name, (wall, mem) in results[(rows, order)].items():
                ratio = "" if name == "chiso" else f"   chiso/{name}: time {c_wall / wall:5.2f}×  memory {c_mem / mem:5.2f}×"
                print(f"  {name:7} {wall:7.2f} s {mem:8.0f} MiB{ratio}")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        for order in ORDERS:
            print(f"chiso summary, {order}, {a:,} → {b:,} rows: "
                  f"{results[(b, order)]['chiso'][0] / results[(a, order)]['chiso'][0]:.1f}× the time")
    largest = sizes[-1]
    print(f"\nOther commands on {largest:,} rows (chiso, median of {args.runs}, output to /dev/null):")
    for order in ORDERS:
        data = make(duckdb, largest, order, args.work)
        for command in (["summary"], ["growth"], ["rank"], ["targets"], ["convert"]):
            wall, mem = median([timed([CHISO] + command + [data, "--format", "csv"]) for _ in range(args.runs)])
            print(f"  {order:12} {command[0]:8} {wall:6.2f} s {mem:7.0f} MiB")
    small(args.small_runs)


def small(runs):
    """Whole-process time of `chiso summary` on a small file, the PCI panel (738 rows)."""
    panel = os.path.join(ROOT, "datasets", "vn_pci_2005_2016_panel.csv")
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([CHISO, "summary", panel], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
    walls.sort()
    print(f"\nPCI panel (738 rows), {runs} runs: median {statistics.median(walls) * 1000:.1f} ms, "
          f"fastest {walls[0] * 1000:.1f} ms, slowest {walls[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()

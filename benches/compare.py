#!/usr/bin/env python3
"""chiso against DuckDB and Python Polars on the same per-series summary.

Generates long CSV files (1 M and 10 M rows by default, deterministic), installs the peers into a
virtual environment of its own (duckdb-cli, polars; from PyPI), runs the three tools alternately,
checks that chiso's numbers equal DuckDB's (to 1e-9), and prints wall time and peak memory (median
of the runs) with the ratios. Not part of `cargo test`.

Also times `chiso summary` on the PCI panel (738 rows), whole process, median of 31 runs.

Usage: benches/compare.py [--rows 1000000,10000000] [--runs 3] [--small-runs 31] [--work DIR]
       (after `cargo build --release`)
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
CHISO = os.path.join(ROOT, "target", "release", "chiso")

DUCKDB_SQL = """
COPY (
WITH t AS (
  SELECT area, indicator, CAST(period AS INTEGER) AS year, TRY_CAST(NULLIF(value, 'NA') AS DOUBLE) AS value
  FROM read_csv('{input}', header = true, all_varchar = true)
),
s AS (
  SELECT area, indicator,
         min(year) FILTER (WHERE value IS NOT NULL) AS first_year,
         max(year) FILTER (WHERE value IS NOT NULL) AS last_year,
         count(value) AS n, min(value) AS min, max(value) AS max, avg(value) AS mean
  FROM t GROUP BY area, indicator
)
SELECT s.area, s.indicator, s.first_year AS first_period, s.last_year AS last_period, s.n,
       l.value AS latest, p.value AS previous, l.value - p.value AS change,
       CASE WHEN p.value <> 0 THEN (l.value - p.value) / abs(p.value) * 100 END AS yoy_pct,
       CASE WHEN s.last_year > s.first_year AND f.value > 0 AND l.value >= 0
            THEN (pow(l.value / f.value, 1.0 / (s.last_year - s.first_year)) - 1) * 100 END AS cagr_pct,
       s.min, s.max, s.mean
FROM s
LEFT JOIN t l ON l.area = s.area AND l.indicator = s.indicator AND l.year = s.last_year
LEFT JOIN t f ON f.area = s.area AND f.indicator = s.indicator AND f.year = s.first_year
LEFT JOIN t p ON p.area = s.area AND p.indicator = s.indicator AND p.year = s.last_year - 1 AND p.value IS NOT NULL
ORDER BY s.area, s.indicator
) TO '{output}' (HEADER, DELIMITER ',');
"""

POLARS_SCRIPT = """
import sys, polars as pl
src, out = sys.argv[1], sys.argv[2]
t = (pl.scan_csv(src, schema_overrides={"value": pl.Utf8, "period": pl.Utf8})
       .select(pl.col("area"), pl.col("indicator"), pl.col("period").cast(pl.Int32).alias("year"),
               pl.col("value").replace("NA", None).cast(pl.Float64, strict=False).alias("value")))
present = t.filter(pl.col("value").is_not_null())
s = present.group_by("area", "indicator").agg(
    pl.col("year").min().alias("first_year"), pl.col("year").max().alias("last_year"),
    pl.len().alias("n"), pl.col("value").min().alias("min"), pl.col("value").max().alias("max"),
    pl.col("value").mean().alias("mean"))
at = lambda name, yexpr: present.select("area", "indicator", "year", pl.col("value").alias(name))
s = (s.join(at("latest", None), left_on=["area", "indicator", "last_year"], right_on=["area", "indicator", "year"], how="left")
      .join(at("first", None), left_on=["area", "indicator", "first_year"], right_on=["area", "indicator", "year"], how="left")
      .with_columns((pl.col("last_year") - 1).alias("prev_year"))
      .join(at("previous", None), left_on=["area", "indicator", "prev_year"], right_on=["area", "indicator", "year"], how="left")
      .with_columns((pl.col("latest") - pl.col("previous")).alias("change"),
                    pl.when(pl.col("previous") != 0).then((pl.col("latest") - pl.col("previous")) / pl.col("previous").abs() * 100).alias("yoy_pct"),
                    pl.when((pl.col("last_year") > pl.col("first_year")) & (pl.col("first") > 0) & (pl.col("latest") >= 0))
                      .then(((pl.col("latest") / pl.col("first")) ** (1 / (pl.col("last_year") - pl.col("first_year"))) - 1) * 100).alias("cagr_pct"))
      .sort("area", "indicator"))
s.collect().write_csv(out)
"""

COMPARED = ["n", "latest", "previous", "change", "yoy_pct", "cagr_pct", "min", "max", "mean"]


def peers(work):
    env = os.path.join(work, "venv")
    python = os.path.join(env, "bin", "python")
    if not os.path.exists(python):
        venv.create(env, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "duckdb-cli", "polars"], check=True)
    return python, os.path.join(env, "bin", "duckdb")


def make(rows, work):
    areas = rows // (50 * 20)
    path = os.path.join(work, f"long-{rows}.csv")
    if not os.path.exists(path):
        subprocess.run([os.path.join(ROOT, "benches", "make_long_csv.sh"), path, str(areas), "50", "20"], check=True)
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
    x, y = float(a), float(b)
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000,10000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(ROOT, "target", "bench"))
    parser.add_argument("--small-runs", type=int, default=31, help="runs of the small-file timing")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not os.path.exists(CHISO):
        sys.exit("build first: cargo build --release")
    python, duckdb = peers(args.work)
    results = {}
    for rows in [int(r) for r in args.rows.split(",")]:
        data = make(rows, args.work)
        outs = {name: os.path.join(args.work, f"{name}-{rows}.csv") for name in ("chiso", "duckdb", "polars")}
        script = os.path.join(args.work, "summary.py")
        with open(script, "w") as f:
            f.write(POLARS_SCRIPT)
        sql = DUCKDB_SQL.format(input=data, output=outs["duckdb"])
        runs = {name: [] for name in outs}
        for _ in range(args.runs):
            with open(outs["chiso"], "w") as out:
                runs["chiso"].append(timed([CHISO, "summary", data, "--format", "csv"], stdout=out))
            runs["duckdb"].append(timed([duckdb, "-c", sql]))
            runs["polars"].append(timed([python, script, data, outs["polars"]]))
        # Same numbers as DuckDB.
        mine, theirs = read(outs["chiso"]), read(outs["duckdb"])
        bad = [k for k in theirs if k not in mine or not all(same(mine[k][c], theirs[k][c]) for c in COMPARED)]
        if bad or len(mine) != len(theirs):
            sys.exit(f"{rows} rows: chiso and DuckDB differ on {len(bad)} series, e.g. {bad[:3]}")
        results[rows] = {n: (statistics.median(w for w, _ in r), statistics.median(m for _, m in r)) for n, r in runs.items()}
        print(f"\n{rows:,} rows ({os.path.getsize(data) / 1e6:.0f} MB), median of {args.runs}; {len(mine):,} series agree with DuckDB to 1e-9")
        c_wall, c_mem = results[rows]["chiso"]
        for name, (wall, mem) in results[rows].items():
            ratio = "" if name == "chiso" else f"   chiso/{name}: time {c_wall / wall:5.2f}×  memory {c_mem / mem:5.2f}×"
            print(f"  {name:7} {wall:7.2f} s {mem:8.0f} MiB{ratio}")
    sizes = sorted(results)
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        print(f"\nchiso from {a:,} to {b:,} rows: {results[b]['chiso'][0] / results[a]['chiso'][0]:.1f}× the time")
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

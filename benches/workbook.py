#!/usr/bin/env python3
"""How fast chiso reads a statistics-office workbook: 50 sheets, about 0.5 MB.

Writes the workbook with openpyxl (installed into a virtual environment of its own, from PyPI):
each sheet a yearbook table with a title, a unit line, a two-line merged header (indicator over
years) and 165 provinces in three sections, plus notes. Then times, whole process, median of the runs:

- `chiso inspect book.xlsx` (every sheet read and described),
- `chiso summary book.xlsx --sheet 25` (one sheet).

Usage: benches/workbook.py [--runs 11] [--work DIR]   (after `cargo build --release`)
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
CHISO = os.path.join(TARGET, "release", "chiso")


def python_with_openpyxl(work):
    env = os.path.join(work, "venv")
    python = os.path.join(env, "bin", "python")
    if not os.path.exists(python):
        venv.create(env, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "openpyxl"], check=True)
    return python


GENERATOR = r"""
import sys
from openpyxl import Workbook
from openpyxl.styles import Alignment
path = sys.argv[1]
wb = Workbook()
wb.remove(wb.active)
years = [2019, 2020, 2021, 2022, "Sơ bộ\n2023"]
for s in range(50):
    ws = wb.create_sheet(f"Biểu {s + 1:02d}")
    ws["A1"] = f"Biểu {s + 1:02d}. CHỈ TIÊU {s + 1} PHÂN THEO ĐỊA PHƯƠNG"
    ws.merge_cells("A1:K1")
    ws["K2"] = "Đơn vị tính: Nghìn người"
    ws["A3"] = "Tỉnh, thành phố"
    ws.merge_cells("A3:A4")
    for g, name in enumerate(["Tổng số", "Thành thị"]):
        first = 2 + g * 5
        ws.cell(row=3, column=first, value=name)
        ws.merge_cells(start_row=3, start_column=first, end_row=3, end_column=first + 4)
        for k, y in enumerate(years):
            c = ws.cell(row=4, column=first + k, value=y)
            c.alignment = Alignment(wrap_text=True)
    r = 5
    for section in range(3):
        ws.cell(row=r, column=1, value=f"{'I' * (section + 1)}. Vùng {section + 1}")
        r += 1
        for p in range(55):
            ws.cell(row=r, column=1, value=f"Tỉnh {section * 55 + p + 1}")
            for c in range(10):
                ws.cell(row=r, column=2 + c, value=round(100 + s + p * 1.5 + c * 2.25 + section * 0.125, 3))
            r += 1
    ws.cell(row=r + 1, column=1, value="Nguồn: Cục Thống kê")
wb.save(path)
"""


def median_time(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--work", default=os.path.join(ROOT, "target", "bench-workbook"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not os.path.exists(CHISO):
        sys.exit(f"{CHISO} not found: run cargo build --release first")
    book = os.path.join(args.work, "book-50-sheets.xlsx")
    if not os.path.exists(book):
        python = python_with_openpyxl(args.work)
        subprocess.run([python, "-c", GENERATOR, book], check=True)
    size = os.path.getsize(book)
    print(f"workbook: 50 sheets, {size / 1e6:.2f} MB ({book})")
    for name, cmd in [
        ("inspect, every sheet", [CHISO, "inspect", book, "--format", "csv"]),
        ("summary, one sheet", [CHISO, "summary", book, "--sheet", "25", "--format", "csv"]),
    ]:
        med, lo, hi = median_time(cmd, args.runs)
        print(f"{name:24} median {med * 1000:7.1f} ms  (min {lo * 1000:.1f}, max {hi * 1000:.1f}; {args.runs} runs)")


if __name__ == "__main__":
    main()

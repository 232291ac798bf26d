#!/usr/bin/env bash
# Writes a synthetic long indicator CSV for timing: AREAS × INDICATORS × YEARS rows (default
# 10,000 × 50 × 20 = 10 million), with about 1 % missing values written as NA.
# Usage: benches/make_long_csv.sh OUT.csv [AREAS] [INDICATORS] [YEARS]
set -euo pipefail
out=${1:?usage: make_long_csv.sh OUT.csv [AREAS] [INDICATORS] [YEARS]}
areas=${2:-10000}
indicators=${3:-50}
years=${4:-20}
awk -v A="$areas" -v I="$indicators" -v Y="$years" 'BEGIN {
  srand(42);
  print "area,indicator,period,value";
  for (a = 1; a <= A; a++)
    for (i = 1; i <= I; i++) {
      v = 50 + 50 * rand();
      for (y = 0; y < Y; y++) {
        v = v * (0.95 + 0.12 * rand());
        if (rand() < 0.01) printf "area %05d,ind_%02d,%d,NA\n", a, i, 2000 + y;
        else printf "area %05d,ind_%02d,%d,%.4f\n", a, i, 2000 + y, v;
      }
    }
}' > "$out"

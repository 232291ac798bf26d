#!/usr/bin/env bash
# Times two charts to PNG (scale 2, drawn as SVG and rasterised by resvg): `chiso chart line` on
# the PCI panel (64 provinces × 12 years, Lang Son highlighted) and `chiso chart map` of the PCI
# of 2016 on the 63 provinces. For each: the rendering step alone (CHISO_TIMING: SVG + PNG) and
# the whole command, over RUNS runs (default 20).
# Usage: benches/charts.sh [RUNS]   (after `cargo build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
chiso=${CHISO:-target/release/chiso}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
stats() { sort -n | awk '{ a[NR]=$1; s+=$1 } END { printf "median %.1f ms, mean %.1f ms, max %.1f ms", a[int((NR+1)/2)], s/NR, a[NR] }'; }
bench() {
  local name=$1
  shift
  local render_ms=() total_ms=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    line=$(CHISO_TIMING=1 "$chiso" chart "$@" -o "$out/$name.png" --force 2>&1 | grep 'timing: chart:' || true)
    end=$(date +%s%N)
    total_ms+=($(( (end - start) / 1000000 )))
    render_ms+=("$(echo "$line" | sed -E 's/.*chart: ([0-9.]+)(ms|µs|s).*/\1 \2/' | awk '{ if ($2=="s") print $1*1000; else if ($2=="µs") print $1/1000; else print $1 }')")
  done
  echo "$name, $runs runs"
  echo "  render SVG + PNG: $(printf '%s\n' "${render_ms[@]}" | stats)"
  echo "  whole command:    $(printf '%s\n' "${total_ms[@]}" | stats)"
}
bench line line datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted --highlight "Lang Son"
bench map map datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted --period 2016 \
  --areas datasets/vn-provinces.csv --highlight "Lang Son"

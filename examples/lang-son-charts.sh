#!/usr/bin/env bash
# The Lạng Sơn charts of the anchor example: 2019 growth against plan (target), the PAR score
# ranking of the 11 district-level units with Lạng Sơn city highlighted (bar), and their PAR
# trend (line). Writes PNG and SVG into the folder given (default: lang-son-charts/).
# Usage: examples/lang-son-charts.sh [OUT_DIR]   (after `cargo build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-lang-son-charts}
chiso=${CHISO:-target/release/chiso}
data=datasets/lang-son
mkdir -p "$out"
for ext in png svg; do
  "$chiso" chart target "$data/tang-truong.csv" --period 2019 --highlight "Lạng Sơn" \
    --meta datasets/indicators.csv --lang vi -o "$out/tang-truong-ke-hoach.$ext"
  "$chiso" chart bar "$data/cai-cach-hanh-chinh.csv" --period 2019 --highlight "Lạng Sơn" \
    --meta datasets/indicators.csv --lang vi -o "$out/xep-hang-cchc.$ext"
  "$chiso" chart line "$data/cai-cach-hanh-chinh.csv" --highlight "Lạng Sơn" \
    --meta datasets/indicators.csv --lang vi -o "$out/xu-huong-cchc.$ext"
done
ls -1 "$out"

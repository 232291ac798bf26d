#!/usr/bin/env bash
# Regenerates the chart images shown in the README (docs/images/*.png) from the bundled data.
# Usage: docs/make-images.sh   (after `cargo build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
chiso=${CHISO:-target/release/chiso}
out=docs/images
size=(--width 900 --height 506 --force)
meta=(--meta datasets/indicators.csv)
mkdir -p "$out"
"$chiso" chart line datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted \
  --highlight "Lang Son" --highlight "Da Nang" "${meta[@]}" "${size[@]}" -o "$out/line.png"
"$chiso" chart bar datasets/lang-son/cai-cach-hanh-chinh.csv --period 2019 --highlight "Lạng Sơn" \
  "${meta[@]}" "${size[@]}" -o "$out/bar.png"
"$chiso" chart target datasets/lang-son/tang-truong.csv --period 2019 --lang vi \
  "${meta[@]}" "${size[@]}" -o "$out/target.png"
"$chiso" chart heatmap datasets/vn_papi_2011_2016_panel.csv --indicator papi_unweighted --by yoy \
  --areas datasets/vn-provinces.csv --area "Bac Giang" --area "Dong Thap" --area "Lang Son" --area "Da Nang" \
  --area "Ha Noi" --area "Ho Chi Minh City" --area "Can Tho" --area "Quang Ninh" \
  "${meta[@]}" "${size[@]}" -o "$out/heatmap.png"
"$chiso" chart slope datasets/lang-son/cai-cach-hanh-chinh.csv --highlight "Lạng Sơn" \
  "${meta[@]}" "${size[@]}" -o "$out/slope.png"
"$chiso" chart small-multiples datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted \
  --area "Lang Son" --area "Cao Bang" --area "Ha Giang" --area "Lao Cai" --area "Bac Kan" --area "Thai Nguyen" \
  --highlight "Lang Son" "${meta[@]}" "${size[@]}" -o "$out/small-multiples.png"
"$chiso" chart progress datasets/lang-son/cai-cach-hanh-chinh.csv --plan datasets/lang-son-ke-hoach-2025.csv \
  --indicator par_index --highlight "Lạng Sơn" --lang vi "${meta[@]}" "${size[@]}" -o "$out/progress.png"
"$chiso" chart map datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted --period 2016 \
  --areas datasets/vn-provinces.csv --highlight "Lang Son" --highlight "Da Nang" "${meta[@]}" "${size[@]}" \
  -o "$out/map.png"
ls -l "$out"

# A screenshot of a Vietnamese report of the Lạng Sơn data, taken by headless Chromium.
if command -v chromium >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  "$chiso" report datasets/lang-son/tang-truong.csv datasets/lang-son/thu-ngan-sach.csv \
    datasets/lang-son/cai-cach-hanh-chinh.csv --meta datasets/indicators.csv --highlight "Lạng Sơn" \
    --lang vi -o "$tmp/bao-cao.html"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
    --window-size=1000,1400 --screenshot="$out/report.png" "file://$tmp/bao-cao.html" 2>/dev/null
  rm -rf "$tmp"
else
  echo "chromium not found: docs/images/report.png not refreshed" >&2
fi

#!/usr/bin/env bash
# Visual check of `gongkai diff --format html`, outside CI: makes a copy of the example with
# one amount, one text and one reason changed, writes the change report and the comparison
# with last year as HTML, and screenshots both with headless Chromium.
#
#   bash scripts/check-diff-html.sh        # results in out/diff-check/
#
# Installs chromium and fonts-noto-cjk (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/diff-check
rm -rf "$out" && mkdir -p "$out"

if ! command -v chromium >/dev/null || ! fc-list | grep -qi "Noto Sans CJK"; then
  apt-get -o DPkg::Lock::Timeout=900 update
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y chromium fonts-noto-cjk
fi

cargo build -q -p gongkai
bin=./target/debug/gongkai
cp examples/changji-epmc-2025.yaml "$out/old.yaml"
sed -e 's/amount: 51700.00}   # 职业年金/amount: 61700.00}   # 职业年金/' \
    -e 's/技术支持和咨询服务。/技术支持、培训和咨询服务。/' \
    -e 's/reason: 部分项目合同约定尾款/reason: 压减各项经费支出，部分项目合同约定尾款/' \
    examples/changji-epmc-2025.yaml > "$out/new.yaml"
# diff exits 1 when the documents differ.
"$bin" diff "$out/old.yaml" "$out/new.yaml" --format html > "$out/diff.html" || [ $? -eq 1 ]
"$bin" diff --last-year "$out/new.yaml" --format html > "$out/last-year.html"

for page in diff last-year; do
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size=1280,3000 \
    --screenshot="$PWD/$out/$page.png" "file://$PWD/$out/$page.html" 2>/dev/null
  rm -rf "$profile"
  echo "$out/$page.png"
done

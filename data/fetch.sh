#!/usr/bin/env bash
# Fetch the full Fashion-MNIST data set (70,000 28x28 grayscale images, 10 classes,
# MIT licence, Copyright (c) 2017 Zalando SE) from the Debian package
# dataset-fashion-mnist and write it as PNGs in class folders:
#
#   <out>/train/<class>/<index>.png   (60,000 images)
#   <out>/test/<class>/<index>.png    (10,000 images)
#
# Usage: data/fetch.sh [OUT_DIR] [--train-per-class N] [--test-per-class N]
#   OUT_DIR defaults to data/fashion-mnist (next to this script).
#   The per-class flags are passed through to fashion_mnist_to_png.py
#   (first N images of each class, in file order); default: every image.
#
# Idempotent: does nothing when OUT_DIR already holds the expected number of PNGs.
# Needs: bash, apt-get (a configured Debian package source), dpkg, python3.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${script_dir}/fashion-mnist"
if [[ $# -gt 0 && "$1" != --* ]]; then
    out_dir="$1"
    shift
fi

train_n=""
test_n=""
pass_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --train-per-class) [[ $# -ge 2 ]] || { echo "fetch.sh: $1 needs a value" >&2; exit 2; }
                           train_n="$2"; pass_args+=("$1" "$2"); shift 2 ;;
        --test-per-class)  [[ $# -ge 2 ]] || { echo "fetch.sh: $1 needs a value" >&2; exit 2; }
                           test_n="$2"; pass_args+=("$1" "$2"); shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "fetch.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
for n in "$train_n" "$test_n"; do
    if [[ -n "$n" && ! "$n" =~ ^[0-9]+$ ]]; then
        echo "fetch.sh: per-class counts must be non-negative integers (got '$n')" >&2
        exit 2
    fi
done

# Expected PNG count: every class has 6,000 train and 1,000 test images.
per_train=6000
per_test=1000
if [[ -n "$train_n" ]] && (( train_n < per_train )); then per_train=$train_n; fi
if [[ -n "$test_n" ]] && (( test_n < per_test )); then per_test=$test_n; fi
expected=$(( 10 * (per_train + per_test) ))

count_pngs() {
    if [[ -d "$1" ]]; then
        find "$1" -type f -name '*.png' | wc -l
    else
        echo 0
    fi
}

have=$(count_pngs "$out_dir")
if (( have == expected )); then
    echo "fetch.sh: ${out_dir} already has ${have} PNGs; nothing to do."
    exit 0
fi

for tool in apt-get dpkg python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "fetch.sh: '$tool' is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# apt-get download drops privileges to _apt when run as root; let it write here.
if [[ $(id -u) -eq 0 ]] && id _apt >/dev/null 2>&1; then
    chown _apt "$work"
fi

echo "fetch.sh: downloading dataset-fashion-mnist ..."
if ! (cd "$work" && apt-get download dataset-fashion-mnist); then
    echo "fetch.sh: download failed; running apt-get update and retrying ..." >&2
    apt-get update
    (cd "$work" && apt-get download dataset-fashion-mnist)
fi

debs=("$work"/dataset-fashion-mnist_*.deb)
[[ -f "${debs[0]}" ]] || { echo "fetch.sh: no .deb was downloaded" >&2; exit 1; }
dpkg -x "${debs[0]}" "$work/root"

src="$work/root/usr/share/datasets/fashion-mnist"
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz \
         t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
    [[ -f "$src/$f" ]] || { echo "fetch.sh: package lacks $f" >&2; exit 1; }
done

echo "fetch.sh: writing PNGs to ${out_dir} ..."
python3 "${script_dir}/fashion_mnist_to_png.py" --src "$src" --out "$out_dir" \
    ${pass_args[@]+"${pass_args[@]}"}

have=$(count_pngs "$out_dir")
if (( have != expected )); then
    echo "fetch.sh: expected ${expected} PNGs in ${out_dir}, found ${have}" \
         "(stale files from an earlier run with other counts? delete the folder and rerun)" >&2
    exit 1
fi
echo "fetch.sh: done: ${have} PNGs in ${out_dir}"

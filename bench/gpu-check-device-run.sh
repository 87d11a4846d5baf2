#!/usr/bin/env bash
# Device side of bench/gpu-check.sh for a machine without the .NET SDK or network (see BENCHMARKS.md, GPU section). Here:
#   bash bench/gpu-check.sh --bundle /tmp/b/gpu-bundle && (cd /tmp/b && tar -cf - gpu-bundle | xz -6 -T0 > /tmp/b.tar.xz)
#   split -b 56M -d -a 2 /tmp/b.tar.xz part- && sha256sum part-* > SHA256SUMS
# then send the parts, SHA256SUMS and this script into $PARTS on the machine; this checks, reassembles, unpacks and runs it.
# Report and log go to $OUT.
set -uo pipefail
parts=${PARTS:-/tmp/gb}
work=${WORK:-/tmp/gc}
out=${OUT:?OUT must name the report folder}
start=$SECONDS
(cd "$parts" && sha256sum -c --quiet SHA256SUMS) || { echo "device-run: parts missing or damaged in $parts: $(ls "$parts")"; exit 90; }
rm -rf "$work" && mkdir -p "$work"
if command -v xz >/dev/null 2>&1; then
  cat "$parts"/part-* | xz -dc -T0 | tar -x -C "$work" || exit 91
else
  cat "$parts"/part-* | python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.stdin.buffer), sys.stdout.buffer, 1 << 20)' | tar -x -C "$work" || exit 91
fi
echo "device-run: unpacked $(du -sh "$work" | cut -f1) in $(( SECONDS - start )) s"
GPU_CHECK_OUT="$out" bash "$work/gpu-bundle/gpu-check.sh" 2>&1 | tee "$out/gpu-check.log"
exit "${PIPESTATUS[0]}"

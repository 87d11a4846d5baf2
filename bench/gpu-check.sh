#!/usr/bin/env bash
# gpu-check: does the CUDA build of MlNetTransfer really run ResNet18 on the NVIDIA GPU, agree with the CPU, and how fast is it?
#
# What it checks (bench command `gpu-check`, bench/MlNetTransfer.Bench/GpuCheck*.cs):
#   - the bench is built with -p:UseGpu=true (ONNX Runtime's CUDA package instead of the CPU one);
#   - ONNX Runtime's list of available execution providers contains CUDAExecutionProvider (no reliance on exceptions),
#     and ONNX Runtime's profile of a CUDA session of our engine shows every convolution ran on CUDAExecutionProvider;
#   - ~2,000 Fashion-MNIST images (200 per class) are embedded with ResNet18 through our batched engine
#     (BatchedImageEmbedder) at batch 1 and batch 64, on the CPU and on CUDA, plus decoding alone and ONNX Runtime alone
#     at batch 64 on each device (where the time goes); it prints a table of images/s and the ratios;
#   - CPU and GPU embeddings agree within 1e-3 (max abs diff over all images, at each batch size).
# Exit status: 0 passed; 3 the check failed (CUDA not used, or CPU and GPU disagree); 124 it ran out of time (8 minutes in
# all, the build included); anything else: an error. It writes its BENCHMARKS.md section to $GPU_CHECK_OUT/gpu-check.md.
#
# Usage:
#   bash bench/gpu-check.sh                    on a machine with an NVIDIA GPU and the .NET 10 SDK: builds the bundle
#                                              (artifacts/gpu-check/bundle), then runs it
#   bash bench/gpu-check.sh --bundle DIR       only builds the bundle into DIR (needs the SDK and data/fashion-mnist): a
#                                              self-contained linux-x64 bench with the CUDA ONNX Runtime, resnet18 and the
#                                              images, this script as DIR/gpu-check.sh
#   GPU_CHECK_BUNDLE=DIR bash bench/gpu-check.sh   (or: bash DIR/gpu-check.sh)   runs a bundle: no .NET SDK needed
# Environment: GPU_CHECK_IMAGES (2000), GPU_CHECK_REPETITIONS (3), GPU_CHECK_BATCH_SIZES (1,64), GPU_CHECK_OUT (report
# folder; default artifacts/gpu-check, or the current folder when run from a bundle), GPU_CHECK_TIMEOUT (480 s, all in).
# CUDA 13 and cuDNN 9 libraries are looked up by the loader; when it does not find them, the lib folders of the nvidia-*
# Python packages (nvidia-cublas, nvidia-cudnn-cu13, nvidia-cuda-runtime, …) in python3's site-packages are added to
# LD_LIBRARY_PATH.
set -euo pipefail

start=$SECONDS
images=${GPU_CHECK_IMAGES:-2000}
repetitions=${GPU_CHECK_REPETITIONS:-3}
batches=${GPU_CHECK_BATCH_SIZES:-1,64}
budget=${GPU_CHECK_TIMEOUT:-480}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

make_bundle() {
  local dir=$1 repo
  repo=$(cd "$here/.." && pwd)
  local data=$repo/data/fashion-mnist/train
  [[ -d $data ]] || { echo "gpu-check: $data is missing: run 'bash data/fetch.sh' first" >&2; exit 1; }
  rm -rf "$dir" && mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  echo "== building the bundle in $dir (dotnet publish -p:UseGpu=true, self-contained linux-x64)"
  dotnet publish "$repo/bench/MlNetTransfer.Bench/MlNetTransfer.Bench.csproj" -c Release -p:UseGpu=true -r linux-x64 --self-contained \
    --artifacts-path "$repo/artifacts/gpu-check/build" -o "$dir/app" -nologo -v quiet
  # ML.NET's own ResNet18 (variant (a) of the featurize bench) is not used by gpu-check; keep only our merged backbone.
  # Also the native debug symbols, and copies of the model files that land beside the app.
  rm -rf "$dir/app/DnnImageModels" "$dir/app"/*.dbg "$dir/app"/*.onnx "$dir/app"/resnet18.json
  find "$dir/app/onnx-models" -type f ! -name 'resnet18.*' -delete
  [[ -f $dir/app/libonnxruntime_providers_cuda.so ]] || { echo "gpu-check: the publish has no libonnxruntime_providers_cuda.so" >&2; exit 1; }
  # The images: the first images/classes of each class, in the loader's order (file names, ordinal).
  local classes per
  classes=$(find "$data" -mindepth 1 -maxdepth 1 -type d | wc -l)
  per=$(( (images + classes - 1) / classes ))
  for class_dir in $(find "$data" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort); do
    mkdir -p "$dir/data/fashion-mnist/train/${class_dir##*/}"
    find "$class_dir" -maxdepth 1 -type f -name '*.png' -printf '%f\n' | LC_ALL=C sort | awk -v n="$per" 'NR <= n' |
      while read -r f; do cp "$class_dir/$f" "$dir/data/fashion-mnist/train/${class_dir##*/}/"; done
  done
  cp "$here/gpu-check.sh" "$dir/gpu-check.sh"
  (cd "$repo" && { c=$(git rev-parse --short HEAD); [[ -z $(git status --porcelain --untracked-files=no) ]] || c="$c + local changes"; echo "$c"; }) > "$dir/COMMIT"
  echo "== bundle: $(du -sh "$dir" | cut -f1), $(find "$dir/data" -name '*.png' | wc -l) images, commit $(cat "$dir/COMMIT")"
}

if [[ ${1:-} == --bundle ]]; then
  [[ -n ${2:-} ]] || { echo "usage: bash bench/gpu-check.sh --bundle DIR" >&2; exit 1; }
  make_bundle "$2"
  exit 0
fi

if [[ -n ${GPU_CHECK_BUNDLE:-} ]]; then
  bundle=$(cd "$GPU_CHECK_BUNDLE" && pwd)
  out=${GPU_CHECK_OUT:-$PWD}
elif [[ -x $here/app/MlNetTransfer.Bench ]]; then
  bundle=$here
  out=${GPU_CHECK_OUT:-$PWD}
else
  bundle=$(cd "$here/.." && pwd)/artifacts/gpu-check/bundle
  out=${GPU_CHECK_OUT:-$(dirname "$bundle")}
  make_bundle "$bundle"
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

echo "== gpu-check: bundle $bundle (commit $(cat "$bundle/COMMIT" 2>/dev/null || echo unknown)), report to $out"
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv
else
  echo "== no NVIDIA GPU visible (nvidia-smi missing or failing): expect the check to fall back to the CPU and fail"
fi

# CUDA 13 / cuDNN 9 libraries that ONNX Runtime's CUDA provider loads.
needed="libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcufft.so.12 libcudnn.so.9"
missing=""
for lib in $needed; do
  found=""
  for d in ${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH//:/ }}; do [[ -e $d/$lib ]] && found=1; done
  ldconfig -p 2>/dev/null | grep -q " $lib " && found=1
  [[ -n $found ]] || missing="$missing $lib"
done
if [[ -n $missing ]] && command -v python3 >/dev/null 2>&1; then
  added=""
  for site in $(python3 -c 'import site, sys; print("\n".join(site.getsitepackages() + [site.getusersitepackages()]))' 2>/dev/null); do
    [[ -d $site/nvidia ]] || continue
    for d in $(find "$site/nvidia" -name 'lib*.so*' -printf '%h\n' 2>/dev/null | sort -u); do added="$added:$d"; done
  done
  if [[ -n $added ]]; then
    export LD_LIBRARY_PATH="${added#:}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "== CUDA libraries from python3's nvidia-* packages added to LD_LIBRARY_PATH ($(tr ':' '\n' <<<"${added#:}" | wc -l) folders)"
  fi
fi
for lib in $needed; do
  where=""
  for d in ${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH//:/ }}; do [[ -e $d/$lib ]] && { where=$d/$lib; break; }; done
  [[ -n $where ]] || where=$(ldconfig -p 2>/dev/null | awk -v l="$lib" '$1 == l { print $NF; exit }')
  echo "   $lib: ${where:-NOT FOUND}"
done

left=$(( budget - (SECONDS - start) ))
(( left > 30 )) || { echo "gpu-check: no time left to run the check ($left s of $budget)" >&2; exit 124; }
echo "== running the check ($left s left of $budget)"
status=0
(
  cd "$bundle"
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
  export BENCH_COMMIT
  BENCH_COMMIT=$(cat "$bundle/COMMIT" 2>/dev/null || true)
  exec timeout "$left" "$bundle/app/MlNetTransfer.Bench" gpu-check --data "$bundle/data/fashion-mnist" --images "$images" \
    --batch-sizes "$batches" --repetitions "$repetitions" --out "$out/gpu-check.md"
) || status=$?
echo "== gpu-check: exit $status after $(( SECONDS - start )) s"
exit $status

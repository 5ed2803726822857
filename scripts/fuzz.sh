#!/usr/bin/env bash
# Coverage-guided fuzzing (docs/reliability.md, "Fuzzing"): each target in
# fuzz/ (or those named: scripts/fuzz.sh heap_ops) for FUZZ_SECONDS seconds
# (default 60), one after the other. A crash stops the run; its input is in
# fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${FUZZ_SECONDS:-60}

if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# run_source starts from every program the project has, under each profile
# (the input's first byte: 0 for 3.13, 1 for 3.12).
seeds=fuzz/corpus/run_source
mkdir -p "$seeds"
for f in tests/corpus/cases/*.py www/src/gallery/*.py tests/adversarial/*.py; do
  name="$(basename "$(dirname "$f")")-$(basename "$f" .py)"
  { printf '\0'; cat "$f"; } >"$seeds/$name-313"
  { printf '\1'; cat "$f"; } >"$seeds/$name-312"
done

# No sanitizer (the crate has no unsafe code), but overflow checks and debug
# assertions on: a panic, an abort or a stack overflow is a crash.
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(run_source heap_ops)
for target in "${targets[@]}"; do
  extra=()
  if [ "$target" = heap_ops ]; then
    # its input is a list of operations: long ones from the start
    extra=(-len_control=0 -max_len=4096)
  fi
  echo "fuzz: $target for ${seconds}s"
  cargo +nightly fuzz run --sanitizer none --debug-assertions "$target" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 "${extra[@]}"
done

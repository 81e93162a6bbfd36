#!/usr/bin/env bash
# Startup cost of the commands that do not unlock the CA (target: under 20 ms each).
# Usage: benches/startup.sh [RUNS]   (builds the release binary first)
set -euo pipefail
runs=${1:-50}
source "$(dirname "$0")/common.sh" --intermediate
# Some history, so audit commands have a chain to walk.
for i in $(seq 1 20); do
  "$bin" ca add-identity --out "id$i" --passphrase-file pass >/dev/null
done

measure() {
  local label=$1; shift
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$runs" -N --export-json "$work/h.json" "$*" >/dev/null 2>&1
    python3 -c "import json;r=json.load(open('$work/h.json'))['results'][0];print(f'{\"$label\":<22} mean {r[\"mean\"]*1000:6.2f} ms   max {r[\"max\"]*1000:6.2f} ms')"
  else
    local start end
    start=$(date +%s%N)
    for _ in $(seq 1 "$runs"); do "$@" >/dev/null; done
    end=$(date +%s%N)
    printf '%-22s mean %6.2f ms\n' "$label" "$(echo "($end - $start) / $runs / 1000000" | bc -l)"
  fi
}

echo "credctl startup, $runs runs each (audit log has $(wc -l < ca-store/audit.log) entries)"
measure "--version" "$bin" --version
measure "ca show" "$bin" ca show
measure "ca show --json" "$bin" --json ca show
measure "audit log" "$bin" audit log
measure "audit verify" "$bin" audit verify
measure "ca export" "$bin" ca export --out "$work/chain.pem"

# Unlocking: the pinned scrypt work factor (default 18) against an enrolled X25519 identity.
"$bin" --store slow init --name "Bench Slow" --passphrase-file pass >/dev/null
"$bin" --store slow ca add-identity --out slow.id --passphrase-file pass >/dev/null
echo "unlock (each run enrols one more recipient):"
for how in "--passphrase-file pass" "--identity slow.id"; do
  start=$(date +%s%N)
  for _ in 1 2 3; do
    r=$RANDOM$RANDOM
    "$bin" --store slow ca add-identity --out "id-$r" $how >/dev/null
  done
  end=$(date +%s%N)
  printf '  %-22s mean %7.1f ms\n' "$how" "$(echo "($end - $start) / 3 / 1000000" | bc -l)"
done

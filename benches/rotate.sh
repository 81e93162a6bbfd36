#!/usr/bin/env bash
# Password rotation throughput: N developers (default 256) in a password-mode hub, all rotated
# in one `rotate passwords` (bcrypt cost 11 on every core, commits of 500), against the floor:
# the same number of bcrypt cost-11 hashes by the reference library (Python bcrypt, C) spread
# over the cores. Goal: within 10% of the floor.
# Usage: benches/rotate.sh [N]
set -euo pipefail
n=${1:-256}
set --   # common.sh passes its arguments to init
source "$(dirname "$0")/common.sh"
export CREDCTL_IDENTITY=$work/id
python3 -c 'import bcrypt' 2>/dev/null || python3 -m pip install --quiet bcrypt
"$bin" hub init --name hub --dns hub.example.com --tls-mode password --out hubcfg >/dev/null
for i in $(seq -w 1 "$n"); do echo "dev$i"; done > roster.csv
"$bin" dev add --from roster.csv --out bundles >/dev/null
floor() {
  python3 - "$n" "$(nproc)" <<'PY'
import sys, time
from concurrent.futures import ProcessPoolExecutor
import bcrypt
n, cores = int(sys.argv[1]), int(sys.argv[2])
def one(_):
    return bcrypt.hashpw(b"x" * 40, bcrypt.gensalt(11))
t = time.time()
with ProcessPoolExecutor(cores) as pool:
    list(pool.map(one, range(n)))
print(f"{time.time() - t:.3f}")
PY
}
for round in 1 2; do
  base=$(floor)
  took=$(seconds "$bin" rotate passwords --out "rot$round")
  printf '%d developers rotated, round %d: %.2f s; floor (bcrypt x%d over %d cores) %.2f s; ratio %.2f\n' \
    "$n" "$round" "$took" "$n" "$(nproc)" "$base" "$(echo "$took / $base" | bc -l)"
done

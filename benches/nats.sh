#!/usr/bin/env bash
# Minting NATS users: 10,000 user JWTs + .creds files in one command (target < 1 s).
# Usage: benches/nats.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
export CREDCTL_IDENTITY=$work/id
"$bin" nats init --operator bench >/dev/null
"$bin" nats account add APP --signing-key >/dev/null
for round in 1 2 3; do
  seq -f "r${round}user%05g" 1 10000 > users.txt
  sync
  start=$(date +%s%N)
  "$bin" nats user add --from users.txt --account APP --allow-pub 'app.>' --out "creds$round" >/dev/null
  end=$(date +%s%N)
  printf '10,000 users (keygen, JWT, seal, store, .creds written and synced), round %d: %.3f s\n' \
    "$round" "$(echo "($end - $start) / 1000000000" | bc -l)"
done
# One more user in the account that now holds 30,000, and in an empty one: with the name index
# the two cost the same (before it, the first folded the whole user log).
"$bin" nats account add EMPTY >/dev/null
# Twice each, interleaved: the first command after the batches also waits for their write-back.
for try in 1 2; do for account in APP EMPTY; do
  start=$(date +%s%N)
  "$bin" nats user add "one-more-$try" --account "$account" --out "one-$try-$account.creds" >/dev/null
  end=$(date +%s%N)
  printf 'one user added to %s: %.3f s\n' "$account" "$(echo "($end - $start) / 1000000000" | bc -l)"
done; done
start=$(date +%s%N)
"$bin" nats resolver --out resolver.conf >/dev/null
end=$(date +%s%N)
printf 'resolver config: %.3f s\n' "$(echo "($end - $start) / 1000000000" | bc -l)"
# What creating 10,000 small files costs on this filesystem at all, for scale: the command above
# cannot be faster than its own output.
python3 - "$work/baseline" <<'PY'
import os, sys, time
d = sys.argv[1]
os.mkdir(d)
t = time.time()
for i in range(10000):
    fd = os.open(f"{d}/f{i:05d}", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.write(fd, b"x" * 1100)
    os.close(fd)
os.sync()
print(f"baseline: creating 10,000 files of 1.1 kB with python: {time.time() - t:.3f} s")
PY

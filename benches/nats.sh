#!/usr/bin/env bash
# Minting NATS users: 10,000 user JWTs + .creds files in one command (target < 1 s).
# Usage: benches/nats.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
export CREDCTL_IDENTITY=$work/id
"$bin" nats init --operator bench >/dev/null
"$bin" nats account add APP --signing-key >/dev/null
# The floor, as the issue defines it: creating and syncing 10,000 files of a .creds file's size
# on this disk, plus 10,000 Ed25519 key generations and signatures (libsodium, via PyNaCl) spread
# over the cores. Taken right before each round: this VM's disk swings tenfold from minute to
# minute, so only a pair taken together compares. Run it when nothing has deleted many files for
# ten minutes (a test run, an earlier run of this script): this VM's ext4 has no journal, and
# then allocating an inode steps over every recently freed one (`recently_deleted` in perf),
# which slows creating files several-fold — the floor's and credctl's alike, but unevenly.
floor() {
  python3 - "$work/floor$1" "$(nproc)" <<'PY'
import os, sys, time
import nacl.signing
d, cores = sys.argv[1], int(sys.argv[2])
os.mkdir(d)
t = time.time()
for i in range(10000):
    fd = os.open(f"{d}/f{i:05d}", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.write(fd, b"x" * 1100)
    os.close(fd)
os.sync()
files = time.time() - t
t = time.time()
for i in range(10000):
    nacl.signing.SigningKey.generate().sign(b"x" * 600)
signing = (time.time() - t) / cores
print(f"{files + signing:.3f} {files:.3f} {signing:.3f}")
PY
}
for round in 1 2 3; do
  seq -f "r${round}user%05g" 1 10000 > users.txt
  sync
  read -r base files signing < <(floor "$round")
  start=$(date +%s%N)
  "$bin" nats user add --from users.txt --account APP --allow-pub 'app.>' --out "creds$round" >/dev/null
  end=$(date +%s%N)
  took=$(echo "($end - $start) / 1000000000" | bc -l)
  printf '10,000 users + .creds, round %d: %.3f s; floor %.3f s (files %.3f + signing over %d cores %.3f); ratio %.2f\n' \
    "$round" "$took" "$base" "$files" "$(nproc)" "$signing" "$(echo "$took / $base" | bc -l)"
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

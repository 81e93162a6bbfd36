#!/usr/bin/env bash
# Custodian removal on a large store: N NATS users (default 10000; their seeds are sealed a
# batch to a file) plus the CA and NATS keys, then `ca remove-custodian`, which seals every
# secret again to a new store key in one commit. Against the floor of the same work with the reference tool: `age -d` then `age -e`
# of one sealed seed, times N, over both cores (measured on 200 and scaled).
# Usage: benches/custody.sh [N]
set -euo pipefail
n=${1:-10000}
set --
source "$(dirname "$0")/common.sh"
export CREDCTL_IDENTITY=$work/id
"$bin" nats init --operator OP >/dev/null
"$bin" nats account add APP >/dev/null
for i in $(seq -w 1 "$n"); do echo "u$i"; done > users.txt
"$bin" nats user add --account APP --from users.txt --out creds >/dev/null
"$bin" ca add-identity --out gone.key >/dev/null
gone=$(grep '# public key:' gone.key | awk '{print $4}')
took=$(seconds "$bin" ca remove-custodian "$gone")
sealed=$(grep -rl --include='*.age' -e '-----BEGIN AGE ENCRYPTED FILE-----' ca-store | grep -vc keyring)
# The floor: decrypt and re-encrypt one sealed file with the reference age, 200 times over the cores.
one=$(grep -rl --include='*.age' -e '-----BEGIN AGE ENCRYPTED FILE-----' ca-store/nats | head -1)
age-keygen -o store.key 2>/dev/null
recipient=$(age-keygen -y store.key)
age -r "$recipient" -a -o sample.age "$one"
start=$(date +%s%N)
seq 200 | xargs -P "$(nproc)" -I{} sh -c "age -d -i store.key sample.age | age -r $recipient -a > /dev/null"
end=$(date +%s%N)
floor=$(echo "($end - $start) / 1000000000 * $sealed / 200" | bc -l)
printf '%d users: %d sealed files sealed again in %.2f s; reference age (decrypt + encrypt, %d cores, scaled from 200): %.2f s\n' \
  "$n" "$sealed" "$took" "$(nproc)" "$floor"

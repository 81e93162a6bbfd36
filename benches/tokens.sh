#!/usr/bin/env bash
# Token minting throughput: N service tokens (default 10000) in one `token mint --count N`, per
# algorithm, against the bare signing rate (the floor: `openssl speed` signatures per second on
# one core, times the cores) and a peer (PyJWT, one process, minting the same claims). RS256 is
# a tenth of N: a 3072-bit RSA signature costs milliseconds whoever makes it.
# Usage: benches/tokens.sh [N]
set -euo pipefail
n=${1:-10000}
set --
source "$(dirname "$0")/common.sh"
export CREDCTL_IDENTITY=$work/id
python3 -c 'import jwt, cryptography' 2>/dev/null || python3 -m pip install --quiet pyjwt cryptography
"$bin" token key add ed --alg EdDSA >/dev/null
"$bin" token key add rs --alg RS256 >/dev/null
"$bin" token key add hs --alg HS256 --out hs.secret >/dev/null
cores=$(nproc)
rate() { # openssl's single-core signatures per second for $1
  openssl speed -seconds 2 "$1" 2>/dev/null | awk -v alg="$2" '$0 ~ alg {print $(NF-1); exit}'
}
ed_rate=$(rate ed25519 "Ed25519")
rsa_rate=$(rate rsa3072 "rsa 3072")
peer() { # PyJWT minting $1 tokens with algorithm $2, one process
  python3 - "$1" "$2" <<'PY'
import sys, time, jwt, secrets
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
n, alg = int(sys.argv[1]), sys.argv[2]
key = {"EdDSA": ed25519.Ed25519PrivateKey.generate(),
       "RS256": rsa.generate_private_key(65537, 3072) if alg == "RS256" else None,
       "HS256": secrets.token_bytes(32)}[alg]
t, now = time.time(), int(time.time())
for i in range(n):
    jwt.encode({"iss": "Bench Root", "sub": "a", "aud": "tunnel", "iat": now, "nbf": now,
                "exp": now + 300, "jti": secrets.token_urlsafe(16), "kind": "ephemeral"},
               key, algorithm=alg, headers={"kid": "k"})
print(f"{time.time() - t:.3f}")
PY
}
for round in 1 2; do
  for spec in "ed EdDSA $n $ed_rate" "hs HS256 $n 0" "rs RS256 $((n / 10)) $rsa_rate"; do
    set -- $spec
    took=$(seconds "$bin" token mint --key "$1" --kind ephemeral --sub a --count "$3" --out "t-$1-$round.txt")
    floor=$( [ "$4" = 0 ] && echo 0 || echo "$3 / ($4 * $cores)" | bc -l)
    printf '%s x%d, round %d: credctl %.3f s (%.0f/s); floor (openssl sign rate x %d cores) %.3f s; PyJWT %s s\n' \
      "$2" "$3" "$round" "$took" "$(echo "$3 / $took" | bc -l)" "$cores" "$floor" "$(peer "$3" "$2")"
  done
done

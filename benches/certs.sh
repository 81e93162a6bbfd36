#!/usr/bin/env bash
# Certificate throughput: credctl batch issuance against easy-rsa 3.1 (apt-get install easy-rsa),
# and list/CRL over a large store.
# Usage: benches/certs.sh [--large]   (--large builds a 100,000-certificate store: ~1 min, ~1 GB)
set -euo pipefail
source "$(dirname "$0")/common.sh"


echo "== credctl: 1,000 dev certificates in one process (keygen, sign, store, files synced)"
for round in 1 2 3; do
  seq -f "r${round}dev%04g" 1 1000 > names.txt
  t=$(seconds "$bin" --identity id cert issue --from names.txt --profile dev --out "out$round")
  # t seconds for 1,000 certificates is t milliseconds each.
  printf '  round %d: %6.3f s  (%.2f ms per certificate)\n' "$round" "$t" "$t"
done

easyrsa=/usr/share/easy-rsa/easyrsa
if [ -x "$easyrsa" ]; then
  n=20
  echo "== easy-rsa $("$easyrsa" --version 2>/dev/null | sed -n 's/^Version: *//p'): $n client certificates (build-client-full nopass)"
  mkdir ersa && cd ersa
  export EASYRSA_BATCH=1 EASYRSA_PKI=$PWD/pki
  "$easyrsa" init-pki >/dev/null 2>&1
  EASYRSA_REQ_CN="Bench Root" "$easyrsa" build-ca nopass >/dev/null 2>&1
  start=$(date +%s%N)
  for i in $(seq 1 $n); do "$easyrsa" build-client-full "dev$i" nopass >/dev/null 2>&1; done
  end=$(date +%s%N)
  per=$(echo "($end - $start) / $n / 1000000" | bc -l)
  printf '  %.1f ms per certificate; 1,000 would take about %.0f s\n' "$per" "$(echo "$per" | awk '{print $1}')"
  cd ..
else
  echo "== easy-rsa not installed (apt-get install easy-rsa) - skipped"
fi

if [ "${1:-}" = "--large" ]; then
  echo "== a 100,000-certificate store"
  seq -f "bulk%06g" 1 100000 > big.txt
  printf '  issue 100,000 (batch):          %6.2f s\n' "$(seconds "$bin" --identity id cert issue --from big.txt --profile dev --out big)"
  printf '  cert list --expiring-within 30d: %6.2f s\n' "$(seconds "$bin" cert list --expiring-within 30d)"
  printf '  cert list --json:                %6.2f s\n' "$(seconds "$bin" --json cert list)"
  printf '  revoke 100,000 (one command):    %6.2f s\n' "$(seconds xargs -a big.txt -s 1900000 "$bin" cert revoke --reason cessation-of-operation)"
  printf '  crl (100,000 entries):           %6.2f s\n' "$(seconds "$bin" --identity id crl --out crl.pem)"
  printf '  audit verify:                    %6.2f s\n' "$(seconds "$bin" audit verify)"
fi

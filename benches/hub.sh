#!/usr/bin/env bash
# Hub workflow costs: render with 10,000 developers (target < 200 ms), one `dev add` in that
# store (one bcrypt hash + one signature + a re-render), and a batch `dev add --from` that
# hashes on every core.
# Usage: benches/hub.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
export CREDCTL_IDENTITY=$work/id
"$bin" hub init --name hub --dns hub.example.com --out hubcfg >/dev/null


echo "== batch dev add: 64 developers from a roster (bcrypt cost 11 on $(nproc) cores)"
for i in $(seq -w 1 64); do echo "dev$i,dev$i@example.com"; done > roster.csv
printf '  %.2f s\n' "$(seconds "$bin" dev add --from roster.csv --out bundles)"

# 10,000 developers: members.json is filled directly (with a real bcrypt hash copied for all)
# because hashing 10,000 passwords takes CPU-minutes and is not what this measures.
python3 - <<'PY'
import json
path = "ca-store/hub/members.json"
members = json.load(open(path))
template = next(iter(members["devs"].values()))
for i in range(10000 - len(members["devs"])):
    name = f"synthetic{i:05d}"
    dev = dict(template, name=name, email=None, dn=f"CN={name},OU=dev")
    members["devs"][name] = dev
json.dump(members, open(path, "w"))
# Edited outside credctl, the store no longer matches its signed state: present it as a store
# from before signing and sign it as it is (what an operator does once on upgrading).
import os
os.remove("ca-store/statement.json")
state = json.load(open("ca-store/store.json"))
state["version"] = 1
json.dump(state, open("ca-store/store.json", "w"))
PY
"$bin" audit sign >/dev/null
echo "== hub render with $(python3 -c 'import json;print(len(json.load(open("ca-store/hub/members.json"))["devs"]))') developers"
for i in 1 2 3; do printf "  render into a fresh directory: %.3f s\n" "$(seconds "$bin" hub render --out "render$i" 2>/dev/null)"; done
printf '  render again (nothing changed): %.3f s\n' "$(seconds "$bin" hub render --out render1 2>/dev/null)"
echo "== one dev add in that store (unlock by identity, 1 bcrypt, 1 signature, re-render)"
for i in 1 2 3; do printf '  %.3f s\n' "$(seconds "$bin" dev add "extra$i" --out bundles)"; done

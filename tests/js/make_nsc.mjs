#!/usr/bin/env node
// Builds an nsc operator store and keystore, as nsc lays them out, with the official
// nats-io/jwt.js library: what `credctl import nsc` adopts in the tests.
//
//   node make_nsc.mjs STORES_DIR KEYS_DIR
//
// STORES_DIR/acme/{acme.jwt,.nsc,accounts/NAME/NAME.jwt,accounts/NAME/users/USER.jwt}
// KEYS_DIR/keys/<kind>/<2 chars>/<public>.nk (seeds, plaintext as nsc keeps them)
// KEYS_DIR/creds/acme/NAME/USER.creds
//
// The operator has a signing key that signs the accounts; account APP has a plain signing key
// (user `nscuser`) and a scoped one, role `reader` (user `reader1`); SYS has user `sys`.
// stdout: {"operator": public, "accounts": {name: public}, "users": {name: public}}.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createAccount,
  createOperator,
  createUser,
  encodeAccount,
  encodeOperator,
  encodeUser,
  fmtCreds,
  newScopedSigner,
} from "@nats-io/jwt";

const [stores, keys] = process.argv.slice(2);
if (!stores || !keys) {
  process.stderr.write("usage: make_nsc.mjs STORES_DIR KEYS_DIR\n");
  process.exit(2);
}
const dec = new TextDecoder();
const pub = (kp) => kp.getPublicKey();

function saveKey(kp) {
  const p = pub(kp);
  const dir = join(keys, "keys", p[0], p.slice(1, 3));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${p}.nk`), dec.decode(kp.getSeed()), { mode: 0o600 });
}

function write(rel, text) {
  const path = join(stores, "acme", rel);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

const operator = createOperator();
const operatorSigner = createOperator();
const sys = createAccount();
const app = createAccount();
const appSigner = createAccount();
const readerKey = createAccount();
for (const kp of [operator, operatorSigner, sys, app, appSigner, readerKey]) saveKey(kp);

write("acme.jwt", await encodeOperator("acme", operator, {
  system_account: pub(sys),
  signing_keys: [pub(operatorSigner)],
}));
write(".nsc", JSON.stringify({ name: "acme", kind: "operator", version: 2 }));

const unlimited = {
  subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1,
};
write("accounts/SYS/SYS.jwt", await encodeAccount("SYS", sys, {
  limits: { ...unlimited, mem_storage: 0, disk_storage: 0, streams: 0, consumer: 0 },
}, { signer: operatorSigner }));

const reader = newScopedSigner(readerKey, "reader", {
  pub: { allow: ["app.status"] },
  sub: { allow: ["app.>", "_INBOX.>"] },
});
write("accounts/APP/APP.jwt", await encodeAccount("APP", app, {
  limits: { ...unlimited, conn: 100, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 },
  signing_keys: [pub(appSigner), reader],
  exports: [{ name: "status", subject: "app.status", type: "stream" }],
}, { signer: operatorSigner }));

const users = {};
async function user(account, accountKp, name, signer, data, scoped) {
  const ukp = createUser();
  saveKey(ukp);
  const token = await encodeUser(name, ukp, accountKp, data, { signer, scopedUser: scoped });
  write(`accounts/${account}/users/${name}.jwt`, token);
  const dir = join(keys, "creds", "acme", account);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.creds`), fmtCreds(token, ukp), { mode: 0o600 });
  users[name] = pub(ukp);
}
await user("SYS", sys, "sys", sys, {}, false);
await user("APP", app, "nscuser", appSigner, {
  pub: { allow: ["app.>"] },
  sub: { allow: ["app.>", "_INBOX.>"] },
}, false);
await user("APP", app, "reader1", readerKey, {}, true);

process.stdout.write(JSON.stringify({
  operator: pub(operator),
  accounts: { SYS: pub(sys), APP: pub(app) },
  users,
}) + "\n");

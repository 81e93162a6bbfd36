#!/usr/bin/env node
// Independent checker of NATS JWTs with the official nats-io/jwt.js library (@nats-io/jwt).
//
// stdin: a JSON array of {"name": "...", "jwt": "<token>"} or {"name": "...", "creds": "<.creds file>"}.
//
//   node check_jwts.mjs                 decode + verify every token (signature by its `iss` nkey,
//                                       with the library's decode), check header/version/type, key
//                                       prefixes and, where the issuer's token is in the input too,
//                                       the issuer chain; a creds' seed must be the JWT's `sub`.
//                                       stdout: {"ok":true,"checked":N,"claims":{name:claims},"jti":{name:scheme}}
//   node check_jwts.mjs --strict-jti    also fail a token whose jti matches no known scheme.
//   node check_jwts.mjs --roundtrip     after the checks, re-encode every token's `nats` section with
//                                       the library's encoders (fresh keys), decode it again, and
//                                       compare field names with ours and with the library's types.
//                                       stdout: {"ok":bool,"mode":"roundtrip","checked":N,
//                                                "unknown_fields":{name:[path]},"type_mismatches":{...},
//                                                "roundtrip_diffs":{...}}
//
// Exit: 0 all good; 1 a token failed a check (stderr names it and says why) or, in --roundtrip,
// a field the library's types do not know or a value of another type; 2 any exception (stack on stderr).

import { createHash } from "node:crypto";
import {
  decode,
  encodeAccount,
  encodeActivation,
  encodeOperator,
  encodeUser,
  parseCreds,
  newScopedSigner,
  defaultUserPermissionsLimits,
  defaultUser,
  createAccount,
  createOperator,
  createUser,
  fromPublic,
  fromSeed,
  Types,
  Algorithms,
} from "@nats-io/jwt";

const args = process.argv.slice(2);
for (const a of args) {
  if (!["--roundtrip", "--strict-jti"].includes(a)) {
    process.stderr.write(`check_jwts: unknown argument ${a}\n`);
    process.exit(2);
  }
}
const ROUNDTRIP = args.includes("--roundtrip");
const STRICT_JTI = args.includes("--strict-jti");

class CheckError extends Error {}
const TE = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Field schema transcribed from @nats-io/jwt 0.0.11 lib/types.d.ts (the runtime has no types).
// A string is a primitive typeof; {$array: T}; {$map: T} (free keys); {$oneOf: [T...]}; a plain
// object is a struct whose keys are the only known field names.
const S = "string", N = "number", B = "boolean";
const SA = { $array: S };
const Permission = { allow: SA, deny: SA };
const ResponsePermissions = { max: N, ttl: N };
const Permissions = { pub: Permission, sub: Permission, resp: ResponsePermissions };
const NatsLimits = { data: N, payload: N, subs: N };
const TimeRange = { start: S, end: S };
// Three fields nats-io/jwt v2 (Go: what nats-server itself decodes) has and jwt.js 0.0.11's types
// lack or name otherwise: the time zone of `times` is `times_location` in Go (jwt.js: `locale`),
// a scoped signing key has a `description`, an export may `advertise`.
const UserLimits = { src: SA, times: { $array: TimeRange }, locale: S, times_location: S };
const UserPermissionsLimits = {
  ...Permissions, ...UserLimits, ...NatsLimits,
  bearer_token: B, allowed_connection_types: SA,
};
const GenericFields = { tags: SA, type: S, version: N };
const IssuerAccount = { issuer_account: S };
const Info = { description: S, info_url: S };
const SigningKey = { kind: S, key: S, role: S, template: UserPermissionsLimits, description: S };
const SigningKeys = { $array: { $oneOf: [S, SigningKey] } };
const RevocationList = { $map: N };
const AccountLimits = {
  imports: N, exports: N, wildcards: B, conn: N, leaf: N, disallow_bearer: B,
};
const JetStreamLimits = {
  mem_storage: N, disk_storage: N, streams: N, consumer: N,
  mem_max_stream_bytes: N, disk_max_stream_bytes: N, max_bytes_required: B, max_ack_pending: N,
};
const OperatorLimits = {
  ...NatsLimits, ...AccountLimits, ...JetStreamLimits,
  tiered_limits: { R1: JetStreamLimits, R3: JetStreamLimits },
};
const base = { name: S, subject: S, type: S };
const Import = { ...base, account: S, token: S, to: S, local_subject: S, share: B };
const Export = {
  ...base, ...Info,
  token_req: B, revocations: RevocationList, response_type: S, response_threshold: N,
  service_latency: { sampling: S, results: S }, account_token_position: N, advertise: B,
};
const SCHEMA = {
  operator: {
    ...GenericFields,
    signing_keys: SigningKeys, account_server_url: S, operator_service_urls: SA, system_account: S,
  },
  account: {
    ...Info, ...GenericFields,
    imports: { $array: Import }, exports: { $array: Export }, limits: OperatorLimits,
    signing_keys: SigningKeys, revocations: RevocationList, default_permissions: Permissions,
    disallow_bearer: B,
    authorization: { auth_users: SA, allowed_accounts: SA, xkey: S },
  },
  user: { ...UserPermissionsLimits, ...IssuerAccount, ...GenericFields },
  activation: { ...GenericFields, ...IssuerAccount, subject: S, kind: S },
};

// The transcription must cover whatever the library's own defaults produce at run time.
function assertSchemaCoversLibraryDefaults() {
  const miss = [];
  const need = (obj, schema, where) => {
    for (const k of Object.keys(obj)) if (!(k in schema)) miss.push(`${where}.${k}`);
  };
  need(defaultUserPermissionsLimits(), UserPermissionsLimits, "defaultUserPermissionsLimits()");
  need(defaultUser(), SCHEMA.user, "defaultUser()");
  const sk = newScopedSigner(createAccount().getPublicKey(), "r", {});
  need(sk, SigningKey, "newScopedSigner()");
  need(sk.template, UserPermissionsLimits, "newScopedSigner().template");
  if (miss.length) throw new Error(`schema transcription is missing library fields: ${miss}`);
}

function kindOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

// Walks `value` against `schema`, collecting unknown field paths and type mismatches.
function walk(value, schema, path, out) {
  if (typeof schema === "string") {
    if (typeof value !== schema) out.mismatch.push(`${path}: ${kindOf(value)}, library type ${schema}`);
    return;
  }
  if (schema.$array) {
    if (!Array.isArray(value)) {
      out.mismatch.push(`${path}: ${kindOf(value)}, library type array`);
      return;
    }
    value.forEach((v) => walk(v, schema.$array, `${path}[]`, out));
    return;
  }
  if (schema.$map) {
    if (kindOf(value) !== "object") {
      out.mismatch.push(`${path}: ${kindOf(value)}, library type map`);
      return;
    }
    for (const v of Object.values(value)) walk(v, schema.$map, `${path}.*`, out);
    return;
  }
  if (schema.$oneOf) {
    for (const alt of schema.$oneOf) {
      const o = { unknown: [], mismatch: [] };
      walk(value, alt, path, o);
      if (o.mismatch.length === 0) {
        out.unknown.push(...o.unknown);
        return;
      }
    }
    out.mismatch.push(`${path}: ${kindOf(value)} fits none of the library's alternatives`);
    return;
  }
  if (kindOf(value) !== "object") {
    out.mismatch.push(`${path}: ${kindOf(value)}, library type object`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in schema)) out.unknown.push(p);
    else walk(v, schema[k], p, out);
  }
}

// Every field path of a JSON value (arrays as [], all keys literal).
function fieldPaths(v, path = "", acc = new Set()) {
  if (Array.isArray(v)) {
    v.forEach((x) => fieldPaths(x, `${path}[]`, acc));
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      acc.add(p);
      fieldPaths(x, p, acc);
    }
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------
const B64URL = /^[A-Za-z0-9_-]+$/;

function b64urlPart(part, what) {
  if (!B64URL.test(part)) throw new CheckError(`${what} is not unpadded base64url`);
  const bytes = Buffer.from(part, "base64url");
  if (bytes.toString("base64url") !== part) throw new CheckError(`${what} is not canonical base64url`);
  return bytes;
}

function base32NoPad(bytes) {
  const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, val = 0, out = "";
  for (const b of bytes) {
    val = (val << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += A[(val >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += A[(val << (5 - bits)) & 31];
  return out;
}

// Which way the jti was made. The library has no jti helper; its encode() sets
// jti = base64(SHA-512(JSON.stringify(claims before jti))). credctl (src/nats/jwt.rs) documents
// jti = base32-nopad(SHA-512/256(claims JSON with "jti":"")), recomputed here on the raw bytes.
function jtiScheme(payloadText, claims) {
  const jti = claims.jti;
  if (typeof jti !== "string" || jti === "") return "missing";
  const raw = `"jti":${JSON.stringify(jti)}`;
  if (payloadText.split(raw).length === 2) {
    const blank = payloadText.replace(raw, `"jti":""`);
    if (base32NoPad(createHash("sha512-256").update(blank).digest()) === jti) return "sha512-256-base32";
  }
  const c = { ...claims };
  delete c.jti;
  if (createHash("sha512").update(JSON.stringify(c)).digest("base64") === jti) return "jwt.js-sha512-base64";
  return "unrecognized";
}

const WANT = {
  // type: [sub prefix, iss prefix]
  operator: ["O", "O"],
  account: ["A", "O"],
  user: ["U", "A"],
  activation: ["A", "A"],
};

function checkToken(token) {
  if (typeof token !== "string") throw new CheckError("jwt is not a string");
  const parts = token.split(".");
  if (parts.length !== 3) throw new CheckError(`expected 3 dot-separated parts, got ${parts.length}`);
  const [h64, p64, s64] = parts;
  let header;
  try {
    header = JSON.parse(b64urlPart(h64, "header").toString("utf8"));
  } catch (e) {
    if (e instanceof CheckError) throw e;
    throw new CheckError(`header is not JSON: ${e.message}`);
  }
  if (header.typ !== "JWT") throw new CheckError(`header typ is ${JSON.stringify(header.typ)}, want "JWT"`);
  if (header.alg !== Algorithms.v2) throw new CheckError(`header alg is ${JSON.stringify(header.alg)}, want "${Algorithms.v2}"`);
  const payloadText = b64urlPart(p64, "payload").toString("utf8");
  const sig = b64urlPart(s64, "signature");
  if (sig.length !== 64) throw new CheckError(`signature is ${sig.length} bytes, want 64`);

  // The library's decode verifies the Ed25519 signature over `header.payload` by the iss nkey.
  let claims;
  try {
    claims = decode(token);
  } catch (e) {
    throw new CheckError(`@nats-io/jwt decode refused it: ${e.message}`);
  }
  // Belt and braces: the same verification through nkeys directly.
  let issKp;
  try {
    issKp = fromPublic(claims.iss);
  } catch (e) {
    throw new CheckError(`iss ${JSON.stringify(claims.iss)} is not a public nkey: ${e.message}`);
  }
  if (!issKp.verify(TE.encode(`${h64}.${p64}`), new Uint8Array(sig))) {
    throw new CheckError("signature does not verify by iss (nkeys)");
  }
  const nats = claims.nats;
  if (kindOf(nats) !== "object") throw new CheckError("no nats section");
  if (nats.version !== 2) throw new CheckError(`nats.version is ${JSON.stringify(nats.version)}, want 2`);
  const type = nats.type;
  if (!Object.hasOwn(WANT, type)) throw new CheckError(`nats.type is ${JSON.stringify(type)}, want operator/account/user/activation`);
  for (const f of ["jti", "iss", "sub", "name"]) {
    if (typeof claims[f] !== "string") throw new CheckError(`${f} is not a string`);
  }
  if (!Number.isInteger(claims.iat)) throw new CheckError("iat is not an integer");
  for (const f of ["exp", "nbf"]) {
    if (f in claims && !Number.isInteger(claims[f])) throw new CheckError(`${f} is not an integer`);
  }
  if (claims.exp !== undefined && claims.exp <= claims.iat) throw new CheckError("exp is not after iat");
  try {
    fromPublic(claims.sub);
  } catch (e) {
    throw new CheckError(`sub ${JSON.stringify(claims.sub)} is not a public nkey: ${e.message}`);
  }
  const [subP, issP] = WANT[type];
  if (claims.sub[0] !== subP) throw new CheckError(`${type} sub ${claims.sub} should start with ${subP}`);
  if (claims.iss[0] !== issP) throw new CheckError(`${type} iss ${claims.iss} should start with ${issP}`);
  if (nats.issuer_account !== undefined) {
    if (type !== "user" && type !== "activation") throw new CheckError(`issuer_account on a ${type}`);
    if (typeof nats.issuer_account !== "string" || nats.issuer_account[0] !== "A") {
      throw new CheckError(`issuer_account ${JSON.stringify(nats.issuer_account)} is not an account key`);
    }
    if (nats.issuer_account === claims.iss) throw new CheckError("issuer_account equals iss (set only when a signing key issues)");
  }
  if (type === "operator" && claims.iss !== claims.sub &&
      !(nats.signing_keys ?? []).includes(claims.iss)) {
    // An operator JWT is self-signed (or by one of its own signing keys).
    throw new CheckError("operator is not signed by itself or one of its signing keys");
  }
  if (type === "activation") {
    if (typeof nats.subject !== "string" || nats.subject === "") throw new CheckError("activation has no subject");
    if (!["stream", "service"].includes(nats.kind)) throw new CheckError(`activation kind is ${JSON.stringify(nats.kind)}`);
  }
  const jti = jtiScheme(payloadText, claims);
  if (STRICT_JTI && (jti === "unrecognized" || jti === "missing")) throw new CheckError(`jti ${claims.jti} matches no known scheme`);
  return { claims, jti };
}

function signingKeyIds(nats) {
  return (nats.signing_keys ?? []).map((k) => (typeof k === "string" ? k : k?.key));
}

// Issuer chain, checked only where the issuer's own token is in the input too.
function checkChains(results, fail) {
  const byType = (t) => Object.entries(results).filter(([, r]) => r.claims.nats.type === t);
  const operators = byType("operator");
  const accounts = new Map(byType("account").map(([, r]) => [r.claims.sub, r.claims]));
  if (operators.length) {
    for (const [name, r] of byType("account")) {
      const ok = operators.some(([, o]) => o.claims.sub === r.claims.iss || signingKeyIds(o.claims.nats).includes(r.claims.iss));
      if (!ok) fail(name, `account issuer ${r.claims.iss} is no operator (or operator signing key) in the input`);
    }
    for (const [name, o] of operators) {
      const sys = o.claims.nats.system_account;
      if (sys !== undefined && (typeof sys !== "string" || sys[0] !== "A")) fail(name, `system_account ${JSON.stringify(sys)} is not an account key`);
    }
  }
  for (const t of ["user", "activation"]) {
    for (const [name, r] of byType(t)) {
      const acctKey = r.claims.nats.issuer_account ?? r.claims.iss;
      const acct = accounts.get(acctKey);
      if (!acct) continue;
      if (r.claims.nats.issuer_account !== undefined) {
        if (!signingKeyIds(acct.nats).includes(r.claims.iss)) fail(name, `issuer ${r.claims.iss} is not a signing key of account ${acctKey}`);
      } else if (r.claims.iss !== acct.sub) {
        fail(name, `issuer ${r.claims.iss} is not account ${acctKey}`);
      }
    }
  }
}

async function checkCreds(text) {
  if (typeof text !== "string") throw new CheckError("creds is not a string");
  let parsed;
  try {
    parsed = await parseCreds(TE.encode(text));
  } catch (e) {
    throw new CheckError(`@nats-io/jwt parseCreds refused it: ${e.message}`);
  }
  let kp;
  try {
    kp = fromSeed(TE.encode(parsed.key));
  } catch (e) {
    throw new CheckError(`creds seed is not an nkey seed: ${e.message}`);
  }
  if (!parsed.key.startsWith("SU")) throw new CheckError("creds seed is not a user seed (SU...)");
  const r = checkToken(parsed.jwt);
  if (r.claims.nats.type !== "user") throw new CheckError(`creds JWT is a ${r.claims.nats.type}, want user`);
  if (kp.getPublicKey() !== r.claims.sub) throw new CheckError(`creds seed's public key ${kp.getPublicKey()} is not the JWT sub ${r.claims.sub}`);
  return r;
}

async function roundtrip(name, claims) {
  const nats = structuredClone(claims.nats);
  let token;
  switch (nats.type) {
    case Types.Operator:
      token = await encodeOperator(claims.name, createOperator(), nats);
      break;
    case Types.Account:
      token = await encodeAccount(claims.name, createAccount(), nats);
      break;
    case Types.User:
      token = await encodeUser(claims.name, createUser().getPublicKey(), createAccount(), nats);
      break;
    case Types.Activation:
      token = await encodeActivation(claims.name, createAccount().getPublicKey(), createAccount(), nats.kind, nats);
      break;
  }
  const back = decode(token).nats;
  const ours = fieldPaths(claims.nats), theirs = fieldPaths(back);
  const diff = {};
  const lost = [...ours].filter((p) => !theirs.has(p));
  const added = [...theirs].filter((p) => !ours.has(p));
  if (lost.length) diff.lost = lost;
  if (added.length) diff.added_by_library = added.map((p) => `${p}=${JSON.stringify(p.split(".").reduce((o, k) => o?.[k], back))}`);
  const changed = Object.keys(claims.nats).filter((k) => k in back && JSON.stringify(back[k]) !== JSON.stringify(claims.nats[k]));
  if (changed.length) diff.changed = changed;
  const out = { unknown: [], mismatch: [] };
  walk(claims.nats, SCHEMA[nats.type], "", out);
  return { diff, ...out };
}

async function main() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (!Array.isArray(input)) throw new Error("stdin must be a JSON array of {name, jwt|creds}");

  const failures = [];
  const fail = (name, why) => failures.push(`${name}: ${why}`);
  const results = {};
  for (const [i, item] of input.entries()) {
    const name = item?.name;
    if (typeof name !== "string" || name === "") { fail(`#${i}`, "no name"); continue; }
    if (Object.hasOwn(results, name)) { fail(name, "duplicate name"); continue; }
    const hasJwt = "jwt" in item, hasCreds = "creds" in item;
    if (hasJwt === hasCreds) { fail(name, "needs exactly one of jwt or creds"); continue; }
    try {
      results[name] = hasJwt ? checkToken(item.jwt) : await checkCreds(item.creds);
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
      fail(name, e.message);
    }
  }
  checkChains(results, fail);
  if (failures.length) {
    for (const f of failures) process.stderr.write(`check_jwts: FAIL ${f}\n`);
    process.exit(1);
  }
  const claims = Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.claims]));
  const jti = Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.jti]));
  if (!ROUNDTRIP) {
    process.stdout.write(JSON.stringify({ ok: true, checked: input.length, claims, jti }) + "\n");
    return;
  }

  assertSchemaCoversLibraryDefaults();
  const unknown = {}, mismatches = {}, diffs = {};
  for (const [name, c] of Object.entries(claims)) {
    const r = await roundtrip(name, c);
    if (r.unknown.length) unknown[name] = r.unknown;
    if (r.mismatch.length) mismatches[name] = r.mismatch;
    if (Object.keys(r.diff).length) diffs[name] = r.diff;
  }
  const ok = Object.keys(unknown).length === 0 && Object.keys(mismatches).length === 0;
  process.stdout.write(JSON.stringify({
    ok, mode: "roundtrip", checked: input.length,
    unknown_fields: unknown, type_mismatches: mismatches, roundtrip_diffs: diffs,
  }) + "\n");
  if (!ok) {
    for (const [n, f] of Object.entries(unknown)) process.stderr.write(`check_jwts: UNKNOWN ${n}: ${f.join(", ")}\n`);
    for (const [n, f] of Object.entries(mismatches)) process.stderr.write(`check_jwts: TYPE ${n}: ${f.join("; ")}\n`);
    process.exit(1);
  }
}

main().catch((e) => {
  process.stderr.write(`check_jwts: exception\n${e?.stack ?? e}\n`);
  process.exit(2);
});

#!/usr/bin/env python3
"""One NATS connection for the Rust tests, made by the official Python client (nats-py).

The tests check credctl's output with real tools nobody here wrote; this is the NATS client.
It speaks line-delimited JSON: each line on stdin is one request, answered by exactly one
line on stdout, `{"ok": true, ...}` or `{"error": "..."}`. Every wait is bounded by the
request's `timeout` (seconds). The process exits when stdin closes.

An `error` is what NATS, TLS or the network said (refused, denied, timed out): the Rust side
hands it to the test as an `Err`. Any other exception is a fault of this helper or of the
client library, answered as `{"crash": traceback}`, which the Rust side turns into a panic: a
broken client must never pass for a refused connection.

Requests (`op` and its fields):
  connect      url, user?, password?, creds?, ca?, cert?, key?, require_tls?, timeout?
  subscribe    subject                   -> sid
  serve        subject                   -> sid; answers every request on subject with
                                            "echo:" + its payload (a failed answer goes to errors)
  publish      subject, payload
  flush        timeout?
  next_msg     sid, timeout              -> subject, payload; or timed_out: true
  request      subject, payload, timeout -> payload
  errors                                 -> errors: what the server reported asynchronously
                                            (e.g. permissions violations), in order
  js_add_stream    name, subjects, num_replicas, timeout
  js_stream_info   name, timeout         -> num_replicas, replicas (peers besides the leader),
                                            messages, info (the whole answer, as text)
  js_publish       subject, payload, timeout -> stream, seq (acknowledged)
  js_get_msg       stream, seq, timeout  -> subject, payload
"""

import asyncio
import json
import ssl
import sys
import traceback

import nats
import nats.errors

DEFAULT_TIMEOUT = 3.0


def text(data):
    return (data or b"").decode("utf-8", "backslashreplace")


class Failure(Exception):
    """A failure this helper describes itself."""


# What NATS, TLS and the network raise for a refusal, a denial or a timeout (ssl.SSLError,
# ConnectionError and TimeoutError are OSErrors).
REFUSALS = (nats.errors.Error, OSError, asyncio.TimeoutError, Failure)


def describe(e):
    """An exception as one line: its type and message."""
    if isinstance(e, Failure):
        return str(e)
    said = str(e).strip()
    name = type(e).__name__
    return f"{name}: {said}" if said else name


class Session:
    def __init__(self):
        self.nc = None
        self.subs = {}
        self.next_sid = 1
        self.errors = []

    async def on_error(self, e):
        self.errors.append(describe(e))

    async def connect(self, req, timeout):
        if self.nc is not None:
            raise Failure("already connected")
        tls = None
        if req.get("ca") or req.get("cert") or req.get("require_tls"):
            tls = ssl.create_default_context(cafile=req.get("ca"))
            if req.get("cert"):
                tls.load_cert_chain(req["cert"], req["key"])
        options = dict(
            servers=[req["url"]],
            error_cb=self.on_error,
            # No reconnects once connected; an address that refuses gets one more try (0 here
            # would mean endless tries), shortly after the first.
            allow_reconnect=False,
            connect_timeout=timeout,
            max_reconnect_attempts=1,
            reconnect_time_wait=0.2,
        )
        if tls is not None:
            options["tls"] = tls
        if req.get("user") is not None:
            options["user"] = req["user"]
            options["password"] = req.get("password", "")
        if req.get("creds"):
            options["user_credentials"] = req["creds"]
        nc = nats.aio.client.Client()
        connected = False
        try:
            await asyncio.wait_for(nc.connect(**options), timeout)
            # The server may accept the TLS session and then refuse the user: a round trip to
            # the server is what proves the connection is authorised.
            await nc.flush(timeout=timeout)
            if not nc.is_connected:
                raise Failure("the connection closed")
            if req.get("require_tls") and not nc._server_info.get("tls_required"):
                raise Failure("TLS is required and the server does not offer it")
            connected = True
        except REFUSALS as e:
            said = describe(e)
            late = [x for x in self.errors if x != said]
            raise Failure("; ".join([said] + late)) from None
        finally:
            if not connected:
                await close(nc)
        self.nc = nc
        return {}

    def conn(self):
        if self.nc is None:
            raise Failure("not connected")
        return self.nc

    def jetstream(self, timeout):
        return self.conn().jetstream(timeout=timeout)

    OPS = {"connect", "errors", "subscribe", "serve", "publish", "flush", "next_msg", "request"}
    JS_OPS = {"js_add_stream", "js_stream_info", "js_publish", "js_get_msg"}

    async def handle(self, req):
        op = req.get("op")
        if op not in self.OPS | self.JS_OPS:
            raise ValueError(f"unknown op {op!r}")
        timeout = float(req.get("timeout", DEFAULT_TIMEOUT))
        payload = req.get("payload", "").encode()
        if op == "connect":
            return await self.connect(req, timeout)
        if op == "errors":
            return {"errors": list(self.errors)}
        nc = self.conn()
        if op == "subscribe":
            sub = await nc.subscribe(req["subject"])
            sid = self.next_sid
            self.next_sid += 1
            self.subs[sid] = sub
            return {"sid": sid}
        if op == "serve":
            async def answer(msg):
                try:
                    await msg.respond(b"echo:" + msg.data)
                except REFUSALS as e:
                    self.errors.append(describe(e))

            sub = await nc.subscribe(req["subject"], cb=answer)
            sid = self.next_sid
            self.next_sid += 1
            self.subs[sid] = sub
            return {"sid": sid}
        if op == "publish":
            await nc.publish(req["subject"], payload)
            return {}
        if op == "flush":
            await nc.flush(timeout=timeout)
            return {}
        if op == "next_msg":
            sub = self.subs[req["sid"]]
            try:
                msg = await sub.next_msg(timeout=timeout)
            except nats.errors.TimeoutError:
                return {"timed_out": True}
            return {"subject": msg.subject, "payload": text(msg.data)}
        if op == "request":
            msg = await nc.request(req["subject"], payload, timeout=timeout)
            return {"payload": text(msg.data)}
        js = self.jetstream(timeout)
        if op == "js_add_stream":
            await js.add_stream(
                name=req["name"],
                subjects=req["subjects"],
                num_replicas=req["num_replicas"],
            )
            return {}
        if op == "js_stream_info":
            info = await js.stream_info(req["name"])
            replicas = info.cluster.replicas if info.cluster else None
            return {
                "num_replicas": info.config.num_replicas,
                "replicas": len(replicas or []),
                "messages": info.state.messages,
                "info": repr(info),
            }
        if op == "js_publish":
            ack = await js.publish(req["subject"], payload, timeout=timeout)
            return {"stream": ack.stream, "seq": ack.seq}
        if op == "js_get_msg":
            msg = await js.get_msg(req["stream"], req["seq"])
            return {"subject": msg.subject, "payload": text(msg.data)}
        raise AssertionError(op)


async def close(nc):
    try:
        await asyncio.wait_for(nc.close(), 2)
    except BaseException:
        pass


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 24)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    session = Session()
    while True:
        line = await reader.readline()
        if not line:
            break
        try:
            req = json.loads(line)
            # The whole request is bounded, whatever the client library does inside it (a
            # connect waits for the connection, then for the round trip).
            timeout = float(req.get("timeout", DEFAULT_TIMEOUT))
            limit = 2 * timeout + 2 if req.get("op") == "connect" else timeout + 2
            answer = await asyncio.wait_for(session.handle(req), limit)
            answer["ok"] = True
        except asyncio.TimeoutError as e:
            answer = {"error": f"timed out ({describe(e)})"}
        except REFUSALS as e:
            answer = {"error": describe(e)}
        except Exception:
            answer = {"crash": traceback.format_exc()}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    if session.nc is not None:
        await close(session.nc)


if __name__ == "__main__":
    asyncio.run(main())

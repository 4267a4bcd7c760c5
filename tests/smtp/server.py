#!/usr/bin/env python3
"""A real SMTP server on localhost for the sending tests (aiosmtpd, Debian's python3-aiosmtpd).

STARTTLS (or implicit TLS) with a certificate made for the run by its own authority, AUTH
PLAIN/LOGIN required after TLS, and behaviours a test asks for:
  --refuse ADDR       550 for this recipient (repeatable)
  --busy ADDR         451 for this recipient the first N times (--busy-times, default 1)
  --cut-rcpt ADDR     close the connection at RCPT for this recipient, the first time only
  --cut-after-data ADDR  keep the message, then close the connection without answering, once
  --plain             no TLS and no AUTH: a relay on this computer (the app allows
                      unencrypted SMTP to localhost only)
Every message accepted is written to OUT/NNNN.eml; the line "PRET <port>" on stdout says it
listens. Stopped by SIGTERM.
"""
import argparse
import asyncio
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, SMTP


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = len(os.listdir(args.out))
        self.lock = threading.Lock()
        self.busy_left = {a: args.busy_times for a in args.busy}
        self.cut_rcpt_done = set()
        self.cut_data_done = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.args.refuse:
            return "550 5.1.1 <%s>: adresse inconnue" % address
        if self.busy_left.get(address, 0) > 0:
            self.busy_left[address] -= 1
            return "451 4.7.1 Trop de messages, reessayez plus tard"
        if address in self.args.cut_rcpt and address not in self.cut_rcpt_done:
            self.cut_rcpt_done.add(address)
            server.transport.close()
            return "421 4.3.0 coupure"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            path = os.path.join(self.args.out, "%04d.eml" % self.count)
        with open(path, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        rcpt = envelope.rcpt_tos[0] if envelope.rcpt_tos else ""
        if rcpt in self.args.cut_after_data and rcpt not in self.cut_data_done:
            self.cut_data_done.add(rcpt)
            server.transport.close()
            return "421 4.3.0 coupure"
        return "250 2.0.0 Ok: recu %04d" % self.count


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == ARGS.login.encode() and auth_data.password == ARGS.password.encode()
    # handled=False: aiosmtpd answers 535 itself (by default it leaves the answer to us).
    return AuthResult(success=ok, handled=False)


class TlsController(Controller):
    def factory(self):
        if ARGS.plain:
            return SMTP(self.handler, hostname="localhost")
        kwargs = dict(
            authenticator=authenticator,
            auth_require_tls=True,
            auth_required=True,
            hostname="localhost",
        )
        if ARGS.implicit_tls:
            # The whole connection is TLS already; aiosmtpd 1.4 only knows of STARTTLS's.
            kwargs.update(auth_require_tls=False)
        else:
            kwargs.update(tls_context=CONTEXT, require_starttls=True)
        return SMTP(self.handler, **kwargs)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--plain", action="store_true")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--login", default="organisatrice")
    p.add_argument("--password", default="mot-de-passe")
    p.add_argument("--implicit-tls", action="store_true")
    p.add_argument("--refuse", action="append", default=[])
    p.add_argument("--busy", action="append", default=[])
    p.add_argument("--busy-times", type=int, default=1)
    p.add_argument("--cut-rcpt", action="append", default=[])
    p.add_argument("--cut-after-data", action="append", default=[])
    ARGS = p.parse_args()
    os.makedirs(ARGS.out, exist_ok=True)
    CONTEXT = None
    if not ARGS.plain:
        CONTEXT = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        CONTEXT.load_cert_chain(ARGS.cert, ARGS.key)
    port = ARGS.port or free_port()
    extra = {"ssl_context": CONTEXT} if ARGS.implicit_tls else {}
    controller = TlsController(Handler(ARGS), hostname="127.0.0.1", port=port, server_hostname="localhost", **extra)
    controller.start()
    print("PRET %d" % port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()

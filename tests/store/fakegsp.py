#!/usr/bin/python3
"""fakegsp.py MODE PORTFILE [OUT] - a one-shot Graph Store stand-in on
127.0.0.1 for testing `kgraph push` without a real server.

Binds a free loopback port and writes it to PORTFILE, then answers
requests according to MODE and exits after a few requests or 30 seconds:

  record  201 Created; the method, path+query, Content-Type and body of
          each authorised request are appended to OUT as JSON lines
  basic   like record, but only with HTTP basic auth user "u" password
          "p" (401 with a Basic challenge otherwise)
  error   500 with an HTML body that carries the server's message
  hang    accept the connection and never answer
  tls     like record, over TLS with the certificate and key in OUT.crt
          and OUT.key (self-signed, so a verifying client must refuse)
"""
import base64
import http.server
import json
import socket
import ssl
import sys
import time

MODE, PORTFILE = sys.argv[1], sys.argv[2]
OUT = sys.argv[3] if len(sys.argv) > 3 else None
MAX_REQUESTS = 8


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _answer(self, code, body=b"", ctype="text/plain", extra=()):
        self.send_response(code)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):
        body = self._body()
        if MODE == "basic":
            want = "Basic " + base64.b64encode(b"u:p").decode()
            if self.headers.get("Authorization") != want:
                self._answer(401, b"login please",
                             extra=[("WWW-Authenticate", 'Basic realm="t"')])
                return
        if MODE == "error":
            self._answer(500, b"<html><head><title>Error</title></head><body>"
                         b"<h1>500</h1><xmp>SP029: TURTLE RDF loader, line 3: "
                         b"syntax error at &lt;x&gt;</xmp></body></html>",
                         "text/html")
            return
        with open(OUT, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "method": self.command, "path": self.path,
                "type": self.headers.get("Content-Type"),
                "body": body.decode("utf-8")}) + "\n")
        self._answer(201)


def main():
    if MODE == "hang":
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen(4)
        with open(PORTFILE, "w") as f:
            f.write(str(s.getsockname()[1]))
        conns = []
        end = time.time() + 30
        s.settimeout(1)
        while time.time() < end:
            try:
                c, _ = s.accept()
                conns.append(c)  # keep it open, say nothing
            except socket.timeout:
                pass
        return
    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    if MODE == "tls":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(OUT + ".crt", OUT + ".key")
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.timeout = 1
    with open(PORTFILE, "w") as f:
        f.write(str(srv.server_address[1]))
    end = time.time() + 30
    for _ in range(MAX_REQUESTS * 30):
        if time.time() > end:
            break
        try:
            srv.handle_request()
        except (ssl.SSLError, OSError):
            pass


if __name__ == "__main__":
    main()

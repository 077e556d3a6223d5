"""Black-box test harness: starts `tashil serve` on a free loopback port with a fresh
database, and speaks HTTP to it with the standard library only.

    with Server() as s:
        r = s.get("/")            # -> Response(status, headers, body: str)
        s.login("admin", "pw")    # keeps the session cookie

Each Server gets its own temporary folder, and is stopped (SIGTERM, then waited
for) when the `with` block ends, whatever happens inside it."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

BIN = os.environ.get("TASHIL_BIN", "build/asan/tashil")
PASSWORD = "correct horse battery"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        self.body = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]


def run(*args, stdin=None, check=True):
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"tashil {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


class Server:
    def __init__(self, users=(("admin", "admin"),), extra_args=()):
        self.users = users
        self.extra_args = list(extra_args)
        self.cookies = {}

    def __enter__(self):
        self.dir = tempfile.TemporaryDirectory(prefix="tashil-bb-")
        self.db = os.path.join(self.dir.name, "t.db")
        run("init", "--db", self.db)
        for name, role in self.users:
            run("user", "add", "--db", self.db, "--role", role, "--name", name,
                "--display-name", f"کاربر {name}", "--password-stdin", stdin=PASSWORD + "\n")
        self.log_path = os.path.join(self.dir.name, "server.log")
        self.log = open(self.log_path, "w+")
        self._serve()
        return self

    def _serve(self):
        """Starts `tashil serve` on the database and waits for its port."""
        start = self.log.seek(0, os.SEEK_END)
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:0", "--threads", "4",
             *self.extra_args],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        self.port = None
        while time.time() < deadline and self.port is None:
            time.sleep(0.05)
            self.log.seek(start)
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", self.log.read())
            if m:
                self.port = int(m.group(1))
            if self.proc.poll() is not None:
                break
        if self.port is None:
            self.log.seek(0)
            self.stop()
            raise AssertionError("server did not start:\n" + self.log.read())

    def restart(self, extra_args=()):
        """Stops the server and starts it again on the same database (users, tokens and
        records stay) with other flags, e.g. ("--test-clock-shift-days", "30") to serve
        as if thirty days had passed. The old process must have stopped cleanly."""
        rc = self.stop()
        if rc != 0:
            self.log.seek(0)
            raise AssertionError(f"server exited with {rc} before the restart:\n{self.log.read()}")
        self.extra_args = list(extra_args)
        self._serve()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __exit__(self, *exc):
        rc = self.stop()
        self.log.seek(0)
        text = self.log.read()
        self.log.close()
        self.dir.cleanup()
        if "ERROR: AddressSanitizer" in text or "runtime error:" in text:
            raise AssertionError("sanitizer report from the server:\n" + text)
        if exc[0] is None and rc != 0:
            raise AssertionError(f"server exited with {rc}:\n{text}")

    def server_log(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    # --- HTTP ---------------------------------------------------------------------
    def request(self, method, path, body=None, headers=None, raw_body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            raw_body = urllib.parse.urlencode(body).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST" and "Origin" not in (headers or {}):
            h["Origin"] = f"http://127.0.0.1:{self.port}"
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        # Non-ASCII characters in the path or query are sent percent-encoded, as a
        # browser does; what is already encoded stays as it is.
        path = urllib.parse.quote(path, safe="/?&=%:+,;@#!$'()*[]~")
        conn.request(method, path, body=raw_body, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        for c in resp.headers_all("Set-Cookie"):
            name, _, rest = c.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def api(self, method, path, token=None, body=None, raw=None, headers=None,
            ctype="application/json"):
        """A JSON API call: an optional bearer token, body (JSON-encoded) or raw bytes
        sent as ctype (None: no Content-Type). The response gets .json (or None)."""
        h = {"Authorization": "Bearer " + token} if token else {}
        if body is not None:
            raw = json.dumps(body, ensure_ascii=False).encode()
        if raw is not None and ctype:
            h["Content-Type"] = ctype
        h.update(headers or {})
        r = self.request(method, path, raw_body=raw, headers=h)
        r.json = json.loads(r.body) if r.header("Content-Type") == "application/json" and r.raw else None
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def csrf_from(self, html):
        m = re.search(r'name="_csrf" value="([^"]+)"', html)
        return m.group(1) if m else None

    def login(self, name, password=PASSWORD, expect=303):
        page = self.get("/login")
        r = self.post("/login", {"_csrf": self.csrf_from(page.body), "name": name,
                                 "password": password, "next": "/"})
        assert r.status == expect, (r.status, r.body[:500])
        return r


def multipart(fields, files, boundary="----tashilBoundary7MA4YWxk"):
    """A multipart/form-data body. fields: {name: value}; files: {name: (filename,
    bytes, content_type)}. Returns (body, content_type)."""
    parts = []
    for k, v in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode()
                     + v.encode() + b"\r\n")
    for k, (fn, data, ct) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; '
                     f'filename="{fn}"\r\nContent-Type: {ct}\r\n\r\n'.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def main(tests):
    """Runs test functions; prints one line each and a closing count line."""
    failed = 0
    for t in tests:
        try:
            t()
            print(f"ok   {t.__name__}")
        except Exception as e:  # noqa: BLE001 - report every failure
            failed += 1
            print(f"FAIL {t.__name__}: {e!r}")
            import traceback
            traceback.print_exc()
    print(f"{len(tests) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

"""Black-box tests of `tashil serve`: sign-in, CSRF and Origin refusals, errors as
Persian pages and as JSON under /api/, limits, health, metrics, tokens, shutdown."""

import json
import os
import re
import signal
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import PASSWORD, Server, main, run  # noqa: E402

def read_all(sock):
    """Reads until the server closes the connection, then closes our end."""
    data = b""
    while True:
        part = sock.recv(65536)
        if not part:
            break
        data += part
    sock.close()
    return data


USERS = (("admin", "admin"), ("dabir", "secretariat"), ("tolid", "producer"))


def test_home_is_persian_rtl_with_security_headers():
    with Server() as s:
        r = s.get("/")
        assert r.status == 200
        assert '<html lang="fa" dir="rtl">' in r.body
        assert "سامانه تسهیل و رفع موانع تولید" in r.body
        csp = r.header("Content-Security-Policy")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.header("X-Content-Type-Options") == "nosniff"
        assert r.header("Referrer-Policy") == "same-origin"
        assert r.header("Cache-Control") == "no-store"
        # The stylesheet and font are served under content-hashed names, cached long.
        css = re.search(r'href="(/static/app\.[0-9a-f]{8}\.css)"', r.body).group(1)
        c = s.get(css)
        assert c.status == 200 and c.header("Content-Type").startswith("text/css")
        assert "immutable" in c.header("Cache-Control")
        font = re.search(r"url\((/static/vazirmatn-wght\.[0-9a-f]{8}\.woff2)\)", c.body).group(1)
        f = s.get(font)
        assert f.status == 200 and f.raw[:4] == b"wOF2"
        assert s.get("/static/app.00000000.css").status == 404


def test_login_logout_and_role_navigation():
    with Server(users=USERS) as s:
        assert s.get("/admin/users").status == 303  # anonymous -> login
        assert s.get("/admin/users").header("Location") == "/login?next=%2Fadmin%2Fusers"
        r = s.login("dabir")
        assert "tashil_session" in s.cookies
        cookie = r.header("Set-Cookie")
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie
        home = s.get("/")
        assert "کاربر dabir" in home.body and "دبیرخانه کارگروه" in home.body
        assert "/admin/users" not in home.body  # the menu shows only what the role may use
        assert s.get("/admin/users").status == 403
        csrf = s.csrf_from(home.body)
        out = s.post("/logout", {"_csrf": csrf})
        assert out.status == 303 and "tashil_session" not in s.cookies
        s.login("admin")
        page = s.get("/admin/users")
        assert page.status == 200 and "tolid" in page.body and "تولیدکننده" in page.body
        # wrong password: Persian message, no session
        s.cookies.clear()
        bad = s.login("admin", "wrong password", expect=401)
        assert "نام کاربری یا گذرواژه درست نیست" in bad.body
        assert "tashil_session" not in s.cookies


def test_csrf_and_origin_refusals_change_nothing():
    with Server(users=USERS) as s:
        s.login("admin")
        home = s.get("/")
        csrf = s.csrf_from(home.body)
        # no token / wrong token / other origin: 403 Persian page, still signed in
        assert s.post("/logout", {}).status == 403
        assert s.post("/logout", {"_csrf": "x" * 43}).status == 403
        r = s.post("/logout", {"_csrf": csrf}, headers={"Origin": "http://evil.example"})
        assert r.status == 403 and "نشانی دیگری" in r.body
        r = s.post("/logout", {"_csrf": csrf}, headers={"Origin": None, "Sec-Fetch-Site": "cross-site"})
        assert r.status == 403
        assert s.get("/admin/users").status == 200  # session survived
        # the login form itself needs its double-submit token
        s.cookies.clear()
        r = s.post("/login", {"name": "admin", "password": PASSWORD})
        assert r.status == 403 and "tashil_session" not in s.cookies


def test_errors_are_persian_pages_and_json_under_api():
    with Server() as s:
        r = s.get("/no/such/page")
        assert r.status == 404 and "پیدا نشد" in r.body and 'dir="rtl"' in r.body
        r = s.request("DELETE", "/login")
        assert r.status == 405 and r.header("Allow") == "GET, HEAD, POST"
        r = s.get("/api/v1/nothing")
        assert r.status == 404 and r.header("Content-Type") == "application/json"
        assert json.loads(r.body)["error"]["code"] == "not_found"
        r = s.get("/api/v1/me")
        assert r.status == 401 and json.loads(r.body)["error"]["code"] == "unauthorized"
        r = s.request("POST", "/api/v1/me")
        assert r.status == 405 and json.loads(r.body)["error"]["code"] == "method_not_allowed"


def test_malformed_input_gets_400_and_server_keeps_serving():
    with Server() as s:
        for path in ["/?q=%ff", "/?q=%C0%AF", "/?q=%ED%A0%80", "/?q=%00", "/?q=%zz", "/%ff",
                     "/login?next=%E2%82", "/api/v1/me?x=%ff"]:
            r = s.get(path)
            assert r.status == 400, (path, r.status)
        r = s.get("/api/v1/me?x=%ff")
        assert json.loads(r.body)["error"]["code"] == "bad_request"
        r = s.post("/login", raw_body=b"name=%ff&password=x",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status == 400 and "داده‌های فرم معتبر نیستند" in r.body
        assert s.get("/healthz").status == 200


def test_body_and_header_limits():
    with Server(extra_args=["--body-max", "4096"]) as s:
        r = s.post("/login", raw_body=b"a=" + b"x" * 5000,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status == 413 and "حجم" in r.body
        r = s.request("POST", "/api/v1/me", raw_body=b"{" + b" " * 5000 + b"}",
                      headers={"Content-Type": "application/json"})
        assert r.status == 413 and r.header("Content-Type") == "application/json"
        # chunked body over the cap
        sock = socket.create_connection(("127.0.0.1", s.port))
        chunk = b"a=" + b"y" * 3000
        req = (b"POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n")
        for _ in range(3):
            req += b"%x\r\n" % len(chunk) + chunk + b"\r\n"
        req += b"0\r\n\r\n"
        sock.sendall(req)
        data = read_all(sock)
        assert data.startswith(b"HTTP/1.1 413"), data[:100]
        # an oversized header block is refused by the connection memory limit
        r = s.get("/", headers={"X-Big": "z" * 200000})
        assert r.status in (413, 431), r.status
        assert s.get("/healthz").status == 200


def eventually(check, timeout=5.0):
    """Metrics and the access log are written when a response completes, which may
    be just after the client has read it: poll briefly."""
    deadline = time.time() + timeout
    while True:
        result = check()
        if result or time.time() > deadline:
            return result
        time.sleep(0.05)


def test_health_metrics_and_access_log():
    with Server() as s:
        r = s.get("/healthz")
        assert r.status == 200 and r.body == "ok\n"
        s.get("/nope")
        want = ['tashil_http_requests_total{method="GET",route="/healthz",status="200"} 1',
                'route="unmatched",status="404"} 1',
                'tashil_http_request_duration_seconds_bucket{le="+Inf"}']
        m = eventually(lambda: (lambda body: body if all(w in body for w in want) else None)(
            s.get("/metrics").body))
        assert m, s.get("/metrics").body

        def healthz_lines():
            lines = [json.loads(l) for l in s.server_log().splitlines() if l.startswith("{")]
            return [l for l in lines if l["path"] == "/healthz"]
        hz = eventually(healthz_lines)
        assert hz and hz[0]["status"] == 200 and hz[0]["method"] == "GET"
        assert hz[0]["bytes"] == 3 and isinstance(hz[0]["us"], int) and "time" in hz[0]


def test_api_token():
    with Server(users=USERS) as s:
        token = run("token", "create", "--db", s.db, "--user", "dabir").stdout.strip()
        assert len(token) == 43
        r = s.get("/api/v1/me", headers={"Authorization": "Bearer " + token})
        assert r.status == 200, r.body
        me = json.loads(r.body)
        assert me["name"] == "dabir" and me["role"] == "secretariat"
        assert me["display_name"] == "کاربر dabir"
        r = s.get("/api/v1/me", headers={"Authorization": "Bearer " + "A" * 43})
        assert r.status == 401 and r.header("WWW-Authenticate") == "Bearer"
        r = s.get("/api/v1/me", headers={"Authorization": "Basic abc"})
        assert r.status == 401
        assert run("token", "create", "--db", s.db, "--user", "ghost", check=False).returncode == 1


def test_audit_chain_records_sign_ins():
    with Server(users=USERS) as s:
        s.login("dabir")
        s.post("/logout", {"_csrf": s.csrf_from(s.get("/").body)})
        p = run("audit", "verify", "--db", s.db)
        # 3 user.create + login + logout
        assert p.returncode == 0 and "intact: 5 events" in p.stdout, p.stdout


def test_login_throttling():
    with Server(users=USERS) as s:
        for _ in range(5):
            s.login("tolid", "wrong password", expect=401)
        r = s.login("tolid", PASSWORD, expect=429)  # even the right password waits
        assert r.header("Retry-After") and "پانزده دقیقه" in r.body
        s.login("dabir")  # other accounts are not locked by it


def test_graceful_shutdown_finishes_request_in_flight():
    with Server() as s:
        body = b"name=admin&password=x"
        sock = socket.create_connection(("127.0.0.1", s.port))
        sock.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body[:5])
        time.sleep(0.3)
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert s.proc.poll() is None, "server quit with a request in flight"
        # no new connections are accepted while it drains
        try:
            socket.create_connection(("127.0.0.1", s.port), timeout=1).close()
            refused = False
        except OSError:
            refused = True
        assert refused
        sock.sendall(body[5:])
        data = read_all(sock)
        assert data.startswith(b"HTTP/1.1 403"), data[:80]  # answered (CSRF refusal)
        assert s.proc.wait(timeout=20) == 0
        assert "stopped" in s.server_log()


def test_cli_refusals():
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        junk = os.path.join(d, "junk.db")
        with open(junk, "wb") as f:
            f.write(b"hello, not a database" * 10)
        p = run("init", "--db", junk, check=False)
        assert p.returncode == 1 and "not a Tashil database" in p.stderr
        with open(junk, "rb") as f:
            assert f.read() == b"hello, not a database" * 10
        p = run("serve", "--db", os.path.join(d, "missing.db"), "--listen", "127.0.0.1:0",
                check=False)
        assert p.returncode == 1 and "tashil init" in p.stderr
        p = run("serve", "--listen", "nonsense", "--db", junk, check=False)
        assert p.returncode == 2 and "HOST:PORT" in p.stderr
        for cmd in ["init", "serve", "user", "token", "demo", "audit", "version"]:
            p = run(cmd, "--help")
            assert p.returncode == 0 and "usage: tashil " + cmd in p.stdout, cmd
        p = run("user", "add", "--db", os.path.join(d, "u.db"), "--role", "king", "--name", "x",
                check=False)
        assert p.returncode == 2 and "--role" in p.stderr


if __name__ == "__main__":
    main([v for k, v in list(globals().items()) if k.startswith("test_")])

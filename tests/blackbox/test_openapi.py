"""Keeps GET /api/v1/openapi.json true to the server, both ways.

Forward: every path + method in the document is called against a running server
(with the request body examples the document itself gives), and every response's
status must be documented and its JSON body must match the documented schema.
Besides the success path, each operation is also called anonymously (401), on a
missing record (404), without If-Match (428), with malformed JSON (400), with an
unknown member (400) and with the wrong media type (415) wherever those apply.

Reverse: every /api/v1/ route in src/web/routes.c is in the document.

The schema checker is a small JSON-Schema subset (type incl. type arrays for
nullable, required, properties, additionalProperties false or a schema, items,
enum, anyOf, $ref to components, pattern, minimum/maximum, minItems/maxItems)."""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, main, run  # noqa: E402

SOURCE = os.environ.get("TASHIL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
METHODS = ("get", "put", "post", "delete", "patch")


# --- a JSON-Schema subset ------------------------------------------------------------
def resolve(doc, ref):
    assert ref.startswith("#/"), ref
    node = doc
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def type_ok(t, v):
    return {
        "null": v is None,
        "boolean": isinstance(v, bool),
        "integer": isinstance(v, int) and not isinstance(v, bool),
        "number": isinstance(v, (int, float)) and not isinstance(v, bool),
        "string": isinstance(v, str),
        "array": isinstance(v, list),
        "object": isinstance(v, dict),
    }[t]


def check(doc, schema, v, where="$"):
    """Returns a list of problems (empty when v matches schema)."""
    problems = []
    if "$ref" in schema:
        problems += check(doc, resolve(doc, schema["$ref"]), v, where)
    if "anyOf" in schema:
        if all(check(doc, s, v, where) for s in schema["anyOf"]):
            problems.append(f"{where}: matches none of anyOf")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(type_ok(t, v) for t in types):
            return problems + [f"{where}: {v!r} is not {types}"]
    if "enum" in schema and v not in schema["enum"]:
        problems.append(f"{where}: {v!r} not in {schema['enum']}")
    if isinstance(v, str) and "pattern" in schema and not re.search(schema["pattern"], v):
        problems.append(f"{where}: {v!r} does not match {schema['pattern']}")
    if type_ok("number", v):
        if "minimum" in schema and v < schema["minimum"]:
            problems.append(f"{where}: {v} < {schema['minimum']}")
        if "maximum" in schema and v > schema["maximum"]:
            problems.append(f"{where}: {v} > {schema['maximum']}")
    if isinstance(v, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in v:
                problems.append(f"{where}: missing {k}")
        for k, x in v.items():
            if k in props:
                problems += check(doc, props[k], x, f"{where}.{k}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{where}: unexpected member {k}")
            elif isinstance(schema.get("additionalProperties"), dict):
                problems += check(doc, schema["additionalProperties"], x, f"{where}.{k}")
    if isinstance(v, list):
        if "minItems" in schema and len(v) < schema["minItems"]:
            problems.append(f"{where}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(v) > schema["maxItems"]:
            problems.append(f"{where}: more than {schema['maxItems']} items")
        if "items" in schema:
            for n, x in enumerate(v):
                problems += check(doc, schema["items"], x, f"{where}[{n}]")
    return problems


def test_checker_itself():
    doc = {"components": {"schemas": {"P": {"type": "object", "additionalProperties": False,
                                            "required": ["a"], "properties": {
                                                "a": {"type": ["integer", "null"]},
                                                "b": {"type": "array", "items": {"enum": ["x"]}}}}}}}
    p = {"$ref": "#/components/schemas/P"}
    assert check(doc, p, {"a": 1, "b": ["x"]}) == []
    assert check(doc, p, {"a": None}) == []
    assert check(doc, p, {"a": True})  # a boolean is not an integer
    assert check(doc, p, {"a": 1.5})
    assert check(doc, p, {})
    assert check(doc, p, {"a": 1, "c": 2})
    assert check(doc, p, {"a": 1, "b": ["y"]})
    assert check(doc, {"anyOf": [p, {"type": "null"}]}, None) == []
    assert check(doc, {"anyOf": [p, {"type": "null"}]}, 3)


# --- the document against the server --------------------------------------------------
def operations(doc):
    for path, item in doc["paths"].items():
        for m in METHODS:
            if m in item:
                yield path, m, item[m], item.get("parameters", []) + item[m].get("parameters", [])


def header_params(doc, params):
    out = []
    for p in params:
        p = resolve(doc, p["$ref"]) if "$ref" in p else p
        if p["in"] == "header":
            out.append(p["name"])
    return out


class Caller:
    def __init__(self, s, doc, token):
        self.s, self.doc, self.token = s, doc, token
        self.seen = {}  # (path, method) -> statuses

    def call(self, path, method, url, op, body=None, raw=None, headers=None, token=True,
             ctype="application/json"):
        r = self.s.api(method.upper(), url, self.token if token else None, body=body, raw=raw,
                       headers=headers, ctype=ctype)
        key = str(r.status)
        assert key in op["responses"], f"{method.upper()} {url}: status {r.status} not documented " \
                                       f"({sorted(op['responses'])}): {r.body[:300]}"
        spec = op["responses"][key]
        spec = resolve(self.doc, spec["$ref"]) if "$ref" in spec else spec
        content = spec.get("content", {}).get("application/json")
        if content:
            assert r.header("Content-Type") == "application/json", (url, r.header("Content-Type"))
            data = json.loads(r.body)
            problems = check(self.doc, content["schema"], data)
            assert not problems, f"{method.upper()} {url} -> {r.status}: {problems[:5]}"
        else:
            assert r.raw == b"", (url, r.status, r.body[:200])
        for name in spec.get("headers", {}):
            if name != "WWW-Authenticate" or r.status == 401:
                assert r.header(name), f"{method.upper()} {url}: header {name} missing"
        self.seen.setdefault((path, method), set()).add(r.status)
        return r


def test_openapi_document_matches_the_server():
    with Server(users=(("admin", "admin"),)) as s:
        r = s.get("/api/v1/openapi.json")  # public
        assert r.status == 200 and r.header("Content-Type") == "application/json"
        doc = json.loads(r.body)
        with open(os.path.join(SOURCE, "src", "web", "openapi.json"), encoding="utf-8") as f:
            assert json.load(f) == doc  # the file in the repository is what is served
        assert doc["openapi"].startswith("3.1."), doc["openapi"]
        assert doc["info"]["title"] and doc["paths"]

        token = run("token", "create", "--db", s.db, "--user", "admin").stdout.strip()
        c = Caller(s, doc, token)
        # The cases API (uploads as raw bodies, lifecycle actions that need a case in
        # the right state) is driven by tests/blackbox/test_cases.py, and sessions and
        # resolutions (a held session, a case on its agenda, the objection window) by
        # tests/blackbox/test_api_meetings.py, which checks every response it gets
        # against this document with the same checker; this generic walk drives the
        # collections whose examples stand on their own. The reverse check below still
        # requires every route to be documented.
        driven_elsewhere = {"cases", "notifications", "meeting-bodies", "meetings", "resolutions"}
        ops = [o for o in operations(doc) if o[0].split("/")[3] not in driven_elsewhere]
        created = {}  # collection -> Location of the record its POST example created

        def coll_of(path):
            return path.split("/")[3]

        def url_of(path, record=None):
            def sub(m):
                name = m.group(1)
                if name == "id":
                    return str(record if record is not None else created[coll_of(path)].rsplit("/", 1)[1])
                if name == "utility":
                    return "water"
                raise AssertionError(f"no value for path parameter {name}")
            return re.sub(r"\{(\w+)\}", sub, path)

        def example(op):
            return op["requestBody"]["content"]["application/json"]["example"]

        def etag(path):
            one = f"/api/v1/{coll_of(path)}/{{id}}"
            return c.call(one, "get", url_of(one), doc["paths"][one]["get"]).header("ETag")

        # 1. the success path, in an order that makes every call meaningful: creations
        # (from the document's own examples), reads, replacements, sub-resources, deletes
        def phase(p, m):
            sub = p.count("/") > 4
            if m == "post" and p.count("/") == 3:
                return 0
            if m == "get":
                return 1
            if m in ("put", "post") and not sub:
                return 2
            if sub:
                return 3
            return 4
        order = ["agencies", "categories", "zones", "units"]
        for path, m, op, params in sorted(ops, key=lambda o: (phase(o[0], o[1]),
                                                              -order.index(coll_of(o[0])) if phase(o[0], o[1]) == 4
                                                              else 0)):
            url = url_of(path)
            headers = {"If-Match": etag(path)} if "If-Match" in header_params(doc, params) else {}
            body = example(op) if "requestBody" in op else None
            r = c.call(path, m, url, op, body=body, headers=headers)
            assert 200 <= r.status < 300, (m, url, r.status, r.body[:300])
            if r.status == 201:
                created[coll_of(path)] = r.header("Location")
                assert r.header("Location").startswith(f"/api/v1/{coll_of(path)}/")

        # 2. the refusals each operation documents
        for path, m, op, params in ops:
            codes = op["responses"]
            needs_match = "If-Match" in header_params(doc, params)
            if "401" in codes:
                c.call(path, m, url_of(path, 1), op, body=example(op) if "requestBody" in op else None,
                       token=False)
            if "404" in codes and "{id}" in path:
                c.call(path, m, url_of(path, 987654), op,
                       body=example(op) if "requestBody" in op else None,
                       headers={"If-Match": '"v1"'} if needs_match else {})
        # fresh records for the body refusals (the deletes above removed the first ones)
        for path, m, op, params in ops:
            if m == "post" and path.count("/") == 3:
                r = c.call(path, m, path, op, body=example(op))
                created[coll_of(path)] = r.header("Location")
                c.call(path, m, path, op, body=example(op))  # again: a duplicate (409) where unique
        for path, m, op, params in ops:
            codes = op["responses"]
            url = url_of(path)
            needs_match = "If-Match" in header_params(doc, params)
            if needs_match:
                assert "428" in codes
                c.call(path, m, url, op, body=example(op) if "requestBody" in op else None)
                assert 428 in c.seen[(path, m)]
                headers = {"If-Match": etag(path)}
            else:
                headers = {}
            if "requestBody" in op:
                r = c.call(path, m, url, op, raw=b'{"broken": ', headers=headers)
                assert r.status == 400
                r = c.call(path, m, url, op, body={**example(op), "no_such_member": 1}, headers=headers)
                assert r.status == 400 and "no_such_member" in r.json["error"]["fields"], r.body
                r = c.call(path, m, url, op, body=example(op), headers=headers, ctype="text/plain")
                assert r.status == 415
                r = c.call(path, m, url, op, body={}, headers=headers)
                assert r.status == 422, (url, r.status)  # every body has a required member
        # a documented 409 and 422 at least once
        statuses = set().union(*c.seen.values())
        for want in (200, 201, 204, 400, 401, 404, 409, 415, 422, 428):
            assert want in statuses, f"status {want} never exercised"
        for path, m, op, params in ops:
            assert (path, m) in c.seen, f"{m.upper()} {path} never called"


def test_every_api_route_is_documented():
    with open(os.path.join(SOURCE, "src", "web", "routes.c"), encoding="utf-8") as f:
        routes = re.findall(r'\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"(/api/v1/[^"]*)"', f.read())
    assert len(routes) >= 25, routes
    with open(os.path.join(SOURCE, "src", "web", "openapi.json"), encoding="utf-8") as f:
        doc = json.load(f)
    missing = [f"{m} {p}" for m, p in routes if m.lower() not in doc["paths"].get(p, {})]
    assert not missing, f"routes missing from openapi.json: {missing}"
    documented = {(m.upper(), p) for p, item in doc["paths"].items() for m in METHODS if m in item}
    extra = documented - set(routes)
    assert not extra, f"documented but not routed: {sorted(extra)}"


if __name__ == "__main__":
    main([test_checker_itself, test_openapi_document_matches_the_server, test_every_api_route_is_documented])

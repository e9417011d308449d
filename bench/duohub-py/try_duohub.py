#!/usr/bin/env python3
"""duohub-py's memory calls against a real Engram, unchanged but for its base URL.

    python3 bench/duohub-py/try_duohub.py [--server src/Engram/bin/Release/net10.0/engram.dll]

Takes duohub-py from the integrator's mirror (git archive into a temp directory; its code is never
committed here), puts shim/httpx.py (httpx on top of requests) first on sys.path, starts
`engram serve` on a temp SQLite file (private networks allowed, so it can fetch the local page)
and a local web page on 127.0.0.1, then calls add_file (a local file and a website),
create_memory, add_files_to_memory, start_ingestion, query (plain, and facts + assisted),
delete_file_from_memory and query again. Prints each call, its answer, and PASS or FAIL.
"""
import argparse
import http.server
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MIRROR = "/work/.mirror/duohub-ai+duohub-py/repo"

DOCUMENT = """The Harbour Street bakery opens at six every morning except Mondays.
Its sourdough starter, called Gertrude, was brought from Tallinn in 2011 by the founder, Maris Kask.
The bakery sells about four hundred loaves on a Saturday and donates what is left to the night shelter."""

PAGE = """<html><head><title>Lighthouse keeping</title></head><body><nav>Home | About</nav>
<main><h1>The Kestrel Point lighthouse</h1>
<p>The Kestrel Point lighthouse was automated in 1987, after ninety years of keepers.</p>
<p>Its lamp turns once every twelve seconds and can be seen from thirty kilometres away on a clear night.</p>
</main><footer>Contact us</footer></body></html>"""

failures = []


def check(name, condition, detail=""):
    print(f"  {'PASS' if condition else 'FAIL'} {name}{': ' + detail if detail and not condition else ''}")
    if not condition:
        failures.append(name)


def call(name, fn):
    """Runs one duohub-py call; prints its answer or its exception."""
    print(f"\n{name}")
    try:
        answer = fn()
    except Exception as error:  # report whatever duohub-py raised and go on
        print(f"  FAIL raised {type(error).__name__}: {error}")
        failures.append(name)
        return None
    print("  answer: " + json.dumps(answer, default=str)[:600])
    return answer


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_page():
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/lighthouse.html"


def start_engram(dll, work):
    key = "ek_duohubpy" + secrets.token_hex(16)
    base = f"http://127.0.0.1:{free_port()}"
    env = dict(os.environ, ENGRAM_DATABASE=os.path.join(work, "engram.db"), ENGRAM_SERVER_API_KEY=key,
               Engram__Ingestion__AllowPrivateNetworks="true")
    log = open(os.path.join(work, "server.log"), "w")
    process = subprocess.Popen(["dotnet", dll, "serve", "--urls", base], env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            if requests.get(base + "/healthz", timeout=1).ok:
                return process, base, key
        except requests.RequestException:
            pass
        if process.poll() is not None:
            sys.exit("engram stopped at start: " + open(os.path.join(work, "server.log")).read())
        time.sleep(0.1)
    sys.exit("engram did not answer /healthz within 30 s")


def wait_for_ingestion(base, key, memory_id):
    """duohub-py has no status call (duohub sends webhooks); Engram's GET /memories/get is an extension."""
    for _ in range(600):
        memory = requests.get(f"{base}/memories/get/{memory_id}", headers={"X-API-Key": key}, timeout=10).json()["data"]
        if memory["status"] in ("success", "failed"):
            return memory
        time.sleep(0.2)
    return memory


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default=os.path.join(ROOT, "src/Engram/bin/Release/net10.0/engram.dll"))
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="engram-duohubpy.")
    checkout = os.path.join(work, "duohub-py")
    os.makedirs(checkout)
    subprocess.run(f"git -C {MIRROR} archive HEAD | tar -x -C {checkout}", shell=True, check=True)
    sys.path[:0] = [os.path.join(HERE, "shim"), os.path.join(checkout, "src")]

    process, base, key = start_engram(args.server, work)
    try:
        # duohub-py reads the key from DUOHUB_API_KEY (its file calls make their own Environment()
        # and never see a key passed to Duohub(...)); the base URL is a class constant, not a setting.
        os.environ["DUOHUB_API_KEY"] = key
        import duohub
        from duohub.environment import Environment
        Environment.DEFAULT_BASE_URL = base
        print(f"duohub-py {getattr(duohub, '__version__', '?')} against Engram at {base}")
        client = duohub.Duohub()

        path = os.path.join(work, "bakery.txt")
        with open(path, "w") as f:
            f.write(DOCUMENT)
        local = call("add_file(file_path=bakery.txt)", lambda: client.add_file(file_path=path))
        check("local file record", bool(local and local.get("id") and local.get("fileType") == "text"), json.dumps(local))

        page_url = serve_page()
        web = call("add_file(external_uri=<local page>, file_type='website')",
                   lambda: client.add_file(external_uri=page_url, file_type="website"))
        check("website file record", bool(web and web.get("externalURI") == page_url and web.get("fileType") == "website"), json.dumps(web))

        memory = call("create_memory('duohub-py try', 'vector')", lambda: client.create_memory("duohub-py try", "vector"))
        check("memory", bool(memory and memory.get("memoryType") == "vector" and memory.get("chunkSize") == 250), json.dumps(memory))
        if not (memory and local and web):
            return
        sample = call("add_files_to_memory", lambda: client.add_files_to_memory(memory["id"], [local["id"], web["id"]]))
        check("sample of the first file", bool(sample and sample.get("fileID") == local["id"] and sample.get("status") == "pending"),
              json.dumps(sample))
        started = call("start_ingestion", lambda: client.start_ingestion(memory["id"]))
        check("ingestion started", bool(started and started.get("message") == "Sample batch processing started"
                                          and started.get("data", {}).get("sampleCount") == 2), json.dumps(started))
        done = wait_for_ingestion(base, key, memory["id"])
        print(f"  ingestion ended: status {done['status']}, {done['chunkCount']} chunks")
        check("ingestion succeeded", done["status"] == "success" and done["chunkCount"] >= 2, json.dumps(done))

        plain = call("query('What is the sourdough starter called?')",
                     lambda: client.query("What is the sourdough starter called?", memory["id"]))
        check("plain query finds the bakery", bool(plain and "Gertrude" in plain["payload"][0]["content"]), json.dumps(plain))
        lamp = call("query('How often does the lighthouse lamp turn?', facts=True, assisted=True)",
                    lambda: client.query("How often does the lighthouse lamp turn?", memory["id"], facts=True, assisted=True))
        check("assisted answer from the page", bool(lamp and len(lamp["payload"]) == 1 and "twelve seconds" in lamp["payload"][0]["content"]),
              json.dumps(lamp))
        check("facts listed", bool(lamp and 1 <= len(lamp["facts"]) <= 3), json.dumps(lamp))
        check("source is the page", bool(lamp and lamp["sources"] and lamp["sources"][0]["url"] == page_url), json.dumps(lamp))

        # A graph memory over the same local file: facts learnt at ingestion, and duohub-py's
        # query(..., assisted=True, facts=True) answering from them.
        graph = call("create_memory('duohub-py graph', 'graph', ontology='culture')",
                     lambda: client.create_memory("duohub-py graph", "graph", ontology="culture"))
        check("graph memory", bool(graph and graph.get("memoryType") == "graph"), json.dumps(graph))
        if graph:
            call("add_files_to_memory(graph)", lambda: client.add_files_to_memory(graph["id"], [local["id"]]))
            call("start_ingestion(graph)", lambda: client.start_ingestion(graph["id"]))
            learnt = wait_for_ingestion(base, key, graph["id"])
            print(f"  ingestion ended: status {learnt['status']}, {learnt.get('factCount')} facts, {learnt.get('entityCount')} entities")
            check("graph ingestion learnt facts", learnt["status"] == "success" and learnt.get("factCount", 0) >= 2, json.dumps(learnt))
            founder = call("query('Who brought the sourdough starter from Tallinn?', assisted=True, facts=True) on the graph",
                           lambda: client.query("Who brought the sourdough starter from Tallinn?", graph["id"], facts=True, assisted=True))
            check("graph assisted answer names the founder", bool(founder and len(founder["payload"]) == 1
                                                                   and "Maris Kask" in founder["payload"][0]["content"]), json.dumps(founder))
            check("graph facts listed", bool(founder and 1 <= len(founder["facts"]) <= 3), json.dumps(founder))
            check("graph source is the file", bool(founder and founder["sources"] and founder["sources"][0]["id"] == local["id"]),
                  json.dumps(founder))
            rendered = call("query('Who brought the sourdough starter from Tallinn?') on the graph",
                            lambda: client.query("Who brought the sourdough starter from Tallinn?", graph["id"]))
            check("graph payload renders facts", bool(rendered and len(rendered["payload"]) == 1
                                                       and "Facts:" in rendered["payload"][0]["content"]), json.dumps(rendered))

        deleted = call("delete_file_from_memory(<the page>)", lambda: client.delete_file_from_memory(memory["id"], web["id"]))
        check("delete answer", deleted == {"status": "success", "message": "File deleted from memory successfully"}, json.dumps(deleted))
        after = call("query(lighthouse) after the delete", lambda: client.query("How often does the lighthouse lamp turn?", memory["id"]))
        check("page content gone", bool(after is not None and all("lighthouse" not in p["content"].lower() for p in after["payload"])
                                        and all(s["id"] != web["id"] for s in after["sources"])), json.dumps(after))
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'all calls passed' if not failures else 'FAILED: ' + ', '.join(failures)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

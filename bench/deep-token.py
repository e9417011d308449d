"""Walks /sessions/list from the first page with limit=100 and prints the nextToken found at the
given fraction of the list (0.9 = the page that starts 90% deep). One keep-alive connection."""
import http.client
import json
import sys
import urllib.parse

host, port, key, total, fraction = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
pages = int(total * fraction) // 100
connection = http.client.HTTPConnection(host, port)
token = None
for _ in range(pages):
    path = "/sessions/list?limit=100" + ("&nextToken=" + urllib.parse.quote(token) if token else "")
    connection.request("GET", path, headers={"X-API-Key": key})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit(f"deep-token: {path} answered {response.status}: {body[:200]!r}")
    token = json.loads(body)["data"]["nextToken"]
    if token is None:
        sys.exit("deep-token: the list ended early")
print(token)

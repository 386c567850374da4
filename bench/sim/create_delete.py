#!/usr/bin/env python3
"""Load generator for radiant-sim: several processes, each with one keep-alive connection, creating and
deleting Nova servers as fast as the simulator answers. Prints create+delete pairs per second.

Usage: create_delete.py STATE_DIR SECONDS PROCESSES
"""
import http.client
import json
import multiprocessing
import sys
import time
import urllib.parse

state_dir, seconds, procs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
env = {}
for line in open(state_dir + "/env"):
    if line.startswith("export "):
        k, _, v = line[len("export "):].strip().partition("=")
        env[k] = v


def connect():
    u = urllib.parse.urlparse(env["OS_AUTH_URL"])
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def call(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Auth-Token"] = token
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, r.getheader("X-Subject-Token"), (json.loads(data) if data else None)


def setup():
    conn = connect()
    _, token, _ = call(conn, "POST", "/identity/v3/auth/tokens", {"auth": {"identity": {"methods": ["password"],
        "password": {"user": {"name": env["OS_USERNAME"], "domain": {"name": "Default"}, "password": env["OS_PASSWORD"]}}},
        "scope": {"project": {"name": env["OS_PROJECT_NAME"], "domain": {"name": "Default"}}}}})
    _, _, net = call(conn, "POST", "/network/v2.0/networks", {"network": {"name": "bench"}}, token)
    call(conn, "POST", "/network/v2.0/subnets", {"subnet": {"network_id": net["network"]["id"], "cidr": "10.200.0.0/16"}}, token)
    _, _, images = call(conn, "GET", "/image/v2/images?name=cirros", None, token)
    return token, net["network"]["id"], images["images"][0]["id"]


def worker(args):
    token, net, image, deadline, n = args
    conn = connect()
    pairs = errors = 0
    while time.time() < deadline:
        status, _, body = call(conn, "POST", "/compute/v2.1/servers", {"server": {"name": "b%d" % n, "imageRef": image,
                                "flavorRef": "1", "networks": [{"uuid": net}]}}, token)
        if status != 202:
            errors += 1
            continue
        status, _, _ = call(conn, "DELETE", "/compute/v2.1/servers/" + body["server"]["id"], None, token)
        if status == 204:
            pairs += 1
        else:
            errors += 1
    return pairs, errors


if __name__ == "__main__":
    token, net, image = setup()
    start = time.time()
    deadline = start + seconds
    with multiprocessing.Pool(procs) as pool:
        results = pool.map(worker, [(token, net, image, deadline, i) for i in range(procs)])
    elapsed = time.time() - start
    pairs = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    print("server create+delete: %d pairs in %.1fs = %.1f pairs/s (%.1f requests/s), %d errors, %d client processes"
          % (pairs, elapsed, pairs / elapsed, 2 * pairs / elapsed, errors, procs))

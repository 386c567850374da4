#!/usr/bin/env python3
"""Fault injection seen through openstacksdk: injected 503s, dropped connections, latency, servers that go
to ERROR and expiring tokens surface (or are recovered from) the way they would with a real cloud.

Usage: openstacksdk_faults.py STATE_DIR
"""
import json
import os
import sys
import time
import urllib.request

state_dir = sys.argv[1]
os.environ["OS_CLIENT_CONFIG_FILE"] = os.path.join(state_dir, "clouds.yaml")
import openstack  # noqa: E402
from keystoneauth1 import exceptions as ksa_exceptions  # noqa: E402
from openstack import exceptions  # noqa: E402

env = {}
for line in open(state_dir + "/env"):
    if line.startswith("export "):
        k, _, v = line[len("export "):].strip().partition("=")
        env[k] = v
BASE = env["RANCHER_URL"]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def faults(plan):
    req = urllib.request.Request(BASE + "/_sim/faults", data=json.dumps(plan).encode(), method="PUT",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req).read()


def clear():
    urllib.request.urlopen(urllib.request.Request(BASE + "/_sim/faults", method="DELETE")).read()


conn = openstack.connect(cloud="radiant-sim")
conn.authorize()

# A 503 once: the SDK raises an HttpException carrying the status; the next call succeeds.
faults({"rules": [{"service": "compute", "method": "GET", "path": "/flavors", "status": 503, "count": 1}]})
try:
    list(conn.compute.flavors())
    check(False, "injected 503 raises")
except exceptions.HttpException as e:
    check(e.status_code == 503, "injected 503 raises HttpException with status 503")
check(len(list(conn.compute.flavors())) == 5, "the next call succeeds")

# 429 with Retry-After is visible to the client.
faults({"rules": [{"service": "network", "method": "GET", "status": 429, "retry_after": 3, "count": 1}]})
try:
    list(conn.network.networks())
    check(False, "injected 429 raises")
except exceptions.HttpException as e:
    check(e.status_code == 429 and e.response.headers.get("Retry-After") == "3", "injected 429 carries Retry-After")

# A dropped connection is a transport error, not an HTTP answer.
faults({"rules": [{"service": "network", "method": "GET", "path": "/networks", "drop": True, "count": 1}]})
try:
    list(conn.network.networks())
    check(False, "dropped connection raises")
except (ksa_exceptions.ConnectionError, exceptions.SDKException) as e:
    check(not isinstance(e, exceptions.HttpException) or e.status_code is None,
          "dropped connection raises a connection error (%s)" % type(e).__name__)
check(len(list(conn.network.networks())) >= 1, "the next call succeeds")

# Latency on one service only.
faults({"rules": [{"service": "image", "latency_ms": 700}]})
t0 = time.time()
list(conn.image.images())
slow = time.time() - t0
t0 = time.time()
list(conn.network.networks())
fast = time.time() - t0
check(slow >= 0.7 and fast < 0.7, "latency applies to the image service only (%.2fs vs %.2fs)" % (slow, fast))

# A server that goes to ERROR fails the SDK's wait with ResourceFailure.
faults({"error_server_names": ["broken"], "build_delay": 0.5})
net = conn.network.create_network(name="fault-net")
conn.network.create_subnet(network_id=net.id, cidr="10.88.0.0/24", ip_version=4)
image = conn.image.find_image("cirros")
server = conn.compute.create_server(name="broken-1", image_id=image.id, flavor_id="1", networks=[{"uuid": net.id}])
try:
    conn.compute.wait_for_server(server, status="ACTIVE", wait=30, interval=0.3)
    check(False, "ERROR server fails the wait")
except exceptions.ResourceFailure:
    check(conn.compute.get_server(server.id).status == "ERROR", "ERROR server fails wait_for_server with ResourceFailure")
conn.compute.delete_server(server)
conn.compute.wait_for_delete(server, wait=30, interval=0.3)

# Expiring tokens: keystoneauth sees the short expires_at and fetches new tokens before they lapse.
faults({"token_ttl": 1})
before = open(state_dir + "/requests.log").read().count("POST /identity/v3/auth/tokens 201")
short = openstack.connect(cloud="radiant-sim")
short.authorize()
time.sleep(1.5)
names = [n.name for n in short.network.networks()]
after = open(state_dir + "/requests.log").read().count("POST /identity/v3/auth/tokens 201")
check("fault-net" in names and after - before >= 2, "with 1 s tokens the SDK keeps fetching new ones and its calls succeed")
clear()

# A token revoked behind the client's back: the API answers 401 and keystoneauth re-authenticates once.
token = short.auth_token
req = urllib.request.Request(env["OS_AUTH_URL"] + "/auth/tokens", method="DELETE",
                             headers={"X-Auth-Token": token, "X-Subject-Token": token})
urllib.request.urlopen(req).read()
names = [n.name for n in short.network.networks()]
log = open(state_dir + "/requests.log").read().splitlines()
check("fault-net" in names and any(" 401 " in l and "/network/v2.0/networks" in l for l in log[-6:]),
      "after a 401 on a revoked token the SDK re-authenticated and the call succeeded")

clear()
for s in conn.network.subnets(network_id=net.id):
    conn.network.delete_subnet(s)
conn.network.delete_network(net)

if failures:
    print("\n%d check(s) failed: %s" % (len(failures), "; ".join(failures)))
    sys.exit(1)
print("\nopenstacksdk fault-injection checks: all passed")

#!/usr/bin/env python3
"""Headless-browser check of radiant-sim's status page: a server created through the API appears on
the page, and its state turns ACTIVE without the page being reloaded.

Usage: browser_test.py STATE_DIR CHROMIUM_PATH
"""
import base64
import json
import sys
import urllib.request

from playwright.sync_api import sync_playwright

state_dir, chromium = sys.argv[1], sys.argv[2]
env = {}
for line in open(state_dir + "/env"):
    if line.startswith("export "):
        k, _, v = line[len("export "):].strip().partition("=")
        env[k] = v
base = env["RANCHER_URL"]


def call(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None, method=method,
                                 headers=dict({"Content-Type": "application/json"}, **(headers or {})))
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.headers, json.loads(r.read() or b"null")


headers, body = call("POST", env["OS_AUTH_URL"] + "/auth/tokens", {"auth": {"identity": {"methods": ["password"],
    "password": {"user": {"name": env["OS_USERNAME"], "domain": {"name": "Default"}, "password": env["OS_PASSWORD"]}}},
    "scope": {"project": {"name": env["OS_PROJECT_NAME"], "domain": {"name": "Default"}}}}})
auth = {"X-Auth-Token": headers["X-Subject-Token"]}
urls = {e["type"]: e["endpoints"][0]["url"] for e in body["token"]["catalog"]}
# A slow BUILD, so the page shows the transition.
call("PUT", base + "/_sim/faults", {"build_delay": 4})

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
    page = browser.new_page()
    page.goto(base + "/")
    page.wait_for_selector("#servers")
    page.evaluate("window.__marker = 'same-document'")

    _, net = call("POST", urls["network"] + "/v2.0/networks", {"network": {"name": "browser-net"}}, auth)
    call("POST", urls["network"] + "/v2.0/subnets", {"subnet": {"network_id": net["network"]["id"], "cidr": "10.77.0.0/24"}}, auth)
    _, images = call("GET", urls["image"] + "/v2/images?name=cirros", None, auth)
    _, srv = call("POST", urls["compute"] + "/servers", {"server": {"name": "browser-vm", "imageRef": images["images"][0]["id"],
        "flavorRef": "1", "networks": [{"uuid": net["network"]["id"]}]}}, auth)
    sid = srv["server"]["id"]

    row = '#servers tr[data-id="%s"]' % sid
    page.wait_for_selector(row, timeout=10000)
    first = page.text_content(row + ' td[data-field="status"]')
    print("status on the page after create:", first)
    page.wait_for_selector(row + ' td[data-field="status"]:text-is("ACTIVE")', timeout=20000)
    marker = page.evaluate("window.__marker")
    page.screenshot(path=state_dir + "/page.png")
    browser.close()

call("DELETE", base + "/_sim/faults")
ok = first == "BUILD" and marker == "same-document"
print("server shown as BUILD, then ACTIVE without a reload" if ok else "FAIL: first=%r marker=%r" % (first, marker))
sys.exit(0 if ok else 1)

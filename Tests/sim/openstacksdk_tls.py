#!/usr/bin/env python3
"""TLS check: the unmodified openstacksdk talks to `radiant-sim serve --tls`, verifying the server
certificate against the generated CA named in clouds.yaml (`cacert`), and refuses without it.

Usage: openstacksdk_tls.py STATE_DIR   (a directory radiant-sim --tls wrote clouds.yaml and tls/ca.pem into)
"""
import os
import sys

state_dir = sys.argv[1]
os.environ["OS_CLIENT_CONFIG_FILE"] = os.path.join(state_dir, "clouds.yaml")

import openstack  # noqa: E402
from openstack import exceptions  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


ca = os.path.join(state_dir, "tls", "ca.pem")
clouds = open(os.environ["OS_CLIENT_CONFIG_FILE"]).read()
check("cacert: " + ca in clouds, "clouds.yaml names the CA")
check("auth_url: https://" in clouds, "clouds.yaml uses https")

conn = openstack.connect(cloud="radiant-sim")
flavors = [f.name for f in conn.compute.flavors()]
check("m1.small" in flavors, "flavors listed over verified TLS")
net = conn.network.create_network(name="tls-net")
check(conn.network.get_network(net.id).name == "tls-net", "network created and read over TLS")
conn.network.delete_network(net.id)
check(conn.network.find_network("tls-net") is None, "network deleted")

app = openstack.connect(cloud="radiant-sim-appcred")
check(app.auth_token is not None, "application credential over TLS")

# The same account without the CA: the certificate cannot be verified, so the client refuses.
from openstack.config import loader  # noqa: E402

auth = conn.config.config["auth"]
region = loader.OpenStackConfig(config_files=[], vendor_files=[]).get_one(
    auth_type="password", region_name="RegionOne", verify=True,
    auth={"auth_url": auth["auth_url"], "username": auth["username"], "password": auth["password"],
          "project_name": "demo", "user_domain_name": "Default", "project_domain_name": "Default"})
try:
    list(openstack.connection.Connection(config=region).compute.flavors())
    check(False, "a client without the CA is refused")
except Exception as e:  # keystoneauth's SSLError, possibly wrapped by the SDK
    text = type(e).__name__ + " " + str(e)
    check("SSL" in text or "CERTIFICATE_VERIFY_FAILED" in text, "a client without the CA is refused (%s)" % type(e).__name__)

sys.exit(1 if failures else 0)

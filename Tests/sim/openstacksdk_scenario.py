#!/usr/bin/env python3
"""Fidelity check: the unmodified openstacksdk drives radiant-sim through a whole tenant lifecycle.

Usage: openstacksdk_scenario.py STATE_DIR   (the directory radiant-sim wrote clouds.yaml into)
Exits non-zero on the first mismatch.
"""
import os
import sys
import time

state_dir = sys.argv[1]
os.environ["OS_CLIENT_CONFIG_FILE"] = os.path.join(state_dir, "clouds.yaml")

import openstack  # noqa: E402
from openstack import exceptions  # noqa: E402

failures = []


def check(cond, what):
    if cond:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        failures.append(what)


def expect_error(exc_type, what, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc_type as e:
        print("ok   %s (%s: %s)" % (what, type(e).__name__, str(e).splitlines()[0][:120]))
        return e
    except Exception as e:  # a different error type is a fidelity failure
        print("FAIL %s: expected %s, got %s: %s" % (what, exc_type.__name__, type(e).__name__, e))
        failures.append(what)
        return None
    print("FAIL %s: no error raised" % what)
    failures.append(what)
    return None


conn = openstack.connect(cloud="radiant-sim")
conn.authorize()
check(conn.current_project_id is not None, "password auth gives a project-scoped token")

appcred = openstack.connect(cloud="radiant-sim-appcred")
check(len(list(appcred.network.networks())) >= 1, "application credential auth works")

# Lookups of seeded objects
image = conn.image.find_image("cirros")
check(image is not None and image.status == "active", "image cirros found")
flavor = conn.compute.find_flavor("m1.small")
check(flavor is not None and flavor.ram == 2048, "flavor m1.small found")
public = conn.network.find_network("public")
check(public is not None and public.is_router_external, "external network public found")

# Network topology
net = conn.network.create_network(name="sdk-net")
check(net.status == "ACTIVE", "network created ACTIVE")
subnet = conn.network.create_subnet(network_id=net.id, name="sdk-subnet", cidr="10.20.0.0/24", ip_version=4,
                                    dns_nameservers=["8.8.8.8"])
check(subnet.gateway_ip == "10.20.0.1", "subnet gateway is the first host")
check(subnet.allocation_pools == [{"start": "10.20.0.2", "end": "10.20.0.254"}], "subnet allocation pool")
router = conn.network.create_router(name="sdk-router", external_gateway_info={"network_id": public.id})
check(router.external_gateway_info["network_id"] == public.id, "router has external gateway")
conn.network.add_interface_to_router(router, subnet_id=subnet.id)
iface_ports = list(conn.network.ports(device_id=router.id, device_owner="network:router_interface"))
check(len(iface_ports) == 1 and iface_ports[0].fixed_ips[0]["ip_address"] == "10.20.0.1", "router interface port holds the gateway IP")

sg = conn.network.create_security_group(name="sdk-web", description="web")
rules = list(conn.network.security_group_rules(security_group_id=sg.id))
check(len(rules) == 2 and all(r.direction == "egress" for r in rules), "new security group has two default egress rules")
rule = conn.network.create_security_group_rule(security_group_id=sg.id, direction="ingress", ethertype="IPv4",
                                               protocol="tcp", port_range_min=22, port_range_max=22,
                                               remote_ip_prefix="0.0.0.0/0")
check(rule.port_range_min == 22, "ingress rule created")
expect_error(exceptions.ConflictException, "duplicate rule is a conflict",
             conn.network.create_security_group_rule, security_group_id=sg.id, direction="ingress", ethertype="IPv4",
             protocol="tcp", port_range_min=22, port_range_max=22, remote_ip_prefix="0.0.0.0/0")

port = conn.network.create_port(network_id=net.id, name="sdk-port", security_group_ids=[sg.id])
check(port.fixed_ips[0]["ip_address"].startswith("10.20.0."), "port got a fixed IP")
check(port.status == "DOWN", "unbound port is DOWN")

# Filters and fields
named = list(conn.network.networks(name="sdk-net"))
check(len(named) == 1 and named[0].id == net.id, "network name filter")
ext = list(conn.network.networks(is_router_external=True))
check([n.id for n in ext] == [public.id], "router:external filter")
raw = conn.network.get("/networks?fields=id&fields=name&name=sdk-net").json()
check(raw["networks"] == [{"id": net.id, "name": "sdk-net"}], "fields parameter limits the members")

# Key pair and server
kp = conn.compute.create_keypair(name="sdk-key")
check(kp.private_key is not None and kp.fingerprint.count(":") == 15, "generated key pair has private key and fingerprint")
kp2 = conn.compute.create_keypair(name="sdk-imported", public_key=kp.public_key)
check(kp2.fingerprint == kp.fingerprint, "imported key has the same fingerprint")
expect_error(exceptions.ConflictException, "duplicate key pair is a conflict",
             conn.compute.create_keypair, name="sdk-key", public_key=kp.public_key)

server = conn.compute.create_server(name="sdk-server", image_id=image.id, flavor_id=flavor.id,
                                    networks=[{"port": port.id}], key_name="sdk-key",
                                    security_groups=[{"name": "sdk-web"}], user_data="IyEvYmluL3NoCmVjaG8gaGkK",
                                    metadata={"role": "web"})
check(server.admin_password is not None, "create returns adminPass")
first = conn.compute.get_server(server.id)
check(first.status == "BUILD", "new server is in BUILD")
server = conn.compute.wait_for_server(server, status="ACTIVE", wait=60, interval=0.5)
check(server.status == "ACTIVE", "server reaches ACTIVE")
check(server.metadata == {"role": "web"}, "server metadata kept")
bound = conn.network.get_port(port.id)
check(bound.device_id == server.id and bound.status == "ACTIVE", "port bound to the server and ACTIVE")

fip = conn.network.create_ip(floating_network_id=public.id)
check(fip.status == "DOWN" and fip.floating_ip_address.startswith("172.24.4."), "floating IP allocated DOWN")
fip = conn.network.update_ip(fip, port_id=port.id)
check(fip.status == "ACTIVE" and fip.fixed_ip_address == bound.fixed_ips[0]["ip_address"], "floating IP associated")
addrs = conn.compute.get_server(server.id).addresses
kinds = sorted(a["OS-EXT-IPS:type"] for a in addrs["sdk-net"])
check(kinds == ["fixed", "floating"], "server addresses show fixed and floating IPs")

servers = list(conn.compute.servers(name="sdk-server"))
check(len(servers) == 1, "server list name filter")
check(len(list(conn.compute.servers(status="ACTIVE"))) >= 1, "server list status filter")

# Volumes
vol = conn.block_storage.create_volume(size=1, name="sdk-vol")
vol = conn.block_storage.wait_for_status(vol, status="available", wait=30, interval=0.3)
check(vol.status == "available", "volume becomes available")
conn.compute.create_volume_attachment(server, volume_id=vol.id)
vol = conn.block_storage.get_volume(vol.id)
check(vol.status == "in-use", "attached volume is in-use")

# Errors surface as openstacksdk's exception types
expect_error(exceptions.ResourceNotFound, "unknown server is ResourceNotFound", conn.compute.get_server, "00000000-0000-0000-0000-000000000000")
expect_error(exceptions.ResourceNotFound, "unknown network is ResourceNotFound", conn.network.get_network, "00000000-0000-0000-0000-000000000000")
expect_error(exceptions.ConflictException, "deleting a subnet in use is a conflict", conn.network.delete_subnet, subnet, ignore_missing=False)
expect_error(exceptions.BadRequestException, "server with unknown flavor is a bad request",
             conn.compute.create_server, name="x", image_id=image.id, flavor_id="nope", networks=[{"uuid": net.id}])
conn.network.update_quota(conn.current_project_id, networks=2)
expect_error(exceptions.ConflictException, "network quota exceeded is a conflict (OverQuota)",
             conn.network.create_network, name="too-many")
conn.network.update_quota(conn.current_project_id, networks=100)

# Tear down and see everything gone
conn.compute.delete_volume_attachment(server, vol.id)
conn.block_storage.wait_for_status(vol, status="available", wait=30, interval=0.3)
conn.block_storage.delete_volume(vol)
conn.network.delete_ip(fip)
conn.compute.delete_server(server)
conn.compute.wait_for_delete(server, wait=30, interval=0.3)
expect_error(exceptions.ResourceNotFound, "deleted server is gone", conn.compute.get_server, server.id)
conn.network.delete_port(port)
conn.network.remove_interface_from_router(router, subnet_id=subnet.id)
conn.network.delete_router(router)
conn.network.delete_security_group(sg)
conn.network.delete_subnet(subnet)
conn.network.delete_network(net)
conn.compute.delete_keypair("sdk-key")
conn.compute.delete_keypair("sdk-imported")
check(conn.network.find_network("sdk-net") is None, "network gone")
check(conn.network.find_router("sdk-router") is None, "router gone")
check(conn.network.find_security_group("sdk-web") is None, "security group gone")
check(conn.compute.find_keypair("sdk-key") is None, "key pair gone")
check(conn.network.find_ip(fip.id) is None, "floating IP gone")
check(len(list(conn.compute.servers())) == 0, "no servers left")

if failures:
    print("\n%d check(s) failed: %s" % (len(failures), "; ".join(failures)))
    sys.exit(1)
print("\nopenstacksdk scenario: all checks passed")

#!/usr/bin/env python3
"""Rancher scenario against radiant-sim with plain HTTP, as the rancher2 and kubectl providers call it:
create an RKE2 cluster -> registration command -> a Nova server with that user_data goes ACTIVE ->
the cluster becomes active -> kubeconfig -> manifests applied through the Kubernetes proxy.

Usage: rancher_scenario.py STATE_DIR
"""
import base64
import json
import sys
import time
import urllib.error
import urllib.request

state_dir = sys.argv[1]
env = {}
for line in open(state_dir + "/env"):
    if line.startswith("export "):
        k, _, v = line[len("export "):].strip().partition("=")
        env[k] = v
RANCHER = env["RANCHER_URL"]
TOKEN = env["RANCHER_TOKEN_KEY"]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def call(method, url, body=None, token=TOKEN, headers=None, raw=False):
    data = None
    hdrs = {"Accept": "application/json"}
    if token:
        hdrs["Authorization"] = "Bearer " + token
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    hdrs.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read().decode()
            return r.status, dict(r.headers), (text if raw else (json.loads(text) if text else None))
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = text
        return e.code, dict(e.headers), parsed


def wait_for(what, fn, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.5)
    check(False, what + " (timed out)")
    return None


# Start-up checks the rancher2 provider makes
status, _, body = call("GET", RANCHER + "/ping", token=None, raw=True)
check(status == 200 and body == "pong", "/ping answers pong without auth")
status, _, body = call("GET", RANCHER + "/v3", token=None)
check(status == 401 and body.get("type") == "error", "/v3 without a token is 401 with a norman error body")
status, headers, body = call("GET", RANCHER + "/v3")
check(status == 200 and headers.get("X-API-Schemas") == RANCHER + "/v3/schemas", "/v3 gives X-API-Schemas")
name, _, secret = TOKEN.partition(":")
basic = base64.b64encode(("%s:%s" % (name, secret)).encode()).decode()
status, _, _ = call("GET", RANCHER + "/v3", token=None, headers={"Authorization": "Basic " + basic})
check(status == 200, "basic auth with the token pair is accepted")
status, _, body = call("GET", RANCHER + "/v3/schemas")
ids = {s["id"] for s in body["data"]}
check({"cluster", "clusterRegistrationToken", "clusterRoleTemplateBinding", "roleTemplate", "project", "node", "token", "setting"} <= ids,
      "schemas list the types the provider needs")
status, _, body = call("GET", RANCHER + "/v3/settings/k8s-version")
check(status == 200 and body["value"].startswith("v1."), "k8s-version setting")
status, _, body = call("GET", RANCHER + "/v3/clusters/c-nope")
check(status == 404 and body == {"type": "error", "status": 404, "code": "NotFound",
                                 "message": 'clusters.management.cattle.io "c-nope" not found'}, "unknown cluster is a norman 404")

# RKE2 cluster through steve on the local cluster
status, headers, _ = call("GET", RANCHER + "/k8s/clusters/local/v1")
check(status == 200 and "X-API-Schemas" in headers, "steve root for local gives X-API-Schemas")
steve = RANCHER + "/k8s/clusters/local/v1/provisioning.cattle.io.clusters"
status, _, cluster = call("POST", steve, {"apiVersion": "provisioning.cattle.io/v1", "kind": "Cluster",
                                         "metadata": {"name": "rehearsal", "namespace": "fleet-default"},
                                         "spec": {"kubernetesVersion": "v1.30.4+rke2r1", "rkeConfig": {}}})
check(status == 201 and cluster["id"] == "fleet-default/rehearsal", "provisioning cluster created")
v1_id = cluster["status"]["clusterName"]
created = [c for c in cluster["status"]["conditions"] if c["type"] == "Created"]
check(v1_id.startswith("c-m-") and created and created[0]["status"] == "True", "status.clusterName set and Created=True")
status, _, dup = call("POST", steve, {"metadata": {"name": "rehearsal", "namespace": "fleet-default"},
                                      "spec": {"kubernetesVersion": "v1.30.4+rke2r1"}})
check(status == 409, "creating the same cluster twice is a conflict")
status, _, v3 = call("GET", RANCHER + "/v3/clusters/" + v1_id)
check(status == 200 and v3["state"] == "provisioning", "v3 cluster waits in provisioning")
check("generateKubeconfig" in v3["actions"], "v3 cluster exposes generateKubeconfig")
status, _, tok = call("GET", RANCHER + "/v3/clusterregistrationtokens/%s:default-token" % v1_id)
check(status == 200 and tok["nodeCommand"] and tok["token"] in tok["nodeCommand"], "registration token has a nodeCommand")
status, _, crtb = call("POST", RANCHER + "/v3/clusterroletemplatebindings",
                       {"type": "clusterRoleTemplateBinding", "clusterId": v1_id, "name": "ops",
                        "roleTemplateId": "cluster-owner", "userPrincipalId": "openldap_user://uid=ops,ou=People,dc=example,dc=org"})
check(status == 201 and crtb["id"] == v1_id + ":ops", "cluster role template binding created")

# The registration command goes into a Nova server's user_data, as the bootstrap scripts do
auth_body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": env["OS_USERNAME"],
             "domain": {"name": "Default"}, "password": env["OS_PASSWORD"]}}},
             "scope": {"project": {"name": env["OS_PROJECT_NAME"], "domain": {"name": "Default"}}}}}
req = urllib.request.Request(env["OS_AUTH_URL"] + "/auth/tokens", data=json.dumps(auth_body).encode(),
                             headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(req) as r:
    os_token = r.headers["X-Subject-Token"]
    catalog = json.loads(r.read())["token"]["catalog"]
url = {e["type"]: e["endpoints"][0]["url"] for e in catalog}
OS = {"X-Auth-Token": os_token}
_, _, net = call("POST", url["network"] + "/v2.0/networks", {"network": {"name": "rke2-net"}}, token=None, headers=OS)
_, _, sub = call("POST", url["network"] + "/v2.0/subnets", {"subnet": {"network_id": net["network"]["id"], "cidr": "10.50.0.0/24",
                                                                       "ip_version": 4}}, token=None, headers=OS)
_, _, images = call("GET", url["image"] + "/v2/images?name=cirros", token=None, headers=OS)
script = "#!/bin/sh\n%s --etcd --controlplane --worker\n" % tok["nodeCommand"]
status, _, srv = call("POST", url["compute"] + "/servers", {"server": {
    "name": "rke2-node-1", "imageRef": images["images"][0]["id"], "flavorRef": "2",
    "networks": [{"uuid": net["network"]["id"]}], "user_data": base64.b64encode(script.encode()).decode()}}, token=None, headers=OS)
check(status == 202, "server with the registration command created")
server_id = srv["server"]["id"]

def server_active():
    _, _, s = call("GET", url["compute"] + "/servers/" + server_id, token=None, headers=OS)
    return s["server"]["status"] == "ACTIVE"

wait_for("server becomes ACTIVE", server_active)

def cluster_active():
    _, _, c = call("GET", RANCHER + "/v3/clusters/" + v1_id)
    updated = [x for x in c.get("conditions", []) if x["type"] == "Updated"]
    return c if c["state"] == "active" and updated and updated[0]["status"] == "True" else None

v3 = wait_for("cluster becomes active once the node registered", cluster_active)
check(v3 is not None and v3["nodeCount"] == 1, "cluster counts one node")
status, _, nodes = call("GET", RANCHER + "/v3/nodes?clusterId=" + v1_id)
check(status == 200 and len(nodes["data"]) == 1 and nodes["data"][0]["controlPlane"] and nodes["data"][0]["hostname"] == "rke2-node-1",
      "node listed with its roles")
_, _, prov = call("GET", steve + "/fleet-default/rehearsal")
check(prov["status"]["ready"] is True and prov["metadata"]["state"]["name"] == "active", "provisioning cluster reports ready")

# Kubeconfig and the Kubernetes proxy
status, _, kc = call("POST", RANCHER + "/v3/clusters/%s?action=generateKubeconfig" % v1_id)
check(status == 200 and kc["type"] == "generateKubeConfigOutput", "generateKubeconfig answers")
lines = kc["config"].splitlines()
server = [l.split('"')[1] for l in lines if l.strip().startswith("server:")][0]
kube_token = [l.split('"')[1] for l in lines if l.strip().startswith("token:")][0]
check(server == RANCHER + "/k8s/clusters/" + v1_id, "kubeconfig points at the Rancher proxy")
token_name = kube_token.split(":")[0]
status, _, t = call("GET", RANCHER + "/v3/tokens/" + token_name)
check(status == 200 and t["enabled"] is True and t["expired"] is False, "kubeconfig token is valid in /v3/tokens")

def kube(method, path, body=None, content_type=None):
    headers = {"Content-Type": content_type} if content_type else None
    return call(method, server + path, body, token=kube_token, headers=headers)

status, _, apis = kube("GET", "/apis")
check(status == 200 and any(g["name"] == "argoproj.io" for g in apis["groups"]), "discovery lists argoproj.io")
status, _, _ = kube("POST", "/api/v1/namespaces/argocd/secrets", {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"}})
check(status == 404, "writing into a missing namespace is 404")
status, _, _ = kube("POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "argocd"}})
check(status == 201, "namespace created")
secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "cluster-a", "namespace": "argocd",
          "labels": {"argocd.argoproj.io/secret-type": "cluster"}}, "stringData": {"server": server}}
status, _, created = kube("POST", "/api/v1/namespaces/argocd/secrets", secret)
check(status == 201 and base64.b64decode(created["data"]["server"]).decode() == server and "stringData" not in created,
      "secret stringData folded into data")
status, _, _ = kube("POST", "/api/v1/namespaces/argocd/secrets", secret)
check(status == 409, "creating the secret again is AlreadyExists")
app = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "root", "namespace": "argocd"},
       "spec": {"project": "default", "source": {"repoURL": "https://git.example.org/apps.git", "path": "apps"},
                "destination": {"server": "https://kubernetes.default.svc", "namespace": "argocd"}}}
status, _, applied = kube("PATCH", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/root?fieldManager=kubectl&force=true",
                          json.dumps(app).encode(), "application/apply-patch+yaml")
check(status in (200, 201) and applied["metadata"]["uid"], "server-side apply creates the Application")
status, _, patched = kube("PATCH", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/root",
                          {"spec": {"source": {"path": "apps-v2"}}}, "application/merge-patch+json")
check(patched["spec"]["source"] == {"repoURL": "https://git.example.org/apps.git", "path": "apps-v2"}, "merge patch updates one field")
status, _, got = kube("GET", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/root")
check(status == 200 and got["spec"]["source"]["path"] == "apps-v2", "Application read back")
dep = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "argocd"},
       "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}}
kube("POST", "/apis/apps/v1/namespaces/argocd/deployments", dep)
wait_for("deployment rolls out", lambda: kube("GET", "/apis/apps/v1/namespaces/argocd/deployments/web")[2]["status"].get("availableReplicas") == 2)
status, _, _ = kube("DELETE", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/root")
status2, _, _ = kube("GET", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/root")
check(status == 200 and status2 == 404, "Application deleted")

# Catalog app install on the downstream cluster
down = RANCHER + "/k8s/clusters/%s/v1" % v1_id
status, _, repo = call("GET", down + "/catalog.cattle.io.clusterrepos/rancher-charts")
downloaded = [c for c in repo["status"]["conditions"] if c["type"] == "Downloaded"]
check(status == 200 and downloaded[0]["status"] == "True", "cluster repo downloaded")
status, _, info = call("GET", repo["links"]["info"] + "&chartName=longhorn&version=104.2.0+up1.7.1")
check(status == 200 and info["chart"]["name"] == "longhorn", "chart info")
status, _, op = call("POST", repo["actions"]["install"], {"namespace": "longhorn-system", "charts": [
    {"chartName": "longhorn", "version": "104.2.0+up1.7.1", "releaseName": "longhorn", "values": {}}]})
check(status == 200 and op["operationName"].startswith("helm-operation-"), "chart install starts a helm operation")
status, _, operation = call("GET", down + "/catalog.cattle.io.operations/cattle-system/" + op["operationName"])
check(status == 200 and operation["metadata"]["state"]["transitioning"] is False and operation["metadata"]["state"]["error"] is False,
      "helm operation finished without error")
status, _, app = call("GET", down + "/catalog.cattle.io.apps/longhorn-system/longhorn")
check(status == 200 and app["status"]["summary"]["state"] == "deployed", "app deployed")

# Tear down: server deletion drops the node; cluster deletion goes through removing
call("DELETE", url["compute"] + "/servers/" + server_id, token=None, headers=OS)
status, _, _ = call("DELETE", steve + "/fleet-default/rehearsal")
check(status == 200, "provisioning cluster deleted")
status, _, v3 = call("GET", RANCHER + "/v3/clusters/" + v1_id)
check(status == 404 or v3["state"] == "removing", "v3 cluster reports removing or is gone")
wait_for("v3 cluster disappears", lambda: call("GET", RANCHER + "/v3/clusters/" + v1_id)[0] == 404, timeout=20)
status, _, _ = call("GET", server + "/api", token=kube_token)
check(status in (401, 404), "proxy for the removed cluster refuses")

if failures:
    print("\n%d check(s) failed: %s" % (len(failures), "; ".join(failures)))
    sys.exit(1)
print("\nrancher scenario: all checks passed")

import Foundation
import JSON

/// v3 clusters, registration tokens, nodes and kubeconfigs, and the state machine that ties a cluster
/// to the Nova servers that run its registration command.
extension Rancher {
    static let clusterTable = "rancher_clusters"

    func clusterView(_ c: JSONValue) -> JSONValue {
        let id = c.string("id") ?? ""
        var v = resource(c, type: "cluster", path: "clusters", actions: ["generateKubeconfig", "exportYaml"], links: [
            ("clusterRegistrationTokens", base + "/v3/clusters/\(id)/clusterregistrationtokens"),
            ("clusterRoleTemplateBindings", base + "/v3/clusters/\(id)/clusterroletemplatebindings"),
            ("nodes", base + "/v3/clusters/\(id)/nodes"), ("projects", base + "/v3/clusters/\(id)/projects"),
        ])
        v.set("nodeCount", .int(c.array("__nodes")?.count ?? 0))
        if c.string("state") == "removing" { v.set("actions", .emptyObject) }
        return v
    }

    private func condition(_ type: String, _ status: String, _ t: String, message: String = "") -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string(type)), ("status", .string(status)), ("lastUpdateTime", .string(t))]
        if !message.isEmpty { pairs.append(("message", .string(message))) }
        return .obj(pairs)
    }

    /// A new v3 cluster, its default registration token and its Default/System projects.
    func makeCluster(_ body: JSONValue, id: String, provisioningID: String? = nil) -> JSONValue {
        let now = Clock.iso(Clock.now())
        let imported = (body.string("driver") ?? "") == "imported"
        var obj = JSONValue.obj([
            ("id", .string(id)), ("name", body["name"] ?? .null), ("description", .string(body.string("description") ?? "")),
            ("driver", .string(body.string("driver") ?? (body["rancherKubernetesEngineConfig"] != nil ? "rancherKubernetesEngine" : "imported"))),
            ("created", .string(now)), ("createdTS", .int(Int(Clock.now() * 1000))),
            ("creatorId", .string(store.settings["rancher_token"]?.string("user_id") ?? "user-admin")), ("uuid", .string(IDs.uuid())),
            ("annotations", body["annotations"] ?? .emptyObject), ("labels", body["labels"] ?? .obj([("cattle.io/creator", .string("norman"))])),
            ("localClusterAuthEndpoint", body["localClusterAuthEndpoint"] ?? .obj([("enabled", .bool(false))])),
            ("enableNetworkPolicy", body["enableNetworkPolicy"] ?? .bool(false)), ("dockerRootDir", body["dockerRootDir"] ?? .string("/var/lib/docker")),
            ("internal", .bool(false)), ("istioEnabled", .bool(false)), ("windowsPreferedCluster", body["windowsPreferedCluster"] ?? .bool(false)),
            ("state", .string(imported ? "pending" : "provisioning")), ("transitioning", .string("yes")),
            ("transitioningMessage", .string("Waiting for etcd, controlplane and worker nodes to be registered")),
            ("conditions", .array([condition("Pending", "True", now), condition("Provisioned", "Unknown", now), condition("Waiting", "Unknown", now),
                                   condition("Updated", "Unknown", now), condition("Ready", "Unknown", now), condition("Connected", "Unknown", now)])),
            ("__nodes", .emptyArray), ("__provisioning", .str(provisioningID)),
        ])
        for m in body.objectValue ?? [] where !obj.has(m.key) && m.key != "type" && !m.key.hasPrefix("__") { obj.set(m.key, m.value) }
        store.put(Rancher.clusterTable, id, obj)
        let token = IDs.random(54, alphabet: "bcdfghjklmnpqrstvwxz2456789")
        store.put("rancher_registration_tokens", "\(id):default-token", tokenObject(clusterID: id, name: "default-token", token: token, v2: provisioningID != nil))
        for (suffix, name, label) in [("p-" + IDs.random(5), "Default", "authz.management.cattle.io/default-project"),
                                      ("p-" + IDs.random(5), "System", "authz.management.cattle.io/system-project")] {
            store.put("rancher_projects", "\(id):\(suffix)", .obj([
                ("id", .string("\(id):\(suffix)")), ("name", .string(name)), ("clusterId", .string(id)), ("namespaceId", .string(id)),
                ("state", .string("active")), ("labels", .obj([(label, .string("true"))])), ("annotations", .emptyObject),
            ]))
        }
        return obj
    }

    func tokenObject(clusterID: String, name: String, token: String, v2: Bool) -> JSONValue {
        let manifest = base + "/v3/import/\(token)_\(clusterID).yaml"
        let nodeCommand = v2
            ? "curl -fL \(base)/system-agent-install.sh | sudo  sh -s - --server \(base) --label 'cattle.io/os=linux' --token \(token)"
            : "sudo docker run -d --privileged --restart=unless-stopped --net=host -v /etc/kubernetes:/etc/kubernetes -v /var/run:/var/run  rancher/rancher-agent:v2.9.3 --server \(base) --token \(token)"
        return .obj([
            ("id", .string("\(clusterID):\(name)")), ("name", .string(name)), ("namespaceId", .string(clusterID)), ("clusterId", .string(clusterID)),
            ("state", .string("active")), ("transitioning", .string("no")), ("created", .string(Clock.iso(Clock.now()))),
            ("uuid", .string(IDs.uuid())), ("annotations", .emptyObject), ("labels", .emptyObject), ("token", .string(token)),
            ("command", .string("kubectl apply -f \(manifest)")),
            ("insecureCommand", .string("curl --insecure -sfL \(manifest) | kubectl apply -f -")), ("manifestUrl", .string(manifest)),
            ("nodeCommand", .string(nodeCommand)),
            ("insecureNodeCommand", .string(v2 ? nodeCommand.replacingOccurrences(of: "curl -fL", with: "curl --insecure -fL") : "")),
            ("windowsNodeCommand", .string(v2 ? "" : "PowerShell -NoLogo -NonInteractive -Command \"& {docker run -v c:\\:c:\\host rancher/rancher-agent:v2.9.3 bootstrap --server \(base) --token \(token) | iex}\"")),
            ("insecureWindowsNodeCommand", .string("")),
        ])
    }

    func clusters(_ req: SimRequest, _ rest: [String]) -> SimResponse {
        let t = Rancher.clusterTable
        if rest.isEmpty {
            switch req.method {
            case "GET":
                return .json(200, collection("cluster", Rancher.filter(store.all(t).map(clusterView), req), selfURL: base + "/v3/clusters"))
            case "POST":
                guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
                guard let name = body.string("name"), !name.isEmpty else {
                    return APIError.rancher(422, "MissingRequired", "Field name is required")
                }
                if store.all(t).contains(where: { $0.string("name") == name }) {
                    return APIError.rancher(422, "NotUnique", "Cluster name is not unique")
                }
                let cluster = makeCluster(body, id: "c-" + IDs.random(5, alphabet: "bcdfghjklmnpqrstvwxz2456789"))
                return .json(201, clusterView(cluster))
            default:
                return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
            }
        }
        let id = rest[0]
        guard var c = store.get(t, id) else { return APIError.rancher(404, "NotFound", "clusters.management.cattle.io \"\(id)\" not found") }
        if rest.count >= 2 {
            switch rest[1] {
            case "clusterregistrationtokens": return registrationTokens(req, [], clusterFilter: id)
            case "nodes": return .json(200, collection("node", nodes(of: c), selfURL: base + req.rawPath))
            case "clusterroletemplatebindings":
                return .json(200, collection("clusterRoleTemplateBinding", store.all("rancher_crtbs").filter { $0.string("clusterId") == id }
                    .map { resource($0, type: "clusterRoleTemplateBinding", path: "clusterroletemplatebindings") }, selfURL: base + req.rawPath))
            case "projects":
                return .json(200, collection("project", store.all("rancher_projects").filter { $0.string("clusterId") == id }
                    .map { resource($0, type: "project", path: "projects") }, selfURL: base + req.rawPath))
            default: return APIError.rancher(404, "NotFound", "not found")
            }
        }
        if req.method == "POST", let action = req.queryValue("action") {
            guard action == "generateKubeconfig" else { return APIError.rancher(404, "InvalidAction", "invalid action \(action)") }
            guard c.string("state") != "removing" else { return APIError.rancher(404, "NotFound", "cluster \(id) is being removed") }
            return .json(200, .obj([("type", .string("generateKubeConfigOutput")), ("config", .string(kubeconfig(c)))]))
        }
        switch req.method {
        case "GET":
            return .json(200, clusterView(c))
        case "PUT":
            guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
            guard c.string("state") != "removing" else { return APIError.rancher(409, "Conflict", "cluster \(id) is being removed") }
            let readOnly: Set<String> = ["id", "type", "links", "actions", "state", "conditions", "created", "uuid", "baseType", "transitioning"]
            for m in body.objectValue ?? [] where !readOnly.contains(m.key) && !m.key.hasPrefix("__") { c.set(m.key, m.value) }
            store.put(t, id, c)
            return .json(200, clusterView(c))
        case "DELETE":
            beginRemoval(&c)
            return .json(200, clusterView(c))
        default:
            return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
        }
    }

    /// A deleted cluster reports `removing` for a moment, then disappears (what the provider's wait expects).
    func beginRemoval(_ c: inout JSONValue) {
        c.set("state", .string("removing"))
        c.set("transitioning", .string("yes"))
        c.set("removed", .string(Clock.iso(Clock.now())))
        c.set(SimKey.goneAt, .number(String(Clock.now() + 1)))
        store.put(Rancher.clusterTable, c.string("id") ?? "", c)
    }

    func registrationTokens(_ req: SimRequest, _ rest: [String], clusterFilter: String?) -> SimResponse {
        let t = "rancher_registration_tokens"
        let view = { (o: JSONValue) in self.resource(o, type: "clusterRegistrationToken", path: "clusterregistrationtokens") }
        if rest.isEmpty {
            switch req.method {
            case "GET":
                var items = store.all(t)
                if let clusterFilter { items = items.filter { $0.string("clusterId") == clusterFilter } }
                return .json(200, collection("clusterRegistrationToken", Rancher.filter(items.map(view), req), selfURL: base + req.rawPath))
            case "POST":
                guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
                guard let cid = body.string("clusterId") ?? clusterFilter, let c = store.get(Rancher.clusterTable, cid) else {
                    return APIError.rancher(422, "InvalidReference", "clusterId must reference an existing cluster")
                }
                let name = body.string("name") ?? "token-" + IDs.random(5)
                if store.get(t, "\(cid):\(name)") != nil {
                    return APIError.rancher(409, "AlreadyExists", "clusterregistrationtokens.management.cattle.io \"\(name)\" already exists")
                }
                let token = tokenObject(clusterID: cid, name: name, token: IDs.random(54, alphabet: "bcdfghjklmnpqrstvwxz2456789"),
                                        v2: c.string("__provisioning") != nil)
                store.put(t, "\(cid):\(name)", token)
                return .json(201, view(token))
            default:
                return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
            }
        }
        let id = rest[0]
        guard let tok = store.get(t, id) else {
            return APIError.rancher(404, "NotFound", "clusterregistrationtokens.management.cattle.io \"\(id.split(separator: ":").last ?? "")\" not found")
        }
        switch req.method {
        case "GET", "PUT": return .json(200, view(tok))
        case "DELETE":
            store.delete(t, id)
            return .json(200, view(tok))
        default: return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
        }
    }

    func nodes(of c: JSONValue) -> [JSONValue] {
        let cid = c.string("id") ?? ""
        return (c.array("__nodes") ?? []).map { n in
            let roles = Set(n.array("roles")?.compactMap(\.stringValue) ?? [])
            return resource(.obj([
                ("id", .string("\(cid):\(n.string("id") ?? "")")), ("clusterId", .string(cid)), ("name", n["name"] ?? .null),
                ("hostname", n["name"] ?? .null), ("nodeName", n["name"] ?? .null), ("requestedHostname", n["name"] ?? .null),
                ("ipAddress", n["ip"] ?? .null), ("externalIpAddress", n["ip"] ?? .null), ("providerId", .string("openstack:///" + (n.string("server") ?? ""))),
                ("etcd", .bool(roles.contains("etcd"))), ("controlPlane", .bool(roles.contains("controlplane"))), ("worker", .bool(roles.contains("worker"))),
                ("state", .string("active")), ("labels", .emptyObject), ("annotations", .emptyObject),
            ]), type: "node", path: "nodes")
        }
    }

    func kubeconfig(_ c: JSONValue) -> String {
        let cid = c.string("id") ?? ""
        let name = c.string("name") ?? cid
        let tokenName = "kubeconfig-" + (store.settings["rancher_token"]?.string("user_id") ?? "user-admin") + IDs.random(5)
        let secret = IDs.random(54, alphabet: "bcdfghjklmnpqrstvwxz2456789")
        store.put("rancher_tokens", tokenName, .obj([
            ("id", .string(tokenName)), ("name", .string(tokenName)), ("enabled", .bool(true)), ("expired", .bool(false)),
            ("isDerived", .bool(true)), ("ttl", .int(0)), ("userId", .string(store.settings["rancher_token"]?.string("user_id") ?? "user-admin")),
            ("clusterId", .string(cid)), ("__secret", .string(secret)),
        ]))
        return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: "\(name)"
          cluster:
            server: "\(base)/k8s/clusters/\(cid)"

        users:
        - name: "\(name)"
          user:
            token: "\(tokenName):\(secret)"

        contexts:
        - name: "\(name)"
          context:
            user: "\(name)"
            cluster: "\(name)"

        current-context: "\(name)"

        """
    }

    // MARK: State machine

    /// Roles a registration command asks for; a command without role flags gives all three.
    static func roles(in command: String) -> [String] {
        var roles: [String] = []
        if command.contains("--etcd") { roles.append("etcd") }
        if command.contains("--controlplane") || command.contains("--control-plane") { roles.append("controlplane") }
        if command.contains("--worker") { roles.append("worker") }
        return roles.isEmpty ? ["etcd", "controlplane", "worker"] : roles
    }

    func tick(now: Double) {
        let clusters = store.all(Rancher.clusterTable)
        guard !clusters.isEmpty else { return }
        // Decoded user data of every running server, looked up once per tick.
        var running: [(id: String, name: String, ip: String, userData: String)] = []
        for s in store.all("servers") where s.string("status") == "ACTIVE" && !s.has(SimKey.goneAt) {
            guard let b64 = s.string("__user_data"), let data = Data(base64Encoded: b64, options: .ignoreUnknownCharacters) else { continue }
            let ip = Compute(sim: sim).addresses(s).objectValue?.first?.value.arrayValue?.first?.string("addr") ?? ""
            running.append((s.string("id") ?? "", s.string("name") ?? "", ip, String(decoding: data, as: UTF8.self)))
        }
        for var c in clusters {
            let id = c.string("id") ?? ""
            if let gone = c.double(SimKey.goneAt) {
                if gone <= now { removeCluster(id) }
                continue
            }
            let tokens = store.all("rancher_registration_tokens").filter { $0.string("clusterId") == id }.compactMap { $0.string("token") }
            var nodes: [JSONValue] = []
            for s in running where tokens.contains(where: { !$0.isEmpty && s.userData.contains($0) }) {
                let line = s.userData.split(separator: "\n").first { l in tokens.contains { l.contains($0) } }.map(String.init) ?? s.userData
                nodes.append(.obj([("id", .string("m-" + String(s.id.prefix(8)))), ("server", .string(s.id)), ("name", .string(s.name)),
                                   ("ip", .string(s.ip)), ("roles", .strings(Rancher.roles(in: line)))]))
            }
            let controlPlanes = nodes.filter { ($0.array("roles") ?? []).contains(.string("controlplane")) }.count
            let workers = nodes.filter { ($0.array("roles") ?? []).contains(.string("worker")) }.count
            let ready = controlPlanes >= max(1, sim.options.clusterControlPlaneNodes) && workers >= sim.options.clusterWorkerNodes
            let state = c.string("state") ?? ""
            let wanted = ready ? "active" : (nodes.isEmpty ? (state == "pending" ? "pending" : "provisioning") : "provisioning")
            guard (c.array("__nodes") ?? []) != nodes || wanted != state else { continue }
            c.set("__nodes", .array(nodes))
            if wanted != state {
                let t = Clock.iso(now)
                c.set("state", .string(wanted))
                c.set("transitioning", .string(ready ? "no" : "yes"))
                c.set("transitioningMessage", .string(ready ? "" : "Waiting for etcd, controlplane and worker nodes to be registered"))
                let status = ready ? "True" : "Unknown"
                c.set("conditions", .array(["Pending", "Provisioned", "Waiting", "Updated", "Ready", "Connected"].map { type in
                    condition(type, type == "Pending" ? "True" : status, t)
                }))
                if ready {
                    c.set("apiEndpoint", .string("https://\(nodes.first?.string("ip") ?? "127.0.0.1"):6443"))
                    c.set("version", .obj([("gitVersion", .string("v1.30.4")), ("major", .string("1")), ("minor", .string("30"))]))
                }
            }
            store.put(Rancher.clusterTable, id, c)
        }
    }

    private func removeCluster(_ id: String) {
        store.delete(Rancher.clusterTable, id)
        for table in ["rancher_registration_tokens", "rancher_projects", "rancher_crtbs", "rancher_tokens"] {
            for o in store.all(table) where o.string("clusterId") == id { store.delete(table, o.string("id") ?? "") }
        }
        for key in store[KubernetesAPI.table].ids where key.hasPrefix(id + "|") { store.delete(KubernetesAPI.table, key) }
        for table in ["rancher_apps", "rancher_operations", "rancher_clusterrepos"] {
            for key in store[table].ids where key.hasPrefix(id + "|") { store.delete(table, key) }
        }
    }

    func serverDeleted(_ id: String) {
        // The next tick recomputes node membership from the servers that remain.
        for var c in store.all(Rancher.clusterTable) where (c.array("__nodes") ?? []).contains(where: { $0.string("server") == id }) {
            c.set("__nodes", .array((c.array("__nodes") ?? []).filter { $0.string("server") != id }))
            store.put(Rancher.clusterTable, c.string("id") ?? "", c)
        }
    }
}

import Foundation
import JSON

/// Steve (`/v1`, `/k8s/clusters/ID/v1`): provisioning clusters (RKE2/k3s), settings, catalog repos,
/// chart installs, apps and helm operations.
extension Rancher {
    static let steveTypes: [(id: String, namespaced: Bool, localOnly: Bool)] = [
        ("provisioning.cattle.io.cluster", true, true), ("management.cattle.io.setting", false, true),
        ("catalog.cattle.io.clusterrepo", false, false), ("catalog.cattle.io.app", true, false),
        ("catalog.cattle.io.operation", true, false),
    ]

    func steve(_ req: SimRequest, clusterID: String, _ p: [String], base steveBase: String) -> SimResponse {
        let schemasHeader = [("X-API-Schemas", steveBase + "/schemas")]
        let types = Rancher.steveTypes.filter { clusterID == "local" || !$0.localOnly }
        func schema(_ t: (id: String, namespaced: Bool, localOnly: Bool)) -> JSONValue {
            .obj([("id", .string(t.id)), ("type", .string("schema")), ("pluralName", .string(t.id + "s")),
                  ("links", .obj([("self", .string(steveBase + "/schemas/" + t.id)), ("collection", .string(steveBase + "/" + t.id + "s"))])),
                  ("collectionMethods", .strings(["GET", "POST"])), ("resourceMethods", .strings(["GET", "DELETE", "PUT", "PATCH"])),
                  ("attributes", .obj([("namespaced", .bool(t.namespaced))]))])
        }
        guard let head = p.first else {
            return .json(200, .obj([("type", .string("apiRoot")), ("links", .obj([("self", .string(steveBase)), ("schemas", .string(steveBase + "/schemas"))]))]),
                         headers: schemasHeader)
        }
        if head == "schemas" {
            if p.count > 1 {
                guard let t = types.first(where: { $0.id == p[1] }) else { return APIError.rancher(404, "NotFound", "schema \(p[1]) not found") }
                return .json(200, schema(t), headers: schemasHeader)
            }
            return .json(200, collection("schema", types.map(schema), selfURL: steveBase + "/schemas"), headers: schemasHeader)
        }
        let typeID = head.hasSuffix("s") ? String(head.dropLast()) : head
        guard types.contains(where: { $0.id == typeID }) else {
            return APIError.rancher(404, "NotFound", "schema \(head) not found")
        }
        let id = p.dropFirst().joined(separator: "/")
        switch typeID {
        case "provisioning.cattle.io.cluster": return provisioningClusters(req, id: id, steveBase: steveBase)
        case "management.cattle.io.setting":
            let values: [(String, String)] = [("system-default-registry", ""), ("server-version", "v2.9.3"), ("k8s-version", "v1.30.4+rke2r1")]
            let items = values.map { k, v in steveObject(.obj([("apiVersion", .string("management.cattle.io/v3")), ("kind", .string("Setting")),
                ("metadata", .obj([("name", .string(k))])), ("value", .string(v)), ("default", .string(v))]), type: typeID, id: k, steveBase: steveBase) }
            if id.isEmpty { return .json(200, collection(typeID, items, selfURL: steveBase + "/" + head)) }
            guard let s = items.first(where: { $0.string("id") == id }) else { return APIError.rancher(404, "NotFound", "settings.management.cattle.io \"\(id)\" not found") }
            return .json(200, s)
        case "catalog.cattle.io.clusterrepo": return clusterRepos(req, clusterID: clusterID, id: id, steveBase: steveBase)
        case "catalog.cattle.io.app": return apps(req, clusterID: clusterID, id: id, steveBase: steveBase)
        default: return operations(req, clusterID: clusterID, id: id, steveBase: steveBase)
        }
    }

    func steveObject(_ obj: JSONValue, type: String, id: String, steveBase: String, actions: [String] = [], links extra: [(String, String)] = []) -> JSONValue {
        let selfURL = steveBase + "/" + type + "s/" + id
        var v = obj.publicView
        v.set("id", .string(id))
        v.set("type", .string(type))
        v.set("links", .obj([("self", .string(selfURL)), ("update", .string(selfURL)), ("remove", .string(selfURL))] + extra.map { ($0.0, .string($0.1)) }))
        if !actions.isEmpty { v.set("actions", .obj(actions.map { ($0, .string(selfURL + "?action=" + $0)) })) }
        return v
    }

    // MARK: Provisioning clusters

    private func provisioningView(_ o: JSONValue, steveBase: String) -> JSONValue {
        var v = o
        let v3 = o["status"]?.string("clusterName").flatMap { store.get(Rancher.clusterTable, $0) }
        let active = v3?.string("state") == "active"
        let t = Clock.iso(Clock.now())
        func cond(_ type: String, _ status: String, _ message: String = "") -> JSONValue {
            .obj([("type", .string(type)), ("status", .string(status)), ("lastUpdateTime", .string(t)), ("reason", .string("")), ("message", .string(message))])
        }
        let waiting = "waiting for at least one control plane, etcd, and worker node to be registered"
        var status = o["status"] ?? .emptyObject
        status.set("ready", .bool(active))
        status.set("agentDeployed", .bool(active))
        status.set("conditions", .array([cond("Created", "True"), cond("Provisioned", active ? "True" : "Unknown"),
                                         cond("Updated", active ? "True" : "Unknown", active ? "" : waiting),
                                         cond("Ready", active ? "True" : "Unknown"), cond("Connected", active ? "True" : "False")]))
        v.set("status", status)
        var md = v["metadata"] ?? .emptyObject
        let removing = o.has(SimKey.goneAt)
        md.set("state", .obj([("name", .string(removing ? "removing" : (active ? "active" : "updating"))), ("error", .bool(false)),
                              ("transitioning", .bool(!active)), ("message", .string(active ? "" : waiting))]))
        v.set("metadata", md)
        let ns = md.string("namespace") ?? "fleet-default", name = md.string("name") ?? ""
        return steveObject(v, type: "provisioning.cattle.io.cluster", id: "\(ns)/\(name)", steveBase: steveBase,
                           links: [("view", base + "/apis/provisioning.cattle.io/v1/namespaces/\(ns)/clusters/\(name)")])
    }

    private func provisioningClusters(_ req: SimRequest, id: String, steveBase: String) -> SimResponse {
        let t = "rancher_v2clusters"
        if id.isEmpty {
            switch req.method {
            case "GET":
                var items = store.all(t)
                if let ns = req.queryValue("namespace") { items = items.filter { $0["metadata"]?.string("namespace") == ns } }
                return .json(200, collection("provisioning.cattle.io.cluster", items.map { provisioningView($0, steveBase: steveBase) }, selfURL: steveBase + "/provisioning.cattle.io.clusters"))
            case "POST":
                guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
                guard let name = body["metadata"]?.string("name"), !name.isEmpty else { return APIError.rancher(422, "MissingRequired", "metadata.name is required") }
                let ns = body["metadata"]?.string("namespace") ?? "fleet-default"
                let key = "\(ns)/\(name)"
                if store.get(t, key) != nil {
                    return APIError.rancher(409, "AlreadyExists", "clusters.provisioning.cattle.io \"\(name)\" already exists")
                }
                let version = body["spec"]?.string("kubernetesVersion") ?? ""
                guard !version.isEmpty else { return APIError.rancher(422, "MissingRequired", "spec.kubernetesVersion is required") }
                let v1ID = "c-m-" + IDs.random(8, alphabet: "bcdfghjklmnpqrstvwxz2456789")
                _ = makeCluster(.obj([("name", .string(name)), ("driver", .string(version.contains("k3s") ? "k3s" : "rke2")),
                                      ("labels", .obj([("provider.cattle.io", .string(version.contains("k3s") ? "k3s" : "rke2"))]))]),
                                id: v1ID, provisioningID: key)
                var md = body["metadata"] ?? .emptyObject
                md.set("namespace", .string(ns))
                md.set("uid", .string(IDs.uuid()))
                md.set("resourceVersion", .string(String(nextResourceVersion())))
                md.set("generation", .int(1))
                md.set("creationTimestamp", .string(Clock.iso(Clock.now())))
                md.set("finalizers", .strings(["wrangler.cattle.io/provisioning-cluster-remove"]))
                let obj = JSONValue.obj([("apiVersion", .string("provisioning.cattle.io/v1")), ("kind", .string("Cluster")), ("metadata", md),
                                         ("spec", body["spec"] ?? .emptyObject),
                                         ("status", .obj([("clusterName", .string(v1ID)), ("fleetWorkspaceName", .string(ns)),
                                                          ("clientSecretName", .string(name + "-kubeconfig")), ("observedGeneration", .int(1))]))])
                store.put(t, key, obj)
                return .json(201, provisioningView(obj, steveBase: steveBase))
            default:
                return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
            }
        }
        guard var obj = store.get(t, id) else {
            return APIError.rancher(404, "NotFound", "clusters.provisioning.cattle.io \"\(id.split(separator: "/").last ?? "")\" not found")
        }
        switch req.method {
        case "GET":
            return .json(200, provisioningView(obj, steveBase: steveBase))
        case "PUT":
            guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
            var md = obj["metadata"] ?? .emptyObject
            if let rv = body["metadata"]?.string("resourceVersion"), !rv.isEmpty, rv != md.string("resourceVersion") {
                return APIError.rancher(409, "Conflict", "Operation cannot be fulfilled on clusters.provisioning.cattle.io \"\(md.string("name") ?? "")\": the object has been modified; please apply your changes to the latest version and try again")
            }
            if let spec = body["spec"], spec != obj["spec"] {
                obj.set("spec", spec)
                md.set("generation", .int((md.int("generation") ?? 1) + 1))
            }
            for key in ["labels", "annotations"] { if let v = body["metadata"]?[key] { md.set(key, v) } }
            md.set("resourceVersion", .string(String(nextResourceVersion())))
            obj.set("metadata", md)
            store.put(t, id, obj)
            return .json(200, provisioningView(obj, steveBase: steveBase))
        case "DELETE":
            if let v1 = obj["status"]?.string("clusterName"), var c = store.get(Rancher.clusterTable, v1) { beginRemoval(&c) }
            store.delete(t, id)
            return .json(200, provisioningView(obj, steveBase: steveBase))
        default:
            return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
        }
    }

    func nextResourceVersion() -> Int {
        let n = (store.settings.int("resource_version") ?? 1000) + 1
        store.settings.set("resource_version", .int(n))
        store.markDirty()
        return n
    }

    // MARK: Catalog

    private func ensureRepos(_ clusterID: String) {
        for (name, url) in [("rancher-charts", "https://git.rancher.io/charts"), ("rancher-partner-charts", "https://git.rancher.io/partner-charts"),
                            ("rancher-rke2-charts", "https://git.rancher.io/rke2-charts")] where store.get("rancher_clusterrepos", "\(clusterID)|\(name)") == nil {
            store.put("rancher_clusterrepos", "\(clusterID)|\(name)", .obj([
                ("apiVersion", .string("catalog.cattle.io/v1")), ("kind", .string("ClusterRepo")),
                ("metadata", .obj([("name", .string(name)), ("resourceVersion", .string("1")), ("generation", .int(1)),
                                   ("state", .obj([("name", .string("active")), ("error", .bool(false)), ("transitioning", .bool(false))]))])),
                ("spec", .obj([("gitRepo", .string(url)), ("gitBranch", .string("release-v2.9"))])),
                ("status", .obj([("observedGeneration", .int(1)), ("conditions", .array([
                    .obj([("type", .string("Downloaded")), ("status", .string("True")), ("lastUpdateTime", .string(Clock.iso(Clock.now())))]),
                    .obj([("type", .string("FollowerDownloaded")), ("status", .string("True"))]),
                ]))])),
            ]))
        }
    }

    private func clusterRepos(_ req: SimRequest, clusterID: String, id: String, steveBase: String) -> SimResponse {
        ensureRepos(clusterID)
        let view = { (o: JSONValue) -> JSONValue in
            let name = o["metadata"]?.string("name") ?? ""
            let selfURL = steveBase + "/catalog.cattle.io.clusterrepos/" + name
            return self.steveObject(o, type: "catalog.cattle.io.clusterrepo", id: name, steveBase: steveBase, actions: ["install", "upgrade"],
                                    links: [("info", selfURL + "?link=info"), ("index", selfURL + "?link=index"), ("chart", selfURL + "?link=chart")])
        }
        if id.isEmpty {
            let items = store[ "rancher_clusterrepos"].ids.filter { $0.hasPrefix(clusterID + "|") }.compactMap { store.get("rancher_clusterrepos", $0) }
            return .json(200, collection("catalog.cattle.io.clusterrepo", items.map(view), selfURL: steveBase + "/catalog.cattle.io.clusterrepos"))
        }
        guard let repo = store.get("rancher_clusterrepos", "\(clusterID)|\(id)") else {
            return APIError.rancher(404, "NotFound", "clusterrepos.catalog.cattle.io \"\(id)\" not found")
        }
        if req.method == "GET", req.queryValue("link") == "info" {
            guard let chart = req.queryValue("chartName"), !chart.isEmpty else { return APIError.rancher(422, "MissingRequired", "chartName is required") }
            let version = req.queryValue("version") ?? "104.2.0+up1.0.0"
            return .json(200, .obj([("readme", .string("# \(chart)\n")), ("appReadme", .string("")), ("values", .emptyObject), ("questions", .emptyObject),
                                    ("chart", .obj([("apiVersion", .string("v2")), ("name", .string(chart)), ("version", .string(version)),
                                                    ("appVersion", .string(version.split(separator: "+").last.map { String($0.dropFirst(2)) } ?? version)),
                                                    ("annotations", .obj([("catalog.cattle.io/certified", .string("rancher"))]))]))]))
        }
        if req.method == "POST", let action = req.queryValue("action") {
            guard action == "install" || action == "upgrade" else { return APIError.rancher(404, "InvalidAction", "invalid action \(action)") }
            guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
            guard let charts = body.array("charts"), !charts.isEmpty else { return APIError.rancher(422, "MissingRequired", "charts is required") }
            let ns = body.string("namespace") ?? "default"
            for chart in charts {
                guard let chartName = chart.string("chartName"), !chartName.isEmpty else { return APIError.rancher(422, "MissingRequired", "chartName is required") }
                let release = chart.string("releaseName") ?? chartName
                let key = "\(clusterID)|\(ns)/\(release)"
                let existing = store.get("rancher_apps", key)
                if action == "install", existing != nil {
                    return APIError.rancher(409, "AlreadyExists", "cannot re-use a name that is still in use")
                }
                let version = chart.string("version") ?? "104.2.0+up1.0.0"
                let revision = (existing?["spec"]?.int("version") ?? 0) + 1
                let now = Clock.iso(Clock.now())
                store.put("rancher_apps", key, .obj([
                    ("apiVersion", .string("catalog.cattle.io/v1")), ("kind", .string("App")),
                    ("metadata", .obj([("name", .string(release)), ("namespace", .string(ns)), ("resourceVersion", .string(String(nextResourceVersion()))),
                                       ("state", .obj([("name", .string("deployed")), ("error", .bool(false)), ("transitioning", .bool(false))]))])),
                    ("spec", .obj([("name", .string(release)), ("namespace", .string(ns)), ("version", .int(revision)),
                                   ("chart", .obj([("metadata", .obj([("name", .string(chartName)), ("version", .string(version)),
                                                                      ("annotations", .obj([("catalog.cattle.io/certified", .string("rancher"))]))])),
                                                   ("values", .emptyObject)])),
                                   ("values", chart["values"] ?? .emptyObject),
                                   ("info", .obj([("status", .string("deployed")), ("description", .string(action == "install" ? "Install complete" : "Upgrade complete")),
                                                  ("firstDeployed", existing?["spec"]?["info"]?["firstDeployed"] ?? .string(now)), ("lastDeployed", .string(now))])),
                                   ("helmVersion", .int(3))])),
                    ("status", .obj([("observedGeneration", .int(revision)),
                                     ("summary", .obj([("state", .string("deployed")), ("error", .bool(false)), ("transitioning", .bool(false))]))])),
                ]))
                KubernetesAPI(sim: sim, clusterID: clusterID).ensureNamespace(ns)
            }
            return .json(200, operation(clusterID: clusterID, action: action, namespace: ns, release: charts.last?.string("releaseName") ?? ""))
        }
        return .json(200, view(repo))
    }

    /// A finished helm operation, as Rancher reports it once the chart is deployed.
    private func operation(clusterID: String, action: String, namespace: String, release: String) -> JSONValue {
        let name = "helm-operation-" + IDs.random(5)
        store.put("rancher_operations", "\(clusterID)|cattle-system/\(name)", .obj([
            ("apiVersion", .string("catalog.cattle.io/v1")), ("kind", .string("Operation")),
            ("metadata", .obj([("name", .string(name)), ("namespace", .string("cattle-system")),
                               ("state", .obj([("name", .string("successful")), ("error", .bool(false)), ("transitioning", .bool(false))]))])),
            ("status", .obj([("action", .string(action)), ("namespace", .string(namespace)), ("releaseName", .string(release)),
                             ("podName", .string(name)), ("podNamespace", .string("cattle-system"))])),
        ]))
        return .obj([("type", .string("chartActionOutput")), ("operationName", .string(name)), ("operationNamespace", .string("cattle-system"))])
    }

    private func apps(_ req: SimRequest, clusterID: String, id: String, steveBase: String) -> SimResponse {
        let view = { (o: JSONValue) -> JSONValue in
            let md = o["metadata"] ?? .emptyObject
            return self.steveObject(o, type: "catalog.cattle.io.app", id: "\(md.string("namespace") ?? "")/\(md.string("name") ?? "")",
                                    steveBase: steveBase, actions: ["uninstall", "rollback"])
        }
        if id.isEmpty {
            let items = store["rancher_apps"].ids.filter { $0.hasPrefix(clusterID + "|") }.compactMap { store.get("rancher_apps", $0) }
            return .json(200, collection("catalog.cattle.io.app", items.map(view), selfURL: steveBase + "/catalog.cattle.io.apps"))
        }
        guard let app = store.get("rancher_apps", "\(clusterID)|\(id)") else {
            return APIError.rancher(404, "NotFound", "apps.catalog.cattle.io \"\(id.split(separator: "/").last ?? "")\" not found")
        }
        if req.method == "POST", req.queryValue("action") == "uninstall" {
            store.delete("rancher_apps", "\(clusterID)|\(id)")
            return .json(200, operation(clusterID: clusterID, action: "uninstall", namespace: app["metadata"]?.string("namespace") ?? "",
                                        release: app["metadata"]?.string("name") ?? ""))
        }
        if req.method == "DELETE" {
            store.delete("rancher_apps", "\(clusterID)|\(id)")
            return .json(200, view(app))
        }
        return .json(200, view(app))
    }

    private func operations(_ req: SimRequest, clusterID: String, id: String, steveBase: String) -> SimResponse {
        let view = { (o: JSONValue) -> JSONValue in
            let md = o["metadata"] ?? .emptyObject
            let oid = "\(md.string("namespace") ?? "")/\(md.string("name") ?? "")"
            return self.steveObject(o, type: "catalog.cattle.io.operation", id: oid, steveBase: steveBase,
                                    links: [("logs", steveBase + "/catalog.cattle.io.operations/\(oid)?link=logs")])
        }
        if id.isEmpty {
            let items = store["rancher_operations"].ids.filter { $0.hasPrefix(clusterID + "|") }.compactMap { store.get("rancher_operations", $0) }
            return .json(200, collection("catalog.cattle.io.operation", items.map(view), selfURL: steveBase + "/catalog.cattle.io.operations"))
        }
        guard let op = store.get("rancher_operations", "\(clusterID)|\(id)") else {
            return APIError.rancher(404, "NotFound", "operations.catalog.cattle.io \"\(id.split(separator: "/").last ?? "")\" not found")
        }
        if req.queryValue("link") == "logs" { return .text(200, "helm operation \(id) completed\n") }
        return .json(200, view(op))
    }
}

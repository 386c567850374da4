import Foundation
import JSON

/// The slice of a Kubernetes API server that `kubectl_manifest` needs, behind Rancher's
/// `/k8s/clusters/ID` proxy: discovery, and create/get/list/replace/patch/delete of objects.
struct KubernetesAPI {
    let sim: Simulator
    let clusterID: String
    var store: StateStore { sim.store }
    static let table = "kube_objects"

    struct Kind {
        var group: String, version: String, kind: String, plural: String, namespaced: Bool
        var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    }

    static let builtIn: [Kind] = [
        Kind(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false),
        Kind(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true),
        Kind(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true),
        Kind(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true),
        Kind(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true),
        Kind(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true),
        Kind(group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", namespaced: true),
        Kind(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true),
        Kind(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", namespaced: true),
        Kind(group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", namespaced: true),
        Kind(group: "batch", version: "v1", kind: "Job", plural: "jobs", namespaced: true),
        Kind(group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses", namespaced: true),
        Kind(group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", plural: "networkpolicies", namespaced: true),
        Kind(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false),
        Kind(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: false),
        Kind(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", namespaced: true),
        Kind(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true),
        Kind(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", namespaced: false),
        Kind(group: "argoproj.io", version: "v1alpha1", kind: "Application", plural: "applications", namespaced: true),
        Kind(group: "argoproj.io", version: "v1alpha1", kind: "AppProject", plural: "appprojects", namespaced: true),
    ]

    /// Built-in kinds plus those defined by stored CustomResourceDefinitions.
    var kinds: [Kind] {
        var all = KubernetesAPI.builtIn
        for key in store[KubernetesAPI.table].ids where key.hasPrefix("\(clusterID)|apiextensions.k8s.io/customresourcedefinitions|") {
            guard let crd = store.get(KubernetesAPI.table, key), let spec = crd["spec"], let group = spec.string("group"),
                  let names = spec["names"], let kind = names.string("kind"), let plural = names.string("plural") else { continue }
            for v in spec.array("versions") ?? [] {
                if let name = v.string("name") {
                    all.append(Kind(group: group, version: name, kind: kind, plural: plural, namespaced: spec.string("scope") != "Cluster"))
                }
            }
        }
        return all
    }

    private func key(_ k: Kind, _ ns: String?, _ name: String) -> String {
        "\(clusterID)|\(k.group)/\(k.plural)|\(ns ?? "")|\(name)"
    }

    func handle(_ req: SimRequest, _ p: [String]) -> SimResponse {
        if clusterID != "local", store.get(Rancher.clusterTable, clusterID)?.string("state") != "active" {
            return APIError.kube(503, "ServiceUnavailable", "cluster \(clusterID) is not available yet (no registered nodes)")
        }
        ensureNamespace("default"); ensureNamespace("kube-system"); ensureNamespace("kube-public")
        switch p.first {
        case "version":
            return .json(200, .obj([("major", .string("1")), ("minor", .string("30")), ("gitVersion", .string("v1.30.4+rke2r1")),
                                    ("platform", .string("linux/amd64"))]))
        case "api":
            if p.count == 1 {
                return .json(200, .obj([("kind", .string("APIVersions")), ("versions", .strings(["v1"])),
                                        ("serverAddressByClientCIDRs", .array([.obj([("clientCIDR", .string("0.0.0.0/0")), ("serverAddress", .string("127.0.0.1:6443"))])]))]))
            }
            guard p[1] == "v1" else { return notFoundPath(req) }
            return resources(req, group: "", version: "v1", Array(p.dropFirst(2)))
        case "apis":
            if p.count == 1 { return .json(200, groupList()) }
            if p.count == 2 {
                guard let g = groupList().array("groups")?.first(where: { $0.string("name") == p[1] }) else { return notFoundPath(req) }
                return .json(200, g.mergePatched(with: .obj([("kind", .string("APIGroup")), ("apiVersion", .string("v1"))])))
            }
            return resources(req, group: p[1], version: p[2], Array(p.dropFirst(3)))
        case "openapi":
            return openAPI(req, Array(p.dropFirst()))
        default:
            return notFoundPath(req)
        }
    }

    /// An OpenAPI document without definitions: clients that validate manifests find no schema for any
    /// kind and skip validation, as they do for CRDs without one. client-go asks for v2 as protobuf; an
    /// empty protobuf message is zero bytes.
    private func openAPI(_ req: SimRequest, _ p: [String]) -> SimResponse {
        switch p {
        case ["v2"]:
            if (req.header("accept") ?? "").contains("protobuf") {
                return SimResponse(status: 200, headers: [("Content-Type", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")], body: [])
            }
            return .json(200, .obj([("swagger", .string("2.0")), ("info", .obj([("title", .string("Kubernetes")), ("version", .string("v1.30.4"))])),
                                    ("paths", .emptyObject), ("definitions", .emptyObject)]))
        case ["v3"]:
            return .json(200, .obj([("paths", .emptyObject)]))
        default:
            return notFoundPath(req)
        }
    }

    private func notFoundPath(_ req: SimRequest) -> SimResponse {
        APIError.kube(404, "NotFound", "the server could not find the requested resource")
    }

    private func groupList() -> JSONValue {
        var groups: [(String, [String])] = []
        for k in kinds where !k.group.isEmpty {
            if let i = groups.firstIndex(where: { $0.0 == k.group }) {
                if !groups[i].1.contains(k.version) { groups[i].1.append(k.version) }
            } else {
                groups.append((k.group, [k.version]))
            }
        }
        return .obj([("kind", .string("APIGroupList")), ("apiVersion", .string("v1")), ("groups", .array(groups.map { g in
            let versions = g.1.map { JSONValue.obj([("groupVersion", .string("\(g.0)/\($0)")), ("version", .string($0))]) }
            return .obj([("name", .string(g.0)), ("versions", .array(versions)), ("preferredVersion", versions.first ?? .null)])
        }))])
    }

    // MARK: Objects

    private func resources(_ req: SimRequest, group: String, version: String, _ p: [String]) -> SimResponse {
        let available = kinds.filter { $0.group == group && $0.version == version }
        guard !available.isEmpty else { return notFoundPath(req) }
        if p.isEmpty {
            return .json(200, .obj([("kind", .string("APIResourceList")), ("apiVersion", .string("v1")),
                                    ("groupVersion", .string(group.isEmpty ? version : "\(group)/\(version)")),
                                    ("resources", .array(available.map { k in
                                        .obj([("name", .string(k.plural)), ("singularName", .string(k.kind.lowercased())), ("namespaced", .bool(k.namespaced)),
                                              ("kind", .string(k.kind)), ("verbs", .strings(["create", "delete", "get", "list", "patch", "update", "watch"]))])
                                    }))]))
        }
        var ns: String?
        var rest = p
        if rest.count >= 2, rest[0] == "namespaces", rest.count >= 3 {
            ns = rest[1]
            rest = Array(rest.dropFirst(2))
        }
        guard let plural = rest.first, let kind = available.first(where: { $0.plural == plural }) else { return notFoundPath(req) }
        let name = rest.count > 1 ? rest[1] : nil
        if rest.count > 2 { return notFoundPath(req) }
        if kind.namespaced, let ns, kind.plural != "namespaces", store.get(KubernetesAPI.table, namespaceKey(ns)) == nil, req.method != "GET" || name != nil {
            return APIError.kube(404, "NotFound", "namespaces \"\(ns)\" not found", details: .obj([("name", .string(ns)), ("kind", .string("namespaces"))]))
        }
        if !kind.namespaced, ns != nil { return notFoundPath(req) }
        let dryRun = req.queryValue("dryRun") == "All"
        switch (req.method, name) {
        case ("GET", nil):
            return list(kind, ns, req)
        case ("POST", nil):
            guard case .success(let body) = parseBody(req), body.isObject else { return APIError.kube(400, "BadRequest", "the request body is not a JSON object") }
            return create(kind, ns, body, dryRun: dryRun)
        case ("GET", let n?):
            guard let obj = store.get(KubernetesAPI.table, key(kind, ns, n)) else { return notFound(kind, n) }
            return .json(200, render(obj))
        case ("PUT", let n?):
            guard case .success(let body) = parseBody(req), body.isObject else { return APIError.kube(400, "BadRequest", "the request body is not a JSON object") }
            guard let existing = store.get(KubernetesAPI.table, key(kind, ns, n)) else { return notFound(kind, n) }
            if let rv = body["metadata"]?.string("resourceVersion"), !rv.isEmpty, rv != existing["metadata"]?.string("resourceVersion") {
                return APIError.kube(409, "Conflict", "Operation cannot be fulfilled on \(kind.plural) \"\(n)\": the object has been modified; please apply your changes to the latest version and try again")
            }
            return write(kind, ns, n, body, existing: existing, dryRun: dryRun, status: 200)
        case ("PATCH", let n?):
            let type = (req.header("content-type") ?? "").split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            let patch: JSONValue
            switch parseBody(req) {
            case .success(let v):
                patch = v
            case .failure where type == "application/apply-patch+yaml":
                // Apply bodies may be YAML (JSON being YAML too, JSON was tried first).
                switch KubernetesYAML.decodeObject(req.body) {
                case .success(let v): patch = v
                case .failure(let problem): return APIError.kube(400, "BadRequest", problem.message)
                }
            case .failure:
                return APIError.kube(400, "BadRequest", "the body of a \(type) patch is not valid JSON")
            }
            let existing = store.get(KubernetesAPI.table, key(kind, ns, n))
            switch type {
            case "application/apply-patch+yaml":
                // Server-side apply: create when missing, otherwise merge the applied fields.
                guard let existing else { return create(kind, ns, patch, dryRun: dryRun) }
                return write(kind, ns, n, existing.mergePatched(with: patch), existing: existing, dryRun: dryRun, status: 200)
            case "application/merge-patch+json", "application/strategic-merge-patch+json":
                guard let existing else { return notFound(kind, n) }
                return write(kind, ns, n, existing.mergePatched(with: patch), existing: existing, dryRun: dryRun, status: 200)
            case "application/json-patch+json":
                guard let existing else { return notFound(kind, n) }
                switch KubernetesAPI.applyJSONPatch(existing, patch) {
                case .failure(let e): return APIError.kube(422, "Invalid", e.message)
                case .success(let patched): return write(kind, ns, n, patched, existing: existing, dryRun: dryRun, status: 200)
                }
            default:
                return APIError.kube(415, "UnsupportedMediaType", "the server does not support patch type \(type)")
            }
        case ("DELETE", let n?):
            guard let obj = store.get(KubernetesAPI.table, key(kind, ns, n)) else { return notFound(kind, n) }
            if !dryRun {
                store.delete(KubernetesAPI.table, key(kind, ns, n))
                if kind.plural == "namespaces" {
                    for k in store[KubernetesAPI.table].ids where k.hasPrefix(clusterID + "|") && k.split(separator: "|", omittingEmptySubsequences: false).dropFirst(2).first.map(String.init) == n {
                        store.delete(KubernetesAPI.table, k)
                    }
                }
            }
            return .json(200, render(obj))
        default:
            return APIError.kube(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
        }
    }

    private func parseBody(_ req: SimRequest) -> Result<JSONValue, SimRequest.BodyProblem> { req.jsonBody() }

    private func notFound(_ kind: Kind, _ name: String) -> SimResponse {
        let resource = kind.group.isEmpty ? kind.plural : "\(kind.plural).\(kind.group)"
        return APIError.kube(404, "NotFound", "\(resource) \"\(name)\" not found",
                             details: .obj([("name", .string(name)), ("group", .string(kind.group)), ("kind", .string(kind.plural))]))
    }

    private func namespaceKey(_ ns: String) -> String { "\(clusterID)|/namespaces||\(ns)" }

    func ensureNamespace(_ ns: String) {
        guard store.get(KubernetesAPI.table, namespaceKey(ns)) == nil else { return }
        store.put(KubernetesAPI.table, namespaceKey(ns), .obj([
            ("apiVersion", .string("v1")), ("kind", .string("Namespace")),
            ("metadata", .obj([("name", .string(ns)), ("uid", .string(IDs.uuid())), ("resourceVersion", .string(String(Rancher(sim: sim).nextResourceVersion()))),
                               ("creationTimestamp", .string(Clock.iso(Clock.now()))), ("labels", .obj([("kubernetes.io/metadata.name", .string(ns))]))])),
            ("spec", .obj([("finalizers", .strings(["kubernetes"]))])), ("status", .obj([("phase", .string("Active"))])),
        ]))
    }

    private func list(_ kind: Kind, _ ns: String?, _ req: SimRequest) -> SimResponse {
        let prefix = "\(clusterID)|\(kind.group)/\(kind.plural)|"
        var items = store[KubernetesAPI.table].ids.filter { k in
            guard k.hasPrefix(prefix) else { return false }
            guard let ns else { return true }
            return k.dropFirst(prefix.count).hasPrefix(ns + "|")
        }.compactMap { store.get(KubernetesAPI.table, $0) }
        if let selector = req.queryValue("labelSelector"), !selector.isEmpty {
            let wanted = selector.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
            items = items.filter { o in
                wanted.allSatisfy { kv in kv.count == 2 && o["metadata"]?["labels"]?.string(kv[0]) == kv[1] }
            }
        }
        return .json(200, .obj([("kind", .string(kind.kind + "List")), ("apiVersion", .string(kind.apiVersion)),
                                ("metadata", .obj([("resourceVersion", .string(String(store.settings.int("resource_version") ?? 1000)))])),
                                ("items", .array(items.map(render)))]))
    }

    private func create(_ kind: Kind, _ ns: String?, _ body: JSONValue, dryRun: Bool) -> SimResponse {
        guard let name = body["metadata"]?.string("name"), !name.isEmpty else {
            return APIError.kube(422, "Invalid", "\(kind.kind) \"\" is invalid: metadata.name: Required value: name or generateName is required")
        }
        if let bodyKind = body.string("kind"), bodyKind != kind.kind {
            return APIError.kube(400, "BadRequest", "the kind \(bodyKind) does not match the resource \(kind.plural)")
        }
        var namespace = ns
        if kind.namespaced {
            let bodyNS = body["metadata"]?.string("namespace")
            if let ns, let bodyNS, bodyNS != ns {
                return APIError.kube(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request")
            }
            namespace = ns ?? bodyNS ?? "default"
        }
        if store.get(KubernetesAPI.table, key(kind, namespace, name)) != nil {
            let resource = kind.group.isEmpty ? kind.plural : "\(kind.plural).\(kind.group)"
            return APIError.kube(409, "AlreadyExists", "\(resource) \"\(name)\" already exists",
                                 details: .obj([("name", .string(name)), ("group", .string(kind.group)), ("kind", .string(kind.plural))]))
        }
        return write(kind, namespace, name, body, existing: nil, dryRun: dryRun, status: 201)
    }

    private func write(_ kind: Kind, _ ns: String?, _ name: String, _ body: JSONValue, existing: JSONValue?, dryRun: Bool, status: Int) -> SimResponse {
        var obj = body
        obj.set("apiVersion", .string(kind.apiVersion))
        obj.set("kind", .string(kind.kind))
        var md = obj["metadata"] ?? .emptyObject
        md.set("name", .string(name))
        if let ns, kind.namespaced { md.set("namespace", .string(ns)) } else { md.remove("namespace") }
        let old = existing?["metadata"] ?? .emptyObject
        md.set("uid", old["uid"] ?? .string(IDs.uuid()))
        md.set("creationTimestamp", old["creationTimestamp"] ?? .string(Clock.iso(Clock.now())))
        let specChanged = existing == nil || existing?["spec"] != obj["spec"] || existing?["data"] != obj["data"]
        md.set("generation", .int((old.int("generation") ?? 0) + (specChanged ? 1 : 0)))
        md.set("resourceVersion", .string(String(dryRun ? 0 : Rancher(sim: sim).nextResourceVersion())))
        md.remove("managedFields")
        obj.set("metadata", md)
        if kind.kind == "Secret" {
            // stringData is write-only: Kubernetes folds it into base64 `data`.
            var data = obj["data"] ?? .emptyObject
            for m in obj["stringData"]?.objectValue ?? [] {
                data.set(m.key, .string(Data((m.value.stringValue ?? "").utf8).base64EncodedString()))
            }
            obj.set("data", data)
            obj.remove("stringData")
            if !obj.has("type") { obj.set("type", .string("Opaque")) }
        }
        if kind.kind == "Namespace" { obj.set("status", .obj([("phase", .string("Active"))])) }
        if kind.kind == "Deployment" || kind.kind == "StatefulSet" || kind.kind == "Application" {
            obj.set(SimKey.readyAt, .number(String(Clock.now() + 1)))
        }
        if !dryRun { store.put(KubernetesAPI.table, key(kind, ns, name), obj) }
        return .json(status, render(obj))
    }

    /// Status that a controller would have written by now (Deployments roll out, Applications sync).
    private func render(_ obj: JSONValue) -> JSONValue {
        var v = obj.publicView
        guard let ready = obj.double(SimKey.readyAt) else { return v }
        let done = Clock.now() >= ready
        let generation = obj["metadata"]?.int("generation") ?? 1
        switch obj.string("kind") {
        case "Deployment", "StatefulSet":
            let replicas = obj["spec"]?.int("replicas") ?? 1
            let n = done ? replicas : 0
            v.set("status", .obj([("observedGeneration", .int(done ? generation : generation - 1)), ("replicas", .int(replicas)),
                                  ("updatedReplicas", .int(n)), ("readyReplicas", .int(n)), ("availableReplicas", .int(n)),
                                  ("conditions", .array([
                                    .obj([("type", .string("Available")), ("status", .string(done ? "True" : "False")), ("reason", .string(done ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"))]),
                                    .obj([("type", .string("Progressing")), ("status", .string("True")), ("reason", .string(done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated"))]),
                                  ]))]))
        case "Application":
            v.set("status", .obj([("sync", .obj([("status", .string(done ? "Synced" : "OutOfSync"))])),
                                  ("health", .obj([("status", .string(done ? "Healthy" : "Progressing"))]))]))
        default:
            break
        }
        return v
    }

    struct PatchError: Error { var message: String }

    /// RFC 6902 add/replace/remove on object members and array indexes.
    static func applyJSONPatch(_ doc: JSONValue, _ patch: JSONValue) -> Result<JSONValue, PatchError> {
        guard let ops = patch.arrayValue else { return .failure(PatchError(message: "a JSON patch must be an array")) }
        var result = doc
        for op in ops {
            guard let kind = op.string("op"), let path = op.string("path") else { return .failure(PatchError(message: "each JSON patch operation needs op and path")) }
            let tokens = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            guard let updated = apply(result, Array(tokens), kind, op["value"]) else { return .failure(PatchError(message: "cannot \(kind) at \(path)")) }
            result = updated
        }
        return .success(result)
    }

    private static func apply(_ node: JSONValue, _ path: [String], _ op: String, _ value: JSONValue?) -> JSONValue? {
        guard let head = path.first else { return op == "remove" ? nil : value }
        let last = path.count == 1
        switch node {
        case .object:
            if last {
                var n = node
                if op == "remove" { guard n.has(head) else { return nil }; n.remove(head); return n }
                guard let value else { return nil }
                if op == "replace" && !n.has(head) { return nil }
                n.set(head, value)
                return n
            }
            guard let child = node[head], let updated = apply(child, Array(path.dropFirst()), op, value) else { return nil }
            var n = node
            n.set(head, updated)
            return n
        case .array(var items):
            let index = head == "-" ? items.count : Int(head)
            guard let i = index, i >= 0, i <= items.count else { return nil }
            if last {
                switch op {
                case "add": guard let value else { return nil }; items.insert(value, at: i)
                case "replace": guard i < items.count, let value else { return nil }; items[i] = value
                case "remove": guard i < items.count else { return nil }; items.remove(at: i)
                default: return nil
                }
                return .array(items)
            }
            guard i < items.count, let updated = apply(items[i], Array(path.dropFirst()), op, value) else { return nil }
            items[i] = updated
            return .array(items)
        default:
            return nil
        }
    }
}

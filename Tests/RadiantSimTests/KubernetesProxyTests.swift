import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Kubernetes proxy")
struct KubernetesProxyTests {
    func kube(_ sim: RadiantSimulator, _ method: String, _ path: String, _ body: JSONValue? = nil,
              contentType: String = "application/json", accept: String? = nil) async throws -> HTTPResponse {
        var headers = [("Authorization", "Bearer " + sim.credentials.rancherToken), ("Content-Type", contentType)]
        if let accept { headers.append(("Accept", accept)) }
        return try await SimTestClient.send(HTTPRequest(method: method, url: sim.baseURL + "/k8s/clusters/local" + path,
                                                       headers: headers, body: body.map { JSONWriter().bytes($0) }))
    }

    @Test("objects are created, patched (merge and JSON patch) and deleted with Kubernetes status codes")
    func objects() async throws {
        try await withSimulator { sim in
            let ns = JSONValue.object(["apiVersion": .string("v1"), "kind": .string("Namespace"), "metadata": .object(["name": .string("apps")])])
            #expect(try await kube(sim, "POST", "/api/v1/namespaces", ns).status == 201)
            let cm = JSONValue.object(["apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                                       "metadata": .object(["name": .string("cfg")]), "data": .object(["a": .string("1"), "b": .string("2")])])
            let created = try await kube(sim, "POST", "/api/v1/namespaces/apps/configmaps", cm)
            #expect(created.status == 201)
            #expect(created.json["metadata"]?["namespace"]?.stringValue == "apps")
            #expect(created.json["metadata"]?["uid"]?.stringValue?.isEmpty == false)
            let conflict = try await kube(sim, "POST", "/api/v1/namespaces/apps/configmaps", cm)
            #expect(conflict.status == 409)
            #expect(conflict.json["reason"]?.stringValue == "AlreadyExists")
            let merged = try await kube(sim, "PATCH", "/api/v1/namespaces/apps/configmaps/cfg",
                                        .object(["data": .object(["a": .null, "c": .string("3")])]), contentType: "application/merge-patch+json")
            #expect(merged.json["data"] == .object(["b": .string("2"), "c": .string("3")]))
            let jsonPatch = JSONValue.array([.object(["op": .string("replace"), "path": .string("/data/b"), "value": .string("20")]),
                                             .object(["op": .string("remove"), "path": .string("/data/c")])])
            let patched = try await kube(sim, "PATCH", "/api/v1/namespaces/apps/configmaps/cfg", jsonPatch, contentType: "application/json-patch+json")
            #expect(patched.json["data"] == .object(["b": .string("20")]))
            let badPatch = try await kube(sim, "PATCH", "/api/v1/namespaces/apps/configmaps/cfg",
                                          .array([.object(["op": .string("remove"), "path": .string("/data/zzz")])]), contentType: "application/json-patch+json")
            #expect(badPatch.status == 422)
            let stale = try await kube(sim, "PUT", "/api/v1/namespaces/apps/configmaps/cfg",
                                       .object(["metadata": .object(["name": .string("cfg"), "resourceVersion": .string("1")]), "data": .object([:])]))
            #expect(stale.status == 409)
            let list = try await kube(sim, "GET", "/api/v1/namespaces/apps/configmaps")
            #expect(list.json["kind"]?.stringValue == "ConfigMapList")
            #expect(list.json["items"]?.arrayValue?.count == 1)
            #expect(try await kube(sim, "DELETE", "/api/v1/namespaces/apps").status == 200)
            let gone = try await kube(sim, "GET", "/api/v1/namespaces/apps/configmaps/cfg")
            #expect(gone.status == 404)
            #expect(gone.json["kind"]?.stringValue == "Status")
        }
    }

    func kubeText(_ sim: RadiantSimulator, _ method: String, _ path: String, _ text: String, contentType: String) async throws -> HTTPResponse {
        let headers = [("Authorization", "Bearer " + sim.credentials.rancherToken), ("Content-Type", contentType)]
        return try await SimTestClient.send(HTTPRequest(method: method, url: sim.baseURL + "/k8s/clusters/local" + path,
                                                       headers: headers, body: Array(text.utf8)))
    }

    @Test("server-side apply takes YAML bodies (YAML 1.1 scalars as the API server reads them)")
    func yamlApply() async throws {
        try await withSimulator { sim in
            let path = "/api/v1/namespaces/default/configmaps/app?fieldManager=kubectl&force=true"
            let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
              namespace: default
              labels:
                tier: "web"   # quoted: stays a string
            data:
              greeting: |
                hello
                world
              enabled: "yes"
            binaryData: {}
            """
            let created = try await kubeText(sim, "PATCH", path, yaml, contentType: "application/apply-patch+yaml")
            #expect(created.status == 201, "\(created.bodyText)")
            #expect(created.json["data"]?["greeting"]?.stringValue == "hello\nworld\n")
            #expect(created.json["data"]?["enabled"]?.stringValue == "yes")
            #expect(created.json["metadata"]?["labels"]?["tier"]?.stringValue == "web")

            // Applying again merges the applied fields into the stored object.
            let again = try await kubeText(sim, "PATCH", path, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  extra: x\n",
                                           contentType: "application/apply-patch+yaml")
            #expect(again.status == 200, "\(again.bodyText)")
            #expect(again.json["data"]?["extra"]?.stringValue == "x")
            #expect(again.json["data"]?["greeting"]?.stringValue == "hello\nworld\n")
            let read = try await kube(sim, "GET", "/api/v1/namespaces/default/configmaps/app")
            #expect(read.json["data"]?["extra"]?.stringValue == "x")

            // Plain scalars resolve as YAML 1.1 does: numbers, booleans (yes/off), null.
            let typed = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: root, namespace: argocd}
            spec:
              replicas: 3
              ratio: 0.5
              mode: 0755
              prune: yes
              selfHeal: off
              nothing: ~
              list: [a, 2, true]
            """
            let ns = JSONValue.object(["apiVersion": .string("v1"), "kind": .string("Namespace"), "metadata": .object(["name": .string("argocd")])])
            _ = try await kube(sim, "POST", "/api/v1/namespaces", ns)
            let crd = JSONValue.object([
                "apiVersion": .string("apiextensions.k8s.io/v1"), "kind": .string("CustomResourceDefinition"),
                "metadata": .object(["name": .string("applications.argoproj.io")]),
                "spec": .object(["group": .string("argoproj.io"), "scope": .string("Namespaced"),
                                 "names": .object(["kind": .string("Application"), "plural": .string("applications"), "singular": .string("application")]),
                                 "versions": .array([.object(["name": .string("v1alpha1"), "served": .bool(true), "storage": .bool(true)])])]),
            ])
            let crdResponse = try await kube(sim, "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
            #expect(crdResponse.status == 201, "\(crdResponse.bodyText)")
            let app = try await kubeText(sim, "PATCH", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/root?fieldManager=t",
                                         typed, contentType: "application/apply-patch+yaml")
            #expect(app.status == 201, "\(app.bodyText)")
            let spec = app.json["spec"]
            #expect(spec?["replicas"] == .number("3"))
            #expect(spec?["ratio"] == .number("0.5"))
            #expect(spec?["mode"] == .number("493"))
            #expect(spec?["prune"] == .bool(true))
            #expect(spec?["selfHeal"] == .bool(false))
            #expect(spec?["nothing"] == .null)
            #expect(spec?["list"] == .array([.string("a"), .number("2"), .bool(true)]))

            // Broken YAML, a list, several documents, a scalar, duplicate keys: 400 with a Status body, never a crash.
            for bad in ["apiVersion: v1\nkind: [unclosed\n", "- a\n- b\n", "a: 1\n---\nb: 2\n", "just text\n", "a: 1\na: 2\n"] {
                let r = try await kubeText(sim, "PATCH", "/api/v1/namespaces/default/configmaps/bad?fieldManager=t", bad,
                                           contentType: "application/apply-patch+yaml")
                #expect(r.status == 400, "\(bad.debugDescription): \(r.bodyText)")
                #expect(r.json["kind"]?.stringValue == "Status")
                #expect(r.json["reason"]?.stringValue == "BadRequest")
            }
            // Only apply patches may be YAML.
            let merge = try await kubeText(sim, "PATCH", "/api/v1/namespaces/default/configmaps/app", "data:\n  a: b\n",
                                           contentType: "application/merge-patch+json")
            #expect(merge.status == 400)
        }
    }

    @Test("CustomResourceDefinitions add kinds to discovery; unknown kinds are 404")
    func crds() async throws {
        try await withSimulator { sim in
            #expect(try await kube(sim, "GET", "/apis/example.org/v1/widgets").status == 404)
            let crd = JSONValue.object([
                "apiVersion": .string("apiextensions.k8s.io/v1"), "kind": .string("CustomResourceDefinition"),
                "metadata": .object(["name": .string("widgets.example.org")]),
                "spec": .object(["group": .string("example.org"), "scope": .string("Namespaced"),
                                 "names": .object(["kind": .string("Widget"), "plural": .string("widgets")]),
                                 "versions": .array([.object(["name": .string("v1"), "served": .bool(true), "storage": .bool(true)])])]),
            ])
            #expect(try await kube(sim, "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd).status == 201)
            let groups = try await kube(sim, "GET", "/apis")
            #expect(groups.json["groups"]?.arrayValue?.contains { $0["name"]?.stringValue == "example.org" } == true)
            let w = JSONValue.object(["apiVersion": .string("example.org/v1"), "kind": .string("Widget"), "metadata": .object(["name": .string("w1")])])
            #expect(try await kube(sim, "POST", "/apis/example.org/v1/namespaces/default/widgets", w).status == 201)
            let openapi = try await kube(sim, "GET", "/openapi/v2", accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
            #expect(openapi.status == 200)
            #expect(openapi.body.isEmpty)
        }
    }
}

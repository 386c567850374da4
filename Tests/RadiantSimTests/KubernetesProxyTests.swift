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

import JSON

/// Rancher: `/ping`, `/v3` (norman), `/v1` and `/k8s/clusters/ID/v1` (steve), and the Kubernetes proxy.
struct Rancher {
    let sim: Simulator
    var store: StateStore { sim.store }

    func handle(_ req: SimRequest) -> SimResponse {
        if req.segments == ["ping"] { return .text(200, "pong") }
        return APIError.rancher(404, "NotFound", "not found")
    }

    func tick(now: Double) {}
    func serverDeleted(_ id: String) {}
}

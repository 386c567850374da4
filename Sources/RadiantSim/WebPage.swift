import JSON

/// The read-only status page at `/`: it fetches `/_sim/summary` every second and redraws itself.
struct WebPage {
    let sim: Simulator
    var store: StateStore { sim.store }

    func handle(_ req: SimRequest) -> SimResponse {
        guard req.method == "GET" || req.method == "HEAD" else { return .text(405, "method not allowed") }
        switch req.segments {
        case [], ["index.html"]: return .text(200, WebPage.html, contentType: "text/html; charset=utf-8")
        default: return .text(404, "not found")
        }
    }

    func summary() -> JSONValue {
        let project = store.settings["project"] ?? .null
        func rows(_ table: String, _ fields: [String]) -> JSONValue {
            .array(store.all(table).map { obj in .obj(fields.map { ($0, obj[$0] ?? .null) }) })
        }
        let servers = store.all("servers").map { s -> JSONValue in
            let addrs = Compute(sim: sim).addresses(s)
            let ips = (addrs.objectValue ?? []).flatMap { $0.value.arrayValue ?? [] }.compactMap { $0.string("addr") }
            let status = s.has(SimKey.goneAt) ? "DELETING" : (s.string("status") ?? "")
            return .obj([("id", s["id"] ?? .null), ("name", s["name"] ?? .null), ("status", .string(status)), ("addresses", .strings(ips))])
        }
        return .obj([
            ("projects", .array([.obj([("id", project["id"] ?? .null), ("name", project["name"] ?? .null)])])),
            ("servers", .array(servers)),
            ("networks", rows("networks", ["id", "name", "status", "router:external"])),
            ("floatingips", rows("floatingips", ["id", "floating_ip_address", "fixed_ip_address", "status"])),
            ("clusters", .array(store.all("rancher_clusters").map { c in
                .obj([("id", c["id"] ?? .null), ("name", c["name"] ?? .null), ("state", c["state"] ?? .null),
                      ("nodes", .int(c.array("__nodes")?.count ?? 0))])
            })),
        ])
    }

    static let html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>radiant-sim</title>
    <style>
    body { font-family: sans-serif; margin: 1.5em; color: #222; }
    h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin-top: 1.4em; }
    table { border-collapse: collapse; min-width: 40em; }
    th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em; text-align: left; font-size: 0.9em; }
    .ACTIVE, .active { color: #1a7f37; font-weight: bold; } .BUILD, .provisioning { color: #9a6700; } .ERROR, .error { color: #cf222e; }
    #updated { color: #666; font-size: 0.8em; }
    </style>
    </head>
    <body>
    <h1>radiant-sim</h1>
    <div id="updated">loading…</div>
    <div id="content"></div>
    <script>
    const sections = [
      ["projects", "Projects", ["id", "name"]],
      ["servers", "Servers", ["id", "name", "status", "addresses"]],
      ["networks", "Networks", ["id", "name", "status", "router:external"]],
      ["floatingips", "Floating IPs", ["id", "floating_ip_address", "fixed_ip_address", "status"]],
      ["clusters", "Clusters", ["id", "name", "state", "nodes"]],
    ];
    function cell(v) {
      if (Array.isArray(v)) return v.join(", ");
      if (v === null || v === undefined) return "";
      return String(v);
    }
    function render(data) {
      const root = document.getElementById("content");
      root.textContent = "";
      for (const [key, title, cols] of sections) {
        const h = document.createElement("h2"); h.textContent = title; root.appendChild(h);
        const table = document.createElement("table"); table.id = key;
        const head = table.insertRow();
        for (const c of cols) { const th = document.createElement("th"); th.textContent = c; head.appendChild(th); }
        for (const item of data[key] || []) {
          const row = table.insertRow(); row.dataset.id = item.id || "";
          for (const c of cols) {
            const td = row.insertCell(); td.textContent = cell(item[c]);
            if (c === "status" || c === "state") { td.className = cell(item[c]); td.dataset.field = c; }
          }
        }
        root.appendChild(table);
      }
      document.getElementById("updated").textContent = "updated " + new Date().toISOString();
    }
    async function refresh() {
      try {
        const r = await fetch("/_sim/summary", {cache: "no-store"});
        if (r.ok) render(await r.json());
      } catch (e) {
        document.getElementById("updated").textContent = "simulator unreachable";
      }
    }
    refresh();
    setInterval(refresh, 1000);
    </script>
    </body>
    </html>
    """
}

import CLI
import Config
import Foundation
import HCL
import Testing
import TestSupport

/// Issue 4's "Bad input" list for module installation: each case must end in a
/// diagnostic that names the module call and its source, never a crash or hang.
@Suite(.serialized) struct ModuleBadInputTests {
    func makeRoot(calling source: String) -> String {
        let root = tempDir()
        write("module \"cluster\" {\n  source = \"\(source)\"\n}\n", to: root + "/main.tf")
        return root
    }

    func install(_ root: String, env: [String: String]) -> Diagnostics {
        ModuleInstaller(rootDirectory: root, environment: env, reader: TestModuleReader()).install().1
    }

    @Test func registryAnswering500IsADiagnostic() throws {
        let server = try LoopbackServer { req in
            if req.path == "/.well-known/terraform.json" {
                return (200, [("Content-Type", "application/json")], Array(#"{"modules.v1":"/v1/modules/"}"#.utf8))
            }
            return (500, [("Content-Type", "text/plain")], Array("internal error".utf8))
        }
        defer { server.stop() }
        let host = "127.0.0.1:\(server.port)"
        let root = makeRoot(calling: "\(host)/muses/cluster/openstack")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let diags = install(root, env: ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": host])
        #expect(diags.hasErrors)
        let d = try #require(diags.items.first)
        #expect(d.summary == "Error accessing remote module registry")
        // terraform's wording: the call, where it is, and the registry host.
        #expect(d.detail.contains("module \"cluster\" (main.tf:1) from \(host)"), "\(d.detail)")
        #expect(d.detail.contains("500"), "\(d.detail)")
        #expect(d.subject?.filename == "main.tf")
        #expect(d.subject?.start.line == 1)
    }

    @Test func registryAnsweringGarbageIsADiagnostic() throws {
        // Discovery document that is not JSON at all.
        let garbage = try LoopbackServer { _ in (200, [("Content-Type", "application/json")], Array("<html>\u{0}\u{1}not json".utf8)) }
        defer { garbage.stop() }
        let host = "127.0.0.1:\(garbage.port)"
        let r1 = makeRoot(calling: "\(host)/muses/cluster/openstack")
        defer { try? FileManager.default.removeItem(atPath: r1) }
        let d1 = install(r1, env: ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": host])
        #expect(d1.hasErrors)
        #expect(d1.items.first?.subject?.filename == "main.tf")
        #expect(d1.items.first?.detail.contains("cluster") == true, "\(d1.items.map(\.detail))")
        #expect(d1.items.first?.detail.contains(host) == true, "\(d1.items.map(\.detail))")

        // Valid discovery, then a version list of the wrong shape.
        let shapes = try LoopbackServer { req in
            if req.path == "/.well-known/terraform.json" {
                return (200, [], Array(#"{"modules.v1":"/v1/modules/"}"#.utf8))
            }
            return (200, [], Array(#"{"modules":"surprise","versions":[1,2]}"#.utf8))
        }
        defer { shapes.stop() }
        let host2 = "127.0.0.1:\(shapes.port)"
        let r2 = makeRoot(calling: "\(host2)/muses/cluster/openstack")
        defer { try? FileManager.default.removeItem(atPath: r2) }
        let d2 = install(r2, env: ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": host2])
        #expect(d2.hasErrors)
        #expect(d2.items.first?.subject?.filename == "main.tf")
        #expect(d2.items.first?.detail.contains("module \"cluster\" (main.tf:1) from \(host2)") == true, "\(d2.items.map(\.detail))")
    }

    @Test func gitRefThatDoesNotExistNamesTheRef() throws {
        let repo = tempDir("gitrepo")
        defer { try? FileManager.default.removeItem(atPath: repo) }
        write("output \"o\" {\n  value = 1\n}\n", to: repo + "/main.tf")
        let (rc, out) = sh("git init -q -b main . && git -c user.email=t@t -c user.name=t add -A && git -c user.email=t@t -c user.name=t commit -qm one && git tag v1.0.0", in: repo)
        try #require(rc == 0, "git setup failed: \(out)")
        let root = makeRoot(calling: "git::file://\(repo)?ref=v9.9.9")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let diags = install(root, env: [:])
        let d = try #require(diags.items.first)
        #expect(diags.items.count == 1)
        #expect(d.summary == "Failed to download module")
        #expect(d.detail.contains("cluster"), "\(d.detail)")
        #expect(d.detail.contains("v9.9.9"), "\(d.detail)")
        #expect(d.subject?.filename == "main.tf")

        // The existing tag installs.
        let ok = makeRoot(calling: "git::file://\(repo)?ref=v1.0.0")
        defer { try? FileManager.default.removeItem(atPath: ok) }
        #expect(!install(ok, env: [:]).hasErrors)
    }

    @Test func thousandNestedModuleCallsStopWithADiagnostic() throws {
        let root = tempDir("deep")
        defer { try? FileManager.default.removeItem(atPath: root) }
        var dir = root
        for _ in 0..<1_000 {
            write("module \"m\" {\n  source = \"./m\"\n}\n", to: dir + "/main.tf")
            dir += "/m"
        }
        write("output \"o\" {\n  value = 1\n}\n", to: dir + "/main.tf")
        let capture = OutputCapture()
        let io = Terraswift.IO(out: { capture.out += $0 }, err: { capture.err += $0 })
        let started = Date()
        let status = Terraswift.run(arguments: ["init", "-backend=false", "-input=false", "-no-color"], environment: [:],
                                    workingDirectory: root, io: io)
        #expect(status == 1)
        #expect(capture.err.contains("Module nesting too deep"), "\(capture.err.prefix(500))")
        // Named by where the too-deep call is (256 levels down) and its source.
        let unwrapped = capture.err.replacingOccurrences(of: "\n", with: " ")
        #expect(unwrapped.contains("(" + Array(repeating: "m", count: 256).joined(separator: "/") + "/main.tf:1, source \"./m\")"),
                "\(capture.err.prefix(800))")
        #expect(Date().timeIntervalSince(started) < 120)
    }
}

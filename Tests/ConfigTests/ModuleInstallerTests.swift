import Foundation
import HCL
import Testing
import TestSupport
@testable import Config

/// Reads `module "x" { source = "..." version = "..." }` blocks with a regular
/// expression — enough for these tests until the configuration loader exists.
struct TestModuleReader: ModuleCallReader {
    func moduleCalls(inDirectory directory: String) -> ([ModuleCall], Diagnostics) {
        var calls: [ModuleCall] = []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".tf") }.sorted()
        let pattern = try! NSRegularExpression(pattern: #"module\s+"([^"]+)"\s*\{([^}]*)\}"#)
        for file in files {
            guard let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else { continue }
            let ns = text as NSString
            for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let name = ns.substring(with: m.range(at: 1))
                let body = ns.substring(with: m.range(at: 2))
                func attr(_ n: String) -> String? {
                    let re = try! NSRegularExpression(pattern: n + #"\s*=\s*"([^"]*)""#)
                    guard let a = re.firstMatch(in: body, range: NSRange(location: 0, length: (body as NSString).length)) else { return nil }
                    return (body as NSString).substring(with: a.range(at: 1))
                }
                let line = ns.substring(to: m.range.location).filter { $0 == "\n" }.count + 1
                let pos = SourcePos(line: line, column: 1, byte: m.range.location)
                calls.append(ModuleCall(name: name, source: attr("source") ?? "", version: attr("version"),
                                        range: SourceRange(filename: file, start: pos, end: pos)))
            }
        }
        return (calls, Diagnostics())
    }
}

func tempDir(_ name: String = "mods") -> String {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("terraswift-\(name)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}

func write(_ text: String, to path: String) {
    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? text.write(toFile: path, atomically: true, encoding: .utf8)
}

@discardableResult
func sh(_ command: String, in dir: String, env: [String: String] = [:]) -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    var e = ProcessInfo.processInfo.environment
    e["TF_CLI_CONFIG_FILE"] = "/dev/null"
    for (k, v) in env { e[k] = v }
    p.environment = e
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try? p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

let terraformInstalled = FileManager.default.isExecutableFile(atPath: "/usr/local/bin/terraform")

/// A tree of local modules and a git repository module (made by the test).
func makeModuleTree() -> (root: String, repo: String) {
    let repo = tempDir("repo")
    write("module \"inner\" {\n  source = \"../inner\"\n}\n", to: repo + "/sub/main.tf")
    write("output \"y\" {\n  value = 2\n}\n", to: repo + "/inner/main.tf")
    sh("git init -q && git add -A && git -c user.email=t@e -c user.name=t commit -qm init && git tag v1", in: repo)
    let root = tempDir("root")
    write("""
    module "net" {
      source = "./modules/net"
    }

    module "git" {
      source = "git::file://\(repo)//sub?ref=v1"
    }

    """, to: root + "/main.tf")
    write("module \"sub\" {\n  source = \"./sub\"\n}\n", to: root + "/modules/net/main.tf")
    write("output \"x\" {\n  value = 1\n}\n", to: root + "/modules/net/sub/main.tf")
    return (root, repo)
}

@Suite(.serialized) struct ModuleInstallerTests {
    @Test func installsLocalAndGitModulesLikeTerraform() throws {
        let (root, repo) = makeModuleTree()
        defer { try? FileManager.default.removeItem(atPath: root); try? FileManager.default.removeItem(atPath: repo) }
        var lines = ""
        var installer = ModuleInstaller(rootDirectory: root, environment: [:], reader: TestModuleReader())
        installer.progress = { lines += $0 }
        let (manifest, diags) = installer.install()
        #expect(!diags.hasErrors, "\(diags.items)")
        #expect(lines == """
        Downloading git::file://\(repo)?ref=v1 for git...
        - git in .terraform/modules/git/sub
        - git.inner in .terraform/modules/git/inner
        - net in modules/net
        - net.sub in modules/net/sub

        """)
        #expect(manifest.records["git.inner"]?.dir == ".terraform/modules/git/inner")
        let written = try String(contentsOfFile: root + "/.terraform/modules/modules.json", encoding: .utf8)
        #expect(written == #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"git","Source":"git::file://\#(repo)//sub?ref=v1","Dir":".terraform/modules/git/sub"},{"Key":"git.inner","Source":"../inner","Dir":".terraform/modules/git/inner"},{"Key":"net","Source":"./modules/net","Dir":"modules/net"},{"Key":"net.sub","Source":"./sub","Dir":"modules/net/sub"}]}"#)
        #expect(FileManager.default.fileExists(atPath: root + "/.terraform/modules/git/inner/main.tf"))
    }

    @Test(.enabled(if: terraformInstalled, "terraform not installed: modules.json differential skipped"))
    func manifestIsByteIdenticalToTerraforms() throws {
        let (root, repo) = makeModuleTree()
        defer { try? FileManager.default.removeItem(atPath: root); try? FileManager.default.removeItem(atPath: repo) }
        let (code, out) = sh("terraform init -no-color -input=false", in: root)
        #expect(code == 0, "\(out)")
        let theirs = try String(contentsOfFile: root + "/.terraform/modules/modules.json", encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/.terraform")
        let (_, diags) = ModuleInstaller(rootDirectory: root, environment: [:], reader: TestModuleReader()).install()
        #expect(!diags.hasErrors)
        let ours = try String(contentsOfFile: root + "/.terraform/modules/modules.json", encoding: .utf8)
        #expect(ours == theirs)
    }

    @Test func missingLocalDirectoryAndBadRefAreDiagnostics() {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        write("module \"gone\" {\n  source = \"./nope\"\n}\nmodule \"badref\" {\n  source = \"git::file:///nonexistent/repo?ref=v9\"\n}\nmodule \"ver\" {\n  source = \"./x\"\n  version = \"1.0\"\n}\n", to: root + "/main.tf")
        let (_, diags) = ModuleInstaller(rootDirectory: root, environment: [:], reader: TestModuleReader()).install()
        let summaries = diags.items.map(\.summary).sorted()
        // terraform 1.11.4 reports a missing local directory twice, without a source range
        // (symlink evaluation, then the empty-named directory), and still writes the manifest
        #expect(summaries == ["Failed to download module", "Invalid version constraint", "Unreadable module directory", "Unreadable module directory"])
        #expect(diags.items.allSatisfy { ($0.subject?.filename == "main.tf") == ($0.summary != "Unreadable module directory") })
        #expect(FileManager.default.fileExists(atPath: root + "/.terraform/modules/modules.json"))
    }

    @Test func moduleCycleIsReportedNotFollowedForever() {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        write("module \"a\" {\n  source = \"./a\"\n}\n", to: root + "/main.tf")
        write("module \"back\" {\n  source = \"../\"\n}\n", to: root + "/a/main.tf")
        let (_, diags) = ModuleInstaller(rootDirectory: root, environment: [:], reader: TestModuleReader()).install()
        #expect(diags.items.map(\.summary) == ["Module cycle"])
    }

    @Test func deepChainsStopWithADiagnostic() {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var dir = root
        for _ in 0..<40 {
            write("module \"m\" {\n  source = \"./m\"\n}\n", to: dir + "/main.tf")
            dir += "/m"
        }
        write("output \"o\" {\n  value = 1\n}\n", to: dir + "/main.tf")
        var installer = ModuleInstaller(rootDirectory: root, environment: [:], reader: TestModuleReader())
        installer.maximumDepth = 30
        let (_, diags) = installer.install()
        #expect(diags.items.map(\.summary) == ["Module nesting too deep"])
        installer.maximumDepth = 256
        let (manifest, ok) = installer.install()
        #expect(!ok.hasErrors)
        #expect(manifest.records.count == 41)
    }
}

/// A module registry on 127.0.0.1 speaking the module registry protocol the
/// way GitLab's does: discovery, versions, download with X-Terraform-Get
/// pointing at a tar.gz archive, bearer-token auth.
final class TestRegistry: @unchecked Sendable {
    let server: LoopbackServer
    let archiveDir: String

    init(token: String?, versions: [String], files: [String: String]? = nil) throws {
        let archiveDir = tempDir("registry")
        self.archiveDir = archiveDir
        for v in versions {
            let pkg = archiveDir + "/pkg-\(v)"
            if let files {
                for (path, text) in files { write(text, to: pkg + "/" + path) }
            } else {
                write("variable \"v\" {\n  default = \"\(v)\"\n}\nmodule \"child\" {\n  source = \"./modules/child\"\n}\n", to: pkg + "/main.tf")
                write("output \"c\" {\n  value = 1\n}\n", to: pkg + "/modules/child/main.tf")
            }
            sh("tar -czf ../cluster-\(v).tar.gz .", in: pkg)
        }
        let log = RequestLog()
        self.log = log
        server = try LoopbackServer { req in
            log.append("\(req.method) \(req.path)")
            if let token, req.path != "/.well-known/terraform.json", !req.path.hasPrefix("/files/"),
               req.headers["authorization"] != "Bearer \(token)" {
                return (401, [("Content-Type", "application/json")], Array(#"{"message":"401 Unauthorized"}"#.utf8))
            }
            let base = "/api/v4/packages/terraform/modules/v1/"
            if req.path == "/.well-known/terraform.json" {
                return (200, [("Content-Type", "application/json")], Array(#"{"modules.v1":"\#(base)"}"#.utf8))
            }
            if req.path == base + "muses/cluster/openstack/versions" {
                let list = versions.map { #"{"version":"\#($0)"}"# }.joined(separator: ",")
                return (200, [], Array(#"{"modules":[{"versions":[\#(list)]}]}"#.utf8))
            }
            for v in versions where req.path == base + "muses/cluster/openstack/\(v)/download" {
                return (204, [("X-Terraform-Get", "/files/cluster-\(v).tar.gz?token=abc")], [])
            }
            if req.path.hasPrefix("/files/"), let name = req.path.dropFirst("/files/".count).split(separator: "?").first,
               let data = FileManager.default.contents(atPath: archiveDir + "/" + name) {
                return (200, [("Content-Type", "application/octet-stream")], Array(data))
            }
            if req.path.hasPrefix(base) { return (404, [], Array(#"{"errors":["Not found"]}"#.utf8)) }
            return (500, [], Array("boom".utf8))
        }
    }

    let log: RequestLog
    var requests: [String] { log.entries }

    var host: String { "127.0.0.1:\(server.port)" }

    func stop() {
        server.stop()
        try? FileManager.default.removeItem(atPath: archiveDir)
    }
}

final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var entries: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

@Suite(.serialized) struct RegistryModuleTests {
    func makeRoot(calling source: String, version: String?) -> String {
        let root = tempDir()
        write("module \"cluster\" {\n  source = \"\(source)\"\n\(version.map { "  version = \"\($0)\"\n" } ?? "")}\n", to: root + "/main.tf")
        return root
    }

    @Test func installsTheNewestMatchingVersionWithAToken() throws {
        let registry = try TestRegistry(token: "s3cret", versions: ["1.0.0", "1.2.0", "1.3.0-beta", "2.0.0"])
        defer { registry.stop() }
        let root = makeRoot(calling: "\(registry.host)/muses/cluster/openstack", version: "~> 1.0")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let env = ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": registry.host, "TF_TOKEN_127_0_0_1:\(registry.server.port)": "s3cret"]
        var lines = ""
        var installer = ModuleInstaller(rootDirectory: root, environment: env, reader: TestModuleReader())
        installer.progress = { lines += $0 }
        let (manifest, diags) = installer.install()
        #expect(!diags.hasErrors, "\(diags.items)")
        #expect(manifest.records["cluster"]?.version == "1.2.0")
        #expect(manifest.records["cluster"]?.source == "\(registry.host)/muses/cluster/openstack")
        #expect(manifest.records["cluster.child"]?.dir == ".terraform/modules/cluster/modules/child")
        #expect(lines.hasPrefix("Downloading \(registry.host)/muses/cluster/openstack 1.2.0 for cluster...\n"))
        let main = try String(contentsOfFile: root + "/.terraform/modules/cluster/main.tf", encoding: .utf8)
        #expect(main.contains("default = \"1.2.0\""))

        // A second init reuses the installed module without asking the registry.
        let before = registry.requests.count
        let (_, again) = ModuleInstaller(rootDirectory: root, environment: env, reader: TestModuleReader()).install()
        #expect(!again.hasErrors)
        #expect(registry.requests.count == before)
    }

    @Test func unresolvableConstraintNamesTheNewestVersion() throws {
        let registry = try TestRegistry(token: nil, versions: ["1.0.0", "2.0.0"])
        defer { registry.stop() }
        let root = makeRoot(calling: "\(registry.host)/muses/cluster/openstack", version: ">= 3.0")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (_, diags) = ModuleInstaller(rootDirectory: root, environment: ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": registry.host], reader: TestModuleReader()).install()
        #expect(diags.items.map(\.summary) == ["Unresolvable module version constraint"])
        #expect(diags.items.first?.detail.contains("The newest available version is 2.0.0.") == true)
    }

    @Test func missingTokenAndUnknownModuleAreClearErrors() throws {
        let registry = try TestRegistry(token: "s3cret", versions: ["1.0.0"])
        defer { registry.stop() }
        let env = ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": registry.host]
        let noToken = makeRoot(calling: "\(registry.host)/muses/cluster/openstack", version: nil)
        defer { try? FileManager.default.removeItem(atPath: noToken) }
        let (_, d1) = ModuleInstaller(rootDirectory: noToken, environment: env, reader: TestModuleReader()).install()
        #expect(d1.items.map(\.summary) == ["Error accessing remote module registry"])
        #expect(d1.items.first?.detail.contains("401") == true)
        #expect(d1.items.first?.detail.contains("s3cret") == false)

        let unknown = makeRoot(calling: "\(registry.host)/muses/nothere/openstack", version: nil)
        defer { try? FileManager.default.removeItem(atPath: unknown) }
        let (_, d2) = ModuleInstaller(rootDirectory: unknown, environment: env.merging(["TF_TOKEN_127_0_0_1:\(registry.server.port)": "s3cret"]) { $1 }, reader: TestModuleReader()).install()
        #expect(d2.items.map(\.summary) == ["Module not found"])
    }

    @Test func registryThatIsDownIsADiagnosticNotAHang() throws {
        let registry = try TestRegistry(token: nil, versions: [])
        let host = registry.host
        registry.stop()
        let root = makeRoot(calling: "\(host)/muses/cluster/openstack", version: nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (_, diags) = ModuleInstaller(rootDirectory: root, environment: ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": host], reader: TestModuleReader()).install()
        #expect(diags.items.map(\.summary) == ["Error accessing remote module registry"])
    }

    @Test func mirrorServesModulesOffline() throws {
        let mirror = tempDir("mirror")
        defer { try? FileManager.default.removeItem(atPath: mirror) }
        write("output \"m\" {\n  value = 1\n}\n", to: mirror + "/gitlab.example.org/muses/cluster/openstack/1.4.0/main.tf")
        let root = makeRoot(calling: "gitlab.example.org/muses/cluster/openstack", version: "~> 1.4")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (manifest, diags) = ModuleInstaller(rootDirectory: root, environment: ["TERRASWIFT_MODULE_MIRROR": mirror], reader: TestModuleReader()).install()
        #expect(!diags.hasErrors, "\(diags.items)")
        #expect(manifest.records["cluster"]?.version == "1.4.0")

        let other = makeRoot(calling: "gitlab.example.org/muses/absent/openstack", version: nil)
        defer { try? FileManager.default.removeItem(atPath: other) }
        let (_, missing) = ModuleInstaller(rootDirectory: other, environment: ["TERRASWIFT_MODULE_MIRROR": mirror], reader: TestModuleReader()).install()
        #expect(missing.items.map(\.summary) == ["Module not found in mirror"])
        #expect(missing.items.first?.detail.contains("gitlab.example.org/muses/absent/openstack") == true)
    }
}

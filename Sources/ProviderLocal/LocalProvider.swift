import Crypto
import Engine
import Foundation
import Values

#if canImport(Glibc)
import Glibc
#endif

/// hashicorp/local v2.5.3, in process: `local_file` and `local_sensitive_file`
/// (write a file; gone or changed on disk → planned again), and the `local_file` /
/// `local_sensitive_file` data sources.
public final class LocalProvider: Provider, @unchecked Sendable {
    public static let source = "registry.terraform.io/hashicorp/local"

    static let checksumRows: [(String, ValueType, String)] = [
        ("content_base64sha256", .string, "c"), ("content_base64sha512", .string, "c"), ("content_md5", .string, "c"),
        ("content_sha1", .string, "c"), ("content_sha256", .string, "c"), ("content_sha512", .string, "c"), ("id", .string, "c"),
    ]

    static func resourceSchema(sensitive: Bool) -> ResourceSchema {
        var rows = checksumRows + [
            ("content", .string, sensitive ? "os" : "o"), ("content_base64", .string, sensitive ? "os" : "o"),
            ("directory_permission", .string, "oc"), ("file_permission", .string, "oc"), ("filename", .string, "r"),
            ("source", .string, "o"),
        ]
        if !sensitive { rows.append(("sensitive_content", .string, "os")) }
        return ResourceSchema(block: .flat(rows))
    }

    static func dataSourceSchema(sensitive: Bool) -> ResourceSchema {
        ResourceSchema(block: .flat(checksumRows + [
            ("content", .string, sensitive ? "cs" : "c"), ("content_base64", .string, sensitive ? "cs" : "c"), ("filename", .string, "r"),
        ]))
    }

    static let fileSchema = resourceSchema(sensitive: false)
    static let sensitiveFileSchema = resourceSchema(sensitive: true)

    static func rules(sensitive: Bool) -> [String: FrameworkAttributeRules] {
        let perm = sensitive ? "0700" : "0777"
        var r: [String: FrameworkAttributeRules] = [
            "filename": .replaces, "content": .replaces, "content_base64": .replaces, "source": .replaces,
            "file_permission": FrameworkAttributeRules(default: .string(perm), replace: .always),
            "directory_permission": FrameworkAttributeRules(default: .string(perm), replace: .always),
        ]
        if !sensitive { r["sensitive_content"] = .replaces }
        return r
    }

    /// Where relative file names start: terraform runs provider plugins in the
    /// working directory, and this provider runs inside a process that may be elsewhere.
    let workingDirectory: String

    /// Local files only.
    public func quickOperations(resourceType: String) -> Bool { true }

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workingDirectory = workingDirectory
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") || path.isEmpty ? path : workingDirectory + "/" + path
    }

    public func schema() -> ProviderSchemaResponse {
        ProviderSchemaResponse(
            resources: ["local_file": Self.fileSchema, "local_sensitive_file": Self.sensitiveFileSchema],
            dataSources: ["local_file": Self.dataSourceSchema(sensitive: false), "local_sensitive_file": Self.dataSourceSchema(sensitive: true)])
    }

    static func unsupported(_ typeName: String) -> ProviderDiagnostic {
        .error("Unsupported resource type", "The local provider does not support resource type \"\(typeName)\".")
    }

    static func isFileResource(_ t: String) -> Bool { t == "local_file" || t == "local_sensitive_file" }

    // MARK: Validation

    public func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] {
        guard Self.isFileResource(typeName) else { return [Self.unsupported(typeName)] }
        let c = config.attributes ?? [:]
        var diags: [ProviderDiagnostic] = []
        let sources = typeName == "local_file" ? ["content", "sensitive_content", "content_base64", "source"] : ["content", "content_base64", "source"]
        // ExactlyOneOf on each source attribute, as the provider declares it (each names itself first).
        if !sources.contains(where: { !(c[$0]?.isKnown ?? true) }) {
            let set = sources.filter { !(c[$0]?.isNull ?? true) }.count
            if set != 1 {
                for name in sources {
                    let list = "[" + ([name] + sources.filter { $0 != name }).joined(separator: ",") + "]"
                    let text = set == 0 ? "No attribute specified when one (and only one) of \(list) is required"
                        : "\(set) attributes specified when one (and only one) of \(list) is required"
                    diags.append(.error("Invalid Attribute Combination", text, attribute: .attribute(name)))
                }
            }
        }
        for name in ["file_permission", "directory_permission"] {
            guard let v = c[name], v.isKnown, let fp = v.stringValue else { continue }
            let n = fp.utf8.count
            if n < 3 || n > 4 {
                diags.append(.error("Invalid File Permission String Value", "bad mode permission: string length should be 3 or 4 digits: \(fp)", attribute: .attribute(name)))
            } else if Self.octal(fp) == nil {
                diags.append(.error("Invalid File Permission String Value", "bad mode permission: string must be expressed in octal numeric notation: \(fp)", attribute: .attribute(name)))
            }
        }
        if typeName == "local_file", let v = c["sensitive_content"], !v.isNull {
            diags.append(ProviderDiagnostic(.warning, "Attribute Deprecated", "Use the `local_sensitive_file` resource instead", attribute: .attribute("sensitive_content")))
        }
        return diags
    }

    /// Go's strconv.ParseInt(s, 8, 64) limited to 0..0777.
    static func octal(_ s: String) -> Int? {
        var t = Substring(s)
        if t.hasPrefix("+") { t = t.dropFirst() }
        guard !t.isEmpty, t.allSatisfy({ ("0"..."7").contains($0) }), let v = Int(t, radix: 8), v <= 0o777 else { return nil }
        return v
    }

    // MARK: Plan and apply

    public func planResourceChange(_ request: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse {
        guard Self.isFileResource(request.typeName) else {
            return .init(plannedState: request.proposedNewState, diagnostics: [Self.unsupported(request.typeName)])
        }
        let sensitive = request.typeName == "local_sensitive_file"
        let block = Self.resourceSchema(sensitive: sensitive).block
        var resp = FrameworkPlanning.plan(request, block: block, rules: Self.rules(sensitive: sensitive))
        resp.plannedState = block.markingSensitive(resp.plannedState)
        return resp
    }

    public func applyResourceChange(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        var resp = apply(request)
        if Self.isFileResource(request.typeName) {
            resp.newState = Self.resourceSchema(sensitive: request.typeName == "local_sensitive_file").block.markingSensitive(resp.newState)
        }
        return resp
    }

    func apply(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        guard Self.isFileResource(request.typeName) else {
            return .init(newState: request.plannedState, diagnostics: [Self.unsupported(request.typeName)])
        }
        let planned = request.plannedState
        if planned.isNull {
            if let name = request.priorState.attributes?["filename"]?.stringValue { _ = unlink(resolve(name)) }
            return .init(newState: planned)
        }
        guard var a = planned.attributes else { return .init(newState: planned) }
        if !request.priorState.isNull { return .init(newState: planned) }
        let what = request.typeName == "local_file" ? "Create local file error" : "Create local sensitive file error"
        func fail(_ detail: String) -> ProviderMessages.ApplyResourceChangeResponse {
            .init(newState: .null(planned.type), diagnostics: [.error(what, detail)])
        }
        let bytes: [UInt8]
        switch fileContent(a) {
        case .success(let c): bytes = c
        case .failure(let e): return fail("An unexpected error occurred while parsing local file content\n\n+Original Error: \(e.message)")
        }
        let given = a["filename"]?.stringValue ?? ""
        let destination = resolve(given)
        let dir = (destination as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            let mode = Self.octal(a["directory_permission"]?.stringValue ?? "") ?? 0o777
            if let err = Self.mkdirAll(dir, mode: mode_t(mode)) {
                return fail("An unexpected error occurred while creating file directory\n\n+Original Error: \(err)")
            }
        }
        let mode = Self.octal(a["file_permission"]?.stringValue ?? "") ?? 0o777
        if let err = Self.writeFile(destination, bytes, mode: mode_t(mode), shown: given) {
            return fail("An unexpected error occurred while writing the file\n\n+Original Error: \(err)")
        }
        for (k, v) in Self.checksums(bytes) { a[k] = .string(v) }
        a["id"] = a["content_sha1"]
        return .init(newState: Value(type: planned.type, content: .attributes(a)))
    }

    public func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse {
        guard Self.isFileResource(typeName), let a = currentState.attributes, let given = a["filename"]?.stringValue else {
            return .init(newState: currentState)
        }
        let name = resolve(given)
        var st = stat()
        if stat(name, &st) != 0 && errno == ENOENT { return .init(newState: .null(currentState.type)) }
        switch Self.readFile(name, shown: given) {
        case .failure(let e):
            let what = typeName == "local_file" ? "Read local file error" : "Read local sensitive file error"
            return .init(newState: currentState, diagnostics: [.error(what, "An unexpected error occurred while reading the file\n\n+Original Error: \(e.message)")])
        case .success(let bytes):
            // Changed on disk: gone from state, so the plan creates it again.
            if Self.checksums(bytes)["content_sha1"] != a["id"]?.stringValue { return .init(newState: .null(currentState.type)) }
            return .init(newState: currentState)
        }
    }

    public func validateDataResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] {
        Self.isFileResource(typeName) ? [] : [.error("Unsupported data source", "The local provider has no data source \"\(typeName)\".")]
    }

    public func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic]) {
        guard Self.isFileResource(typeName) else {
            return (config, [.error("Unsupported data source", "The local provider has no data source \"\(typeName)\".")])
        }
        let block = Self.dataSourceSchema(sensitive: typeName == "local_sensitive_file").block
        let name = config.attributes?["filename"]?.stringValue ?? ""
        switch Self.readFile(resolve(name), shown: name) {
        case .failure(let e):
            return (.null(block.impliedType), [.error("Read local file data source error", "The file at given path cannot be read.\n\n+Original Error: \(e.message)")])
        case .success(let bytes):
            var a: [String: Value] = ["filename": .string(name),
                                      "content": .string(String(decoding: bytes, as: UTF8.self)),
                                      "content_base64": .string(Data(bytes).base64EncodedString())]
            for (k, v) in Self.checksums(bytes) { a[k] = .string(v) }
            a["id"] = a["content_sha1"]
            return (block.markingSensitive(block.object(a)), [])
        }
    }

    public func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic]) {
        guard Self.isFileResource(typeName) else { return ([], [Self.unsupported(typeName)]) }
        return ([], [.importNotImplemented])
    }

    // MARK: Files, as Go's os package does them

    struct GoError: Error { var message: String }

    static func errnoText(_ code: Int32) -> String {
        let s = String(cString: strerror(code))
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }

    func fileContent(_ a: [String: Value]) -> Result<[UInt8], GoError> {
        if let s = a["sensitive_content"], s.isKnown, let t = s.stringValue { return .success(Array(t.utf8)) }
        if let b = a["content_base64"], b.isKnown, let t = b.stringValue {
            guard let d = Data(base64Encoded: t) else {
                return .failure(GoError(message: "illegal base64 data at input byte \(Self.badBase64Offset(t))"))
            }
            return .success(Array(d))
        }
        if let s = a["source"], s.isKnown, let path = s.stringValue { return Self.readFile(resolve(path), shown: path) }
        return .success(Array((a["content"]?.stringValue ?? "").utf8))
    }

    static func badBase64Offset(_ s: String) -> Int {
        let ok = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        for (i, c) in s.utf8.enumerated() where !ok.contains(c) { return i }
        return max(0, s.utf8.count - (s.utf8.count % 4))
    }

    /// Reads `path`; errors name the file as configured (`shown`), as Go's os errors do.
    static func readFile(_ path: String, shown: String? = nil) -> Result<[UInt8], GoError> {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return .failure(GoError(message: "open \(shown ?? path): \(errnoText(errno))")) }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if n < 0 { return .failure(GoError(message: "read \(shown ?? path): \(errnoText(errno))")) }
            if n == 0 { break }
            out += buf[0..<n]
        }
        return .success(out)
    }

    static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t, shown: String? = nil) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        if fd < 0 { return "open \(shown ?? path): \(errnoText(errno))" }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 { return "write \(shown ?? path): \(errnoText(errno))" }
            offset += n
        }
        return nil
    }

    static func mkdirAll(_ path: String, mode: mode_t) -> String? {
        var st = stat()
        if stat(path, &st) == 0 {
            return (st.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) ? nil : "mkdir \(path): not a directory"
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let err = mkdirAll(parent, mode: mode) { return err }
        if mkdir(path, mode) != 0 && errno != EEXIST { return "mkdir \(path): \(errnoText(errno))" }
        return nil
    }

    static func checksums(_ data: [UInt8]) -> [String: String] {
        func hex<D: Sequence>(_ d: D) -> String where D.Element == UInt8 { d.map { String(format: "%02x", $0) }.joined() }
        let sha256 = SHA256.hash(data: data), sha512 = SHA512.hash(data: data)
        return [
            "content_md5": hex(Insecure.MD5.hash(data: data)),
            "content_sha1": hex(Insecure.SHA1.hash(data: data)),
            "content_sha256": hex(sha256),
            "content_base64sha256": Data(sha256).base64EncodedString(),
            "content_sha512": hex(sha512),
            "content_base64sha512": Data(sha512).base64EncodedString(),
        ]
    }
}

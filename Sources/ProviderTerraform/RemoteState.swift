import Engine
import JSON
import State
import Values

/// `data "terraform_remote_state"`: another configuration's root outputs, read
/// through the same backends (local, http, pg) that hold this build's own state.
enum RemoteState {
    static let schema = ResourceSchema(version: 0, block: .flat([
        ("backend", .string, "r"), ("config", .dynamic, "o"), ("defaults", .dynamic, "o"),
        ("outputs", .dynamic, "c"), ("workspace", .string, "o"),
    ]))

    /// Each supported backend's configuration arguments and their types.
    static let backendArguments: [String: [String: ValueType]] = [
        "local": ["path": .string, "workspace_dir": .string],
        "http": ["address": .string, "update_method": .string, "lock_address": .string, "unlock_address": .string,
                 "lock_method": .string, "unlock_method": .string, "username": .string, "password": .string,
                 "skip_cert_verification": .bool, "retry_max": .number, "retry_wait_min": .number, "retry_wait_max": .number,
                 "client_ca_certificate_pem": .string, "client_certificate_pem": .string, "client_private_key_pem": .string],
        "pg": ["conn_str": .string, "schema_name": .string, "skip_schema_creation": .bool, "skip_table_creation": .bool,
               "skip_index_creation": .bool],
    ]

    /// Backends terraform 1.11 has that this build cannot read from.
    static let otherBackends: Set<String> = ["remote", "azurerm", "consul", "cos", "gcs", "kubernetes", "oss", "s3", "oci", "cloud"]

    static func isObjectLike(_ t: ValueType) -> Bool { t == .dynamic || t.isObject || t.isMap }

    static func validate(_ config: Value) -> [ProviderDiagnostic] {
        let c = config.attributes ?? [:]
        var diags: [ProviderDiagnostic] = []
        let cfg = c["config"] ?? .dynamicNull
        if cfg.isWhollyKnown, let backend = c["backend"], backend.isKnown, !backend.isNull {
            diags += backendConfig(c).diags
        } else if !isObjectLike(cfg.type) {
            diags.append(.error("Invalid backend configuration", "The configuration must be an object value.", attribute: .attribute("config")))
        }
        if !isObjectLike((c["defaults"] ?? .dynamicNull).type) {
            diags.append(.error("Invalid default values", "Defaults must be given in an object value.", attribute: .attribute("defaults")))
        }
        return diags
    }

    /// The backend type and its configuration as JSON (what `init` records), or diagnostics.
    static func backendConfig(_ c: [String: Value]) -> (type: String, config: [String: JSONValue], diags: [ProviderDiagnostic]) {
        var type = c["backend"]?.stringValue ?? ""
        if type == "_local" { type = "local" }
        guard let arguments = backendArguments[type] else {
            let detail = otherBackends.contains(type) ? "Terraswift does not support the \"\(type)\" backend yet."
                : "There is no backend type named \(GoQuote.quote(type))."
            return (type, [:], [.error("Invalid backend configuration", detail, attribute: .attribute("backend"))])
        }
        let cfg = c["config"] ?? .dynamicNull
        var out: [String: JSONValue] = [:]
        func invalid(_ why: String) -> (String, [String: JSONValue], [ProviderDiagnostic]) {
            (type, [:], [.error("Invalid backend configuration",
                                "The given configuration is not valid for backend \(GoQuote.quote(type)): \(why).", attribute: .attribute("config"))])
        }
        if !cfg.isNull {
            guard isObjectLike(cfg.type), let attrs = cfg.attributes else { return invalid("object required") }
            for name in attrs.keys.sorted() {
                guard let want = arguments[name] else { return invalid("unexpected attribute \(GoQuote.quote(name))") }
                guard let v = attrs[name] else { continue }
                let plain = v.unmarkedDeep().0
                if plain.isNull { continue }
                switch (want, plain.content) {
                case (.string, .string(let s)): out[name] = .string(s)
                case (.string, .number): out[name] = .string(StateValueCodec.encode(plain, as: .number)?.numberText ?? "")
                case (.string, .bool(let b)): out[name] = .string(b ? "true" : "false")
                case (.bool, .bool(let b)): out[name] = .bool(b)
                case (.bool, .string(let s)) where s == "true" || s == "false": out[name] = .bool(s == "true")
                case (.number, .number): out[name] = StateValueCodec.encode(plain, as: .number) ?? .null
                case (.number, .string(let s)) where Value.number(parsing: s) != nil: out[name] = .number(s)
                default:
                    let expected = want == .bool ? "bool" : want == .number ? "number" : "string"
                    return invalid(".\(name): \(expected) required")
                }
            }
        }
        return (type, out, [])
    }

    static func read(_ config: Value, workingDirectory: String, environment: [String: String]) -> (Value, [ProviderDiagnostic]) {
        let block = schema.block
        let c = config.attributes ?? [:]
        let (type, settings, diags) = backendConfig(c)
        if diags.hasErrors { return (.null(block.impliedType), diags) }
        let backend: Backend
        switch makeBackend(type, settings, workingDirectory: workingDirectory, environment: environment) {
        case .success(let b): backend = b
        case .failure(let e): return (.null(block.impliedType), [.error("Invalid backend configuration", "\(e)", attribute: .attribute("config"))])
        }
        var result: [String: Value] = [
            "backend": c["backend"] ?? .null(.string),
            "config": c["config"] ?? .dynamicNull,
            "workspace": c["workspace"] ?? .null(.string),
            "defaults": .dynamicNull,
        ]
        let workspace = c["workspace"]?.stringValue ?? "default"
        let store: StateStore
        switch backend.stateStore(workspace: workspace) {
        case .success(let s): store = s
        case .failure(let e):
            return (.null(block.impliedType), [.error("Error loading state error", "error loading the remote state: \(e)", attribute: .attribute("backend"))])
        }
        let snapshot: StateFile?
        switch store.read() {
        case .success(let s): snapshot = s
        case .failure(let e): return (.null(block.impliedType), [.error("\(e)")])
        }
        var outputs: [String: Value] = [:]
        if let defaults = c["defaults"], !defaults.isNull {
            result["defaults"] = defaults
            for (k, v) in defaults.keyedElements { if let key = k.stringValue { outputs[key] = v } }
        }
        guard let snapshot else {
            result["outputs"] = .emptyObject
            return (Value(type: block.impliedType, content: .attributes(result)),
                    [.error("Unable to find remote state", "No stored state was found for the given workspace in the given backend.", attribute: .attribute("workspace"))])
        }
        var problems: [ProviderDiagnostic] = []
        for o in snapshot.outputs {
            guard let t = StateValueCodec.parseType(o.type) else {
                problems.append(.error("Invalid output in remote state", "Output \(GoQuote.quote(o.name)) has a type this build cannot read."))
                continue
            }
            switch StateValueCodec.decode(o.value, type: t) {
            case .success(let v): outputs[o.name] = v
            case .failure(let e): problems.append(.error("Invalid output in remote state", "Output \(GoQuote.quote(o.name)): \(e.message)"))
            }
        }
        result["outputs"] = .object(outputs)
        return (Value(type: block.impliedType, content: .attributes(result)), problems)
    }

    static func makeBackend(_ type: String, _ config: [String: JSONValue], workingDirectory: String, environment: [String: String]) -> Result<Backend, StateStoreError> {
        switch type {
        case "local":
            return .success(LocalBackend(workingDirectory: workingDirectory, path: config["path"]?.stringValue,
                                         workspaceDir: config["workspace_dir"]?.stringValue))
        case "http":
            return HTTPBackend.Settings.from(config: config, environment: environment).map { HTTPBackend(settings: $0) as Backend }
        default:
            return PGBackend.Settings.from(config: config, environment: environment).map { PGBackend(settings: $0) as Backend }
        }
    }
}

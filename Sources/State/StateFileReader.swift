import Config
import Foundation
import HCL
import JSON

/// What reading state bytes came to.
public enum StateReadResult: Sendable {
    /// Zero bytes: no state stored yet.
    case noState
    case state(StateFile)
    case failed(Diagnostics)
}

/// Reads state snapshots of any version terraform reads, with terraform's diagnostics.
public enum StateFileReader {
    static let unsupportedFormat = "Unsupported state file format"
    static let invalidFormat = "Invalid state file format"
    static let upgradeFailed = "State format upgrade failed"

    public static func read(_ bytes: [UInt8]) -> StateReadResult {
        if bytes.isEmpty { return .noState }
        // The binary format of Terraform before v0.7 starts with "tfstate".
        if bytes.starts(with: Array("tfstate".utf8)) {
            return .failed(Diagnostics([.error(unsupportedFormat, "The state is stored in a legacy binary format that is not supported since Terraform v0.7. To continue, first upgrade the state using Terraform 0.6.16 or earlier.")]))
        }
        // Checked in one pass and decoded lazily: resource attributes stay bytes
        // until something asks for them. Anything the strict pass refuses goes
        // through json-c, which words the error (or, for the rare document only
        // json-c accepts, gives the tree).
        if let root = JSON.lazyDocument(bytes) {
            return read(root: root)
        }
        do {
            return read(root: try JSON.parse(bytes))
        } catch let error as JSONParseError {
            var diags = Diagnostics()
            diags += .error(unsupportedFormat, "The state file could not be parsed as JSON: syntax error at byte offset \(goSyntaxErrorOffset(error, bytes)).")
            diags += .error(unsupportedFormat, "The state file does not have a \"version\" attribute, which is required to identify the format version.")
            return .failed(diags)
        } catch {
            return .failed(Diagnostics([.error(unsupportedFormat, "The state file could not be parsed as JSON.")]))
        }
    }

    static func read<N: StateJSONNode>(root doc: N) -> StateReadResult {
        var diags = Diagnostics()
        guard doc.nodeIsObject else {
            diags += .error(unsupportedFormat, "The state file could not be parsed as JSON.")
            diags += .error(unsupportedFormat, "The state file does not have a \"version\" attribute, which is required to identify the format version.")
            return .failed(diags)
        }
        guard let versionValue = doc["version"], !versionValue.isNull else {
            diags += .error(unsupportedFormat, "The state file does not have a \"version\" attribute, which is required to identify the format version.")
            return .failed(diags)
        }
        guard let versionText = versionValue.numberText, let version = UInt64(versionText) else {
            diags += .error(unsupportedFormat, "The version in the state file is \(goTypeName(versionValue.jsonValue)). A positive whole number is required.")
            return .failed(diags)
        }
        switch version {
        case 0:
            diags += .error(unsupportedFormat, "The state file uses JSON syntax but has a version number of zero. There was never a JSON-based state format zero, so this state file is invalid and cannot be processed.")
            return .failed(diags)
        case 1, 2, 3:
            return LegacyStateUpgrade.read(doc.jsonValue, version: Int(version))
        case 4:
            return readV4(doc)
        default:
            let creator = doc["terraform_version"]?.stringValue.flatMap { SemanticVersion($0) != nil ? $0 : nil }
            if let creator {
                diags += .error(unsupportedFormat, "The state file uses format version \(version), which is not supported by Terraform \(StateFile.currentTerraformVersion). This state file was created by Terraform \(creator).")
            } else {
                diags += .error(unsupportedFormat, "The state file uses format version \(version), which is not supported by Terraform \(StateFile.currentTerraformVersion). This state file may have been created by a newer version of Terraform.")
            }
            return .failed(diags)
        }
    }

    /// encoding/json reports the offset after the byte that broke the syntax (the length for truncated input).
    static func goSyntaxErrorOffset(_ error: JSONParseError, _ bytes: [UInt8]) -> Int {
        let o = min(max(error.offset, 0), bytes.count)
        return o < bytes.count ? o + 1 : bytes.count
    }

    /// How encoding/json names a JSON value in type errors.
    static func goTypeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "bool"
        case .number(let n): return "number " + n
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    struct FieldError: Error {
        var field: String
        var value: JSONValue
    }

    private static func string<N: StateJSONNode>(_ v: N?, _ field: String) throws -> String {
        guard let v, !v.isNull else { return "" }
        guard let s = v.stringValue else { throw FieldError(field: field, value: v.jsonValue) }
        return s
    }

    private static func uint<N: StateJSONNode>(_ v: N?, _ field: String) throws -> UInt64 {
        guard let v, !v.isNull else { return 0 }
        guard let n = v.numberText, let u = UInt64(n) else { throw FieldError(field: field, value: v.jsonValue) }
        return u
    }

    private static func bool<N: StateJSONNode>(_ v: N?, _ field: String) throws -> Bool {
        guard let v, !v.isNull else { return false }
        guard let b = v.boolValue else { throw FieldError(field: field, value: v.jsonValue) }
        return b
    }

    private static func array<N: StateJSONNode>(_ v: N?, _ field: String) throws -> [N] {
        guard let v, !v.isNull else { return [] }
        guard let a = v.nodeElements else { throw FieldError(field: field, value: v.jsonValue) }
        return a
    }

    private static func object<N: StateJSONNode>(_ v: N?, _ field: String) throws -> NodeFields<N>? {
        guard let v, !v.isNull else { return nil }
        guard let o = v.nodeMembers else { throw FieldError(field: field, value: v.jsonValue) }
        return NodeFields(members: o)
    }

    static func readV4<N: StateJSONNode>(_ docNode: N) -> StateReadResult {
        var diags = Diagnostics()
        var file = StateFile(lineage: "")
        let doc = NodeFields(members: docNode.nodeMembers ?? [])
        // Each resource's and instance's members, listed once (listing a raw
        // object skips over its values; looking fields up one by one would
        // skip over the big ones again for every field).
        var resourceNodes: [(NodeFields<N>, [NodeFields<N>])] = []
        do {
            file.terraformVersion = try string(doc["terraform_version"], "terraform_version")
            file.serial = try uint(doc["serial"], "serial")
            file.lineage = try string(doc["lineage"], "lineage")
            // Structural type checks first, as encoding/json fails before any semantic check.
            if let outs = try object(doc["outputs"], "outputs") {
                for m in outs.members {
                    guard let fields = m.value.nodeMembers else { throw FieldError(field: "outputs", value: m.value.jsonValue) }
                    _ = try bool(NodeFields(members: fields)["sensitive"], "outputs.sensitive")
                }
            }
            for rNode in try array(doc["resources"], "resources") {
                guard let rMembers = rNode.nodeMembers else { throw FieldError(field: "resources", value: rNode.jsonValue) }
                let r = NodeFields(members: rMembers)
                for f in ["module", "mode", "type", "name", "each", "provider"] { _ = try string(r[f], "resources." + f) }
                var instances: [NodeFields<N>] = []
                for iNode in try array(r["instances"], "resources.instances") {
                    guard let iMembers = iNode.nodeMembers else { throw FieldError(field: "resources.instances", value: iNode.jsonValue) }
                    let i = NodeFields(members: iMembers)
                    for f in ["status", "deposed", "private"] { _ = try string(i[f], "resources.instances." + f) }
                    _ = try uint(i["schema_version"], "resources.instances.schema_version")
                    _ = try bool(i["create_before_destroy"], "resources.instances.create_before_destroy")
                    for d in try array(i["dependencies"], "resources.instances.dependencies") {
                        _ = try string(d, "resources.instances.dependencies")
                    }
                    if let flat = try object(i["attributes_flat"], "resources.instances.attributes_flat") {
                        for m in flat.members { _ = try string(m.value, "resources.instances.attributes_flat") }
                    }
                    instances.append(i)
                }
                resourceNodes.append((r, instances))
            }
            _ = try array(doc["check_results"], "check_results")
        } catch let e as FieldError {
            diags += .error(invalidFormat, "The state file field \"\(e.field)\" has invalid value \(goTypeName(e.value))")
            return .failed(diags)
        } catch {
            diags += .error(invalidFormat, "The state file does not conform to the expected JSON data structure.")
            return .failed(diags)
        }

        if !file.terraformVersion.isEmpty && SemanticVersion(file.terraformVersion) == nil {
            diags += .error("Invalid Terraform version string", "State file claims to have been written by Terraform version \(goQuote(file.terraformVersion)), which is not a valid version string.")
        }

        var byAddress: [AbsResource: Int] = [:]
        var seenObjects: [Int: Set<ObjectKey>] = [:]
        for (r, instanceNodes) in resourceNodes {
            let type = r["type"]?.stringValue ?? ""
            let name = r["name"]?.stringValue ?? ""
            let modeText = r["mode"]?.stringValue ?? ""
            let mode: ResourceMode
            switch modeText {
            case "managed": mode = .managed
            case "data": mode = .data
            default:
                diags += .error("Invalid resource mode in state", "State contains a resource with mode \(goQuote(modeText)) (\(goQuote(type)) \(goQuote(name))) which is not supported.")
                continue
            }
            var module = ModuleInstance.root
            if let m = r["module"]?.stringValue, !m.isEmpty {
                let (parsed, mdiags) = AddressParser.parseModuleInstance(m)
                diags += mdiags
                guard let parsed else { continue }
                module = parsed
            }
            let addr = AbsResource(module: module, resource: Resource(mode: mode, type: type, name: name))
            let provider = r["provider"]?.stringValue ?? ""
            let index: Int
            if let existing = byAddress[addr] {
                index = existing
                file.resources[index].provider = provider
            } else {
                index = file.resources.count
                byAddress[addr] = index
                file.resources.append(ResourceState(address: addr, provider: provider))
            }
            var seen = seenObjects[index] ?? []
            defer { seenObjects[index] = seen }
            for i in instanceNodes {
                var obj = InstanceObject()
                if let k = i["index_key"], !k.isNull {
                    if let s = k.stringValue {
                        obj.key = .string(s)
                    } else if let n = k.numberText {
                        if let k = Int(n) {
                            obj.key = .int(k)
                        } else if let d = Double(n), d.rounded(.towardZero) == d, abs(d) < 9.0e15 {
                            obj.key = .int(Int(d))
                        } else {
                            obj.key = .int(Int(Double(n) ?? 0))
                        }
                    } else {
                        diags += .error("Invalid resource instance metadata in state", "Resource \(addr) has an instance with the invalid instance key \(k.jsonValue.compactString).")
                        continue
                    }
                }
                obj.schemaVersion = UInt64(i["schema_version"]?.numberText ?? "0") ?? 0
                obj.createBeforeDestroy = i["create_before_destroy"]?.boolValue ?? false
                if let attrs = i["attributes"], !attrs.isNull {
                    attrs.storeAttributes(in: &obj)
                } else if let flat = i["attributes_flat"]?.nodeMembers {
                    obj.attributes = nil
                    obj.attributesFlat = flat.map { ($0.key, $0.value.stringValue ?? "") }
                        .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
                } else {
                    obj.attributes = .object([])
                }
                if let pathsNode = i["sensitive_attributes"], !pathsNode.isNull {
                    let paths = pathsNode.jsonValue
                    guard case .array(let list) = paths, list.allSatisfy({ $0.arrayValue != nil }) else {
                        diags += .error("Error unmarshaling path steps", "json: cannot unmarshal \(goTypeName(paths).split(separator: " ").first ?? "") into Go value of type [][]statefile.pathStep")
                        continue
                    }
                    obj.sensitiveAttributes = list
                }
                switch i["status"]?.stringValue ?? "" {
                case "": obj.status = .ready
                case "tainted": obj.status = .tainted
                case let raw:
                    diags += .error("Invalid resource instance metadata in state", "Instance \(addr.instance(obj.key)) has invalid status \(goQuote(raw)).")
                    continue
                }
                if let p = i["private"]?.stringValue, !p.isEmpty { obj.privateData = p }
                for dep in i["dependencies"]?.nodeElements ?? [] {
                    let text = dep.stringValue ?? ""
                    let (parsed, ddiags) = AddressParser.parseAbsResource(text)
                    diags += ddiags
                    if let parsed { obj.dependencies.append(parsed.description) }
                }
                if let dk = i["deposed"]?.stringValue, !dk.isEmpty {
                    guard dk.utf8.count == 8 else {
                        diags += .error("Invalid resource instance metadata in state", "Instance \(addr.instance(obj.key)) has an object with deposed key \(goQuote(dk)), which is not correctly formatted.")
                        continue
                    }
                    if seen.contains(ObjectKey(key: obj.key, deposed: dk)) {
                        diags += .error("Duplicate resource instance in state", "Instance \(addr.instance(obj.key)) deposed object \(goQuote(dk)) appears multiple times in the state file.")
                        continue
                    }
                    obj.deposed = dk
                } else if seen.contains(ObjectKey(key: obj.key, deposed: nil)) {
                    diags += .error("Duplicate resource instance in state", "Instance \(addr.instance(obj.key)) appears multiple times in the state file.")
                    continue
                }
                seen.insert(ObjectKey(key: obj.key, deposed: obj.deposed))
                file.resources[index].instances.append(obj)
            }
        }

        file.outputs = readOutputs(doc["outputs"], &diags)

        if let checksNode = doc["check_results"], case .array(let list) = checksNode.jsonValue {
            var results: [CheckResult] = []
            for c in list {
                let kind = c["object_kind"]?.stringValue ?? ""
                guard ["resource", "output", "check", "var"].contains(kind) else {
                    diags += .error("unsupported checkable object kind \(goQuote(kind))", "")
                    continue
                }
                if let result = checkResult(c) { results.append(result) }
            }
            file.checkResults = results.isEmpty ? nil : results
        }

        if diags.hasErrors { return .failed(diags) }
        return .state(file)
    }

    /// The root module's outputs, sorted by name; bad types or values go to `diags`.
    static func readOutputs<N: StateJSONNode>(_ node: N?, _ diags: inout Diagnostics) -> [OutputValue] {
        var outputs: [OutputValue] = []
        for m in node?.nodeMembers ?? [] {
            let fields = NodeFields(members: m.value.nodeMembers ?? [])
            let type = fields["type"]?.jsonValue ?? .null
            guard OutputTypeCheck.isValidType(type) else {
                diags += .error("Invalid output value type in state", "The state file has an invalid type specification for output \(goQuote(m.key)): \(OutputTypeCheck.typeError(type)).")
                continue
            }
            let value = fields["value"]?.jsonValue ?? .null
            if let problem = OutputTypeCheck.valueProblem(value, type) {
                diags += .error("Invalid output value saved in state", "The state file has an invalid value for output \(goQuote(m.key)): \(problem).")
                continue
            }
            outputs.append(OutputValue(name: m.key, value: OutputTypeCheck.canonical(value), type: OutputTypeCheck.canonical(type),
                                       sensitive: fields["sensitive"]?.boolValue ?? false))
        }
        outputs.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return outputs
    }

    /// One `check_results` entry (nil for an object kind terraform does not know).
    public static func checkResult(_ c: JSONValue) -> CheckResult? {
        let kind = c["object_kind"]?.stringValue ?? ""
        guard ["resource", "output", "check", "var"].contains(kind) else { return nil }
        var result = CheckResult(objectKind: kind, configAddr: c["config_addr"]?.stringValue ?? "",
                                 status: checkStatus(c["status"]?.stringValue))
        for o in c["objects"]?.arrayValue ?? [] {
            result.objects.append(CheckObjectResult(objectAddr: o["object_addr"]?.stringValue ?? "",
                                                    status: checkStatus(o["status"]?.stringValue),
                                                    failureMessages: (o["failure_messages"]?.arrayValue ?? []).compactMap(\.stringValue)))
        }
        return result
    }

    private static func checkStatus(_ s: String?) -> String {
        switch s {
        case "pass", "fail", "error": return s!
        default: return "unknown"
        }
    }

    /// Go's %q for plain strings.
    public static func goQuote(_ s: String) -> String { GoStrings.quote(s) }
}

/// Terraform version strings as go-version accepts them (enough to spot garbage).
struct SemanticVersion: Comparable {
    var parts: [Int]
    var prerelease: String

    init?(_ text: String) {
        var t = Substring(text)
        if t.hasPrefix("v") { t = t.dropFirst() }
        var pre = ""
        if let dash = t.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            pre = String(t[dash...])
            t = t[..<dash]
        }
        let comps = t.split(separator: ".", omittingEmptySubsequences: false)
        guard !comps.isEmpty, comps.count <= 3 else { return nil }
        var p: [Int] = []
        for c in comps {
            guard !c.isEmpty, c.allSatisfy(\.isASCII), let n = Int(c) else { return nil }
            p.append(n)
        }
        while p.count < 3 { p.append(0) }
        parts = p
        prerelease = pre.hasPrefix("-") ? String(pre.dropFirst()).split(separator: "+").first.map(String.init) ?? "" : ""
    }

    static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if a.parts != b.parts { return a.parts.lexicographicallyPrecedes(b.parts) }
        if a.prerelease == b.prerelease { return false }
        if a.prerelease.isEmpty { return false }
        if b.prerelease.isEmpty { return true }
        return a.prerelease < b.prerelease
    }
}

/// Lineage strings: random UUIDs as terraform makes them.
public enum Lineage {
    public static func generate() -> String { UUID().uuidString.lowercased() }
}

/// What the v4 reader needs of a JSON node, so it reads a decoded tree
/// (legacy upgrades, documents only json-c accepts) and raw bytes alike.
protocol StateJSONNode {
    subscript(key: String) -> Self? { get }
    var isNull: Bool { get }
    var stringValue: String? { get }
    var numberText: String? { get }
    var boolValue: Bool? { get }
    var nodeIsObject: Bool { get }
    var nodeElements: [Self]? { get }
    /// Members with duplicate keys collapsed (first place, last value).
    var nodeMembers: [(key: String, value: Self)]? { get }
    var jsonValue: JSONValue { get }
    func storeAttributes(in obj: inout InstanceObject)
}

/// A resource's object identity while reading: instance key and deposed key.
struct ObjectKey: Hashable {
    var key: InstanceKey
    var deposed: String?
}

/// An object's members listed once, looked up by name.
struct NodeFields<N: StateJSONNode> {
    var members: [(key: String, value: N)]

    subscript(key: String) -> N? {
        for m in members where m.key == key { return m.value }
        return nil
    }
}

extension JSONValue: StateJSONNode {
    var nodeIsObject: Bool { objectValue != nil }
    var nodeElements: [JSONValue]? { arrayValue }
    var nodeMembers: [(key: String, value: JSONValue)]? { objectValue?.map { ($0.key, $0.value) } }
    var jsonValue: JSONValue { self }
    func storeAttributes(in obj: inout InstanceObject) { obj.attributes = self }
}

extension JSONRaw: StateJSONNode {
    var nodeIsObject: Bool { kind == .object }
    var nodeElements: [JSONRaw]? { elements }
    var nodeMembers: [(key: String, value: JSONRaw)]? { uniqueMembers }
    var jsonValue: JSONValue { value }
    func storeAttributes(in obj: inout InstanceObject) { obj.setRawAttributes(self) }
}

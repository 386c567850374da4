import Config
import HCL
import JSON

/// State format versions 2 and 3 (Terraform 0.11 and earlier), upgraded in
/// memory to version 4 the way terraform upgrades them: flat attributes kept as
/// `attributes_flat`, providers as legacy (`registry.terraform.io/-/NAME`)
/// addresses, deposed objects numbered, output types implied from their values.
enum LegacyStateUpgrade {
    static func read(_ doc: JSONValue, version: Int) -> StateReadResult {
        if version == 1 {
            return .failed(Diagnostics([.error(StateFileReader.upgradeFailed,
                "Terraswift reads state format versions 2 to 4; this file uses version 1, from Terraform 0.6 or earlier. Run it through Terraform 0.11 once to upgrade it.")]))
        }
        switch upgrade(doc) {
        case .success(let v4): return StateFileReader.readV4(v4)
        case .failure(let message):
            return .failed(Diagnostics([.error(StateFileReader.upgradeFailed, message.text)]))
        }
    }

    struct Message: Error { var text: String }

    static func upgrade(_ old: JSONValue) -> Result<JSONValue, Message> {
        var serial = old["serial"]?.numberText ?? "0"
        if serial.hasPrefix("-") { return .failure(Message(text: "state has serial less than zero, which is invalid")) }
        if serial.isEmpty { serial = "0" }
        var tfVersion = old["terraform_version"]?.stringValue ?? ""
        if tfVersion.isEmpty { tfVersion = "0.0.0" }
        var outputs: [JSONMember] = []
        var resources: [JSONValue] = []
        for module in old["modules"]?.arrayValue ?? [] {
            let path = (module["path"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard path.first == "root" else {
                return .failure(Message(text: "state contains invalid module path \(JSONValue.array(path.map { .string($0) }).compactString)"))
            }
            var moduleAddr = ModuleInstance()
            for name in path.dropFirst() { moduleAddr = moduleAddr.child(name) }
            // In v3 each entry is one instance; resources are gathered by address.
            var order: [String] = []
            var byResource: [String: (JSONValue, [JSONValue])] = [:]
            for entry in module["resources"]?.objectValue ?? [] {
                guard let (mode, type, name, key) = parseLegacyAddress(entry.key) else {
                    return .failure(Message(text: "invalid internal resource address format: \(entry.key)"))
                }
                let r = entry.value
                let resourceKey = (mode == "data" ? "data." : "") + type + "." + name
                if byResource[resourceKey] == nil {
                    let oldProvider = r["provider"]?.stringValue ?? ""
                    var providerName = String(type.split(separator: "_").first ?? Substring(type))
                    var alias: String?
                    if !oldProvider.isEmpty {
                        var p = Substring(oldProvider)
                        if let range = p.range(of: "provider.", options: .backwards) { p = p[range.upperBound...] }
                        let parts = p.split(separator: ".")
                        guard let first = parts.first, parts.count <= 2, !oldProvider.contains("${") else {
                            return .failure(Message(text: "invalid legacy provider config reference \(StateFileReader.goQuote(oldProvider)) for \(entry.key)"))
                        }
                        providerName = String(first)
                        alias = parts.count == 2 ? String(parts[1]) : nil
                    }
                    // terraform records these legacy provider configurations at the root.
                    let provider = "provider[\"registry.terraform.io/-/\(providerName)\"]" + (alias.map { "." + $0 } ?? "")
                    var members: [JSONMember] = []
                    if !moduleAddr.isRoot { members.append(JSONMember(key: "module", value: .string(moduleAddr.description))) }
                    members += [JSONMember(key: "mode", value: .string(mode)), JSONMember(key: "type", value: .string(type)),
                                JSONMember(key: "name", value: .string(name)), JSONMember(key: "provider", value: .string(provider))]
                    byResource[resourceKey] = (.object(members), [])
                    order.append(resourceKey)
                }
                if let primary = r["primary"], !primary.isNull {
                    byResource[resourceKey]!.1.append(instance(primary, key: key, deposed: nil))
                }
                for (i, d) in (r["deposed"]?.arrayValue ?? []).enumerated() {
                    let dk = String(i + 1, radix: 16)
                    byResource[resourceKey]!.1.append(instance(d, key: key, deposed: String(repeating: "0", count: 8 - dk.count) + dk))
                }
            }
            for k in order {
                guard let (head, instances) = byResource[k], case .object(var members) = head else { continue }
                members.append(JSONMember(key: "instances", value: .array(instances)))
                resources.append(.object(members))
            }
            if path.count == 1 {
                for o in module["outputs"]?.objectValue ?? [] {
                    let value = o.value["value"] ?? .null
                    var m = [JSONMember(key: "value", value: value), JSONMember(key: "type", value: impliedType(value))]
                    if o.value["sensitive"]?.boolValue == true { m.append(JSONMember(key: "sensitive", value: .bool(true))) }
                    outputs.append(JSONMember(key: o.key, value: .object(m)))
                }
            }
        }
        return .success(.object([
            "version": .number("4"), "terraform_version": .string(tfVersion), "serial": .number(serial),
            "lineage": .string(old["lineage"]?.stringValue ?? ""), "outputs": .object(outputs), "resources": .array(resources),
        ]))
    }

    static func instance(_ old: JSONValue, key: InstanceKey, deposed: String?) -> JSONValue {
        var m: [JSONMember] = []
        if case .int(let i) = key { m.append(JSONMember(key: "index_key", value: .number(i))) }
        if old["tainted"]?.boolValue == true { m.append(JSONMember(key: "status", value: .string("tainted"))) }
        if let deposed { m.append(JSONMember(key: "deposed", value: .string(deposed))) }
        var schemaVersion = "0"
        var privateMembers: [JSONMember] = []
        for meta in old["meta"]?.objectValue ?? [] {
            if meta.key == "schema_version" {
                if let s = meta.value.stringValue, UInt64(s) != nil { schemaVersion = s; continue }
                if let n = meta.value.numberText, let d = Double(n) { schemaVersion = String(UInt64(max(0, d))); continue }
            }
            privateMembers.append(meta)
        }
        m.append(JSONMember(key: "schema_version", value: .number(schemaVersion)))
        var attrs = old["attributes"]?.objectValue ?? []
        if let id = old["id"]?.stringValue, !id.isEmpty, (attrs.first { $0.key == "id" }?.value.stringValue ?? "").isEmpty {
            attrs.removeAll { $0.key == "id" }
            attrs.append(JSONMember(key: "id", value: .string(id)))
        }
        m.append(JSONMember(key: "attributes_flat", value: .object(attrs)))
        if !privateMembers.isEmpty {
            // Go marshals the private map with sorted keys, then stores it base64-encoded.
            let json = JSONValue.object(privateMembers.sorted { $0.key < $1.key }).compactString
            m.append(JSONMember(key: "private", value: .string(Base64.encode(Array(json.utf8)))))
        }
        return .object(m)
    }

    /// `aws_instance.web`, `aws_instance.web.2`, `data.aws_ami.x`, `data.aws_ami.x.1`.
    static func parseLegacyAddress(_ s: String) -> (String, String, String, InstanceKey)? {
        var parts = s.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.count <= 4 else { return nil }
        var mode = "managed"
        if parts.count > 2 && parts[0] == "data" { mode = "data"; parts.removeFirst() }
        if parts.count > 3 { return nil }
        var key = InstanceKey.none
        if parts.count == 3 {
            guard let i = Int(parts[2]) else { return nil }
            key = .int(i)
        }
        return (mode, parts[0], parts[1], key)
    }

    /// The type cty implies for a JSON value, with homogeneous tuples and objects
    /// turned into lists and maps as terraform's upgrade does.
    static func impliedType(_ v: JSONValue) -> JSONValue {
        switch v {
        case .null: return .string("dynamic")
        case .bool: return .string("bool")
        case .number: return .string("number")
        case .string: return .string("string")
        case .array(let items):
            let types = items.map(impliedType)
            if let first = types.first, types.allSatisfy({ $0 == first }) { return .array([.string("list"), first]) }
            return .array([.string("tuple"), .array(types)])
        case .object(let members):
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            let types = sorted.map { impliedType($0.value) }
            if let first = types.first, types.allSatisfy({ $0 == first }) { return .array([.string("map"), first]) }
            return .array([.string("object"), .object(zip(sorted, types).map { JSONMember(key: $0.key, value: $1) })])
        }
    }
}

/// Standard base64 with padding (Go's `encoding/base64.StdEncoding`).
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int(((b0 & 0x3) << 4) | (b1 >> 4))])
            out.append(i + 1 < bytes.count ? alphabet[Int(((b1 & 0xF) << 2) | (b2 >> 6))] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

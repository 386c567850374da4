import Config
import JSON
import State

/// The JSON representation of a state that `show -json` prints (format 1.0).
enum ShowStateJSON {
    static func document(_ state: StateFile?) -> JSONValue {
        var members: [JSONMember] = [JSONMember(key: "format_version", value: .string("1.0"))]
        // No state, or one without resources and outputs (check results do not count, as in
        // terraform's State.Empty): terraform writes the format version alone.
        guard let state, !state.hasNoContent else {
            return .object(members)
        }
        members.append(JSONMember(key: "terraform_version", value: .string(StateFile.currentTerraformVersion)))
        var values: [JSONMember] = []
        if !state.outputs.isEmpty {
            values.append(JSONMember(key: "outputs", value: .object(state.outputs.map { o in
                JSONMember(key: o.name, value: .object([
                    JSONMember(key: "sensitive", value: .bool(o.sensitive)),
                    JSONMember(key: "value", value: o.value),
                    JSONMember(key: "type", value: o.type),
                ]))
            })))
        }
        values.append(JSONMember(key: "root_module", value: module(.root, state)))
        members.append(JSONMember(key: "values", value: .object(values)))
        if let checks = state.checkResults, !checks.isEmpty {
            members.append(JSONMember(key: "checks", value: checksJSON(checks)))
        }
        return .object(members)
    }

    /// The same text as `document(state).compactString + "\n"`, handed to `emit`
    /// in pieces of about a megabyte: resources are encoded one at a time, so a
    /// big state is never held decoded all at once.
    static func write(_ state: StateFile?, emit: (String) -> Void) {
        guard let state, !state.hasNoContent else {
            emit(document(state).compactString + "\n")
            return
        }
        let writer = JSONWriter()
        var out: [UInt8] = []
        func flush(_ force: Bool = false) {
            if force || out.count >= 1 << 20 {
                emit(String(decoding: out, as: UTF8.self))
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(contentsOf: #"{"format_version":"1.0","terraform_version":"#.utf8)
        JSONWriter.appendQuoted(StateFile.currentTerraformVersion, into: &out)
        out.append(contentsOf: #","values":{"#.utf8)
        if let outputs = document(StateFile(lineage: "", outputs: state.outputs))["values"]?["outputs"] {
            out.append(contentsOf: #""outputs":"#.utf8)
            writer.write(outputs, into: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""root_module":"#.utf8)
        var byModule: [ModuleInstance: [ResourceState]] = [:]
        for r in state.resources { byModule[r.address.module, default: []].append(r) }
        func writeModule(_ addr: ModuleInstance) {
            out.append(UInt8(ascii: "{"))
            var first = true
            func separator() {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
            }
            let here = (byModule[addr] ?? []).sorted { $0.address < $1.address }
            var wroteResources = false
            for r in here {
                let provider = ResourceValueHints.providerSource(r.provider)
                for obj in orderedObjects(r) {
                    if !wroteResources {
                        separator()
                        out.append(contentsOf: #""resources":["#.utf8)
                        wroteResources = true
                    } else {
                        out.append(UInt8(ascii: ","))
                    }
                    writer.write(resourceJSON(r, obj, providerName: provider), into: &out)
                    flush()
                }
            }
            if wroteResources { out.append(UInt8(ascii: "]")) }
            if !addr.isRoot {
                separator()
                out.append(contentsOf: #""address":"#.utf8)
                JSONWriter.appendQuoted(addr.description, into: &out)
            }
            let children = childModules(addr, byModule)
            if !children.isEmpty {
                separator()
                out.append(contentsOf: #""child_modules":["#.utf8)
                for (n, child) in children.enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    writeModule(child)
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        writeModule(.root)
        out.append(UInt8(ascii: "}"))
        if let checks = state.checkResults, !checks.isEmpty {
            out.append(contentsOf: #","checks":"#.utf8)
            writer.write(checksJSON(checks), into: &out)
        }
        out.append(contentsOf: "}\n".utf8)
        flush(true)
    }

    /// A resource's objects in the order `show -json` lists them: by instance key,
    /// the current object (the first, should there be several) before deposed ones by key.
    static func orderedObjects(_ r: ResourceState) -> [InstanceObject] {
        let ordered = r.instances.enumerated().sorted { a, b in
            if a.element.key != b.element.key { return a.element.key < b.element.key }
            let da = a.element.deposed, db = b.element.deposed
            if (da == nil) != (db == nil) { return da == nil }
            if let da, let db, da != db { return da < db }
            return a.offset < b.offset
        }
        var out: [InstanceObject] = []
        var lastCurrent: InstanceKey?
        for (_, obj) in ordered {
            if obj.deposed == nil {
                if lastCurrent == obj.key { continue }
                lastCurrent = obj.key
            }
            out.append(obj)
        }
        return out
    }

    /// Direct children: modules one step deeper that have resources somewhere below them.
    static func childModules(_ addr: ModuleInstance, _ byModule: [ModuleInstance: [ResourceState]]) -> [ModuleInstance] {
        var children = Set<ModuleInstance>()
        for m in byModule.keys where addr.isAncestor(of: m) {
            children.insert(ModuleInstance(Array(m.steps.prefix(addr.steps.count + 1))))
        }
        return children.sorted { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }
    }

    static func module(_ addr: ModuleInstance, _ state: StateFile) -> JSONValue {
        var byModule: [ModuleInstance: [ResourceState]] = [:]
        for r in state.resources { byModule[r.address.module, default: []].append(r) }
        return module(addr, byModule)
    }

    /// One module's object; `byModule` holds the state's resources grouped by module instance.
    static func module(_ addr: ModuleInstance, _ byModule: [ModuleInstance: [ResourceState]]) -> JSONValue {
        var members: [JSONMember] = []
        let here = (byModule[addr] ?? []).sorted { $0.address < $1.address }
        var resources: [JSONValue] = []
        for r in here {
            let provider = ResourceValueHints.providerSource(r.provider)
            for obj in orderedObjects(r) { resources.append(resourceJSON(r, obj, providerName: provider)) }
        }
        if !resources.isEmpty { members.append(JSONMember(key: "resources", value: .array(resources))) }
        if !addr.isRoot { members.append(JSONMember(key: "address", value: .string(addr.description))) }
        let children = childModules(addr, byModule)
        if !children.isEmpty {
            members.append(JSONMember(key: "child_modules", value: .array(children.map { module($0, byModule) })))
        }
        return .object(members)
    }

    static func resourceJSON(_ r: ResourceState, _ obj: InstanceObject, providerName: String? = nil) -> JSONValue {
        let mode = r.address.resource.mode.rawValue
        let type = r.address.resource.type
        var m: [JSONMember] = [
            JSONMember(key: "address", value: .string(r.address.instance(obj.key).description)),
            JSONMember(key: "mode", value: .string(mode)),
            JSONMember(key: "type", value: .string(type)),
            JSONMember(key: "name", value: .string(r.address.resource.name)),
        ]
        switch obj.key {
        case .none: break
        case .int(let i): m.append(JSONMember(key: "index", value: .number(i)))
        case .string(let s): m.append(JSONMember(key: "index", value: .string(s)))
        }
        m.append(JSONMember(key: "provider_name", value: .string(providerName ?? ResourceValueHints.providerSource(r.provider))))
        m.append(JSONMember(key: "schema_version", value: .number(String(obj.schemaVersion))))
        let (values, sensitive) = attributeValues(mode: mode, type: type, obj)
        m.append(JSONMember(key: "values", value: values))
        m.append(JSONMember(key: "sensitive_values", value: sensitive))
        if !obj.dependencies.isEmpty {
            m.append(JSONMember(key: "depends_on", value: .array(obj.dependencies.map { .string($0) })))
        }
        if obj.status == .tainted { m.append(JSONMember(key: "tainted", value: .bool(true))) }
        if let d = obj.deposed { m.append(JSONMember(key: "deposed_key", value: .string(d))) }
        return .object(m)
    }

    /// Attribute values with dynamic wrappers removed, keys sorted as Go marshals maps,
    /// and the matching `sensitive_values` tree.
    static func attributeValues(mode: String, type: String, _ obj: InstanceObject) -> (JSONValue, JSONValue) {
        var attrs: [JSONMember] = []
        if let a = obj.attributes?.objectValue {
            for member in a {
                let (v, _) = ResourceValueHints.unwrap(member.value, mode: mode, type: type, attribute: member.key)
                attrs.append(JSONMember(key: member.key, value: sortedKeys(v)))
            }
        } else if let flat = obj.attributesFlat {
            for (k, v) in flat { attrs.append(JSONMember(key: k, value: .string(v))) }
        }
        attrs.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let value = JSONValue.object(attrs)
        let paths = obj.sensitiveAttributes.compactMap { SensitivePath($0) }
        return (value, SensitivePath.sensitiveAsBool(value, paths))
    }

    static func sortedKeys(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let members):
            return .object(members.map { JSONMember(key: $0.key, value: sortedKeys($0.value)) }
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
        case .array(let items): return .array(items.map(sortedKeys))
        default: return v
        }
    }

    /// `module.a[0].output.x` -> ("module.a[0]", "x"); no module part for the root module.
    static func splitModule(_ addr: String, marker: String) -> (String?, String) {
        if addr.hasPrefix(marker) { return (nil, String(addr.dropFirst(marker.count))) }
        guard let r = addr.range(of: "." + marker, options: .backwards) else { return (nil, addr) }
        return (String(addr[..<r.lowerBound]), String(addr[r.upperBound...]))
    }

    /// A checked object's address as terraform's jsonchecks writes it: the display text,
    /// with the module instance and the resource instance key when there are any (keys sorted).
    static func objectAddress(_ addr: String, kind: String) -> JSONValue {
        var m: [JSONMember] = []
        if kind == "resource" {
            if case .instance(let i)? = AddressParser.parseTarget(addr).0 {
                switch i.key {
                case .int(let n): m.append(JSONMember(key: "instance_key", value: .number(n)))
                case .string(let k): m.append(JSONMember(key: "instance_key", value: .string(k)))
                case .none: break
                }
                if !i.module.isRoot { m.append(JSONMember(key: "module", value: .string(i.module.description))) }
            }
        } else if let module = splitModule(addr, marker: kind + ".").0 {
            m.append(JSONMember(key: "module", value: .string(module)))
        }
        m.append(JSONMember(key: "to_display", value: .string(addr)))
        return .object(m)
    }

    static func checksJSON(_ checks: [CheckResult]) -> JSONValue {
        let sorted = checks.sorted { $0.configAddr.utf8.lexicographicallyPrecedes($1.configAddr.utf8) }
        return .array(sorted.map { c in
            var address: [JSONMember] = []
            switch c.objectKind {
            case "check", "output", "var":
                let marker = c.objectKind + "."
                let (module, name) = splitModule(c.configAddr, marker: marker)
                address = [JSONMember(key: "kind", value: .string(c.objectKind == "output" ? "output_value" : c.objectKind)),
                           JSONMember(key: "name", value: .string(name))]
                if let module { address.append(JSONMember(key: "module", value: .string(module))) }
            default:
                if case .resource(let r)? = AddressParser.parseTarget(c.configAddr).0 {
                    address = [JSONMember(key: "kind", value: .string("resource")),
                               JSONMember(key: "mode", value: .string(r.resource.mode.rawValue)),
                               JSONMember(key: "name", value: .string(r.resource.name)),
                               JSONMember(key: "type", value: .string(r.resource.type))]
                    if !r.module.isRoot { address.append(JSONMember(key: "module", value: .string(r.module.description))) }
                }
            }
            address.append(JSONMember(key: "to_display", value: .string(c.configAddr)))
            address.sort { $0.key < $1.key }
            var m: [JSONMember] = [JSONMember(key: "address", value: .object(address)),
                                   JSONMember(key: "status", value: .string(c.status))]
            if !c.objects.isEmpty {
                m.append(JSONMember(key: "instances", value: .array(c.objects.map { o in
                    var instanceAddress = [JSONMember(key: "to_display", value: .string(o.objectAddr))]
                    if c.objectKind == "var", let r = o.objectAddr.range(of: ".var.", options: .backwards) {
                        instanceAddress.insert(JSONMember(key: "module", value: .string(String(o.objectAddr[..<r.lowerBound]))), at: 0)
                    }
                    var im: [JSONMember] = [
                        JSONMember(key: "address", value: objectAddress(o.objectAddr, kind: c.objectKind)),
                        JSONMember(key: "status", value: .string(o.status)),
                    ]
                    if !o.failureMessages.isEmpty {
                        im.append(JSONMember(key: "problems", value: .array(o.failureMessages.map {
                            .object([JSONMember(key: "message", value: .string($0))])
                        })))
                    }
                    return .object(im)
                })))
            }
            return .object(m)
        })
    }
}

/// A `sensitive_attributes` path: attribute names and index keys.
struct SensitivePath {
    enum Step { case attr(String), index(JSONValue) }
    var steps: [Step]

    init?(_ json: JSONValue) {
        guard let list = json.arrayValue else { return nil }
        var steps: [Step] = []
        for s in list {
            switch s["type"]?.stringValue {
            case "get_attr": steps.append(.attr(s["value"]?.stringValue ?? ""))
            case "index":
                let v = s["value"] ?? .null
                steps.append(.index(v["value"] ?? v))
            default: return nil
            }
        }
        self.steps = steps
    }

    init(steps: [Step]) { self.steps = steps }

    func matches(key: String) -> Bool {
        guard let first = steps.first else { return false }
        switch first {
        case .attr(let n): return n == key
        case .index(let v): return v.stringValue == key
        }
    }

    func matches(index: Int) -> Bool {
        guard let first = steps.first, case .index(let v) = first else { return false }
        return v.numberText.flatMap { Int($0) } == index
    }

    var rest: SensitivePath { SensitivePath(steps: Array(steps.dropFirst())) }

    /// terraform's SensitiveAsBool over a JSON value marked at `paths`.
    static func sensitiveAsBool(_ v: JSONValue, _ paths: [SensitivePath]) -> JSONValue {
        if paths.contains(where: { $0.steps.isEmpty }) { return .bool(true) }
        switch v {
        case .array(let items):
            return .array(items.enumerated().map { i, item in
                sensitiveAsBool(item, paths.filter { $0.matches(index: i) }.map(\.rest))
            })
        case .object(let members):
            var out: [JSONMember] = []
            for m in members {
                let s = sensitiveAsBool(m.value, paths.filter { $0.matches(key: m.key) }.map(\.rest))
                if s != .bool(false) { out.append(JSONMember(key: m.key, value: s)) }
            }
            return .object(out)
        default:
            return .bool(false)
        }
    }

    /// Whether the value at `prefix` (attribute/index keys) is itself marked.
    static func isMarked(_ paths: [SensitivePath]) -> Bool {
        paths.contains { $0.steps.isEmpty }
    }
}

import Config
import JSON

/// Writes format version 4 byte for byte as terraform does: its field order,
/// two-space indentation, Go escaping, and its sorting of outputs, resources and instances.
public enum StateFileWriter {
    public static func bytes(_ file: StateFile) -> [UInt8] {
        // The same bytes as JSONWriter(indent: "  ") over `document(file)`, written
        // one resource at a time so a big state is never all decoded at once.
        let writer = JSONWriter(indent: "  ")
        var out: [UInt8] = []
        out.append(contentsOf: "{\n".utf8)
        func member(_ key: String, _ value: JSONValue) {
            out.append(contentsOf: "  ".utf8)
            JSONWriter.appendQuoted(key, into: &out)
            out.append(contentsOf: ": ".utf8)
            writer.write(value, depth: 1, into: &out)
            out.append(contentsOf: ",\n".utf8)
        }
        let head = header(file)
        for m in head { member(m.key, m.value) }
        out.append(contentsOf: "  \"resources\": [".utf8)
        let resources = stableSorted(file.resources, by: ResourceState.writeOrder)
        for (n, r) in resources.enumerated() {
            out.append(contentsOf: (n == 0 ? "\n    " : ",\n    ").utf8)
            writer.write(resourceJSON(r), depth: 2, into: &out)
        }
        if !resources.isEmpty { out.append(contentsOf: "\n  ".utf8) }
        out.append(contentsOf: "],\n  \"check_results\": ".utf8)
        writer.write(checksValue(file), depth: 1, into: &out)
        out.append(contentsOf: "\n}\n".utf8)
        return out
    }

    public static func string(_ file: StateFile) -> String {
        String(decoding: bytes(file), as: UTF8.self)
    }

    /// The members before `resources`, in terraform's order.
    static func header(_ file: StateFile) -> [JSONMember] {
        var outputs: [JSONMember] = []
        for o in file.outputs.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            var members = [JSONMember(key: "value", value: o.value), JSONMember(key: "type", value: o.type)]
            if o.sensitive { members.append(JSONMember(key: "sensitive", value: .bool(true))) }
            outputs.append(JSONMember(key: o.name, value: .object(members)))
        }
        return [
            JSONMember(key: "version", value: .number("4")),
            JSONMember(key: "terraform_version", value: .string(file.terraformVersion)),
            JSONMember(key: "serial", value: .number(String(file.serial))),
            JSONMember(key: "lineage", value: .string(file.lineage)),
            JSONMember(key: "outputs", value: .object(outputs)),
        ]
    }

    static func checksValue(_ file: StateFile) -> JSONValue {
        file.checkResults.map { list in .array(list.map(checkJSON)) } ?? .null
    }

    /// The whole document as one value (what `bytes` writes piece by piece).
    static func document(_ file: StateFile) -> JSONValue {
        // sort.Stable over resources, then over each resource's instances.
        let resources = stableSorted(file.resources, by: ResourceState.writeOrder).map(resourceJSON)
        return .object(header(file) + [
            JSONMember(key: "resources", value: .array(resources)),
            JSONMember(key: "check_results", value: checksValue(file)),
        ])
    }

    static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func resourceJSON(_ r: ResourceState) -> JSONValue {
        var m: [JSONMember] = []
        if !r.address.module.isRoot { m.append(JSONMember(key: "module", value: .string(r.address.module.description))) }
        m.append(JSONMember(key: "mode", value: .string(r.address.resource.mode.rawValue)))
        m.append(JSONMember(key: "type", value: .string(r.address.resource.type)))
        m.append(JSONMember(key: "name", value: .string(r.address.resource.name)))
        m.append(JSONMember(key: "provider", value: .string(r.provider)))
        let instances = stableSorted(r.instances, by: InstanceObject.writeOrder).map(instanceJSON)
        m.append(JSONMember(key: "instances", value: .array(instances)))
        return .object(m)
    }

    static func instanceJSON(_ i: InstanceObject) -> JSONValue {
        var m: [JSONMember] = []
        switch i.key {
        case .none: break
        case .int(let n): m.append(JSONMember(key: "index_key", value: .number(n)))
        case .string(let s): m.append(JSONMember(key: "index_key", value: .string(s)))
        }
        if i.status == .tainted { m.append(JSONMember(key: "status", value: .string("tainted"))) }
        if let d = i.deposed, !d.isEmpty { m.append(JSONMember(key: "deposed", value: .string(d))) }
        m.append(JSONMember(key: "schema_version", value: .number(String(i.schemaVersion))))
        if let attrs = i.attributes {
            m.append(JSONMember(key: "attributes", value: attrs))
        }
        if let flat = i.attributesFlat, !flat.isEmpty {
            let sorted = flat.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            m.append(JSONMember(key: "attributes_flat", value: .object(sorted.map { JSONMember(key: $0.0, value: .string($0.1)) })))
        }
        m.append(JSONMember(key: "sensitive_attributes", value: .array(i.sensitiveAttributes)))
        if let p = i.privateData, !p.isEmpty { m.append(JSONMember(key: "private", value: .string(p))) }
        if !i.dependencies.isEmpty {
            m.append(JSONMember(key: "dependencies", value: .array(i.dependencies.map { .string($0) })))
        }
        if i.createBeforeDestroy { m.append(JSONMember(key: "create_before_destroy", value: .bool(true))) }
        return .object(m)
    }

    public static func checkJSON(_ c: CheckResult) -> JSONValue {
        let objects: JSONValue = c.objects.isEmpty ? .null : .array(c.objects.map { o in
            var m = [JSONMember(key: "object_addr", value: .string(o.objectAddr)),
                     JSONMember(key: "status", value: .string(o.status))]
            if !o.failureMessages.isEmpty {
                m.append(JSONMember(key: "failure_messages", value: .array(o.failureMessages.map { .string($0) })))
            }
            return .object(m)
        })
        return .object([
            JSONMember(key: "object_kind", value: .string(c.objectKind)),
            JSONMember(key: "config_addr", value: .string(c.configAddr)),
            JSONMember(key: "status", value: .string(c.status)),
            JSONMember(key: "objects", value: objects),
        ])
    }
}

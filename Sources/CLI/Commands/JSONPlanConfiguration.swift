import Config
import Engine
import HCL
import JSON
import Values

/// The `configuration` object of terraform's JSON plan (its jsonconfig
/// package): provider configurations, and per module its outputs, resources
/// (with each argument's constant value or references), module calls and
/// variables. Map members are sorted as Go writes maps.
struct JSONPlanConfiguration {
    let registry: ProviderRegistry

    func document(_ tree: ConfigTree) -> JSONValue {
        var providers: [String: JSONValue] = [:]
        collectProviders(tree, moduleAddress: "", into: &providers)
        var members: [JSONMember] = []
        if !providers.isEmpty {
            members.append(JSONMember(key: "provider_config", value: .object(providers.keys.sorted(by: byteOrder).map { JSONMember(key: $0, value: providers[$0]!) })))
        }
        members.append(JSONMember(key: "root_module", value: module(tree, address: "", providers: providers)))
        return .object(members)
    }

    private func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    private func key(_ provider: String, _ moduleAddress: String) -> String {
        moduleAddress.isEmpty ? provider : moduleAddress + ":" + provider
    }

    /// "", "module.a", "module.a.module.b" for "module.a.module.b.module.c": the root and every calling module.
    private func ancestors(_ moduleAddress: String) -> [String] {
        let parts = moduleAddress.components(separatedBy: ".")
        var out = [""]
        var i = 2
        while i < parts.count {
            out.append(parts[0..<i].joined(separator: "."))
            i += 2
        }
        return out
    }

    /// Providers of a module: its required_providers entries and any provider implied by its resources.
    /// Child modules' providers inherited from the parent are not listed again (terraform folds them into the parent's key).
    private func collectProviders(_ tree: ConfigTree, moduleAddress: String, into out: inout [String: JSONValue]) {
        let m = tree.module
        var local: [String: (String, String?)] = [:]
        for (name, req) in m.requiredProviders {
            local[name] = (ProviderRegistry.fullSource(localName: name, declared: req.source), req.version)
        }
        for r in m.resources.values {
            let name = r.providerLocalName
            if local[name] == nil { local[name] = (ProviderRegistry.fullSource(localName: name, declared: nil), nil) }
        }
        for (name, (full, version)) in local {
            // Folded into the nearest ancestor (or the root) that already lists it.
            if !moduleAddress.isEmpty, ancestors(moduleAddress).contains(where: { out[key(name, $0)] != nil }) { continue }
            var members: [JSONMember] = [
                JSONMember(key: "name", value: .string(name)),
                JSONMember(key: "full_name", value: .string(full)),
            ]
            if let version { members.append(JSONMember(key: "version_constraint", value: .string(version))) }
            if !moduleAddress.isEmpty { members.append(JSONMember(key: "module_address", value: .string(moduleAddress))) }
            out[key(name, moduleAddress)] = .object(members)
        }
        for name in tree.children.keys.sorted() {
            guard let child = tree.children[name] else { continue }
            collectProviders(child, moduleAddress: (moduleAddress.isEmpty ? "" : moduleAddress + ".") + "module." + name, into: &out)
        }
    }

    private func module(_ tree: ConfigTree, address: String, providers: [String: JSONValue]) -> JSONValue {
        let m = tree.module
        var members: [JSONMember] = []
        if !m.outputs.isEmpty {
            members.append(JSONMember(key: "outputs", value: .object(m.outputs.keys.sorted(by: byteOrder).map { name in
                let o = m.outputs[name]!
                var om: [JSONMember] = []
                if o.sensitive { om.append(JSONMember(key: "sensitive", value: .bool(true))) }
                om.append(JSONMember(key: "expression", value: expression(o.expression)))
                if !o.dependsOn.isEmpty { om.append(JSONMember(key: "depends_on", value: .array(o.dependsOn.map { .string(subjectText($0)) }))) }
                if let d = o.description, !d.isEmpty { om.append(JSONMember(key: "description", value: .string(d))) }
                return JSONMember(key: name, value: .object(om))
            })))
        }
        let resources = m.resources.values.filter { $0.mode == .managed || $0.mode == .data }
        var rs: [(String, JSONValue)] = []
        for r in resources {
            let addr = (r.mode == .data ? "data." : "") + r.type + "." + r.name
            var rm: [JSONMember] = [
                JSONMember(key: "address", value: .string(addr)),
                JSONMember(key: "mode", value: .string(r.mode == .data ? "data" : "managed")),
                JSONMember(key: "type", value: .string(r.type)),
                JSONMember(key: "name", value: .string(r.name)),
            ]
            let providerName = r.provider?.description ?? r.providerLocalName
            // Keyed by the module that lists the configuration: this one, or the nearest caller (the root's key is bare).
            let owner = ([address] + ancestors(address).reversed()).first { providers[key(providerName, $0)] != nil } ?? ""
            rm.append(JSONMember(key: "provider_config_key", value: .string(key(providerName, owner))))
            let source = ProviderRegistry.fullSource(localName: r.providerLocalName, declared: m.requiredProviders[r.providerLocalName]?.source)
            let schema = registry.provider(for: source)?.schema()
            let rschema = r.mode == .data ? schema?.dataSources[r.type] : schema?.resources[r.type]
            if let rschema {
                rm.append(JSONMember(key: "expressions", value: expressions(r.config, rschema.block)))
            }
            rm.append(JSONMember(key: "schema_version", value: .number(String(rschema?.version ?? 0))))
            let count = expression(r.count)
            if !isEmpty(count) {
                rm.append(JSONMember(key: "count_expression", value: count))
            } else {
                let fe = expression(r.forEach)
                if !isEmpty(fe) { rm.append(JSONMember(key: "for_each_expression", value: fe)) }
            }
            if !r.dependsOn.isEmpty { rm.append(JSONMember(key: "depends_on", value: .array(r.dependsOn.map { .string(subjectText($0)) }))) }
            rs.append((addr, .object(rm)))
        }
        if !rs.isEmpty {
            members.append(JSONMember(key: "resources", value: .array(rs.sorted { a, b in
                // terraform lists managed resources, then data resources, each sorted by address.
                let da = a.0.hasPrefix("data."), db = b.0.hasPrefix("data.")
                return da != db ? db : byteOrder(a.0, b.0)
            }.map(\.1))))
        }
        if !m.moduleCalls.isEmpty {
            members.append(JSONMember(key: "module_calls", value: .object(m.moduleCalls.keys.sorted(by: byteOrder).map { name in
                let call = m.moduleCalls[name]!
                guard let child = tree.children[name] else { return JSONMember(key: name, value: .object([])) }
                var cm: [JSONMember] = []
                if let s = call.source { cm.append(JSONMember(key: "source", value: .string(s))) }
                var args: [JSONMember] = []
                for a in call.inputs where child.module.variables[a.name] != nil {
                    args.append(JSONMember(key: a.name, value: expression(a.expression)))
                }
                if !args.isEmpty { cm.append(JSONMember(key: "expressions", value: .object(args.sorted { byteOrder($0.key, $1.key) }))) }
                let count = expression(call.count)
                if !isEmpty(count) {
                    cm.append(JSONMember(key: "count_expression", value: count))
                } else {
                    let fe = expression(call.forEach)
                    if !isEmpty(fe) { cm.append(JSONMember(key: "for_each_expression", value: fe)) }
                }
                let childAddress = (address.isEmpty ? "" : address + ".") + "module." + name
                cm.append(JSONMember(key: "module", value: module(child, address: childAddress, providers: providers)))
                if let v = call.version { cm.append(JSONMember(key: "version_constraint", value: .string(v))) }
                if !call.dependsOn.isEmpty { cm.append(JSONMember(key: "depends_on", value: .array(call.dependsOn.map { .string(subjectText($0)) }))) }
                return JSONMember(key: name, value: .object(cm))
            })))
        }
        if !m.variables.isEmpty {
            members.append(JSONMember(key: "variables", value: .object(m.variables.keys.sorted(by: byteOrder).map { name in
                let v = m.variables[name]!
                var vm: [JSONMember] = []
                if let d = v.defaultExpression {
                    let (value, diags) = Evaluator.evaluate(d, in: .constantsOnly)
                    if !diags.hasErrors && value.isWhollyKnown { vm.append(JSONMember(key: "default", value: PlanJSONValues.plain(value))) }
                }
                if let d = v.description, !d.isEmpty { vm.append(JSONMember(key: "description", value: .string(d))) }
                if v.sensitive { vm.append(JSONMember(key: "sensitive", value: .bool(true))) }
                return JSONMember(key: name, value: .object(vm))
            })))
        }
        return .object(members)
    }

    private func isEmpty(_ j: JSONValue) -> Bool { j.objectValue?.isEmpty ?? false }

    /// Arguments the schema knows, and nested blocks as lists of argument maps.
    func expressions(_ body: Body, _ schema: SchemaBlock) -> JSONValue {
        var out: [String: JSONValue] = [:]
        for a in body.attributes where schema.attributes[a.name] != nil {
            out[a.name] = expression(a.expression)
        }
        for b in body.blocks {
            guard let nested = schema.blocks[b.type] else { continue }
            let inner = expressions(b.body, nested.block)
            switch nested.nesting {
            case .single: out[b.type] = inner
            case .list, .set:
                var items = out[b.type]?.arrayValue ?? []
                items.append(inner)
                out[b.type] = .array(items)
            }
        }
        return .object(out.keys.sorted(by: byteOrder).map { JSONMember(key: $0, value: out[$0]!) })
    }

    /// `{"constant_value": ...}` when the expression needs no context, `{"references": [...]}` when it refers to objects.
    func expression(_ e: Expression?) -> JSONValue {
        guard let e else { return .object([]) }
        var members: [JSONMember] = []
        let (v, diags) = Evaluator.evaluate(e, in: .constantsOnly)
        if !diags.hasErrors && v.isWhollyKnown {
            members.append(JSONMember(key: "constant_value", value: PlanJSONValues.plain(v)))
        }
        let refs = references(e)
        if !refs.isEmpty { members.append(JSONMember(key: "references", value: .array(refs.map { .string($0) }))) }
        return .object(members)
    }

    /// terraform's reference list: each reference with its trailing steps dropped one at a time, then the object itself.
    func references(_ e: Expression) -> [String] {
        var out: [String] = []
        for t in ReferenceParser.traversals(in: e) {
            guard let parts = ReferenceText.split(t) else { continue }
            var remaining = parts.remaining
            while !remaining.isEmpty {
                out.append(parts.subject + ReferenceText.steps(remaining))
                remaining.removeLast()
            }
            out.append(parts.subject)
            if let container = parts.container { out.append(container) }
        }
        return out
    }

    private func subjectText(_ t: Traversal) -> String {
        ReferenceText.split(t)?.subject ?? t.rootName
    }
}

/// How terraform prints a reference: the subject (`var.x`, `aws_instance.a[0]`,
/// `module.m.out`) and the steps after it.
enum ReferenceText {
    struct Parts {
        var subject: String
        var remaining: [TraversalStep]
        /// The resource or module call of an instance subject (`aws_instance.a` of `aws_instance.a[0]`).
        var container: String?
    }

    static func split(_ t: Traversal) -> Parts? {
        let (parsed, _) = ReferenceParser.parse(t)
        guard let ref = parsed else { return nil }
        let consumed = t.steps.count - ref.remaining.count
        let subjectSteps = Array(t.steps.prefix(consumed))
        let subject = t.rootName + steps(subjectSteps)
        var container: String?
        switch ref.subject {
        case .resource(_, _, _, let hasKey) where hasKey:
            container = t.rootName + steps(Array(subjectSteps.dropLast()))
        case .moduleOutput:
            // The call instance, key included: `module.c[0]` of `module.c[0].o`.
            container = t.rootName + steps(Array(subjectSteps.dropLast()))
        case .moduleCall(let call) where subjectSteps.count > 1:
            container = "module." + call
        default: break
        }
        return Parts(subject: subject, remaining: ref.remaining, container: container)
    }

    static func steps(_ steps: [TraversalStep]) -> String {
        var s = ""
        for step in steps {
            switch step.kind {
            case .attribute(let n): s += "." + n
            case .index(let lit):
                switch lit {
                case .string(let k): s += "[" + GoQuote.quote(k) + "]"
                case .number(let n): s += "[" + n + "]"
                case .bool(let b): s += "[" + (b ? "true" : "false") + "]"
                case .null, .unknown: s += "[]"
                }
            }
        }
        return s
    }
}

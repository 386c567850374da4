import Config
import HCL
import Values

/// The values expressions of one module can see while the walk goes on:
/// input variables, locals, and each resource's value (an object, a tuple for
/// `count`, an object keyed by `for_each` key) built once when the resource is
/// done, so referring to an instance costs one dictionary lookup.
final class EvaluationScope {
    private(set) var variables: [String: Value] = [:]
    private(set) var locals: [String: Value] = [:]
    /// Resource type -> resource name -> aggregate value; data sources under the `data` root.
    private var managed: [String: [String: Value]] = [:]
    private var data: [String: [String: Value]] = [:]
    private let path: Value
    private let terraform: Value
    private var cached: EvalContext?
    let baseDirectory: String

    /// Module call name -> how it expanded, and each instance's outputs so far.
    private var calls: [String: (expansion: Expansion, outputs: [InstanceKey: [String: Value]])] = [:]

    init(rootDirectory: String, workingDirectory: String, workspace: String, modulePath: String = ".") {
        baseDirectory = rootDirectory
        path = .object(["module": .string(modulePath), "root": .string("."), "cwd": .string(workingDirectory)])
        terraform = .object(["workspace": .string(workspace)])
    }

    private var moduleValues: [String: Value] = [:]

    func setModuleExpansion(_ call: String, _ e: Expansion) {
        calls[call] = (e, calls[call]?.outputs ?? [:])
        moduleValues[call] = nil
        cached = nil
    }

    func setModuleOutput(_ call: String, key: InstanceKey, name: String, _ v: Value) {
        calls[call, default: (.unknown, [:])].outputs[key, default: [:]][name] = v
        moduleValues[call] = nil
        cached = nil
    }

    /// The value `module.NAME` has: an object of outputs per instance, shaped by the expansion.
    private func moduleValue(_ call: String) -> Value {
        guard let c = calls[call] else { return .dynamicUnknown }
        var values: [InstanceKey: Value] = [:]
        for (k, outs) in c.outputs { values[k] = .object(outs) }
        switch c.expansion {
        case .single: return values[.none] ?? .object([:])
        case .count(let n):
            return .tuple((0..<n).map { values[.int($0)] ?? .object([:]) })
        case .forEach(let entries):
            var out: [String: Value] = [:]
            for (k, _) in entries { out[k] = values[.string(k)] ?? .object([:]) }
            return .object(out)
        case .unknown: return .dynamicUnknown
        }
    }

    func setVariable(_ name: String, _ v: Value) { variables[name] = v; cached = nil }
    func setLocal(_ name: String, _ v: Value) { locals[name] = v; cached = nil }

    func setResource(_ decl: ResourceDecl, _ v: Value) {
        switch decl.mode {
        case .managed: managed[decl.type, default: [:]][decl.name] = v
        case .data: data[decl.type, default: [:]][decl.name] = v
        case .ephemeral: break
        }
        cached = nil
    }

    /// The context for one resource instance (or none) with `count`/`each` bound.
    func context(count: Int? = nil, each: (key: String, value: Value)? = nil) -> EvalContext {
        var base: EvalContext
        if let c = cached {
            base = c
        } else {
            var vars: [String: Value] = [
                "var": .object(variables), "local": .object(locals), "path": path, "terraform": terraform,
            ]
            for (type, byName) in managed { vars[type] = .object(byName) }
            var dataTypes: [String: Value] = [:]
            for (type, byName) in data { dataTypes[type] = .object(byName) }
            vars["data"] = .object(dataTypes)
            if !calls.isEmpty {
                var modules: [String: Value] = [:]
                for name in calls.keys {
                    if let v = moduleValues[name] {
                        modules[name] = v
                    } else {
                        let v = moduleValue(name)
                        moduleValues[name] = v
                        modules[name] = v
                    }
                }
                vars["module"] = .object(modules)
            }
            base = EvalContext(variables: vars, baseDirectory: baseDirectory)
            cached = base
        }
        if let count { base.variables["count"] = .object(["index": .int(count)]) }
        if let each { base.variables["each"] = .object(["key": .string(each.key), "value": each.value]) }
        return base
    }

    /// Aggregates instance values the way references see a whole resource.
    static func aggregate(_ expansion: Expansion, _ values: [InstanceKey: Value]) -> Value {
        switch expansion {
        case .single:
            return values[.none] ?? .dynamicUnknown
        case .count(let n):
            var items: [Value] = []
            items.reserveCapacity(n)
            for i in 0..<n { items.append(values[.int(i)] ?? .dynamicUnknown) }
            return .tuple(items)
        case .forEach(let entries):
            var out: [String: Value] = [:]
            out.reserveCapacity(entries.count)
            for (k, _) in entries { out[k] = values[.string(k)] ?? .dynamicUnknown }
            return .object(out)
        case .unknown:
            return .dynamicUnknown
        }
    }
}

/// How a resource block expands into instances.
enum Expansion {
    case single
    case count(Int)
    /// Keys in byte order, with the `each.value` of each.
    case forEach([(String, Value)])
    /// `count`/`for_each` not known during planning.
    case unknown

    var keys: [InstanceKey] {
        switch self {
        case .single: return [.none]
        case .count(let n): return (0..<n).map { .int($0) }
        case .forEach(let entries): return entries.map { .string($0.0) }
        case .unknown: return []
        }
    }
}

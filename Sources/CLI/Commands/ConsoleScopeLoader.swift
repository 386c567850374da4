import Config
import Engine
import Foundation
import HCL
import JSON
import State
import Values

/// Builds what `console` can refer to in a configuration directory, the way
/// terraform's eval walk does: input variables, locals and module outputs
/// evaluated from the configuration, and resources and data sources read from
/// the state (never refreshed). A resource declared but absent from the state
/// is unknown; one in the state but not declared cannot be referenced.
final class ConsoleScopeLoader {
    let root: ConfigTree
    let rootDirectory: String
    let state: StateFile?
    let workspace: String
    let registry: ProviderRegistry
    private var schemas: [String: ProviderSchemaResponse?] = [:]
    var diagnostics = Diagnostics()
    /// With `console -plan`: every resource instance's planned new value
    /// (unknown where only apply will tell), read instead of the state.
    var planned: [AbsResource: [InstanceKey: Value]]?

    init(root: ConfigTree, rootDirectory: String, state: StateFile?, workspace: String, registry: ProviderRegistry) {
        self.root = root
        self.rootDirectory = rootDirectory
        self.state = state
        self.workspace = workspace
        self.registry = registry
    }

    /// The scope of module `node` at instance `instance` with its input variables set.
    func scope(_ node: ConfigTree, instance: ModuleInstance, variables: [String: Value]) -> TerraformScope {
        let module = node.module
        var scope = TerraformScope()
        scope.inputVariables = variables
        scope.pathModule = module.directory
        scope.pathRoot = "."
        scope.pathCwd = rootDirectory
        scope.fileBaseDirectory = module.directory == "." ? rootDirectory : rootDirectory + "/" + module.directory
        scope.workspace = workspace
        scope.modulePath = node.path
        scope.declaredProviders = Set(module.requiredProviders.keys)
        for decl in module.resources.values {
            let schema = configSchema(decl, module: module)
            let expansion: TerraformScope.ResourceShape.Expansion = decl.count != nil ? .count : (decl.forEach != nil ? .forEach : .single)
            scope.resourceShapes[(decl.mode == .data ? "data." : "") + decl.type + "." + decl.name] =
                TerraformScope.ResourceShape(expansion: expansion, attributes: schema?.block.attributes.mapValues(\.type),
                                             blocks: Set(schema?.block.blocks.keys.map { $0 } ?? []))
            let value = resourceValue(decl, module: module, instance: instance)
            switch decl.mode {
            case .managed: scope.resources[decl.type, default: [:]][decl.name] = value
            case .data: scope.dataResources[decl.type, default: [:]][decl.name] = value
            case .ephemeral: break
            }
        }
        evaluateLocalsAndModules(node, instance: instance, &scope)
        return scope
    }

    // MARK: Locals and module calls

    /// Locals and module calls can refer to each other, so they are evaluated
    /// in dependency order; members of a cycle stay unknown (terraform would
    /// refuse the configuration, which `validate` reports).
    private func evaluateLocalsAndModules(_ node: ConfigTree, instance: ModuleInstance, _ scope: inout TerraformScope) {
        let module = node.module
        var pending: [String: Set<String>] = [:]
        for (name, decl) in module.locals {
            pending["local." + name] = TerraformScope.scopeDependencies([decl.expression])
        }
        for (name, call) in module.moduleCalls {
            let exprs = call.inputs.map(\.expression) + [call.count, call.forEach].compactMap { $0 }
            pending["module." + name] = TerraformScope.scopeDependencies(exprs)
        }
        // Placeholders let reference checks pass while dependencies are evaluated.
        for name in module.locals.keys { scope.locals[name] = .dynamicUnknown }
        for name in module.moduleCalls.keys { scope.moduleCalls[name] = .dynamicUnknown }
        while !pending.isEmpty {
            let ready = pending.filter { $0.value.allSatisfy { pending[$0] == nil } }.keys.sorted()
            if ready.isEmpty { break }
            for item in ready {
                pending[item] = nil
                if item.hasPrefix("local.") {
                    let name = String(item.dropFirst(6))
                    guard let decl = module.locals[name] else { continue }
                    scope.locals[name] = checkedValue(decl.expression, in: scope)
                } else {
                    let name = String(item.dropFirst(7))
                    guard let call = module.moduleCalls[name] else { continue }
                    scope.moduleCalls[name] = moduleValue(call, child: node.children[name], instance: instance, parent: scope)
                }
            }
        }
    }

    /// The expression's value after terraform's static reference checks, which
    /// name the module an undeclared thing is missing from; unknown when they fail.
    private func checkedValue(_ expr: HCL.Expression, in scope: TerraformScope) -> Value {
        let refDiags = scope.checkReferences(expr)
        if refDiags.hasErrors {
            diagnostics += refDiags
            return .dynamicUnknown
        }
        let (v, d) = scope.evaluate(expr)
        diagnostics += d
        return v
    }

    /// A module call's value: an object of its outputs, a tuple of them for
    /// `count`, an object keyed like `for_each`.
    private func moduleValue(_ call: ModuleCallDecl, child: ConfigTree?, instance: ModuleInstance, parent: TerraformScope) -> Value {
        guard let child else { return .dynamicUnknown }
        if let countExpr = call.count {
            let (v, d) = parent.evaluate(countExpr)
            diagnostics += d
            guard v.isKnown, !v.isNull, case .number(let n) = v.content, let count = n.intValue, count >= 0, count <= 10_000 else {
                return .dynamicUnknown
            }
            return .tuple((0..<count).map {
                moduleInstance(call, child, instance.child(call.name, .int($0)), parent, extra: ["count": .object(["index": .int($0)])])
            })
        }
        if let forEachExpr = call.forEach {
            let (v, d) = parent.evaluate(forEachExpr)
            diagnostics += d
            guard v.isKnown, !v.isNull else { return .dynamicUnknown }
            var entries: [(String, Value)] = []
            switch v.content {
            case .attributes(let a): entries = a.map { ($0.key, $0.value) }
            case .elements(let e) where v.type.isSet:
                for x in e { if case .string(let s) = x.content { entries.append((s, x)) } }
            default: return .dynamicUnknown
            }
            var out: [String: Value] = [:]
            for (k, ev) in entries {
                out[k] = moduleInstance(call, child, instance.child(call.name, .string(k)), parent,
                                        extra: ["each": .object(["key": .string(k), "value": ev])])
            }
            return .object(out)
        }
        return moduleInstance(call, child, instance.child(call.name), parent, extra: [:])
    }

    private func moduleInstance(_ call: ModuleCallDecl, _ child: ConfigTree, _ instance: ModuleInstance,
                                _ parent: TerraformScope, extra: [String: Value]) -> Value {
        var given: [String: Value] = [:]
        for input in call.inputs {
            let (v, d) = parent.evaluate(input.expression, extra: extra)
            diagnostics += d
            given[input.name] = v
        }
        var variables: [String: Value] = [:]
        for (name, decl) in child.module.variables {
            var type = ValueType.dynamic
            var defaults: TypeDefaults?
            if let t = decl.typeExpression {
                let (ty, df, _) = TypeConstraint.parse(t)
                type = ty
                defaults = df
            }
            var value: Value
            if let g = given[name], !(g.isNull && !decl.nullable) {
                value = g
            } else if let dflt = decl.defaultExpression {
                value = Evaluator.evaluate(dflt, in: .constantsOnly).0
            } else {
                value = .unknown(type)
            }
            value = (try? TypeConstraint.convert(value, to: type, defaults: value.isNull ? nil : defaults)) ?? .unknown(type)
            variables[name] = decl.sensitive ? value.marked(.sensitive) : value
        }
        let scope = self.scope(child, instance: instance, variables: variables)
        var outputs: [String: Value] = [:]
        // In source order, as terraform reports their problems.
        let ordered = child.module.outputs.sorted {
            ($0.value.declRange.filename, $0.value.declRange.start.byte) < ($1.value.declRange.filename, $1.value.declRange.start.byte)
        }
        for (name, output) in ordered {
            guard let expr = output.expression else { continue }
            let v = checkedValue(expr, in: scope)
            outputs[name] = output.sensitive ? v.marked(.sensitive) : v
        }
        return .object(outputs)
    }

    // MARK: Resources from state

    private func resourceValue(_ decl: ResourceDecl, module: ConfigModule, instance: ModuleInstance) -> Value {
        let mode: ResourceMode = decl.mode == .data ? .data : .managed
        let addr = AbsResource(module: instance, resource: Resource(mode: mode, type: decl.type, name: decl.name))
        let type = configSchema(decl, module: module)?.block.impliedType ?? .dynamic
        var instances: [InstanceKey: Value] = [:]
        if let planned {
            guard let found = planned[addr], !found.isEmpty else { return .dynamicUnknown }
            instances = found
        } else {
            guard let rs = state?.resource(addr) else { return .dynamicUnknown }
            let source = ResourceValueHints.providerSource(rs.provider)
            for obj in rs.instances where obj.deposed == nil {
                instances[obj.key] = decode(obj, type: decl.type, source: source, data: mode == .data, address: addr.instance(obj.key))
            }
        }
        if decl.count != nil {
            let length = (instances.keys.compactMap { if case .int(let i) = $0 { return i } else { return nil } }.max() ?? -1) + 1
            return .tuple((0..<length).map { instances[.int($0)] ?? .unknown(type) })
        }
        if decl.forEach != nil {
            var out: [String: Value] = [:]
            for (k, v) in instances { if case .string(let s) = k { out[s] = v } }
            return .object(out)
        }
        return instances[.none] ?? .unknown(type)
    }

    private func configSchema(_ decl: ResourceDecl, module: ConfigModule) -> ResourceSchema? {
        let declaredSource = module.requiredProviders[decl.providerLocalName]?.source
        let source = ProviderRegistry.fullSource(localName: decl.providerLocalName, declared: declaredSource)
        return resourceSchema(source: source, decl.type, data: decl.mode == .data)
    }

    private func decode(_ obj: InstanceObject, type: String, source: String, data: Bool, address: AbsResourceInstance) -> Value {
        let raw = obj.attributes ?? .object([])
        var value: Value
        if !data, let provider = provider(source), provider.schema().resources[type] != nil {
            let (v, pds) = provider.upgradeResourceState(typeName: type, version: obj.schemaVersion, rawState: raw)
            if pds.hasErrors {
                for p in pds where p.isError {
                    diagnostics += .error("Invalid resource instance data in state",
                                          "Instance \(address) data could not be decoded from the state: \(p.detail.isEmpty ? p.summary : p.detail).")
                }
                return .dynamicUnknown
            }
            value = v
        } else if let schema = resourceSchema(source: source, type, data: data) {
            switch StateValueCodec.decode(raw, as: schema.block) {
            case .success(let v): value = v
            case .failure(let e):
                diagnostics += .error("Invalid resource instance data in state",
                                      "Instance \(address) data could not be decoded from the state: \(e.message).")
                return .dynamicUnknown
            }
        } else {
            // No schema in this build: the stored JSON as jsondecode would read it.
            value = Value.fromJSON(raw)
        }
        return StateValueCodec.markSensitive(value, paths: obj.sensitiveAttributes)
    }

    private func provider(_ source: String) -> Provider? { registry.provider(for: source) }

    private func resourceSchema(source: String, _ type: String, data: Bool) -> ResourceSchema? {
        if schemas[source] == nil { schemas[source] = .some(provider(source)?.schema()) }
        guard let s = schemas[source] ?? nil else { return nil }
        return data ? s.dataSources[type] : s.resources[type]
    }
}

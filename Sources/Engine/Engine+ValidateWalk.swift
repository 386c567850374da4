import Config
import HCL
import Values

/// terraform's validate walk, which `plan` and `apply` run before planning:
/// every module once (not per instance), root variables unknown, `count` and
/// `each` unknown, resources and module outputs unknown. What fails here is
/// reported on its own, without "Planning failed": expressions that fail
/// whatever the inputs, arguments of the wrong type, invalid `count` and
/// `for_each` values. Nodes downstream of a failure are skipped; every other
/// node is still visited, so all such errors are reported at once.
extension Engine {
    public func validateWalk() -> Diagnostics {
        var diags = Diagnostics()
        let (g, gdiags) = ConfigGraph.build(tree)
        diags += gdiags
        if gdiags.hasErrors { return diags }
        var scopes: [[String]: EvaluationScope] = [[]: makeScope(tree)]
        var failed = Set<ConfigGraph.Node>()
        var variableTypes: [[String]: [String: (ValueType, TypeDefaults?, Value?)]] = [:]
        let unknownCount: Value = .object(["index": .unknown(.number)])
        let unknownEach: Value = .object(["key": .unknown(.string), "value": .dynamicUnknown])

        /// The context of a block with `count` or `for_each`: those unknown.
        func context(_ scope: EvaluationScope, count: Expression?, forEach: Expression?) -> EvalContext {
            var ctx = scope.context()
            if count != nil { ctx.variables["count"] = unknownCount }
            if forEach != nil { ctx.variables["each"] = unknownEach }
            return ctx
        }

        for node in g.order {
            if (g.dependencies[node] ?? []).contains(where: failed.contains) {
                failed.insert(node)
                continue
            }
            let path = node.module
            guard let config = trees[path], let scope = scopes[path] else { continue }
            let before = diags.errorCount
            switch node.kind {
            case .variable(let name):
                guard let decl = config.module.variables[name] else { continue }
                // (type errors are the static checks' to report)
                var typeDiags = Diagnostics()
                let (type, defaults, defaultValue) = variableType(decl, cache: &variableTypes[path, default: [:]], &typeDiags)
                var value = Value.unknown(type)
                var valueRange = decl.declRange
                if let parent = config.parent, let parentScope = scopes[parent.path],
                   let call = parent.module.moduleCalls[path[path.count - 1]] {
                    if let input = call.inputs.first(where: { $0.name == name }) {
                        valueRange = input.expression.range
                        let (raw, ds) = Evaluator.evaluate(input.expression, in: context(parentScope, count: call.count, forEach: call.forEach))
                        diags += ds
                        do {
                            value = try TypeConstraint.convert(raw, to: type, defaults: raw.isNull ? nil : defaults)
                        } catch {
                            if !ds.hasErrors {
                                let addr = path.map { "module.\($0)." }.joined() + "var.\(name)"
                                diags += .error("Invalid value for input variable",
                                                "The given value is not suitable for \(addr) declared at \(rangeText(decl.declRange)): \(error).",
                                                subject: input.expression.range)
                            }
                        }
                    } else if let defaultValue {
                        value = defaultValue
                    }
                }
                scope.setVariable(name, decl.sensitive ? value.marked(.sensitive) : value)
                if !decl.validations.isEmpty {
                    let objectAddr = path.map { "module.\($0)." }.joined() + "var.\(name)"
                    var validationDiags = Diagnostics()
                    let saved = checkRecords
                    validateVariable(decl, valueRange: valueRange, scope: scope, configAddr: objectAddr, objectAddr: objectAddr, &validationDiags)
                    checkRecords = saved
                    diags += validationDiags
                }
            case .local(let name):
                guard let decl = config.module.locals[name] else { continue }
                let (v, ds) = Evaluator.evaluate(decl.expression, in: scope.context())
                diags += ds
                scope.setLocal(name, v)
            case .output(let name):
                guard let decl = config.module.outputs[name], let e = decl.expression else { continue }
                let (_, ds) = Evaluator.evaluate(e, in: scope.context())
                diags += ds
            case .moduleCall(let name):
                guard let call = config.module.moduleCalls[name], let child = config.children[name] else { continue }
                diags += expansionProblems(count: call.count, forEach: call.forEach, scope.context())
                scope.setModuleExpansion(name, .unknown)
                scopes[path + [name]] = makeScope(child)
            case .resource(let addr):
                guard let decl = config.module.resources[addr] else { continue }
                let eds = expansionProblems(count: decl.count, forEach: decl.forEach, scope.context())
                diags += eds
                if !eds.hasErrors, decl.mode != .ephemeral {
                    let source = providerSource(localName: decl.providerLocalName, in: config.module)
                    var providerDiags = Diagnostics()
                    if let (p, schema) = provider(source: source, subject: decl.typeRange, &providerDiags),
                       let block = (decl.mode == .data ? schema.dataSources[decl.type] : schema.resources[decl.type])?.block {
                        let (value, ds) = ConfigDecoding.decode(decl.config, block, context(scope, count: decl.count, forEach: decl.forEach))
                        diags += ds
                        if !ds.hasErrors {
                            let plain = value.unmarkedDeep().0
                            let problems = decl.mode == .data ? p.validateDataResourceConfig(typeName: decl.type, config: plain)
                                : p.validateResourceConfig(typeName: decl.type, config: plain)
                            diags += convert(problems, subject: decl.declRange, body: decl.config,
                                             address: path.map { "module.\($0)." }.joined() + decl.address)
                        }
                    }
                }
                scope.setResource(decl, .dynamicUnknown)
            }
            if diags.errorCount > before { failed.insert(node) }
        }
        return diags
    }

    /// What is wrong with `count` / `for_each` whatever the walk will know:
    /// a value not known yet is fine here (the plan decides about it).
    private func expansionProblems(count: Expression?, forEach: Expression?, _ ctx: EvalContext) -> Diagnostics {
        guard let expr = count ?? forEach else { return Diagnostics() }
        let (v, ds) = Evaluator.evaluate(expr, in: ctx)
        if ds.hasErrors || !v.unmarkedDeep().0.isWhollyKnown { return ds }
        return ConfigDecoding.expansion(count: count, forEach: forEach, ctx).1
    }
}

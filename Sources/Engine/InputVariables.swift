import Config
import Foundation
import HCL
import Values

/// Where a root module's input variables get their values, in terraform's
/// precedence: defaults, `TF_VAR_` environment, `terraform.tfvars`,
/// `*.auto.tfvars` (sorted), then `-var` and `-var-file` in command-line order.
public struct InputVariables {
    public enum CommandLineItem: Sendable {
        case variable(name: String, raw: String)
        case file(String)
    }

    public var environment: [String: String]
    public var commandLine: [CommandLineItem]

    public init(environment: [String: String] = [:], commandLine: [CommandLineItem] = []) {
        self.environment = environment
        self.commandLine = commandLine
    }

    /// Final values of every declared variable, converted to its type.
    public func resolve(_ module: ConfigModule, rootDirectory: String, sources: inout SourceFiles) -> ([String: Value], Diagnostics) {
        var diags = Diagnostics()
        var raw: [String: Value] = [:]
        var types: [String: (ValueType, TypeDefaults?)] = [:]
        for (name, decl) in module.variables {
            if let te = decl.typeExpression {
                let (t, d, ds) = TypeConstraint.parse(te)
                diags += ds
                types[name] = (t, d)
            } else {
                types[name] = (.dynamic, nil)
            }
        }
        func literalOrHCL(_ name: String, _ text: String, _ label: String) -> Value? {
            let t = types[name]?.0 ?? .dynamic
            if t.isPrimitive || t == .dynamic && !(text.hasPrefix("[") || text.hasPrefix("{")) { return .string(text) }
            let (expr, ds) = Parser.parseExpression(Array(text.utf8), filename: label)
            if ds.hasErrors { diags += ds; return nil }
            let (v, eds) = Evaluator.evaluate(expr, in: EvalContext())
            diags += eds
            return v
        }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where key.hasPrefix("TF_VAR_") {
            let name = String(key.dropFirst("TF_VAR_".count))
            guard module.variables[name] != nil else { continue }
            if let v = literalOrHCL(name, value, "<value for var.\(name)>") { raw[name] = v }
        }
        func loadFile(_ path: String, display: String, required: Bool) {
            guard let data = FileManager.default.contents(atPath: path) else {
                if required {
                    diags += .error("Failed to read variables file", "Given variables file \(display) does not exist.")
                }
                return
            }
            let bytes = Array(data)
            sources[display] = SourceFiles.Entry(bytes: bytes)
            let (file, ds) = Parser.parseFile(bytes, filename: display)
            diags += ds
            if ds.hasErrors { return }
            for a in file.body.attributes {
                let (v, eds) = Evaluator.evaluate(a.expression, in: EvalContext())
                diags += eds
                if module.variables[a.name] == nil {
                    diags += .warning("Value for undeclared variable", "The root module does not declare a variable named \"\(a.name)\" but a value was found in file \"\(display)\". If you meant to use this value, add a \"variable\" block to the configuration.\n\nTo silence these warnings, use TF_VAR_... environment variables to provide certain \"global\" settings to all configurations in your organization. To reduce the verbosity of these warnings, use the -compact-warnings option.", subject: a.nameRange)
                    continue
                }
                raw[a.name] = v
            }
        }
        loadFile(rootDirectory + "/terraform.tfvars", display: "terraform.tfvars", required: false)
        let autos = ((try? FileManager.default.contentsOfDirectory(atPath: rootDirectory)) ?? [])
            .filter { $0.hasSuffix(".auto.tfvars") }.sorted()
        for f in autos { loadFile(rootDirectory + "/" + f, display: f, required: false) }
        for item in commandLine {
            switch item {
            case .variable(let name, let text):
                guard module.variables[name] != nil else {
                    diags += .error("Value for undeclared variable", "A variable named \"\(name)\" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a \"variable\" block to the configuration.")
                    continue
                }
                if let v = literalOrHCL(name, text, "<value for var.\(name)>") { raw[name] = v }
            case .file(let path):
                let full = path.hasPrefix("/") ? path : rootDirectory + "/" + path
                loadFile(full, display: path, required: true)
            }
        }
        var out: [String: Value] = [:]
        for name in module.variables.keys.sorted() {
            guard let decl = module.variables[name] else { continue }
            let (type, defaults) = types[name] ?? (.dynamic, nil)
            var value: Value
            if let given = raw[name] {
                value = given
            } else if let d = decl.defaultExpression {
                let (v, ds) = Evaluator.evaluate(d, in: EvalContext())
                diags += ds
                value = v
            } else {
                diags += .error("No value for required variable", "The root module input variable \"\(name)\" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.", subject: decl.declRange)
                continue
            }
            if value.isNull && !decl.nullable, let d = decl.defaultExpression {
                value = Evaluator.evaluate(d, in: EvalContext()).0
            }
            if !value.isNull || type != .dynamic {
                do {
                    value = try TypeConstraint.convert(value, to: type, defaults: defaults)
                } catch {
                    diags += .error("Invalid value for input variable", "The given value is not suitable for var.\(name) declared at \(decl.declRange.filename):\(decl.declRange.start.line),1-\(decl.declRange.start.column + 9 + name.count + 2): \(error).", subject: decl.declRange)
                    continue
                }
            }
            if decl.sensitive { value = value.marked(.sensitive) }
            out[name] = value
        }
        return (out, diags)
    }
}

import Foundation
import HCL
import Values

/// A value given for a root module variable before it is parsed and converted.
public struct RawVariableValue: Sendable {
    public enum Source: Sendable, Equatable {
        case environment
        case autoFile
        case namedFile
        case commandLine
        /// Typed at terraform's interactive prompt.
        case interactive
    }

    public enum Content: Sendable {
        /// From a tfvars file: already an expression, with its source range.
        case expression(HCL.Expression)
        /// From `-var` or `TF_VAR_*`: text whose meaning depends on the variable's type.
        case text(String)
    }

    public var name: String
    public var source: Source
    public var content: Content
    /// Where a file value came from (for messages).
    public var range: SourceRange?
}

/// Collects root module variable values with terraform's precedence and turns
/// them into typed values: `TF_VAR_*` < `terraform.tfvars` < `terraform.tfvars.json`
/// < `*.auto.tfvars(.json)` in lexical order < `-var` / `-var-file` in command-line order.
public enum InputVariables {
    /// `occurrences` are the command's `-var` / `-var-file` flags in order.
    public static func collect(rootDirectory: String, environment: [String: String],
                               occurrences: [(name: String, value: String)], sources: inout SourceFiles) -> ([String: RawVariableValue], Diagnostics) {
        var diags = Diagnostics()
        var values: [String: RawVariableValue] = [:]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where key.hasPrefix("TF_VAR_") {
            let name = String(key.dropFirst("TF_VAR_".count))
            guard !name.isEmpty else { continue }
            values[name] = RawVariableValue(name: name, source: .environment, content: .text(value))
        }
        let fm = FileManager.default
        var autoFiles: [String] = []
        for name in ["terraform.tfvars", "terraform.tfvars.json"] where fm.fileExists(atPath: rootDirectory + "/" + name) {
            autoFiles.append(name)
        }
        let listing = ((try? fm.contentsOfDirectory(atPath: rootDirectory)) ?? []).sorted()
        autoFiles += listing.filter { ($0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json")) && !$0.hasPrefix(".") }
        for file in autoFiles {
            for v in readFile(rootDirectory + "/" + file, displayName: file, source: .autoFile, sources: &sources, diags: &diags) {
                values[v.name] = v
            }
        }
        for (flag, value) in occurrences {
            switch flag {
            case "var":
                guard let eq = value.firstIndex(of: "=") else {
                    diags += .error("Invalid -var option",
                                    "The given -var option \"\(value)\" is not correctly specified. Must be a variable name and value separated by an equals sign, like -var=\"key=value\".")
                    continue
                }
                let name = String(value[..<eq])
                let raw = String(value[value.index(after: eq)...])
                if name.hasSuffix(" ") {
                    let trimmed = String(name.dropLast())
                    diags += .error("Invalid -var option",
                                    "Variable name \"\(name)\" is invalid due to trailing space. Did you mean -var=\"\(trimmed)=\(raw.hasPrefix(" ") ? String(raw.dropFirst()) : raw)\"?")
                    continue
                }
                values[name] = RawVariableValue(name: name, source: .commandLine, content: .text(raw))
            case "var-file":
                let path = value.hasPrefix("/") ? value : rootDirectory + "/" + value
                guard fm.fileExists(atPath: path) else {
                    diags += .error("Failed to read variables file", "Given variables file \(value) does not exist.")
                    continue
                }
                for v in readFile(path, displayName: value, source: .namedFile, sources: &sources, diags: &diags) {
                    values[v.name] = v
                }
            default:
                break
            }
        }
        return (values, diags)
    }

    static func readFile(_ path: String, displayName: String, source: RawVariableValue.Source,
                         sources: inout SourceFiles, diags: inout Diagnostics) -> [RawVariableValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            diags += .error("Failed to read variables file", "Error while reading \(displayName): the file could not be read.")
            return []
        }
        let bytes = Array(data)
        sources[displayName] = SourceFiles.Entry(bytes: bytes)
        if displayName.hasSuffix(".json") {
            // terraform evaluates a JSON variables file's values without a
            // context, so strings stay verbatim (no template interpolation).
            let (body, parseDiags) = JSONSyntax.parseFile(bytes, filename: displayName)
            diags += parseDiags
            if parseDiags.hasErrors { return [] }
            let (attrs, attrDiags) = body.justAttributes()
            diags += attrDiags
            return attrs.map {
                RawVariableValue(name: $0.name, source: source, content: .expression($0.expression.literalExpression()),
                                 range: $0.expression.range)
            }
        }
        let (file, parseDiags) = Parser.parseFile(bytes, filename: displayName)
        diags += parseDiags
        if parseDiags.hasErrors { return [] }
        for block in file.body.blocks {
            if block.type == "variable", let name = block.labels.first?.value {
                diags += .error("Variable declaration in .tfvars file",
                                "A .tfvars file is used to assign values to variables that have already been declared in .tf files, not to declare new variables. To declare variable \"\(name)\", place this block in one of your .tf files, such as variables.tf.\n\nTo set a value for this variable in \(displayName), use the definition syntax instead:\n    \(name) = <value>",
                                subject: block.definitionRange)
            } else {
                diags += .error("Unexpected \"\(block.type)\" block", "Blocks are not allowed here.", subject: block.typeRange)
            }
        }
        return file.body.attributes.map {
            RawVariableValue(name: $0.name, source: source, content: .expression($0.expression), range: $0.expression.range)
        }
    }

    /// Parses, converts and defaults every declared variable's value as terraform
    /// prepares root module inputs. Undeclared values give terraform's warnings or errors.
    public static func finalize(_ raw: [String: RawVariableValue], declarations: [String: VariableDecl],
                                requireAll: Bool = true) -> ([String: Value], Diagnostics) {
        var diags = Diagnostics()
        var result: [String: Value] = [:]
        var undeclaredInFiles = 0
        for name in raw.keys.sorted() where declarations[name] == nil {
            guard let value = raw[name] else { continue }
            switch value.source {
            case .autoFile, .namedFile:
                if undeclaredInFiles < 2 {
                    diags += .warning("Value for undeclared variable",
                                      "The root module does not declare a variable named \"\(name)\" but a value was found in file \"\(value.range?.filename ?? "")\". If you meant to use this value, add a \"variable\" block to the configuration.\n\nTo silence these warnings, use TF_VAR_... environment variables to provide certain \"global\" settings to all configurations in your organization. To reduce the verbosity of these warnings, use the -compact-warnings option.")
                }
                undeclaredInFiles += 1
            case .environment, .interactive:
                break
            case .commandLine:
                diags += .error("Value for undeclared variable",
                                "A variable named \"\(name)\" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a \"variable\" block to the configuration.")
            }
        }
        if undeclaredInFiles > 2 {
            diags += .warning("Values for undeclared variables",
                              "In addition to the other similar warnings shown, \(undeclaredInFiles - 2) other variable(s) defined without being declared.")
        }

        for name in declarations.keys.sorted() {
            guard let decl = declarations[name] else { continue }
            var (type, defaults) = (ValueType.dynamic, TypeDefaults?.none)
            if let typeExpr = decl.typeExpression {
                let (t, d, typeDiags) = TypeConstraint.parse(typeExpr)
                diags += typeDiags
                type = t
                defaults = d
            }
            var defaultValue: Value?
            if let defaultExpr = decl.defaultExpression {
                let (v, vd) = Evaluator.evaluate(defaultExpr, in: .constantsOnly)
                diags += vd
                do {
                    defaultValue = try TypeConstraint.convert(v, to: type, defaults: v.isNull ? nil : defaults)
                } catch {
                    diags += .error("Invalid default value for variable",
                                    "This default value is not compatible with the variable's type constraint: \(error).",
                                    subject: defaultExpr.range)
                    defaultValue = .unknown(type)
                }
            }
            let addr = "var.\(name)"
            guard let given = raw[name] else {
                if let defaultValue {
                    result[name] = decl.sensitive ? defaultValue.marked(.sensitive) : defaultValue
                } else if requireAll {
                    diags += Diagnostic(.error, summary: "No value for required variable",
                                        detail: "The root module input variable \"\(name)\" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.",
                                        subject: decl.declRange)
                    result[name] = .unknown(type)
                } else {
                    result[name] = .unknown(type)
                }
                continue
            }
            var value: Value
            switch given.content {
            case .expression(let expr):
                let (v, vd) = Evaluator.evaluate(expr, in: .constantsOnly)
                diags += vd
                value = v
            case .text(let text):
                // terraform parses text literally for primitive type constraints (and none).
                if type.isPrimitive || decl.typeExpression == nil {
                    value = .string(text)
                } else {
                    let filename = "<value for \(addr)>"
                    let (expr, parseDiags) = Parser.parseExpression(Array(text.utf8), filename: filename)
                    diags += parseDiags
                    if parseDiags.hasErrors {
                        result[name] = .unknown(type)
                        continue
                    }
                    let (v, vd) = Evaluator.evaluate(expr, in: .constantsOnly)
                    diags += vd
                    value = v
                }
            }
            let nonFileSource: String? = {
                switch given.source {
                case .commandLine: return "set using -var=\"\(name)=...\""
                case .environment: return "set using the TF_VAR_\(name) environment variable"
                case .interactive: return "set using an interactive prompt"
                default: return given.range == nil ? "set from outside of the configuration" : nil
                }
            }()
            do {
                value = try TypeConstraint.convert(value, to: type, defaults: value.isNull ? nil : defaults)
            } catch {
                let detail: String
                let subject: SourceRange?
                if let nonFileSource {
                    detail = "Unsuitable value for \(addr) \(nonFileSource): \(error)."
                    subject = decl.declRange
                } else if decl.sensitive {
                    detail = "The given value is not suitable for \(addr), which is sensitive: \(error). Invalid value defined at \(given.range.map(rangeText) ?? "")."
                    subject = decl.declRange
                } else {
                    detail = "The given value is not suitable for \(addr) declared at \(rangeText(decl.declRange)): \(error)."
                    subject = given.range
                }
                diags += Diagnostic(.error, summary: "Invalid value for input variable", detail: detail, subject: subject)
                result[name] = .unknown(type)
                continue
            }
            if value.isNull && !decl.nullable {
                if let defaultValue {
                    value = defaultValue
                } else {
                    let detail = nonFileSource.map { "Unsuitable value for \(addr) \($0): required variable may not be set to null." }
                        ?? "The given value is not suitable for \(addr) defined at \(rangeText(decl.declRange)): required variable may not be set to null."
                    diags += Diagnostic(.error, summary: "Required variable not set", detail: detail,
                                        subject: nonFileSource == nil ? given.range : decl.declRange)
                    value = .unknown(type)
                }
            }
            result[name] = decl.sensitive ? value.marked(.sensitive) : value
        }
        return (result, diags)
    }

    /// terraform's interactive prompts for required root variables that have no value
    /// yet, asked in lexical order. `ask` shows the prompt and returns the line typed,
    /// or nil when input ended; then the variable stays unset and the usual
    /// "No value for required variable" error follows, as in terraform.
    public static func promptForMissing(_ raw: inout [String: RawVariableValue], declarations: [String: VariableDecl],
                                        color: Bool, ask: (String) -> String?) {
        for name in declarations.keys.sorted() where raw[name] == nil {
            guard let decl = declarations[name], decl.defaultExpression == nil else { continue }
            guard let line = ask(promptText(for: decl, color: color)) else { continue }
            raw[name] = RawVariableValue(name: name, source: .interactive, content: .text(line), range: nil)
        }
    }

    /// `var.NAME`, the description indented, then `  Enter a value: ` (bold parts in colour).
    public static func promptText(for decl: VariableDecl, color: Bool) -> String {
        let bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        var text = reset + bold + "var.\(decl.name)" + (decl.ephemeral ? " (ephemeral)" : "") + reset + "\n"
        if let description = decl.description, !description.isEmpty {
            for line in description.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "  \(line)\n"
            }
            text += "\n"
        }
        return text + "  " + bold + "Enter a value:" + reset + " "
    }
}

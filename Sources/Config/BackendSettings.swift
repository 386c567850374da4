import Foundation
import HCL
import JSON
import Values

/// The backend a working directory is initialised with, recorded in
/// `.terraform/terraform.tfstate` in terraform's format so either tool can use it.
public struct BackendSettings: Sendable {
    public enum AttributeType: Sendable { case string, number, bool }

    /// Backends Terraswift carries, with their configuration arguments.
    public static let schemas: [String: [String: AttributeType]] = [
        "local": ["path": .string, "workspace_dir": .string],
        "http": [
            "address": .string, "update_method": .string, "lock_address": .string, "lock_method": .string,
            "unlock_address": .string, "unlock_method": .string, "username": .string, "password": .string,
            "skip_cert_verification": .bool, "retry_max": .number, "retry_wait_min": .number, "retry_wait_max": .number,
            "client_ca_certificate_pem": .string, "client_certificate_pem": .string, "client_private_key_pem": .string,
        ],
        "pg": ["conn_str": .string, "schema_name": .string, "skip_schema_creation": .bool,
               "skip_table_creation": .bool, "skip_index_creation": .bool],
    ]

    public var type: String
    /// Every schema argument, null where unset.
    public var config: [String: JSONValue]
    /// Terraform's hash of the backend block alone (before -backend-config),
    /// which it compares to notice a changed block.
    public var hash: UInt32

    /// Builds the settings from the `backend` block and `-backend-config` values
    /// (`key=value` pairs or files of `key = value` lines).
    public static func resolve(_ block: BackendDecl, overrides: [String], workingDirectory: String) -> (BackendSettings?, Diagnostics) {
        var diags = Diagnostics()
        guard let schema = schemas[block.type] else {
            diags += .error("Unsupported backend type",
                            "There is no backend type named \"\(block.type)\" in Terraswift; it supports \(schemas.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")).",
                            subject: block.typeRange)
            return (nil, diags)
        }
        var blockValues: [String: Value] = [:]
        let (content, contentDiags) = block.config.content(schema: BodySchema(attributes: schema.keys.sorted().map { .init($0) }))
        diags += contentDiags
        for (name, attr) in content.attributes {
            let (v, vd) = Evaluator.evaluate(attr.expression, in: .constantsOnly)
            diags += vd
            blockValues[name] = v
        }
        let hash = hashOf(type: block.type, schema: schema, values: blockValues)

        var values = blockValues
        for item in overrides {
            // terraform's rule: anything with "=" is key=value, the rest are files.
            if let eq = item.firstIndex(of: "=") {
                let key = String(item[..<eq])
                let raw = String(item[item.index(after: eq)...])
                guard schema[key] != nil else {
                    diags += .error("Invalid backend configuration argument",
                                    "The backend configuration argument \"\(key)\" given on the command line is not expected for the selected backend type.")
                    continue
                }
                values[key] = .string(raw)
            } else {
                let path = item.hasPrefix("/") ? item : workingDirectory + "/" + item
                guard let data = FileManager.default.contents(atPath: path) else {
                    diags += .error("Failed to read file", "The file \"\(item)\" could not be read.")
                    continue
                }
                let (file, parseDiags) = Parser.parseFile(Array(data), filename: item)
                diags += parseDiags
                for attr in file.body.attributes {
                    guard schema[attr.name] != nil else {
                        diags += .error("Unsupported argument", "An argument named \"\(attr.name)\" is not expected here.", subject: attr.nameRange)
                        continue
                    }
                    let (v, vd) = Evaluator.evaluate(attr.expression, in: .constantsOnly)
                    diags += vd
                    values[attr.name] = v
                }
            }
        }
        var config: [String: JSONValue] = [:]
        for (name, type) in schema {
            guard let v = values[name], !v.isNull else {
                config[name] = .null
                continue
            }
            switch type {
            case .string:
                config[name] = v.stringValue.map { .string($0) } ?? .string(ConsoleRenderer.render(v))
            case .number:
                if let n = v.numberValue {
                    config[name] = .number(n.description)
                } else if let s = v.stringValue, Double(s) != nil {
                    config[name] = .number(s)
                } else {
                    diags += .error("Invalid backend configuration value", "The argument \"\(name)\" requires a number.")
                }
            case .bool:
                if let b = v.boolValue {
                    config[name] = .bool(b)
                } else if let s = v.stringValue, s == "true" || s == "false" {
                    config[name] = .bool(s == "true")
                } else {
                    diags += .error("Invalid backend configuration value", "The argument \"\(name)\" requires a bool.")
                }
            }
        }
        return (BackendSettings(type: block.type, config: config, hash: hash), diags)
    }

    /// cty's value hash of `[type, object(all schema arguments)]`: CRC-32 of its set-hash bytes.
    static func hashOf(type: String, schema: [String: AttributeType], values: [String: Value]) -> UInt32 {
        var bytes = "<" + GoQuote.quote(type) + ";<"
        for name in schema.keys.sorted() {
            if let v = values[name], !v.isNull {
                if let s = v.stringValue {
                    bytes += GoQuote.quote(s)
                } else if let b = v.boolValue {
                    bytes += b ? "T" : "F"
                } else if let n = v.numberValue {
                    bytes += n.description
                } else {
                    bytes += "?"
                }
            } else {
                bytes += "~"
            }
            bytes += ";"
        }
        bytes += ">;>"
        return crc32(Array(bytes.utf8))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
            table[i] = c
        }
        var crc: UInt32 = 0xFFFFFFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFFFFFF
    }

    /// `.terraform/terraform.tfstate` as terraform writes it.
    public func workingDirectoryState(terraformVersion: String) -> String {
        let configMembers = config.keys.sorted().map { JSONMember(key: $0, value: config[$0]!) }
        let doc: JSONValue = .object([
            "version": .number(3),
            "terraform_version": .string(terraformVersion),
            "backend": .object([
                "type": .string(type),
                "config": .object(configMembers),
                "hash": .number(String(hash)),
            ]),
        ])
        // terraform writes this file without a final newline
        return JSONWriter(indent: "  ").string(doc)
    }
}

import CLI
import Foundation
import JSON
import Testing

/// Configurations for `validate`: each is a set of files (paths relative to the
/// root module), valid or broken in one way. Built from terraform's language
/// rules, using only the built-in provider, variables, locals, outputs and
/// local modules.
enum ValidateCorpus {
    static let cases: [(String, [String: String])] = [
        ("empty", [:]),
        ("valid_basic", ["main.tf": """
        variable "name" {
          type    = string
          default = "x"
        }
        locals {
          upper = upper(var.name)
        }
        resource "terraform_data" "a" {
          input = local.upper
        }
        output "a" {
          value = terraform_data.a.output
        }
        """]),
        ("undeclared_var", ["main.tf": "output \"o\" {\n  value = var.nope\n}\n"]),
        ("undeclared_var_suggest", ["main.tf": "variable \"region\" {}\noutput \"o\" {\n  value = var.regoin\n}\n"]),
        ("undeclared_local", ["main.tf": "locals {\n  a = 1\n}\noutput \"o\" {\n  value = local.b\n}\n"]),
        ("undeclared_local_suggest", ["main.tf": "locals {\n  value = 1\n}\noutput \"o\" {\n  value = local.valeu\n}\n"]),
        ("undeclared_resource", ["main.tf": "output \"o\" {\n  value = terraform_data.x.id\n}\n"]),
        ("undeclared_data_hint", ["main.tf": "data \"terraform_remote_state\" \"s\" {\n  backend = \"local\"\n}\noutput \"o\" {\n  value = terraform_remote_state.s.outputs\n}\n"]),
        ("undeclared_module", ["main.tf": "output \"o\" {\n  value = module.net.id\n}\n"]),
        ("count_outside", ["main.tf": "output \"o\" {\n  value = count.index\n}\n"]),
        ("each_outside", ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = each.key\n}\n"]),
        ("count_bad_attr", ["main.tf": "resource \"terraform_data\" \"a\" {\n  count = 2\n  input = count.value\n}\n"]),
        ("each_bad_attr", ["main.tf": "resource \"terraform_data\" \"a\" {\n  for_each = toset([\"a\"])\n  input    = each.item\n}\n"]),
        ("path_bad_attr", ["main.tf": "output \"o\" {\n  value = path.home\n}\n"]),
        ("terraform_bad_attr", ["main.tf": "output \"o\" {\n  value = terraform.env\n}\n"]),
        ("self_outside", ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = self.id\n}\n"]),
        ("count_ok", ["main.tf": "resource \"terraform_data\" \"a\" {\n  count = 3\n  input = count.index\n}\noutput \"ids\" {\n  value = terraform_data.a[*].id\n}\n"]),
        ("for_each_ok", ["main.tf": "resource \"terraform_data\" \"a\" {\n  for_each = { a = 1, b = 2 }\n  input    = \"${each.key}=${each.value}\"\n}\noutput \"o\" {\n  value = { for k, v in terraform_data.a : k => v.output }\n}\n"]),
        ("missing_key_count", ["main.tf": "resource \"terraform_data\" \"a\" {\n  count = 2\n}\noutput \"o\" {\n  value = terraform_data.a.id\n}\n"]),
        ("missing_key_for_each", ["main.tf": "resource \"terraform_data\" \"a\" {\n  for_each = toset([\"x\"])\n}\noutput \"o\" {\n  value = terraform_data.a.id\n}\n"]),
        ("unexpected_key", ["main.tf": "resource \"terraform_data\" \"a\" {\n}\noutput \"o\" {\n  value = terraform_data.a[0].id\n}\n"]),
        ("count_and_for_each", ["main.tf": "resource \"terraform_data\" \"a\" {\n  count    = 1\n  for_each = {}\n}\n"]),
        ("unsupported_argument", ["main.tf": "resource \"terraform_data\" \"a\" {\n  inputs = 1\n}\n"]),
        ("unsupported_argument_far", ["main.tf": "resource \"terraform_data\" \"a\" {\n  banana = 1\n}\n"]),
        ("unsupported_block", ["main.tf": "resource \"terraform_data\" \"a\" {\n  nested {\n  }\n}\n"]),
        ("unconfigurable_attr", ["main.tf": "resource \"terraform_data\" \"a\" {\n  output = 1\n}\n"]),
        ("invalid_resource_type", ["main.tf": "resource \"terraform_dat\" \"a\" {\n}\n"]),
        ("duplicate_resource", ["main.tf": "resource \"terraform_data\" \"a\" {\n}\nresource \"terraform_data\" \"a\" {\n}\n"]),
        ("duplicate_variable", ["main.tf": "variable \"a\" {}\n", "b.tf": "variable \"a\" {}\n"]),
        ("duplicate_output", ["main.tf": "output \"a\" {\n  value = 1\n}\noutput \"a\" {\n  value = 2\n}\n"]),
        ("duplicate_local", ["main.tf": "locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n"]),
        ("output_missing_value", ["main.tf": "output \"a\" {\n}\n"]),
        ("output_unknown_arg", ["main.tf": "output \"a\" {\n  value = 1\n  sensitve = true\n}\n"]),
        ("output_postcondition", ["main.tf": "output \"a\" {\n  value = 1\n  postcondition {\n    condition     = true\n    error_message = \"x\"\n  }\n}\n"]),
        ("variable_bad_name", ["main.tf": "variable \"count\" {}\n"]),
        ("variable_unknown_arg", ["main.tf": "variable \"a\" {\n  defualt = 1\n}\n"]),
        ("variable_validation_missing_message", ["main.tf": "variable \"a\" {\n  validation {\n    condition = var.a != \"\"\n  }\n}\n"]),
        ("variable_sensitive_not_bool", ["main.tf": "variable \"a\" {\n  sensitive = \"maybe\"\n}\n"]),
        ("variable_description_ref", ["main.tf": "variable \"a\" {\n  description = var.b\n}\nvariable \"b\" {}\n"]),
        ("locals_block_inside", ["main.tf": "locals {\n  a = 1\n  nested {\n  }\n}\n"]),
        ("unknown_top_block", ["main.tf": "resources \"terraform_data\" \"a\" {\n}\n"]),
        ("resource_missing_label", ["main.tf": "resource \"terraform_data\" {\n}\n"]),
        ("resource_extra_label", ["main.tf": "resource \"terraform_data\" \"a\" \"b\" {\n}\n"]),
        ("locals_with_label", ["main.tf": "locals \"x\" {\n  a = 1\n}\n"]),
        ("lifecycle_ok", ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = 1\n  lifecycle {\n    create_before_destroy = true\n    ignore_changes        = [input]\n  }\n}\n"]),
        ("lifecycle_unknown_arg", ["main.tf": "resource \"terraform_data\" \"a\" {\n  lifecycle {\n    prevent_destory = true\n  }\n}\n"]),
        ("lifecycle_duplicate", ["main.tf": "resource \"terraform_data\" \"a\" {\n  lifecycle {\n  }\n  lifecycle {\n  }\n}\n"]),
        ("ignore_changes_star", ["main.tf": "resource \"terraform_data\" \"a\" {\n  lifecycle {\n    ignore_changes = [\"*\"]\n  }\n}\n"]),
        ("depends_on_ok", ["main.tf": "resource \"terraform_data\" \"a\" {\n}\nresource \"terraform_data\" \"b\" {\n  depends_on = [terraform_data.a]\n}\n"]),
        ("depends_on_undeclared", ["main.tf": "resource \"terraform_data\" \"b\" {\n  depends_on = [terraform_data.nope]\n}\n"]),
        ("depends_on_not_list", ["main.tf": "resource \"terraform_data\" \"b\" {\n  depends_on = terraform_data.nope\n}\n"]),
        ("provider_quoted", ["main.tf": "resource \"terraform_data\" \"b\" {\n  provider = \"terraform\"\n}\n"]),
        ("moved_ok", ["main.tf": "resource \"terraform_data\" \"b\" {\n}\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n"]),
        ("moved_missing_to", ["main.tf": "moved {\n  from = terraform_data.a\n}\n"]),
        ("removed_ok", ["main.tf": "removed {\n  from = terraform_data.gone\n  lifecycle {\n    destroy = false\n  }\n}\n"]),
        ("check_no_assert", ["main.tf": "check \"c\" {\n}\n"]),
        ("check_ok", ["main.tf": "variable \"x\" {\n  default = 1\n}\ncheck \"c\" {\n  assert {\n    condition     = var.x > 0\n    error_message = \"x must be positive\"\n  }\n}\n"]),
        ("required_providers_outside", ["main.tf": "required_providers {\n}\n"]),
        ("terraform_unknown_arg", ["main.tf": "terraform {\n  required_versoin = \">= 1.0\"\n}\n"]),
        ("for_expression_symbols", ["main.tf": "variable \"m\" {\n  default = { a = 1 }\n}\noutput \"o\" {\n  value = [for k, v in var.m : \"${k}-${v}\" if v > 0]\n}\n"]),
        ("for_expression_leak", ["main.tf": "variable \"m\" {\n  default = { a = 1 }\n}\noutput \"o\" {\n  value = [for k, v in var.m : undefined_thing.x]\n}\n"]),
        ("template_directive_symbols", ["main.tf": "variable \"l\" {\n  default = [1]\n}\noutput \"o\" {\n  value = \"%{for x in var.l}${x}%{endfor}\"\n}\n"]),
        ("dynamic_block_bad_type", ["main.tf": "resource \"terraform_data\" \"a\" {\n  dynamic \"nested\" {\n    for_each = [1]\n    content {\n    }\n  }\n}\n"]),
        ("syntax_error", ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \n}\n"]),
        ("syntax_error_two_files", ["a.tf": "locals {\n  a = [1,,2]\n}\n", "b.tf": "output \"o\" {\n  value = (1\n}\n"]),
        ("override_ok", ["main.tf": "variable \"a\" {\n  default = 1\n}\n", "main_override.tf": "variable \"a\" {\n  default = 2\n}\n"]),
        ("override_missing_base", ["main.tf": "", "override.tf": "variable \"a\" {\n  default = 2\n}\n"]),
        ("module_ok", ["main.tf": "module \"m\" {\n  source = \"./m\"\n  x      = 1\n}\noutput \"o\" {\n  value = module.m.y\n}\n",
                       "m/main.tf": "variable \"x\" {}\noutput \"y\" {\n  value = var.x\n}\n"]),
        ("module_missing_input", ["main.tf": "module \"m\" {\n  source = \"./m\"\n}\n", "m/main.tf": "variable \"x\" {}\n"]),
        ("module_unknown_input", ["main.tf": "module \"m\" {\n  source = \"./m\"\n  y      = 1\n}\n", "m/main.tf": "variable \"x\" {\n  default = 1\n}\n"]),
        ("module_bad_output", ["main.tf": "module \"m\" {\n  source = \"./m\"\n}\noutput \"o\" {\n  value = module.m.nope\n}\n", "m/main.tf": "output \"y\" {\n  value = 1\n}\n"]),
        ("module_child_error", ["main.tf": "module \"m\" {\n  source = \"./m\"\n}\n", "m/main.tf": "output \"y\" {\n  value = local.missing\n}\n"]),
        ("module_nested", ["main.tf": "module \"a\" {\n  source = \"./a\"\n}\n", "a/main.tf": "module \"b\" {\n  source = \"./b\"\n}\noutput \"o\" {\n  value = module.b.v\n}\n",
                           "a/b/main.tf": "output \"v\" {\n  value = var.nope\n}\n"]),
        ("module_count_each", ["main.tf": "module \"m\" {\n  source   = \"./m\"\n  for_each = toset([\"a\"])\n  x        = each.key\n}\n", "m/main.tf": "variable \"x\" {}\n"]),
        ("module_missing_source", ["main.tf": "module \"m\" {\n}\n"]),
        ("variable_bad_type", ["main.tf": "variable \"a\" {\n  type = lisst(string)\n}\n"]),
        ("variable_quoted_type", ["main.tf": "variable \"a\" {\n  type = \"string\"\n}\n"]),
        ("variable_default_mismatch", ["main.tf": "variable \"a\" {\n  type    = number\n  default = \"abc\"\n}\n"]),
        ("variable_default_object", ["main.tf": "variable \"a\" {\n  type = object({\n    x = string\n    y = optional(number, 2)\n  })\n  default = { x = \"1\" }\n}\n"]),
        ("variable_default_missing_attr", ["main.tf": "variable \"a\" {\n  type    = object({ x = string })\n  default = { y = 1 }\n}\n"]),
        ("variable_default_function", ["main.tf": "variable \"a\" {\n  default = upper(\"x\")\n}\n"]),
        ("experiments_native", ["main.tf": "terraform {\n  experiments = [module_variable_optional_attrs]\n}\n"]),
        ("override_type_invalidates_default", ["main.tf": "variable \"v\" {\n  default = \"a\"\n}\n", "main_override.tf": "variable \"v\" {\n  type = number\n}\n"]),
        ("override_default_invalid", ["main.tf": "variable \"v\" {\n  type = number\n}\n", "main_override.tf": "variable \"v\" {\n  default = \"a\"\n}\n"]),
        ("warning_provider_version", ["main.tf": "provider \"terraform\" {\n  version = \"1.0\"\n}\n"]),
    ]
}

let terraformBinary = "/usr/local/bin/terraform"
let haveTerraform = FileManager.default.isExecutableFile(atPath: terraformBinary)

@Suite(.enabled(if: haveTerraform, "terraform not installed: validate differential suite skipped"))
struct ValidateDifferentialTests {
    struct Summary: Equatable, CustomStringConvertible {
        var valid: Bool
        var errors: Int
        var warnings: Int
        var diagnostics: [String]
        var description: String { "valid=\(valid) errors=\(errors) warnings=\(warnings)\n  " + diagnostics.joined(separator: "\n  ") }
    }

    static func summarize(_ json: String) -> Summary? {
        guard let doc = try? JSON.parse(json) else { return nil }
        let diags = (doc["diagnostics"]?.arrayValue ?? []).map { d -> String in
            let r = d["range"]
            let start = r?["start"], end = r?["end"]
            let where_ = r == nil ? "-" : "\(r?["filename"]?.stringValue ?? ""):\(start?["line"]?.intValue ?? 0),\(start?["column"]?.intValue ?? 0)-\(end?["line"]?.intValue ?? 0),\(end?["column"]?.intValue ?? 0)"
            return "\(d["severity"]?.stringValue ?? "") | \(d["summary"]?.stringValue ?? "") | \(where_)"
        }.sorted()
        return Summary(valid: doc["valid"]?.boolValue ?? false, errors: doc["error_count"]?.intValue ?? -1,
                       warnings: doc["warning_count"]?.intValue ?? -1, diagnostics: diags)
    }

    @Test(arguments: ValidateCorpus.cases.map(\.0))
    func agreesWithTerraform(_ name: String) throws {
        try compare(name, files: ValidateCorpus.cases.first { $0.0 == name }!.1)
    }

    @Test(arguments: ValidateJSONCorpus.cases.map(\.0))
    func jsonSyntaxAgreesWithTerraform(_ name: String) throws {
        try compare(name, files: ValidateJSONCorpus.cases.first { $0.0 == name }!.1, humanText: true)
    }

    /// `humanText` also compares the whole `validate -no-color` output (snippet contexts, order, wrapping).
    func compare(_ name: String, files: [String: String], humanText: Bool = false) throws {
        let dir = tempDir("validate-\(name)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (path, text) in files { write(text, to: dir + "/" + path) }
        if files.keys.contains(where: { $0.contains("/") })
            || files.values.contains(where: { $0.contains("module \"") || $0.contains("\"module\":") }) {
            // Both tools read installed modules from .terraform/modules/modules.json.
            sh("terraform init -backend=false -input=false -no-color", in: dir)
        }
        let (_, theirsOut) = sh("terraform validate -json 2>/dev/null", in: dir)
        let capture = OutputCapture()
        let io = Terraswift.IO(out: { capture.out += $0 }, err: { capture.err += $0 })
        _ = Terraswift.run(arguments: ["validate", "-json"], environment: [:], workingDirectory: dir, io: io)
        let theirs = try #require(Self.summarize(theirsOut), "terraform output: \(theirsOut)")
        let ours = try #require(Self.summarize(capture.out), "our output: \(capture.out) \(capture.err)")
        #expect(ours == theirs, "\(name):\nterraform: \(theirs)\nterraswift: \(ours)")
        if humanText {
            let (_, theirText) = sh("terraform validate -no-color", in: dir)
            let text = OutputCapture()
            let textIO = Terraswift.IO(out: { text.out += $0 }, err: { text.out += $0 })
            _ = Terraswift.run(arguments: ["validate", "-no-color"], environment: [:], workingDirectory: dir, io: textIO)
            #expect(text.out == theirText, "\(name):\nterraform:\n\(theirText)\nterraswift:\n\(text.out)")
        }
    }
}

final class OutputCapture: @unchecked Sendable {
    var out = ""
    var err = ""
}

import Foundation

/// A generated corpus of value shapes for the human plan/apply/show text.
/// Every case is one `terraform_data` resource (or one output) whose values
/// differ between step 1 and step 2; cases are batched into configurations so
/// that one apply/plan covers about twenty of them.
struct RenderCase: Sendable {
    /// Resource name (or output name); unique in the corpus.
    var name: String
    /// The resource body in step 1 and step 2; nil when the resource is absent in that step.
    var step1: String?
    var step2: String?
    var isOutput = false
}

struct RenderBatch: Sendable, CustomStringConvertible {
    var index: Int
    var cases: [RenderCase]
    var description: String { "batch \(index) (\(cases.first?.name ?? "")…)" }

    /// Configuration for step 1 or 2; shared fixtures: `terraform_data.src` (its
    /// output is unknown during step 2's plan) and sensitive variables.
    func config(step: Int) -> String {
        var out = """
        variable "secret" {
          type      = string
          default   = "hunter2"
          sensitive = true
        }
        variable "secret_obj" {
          default   = { user = "admin", pass = "pw" }
          sensitive = true
        }
        resource "terraform_data" "src" {
          input = "\(step == 1 ? "one" : "two")"
        }

        """
        for c in cases {
            guard let body = step == 1 ? c.step1 : c.step2 else { continue }
            if c.isOutput {
                out += "output \"\(c.name)\" {\n\(body)\n}\n"
            } else {
                out += "resource \"terraform_data\" \"\(c.name)\" {\n\(body)\n}\n"
            }
        }
        return out
    }
}

enum RenderCorpus {
    // MARK: value pools (HCL expressions)

    static let longString = String(repeating: "abcdefghij", count: 12)
    static let strings: [String] = [
        "\"a\"", "\"\"", "\"with \\\"quotes\\\"\"", "\"back\\\\slash\"", "\"héllo ✓ 日本\"", "\"$${literal}\"",
        "\"%%{directive}\"", "\"tab\\there\"", "\"\(longString)\"", "\"line1\\nline2\\nline3\"", "\"trailing\\n\"",
        "\"  padded  \"", "\"{not json\"", "\"[1, 2]\"", "\"{\\\"k\\\": \\\"v\\\"}\"", "\"null\"", "\"123\"",
    ]
    static let numbers = ["0", "1", "-5", "3.14159", "1e20", "12345678901234567890", "0.1", "-0.000001", "1.5e-7", "100"]
    static let kinds: [(String, String)] = [
        ("null", "null"), ("str", "\"s\""), ("num", "42"), ("bool", "true"), ("etup", "[]"), ("eobj", "{}"),
        ("tup", "[\"a\", 1]"), ("obj", "{ a = 1, b = \"x\" }"), ("list", "tolist([\"x\", \"y\"])"), ("set", "toset([\"x\", \"y\"])"),
        ("map", "tomap({ k = \"v\", l = \"w\" })"), ("json", "jsonencode({ a = 1, b = [true] })"), ("ml", "\"one\\ntwo\\n\""),
    ]

    static func input(_ v: String) -> String { "  input = \(v)" }

    // MARK: cases

    static var cases: [RenderCase] {
        var out: [RenderCase] = []
        func add(_ tag: String, _ a: String?, _ b: String?) {
            out.append(RenderCase(name: String(format: "c%03d_", out.count) + tag, step1: a, step2: b))
        }
        func output(_ tag: String, _ a: String?, _ b: String?) {
            out.append(RenderCase(name: String(format: "o%03d_", out.count) + tag, step1: a, step2: b, isOutput: true))
        }
        // Primitive leaves: created in step 1 (rendered by apply), changed in step 2.
        for (i, s) in strings.enumerated() { add("str\(i)", input(s), input(strings[(i + 1) % strings.count])) }
        for (i, n) in numbers.enumerated() { add("num\(i)", input(n), input(numbers[(i + 3) % numbers.count])) }
        add("bool", input("true"), input("false"))
        // Type and shape transitions between every pair of representative kinds.
        for (i, a) in kinds.enumerated() {
            for (j, b) in kinds.enumerated() where i != j && (i + j) % 2 == 1 {
                add("\(a.0)_to_\(b.0)", input(a.1), input(b.1))
            }
        }
        // Creates and destroys of each kind (step 2 adds or removes the resource).
        for (i, k) in kinds.enumerated() {
            if i % 2 == 0 { add("create_\(k.0)", nil, input(k.1)) } else { add("destroy_\(k.0)", input(k.1), nil) }
        }
        // Nested structures: one leaf changed at each depth.
        let deep = { (leaf: String) in "{ l1 = { keep = 1, l2 = { keep = [1, 2], l3 = { keep = \"k\", leaf = \(leaf) } } }, other = \"o\" }" }
        add("deep_leaf", input(deep("\"a\"")), input(deep("\"b\"")))
        add("deep_leaf_null", input(deep("\"a\"")), input(deep("null")))
        add("deep_null_leaf", input(deep("null")), input(deep("\"a\"")))
        add("deep_leaf_type", input(deep("\"a\"")), input(deep("[1]")))
        add("deep_same", input(deep("\"a\"")), input(deep("\"a\"")))
        add("obj_add_key", input("{ a = 1, b = 2 }"), input("{ a = 1, b = 2, c = 3 }"))
        add("obj_remove_key", input("{ a = 1, b = 2, c = 3 }"), input("{ a = 1, c = 3 }"))
        add("obj_rename_key", input("{ a = 1, b = 2 }"), input("{ a = 1, bb = 2 }"))
        add("obj_quoted_keys", input("{ \"with space\" = 1, \"1x\" = 2, ok = 3 }"), input("{ \"with space\" = 2, \"1x\" = 2, ok = 3 }"))
        add("obj_many_unchanged", input("{ a = 1, b = 2, c = 3, d = 4, e = 5 }"), input("{ a = 1, b = 2, c = 30, d = 4, e = 5 }"))
        add("obj_to_empty", input("{ a = 1 }"), input("{}"))
        add("empty_to_obj", input("{}"), input("{ a = 1 }"))
        add("map_add", input("tomap({ a = \"1\" })"), input("tomap({ a = \"1\", b = \"2\" })"))
        add("map_remove", input("tomap({ a = \"1\", b = \"2\" })"), input("tomap({ b = \"2\" })"))
        add("map_change", input("tomap({ a = \"1\", b = \"2\", c = \"3\" })"), input("tomap({ a = \"1\", b = \"x\", c = \"3\" })"))
        add("map_of_obj", input("{ x = { n = 1, m = 2 }, y = { n = 3, m = 4 } }"), input("{ x = { n = 1, m = 2 }, y = { n = 3, m = 5 } }"))
        // Lists: insertions/removals in the middle, long lists with hidden elements.
        let nums = { (xs: [Int]) in "[" + xs.map(String.init).joined(separator: ", ") + "]" }
        let strs = { (xs: [String]) in "[" + xs.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let base = Array(1...10)
        add("list_insert_mid", input(nums(base)), input(nums(Array(base[0..<5]) + [99] + Array(base[5...]))))
        add("list_remove_mid", input(nums(base)), input(nums(Array(base[0..<4]) + Array(base[5...]))))
        add("list_change_mid", input(nums(base)), input(nums(base.map { $0 == 5 ? 50 : $0 })))
        add("list_append", input(nums(base)), input(nums(base + [11])))
        add("list_prepend", input(nums(base)), input(nums([0] + base)))
        add("list_remove_first", input(nums(base)), input(nums(Array(base.dropFirst()))))
        add("list_remove_last", input(nums(base)), input(nums(Array(base.dropLast()))))
        add("list_two_changes", input(nums(base)), input(nums(base.map { $0 == 2 || $0 == 8 ? -$0 : $0 })))
        add("list_reorder", input(strs(["a", "b", "c"])), input(strs(["c", "a", "b"])))
        add("list_reverse", input(nums([1, 2, 3, 4])), input(nums([4, 3, 2, 1])))
        add("list_replace_all", input(strs(["a", "b"])), input(strs(["c", "d", "e"])))
        add("list_to_empty", input(strs(["a", "b"])), input("[]"))
        add("empty_to_list", input("[]"), input(strs(["a", "b"])))
        add("tolist_insert", input("tolist(\(strs(["a", "b", "c", "d"])))"), input("tolist(\(strs(["a", "b", "x", "c", "d"])))"))
        add("list_of_obj_change", input("[{ n = \"a\", v = 1 }, { n = \"b\", v = 2 }, { n = \"c\", v = 3 }]"),
            input("[{ n = \"a\", v = 1 }, { n = \"b\", v = 20 }, { n = \"c\", v = 3 }]"))
        add("list_of_obj_insert", input("[{ n = \"a\" }, { n = \"c\" }]"), input("[{ n = \"a\" }, { n = \"b\" }, { n = \"c\" }]"))
        add("list_of_obj_remove", input("[{ n = \"a\" }, { n = \"b\" }, { n = \"c\" }]"), input("[{ n = \"a\" }, { n = \"c\" }]"))
        add("list_of_lists", input("[[1, 2], [3, 4]]"), input("[[1, 2], [3, 5]]"))
        add("list_null_elem", input("[\"a\", null, \"c\"]"), input("[\"a\", \"b\", \"c\"]"))
        add("list_elem_to_null", input("[\"a\", \"b\", \"c\"]"), input("[\"a\", null, \"c\"]"))
        // Sets.
        add("set_add", input("toset([\"a\", \"b\"])"), input("toset([\"a\", \"b\", \"c\"])"))
        add("set_remove", input("toset([\"a\", \"b\", \"c\"])"), input("toset([\"a\", \"c\"])"))
        add("set_swap", input("toset([\"a\", \"b\"])"), input("toset([\"a\", \"z\"])"))
        add("set_of_obj", input("toset([{ n = 1 }, { n = 2 }])"), input("toset([{ n = 1 }, { n = 3 }])"))
        add("set_numbers", input("toset([3, 1, 2])"), input("toset([1, 2, 4])"))
        // Multi-line strings.
        let ml = { (lines: [String]) in "<<-EOT\n" + lines.map { "    " + $0 }.joined(separator: "\n") + "\n  EOT" }
        let para = ["first line", "second line", "third line", "fourth line", "fifth line"]
        add("ml_change_line", input(ml(para)), input(ml(para.map { $0 == "third line" ? "THIRD line" : $0 })))
        add("ml_add_line", input(ml(para)), input(ml(Array(para[0..<2]) + ["inserted"] + Array(para[2...]))))
        add("ml_remove_line", input(ml(para)), input(ml(para.filter { $0 != "second line" })))
        add("ml_to_single", input(ml(para)), input("\"single\""))
        add("single_to_ml", input("\"single\""), input(ml(para)))
        add("ml_indented", input(ml(["a:", "  b: 1", "  c: 2"])), input(ml(["a:", "  b: 1", "  c: 3"])))
        add("ml_blank_lines", input("\"x\\n\\ny\\n\""), input("\"x\\n\\nz\\n\""))
        add("ml_leading_ws", input("\"\\n  lead\\ntrail  \\n\""), input("\"\\n  lead\\ntrail2\\n\""))
        add("ml_in_obj", input("{\n    text = \(ml(para))\n    n = 1\n  }"), input("{\n    text = \(ml(Array(para.dropLast())))\n    n = 1\n  }"))
        add("ml_in_list", input("[\"a\\nb\", \"c\"]"), input("[\"a\\nB\", \"c\"]"))
        add("ml_quotes", input("\"say \\\"hi\\\"\\nback\\\\slash\\n\""), input("\"say \\\"ho\\\"\\nback\\\\slash\\n\""))
        // JSON documents in strings.
        let j1 = "jsonencode({ name = \"n\", port = 80, tags = [\"a\", \"b\"], nested = { x = 1, y = 2, z = 3 } })"
        add("json_leaf", input(j1), input("jsonencode({ name = \"n\", port = 81, tags = [\"a\", \"b\"], nested = { x = 1, y = 2, z = 3 } })"))
        add("json_add_key", input(j1), input("jsonencode({ name = \"n\", port = 80, tags = [\"a\", \"b\"], nested = { x = 1, y = 2, z = 3 }, extra = true })"))
        add("json_nested", input(j1), input("jsonencode({ name = \"n\", port = 80, tags = [\"a\", \"b\"], nested = { x = 1, y = 20, z = 3 } })"))
        add("json_list_insert", input(j1), input("jsonencode({ name = \"n\", port = 80, tags = [\"a\", \"c\", \"b\"], nested = { x = 1, y = 2, z = 3 } })"))
        add("json_whitespace", input("\"{\\\"a\\\":1}\""), input("\"{\\\"a\\\": 1}\""))
        add("json_to_plain", input(j1), input("\"plain\""))
        add("plain_to_json", input("\"plain\""), input(j1))
        add("json_array", input("jsonencode([1, 2, 3])"), input("jsonencode([1, 5, 3])"))
        add("json_type_change", input("jsonencode({ a = \"1\" })"), input("jsonencode({ a = 1 })"))
        add("json_in_obj", input("{ policy = \(j1), n = 1 }"), input("{ policy = jsonencode({ name = \"m\" }), n = 1 }"))
        add("json_empty", input("jsonencode({})"), input("jsonencode({ a = 1 })"))
        add("json_null_member", input("jsonencode({ a = null, b = 1 })"), input("jsonencode({ a = 1, b = 1 })"))
        add("json_scalar", input("jsonencode(\"x\")"), input("jsonencode(\"y\")"))
        // Sensitive values.
        add("sens_whole", input("sensitive(\"a\")"), input("sensitive(\"b\")"))
        add("sens_same", input("sensitive(\"a\")"), input("sensitive(\"a\")"))
        add("sens_to_plain", input("sensitive(\"a\")"), input("\"a\""))
        add("plain_to_sens", input("\"a\""), input("sensitive(\"a\")"))
        add("sens_nested", input("{ user = \"u\", pass = sensitive(\"p\") }"), input("{ user = \"u2\", pass = sensitive(\"p\") }"))
        add("sens_nested_change", input("{ user = \"u\", pass = sensitive(\"p\") }"), input("{ user = \"u\", pass = sensitive(\"q\") }"))
        add("sens_in_list", input("[\"a\", sensitive(\"b\"), \"c\"]"), input("[\"a\", sensitive(\"b\"), \"d\"]"))
        add("sens_var", input("var.secret"), input("\"${var.secret}-x\""))
        add("sens_var_obj", input("var.secret_obj"), input("merge(var.secret_obj, { extra = 1 })"))
        add("sens_obj_key_add", input("{ a = 1 }"), input("{ a = 1, s = sensitive(2) }"))
        add("sens_list_elem_add", input("[1, 2]"), input("[1, 2, sensitive(3)]"))
        add("sens_deep", input("{ a = { b = { c = sensitive(\"x\"), d = 1 } } }"), input("{ a = { b = { c = sensitive(\"x\"), d = 2 } } }"))
        add("sens_to_null", input("sensitive(\"a\")"), input("null"))
        add("null_to_sens", input("null"), input("sensitive(\"a\")"))
        add("sens_json", input("sensitive(jsonencode({ a = 1 }))"), input("sensitive(jsonencode({ a = 2 }))"))
        add("sens_ml", input("sensitive(\"a\\nb\\n\")"), input("sensitive(\"a\\nc\\n\")"))
        add("create_sens_nested", nil, input("{ a = sensitive(\"x\"), b = [sensitive(1), 2] }"))
        add("destroy_sens_nested", input("{ a = sensitive(\"x\"), b = [sensitive(1), 2] }"), nil)
        // Unknown values (terraform_data.src.output is unknown in step 2).
        add("unk_whole", input("\"x\""), input("terraform_data.src.output"))
        add("unk_in_obj", input("{ a = \"x\", b = \"y\" }"), input("{ a = \"x\", b = terraform_data.src.output }"))
        add("unk_new_key", input("{ a = \"x\" }"), input("{ a = \"x\", b = terraform_data.src.output }"))
        add("unk_in_list", input("[\"a\", \"b\", \"c\"]"), input("[\"a\", terraform_data.src.output, \"c\"]"))
        add("unk_list_append", input("[\"a\"]"), input("[\"a\", terraform_data.src.output]"))
        add("unk_deep", input("{ a = { b = [1, { c = \"x\" }] } }"), input("{ a = { b = [1, { c = terraform_data.src.output }] } }"))
        add("unk_from_null", input("null"), input("terraform_data.src.output"))
        add("unk_in_set", input("toset([\"a\", \"b\"])"), input("toset([\"a\", terraform_data.src.output])"))
        add("unk_map_value", input("tomap({ a = \"1\", b = \"2\" })"), input("tomap({ a = \"1\", b = terraform_data.src.output })"))
        add("unk_sens", input("{ a = sensitive(\"s\"), b = 1 }"), input("{ a = sensitive(\"s\"), b = terraform_data.src.output }"))
        add("unk_json", input("jsonencode({ a = 1 })"), input("jsonencode({ a = terraform_data.src.output })"))
        add("create_unk", nil, input("{ a = terraform_data.src.output, b = [terraform_data.src.output, 1] }"))
        // Replacement through triggers_replace.
        func tr(_ t: String, _ i: String? = nil) -> String { (i.map { input($0) + "\n" } ?? "") + "  triggers_replace = \(t)" }
        add("tr_string", tr("\"a\""), tr("\"b\""))
        add("tr_obj_leaf", tr("{ a = 1, b = 2 }"), tr("{ a = 1, b = 3 }"))
        add("tr_list_insert", tr("[1, 2, 3]"), tr("[1, 4, 2, 3]"))
        add("tr_with_input", tr("\"a\"", "{ x = 1 }"), tr("\"b\"", "{ x = 2 }"))
        add("tr_same_input_change", tr("\"a\"", "{ x = 1 }"), tr("\"a\"", "{ x = 2 }"))
        add("tr_null_to_val", tr("null"), tr("\"v\""))
        add("tr_val_to_null", tr("\"v\""), tr("null"))
        add("tr_sens", tr("sensitive(\"a\")"), tr("sensitive(\"b\")"))
        add("tr_unknown", tr("\"a\""), tr("terraform_data.src.output"))
        add("tr_json", tr("jsonencode({ a = 1, b = 2 })"), tr("jsonencode({ a = 1, b = 3 })"))
        add("tr_ml", tr("\"x\\ny\\n\""), tr("\"x\\nz\\n\""))
        add("tr_map", tr("tomap({ a = \"1\" })"), tr("tomap({ a = \"2\" })"))
        add("tr_set", tr("toset([\"a\"])"), tr("toset([\"a\", \"b\"])"))
        add("tr_type", tr("1"), tr("\"1\""))
        add("tr_deep", tr("{ a = { b = { c = 1 } }, d = 1 }"), tr("{ a = { b = { c = 2 } }, d = 1 }"))
        // Edge shapes: keys needing quotes, nulls inside objects, long lists, JSON corner cases.
        add("key_quoting", input("{ \"\" = 1, \"a.b\" = 2, \"ü\" = 3, \"q\\\"k\" = 4 }"), input("{ \"\" = 2, \"a.b\" = 2, \"ü\" = 4, \"q\\\"k\" = 5 }"))
        add("map_key_quoting", input("tomap({ \"with space\" = \"1\", plain = \"2\" })"), input("tomap({ \"with space\" = \"3\", plain = \"2\" })"))
        add("obj_null_member", input("{ a = null, b = 1 }"), input("{ a = \"now\", b = 1 }"))
        add("obj_member_to_null", input("{ a = \"was\", b = 1 }"), input("{ a = null, b = 1 }"))
        add("obj_null_members_same", input("{ a = null, b = 1 }"), input("{ a = null, b = 2 }"))
        let long = Array(1...30)
        add("long_list_two_runs", input(nums(long)), input(nums(long.map { $0 == 8 || $0 == 22 ? $0 * 100 : $0 })))
        add("long_list_edges", input(nums(long)), input(nums(Array(long.dropFirst().dropLast()))))
        add("list_obj_pairing", input("[{ a = 1 }, { b = 2 }, \"s\", { c = 3 }]"), input("[{ a = 10 }, \"s\", { c = 3 }, { d = 4 }]"))
        add("list_mixed_types", input("[1, \"1\", true, null, [1], { a = 1 }]"), input("[1, \"2\", false, null, [2], { a = 2 }]"))
        add("nested_lists_insert", input("[[1, 2, 3], [4, 5, 6]]"), input("[[1, 2, 3], [7], [4, 5, 6]]"))
        add("json_number_text", input("\"{\\\"n\\\": 1.0, \\\"m\\\": 1e3}\""), input("\"{\\\"n\\\": 1.50, \\\"m\\\": 1e3}\""))
        add("json_leading_space", input("\" {\\\"a\\\": 1}\""), input("\" {\\\"a\\\": 2}\""))
        add("json_list_of_obj", input("jsonencode([{ n = 1, v = \"a\" }, { n = 2, v = \"b\" }])"), input("jsonencode([{ n = 1, v = \"a\" }, { n = 2, v = \"c\" }, { n = 3, v = \"d\" }])"))
        add("json_deep_hidden", input("jsonencode({ a = { b = { c = 1, d = 2, e = [1, 2, 3] } }, f = 1, g = 2 })"), input("jsonencode({ a = { b = { c = 1, d = 3, e = [1, 2, 3] } }, f = 1, g = 2 })"))
        add("json_to_ml", input("jsonencode({ a = 1 })"), input("\"x\\ny\\n\""))
        add("json_array_to_obj", input("jsonencode([1])"), input("jsonencode({ a = 1 })"))
        add("json_invalid_trailing", input("\"{} x\""), input("\"{} y\""))
        add("ml_crlf", input("\"a\\r\\nb\\r\\n\""), input("\"a\\r\\nc\\r\\n\""))
        add("ml_trailing_space", input("\"a \\nb\\n\""), input("\"a\\nb\\n\""))
        add("ml_only_newlines", input("\"\\n\\n\""), input("\"\\n\\n\\n\""))
        add("ml_long_unchanged", input(ml((1...12).map { "line \($0)" })), input(ml((1...12).map { $0 == 6 ? "changed" : "line \($0)" })))
        add("control_chars", input("\"bell\\u0007 nul-ish \\u001b[0m\""), input("\"bell2\\u0007\""))
        add("emoji_zwj", input("\"👩‍💻 e\\u0301\""), input("\"👩‍💻 é\""))
        add("numbers_extreme", input("[1e300, -1e-300, 0.30000000000000004, -0]"), input("[1e301, -1e-300, 0.3, 0]"))
        add("big_ints", input("[9007199254740993, 18446744073709551616]"), input("[9007199254740992, 18446744073709551617]"))
        add("sens_whole_obj_change", input("sensitive({ a = 1 })"), input("{ a = 1 }"))
        add("sens_list_whole", input("[\"a\", \"b\"]"), input("sensitive([\"a\", \"b\"])"))
        add("sens_var_in_list", input("[\"x\", var.secret]"), input("[\"y\", var.secret]"))
        add("sens_map_value", input("tomap({ a = \"1\", b = sensitive(\"2\") })"), input("tomap({ a = \"1\", b = sensitive(\"3\"), c = \"4\" })"))
        add("sens_set_member", input("toset([\"a\", sensitive(\"b\")])"), input("toset([\"a\", \"c\"])"))
        add("unk_whole_obj", input("{ a = 1 }"), input("{ a = 1, b = [terraform_data.src.output] }"))
        add("unk_tuple_from_empty", input("[]"), input("[terraform_data.src.output]"))
        add("unk_set_from_null", input("null"), input("toset([terraform_data.src.output])"))
        add("create_json_nested", nil, input("{ doc = jsonencode({ a = [1, { b = \"x\\ny\" }] }), text = \"p\\nq\\n\" }"))
        add("destroy_json_ml", input("{ doc = jsonencode({ a = [1, { b = \"x\" }] }), text = \"p\\nq\\n\" }"), nil)
        add("tr_whitespace_json", tr("\"{\\\"a\\\":1}\""), tr("\"{ \\\"a\\\": 1 }\""))
        add("tr_list_of_obj", tr("[{ a = 1 }, { a = 2 }]"), tr("[{ a = 1 }, { a = 3 }]"))
        add("tr_and_input_unknown", tr("\"a\"", "\"x\""), tr("\"b\"", "terraform_data.src.output"))
        // Instance keys, replacement orders and triggers in headers.
        add("each_keys", "  for_each = toset([\"a b\", \"ü\", \"q\\\"x\", \"1\"])\n  input    = each.key", "  for_each = toset([\"a b\", \"ü\", \"new\"])\n  input    = \"${each.key}!\"")
        add("count_shrink", "  count = 3\n  input = count.index", "  count = 2\n  input = count.index * 10")
        add("cbd_replace", tr("\"a\"", "{ k = 1 }") + "\n  lifecycle {\n    create_before_destroy = true\n  }", tr("\"b\"", "{ k = 2 }") + "\n  lifecycle {\n    create_before_destroy = true\n  }")
        add("rtb", input("\"same\"") + "\n  lifecycle {\n    replace_triggered_by = [terraform_data.src]\n  }", input("\"same\"") + "\n  lifecycle {\n    replace_triggered_by = [terraform_data.src]\n  }")
        add("sens_var_attr", input("var.secret_obj.user"), input("{ u = var.secret_obj.user, n = 1 }"))
        add("nonsensitive_var", input("nonsensitive(var.secret)"), input("var.secret"))
        add("unk_in_sens_list", input("sensitive([\"a\"])"), input("sensitive([terraform_data.src.output])"))
        add("tuple_len_change_obj", input("[{ a = 1, b = 2 }]"), input("[{ a = 1, b = 3 }, { a = 2, b = 2 }]"))
        add("obj_list_to_map", input("[{ k = 1 }]"), input("{ k = 1 }"))
        add("deep_six", input("{ a = { b = { c = { d = { e = { f = 1, g = 2 } } } } } }"), input("{ a = { b = { c = { d = { e = { f = 1, g = 3 } } } } } }"))
        add("empty_string_leaf", input("{ a = \"\", b = 1 }"), input("{ a = \"x\", b = 1 }"))
        add("empty_string_to_null", input("\"\""), input("null"))
        add("ml_in_json", input("jsonencode({ t = \"a\\nb\" })"), input("jsonencode({ t = \"a\\nc\" })"))
        add("json_string_in_list", input("[jsonencode({ a = 1 }), \"x\"]"), input("[jsonencode({ a = 2 }), \"x\"]"))
        // Random nested values and mutations of them (fixed seed, so the corpus is stable).
        var rng = CorpusRandom(seed: 0x5eed)
        for i in 0..<48 {
            let v = RandomValue.make(&rng, depth: 3)
            let w = v.mutated(&rng, allowUnknown: i % 4 == 3)
            add("rand\(i)", input(v.hcl), input(w.hcl))
        }
        // Outputs with the same shapes.
        let outs: [(String, String, String)] = [
            ("str", "\"a\"", "\"b\""), ("num", "1", "2.5"), ("obj", "{ a = 1, b = 2 }", "{ a = 1, b = 3 }"),
            ("list", "[1, 2, 3]", "[1, 3]"), ("map", "tomap({ a = \"x\" })", "tomap({ a = \"y\", b = \"z\" })"),
            ("set", "toset([\"a\"])", "toset([\"b\"])"), ("ml", "\"a\\nb\\n\"", "\"a\\nc\\n\""),
            ("json", "jsonencode({ a = 1 })", "jsonencode({ a = 2 })"), ("type", "\"1\"", "[1]"),
            ("null_to_val", "null", "\"v\""), ("val_to_null", "\"v\"", "null"), ("unknown", "\"x\"", "terraform_data.src.output"),
            ("deep", "{ a = { b = [1, { c = 2 }] } }", "{ a = { b = [1, { c = 3 }] } }"), ("empty", "[]", "{}"),
            ("bool", "true", "false"), ("quoted", "\"q\\\"uote\"", "\"back\\\\slash\""),
        ]
        for (tag, a, b) in outs { output(tag, "  value = \(a)", "  value = \(b)") }
        output("sens", "  value     = \"a\"\n  sensitive = true", "  value     = \"b\"\n  sensitive = true")
        output("sens_same", "  value     = \"a\"\n  sensitive = true", "  value     = \"a\"\n  sensitive = true")
        output("added", nil, "  value = { x = [1] }")
        output("removed", "  value = { x = [1] }", nil)
        output("added_sens", nil, "  value     = \"s\"\n  sensitive = true")
        output("removed_sens", "  value     = \"s\"\n  sensitive = true", nil)
        output("unchanged", "  value = \"same\"", "  value = \"same\"")
        output("list_of_obj", "  value = [{ a = 1 }, { a = 2 }]", "  value = [{ a = 1 }, { a = 3 }, { a = 4 }]")
        output("unknown_nested", "  value = { a = \"x\", b = [1] }", "  value = { a = terraform_data.src.output, b = [1, 2] }")
        output("long_list", "  value = \(nums(long))", "  value = \(nums(long.map { $0 == 15 ? 0 : $0 }))")
        output("json_doc", "  value = jsonencode({ a = [1, 2], b = { c = 1 } })", "  value = jsonencode({ a = [1, 3], b = { c = 1 } })")
        output("heredoc", "  value = \(ml(para))", "  value = \(ml(para.reversed()))")
        output("quoted_keys", "  value = { \"a b\" = 1 }", "  value = { \"a b\" = 2 }")
        output("sens_obj", "  value     = { a = 1 }\n  sensitive = true", "  value     = { a = 2 }\n  sensitive = true")
        output("null_both", "  value = null", "  value = null")
        return out
    }

    /// Resources first in batches of `size` with a few outputs mixed in.
    static func batches(size: Int = 20) -> [RenderBatch] {
        let all = cases
        var result: [RenderBatch] = []
        var i = 0
        while i < all.count {
            let slice = Array(all[i..<min(all.count, i + size)])
            result.append(RenderBatch(index: result.count, cases: slice))
            i += size
        }
        return result
    }
}

/// A small deterministic generator (64-bit LCG) for the random part of the corpus.
struct CorpusRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(max(1, n)))
    }
}

/// A value shape for the random corpus, rendered as an HCL expression.
indirect enum RandomValue {
    case str(String), num(String), bool(Bool), null, unknown
    case tuple([RandomValue]), object([(String, RandomValue)]), set([String]), map([(String, String)])
    case sensitive(RandomValue), json(RandomValue), multiline([String])

    static let words = ["a", "b", "x y", "é", "{}", "q\\\"", "$${x}", "", "long-value-\(String(repeating: "z", count: 30))"]
    static let keys = ["a", "b", "c", "name", "id", "tags", "with space", "9lives", "k-1"]

    static func leaf(_ r: inout CorpusRandom) -> RandomValue {
        switch r.next(8) {
        case 0, 1: return .str(words[r.next(words.count)])
        case 2: return .num(["0", "-1", "2.5", "1e9", "7"][r.next(5)])
        case 3: return .bool(r.next(2) == 0)
        case 4: return .null
        case 5: return .multiline((0..<(2 + r.next(3))).map { "l\($0)" })
        default: return .str("s\(r.next(100))")
        }
    }

    static func make(_ r: inout CorpusRandom, depth: Int) -> RandomValue {
        if depth == 0 { return leaf(&r) }
        switch r.next(9) {
        case 0, 1: return .tuple((0..<r.next(5)).map { _ in make(&r, depth: depth - 1) })
        case 2, 3, 4:
            var used = Set<String>()
            var members: [(String, RandomValue)] = []
            for _ in 0..<(1 + r.next(4)) {
                let k = keys[r.next(keys.count)]
                if used.insert(k).inserted { members.append((k, make(&r, depth: depth - 1))) }
            }
            return .object(members)
        case 5: return .set(Array(Set((0..<(1 + r.next(4))).map { _ in "e\(r.next(6))" })).sorted())
        case 6: return .map((0..<(1 + r.next(3))).map { ("m\($0)", "v\(r.next(4))") })
        case 7: return .json(make(&r, depth: depth - 1))
        default: return leaf(&r)
        }
    }

    /// One change somewhere inside the value.
    func mutated(_ r: inout CorpusRandom, allowUnknown: Bool) -> RandomValue {
        switch self {
        case .tuple(let items) where !items.isEmpty:
            var xs = items
            let i = r.next(xs.count)
            switch r.next(4) {
            case 0: xs.insert(RandomValue.leaf(&r), at: i)
            case 1: xs.remove(at: i)
            default: xs[i] = xs[i].mutated(&r, allowUnknown: allowUnknown)
            }
            return .tuple(xs)
        case .object(let members) where !members.isEmpty:
            var ms = members
            let i = r.next(ms.count)
            switch r.next(5) {
            case 0: ms.remove(at: i)
            case 1: if !ms.contains(where: { $0.0 == "added" }) { ms.append(("added", RandomValue.leaf(&r))) }
            case 2: ms[i].1 = .sensitive(ms[i].1)
            default: ms[i].1 = ms[i].1.mutated(&r, allowUnknown: allowUnknown)
            }
            return .object(ms)
        case .set(let xs):
            var ys = xs
            if r.next(2) == 0, !ys.isEmpty { ys.remove(at: r.next(ys.count)) } else { ys.append("new\(r.next(9))") }
            return .set(Array(Set(ys)).sorted())
        case .map(let ms):
            var ns = ms
            if r.next(2) == 0 { ns[r.next(ns.count)].1 = "changed" } else { ns.append(("m\(ns.count + 5)", "n")) }
            return .map(ns)
        case .json(let inner): return .json(inner.mutated(&r, allowUnknown: false))
        case .multiline(let lines):
            var ls = lines
            ls[r.next(ls.count)] = "changed"
            return .multiline(ls)
        case .sensitive(let inner): return r.next(2) == 0 ? inner : .sensitive(inner.mutated(&r, allowUnknown: false))
        default:
            if allowUnknown && r.next(2) == 0 { return .unknown }
            return r.next(3) == 0 ? RandomValue.make(&r, depth: 1) : RandomValue.leaf(&r)
        }
    }

    var hcl: String {
        switch self {
        case .str(let s): return "\"\(s)\""
        case .num(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .unknown: return "terraform_data.src.output"
        case .tuple(let xs): return "[" + xs.map(\.hcl).joined(separator: ", ") + "]"
        case .object(let ms): return "{ " + ms.map { "\"\($0.0)\" = \($0.1.hcl)" }.joined(separator: ", ") + " }"
        case .set(let xs): return "toset([" + xs.map { "\"\($0)\"" }.joined(separator: ", ") + "])"
        case .map(let ms): return "tomap({ " + ms.map { "\($0.0) = \"\($0.1)\"" }.joined(separator: ", ") + " })"
        case .sensitive(let v): return "sensitive(\(v.hcl))"
        case .json(let v): return "jsonencode(\(v.hcl))"
        case .multiline(let ls): return "\"" + ls.joined(separator: "\\n") + "\\n\""
        }
    }
}

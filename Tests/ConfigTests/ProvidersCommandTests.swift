import Foundation
import Testing

@Suite(.serialized, .enabled(if: haveTerraform, "terraform not installed: providers differential skipped"))
struct ProvidersCommandDifferentialTests {
    @Test func treeMatchesTerraform() {
        let dir = tempDir("providers")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("terraform {\n  required_providers {\n    random = {\n      source  = \"hashicorp/random\"\n      version = \"~> 3.0\"\n    }\n  }\n}\nmodule \"m\" {\n  source = \"./m\"\n}\nresource \"terraform_data\" \"a\" {}\nresource \"random_id\" \"x\" {\n  byte_length = 2\n}\n", to: dir + "/main.tf")
        // terraform walks Go maps here, so sibling order varies run to run: compare siblings as sets.
        write("resource \"terraform_data\" \"b\" {}\nmodule \"n\" {\n  source = \"./n\"\n}\n", to: dir + "/m/main.tf")
        write("resource \"terraform_data\" \"c\" {}\n", to: dir + "/m/n/main.tf")
        sh("terraform init -backend=false -input=false", in: dir)
        let (_, theirs) = sh("terraform providers 2>/dev/null", in: dir)
        let (code, ours, _) = runTerraswift(["providers"], in: dir)
        #expect(code == 0)
        #expect(canonicalTree(ours) == canonicalTree(theirs))
        #expect(canonicalTree(theirs).contains("provider[registry.terraform.io/hashicorp/random] ~> 3.0"))
    }

    /// After an apply, terraform adds the providers the state records.
    @Test func stateSectionMatchesTerraform() throws {
        let dir = tempDir("providers-state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("resource \"terraform_data\" \"a\" {}\n", to: dir + "/main.tf")
        sh("terraform init -backend=false -input=false", in: dir)
        sh("terraform apply -auto-approve -input=false", in: dir)
        #expect(FileManager.default.fileExists(atPath: dir + "/terraform.tfstate"))
        let (_, theirs) = sh("terraform providers 2>/dev/null", in: dir)
        let (code, ours, _) = runTerraswift(["providers"], in: dir)
        #expect(code == 0)
        #expect(theirs.contains("Providers required by state:\n\n    provider[terraform.io/builtin/terraform]\n\n"))
        #expect(ours == theirs, "--- terraform\n\(theirs)--- terraswift\n\(ours)")
    }

    @Test func schemaJSONMatchesTerraformForTheBuiltInProvider() {
        let dir = tempDir("providers-schema")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("resource \"terraform_data\" \"a\" {}\n", to: dir + "/main.tf")
        sh("terraform init -backend=false -input=false", in: dir)
        let (_, theirs) = sh("terraform providers schema -json 2>/dev/null", in: dir)
        let (code, ours, _) = runTerraswift(["providers", "schema", "-json"], in: dir)
        #expect(code == 0)
        #expect(ours == theirs)
    }
}

/// The tree printed by `providers`, with each node's children sorted, rendered one node a line with
/// two spaces per level. Text outside the tree (heading, blank lines) is kept in place.
func canonicalTree(_ text: String) -> String {
    final class Node { var label: String; var children: [Node] = []; init(_ l: String) { label = l } }
    let root = Node("")
    var stack: [(depth: Int, node: Node)] = [(-1, root)]
    var header: [String] = []
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        var rest = Substring(raw)
        var depth = 0
        var isNode = false
        while true {
            if rest.hasPrefix("│   ") || rest.hasPrefix("    ") { rest = rest.dropFirst(4); depth += 1; continue }
            if rest.hasPrefix("├── ") || rest.hasPrefix("└── ") { rest = rest.dropFirst(4); depth += 1; isNode = true }
            break
        }
        if !isNode {
            if raw == "." { stack = [(0, root)] } else if stack.count <= 1 { header.append(raw) }
            continue
        }
        while let last = stack.last, last.depth >= depth { stack.removeLast() }
        let node = Node(String(rest))
        stack.last!.node.children.append(node)
        stack.append((depth, node))
    }
    func render(_ n: Node, _ level: Int) -> [String] {
        n.children.sorted { $0.label < $1.label }.flatMap { [String(repeating: "  ", count: level) + $0.label] + render($0, level + 1) }
    }
    return (header + render(root, 0)).joined(separator: "\n")
}

import Foundation
import Testing

@Suite(.serialized, .enabled(if: haveTerraform, "terraform not installed: providers differential skipped"))
struct ProvidersCommandDifferentialTests {
    @Test func treeMatchesTerraform() {
        let dir = tempDir("providers")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("terraform {\n  required_providers {\n    random = {\n      source  = \"hashicorp/random\"\n      version = \"~> 3.0\"\n    }\n  }\n}\nmodule \"m\" {\n  source = \"./m\"\n}\nresource \"terraform_data\" \"a\" {}\nresource \"random_id\" \"x\" {\n  byte_length = 2\n}\n", to: dir + "/main.tf")
        // One child per level: terraform lists sibling modules in map order, which varies run to run.
        write("resource \"terraform_data\" \"b\" {}\nmodule \"n\" {\n  source = \"./n\"\n}\n", to: dir + "/m/main.tf")
        write("resource \"terraform_data\" \"c\" {}\n", to: dir + "/m/n/main.tf")
        sh("terraform init -backend=false -input=false", in: dir)
        let (_, theirs) = sh("terraform providers 2>/dev/null", in: dir)
        let (code, ours, _) = runTerraswift(["providers"], in: dir)
        #expect(code == 0)
        #expect(ours == theirs)
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

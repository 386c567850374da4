import CLI
import Foundation
import Testing
@testable import Config

func runTerraswift(_ args: [String], in dir: String, env: [String: String] = [:]) -> (Int32, String, String) {
    let capture = OutputCapture()
    let io = Terraswift.IO(out: { capture.out += $0 }, err: { capture.err += $0 })
    let code = Terraswift.run(arguments: args, environment: env, workingDirectory: dir, io: io)
    return (code, capture.out, capture.err)
}

@Suite(.serialized) struct InitCommandTests {
    @Test func installsModulesAndNamesBuiltInProviders() {
        let dir = tempDir("init")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("terraform {\n  required_providers {\n    random = {\n      source  = \"hashicorp/random\"\n      version = \"~> 3.0\"\n    }\n  }\n}\nmodule \"m\" {\n  source = \"./m\"\n}\nresource \"terraform_data\" \"a\" {}\n", to: dir + "/main.tf")
        write("output \"x\" {\n  value = 1\n}\n", to: dir + "/m/main.tf")
        let (code, out, err) = runTerraswift(["init", "-no-color"], in: dir)
        #expect(code == 0, "\(err)")
        #expect(out.contains("- m in m\n"))
        #expect(out.contains("- Using hashicorp/random v3.7.2, built into Terraswift\n"))
        #expect(out.contains("- terraform.io/builtin/terraform is built in to Terraform\n"))
        #expect(out.contains("Terraform has been successfully initialized!"))
        #expect(FileManager.default.fileExists(atPath: dir + "/.terraform/modules/modules.json"))
        // Nothing pretends to be a provider lock.
        #expect(!FileManager.default.fileExists(atPath: dir + "/.terraform.lock.hcl"))
        // Running it again installs nothing new, and says nothing about modules.
        let (again, out2, _) = runTerraswift(["init", "-no-color"], in: dir)
        #expect(again == 0)
        #expect(!out2.contains("- m in m"))
    }

    @Test func unknownProviderAndUnmetConstraint() {
        let dir = tempDir("init-prov")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n    }\n    random = {\n      source  = \"hashicorp/random\"\n      version = \">= 9.0\"\n    }\n  }\n}\n", to: dir + "/main.tf")
        let (code, out, err) = runTerraswift(["init", "-no-color"], in: dir)
        #expect(code == 1)
        #expect(err.contains("Error: Failed to query available provider packages"))
        #expect(err.contains("hashicorp/aws"))
        #expect(out.contains("Warning: Provider version constraint not met"))
    }

    @Test(.enabled(if: haveTerraform, "terraform not installed: backend settings differential skipped"))
    func backendSettingsMatchTerraformsFile() throws {
        let dir = tempDir("init-backend")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("terraform {\n  backend \"http\" {\n    retry_max = 5\n  }\n}\n", to: dir + "/main.tf")
        let flags = ["-backend-config=address=http://127.0.0.1:9/state", "-backend-config=username=u", "-backend-config=skip_cert_verification=true"]
        let (code, _, err) = runTerraswift(["init", "-no-color"] + flags, in: dir)
        #expect(code == 0, "\(err)")
        let ours = try String(contentsOfFile: dir + "/.terraform/terraform.tfstate", encoding: .utf8)
        try FileManager.default.removeItem(atPath: dir + "/.terraform")
        // terraform then fails to reach the (absent) server, after writing the same file.
        sh("timeout 60 terraform init -no-color -input=false " + flags.map { "'\($0)'" }.joined(separator: " "), in: dir)
        let theirs = try String(contentsOfFile: dir + "/.terraform/terraform.tfstate", encoding: .utf8)
        #expect(ours == theirs)
    }

    @Test func projectBootstrapConfigurationInitsAndValidates() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path + "/terraform"
        let dir = tempDir("bootstrap")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/.terraform")
        let (initCode, _, initErr) = runTerraswift(["init", "-no-color", "-backend=false"], in: dir)
        #expect(initCode == 0, "\(initErr)")
        let (code, out, err) = runTerraswift(["validate", "-no-color"], in: dir)
        #expect(code == 0, "\(err)")
        #expect(out == "Success! The configuration is valid.\n\n")

        // Seeded mistakes are caught at the right file and line.
        let nodes = dir + "/modules/nodes/main.tf"
        var text = try String(contentsOfFile: nodes, encoding: .utf8)
        text = text.replacingOccurrences(of: "flavor_name =", with: "flavour_name =")
        try text.write(toFile: nodes, atomically: true, encoding: .utf8)
        let (badCode, _, badErr) = runTerraswift(["validate", "-no-color"], in: dir)
        #expect(badCode == 1)
        #expect(badErr.contains("An argument named \"flavour_name\" is not expected here. Did you mean\n\"flavor_name\"?"))
        #expect(badErr.contains("on modules/nodes/main.tf line "))
    }
}

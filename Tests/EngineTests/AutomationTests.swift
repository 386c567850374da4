import Foundation
import Testing

/// `TF_IN_AUTOMATION` (set by GitLab's terraform images and most CI wrappers):
/// terraform leaves out the next steps it suggests to a person at a shell.
/// Both tools run the same steps with it set and without, output compared.
@Suite("TF_IN_AUTOMATION against terraform", .serialized)
struct AutomationTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); TF_IN_AUTOMATION tests need the oracle")
        }
    }

    static let main = """
    resource "terraform_data" "a" {
      input = "x"
    }
    output "o" {
      value = terraform_data.a.output
    }
    """

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: ["1", "true", ""])
    func stepsAgree(_ value: String) {
        let tfDir = Tools.tempDirectory("tf"), tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        Tools.write(["main.tf": AutomationTests.main], in: tfDir)
        Tools.write(["main.tf": AutomationTests.main], in: tsDir)
        let env = ["TF_IN_AUTOMATION": value]
        let steps: [[String]] = [
            ["init"], ["init", "-no-color"], ["plan", "-no-color"], ["plan"], ["plan", "-no-color", "-out=tfplan"],
            ["apply", "-no-color", "tfplan"], ["plan", "-no-color"],
        ]
        for args in steps {
            let tf = Tools.terraform(args, in: tfDir, env: env)
            let ts = Tools.terraswift(args, in: tsDir, env: env)
            let label = "TF_IN_AUTOMATION=\(value) \(args.joined(separator: " "))"
            #expect(ts.code == tf.code, "\(label): exit code")
            let a = Normalise.split(tf.out), b = Normalise.split(ts.out)
            #expect(b.body == a.body, "\(label)\n--- terraform\n\(a.body)\n--- terraswift\n\(b.body)")
            #expect(Normalise.ids(ts.err) == Normalise.ids(tf.err), "\(label): stderr")
        }
    }
}

/// `version` prints what terraform prints: its version, the platform and the
/// providers selected in the directory's dependency lock file.
@Suite("version against terraform", .serialized)
struct VersionCommandTests {
    static let lockFile = """
    # This file is maintained automatically by "terraform init".
    # Manual edits may be lost in future updates.

    provider "registry.terraform.io/hashicorp/random" {
      version     = "3.7.2"
      constraints = "~> 3.0"
      hashes = [
        "h1:abc=",
      ]
    }

    provider "registry.terraform.io/hashicorp/local" {
      version = "2.5.3"
    }

    """

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: [false, true])
    func versionAgrees(_ withLockFile: Bool) {
        let tfDir = Tools.tempDirectory("tf"), tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        if withLockFile {
            Tools.write([".terraform.lock.hcl": VersionCommandTests.lockFile], in: tfDir)
            Tools.write([".terraform.lock.hcl": VersionCommandTests.lockFile], in: tsDir)
        }
        for args in [["version"], ["version", "-json"]] {
            let tf = Tools.terraform(args, in: tfDir), ts = Tools.terraswift(args, in: tsDir)
            #expect(ts.code == tf.code)
            #expect(ts.out == tf.out, "\(args)\n--- terraform\n\(tf.out)--- terraswift\n\(ts.out)")
        }
    }
}

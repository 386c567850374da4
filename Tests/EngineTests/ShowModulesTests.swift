import Foundation
import Testing

/// `show` of a state with module instances: terraform's module walk decides the
/// blank lines between resources (one more before a module's resources, none
/// for a later sibling when the root has no resources).
@Suite("show with modules against terraform", .serialized)
struct ShowModulesTests {
    static let module = """
    variable "n" {}
    resource "terraform_data" "r" {
      count = 2
      input = var.n
    }
    """

    static let cases: [(String, String)] = [
        ("root resources then modules", """
        resource "terraform_data" "top" {
          input = "t"
        }
        module "a" {
          source   = "./m"
          for_each = toset(["x", "y"])
          n        = each.key
        }
        module "b" {
          source = "./m"
          n      = "b"
        }
        """),
        ("modules only", """
        module "a" {
          source = "./m"
          n      = "a"
        }
        module "b" {
          source = "./m"
          n      = "b"
        }
        module "c" {
          source = "./m"
          n      = "c"
        }
        """),
    ]

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: [0, 1])
    func showAgrees(_ index: Int) {
        let (name, main) = ShowModulesTests.cases[index]
        let tfDir = Tools.tempDirectory("tf"), tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        for dir in [tfDir, tsDir] { Tools.write(["main.tf": main, "m/main.tf": ShowModulesTests.module], in: dir) }
        for args in [["init", "-no-color"], ["apply", "-auto-approve", "-no-color"]] {
            #expect(Tools.terraform(args, in: tfDir).code == 0)
            #expect(Tools.terraswift(args, in: tsDir).code == 0)
        }
        let tf = Tools.terraform(["show", "-no-color"], in: tfDir), ts = Tools.terraswift(["show", "-no-color"], in: tsDir)
        #expect(Normalise.ids(ts.out) == Normalise.ids(tf.out), "\(name)\n--- terraform\n\(tf.out)--- terraswift\n\(ts.out)")
    }
}

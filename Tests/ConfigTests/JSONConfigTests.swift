import CLI
import Config
import Foundation
import HCL
import JSON
import Testing

/// `.tf.json` bodies of provider resources (not coverable by the terraform differential,
/// which has only the built-in provider offline): nested blocks and `dynamic` blocks are
/// read against the embedded provider schemas.
@Suite struct JSONConfigTests {
    static let config = """
    {
      "terraform": {"required_providers": {"openstack": {"source": "terraform-provider-openstack/openstack"}}},
      "variable": {"disks": {"type": "list(string)", "default": ["a", "b"]}},
      "resource": {
        "openstack_compute_instance_v2": {
          "vm": {
            "name": "vm",
            "network": [{"name": "net-a"}, {"name": "net-b"}],
            "dynamic": {"block_device": {"for_each": "${var.disks}", "iterator": "disk",
                        "content": {"uuid": "${disk.value}", "source_type": "image", "destination_type": "local"}}},
            "lifecycle": {"ignore_changes": ["user_data"]}
          }
        }
      }
    }

    """

    func validate(_ text: String) -> (Int32, JSONValue?) {
        let dir = tempDir("jsoncfg")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(text, to: dir + "/main.tf.json")
        let capture = OutputCapture()
        let io = Terraswift.IO(out: { capture.out += $0 }, err: { capture.err += $0 })
        let status = Terraswift.run(arguments: ["validate", "-json"], environment: [:], workingDirectory: dir, io: io)
        return (status, try? JSON.parse(capture.out))
    }

    @Test func providerBlocksAndDynamicBlocksValidate() {
        let (status, doc) = validate(Self.config)
        #expect(status == 0, "\(String(describing: doc))")
        #expect(doc?["valid"]?.boolValue == true)
    }

    @Test func mistakesInsideNestedAndDynamicBlocksAreFound() throws {
        let broken = Self.config
            .replacingOccurrences(of: #"{"name": "net-b"}"#, with: #"{"nmae": "net-b"}"#)
            .replacingOccurrences(of: #""source_type": "image""#, with: #""source_typ": "image""#)
        let (status, doc) = validate(broken)
        #expect(status == 1)
        let diags = try #require(doc?["diagnostics"]?.arrayValue)
        let found = diags.map { d in
            "\(d["summary"]?.stringValue ?? "")|\(d["detail"]?.stringValue ?? "")|\(d["range"]?["start"]?["line"]?.intValue ?? 0)"
        }.sorted()
        // hcl/json suggests the first attribute (in the schema's sorted order) within two edits: "mac" before "name".
        #expect(found == [
            "Extraneous JSON object property|No argument or block type is named \"nmae\". Did you mean \"mac\"?|8",
            "Extraneous JSON object property|No argument or block type is named \"source_typ\". Did you mean \"source_type\"?|10",
            "Missing required argument|The argument \"source_type\" is required, but no definition was found.|10",
        ], "\(found)")
    }

    @Test func resourceBodiesAreReadAsBlocksForTheEngine() throws {
        let dir = tempDir("jsoncfg-tree")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(Self.config, to: dir + "/main.tf.json")
        let (tree, _, diags) = ConfigTree.load(rootDirectory: dir)
        #expect(!diags.hasErrors, "\(diags.items)")
        let vm = try #require(tree.module.resources["openstack_compute_instance_v2.vm"])
        #expect(vm.config.blocks.filter { $0.type == "network" }.count == 2)
        #expect(vm.config.attributes.map(\.name).contains("name"))
        let dynamic = try #require(vm.config.blocks.first { $0.type == "dynamic" })
        #expect(dynamic.labels.map(\.value) == ["block_device"])
        #expect(dynamic.body.blocks.map(\.type) == ["content"])
        #expect(vm.lifecycle.ignoreChanges.count == 1)
    }
}

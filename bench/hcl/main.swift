import Foundation
import HCL

// Parse throughput on a large generated configuration: lexing alone, and
// lexing + parsing, in MB/s. Run: swift run -c release hcl-parse-bench [MB]
let megabytes = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 8
var text = ""
var i = 0
while text.utf8.count < megabytes * 1_000_000 {
    text += """
    resource "openstack_compute_instance_v2" "node_\(i)" {
      name        = "${var.cluster}-node-\(i)"
      flavor_name = lookup(var.flavors, "worker", "m1.large")
      image_id    = data.openstack_images_image_v2.ubuntu.id
      metadata = {
        role  = "worker"
        index = \(i)
      }
      user_data = templatefile("${path.module}/cloud-init.yaml", { token = var.token, n = \(i) })
      dynamic "network" {
        for_each = [for n in var.networks : n if n.enabled]
        content {
          uuid = network.value.id
        }
      }
      tags = [for t in var.tags : upper(t) if t != ""]
    }


    """
    i += 1
}
let bytes = Array(text.utf8)
let mb = Double(bytes.count) / 1_000_000

func measure(_ label: String, runs: Int = 3, _ body: () -> Int) {
    var best = Double.infinity
    var count = 0
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        count = body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
    }
    print(String(format: "%@: %.2f MB in %.3f s = %.1f MB/s (%d items)", label, mb, best, mb / best, count))
}

print("generated \(i) resource blocks, \(bytes.count) bytes")
measure("lex") { Lexer.scan(bytes, filename: "bench.tf").count }
measure("lex+parse") {
    let (file, diags) = Parser.parseFile(bytes, filename: "bench.tf")
    precondition(!diags.hasErrors, "generated file should parse")
    return file.body.blocks.count
}

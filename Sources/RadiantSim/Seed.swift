import JSON

/// What a fresh cloud holds: flavors, an image, a public network with a subnet, a default security group.
enum Seed {
    static func populate(_ sim: Simulator) {
        let store = sim.store
        let flavors: [(String, String, Int, Int, Int)] = [
            ("1", "m1.tiny", 512, 1, 1), ("2", "m1.small", 2048, 1, 20), ("3", "m1.medium", 4096, 2, 40),
            ("4", "m1.large", 8192, 4, 80), ("5", "m1.xlarge", 16384, 8, 160),
        ]
        for (id, name, ram, vcpus, disk) in flavors {
            store.put("flavors", id, .obj([
                ("id", .string(id)), ("name", .string(name)), ("ram", .int(ram)), ("vcpus", .int(vcpus)), ("disk", .int(disk)),
                ("OS-FLV-EXT-DATA:ephemeral", .int(0)), ("swap", .string("")), ("rxtx_factor", .number("1.0")),
                ("os-flavor-access:is_public", .bool(true)), ("OS-FLV-DISABLED:disabled", .bool(false)), ("description", .null),
                ("__extra_specs", .obj([("hw:cpu_policy", .string("shared"))])),
            ]))
        }
        let now = Clock.now()
        let project = sim.projectID
        for name in ["cirros", "ubuntu-22.04"] {
            let id = IDs.uuid()
            store.put("images", id, .obj([
                ("id", .string(id)), ("name", .string(name)), ("status", .string("active")), ("visibility", .string("public")),
                ("protected", .bool(false)), ("os_hidden", .bool(false)), ("checksum", .string("c4ca4238a0b923820dcc509a6f75849b")),
                ("os_hash_algo", .string("sha512")), ("os_hash_value", .string(String(repeating: "ab", count: 64))),
                ("owner", .string(project)), ("size", .int(21430272)), ("virtual_size", .int(117440512)),
                ("min_disk", .int(0)), ("min_ram", .int(0)), ("container_format", .string("bare")), ("disk_format", .string("qcow2")),
                ("tags", .emptyArray), ("created_at", .string(Clock.iso(now))), ("updated_at", .string(Clock.iso(now))),
                ("file", .string("/v2/images/\(id)/file")), ("self", .string("/v2/images/\(id)")), ("schema", .string("/v2/schemas/image")),
                ("hw_disk_bus", .string("virtio")),
            ]))
        }
        let net = Network(sim: sim)
        let external = net.makeNetwork(.obj([("name", .string("public")), ("router:external", .bool(true)), ("shared", .bool(false))]), project: project)
        if let extID = external.string("id") {
            _ = net.makeSubnet(.obj([("network_id", .string(extID)), ("name", .string("public-subnet")), ("cidr", .string("172.24.4.0/24")),
                                     ("ip_version", .int(4)), ("enable_dhcp", .bool(false))]), project: project)
        }
        _ = net.ensureDefaultSecurityGroup(project: project)
    }
}

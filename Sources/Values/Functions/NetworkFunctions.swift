import BigInt

// The IP network family: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets,
// with go-cidr's arithmetic as Terraform 1.11 uses it (see IPNetwork).

extension FunctionTable {
    public static let networkFamily: [String: Function] = [
        "cidrhost": Function(
            parameters: [FunctionParameter("prefix", .string), FunctionParameter("hostnum", .number)], returns: .string
        ) { args, _ in
            let host = try bigWhole(args[1])
            let net = try parseNetwork(args[0].str)
            do { return .string(try net.host(host).description) } catch let e as IPNetwork.CIDRError { throw FunctionCallError(e.description) }
        },
        "cidrnetmask": Function(parameters: [FunctionParameter("prefix", .string)], returns: .string) { args, _ in
            let net = try parseNetwork(args[0].str)
            guard net.address.ipv4 != nil, let mask = net.netmask else {
                throw FunctionCallError("IPv6 addresses cannot have a netmask: \(args[0].str)")
            }
            return .string(mask.description)
        },
        "cidrsubnet": Function(
            parameters: [FunctionParameter("prefix", .string), FunctionParameter("newbits", .number), FunctionParameter("netnum", .number)],
            returns: .string
        ) { args, _ in
            let newBits = try wholeInt(args[1])
            let num = try bigWhole(args[2], message: "value must be a whole number, between -9223372036854775808 and 9223372036854775807")
            let net = try parseNetwork(args[0].str)
            do {
                return .string(try net.subnet(newBits: newBits, number: num).description)
            } catch let e as IPNetwork.CIDRError {
                throw FunctionCallError(e.description)
            }
        },
        "cidrsubnets": Function(
            parameters: [FunctionParameter("prefix", .string)],
            variadic: FunctionParameter("newbits", .number),
            returns: .list(.string)
        ) { args, _ in
            let net: IPNetwork
            do { net = try IPNetwork.parse(args[0].str) } catch let e as IPNetwork.ParseError {
                throw FunctionArgumentError(argument: 0, "invalid CIDR expression: \(e.description)")
            }
            var bits: [Int] = []
            for (i, a) in args.dropFirst().enumerated() {
                guard let n = a.numberValue, n.isInteger, let v = n.intValue else {
                    throw FunctionArgumentError(argument: i + 1, "value must be a whole number, between -9223372036854775808 and 9223372036854775807")
                }
                bits.append(v)
            }
            switch net.consecutiveSubnets(newBits: bits) {
            case .success(let nets):
                return .list(nets.map { Value.string($0.description) }, elementType: .string)
            case .failure(let e):
                throw FunctionArgumentError(argument: e.argument, e.message)
            }
        },
    ]

    static func parseNetwork(_ s: String) throws -> IPNetwork {
        do { return try IPNetwork.parse(s) } catch let e as IPNetwork.ParseError {
            throw FunctionCallError("invalid CIDR expression: \(e.description)")
        }
    }

    /// A whole number as a big integer (gocty's *big.Int conversion).
    static func bigWhole(_ v: Value, message: String = "value must be a whole number") throws -> BigInt {
        guard let n = v.numberValue, n.isInteger, let i = n.truncatedInteger else { throw FunctionCallError(message) }
        return i
    }
}

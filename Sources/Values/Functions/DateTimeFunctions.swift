// The date and time family: formatdate, timeadd, timecmp, timestamp and
// plantimestamp, on RFC 3339 strings (see Timestamp and DateFormat).

extension FunctionTable {
    public static let dateTimeFamily: [String: Function] = [
        "formatdate": Function(
            parameters: [FunctionParameter("format", .string), FunctionParameter("time", .string)], returns: .string
        ) { args, _ in
            let t: Timestamp
            do { t = try Timestamp.parse(args[1].str) } catch let e as Timestamp.ParseError {
                throw FunctionArgumentError(argument: 1, e.description)
            }
            do { return .string(try DateFormat.format(args[0].str, t)) } catch let e as DateFormat.FormatError {
                throw FunctionArgumentError(argument: 0, e.description)
            }
        },
        "timeadd": Function(
            parameters: [FunctionParameter("timestamp", .string), FunctionParameter("duration", .string)], returns: .string
        ) { args, _ in
            let t: Timestamp
            do { t = try Timestamp.parse(args[0].str) } catch let e as Timestamp.ParseError { throw FunctionCallError(e.description) }
            let d: Int64
            do { d = try GoDuration.parse(args[1].str) } catch let e as GoDuration.ParseError { throw FunctionCallError(e.description) }
            return .string(t.adding(nanoseconds: d).rfc3339)
        },
        "timecmp": Function(
            parameters: [FunctionParameter("timestamp_a", .string), FunctionParameter("timestamp_b", .string)], returns: .number
        ) { args, _ in
            var ts: [Timestamp] = []
            for i in 0..<2 {
                do { ts.append(try Timestamp.parse(args[i].str)) } catch let e as Timestamp.ParseError {
                    throw FunctionArgumentError(argument: i, e.description)
                }
            }
            return .int(Timestamp.compare(ts[0], ts[1]))
        },
        "timestamp": Function(parameters: [], returns: .string) { _, _ in .string(Timestamp.now.rfc3339) },
        // During plan Terraform substitutes the plan's timestamp; without a
        // plan (validation, or here) the result is not yet known.
        "plantimestamp": Function(parameters: [], returns: .string) { _, _ in .unknown(.string) },
    ]
}

// Standalone driver for bench/values/gzip.sh: compiled with swiftc -O
// together with the compressor sources (they depend on nothing else).
// Usage: gzip-bench <file> <runs> <out.b64>  — prints the best time in ms.
import Foundation

let args = CommandLine.arguments
guard args.count == 4, let data = FileManager.default.contents(atPath: args[1]), let runs = Int(args[2]) else {
    FileHandle.standardError.write(Data("usage: gzip-bench <file> <runs> <out.b64>\n".utf8))
    exit(2)
}
let bytes = [UInt8](data)
var best = Double.infinity
var out: [UInt8] = []
for _ in 0..<max(runs, 1) {
    let start = DispatchTime.now().uptimeNanoseconds
    out = Gzip.compress(bytes)
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}
try Data(Data(out).base64EncodedString().utf8).write(to: URL(fileURLWithPath: args[3]))
print(String(format: "%.2f", best))

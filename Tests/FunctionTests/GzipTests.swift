import Foundation
import Testing
@testable import Values

private let gzipTool = ["/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite struct GzipTests {
    static func ours(_ text: String) -> String { GoBase64.encode(Gzip.compress(Array(text.utf8))) }

    /// Inputs rebuilt from GzipCorpus's LCG; expected values printed by
    /// terraform 1.11.4 console (`base64gzip(file(...))`, and `sha256(...)`
    /// of it for the long ones).
    @Test func terraformVectors() {
        #expect(Self.ours("hello") == "H4sIAAAAAAAA/8pIzcnJBwAAAP//AQAA//+GphA2BQAAAA==")
        #expect(Self.ours("") == "H4sIAAAAAAAA/wAAAP//AQAA//8AAAAAAAAAAA==")
        // Dynamic block with one long back-reference.
        #expect(Self.ours(String(repeating: "ab", count: 500)) == "H4sIAAAAAAAA/0pMGoWjcBQOdwgAAAD//wEAAP//SMXHV+gDAAA=")
        // Stored block: 32 bytes that Huffman coding would not shrink.
        #expect(Self.ours(GzipCorpus.scalars(16, seed: 11, in: 0x410...0x44F))
                == "H4sIAAAAAAAA/wAgAN//0JXQqNC70LzQqNCm0YfQttCp0KLQvdCv0JDQm9GF0KUAAAD//wEAAP//DgdItiAAAAA=")
        // Equal costs: fixed kept over dynamic, Huffman kept over stored.
        #expect(Self.ours(GzipCorpus.fixedDynamicTie[0]) == "H4sIAAAAAAAA/0pOSklOTkpMTElJTklKTElOAQAAAP//AQAA//9fkgzgEQAAAA==")
        #expect(Self.ours(GzipCorpus.storedTie[0])
                == "H4sIAAAAAAAA/3qzc8ubnVtez937duqMtz09r5tmvu3peTNvwuu5e95OnQEAAAD//wEAAP//9E52UR4AAAA=")
        // 258-byte matches at distance 1.
        #expect(Self.ours(String(repeating: "a", count: 100_000)) == "H4sIAAAAAAAA/+zAwQAAAAACMdb8JdK4xzYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAg6wAAAP//AQAA//+H+uIboIYBAA==")
    }

    /// 300,000 letters: 18 blocks cut at 16384 tokens across several window
    /// slides, checked through the console session (sha256 of the result).
    @Test func terraformVectorLongText() {
        var scope = TerraformScope()
        scope.locals = ["s": .string(GzipCorpus.text(300_000, seed: 19, alphabet: GzipCorpus.lower))]
        let session = ConsoleSession(scope: scope)
        #expect(session.evaluate("sha256(base64gzip(local.s))").output
                == "\"ef19f2b1103e6b4a93af2b63873d6c0edd0088dfc3d35010be52ef67c71ef7cc\"")
        scope.locals = ["s": .string(GzipCorpus.lazyLimit)]
        #expect(ConsoleSession(scope: scope).evaluate("sha256(base64gzip(local.s))").output
                == "\"fc4e2d06ddcef8b33ba0d825a6743ef90843b378f0f3febd988fef67395bab2d\"")
    }

    /// Every corpus input and some byte strings that are not text decompress
    /// (with the system's gzip) to exactly what went in.
    @Test(.enabled(if: gzipTool != nil, "gzip not installed: round-trip check skipped"))
    func roundTripThroughGzip() throws {
        var rng = GzipCorpus.LCG(state: 99)
        var inputs: [(String, [UInt8])] = GzipCorpus.cases.map { ($0.name, Array($0.text.utf8)) }
        inputs.append(("random-bytes-200k", (0..<200_000).map { _ in UInt8(rng.next(256)) }))
        inputs.append(("zeros-70000", [UInt8](repeating: 0, count: 70000)))
        inputs.append(("all-bytes", (0..<256).map { UInt8($0) }))
        inputs.append(("skewed", (0..<50000).map { i in UInt8(i % 97 == 0 ? rng.next(256) : (i % 3)) }))
        for (name, data) in inputs {
            let compressed = Gzip.compress(data)
            let back = try gunzip(compressed)
            #expect(back == data, "\(name): round trip changed the data (\(data.count) → \(back.count) bytes)")
            if data.count > 1000 && name != "random-bytes-200k" {
                #expect(compressed.count < data.count, "\(name): not compressed")
            }
        }
    }

    private func gunzip(_ data: [UInt8]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: gzipTool ?? "/usr/bin/gzip")
        p.arguments = ["-dc"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        // Feed from another thread so a full output pipe cannot stall us.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(data))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "gzip -d rejected the stream")
        return [UInt8](out)
    }

    /// Go's code builder: lengths form a complete prefix code (Kraft sum 1)
    /// and respect the limit even for Fibonacci-like frequencies, whose
    /// unlimited Huffman code would be deeper than 15.
    @Test func huffmanLengthsAreCompleteAndLimited() {
        var fib: [Int32] = [1, 1]
        while fib.count < 30 { fib.append(fib[fib.count - 1] + fib[fib.count - 2]) }
        for (freq, limit) in [(fib, 15), (Array(fib.prefix(19)), 7), ([Int32](repeating: 3, count: 286), 15),
                              ([5, 0, 0, 9, 1] + [Int32](repeating: 0, count: 25), 15)] {
            var code = GoHuffmanCode(size: freq.count)
            code.generate(freq, maxBits: limit)
            let used = code.lengths.enumerated().filter { freq[$0.offset] != 0 }.map { Int($0.element) }
            #expect(used.allSatisfy { $0 >= 1 && $0 <= limit })
            let kraft = used.reduce(0.0) { $0 + pow(2.0, -Double($1)) }
            #expect(abs(kraft - 1.0) < 1e-12, "Kraft sum \(kraft) for \(freq.prefix(5))…")
            #expect(code.lengths.enumerated().allSatisfy { freq[$0.offset] != 0 || $0.element == 0 })
        }
        // Ties broken by symbol: equal frequencies give the lower symbols
        // the longer codes (Go sorts by frequency, then symbol, and hands
        // the shortest lengths to the end of that order).
        var tie = GoHuffmanCode(size: 3)
        tie.generate([1, 1, 1], maxBits: 15)
        #expect(tie.lengths == [2, 2, 1])
    }
}

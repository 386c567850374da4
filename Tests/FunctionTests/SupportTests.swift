import BigInt
import Foundation
import Testing
@testable import Values

/// Unit tests of the pure cores behind the function families. Expected
/// values come from Terraform 1.11.4 runs (noted where so) or from the
/// published algorithms' specifications, never from this code.
@Suite struct BcryptTests {
    // Hashes produced by `terraform console` (bcrypt with a random salt);
    // recomputing them from their own salt must give the same text.
    static let terraformHashes: [(String, String)] = [
        ("hello world", "$2a$04$t4wT3BBoDkqloGucFKB2gON5EfZquvzwBySGIx956mRuaEMcAJygu"),
        ("", "$2a$04$MHEyzDzqLVdh9sBFNof.3OHNq50.cTi3OKyM3waYkiIP0sv8/WRmy"),
        ("ünïcödé", "$2a$05$xsfAwNFR88Y38hwaB1W4nOhbmz3b9ULcQClHl7fGTmjDTrahGIZ4u"),
        ("123456789012345678901234567890123456789012345678901234567890123456789012",
         "$2a$04$zXziigUcU5fFXcFRD3JYLeiEh9Q9Yl7xVUULraBMniVyECu203pT2"),
    ]

    @Test(arguments: terraformHashes)
    func matchesTerraform(password: String, hash: String) {
        #expect(Bcrypt.verify(password: Array(password.utf8), hash: hash))
        #expect(!Bcrypt.verify(password: Array((password + "x").utf8), hash: hash))
    }

    @Test func limits() throws {
        let salt = [UInt8](repeating: 7, count: 16)
        #expect(throws: Bcrypt.BcryptError.self) { try Bcrypt.hash(password: Array(repeating: 65, count: 73), cost: 4, salt: salt) }
        #expect(throws: Bcrypt.BcryptError.self) { try Bcrypt.hash(password: [65], cost: 32, salt: salt) }
        let h = try Bcrypt.hash(password: [65], cost: 4, salt: salt)
        #expect(h.hasPrefix("$2a$04$") && h.count == 60)
    }
}

@Suite struct IPNetworkTests {
    @Test func parseAndPrint() throws {
        #expect(try IPNetwork.parse("10.0.0.5/24").description == "10.0.0.0/24")
        #expect(try IPNetwork.parse("010.0.0.0/8").description == "10.0.0.0/8")
        #expect(try IPNetwork.parse("fd00:fd12:3456:7890:00a2::/72").description == "fd00:fd12:3456:7890::/72")
        #expect(try IPNetwork.parse("::/0").description == "::/0")
        #expect(throws: IPNetwork.ParseError.self) { try IPNetwork.parse("10.0.0.0/33") }
        #expect(throws: IPNetwork.ParseError.self) { try IPNetwork.parse("10.0.0.0") }
        #expect(throws: IPNetwork.ParseError.self) { try IPNetwork.parse("1::2::3/64") }
        #expect(IPAddress.parse("2001:db8:0:0:1:0:0:1")?.description == "2001:db8::1:0:0:1")
        #expect(IPAddress.parse("::ffff:1.2.3.4")?.description == "1.2.3.4")
    }

    @Test func hostsAndSubnets() throws {
        let n = try IPNetwork.parse("10.12.112.0/20")
        #expect(try n.host(16).description == "10.12.112.16")
        #expect(try n.host(-1).description == "10.12.127.255")
        #expect(throws: IPNetwork.CIDRError.self) { try n.host(4096) }
        #expect(try IPNetwork.parse("172.16.0.0/12").subnet(newBits: 4, number: 2).description == "172.18.0.0/16")
        // go-cidr ORs a negative number in two's complement (terraform prints this).
        #expect(try IPNetwork.parse("10.1.2.0/24").subnet(newBits: 4, number: -1).description == "0.0.0.16/28")
        #expect(try IPNetwork.parse("fd00::/8").subnet(newBits: 120, number: 1).description == "fd00::1/128")
    }

    @Test func consecutive() throws {
        let n = try IPNetwork.parse("10.1.0.0/16")
        guard case .success(let nets) = n.consecutiveSubnets(newBits: [4, 4, 8, 4]) else { Issue.record("failed"); return }
        #expect(nets.map(\.description) == ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"])
        guard case .failure(let e) = n.consecutiveSubnets(newBits: [1, 1, 1]) else { Issue.record("expected failure"); return }
        #expect(e.argument == 3)
    }
}

@Suite struct TimestampTests {
    @Test func parseAndFormat() throws {
        let t = try Timestamp.parse("2018-01-02T23:12:01-08:00")
        #expect(try DateFormat.format("EEE, DD MMM YYYY hh:mm:ss ZZZ", t) == "Tue, 02 Jan 2018 23:12:01 -0800")
        #expect(try DateFormat.format("'it''s' h:m AA", t) == "it's 23:12 PM")
        #expect(try DateFormat.format("'abc'", t) == "abc")
        #expect(t.rfc3339 == "2018-01-02T23:12:01-08:00")
        #expect(try Timestamp.parse("2020-02-29T00:00:00Z").local.weekday == 6)
    }

    @Test func parseErrors() {
        func message(_ s: String) -> String {
            do { _ = try Timestamp.parse(s); return "ok" } catch { return "\(error)" }
        }
        #expect(message("2018-02-30T23:12:01Z") == "not a valid RFC3339 timestamp: day out of range")
        #expect(message("2018-01-02") == "not a valid RFC3339 timestamp: missing required time introducer 'T'")
        #expect(message("bad") == "not a valid RFC3339 timestamp: cannot use \"bad\" as year")
        #expect(message("2018-01-02T23:12:01+0530") == "not a valid RFC3339 timestamp: cannot use \"+0530\" as UTC offset")
    }

    @Test func formatErrors() throws {
        let t = try Timestamp.parse("2018-01-02T23:12:01Z")
        #expect(throws: DateFormat.FormatError.self) { try DateFormat.format("YYY", t) }
        #expect(throws: DateFormat.FormatError.self) { try DateFormat.format("'open", t) }
    }

    @Test func durations() throws {
        #expect(try GoDuration.parse("1h30m45s") == 5_445_000_000_000)
        #expect(try GoDuration.parse("-1.5h") == -5_400_000_000_000)
        #expect(try GoDuration.parse("1µs") == 1_000)
        #expect(try GoDuration.parse("0") == 0)
        #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse("1d") }
        #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse("") }
        #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse("9999999999h") }
    }
}

@Suite struct RE2Tests {
    func code(_ p: String) -> String? {
        do { _ = try RE2Pattern(p); return nil } catch let e as RE2Pattern.SyntaxError { return "\(e.code) in \(e.expr)" } catch { return "other" }
    }

    @Test func rejectsWhatRE2Rejects() {
        #expect(code("(") == "missing closing ) in (")
        #expect(code("a(?=b)") == "invalid or unsupported Perl syntax in (?=")
        #expect(code("a**") == "invalid nested repetition operator in **")
        #expect(code("\\C") == "invalid escape sequence in \\C")
        #expect(code("\\1") == "invalid escape sequence in \\1")
        #expect(code("a{1001}") == "invalid repeat count in {1001}")
        #expect(code("[a") == "missing closing ] in [a")
        #expect(code("[z-a]") == "invalid character class range in z-a")
        #expect(code("*a") == "missing argument to repetition operator in *")
        #expect(code("a)") == "unexpected ) in a)")
    }

    func first(_ p: String, _ s: String) throws -> String? {
        let m = try RegexMatcher(p)
        guard let (ns, match) = m.firstMatch(in: s) else { return nil }
        return ns.substring(with: NSRange(location: match.range.lowerBound, length: match.range.count))
    }

    @Test func asciiClassesAndFlags() throws {
        #expect(try first("\\d+", "٣٤12") == "12")          // \d is ASCII-only in RE2
        #expect(try first("\\w+", "é_ab") == "_ab")
        #expect(try first("[[:alpha:]]+", "12abc3") == "abc")
        #expect(try first("(?U)a+", "aaa") == "a")
        #expect(try first("(?U)a+?", "aaa") == "aaa")
        #expect(try first("a.b", "a\rb") == "a\rb")        // . excludes only \n
        #expect(try first("a.b", "a\nb") == nil)
        #expect(try first("a$", "a\n") == nil)               // $ is end of text without (?m)
        #expect(try first("(?m)a$", "a\nb") == "a")
        #expect(try first("a{,2}", "a{,2}") == "a{,2}")      // not a repeat: literal braces
        #expect(try first("[a[]+", "x[a[") == "[a[")
    }

    @Test func groupsAndNames() throws {
        let p = try RE2Pattern("(?P<x>a)(b)(?<y>c)")
        #expect(p.groupNames == ["x", "", "y"])
        let dup = try RE2Pattern("(?P<a>x)(?P<a>y)")
        #expect(dup.groupNames == ["a", "a"])
    }

    @Test func goMatchIteration() throws {
        let m = try RegexMatcher("a*")
        let (_, all) = m.allMatches(in: "baaac")
        #expect(all.map(\.range) == [0..<0, 1..<4, 5..<5])
        #expect(try RegexMatcher("a*").replaceAll(in: "baaac", template: "-") == "-b-c-")
        #expect(try RegexMatcher("(?P<v>o)").replaceAll(in: "foo", template: "[${v}$1$$]") == "f[oo$][oo$]")
    }
}

@Suite struct EncodingSupportTests {
    @Test func base64() {
        #expect(GoBase64.encode(Array("Hello World".utf8)) == "SGVsbG8gV29ybGQ=")
        if case .success(let b) = GoBase64.decode("SGVs\nbG8=") { #expect(b == Array("Hello".utf8)) } else { Issue.record("decode failed") }
        if case .failure(let e) = GoBase64.decode("SGVsbG8") { #expect(e.offset == 7) } else { Issue.record("accepted missing padding") }
        if case .failure(let e) = GoBase64.decode("SG!s") { #expect(e.offset == 2) } else { Issue.record("accepted bad symbol") }
    }

    @Test func csv() throws {
        #expect(try CSVDecoder.records("a,b\r\n\"x,\"\"y\",2\n\n3,4") == [["a", "b"], ["x,\"y", "2"], ["3", "4"]])
        #expect(throws: CSVDecoder.ParseError.self) { try CSVDecoder.records("a,b\n1") }
        #expect(throws: CSVDecoder.ParseError.self) { try CSVDecoder.records("a,b\n1\"x,2") }
    }

    @Test func urlAndText() {
        #expect(URLEncoding.queryEscape("a b&c/☃~") == "a+b%26c%2F%E2%98%83~")
        #expect(TextEncoding.named("utf-16le")?.encode("hi") == [0x68, 0, 0x69, 0])
        #expect(TextEncoding.named("UTF-16")?.decode([0xFF, 0xFE, 0x68, 0]) == "h")
        #expect(TextEncoding.named("latin1")?.encode("☃") == nil)
        #expect(TextEncoding.named("windows-1252")?.decode([0x80]) == "€")
    }

    @Test func yamlEncode() throws {
        let v = Value.object(["b": .tuple([.int(1), .string("x\ny")]), "a": .string("yes")])
        #expect(try YAMLCodec.encode(v) == "\"a\": \"yes\"\n\"b\":\n- 1\n- |-\n  x\n  y\n")
        #expect(try YAMLCodec.encode(.int(1)) == "1\n...\n")
        #expect(try YAMLCodec.encode(.string("s")) == "\"s\"\n")
    }

    @Test func yamlDecode() throws {
        let v = try YAMLCodec.decode("a: on\nb: 0x1F\nc: 2001-12-14\nd: '1'\ne: 12345678901234567890123\n")
        #expect(v.attributes?["a"]?.boolValue == true)
        #expect(v.attributes?["b"]?.numberValue == Number(31))
        #expect(v.attributes?["c"]?.stringValue == "2001-12-14T00:00:00Z")
        #expect(v.attributes?["d"]?.stringValue == "1")
        #expect(v.attributes?["e"]?.numberValue?.description == "12345678901234567890123")
        #expect(throws: YAMLCodec.CodecError.self) { try YAMLCodec.decode("a: .nan") }
    }
}

@Suite struct FormatSupportTests {
    func f(_ format: String, _ args: [Value]) throws -> String { try FormatString.format(format, args) }

    @Test func numbers() throws {
        #expect(try f("%.2f|%8.3f|%-8.3f|", [.double(3.14159), .double(3.14159), .double(3.14159)]) == "3.14|   3.142|3.142   |")
        #expect(try f("%e %E", [.double(1234.5678), .double(1234.5678)]) == "1.234568e+03 1.234568E+03")
        #expect(try f("%g %v %v", [.int(1_234_567), .int(1_000_000), .int(100)]) == "1.234567e+06 1e+06 100")
        #expect(try f("%05d|%+d|% d|%x|%#o|%b", [.int(42), .int(42), .int(42), .int(-255), .int(8), .int(5)]) == "00042|+42| 42|-ff|010|101")
        #expect(try f("%.0d|", [.int(0)]) == "|")
    }

    @Test func stringsAndErrors() throws {
        // After an explicit [1], the next verb takes argument 2 again.
        #expect(try f("%[2]s %[1]s %5.1s|%q", [.string("a"), .string("bc"), .string("<q>")]) == "bc a     b|\"\\u003cq\\u003e\"")
        #expect(throws: FormatString.Failure.self) { try f("%s %s", [.string("a")]) }
        #expect(throws: FormatString.Failure.self) { try f("%", []) }
        #expect(throws: FormatString.Failure.self) { try f("%s", [.string("a"), .string("b")]) }
    }
}

@Suite struct FileSupportTests {
    @Test func goPathRules() {
        #expect(FileAccess.clean("a//b/../c/") == "a/c")
        #expect(FileAccess.clean("/../a") == "/a")
        #expect(FileAccess.dir("foo/bar/") == "foo/bar")
        #expect(FileAccess.dir("baz.txt") == ".")
        #expect(FileAccess.base("foo//") == "foo")
        #expect(FileAccess.base("") == ".")
        #expect(FileAccess.base("/") == "/")
    }

    @Test func glob() throws {
        let root = CorpusHarness.fixtures.appendingPathComponent("fs").path
        #expect(try FileGlob.files(root: root, pattern: "sub/**") == ["sub/a.txt", "sub/b.tf", "sub/deep/c.txt"])
        #expect(try FileGlob.files(root: root, pattern: "{hello,empty}.txt") == ["empty.txt", "hello.txt"])
        #expect(try FileGlob.files(root: root, pattern: "**/*.tf") == ["main.tf", "sub/b.tf"])
        #expect(throws: FileGlob.SyntaxError.self) { try FileGlob.files(root: root, pattern: "[") }
    }
}

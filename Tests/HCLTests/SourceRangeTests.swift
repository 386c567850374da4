import Testing
@testable import HCL

@Suite struct SourceRangeTests {
    @Test func throughCoversBothRanges() {
        let a = SourceRange(filename: "a.tf", start: SourcePos(line: 1, column: 5, byte: 4), end: SourcePos(line: 1, column: 8, byte: 7))
        let b = SourceRange(filename: "a.tf", start: SourcePos(line: 2, column: 1, byte: 10), end: SourcePos(line: 2, column: 3, byte: 12))
        let c = b.through(a)
        #expect(c.start.byte == 4 && c.end.byte == 12)
        #expect(c.contains(byte: 11) && !c.contains(byte: 12))
    }

    @Test func diagnosticsCountSeverities() {
        var d = Diagnostics()
        d += .error("a")
        d += .warning("b")
        d += .error("c")
        #expect(d.errorCount == 2 && d.warningCount == 1 && d.hasErrors)
    }
}

import Testing
@testable import CLI

@Suite struct FlagSetTests {
    func flags() -> FlagSet {
        var f = FlagSet(command: "plan")
        f.bool("auto-approve")
        f.bool("refresh", default: true)
        f.string("out")
        f.int("parallelism", default: 10)
        f.list("var")
        f.list("var-file")
        f.duration("lock-timeout")
        return f
    }

    func parse(_ args: [String]) throws -> ParsedFlags {
        switch flags().parse(args) {
        case .success(let p): return p
        case .failure(let e): throw e
        }
    }

    @Test func acceptsOneOrTwoDashesAndBothValueForms() throws {
        let p = try parse(["--auto-approve", "-out=plan.bin", "--var", "a=b", "-var=c=d=e", "-parallelism", "3", "rest", "-var=x"])
        #expect(p.bool("auto-approve"))
        #expect(p.string("out") == "plan.bin")
        #expect(p.list("var") == ["a=b", "c=d=e"])
        #expect(p.int("parallelism") == 3)
        #expect(p.positional == ["rest", "-var=x"])
    }

    @Test func keepsDefaultsAndBooleanForms() throws {
        let p = try parse(["-refresh=false"])
        #expect(!p.bool("refresh"))
        #expect(!p.bool("auto-approve"))
        #expect(p.int("parallelism") == 10)
        #expect(!p.isSet("out"))
        let q = try parse(["-auto-approve=1", "-refresh=T"])
        #expect(q.bool("auto-approve") && q.bool("refresh"))
    }

    @Test func booleanFlagDoesNotTakeTheNextArgument() throws {
        let p = try parse(["-auto-approve", "false"])
        #expect(p.bool("auto-approve"))
        #expect(p.positional == ["false"])
    }

    @Test func doubleDashEndsFlags() throws {
        let p = try parse(["-auto-approve", "--", "-out=x"])
        #expect(p.positional == ["-out=x"])
        #expect(!p.isSet("out"))
    }

    @Test func ordersVarAndVarFileOccurrences() throws {
        let p = try parse(["-var-file=a.tfvars", "-var", "x=1", "-var-file", "b.tfvars"])
        #expect(p.occurrences.map(\.name) == ["var-file", "var", "var-file"])
    }

    @Test(arguments: [
        (["-bogus"], "flag provided but not defined: -bogus"),
        (["--bogus=1"], "flag provided but not defined: -bogus"),
        (["-out"], "flag needs an argument: -out"),
        (["-parallelism=x"], "invalid value \"x\" for flag -parallelism: parse error"),
        (["-auto-approve=maybe"], "invalid boolean value \"maybe\" for -auto-approve: parse error"),
        (["---x"], "bad flag syntax: ---x"),
        (["-lock-timeout=10parsecs"], "invalid value \"10parsecs\" for flag -lock-timeout: parse error"),
    ])
    func reportsErrorsLikeGo(_ args: [String], _ message: String) {
        switch flags().parse(args) {
        case .success: Issue.record("expected an error for \(args)")
        case .failure(let e): #expect(e.message == message)
        }
    }

    @Test func helpIsNotAnError() {
        if case .failure(let e) = flags().parse(["-help"]) { #expect(e.isHelp) } else { Issue.record("expected help") }
        if case .failure(let e) = flags().parse(["-h"]) { #expect(e.isHelp) } else { Issue.record("expected help") }
    }

    @Test(arguments: [("10s", 10.0), ("1m30s", 90.0), ("500ms", 0.5), ("1h", 3600.0), ("0", 0.0), ("1.5m", 90.0)])
    func parsesGoDurations(_ text: String, _ seconds: Double) {
        #expect(FlagSet.parseDuration(text) == seconds)
    }

    @Test func rejectsBadDurations() {
        for bad in ["", "10", "s", "1x", "--1s"] {
            #expect(FlagSet.parseDuration(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct ShellWordsTests {
    @Test func splitsLikeAShell() throws {
        #expect(try ShellWords.split("-no-color  -var 'a=b c' -var=\"x y\" a\\ b") == ["-no-color", "-var", "a=b c", "-var=x y", "a b"])
        #expect(try ShellWords.split("") == [])
        #expect(throws: (any Error).self) { try ShellWords.split("'open") }
    }
}

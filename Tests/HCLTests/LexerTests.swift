import Testing
@testable import HCL

/// Rebuilds the source from tokens plus the spaces between them, as the formatter does.
func reassemble(_ tokens: [Token], _ source: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var last = tokens.first?.range.start.byte ?? 0
    out.append(contentsOf: source[0..<min(last, source.count)])
    for t in tokens {
        let s = t.range.start.byte
        if s > last { out.append(contentsOf: source[last..<s]) }
        out.append(contentsOf: Array(t.text.utf8))
        last = t.range.end.byte
    }
    return out
}

func kinds(_ src: String, mode: Lexer.Mode = .normal) -> [TokenKind] {
    Lexer.scan(Array(src.utf8), filename: "t.tf", mode: mode).map(\.kind)
}

func texts(_ src: String, mode: Lexer.Mode = .normal) -> [String] {
    Lexer.scan(Array(src.utf8), filename: "t.tf", mode: mode).map(\.text)
}

@Suite struct LexerTests {
    @Test func attributeLine() {
        #expect(kinds("a = 1\n") == [.ident, .equal, .numberLit, .newline, .eof])
        let toks = Lexer.scan(Array("  foo-bar = 12.5e+3\n".utf8), filename: "x.tf")
        #expect(toks[0].text == "foo-bar")
        #expect(toks[0].range.start == SourcePos(line: 1, column: 3, byte: 2))
        #expect(toks[0].range.end == SourcePos(line: 1, column: 10, byte: 9))
        #expect(toks[2].text == "12.5e+3")
        #expect(toks[3].range.start == SourcePos(line: 1, column: 20, byte: 19))
        #expect(toks[4].range.start == SourcePos(line: 2, column: 1, byte: 20))
    }

    @Test func numbers() {
        #expect(texts("1.") == ["1", ".", ""])
        #expect(texts("1e") == ["1", "e", ""])
        #expect(texts("0.1.2") == ["0.1.2", ""])
        #expect(texts("1E-7x") == ["1E-7", "x", ""])
        #expect(texts("1234567890123456789012345678901234567890") == ["1234567890123456789012345678901234567890", ""])
    }

    @Test func operators() {
        #expect(kinds("== != <= >= && || :: ... => < > ! ? : . , * / % + - =") == [
            .equalOp, .notEqual, .lessThanEq, .greaterThanEq, .and, .or, .doubleColon, .ellipsis, .fatArrow,
            .lessThan, .greaterThan, .bang, .question, .colon, .dot, .comma, .star, .slash, .percent, .plus, .minus, .equal, .eof,
        ])
        #expect(kinds("& | ~ ^ ; ` ' @") == [.bitwiseAnd, .bitwiseOr, .bitwiseNot, .bitwiseXor, .semicolon, .backtick, .apostrophe, .invalid, .eof])
    }

    @Test func comments() {
        #expect(texts("# a\nb // c\r\n/* x\ny */z") == ["# a\n", "b", "// c\r\n", "/* x\ny */", "z", ""])
        let toks = Lexer.scan(Array("/* x\ny */z".utf8), filename: "x.tf")
        #expect(toks[1].range.start == SourcePos(line: 2, column: 5, byte: 9))
        // An unclosed block comment is a slash and a star.
        #expect(kinds("/* x") == [.slash, .star, .ident, .eof])
    }

    @Test func quotedTemplate() {
        #expect(kinds("\"a${b}c\"") == [.oQuote, .quotedLit, .templateInterp, .ident, .templateSeqEnd, .quotedLit, .cQuote, .eof])
        #expect(texts("\"$${a} %%{b} $x \\\" \"") == ["\"", "$${", "a} ", "%%{", "b} ", "$", "x \\\" ", "\"", ""])
        #expect(texts("\"${~ a ~}\"") == ["\"", "${~", "a", "~}", "\"", ""])
        // Braces nested inside an interpolation do not close it.
        #expect(kinds("\"${ {a=1} }\"") == [.oQuote, .templateInterp, .oBrace, .ident, .equal, .numberLit, .cBrace, .templateSeqEnd, .cQuote, .eof])
        #expect(kinds("\"%{if a}x%{endif}\"") == [.oQuote, .templateControl, .ident, .ident, .templateSeqEnd, .quotedLit, .templateControl, .ident, .templateSeqEnd, .cQuote, .eof])
        // Strings nested inside interpolations.
        #expect(kinds("\"${\"${a}\"}\"") == [.oQuote, .templateInterp, .oQuote, .templateInterp, .ident, .templateSeqEnd, .cQuote, .templateSeqEnd, .cQuote, .eof])
    }

    @Test func quotedNewlineContinuesString() {
        #expect(kinds("\"abc\nd\"") == [.oQuote, .quotedLit, .quotedNewline, .quotedLit, .cQuote, .eof])
        #expect(kinds("\"a\\\n\"") == [.oQuote, .quotedLit, .invalid, .quotedNewline, .cQuote, .eof])
    }

    @Test func heredocs() {
        let src = "a = <<EOT\nhello ${name}\n  EOT\nb = <<-X\r\n  y\r\n  X\r\n"
        let toks = Lexer.scan(Array(src.utf8), filename: "h.tf")
        #expect(toks.map(\.kind) == [
            .ident, .equal, .oHeredoc, .stringLit, .templateInterp, .ident, .templateSeqEnd, .stringLit, .cHeredoc, .newline,
            .ident, .equal, .oHeredoc, .stringLit, .cHeredoc, .newline, .eof,
        ])
        #expect(toks[2].text == "<<EOT\n")
        #expect(toks[7].text == "\n")
        #expect(toks[8].text == "  EOT")
        #expect(toks[12].text == "<<-X\r\n")
        #expect(toks[13].text == "  y\r\n")
        #expect(toks[14].text == "  X")
        #expect(toks[15].text == "\r\n")
        #expect(reassemble(toks, Array(src.utf8)) == Array(src.utf8))
        // A marker line after an interpolation on the same line does not close the heredoc.
        #expect(kinds("<<E\n${a}E\nE\n").suffix(4) == [.stringLit, .cHeredoc, .newline, .eof])
        // `<<` not followed by an identifier and newline is two operators.
        #expect(kinds("<<EOT") == [.lessThan, .lessThan, .ident, .eof])
    }

    @Test func badInput() {
        #expect(kinds("a\u{0}") == [.ident, .invalid, .eof])
        let bad = Lexer.scan([0x61, 0xFF, 0xC3, 0x62], filename: "b.tf")
        #expect(bad.map(\.kind) == [.ident, .badUTF8, .badUTF8, .ident, .eof])
        #expect(bad[3].range.start.byte == 3)
        #expect(kinds("a\rb") == [.ident, .invalid, .ident, .eof])
        #expect(kinds("“x”") == [.invalid, .ident, .invalid, .eof])
    }

    @Test func unicodeColumnsAreCharacters() {
        let toks = Lexer.scan(Array("\"héllo\" x".utf8), filename: "u.tf")
        #expect(toks[3].text == "x")
        #expect(toks[3].range.start == SourcePos(line: 1, column: 9, byte: 9))
        // Identifiers may be non-ASCII.
        #expect(kinds("名前 = 1") == [.ident, .equal, .numberLit, .eof])
        // BOM is skipped.
        let bom = Lexer.scan([0xEF, 0xBB, 0xBF] + Array("a".utf8), filename: "b.tf")
        #expect(bom[0].range.start == SourcePos(line: 1, column: 1, byte: 3))
    }

    @Test func bareTemplateMode() {
        #expect(kinds("a ${b}\nc%{ if x }$", mode: .template) == [.stringLit, .templateInterp, .ident, .templateSeqEnd, .stringLit, .stringLit, .templateControl, .ident, .ident, .templateSeqEnd, .stringLit, .eof])
    }

    @Test func losslessOnMixedInput() {
        let src = """
        resource "a" "b" {
          x = [1, 2.5, "s${v}" ] # c
          y = { for k, v in var.m : k => v... if v != null }
          z = <<-EOT
            text %{ for i in l ~} ${i} %{ endfor ~}
          EOT
          /* block */ w = a.b[0].*.c[*].d
        }

        """
        let bytes = Array(src.utf8)
        let toks = Lexer.scan(bytes, filename: "m.tf")
        #expect(reassemble(toks, bytes) == bytes)
        #expect(!toks.contains { $0.kind == .invalid || $0.kind == .badUTF8 })
        // Ranges are consistent with the text they cover.
        for t in toks {
            #expect(Array(bytes[t.range.start.byte..<t.range.end.byte]) == Array(t.text.utf8))
        }
    }
}

import Testing
@testable import HCL

@Suite struct ParserStructureTests {
    @Test func attributesAndBlocksInOrder() throws {
        let src = """
        a = 1
        resource "aws_instance" "web" {
          ami = "x"
          nested {}
        }
        locals { one = 1 }
        b-c = true
        label_ident foo "bar" baz {
        }

        """
        let (file, diags) = parseFileSource(src)
        #expect(diags.isEmpty)
        let items = file.body.items
        #expect(items.count == 5)
        guard case .attribute(let a) = items[0] else { Issue.record("expected attribute"); return }
        #expect(a.name == "a")
        #expect(span(a.nameRange) == "1:1-1:2")
        #expect(span(a.equalsRange) == "1:3-1:4")
        #expect(span(a.range) == "1:1-1:6")
        #expect(span(a.expression.range) == "1:5-1:6")

        guard case .block(let r) = items[1] else { Issue.record("expected block"); return }
        #expect(r.type == "resource")
        #expect(r.labels.map(\.value) == ["aws_instance", "web"])
        #expect(r.labels.map(\.isQuoted) == [true, true])
        #expect(span(r.labels[0].range) == "2:10-2:24")
        #expect(span(r.openBraceRange) == "2:31-2:32")
        #expect(span(r.closeBraceRange) == "5:1-5:2")
        #expect(r.body.attributes.map(\.name) == ["ami"])
        #expect(r.body.blocks.map(\.type) == ["nested"])

        guard case .block(let l) = items[2] else { Issue.record("expected block"); return }
        #expect(l.body.attributes.first?.name == "one")
        #expect(span(l.closeBraceRange) == "6:18-6:19")

        guard case .attribute(let bc) = items[3] else { Issue.record("expected attribute"); return }
        #expect(bc.name == "b-c")

        guard case .block(let li) = items[4] else { Issue.record("expected block"); return }
        #expect(li.labels.map(\.value) == ["foo", "bar", "baz"])
        #expect(li.labels.map(\.isQuoted) == [false, true, false])
    }

    @Test func commentsOfAllKinds() {
        let src = "# hash\na = 1 # trailing\n// slashes\nb = 2 // trailing\n/* block\n comment */ c = 3\nd = /* inline */ 4\n"
        let (file, diags) = parseFileSource(src)
        #expect(diags.isEmpty)
        #expect(file.body.attributes.map(\.name) == ["a", "b", "c", "d"])
        #expect(sexpr(file.body.attributes[3].expression) == "4")
    }

    @Test func emptyAndCRLFFiles() {
        #expect(parseFileSource("").1.isEmpty)
        let (f, d) = parseFileSource("a = 1\r\nb {\r\n  c = 2\r\n}\r\n")
        #expect(d.isEmpty)
        #expect(f.body.items.count == 2)
    }

    @Test func attributeWithoutTrailingNewlineAtEOF() {
        let (f, d) = parseFileSource("a = 1")
        #expect(d.isEmpty)
        #expect(f.body.attributes.count == 1)
    }

    @Test func duplicateAttribute() {
        let (_, d) = parseFileSource("a = 1\na = 2\n")
        #expect(d.items.map(\.summary) == ["Attribute redefined"])
        #expect(d.items.first?.detail == "The argument \"a\" was already set at main.tf:1,1-2. Each argument may be set only once.")
        #expect(span(d.items.first?.subject) == "2:1-2:2")
    }

    @Test func oneLineBlockRules() {
        #expect(parseFileSource("b { a = 1 }\n").1.isEmpty)
        let (_, d1) = parseFileSource("b { a = 1, c = 2 }\n")
        #expect(d1.items.first?.summary == "Invalid single-argument block definition")
        let (_, d2) = parseFileSource("b { a = 1\n}\n")
        #expect(d2.items.first?.summary == "Invalid single-argument block definition")
        let (_, d3) = parseFileSource("b { c {} }\n")
        #expect(d3.items.first?.summary == "Argument definition required")
        let (_, d4) = parseFileSource("b {}  c = 1\n")
        #expect(d4.items.first?.summary == "Missing newline after block definition")
    }

    @Test func blockErrors() {
        let (_, d1) = parseFileSource("b = {\n")
        #expect(d1.items.first?.summary == "Missing expression")
        let (_, d2) = parseFileSource("b {\n  a = 1\n")
        #expect(d2.items.map(\.summary) == ["Unclosed configuration block"])
        #expect(span(d2.items.first?.subject) == "1:3-1:4")
        let (_, d3) = parseFileSource("b \"x\"\n{\n}\n")
        #expect(d3.items.first?.summary == "Invalid block definition")
        let (_, d4) = parseFileSource("\"a\" = 1\n")
        #expect(d4.items.first?.summary == "Invalid argument name")
    }

    @Test func severalErrorsInOneFile() {
        // Errors in separate blocks are reported separately once recovery resets... at least the first is exact.
        let (_, d) = parseFileSource("a = 1 2\nb = ;\n")
        #expect(d.items.map(\.summary).contains("Missing newline after argument"))
        #expect(d.items.map(\.summary).contains("Invalid character"))
    }
}

@Suite struct ParserExpressionTests {
    @Test func literals() {
        #expect(exprTree("1") == "1")
        #expect(exprTree("0.1") == "0.1")
        #expect(exprTree("1e300") == "1e300")
        #expect(exprTree("1234567890123456789012345678901234567890") == "1234567890123456789012345678901234567890")
        #expect(exprTree("true") == "true")
        #expect(exprTree("false") == "false")
        #expect(exprTree("null") == "null")
        #expect(exprTree("\"s\"") == "(tmpl \"s\")")
        #expect(exprTree("\"\"") == "(tmpl \"\")")
    }

    @Test func stringEscapes() {
        #expect(exprTree(#""a\nb\tc\"d\\e\rf""#) == #"(tmpl "a\nb\tc\"d\\e\rf")"#)
        #expect(exprTree(#""\u00e9\U0001F600""#) == "(tmpl \"é😀\")")
        #expect(exprTree(#""$${a} %%{b} $ % $x""#) == "(tmpl \"${a} %{b} $ % $x\")")
        let (_, d) = parseExpr(#""a\qb""#)
        #expect(d.items.map(\.summary) == ["Invalid escape sequence"])
        #expect(d.items.first?.detail == "The symbol \"q\" is not a valid escape sequence selector.")
        #expect(span(d.items.first?.subject) == "1:3-1:5")
        let (_, d2) = parseExpr(#""\u12""#)
        #expect(d2.items.first?.detail == "The \\u escape sequence must be followed by four hexadecimal digits.")
        let (_, d3) = parseExpr(#""\UFFFFFFFF""#)
        #expect(d3.items.first?.detail == "Cannot encode character U+ffffffff in UTF-8.")
    }

    @Test func templates() {
        #expect(exprTree(#""${a}""#) == "(wrap a)")
        #expect(exprTree(#""x${a}y""#) == "(tmpl \"x\" ${a} \"y\")")
        #expect(exprTree(#""a ${~ b ~} c""#) == "(tmpl \"a\" ${~b~} \"c\")")
        #expect(exprTree(#""%{if a}x%{else}y%{endif}""#) == "(tmpl (%if a \"x\" %else \"y\"))")
        #expect(exprTree(#""%{if a}x%{endif}""#) == "(tmpl (%if a \"x\" %else \"\"))")
        #expect(exprTree(#""%{for k, v in m}${k}=${v},%{endfor}""#) == "(tmpl (%for k,v in m ${k} \"=\" ${v} \",\"))")
        #expect(exprTree(#""%{ for x in l ~}  ${x} %{~ endfor }""#) == "(tmpl (%for x in l \"\" ${x} \"\"))")
        #expect(exprTree(#""${"${a}"}""#) == "(wrap (wrap a))")
        #expect(exprTree(#""${ {a=1} }""#) == "(wrap {'a=1})")
    }

    @Test func templateDirectiveErrors() {
        let (_, d1) = parseExpr(#""%{if a}x""#)
        #expect(d1.items.first?.summary == "Unexpected end of template")
        let (_, d2) = parseExpr(#""%{endif}""#)
        #expect(d2.items.first?.summary == "Unexpected endif directive")
        let (_, d3) = parseExpr(#""%{fi a}""#)
        #expect(d3.items.first?.summary == "Invalid template control keyword")
        #expect(d3.items.first?.detail == "\"fi\" is not a valid template control keyword. Did you mean \"if\"?")
        let (_, d4) = parseExpr(#""${a b}""#)
        #expect(d4.items.first?.summary == "Extra characters after interpolation expression")
    }

    @Test func heredocs() {
        #expect(exprTree("<<EOT\nhello\n  world\nEOT\n") == "(tmpl \"hello\\n  world\\n\")")
        #expect(exprTree("<<-EOT\n    hello\n      world\n    EOT\n") == "(tmpl \"hello\\n  world\\n\")")
        // Blank lines do not count toward the common indentation.
        #expect(exprTree("<<-EOT\n    a\n\n    b\n  EOT\n") == "(tmpl \"a\\n\\nb\\n\")")
        // Interpolation results never affect the indentation; the literal before it is trimmed.
        #expect(exprTree("<<-EOT\n  x ${y}\n    z\nEOT\n") == "(tmpl \"x \" ${y} \"\\n  z\\n\")")
        // A line starting with a sequence means nothing is stripped.
        #expect(exprTree("<<-EOT\n${y}\n    z\nEOT\n") == "(tmpl ${y} \"\\n    z\\n\")")
        #expect(exprTree("<<EOT\n%{ if a }yes%{ endif }\nEOT\n") == "(tmpl (%if a \"yes\" %else \"\") \"\\n\")")
        // Backslashes are not escapes in heredocs.
        #expect(exprTree("<<EOT\na\\nb $${c}\nEOT\n") == "(tmpl \"a\\\\nb ${c}\\n\")")
        let (f, d) = parseFileSource("a = <<-EOT\n    hello\n    EOT\nb = 1\n")
        #expect(d.isEmpty)
        if case .template(let parts) = f.body.attributes[0].expression.kind, case .literal(_, let r) = parts[0] {
            // The literal's range starts after the stripped indentation.
            #expect(span(r) == "2:5-3:1")
        } else {
            Issue.record("expected a template")
        }
        #expect(span(f.body.attributes[0].range) == "1:1-3:8")
        #expect(f.body.attributes.count == 2)
    }

    @Test func unterminatedHeredoc() {
        let (_, d) = parseFileSource("a = <<EOT\nhello\n")
        #expect(d.hasErrors)
    }

    @Test func tuplesAndObjects() {
        #expect(exprTree("[]") == "[]")
        #expect(exprTree("[1, 2,]") == "[1 2]")
        #expect(exprTree("[\n1,\n2\n]") == "[1 2]")
        #expect(exprTree("{}") == "{}")
        #expect(exprTree("{a = 1, \"b\" = 2\n c: 3\n (d) = 4, e.f = 5}") == "{'a=1 (tmpl \"b\")=2 'c=3 (paren d)=4 e.f=5}")
        let (o, _) = parseExpr("{(a) = 1}")
        if case .object(let items) = o.kind {
            #expect(items[0].key.forceNonLiteral)
            #expect(items[0].key.bareIdentifier == nil)
        }
        let (_, d1) = parseExpr("[1 2]")
        #expect(d1.items.first?.summary == "Missing item separator")
        let (_, d2) = parseExpr("{a 1}")
        #expect(d2.items.first?.summary == "Missing key/value separator")
        let (_, d3) = parseExpr("{a = 1 b = 2}")
        #expect(d3.items.first?.summary == "Missing attribute separator")
        let (_, d4) = parseExpr("{a}")
        #expect(d4.items.first?.summary == "Missing key/value separator")
    }

    @Test func functionCalls() {
        #expect(exprTree("f()") == "(call f)")
        #expect(exprTree("f(1, a,\n b,\n)") == "(call f 1 a b)")
        #expect(exprTree("f(x...)") == "(call f x ...)")
        #expect(exprTree("provider::aws::arn_parse(x)") == "(call provider::aws::arn_parse x)")
        let (e, _) = parseExpr("provider::aws::arn_parse(x)")
        if case .functionCall(let c) = e.kind {
            #expect(c.namespaces == ["provider", "aws"])
            #expect(span(c.nameRange) == "1:1-1:25")
        }
        let (_, d1) = parseExpr("f(a b)")
        #expect(d1.items.first?.summary == "Missing argument separator")
        let (_, d2) = parseExpr("f(a..., b)")
        #expect(d2.items.first?.summary == "Missing closing parenthesis")
        let (_, d3) = parseExpr("a::(1)")
        #expect(d3.items.first?.summary == "Missing function name")
    }

    @Test func traversalsIndexesAndSplats() {
        #expect(exprTree("a.b.c") == "a.b.c")
        #expect(exprTree("a[0][\"k\"]") == "a[0][\"k\"]")
        #expect(exprTree("a.0.b") == "a.0.b")
        #expect(exprTree("a[b]") == "(index a b)")
        #expect(exprTree("a[b].c") == "(rel (index a b) .c)")
        #expect(exprTree("f(x).y[1]") == "(rel (call f x) .y[1])")
        #expect(exprTree("a[*].b[0]") == "(splat a (rel @ .b[0]))")
        #expect(exprTree("a.*.b.c") == "(attr-splat a (rel @ .b.c))")
        // After an attribute-only splat, an index applies to the whole result.
        #expect(exprTree("a.*.b[0]") == "(rel (attr-splat a (rel @ .b)) [0])")
        #expect(exprTree("a[*]") == "(splat a @)")
        #expect(exprTree("a.*.0.b") == "(attr-splat a (rel @ .0.b))")
        #expect(exprTree("(a).b") == "(rel (paren a) .b)")
        #expect(exprTree("a[true]") == "a[true]")
        let (_, d1) = parseExpr("a.0.1")
        #expect(d1.items.first?.summary == "Invalid legacy index syntax")
        #expect(d1.items.first?.detail == "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1].")
        let (_, d2) = parseExpr("a.")
        #expect(d2.items.first?.summary == "Invalid attribute name")
        let (_, d3) = parseExpr("a[*.b")
        #expect(d3.items.first?.summary == "Missing close bracket on splat index")
        let (_, d4) = parseExpr("a.*.*")
        #expect(d4.items.first?.summary == "Nested splat expression not allowed")
    }

    @Test func forExpressions() {
        #expect(exprTree("[for v in l : v]") == "(for-tup v in l : v)")
        #expect(exprTree("[for i, v in l : v if i > 0]") == "(for-tup i,v in l : v if (> i 0))")
        #expect(exprTree("{for k, v in m : k => v}") == "(for-obj k,v in m : k => v)")
        #expect(exprTree("{for k, v in m : v.g => k... if v != null}") == "(for-obj k,v in m : v.g => k ... if (!= v null))")
        #expect(exprTree("{\n for k, v in m :\n k => v\n }") == "(for-obj k,v in m : k => v)")
        let (_, d1) = parseExpr("[for k, v in m : k => v]")
        #expect(d1.items.first?.detail == "Key expression is not valid when building a tuple.")
        let (_, d2) = parseExpr("{for v in l : v}")
        #expect(d2.items.first?.detail == "Key expression is required when building an object.")
        let (_, d3) = parseExpr("[for v l : v]")
        #expect(d3.items.first?.detail == "For expression requires the 'in' keyword after its name declarations.")
        let (_, d4) = parseExpr("[for v in l : v...]")
        #expect(d4.items.first?.detail == "Grouping ellipsis (...) cannot be used when building a tuple.")
        let (_, d5) = parseExpr("[for v in l v]")
        #expect(d5.items.first?.detail == "For expression requires a colon after the collection expression.")
    }

    @Test func operatorPrecedence() {
        #expect(exprTree("a || b && c") == "(|| a (&& b c))")
        #expect(exprTree("a == b != c") == "(!= (== a b) c)")
        #expect(exprTree("a < b == c >= d") == "(== (< a b) (>= c d))")
        #expect(exprTree("1 + 2 * 3 - 4 / 5 % 6") == "(- (+ 1 (* 2 3)) (% (/ 4 5) 6))")
        #expect(exprTree("a - b - c") == "(- (- a b) c)")
        #expect(exprTree("-a + b") == "(+ (-a) b)")
        #expect(exprTree("!a.b && c") == "(&& (!a.b) c)")
        #expect(exprTree("-a[0]") == "(-a[0])")
        #expect(exprTree("a ? b : c ? d : e") == "(? a b (? c d e))")
        #expect(exprTree("a || b ? 1 + 2 : 3") == "(? (|| a b) (+ 1 2) 3)")
        #expect(exprTree("(1 + 2) * 3") == "(* (paren (+ 1 2)) 3)")
        #expect(exprTree("a <= b") == "(<= a b)")
        #expect(exprTree("a > b") == "(> a b)")
        let (_, d) = parseExpr("a ? b")
        #expect(d.items.first?.summary == "Missing false expression in conditional")
    }

    @Test func newlinesInsideBracketsButNotInBodies() {
        let (f, d) = parseFileSource("a = [\n  1,\n  2,\n]\nb = f(\n  1\n)\nc = (\n  1 +\n  2\n)\n")
        #expect(d.isEmpty)
        #expect(f.body.attributes.count == 3)
        let (_, d2) = parseFileSource("a = 1 +\n2\n")
        #expect(d2.items.first?.summary == "Missing expression" || d2.items.first?.summary == "Invalid expression")
    }

    @Test func expressionRanges() {
        let (e, _) = parseExpr("f(a, b[0]) + 1")
        #expect(span(e.range) == "1:1-1:15")
        if case .binaryOp(_, let lhs, _) = e.kind {
            #expect(span(lhs.range) == "1:1-1:11")
        }
        let (c, _) = parseExpr("a ? b : c")
        #expect(span(c.range) == "1:1-1:10")
        let (s, _) = parseExpr("x[*].y")
        #expect(span(s.range) == "1:1-1:7")
        let (t, _) = parseExpr("\"ab${c}\"")
        #expect(span(t.range) == "1:1-1:9")
    }

    @Test func invalidNumber() {
        let (_, d) = parseExpr("1..2")
        #expect(d.items.first?.summary == "Invalid number literal")
    }

    @Test func extraCharactersAfterExpression() {
        let (_, d) = parseExpr("a b")
        #expect(d.items.map(\.summary) == ["Extra characters after expression"])
    }

    @Test func bareTemplateMode() {
        let (e, d) = Parser.parseTemplate(Array("Hello ${name}!\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\n".utf8), filename: "t.tmpl")
        #expect(d.isEmpty)
        #expect(sexpr(e) == "(tmpl \"Hello \" ${name} \"!\\n\" (%for x in xs \"- \" ${x} \"\\n\") \"\")")
        let (w, _) = Parser.parseTemplate(Array("${x}".utf8), filename: "t.tmpl")
        #expect(sexpr(w) == "(wrap x)")
    }

    @Test func absoluteTraversal() {
        let (t, d) = Parser.parseTraversal(Array("aws_instance.web[0][\"k\"]".utf8), filename: "")
        #expect(d.isEmpty)
        #expect(t.map { $0.rootName + $0.steps.map(step).joined() } == "aws_instance.web[0][\"k\"]")
        let (_, d2) = Parser.parseTraversal(Array("a[*]".utf8), filename: "")
        #expect(d2.items.first?.summary == "Attribute name required")
    }
}

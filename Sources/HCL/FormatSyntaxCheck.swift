extension Formatter {
    /// Terraform refuses to format a file that does not parse, because the
    /// layout rules could mangle it beyond easy repair.
    static func syntaxDiagnostics(_ source: [UInt8], filename: String) -> Diagnostics {
        Parser.parseFile(source, filename: filename).1
    }

    /// What a diagnostic renderer needs to show snippets of `source`, with the
    /// enclosing top-level block for the "in resource ..." context line.
    public static func sourceEntry(_ source: [UInt8], filename: String) -> SourceFiles.Entry {
        let (file, _) = Parser.parseFile(source, filename: filename)
        let blocks = file.body.blocks.map { block -> (range: Range<Int>, header: String) in
            let header = ([block.type] + block.labels.map { "\"\($0.value)\"" }).joined(separator: " ")
            return (block.range.start.byte..<block.range.end.byte, header)
        }
        return SourceFiles.Entry(bytes: source, topLevelBlocks: blocks)
    }
}

.diagnostics[]
| select(.summary as $s | ["Unsupported argument", "Unsupported block type", "Missing required argument", "Invalid reference", "Reference to undeclared local value", "Reference to undeclared input variable", "Reference to undeclared resource", "Call to unknown function", "Invalid resource type", "Missing name for resource", "Invalid single-line block", "Duplicate local value definition", "Variables not allowed", "Invalid provider local name", "Invalid resource type name", "Invalid data source name", "Invalid output name", "Invalid variable name"] | index($s) | not)
| [.summary, (.detail | gsub("\n"; "\\n")),
   (if .range then "\(.range.start.line):\(.range.start.column):\(.range.start.byte)" else "-" end),
   (if .range then "\(.range.end.line):\(.range.end.column):\(.range.end.byte)" else "-" end)]
| join("\t")

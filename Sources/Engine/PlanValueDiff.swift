import HCL
import JSON
import Values

/// Value diffs as terraform's human renderer computes them: the before and
/// after values are first reduced to their JSON-plan shape (unknowns omitted,
/// sensitivity and unknownness as separate trees), then each attribute gets an
/// action and a renderer; dynamic values diff structurally as JSON, typed
/// ones by their schema type. The text of every renderer follows terraform's
/// `-no-color` output byte for byte.
enum ValueDiff {
    /// A value as the JSON plan carries it.
    indirect enum JV: Equatable {
        case null, bool(Bool), number(String), string(String), array([JV]), object([String: JV])

        var isNull: Bool { self == .null }
        var isTrue: Bool { self == .bool(true) }
        var object: [String: JV]? { if case .object(let o) = self { return o }; return nil }
        var array: [JV]? { if case .array(let a) = self { return a }; return nil }

        static func from(_ j: JSONValue) -> JV {
            switch j {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .number(let n): return .number(n)
            case .string(let s): return .string(s)
            case .array(let a): return .array(a.map(from))
            case .object(let m):
                var o: [String: JV] = [:]
                for member in m { o[member.key] = from(member.value) }
                return .object(o)
            }
        }
    }

    enum Action: Equatable { case noOp, create, delete, update }

    /// Attribute paths whose change forces replacement, relative to the current value.
    struct Replace {
        enum Key: Equatable { case key(String), index(Int) }
        var paths: [[Key]] = []
        var matches: Bool { paths.contains { $0.isEmpty } }
        func child(_ k: Key) -> Replace {
            Replace(paths: paths.compactMap { p in p.first == k ? Array(p.dropFirst()) : nil })
        }
    }

    /// terraform's `structured.Change`.
    struct Change {
        var beforeExplicit = false
        var afterExplicit = false
        var before: JV = .null
        var after: JV = .null
        var unknown: JV = .null
        var beforeSensitive: JV = .null
        var afterSensitive: JV = .null
        var replace = Replace()
        var nonLegacy = false

        var isBeforeSensitive: Bool { beforeSensitive.isTrue }
        var isAfterSensitive: Bool { afterSensitive.isTrue }
        var isUnknown: Bool { unknown.isTrue }

        var calculatedAction: Action {
            if before.isNull && !beforeExplicit && (!after.isNull || afterExplicit) { return .create }
            if after.isNull && !afterExplicit && (!before.isNull || beforeExplicit) { return .delete }
            if before == after && afterExplicit == beforeExplicit && isAfterSensitive == isBeforeSensitive { return .noOp }
            return .update
        }

        var defaultActionForIteration: Action {
            if before.isNull && after.isNull { return .noOp }
            if before.isNull { return .create }
            if after.isNull { return .delete }
            return .noOp
        }

        var asNoOp: Change {
            Change(beforeExplicit: beforeExplicit, afterExplicit: beforeExplicit, before: before, after: before, unknown: .bool(false),
                   beforeSensitive: beforeSensitive, afterSensitive: beforeSensitive, replace: replace)
        }

        var asDelete: Change {
            Change(beforeExplicit: beforeExplicit, afterExplicit: false, before: before, after: .null, unknown: .null,
                   beforeSensitive: beforeSensitive, afterSensitive: .null, replace: replace)
        }

        var asCreate: Change {
            Change(beforeExplicit: false, afterExplicit: afterExplicit, before: .null, after: after, unknown: unknown,
                   beforeSensitive: .null, afterSensitive: afterSensitive, replace: replace)
        }

        func childKey(_ key: String) -> Change {
            func get(_ v: JV) -> (JV, Bool) {
                guard let o = v.object, let c = o[key] else { return (.null, false) }
                return (c, true)
            }
            let (b, be) = get(before), (a, ae) = get(after)
            return Change(beforeExplicit: be, afterExplicit: ae, before: b, after: a, unknown: get(unknown).0,
                          beforeSensitive: get(beforeSensitive).0, afterSensitive: get(afterSensitive).0,
                          replace: replace.child(.key(key)), nonLegacy: nonLegacy)
        }

        func childIndex(_ bi: Int, _ ai: Int) -> Change {
            func get(_ v: JV, _ i: Int) -> (JV, Bool) {
                guard let a = v.array, i >= 0, i < a.count else { return (.null, false) }
                return (a[i], true)
            }
            let (b, be) = get(before, bi), (a, ae) = get(after, ai)
            let beforeCount = before.array?.count ?? 0
            let relevant = bi < 0 || bi >= beforeCount ? ai : bi
            return Change(beforeExplicit: be, afterExplicit: ae, before: b, after: a, unknown: get(unknown, ai).0,
                          beforeSensitive: get(beforeSensitive, bi).0, afterSensitive: get(afterSensitive, ai).0,
                          replace: replace.child(.index(relevant)))
        }

        /// Keys of before and after (and of the unknown and sensitive trees, for JSON objects).
        func keys(all: Bool) -> [String] {
            var set = Set<String>()
            for v in all ? [before, after, unknown, afterSensitive, beforeSensitive] : [before, after] {
                for k in v.object?.keys ?? [:].keys { set.insert(k) }
            }
            return Array(set)
        }
    }

    /// terraform's `computed.Diff`.
    struct CDiff {
        var renderer: Renderer
        var action: Action
        var replace: Bool
    }

    indirect enum Renderer {
        enum Prim { case string, number, bool, null }
        case primitive(JV, JV, Prim)
        case object([String: CDiff])
        case map([String: CDiff])
        case list([CDiff], context: Bool)
        case set([CDiff])
        case sensitive(CDiff, before: Bool, after: Bool)
        case unknown(CDiff?)
        case typeChange(CDiff, CDiff)
        case block([String: CDiff], [BlockEntry])
    }

    /// A nested block as the block renderer lists it.
    struct BlockEntry {
        var name: String
        var diff: CDiff
        var beforeSensitive: Bool
        var afterSensitive: Bool
        var forceReplace: Bool
    }

    struct Opts {
        var overrideNullSuffix = false
        var forceForcesReplacement = false
        var forbidForcesReplacement = false
        var showUnchangedChildren = false
        var hideSymbols = false
        /// Only `show` colours here (a null in dark grey); plan text is coloured by the CLI afterwards.
        var color = false

        var cloned: Opts {
            Opts(overrideNullSuffix: overrideNullSuffix, showUnchangedChildren: showUnchangedChildren, hideSymbols: hideSymbols, color: color)
        }

        var nullText: String { ValueDiff.paint("90", "null", self) }
    }
}

// MARK: - From values to the JSON-plan shape

extension ValueDiff {
    /// The JSON value with unknowns omitted (nulls in sequences), plus the unknown and sensitive trees.
    static func shape(_ v0: Value, schemaSensitive: Bool = false) -> (value: JV, unknown: JV, sensitive: JV) {
        let (v, marks) = v0.unmarked()
        let sensitive = schemaSensitive || marks.contains(.sensitive)
        if !v.isKnown { return (.null, .bool(true), .bool(sensitive)) }
        switch v.content {
        case .unknown, .null, .type: return (.null, .bool(false), .bool(sensitive))
        case .bool(let b): return (.bool(b), .bool(false), .bool(sensitive))
        case .number(let n):
            let text = n.description
            return (.number(text == "-0" ? "0" : text), .bool(false), .bool(sensitive))
        case .string(let s): return (.string(s), .bool(false), .bool(sensitive))
        case .elements(let items):
            // A set cannot hold marked elements: their marks belong to the set (as in cty).
            if v.type.isSet && !sensitive && items.contains(where: { $0.deepMarks.contains(.sensitive) }) {
                return shape(v0.marked(.sensitive))
            }
            let parts = items.map { shape($0) }
            return (.array(parts.map(\.value)), .array(parts.map(\.unknown)), sensitive ? .bool(true) : .array(parts.map(\.sensitive)))
        case .attributes(let attrs):
            var value: [String: JV] = [:], unknown: [String: JV] = [:], sens: [String: JV] = [:]
            for (k, item) in attrs {
                let p = shape(item)
                if p.unknown.isTrue { unknown[k] = p.unknown } else {
                    value[k] = p.value
                    if p.unknown != .bool(false) { unknown[k] = p.unknown }
                }
                if p.sensitive != .bool(false) { sens[k] = p.sensitive }
            }
            return (.object(value), .object(unknown), sensitive ? .bool(true) : .object(sens))
        }
    }

    static func change(before: Value?, after: Value?, replace: [AttributePath] = []) -> Change {
        var c = Change()
        if let b = before {
            let s = shape(b)
            c.before = s.value
            c.beforeSensitive = s.sensitive
        }
        if let a = after {
            let s = shape(a)
            c.after = s.value
            c.afterSensitive = s.sensitive
            c.unknown = s.unknown
        }
        c.replace.paths = replace.map { p in
            p.steps.map { step -> Replace.Key in
                switch step {
                case .attribute(let n), .key(let n): return .key(n)
                case .index(let i): return .index(i)
                }
            }
        }
        return c
    }
}

// MARK: - Differ

extension ValueDiff {
    static func forBlock(_ change0: Change, _ block: SchemaBlock) -> CDiff {
        var change = change0
        if let s = checkSensitive(change, { forBlock($0, block) }) { return s }
        if let u = checkUnknown(change, { forBlock($0, block) }) { return u }
        change.nonLegacy = change.nonLegacy || containsNonLegacyFeatures(block)
        var current = change.defaultActionForIteration
        var attributes: [String: CDiff] = [:]
        for (key, attr) in block.attributes {
            var child = change.childKey(key)
            child.beforeExplicit = false
            child.afterExplicit = false
            if attr.sensitive {
                if change.before.object != nil { child.beforeSensitive = .bool(true) }
                if change.after.object != nil || change.isUnknown { child.afterSensitive = .bool(true) }
            }
            let d = forType(child, attr.type)
            if d.action == .noOp && child.before.isNull && child.after.isNull { continue }
            attributes[key] = d
            current = compare(current, d.action)
        }
        var entries: [BlockEntry] = []
        for name in block.blocks.keys.sorted(by: byteOrder) {
            guard let nested = block.blocks[name] else { continue }
            let child = change.childKey(name)
            let forceReplace = child.replace.matches
            let unknown = child.isUnknown
            func add(_ d: CDiff) {
                entries.append(BlockEntry(name: name, diff: d, beforeSensitive: child.isBeforeSensitive, afterSensitive: child.isAfterSensitive, forceReplace: forceReplace))
            }
            switch nested.nesting {
            case .single:
                let d = forBlock(child, nested.block)
                if d.action == .noOp && child.before.isNull && child.after.isNull && !unknown { continue }
                add(d)
                current = compare(current, d.action)
            case .list, .set:
                var diffs: [CDiff] = []
                var action = child.defaultActionForIteration
                let visit: (Change) -> Void = { v in
                    let d = forBlock(v, nested.block)
                    diffs.append(d)
                    action = compare(action, d.action)
                }
                if nested.nesting == .list { processNestedList(child, visit) } else { processSet(child, visit) }
                if action == .noOp && child.before.isNull && child.after.isNull && !unknown { continue }
                if unknown { add(CDiff(renderer: .unknown(nil), action: change0.calculatedAction == .create ? .create : .update, replace: false)) }
                for d in diffs { add(d) }
                current = compare(current, action)
            }
        }
        return CDiff(renderer: .block(attributes, entries), action: current, replace: change.replace.matches)
    }

    static func containsNonLegacyFeatures(_ block: SchemaBlock) -> Bool {
        for attr in block.attributes.values {
            let t = attr.type
            if t.hasDynamicTypes || t.isTuple || t.isObject { return true }
            switch t {
            case .list(let e), .set(let e), .map(let e):
                switch e {
                case .list(let ee), .set(let ee), .map(let ee): if !ee.isPrimitive { return true }
                default: break
                }
            default: break
            }
        }
        return false
    }

    static func forType(_ change0: Change, _ type: ValueType) -> CDiff {
        var change = change0
        if !change.nonLegacy {
            // The legacy SDK cannot tell an empty string from null.
            if change.before == .string("") { change.before = .null }
            if change.after == .string("") { change.after = .null }
        }
        if let s = checkSensitive(change, { forType($0, type) }) { return s }
        if let u = checkUnknown(change, { forType($0, type) }) { return u }
        switch type {
        case .dynamic, .typeValue: return forOutput(change)
        case .string: return CDiff(renderer: .primitive(change.before, change.after, .string), action: change.calculatedAction, replace: change.replace.matches)
        case .number: return CDiff(renderer: .primitive(change.before, change.after, .number), action: change.calculatedAction, replace: change.replace.matches)
        case .bool: return CDiff(renderer: .primitive(change.before, change.after, .bool), action: change.calculatedAction, replace: change.replace.matches)
        case .object(let attrs, _):
            var current = change.defaultActionForIteration
            var diffs: [String: CDiff] = [:]
            for (key, t) in attrs {
                var child = change.childKey(key)
                child.beforeExplicit = false
                child.afterExplicit = false
                let d = forType(child, t)
                if d.action == .noOp && child.before.isNull && child.after.isNull { continue }
                diffs[key] = d
                current = compare(current, d.action)
            }
            return CDiff(renderer: .object(diffs), action: current, replace: change.replace.matches)
        case .map(let e):
            var current = initialAction(change.before.object != nil, change.after.object != nil)
            var diffs: [String: CDiff] = [:]
            for key in change.keys(all: true) {
                let d = forType(change.childKey(key), e)
                diffs[key] = d
                current = compare(current, d.action)
            }
            return CDiff(renderer: .map(diffs), action: current, replace: change.replace.matches)
        case .list(let e):
            let (elements, action) = transformSlice(change, isObject: { _ in e.isObject }) { forType($0, e) }
            return CDiff(renderer: .list(elements, context: true), action: action, replace: change.replace.matches)
        case .tuple(let types):
            var current = change.defaultActionForIteration
            var elements: [CDiff] = []
            for (i, t) in types.enumerated() {
                let d = forType(change.childIndex(i, i), t)
                elements.append(d)
                current = compare(current, d.action)
            }
            return CDiff(renderer: .list(elements, context: true), action: current, replace: change.replace.matches)
        case .set(let e):
            var current = change.defaultActionForIteration
            var elements: [CDiff] = []
            processSet(change) { v in
                let d = forType(v, e)
                elements.append(d)
                current = compare(current, d.action)
            }
            return CDiff(renderer: .set(elements), action: current, replace: change.replace.matches)
        }
    }

    /// Dynamic values (outputs, `terraform_data`'s attributes): structural JSON diff.
    static func forOutput(_ change: Change) -> CDiff {
        if let s = checkSensitive(change, forOutput) { return s }
        if let u = checkUnknown(change, forOutput) { return u }
        return jsonTransform(change)
    }

    static func jsonType(_ v: JV) -> Int {
        switch v {
        case .null: return 0
        case .bool: return 1
        case .number: return 2
        case .string: return 3
        case .array: return 4
        case .object: return 5
        }
    }

    static func jsonTransform(_ change: Change) -> CDiff {
        if let s = checkSensitive(change, jsonTransform, jsonMode: true) { return s }
        if let u = checkUnknown(change, jsonTransform, jsonMode: true) { return u }
        let bt = jsonType(change.before), at = jsonType(change.after)
        let deleted = at == 0 && !change.afterExplicit
        let created = bt == 0 && !change.beforeExplicit
        if bt == at || created || deleted {
            return jsonUpdate(change, bt == 0 ? at : bt)
        }
        let b = jsonUpdate(change.asDelete, bt)
        let a = jsonUpdate(change.asCreate, at)
        return CDiff(renderer: .typeChange(b, a), action: .update, replace: false)
    }

    static func jsonUpdate(_ change: Change, _ type: Int) -> CDiff {
        switch type {
        case 4:
            let (elements, action) = transformSlice(change, isObject: { jsonType($0) == 5 }, jsonTransform)
            return CDiff(renderer: .list(elements, context: true), action: action, replace: false)
        case 5:
            var current = initialAction(change.before.object != nil, change.after.object != nil)
            var diffs: [String: CDiff] = [:]
            for key in change.keys(all: true) {
                let d = jsonTransform(change.childKey(key))
                diffs[key] = d
                current = compare(current, d.action)
            }
            return CDiff(renderer: .object(diffs), action: current, replace: false)
        default:
            let beforeMissing = change.before.isNull && !change.beforeExplicit
            let afterMissing = change.after.isNull && !change.afterExplicit
            let action: Action
            if beforeMissing && !afterMissing { action = .create } else if !beforeMissing && afterMissing { action = .delete } else if change.before == change.after { action = .noOp } else { action = .update }
            let prim: Renderer.Prim = [.null, .bool, .number, .string][min(type, 3)]
            return CDiff(renderer: .primitive(change.before, change.after, prim), action: action, replace: false)
        }
    }

    static func checkSensitive(_ change: Change, _ inner: (Change) -> CDiff, jsonMode: Bool = false) -> CDiff? {
        let bs = change.isBeforeSensitive, as_ = change.isAfterSensitive
        if !bs && !as_ { return nil }
        // As terraform, the inner change does not keep the legacy-schema flag.
        var value = change
        value.beforeSensitive = .bool(false)
        value.afterSensitive = .bool(false)
        value.nonLegacy = false
        let d = inner(value)
        var action = d.action
        let nullNoOp = change.before.isNull && !change.beforeExplicit && change.after.isNull && !change.afterExplicit
        if action == .noOp && bs != as_ && !nullNoOp { action = .update }
        return CDiff(renderer: .sensitive(d, before: bs, after: as_), action: action, replace: jsonMode ? false : change.replace.matches)
    }

    static func checkUnknown(_ change0: Change, _ inner: (Change) -> CDiff, jsonMode: Bool = false) -> CDiff? {
        guard change0.isUnknown else { return nil }
        var change = change0
        change.afterExplicit = true
        let replace = jsonMode ? false : change.replace.matches
        if change.before.isNull {
            return CDiff(renderer: .unknown(nil), action: jsonMode ? .create : change.calculatedAction, replace: replace)
        }
        var before = change.asDelete
        before.unknown = .bool(false)
        return CDiff(renderer: .unknown(inner(before)), action: jsonMode ? .update : change.calculatedAction, replace: replace)
    }

    static func initialAction(_ hasBefore: Bool, _ hasAfter: Bool) -> Action {
        if hasBefore && !hasAfter { return .delete }
        if !hasBefore && hasAfter { return .create }
        return .noOp
    }

    static func compare(_ current: Action, _ next: Action) -> Action {
        if next == .noOp { return current }
        return current != next ? .update : current
    }

    static func transformSlice(_ change: Change, isObject: (JV) -> Bool, _ process: (Change) -> CDiff) -> ([CDiff], Action) {
        let before = change.before.array, after = change.after.array
        var current = initialAction(before != nil, after != nil)
        var elements: [CDiff] = []
        processSlice(before ?? [], after ?? [], isObject: isObject) { bi, ai in
            let d = process(change.childIndex(bi, ai))
            elements.append(d)
            current = compare(current, d.action)
        }
        return (elements, current)
    }

    /// terraform's list alignment: element-wise when only values changed in
    /// place, otherwise around the longest common subsequence.
    static func processSlice<T: Equatable>(_ before: [T], _ after: [T], isObject: (T) -> Bool, _ process: (Int, Int) -> Void) {
        if before.count == after.count && !isReorder(before, after) {
            for i in before.indices { process(i, i) }
            return
        }
        let lcs = longestCommonSubsequence(before, after)
        var bi = 0, ai = 0, li = 0
        while bi < before.count || ai < after.count || li < lcs.count {
            while bi < before.count && (li >= lcs.count || before[bi] != lcs[li]) {
                let objectDiff = isObject(before[bi]) && ai < after.count && isObject(after[ai]) && (li >= lcs.count || after[ai] != lcs[li])
                if objectDiff {
                    process(bi, ai)
                    bi += 1
                    ai += 1
                    continue
                }
                process(bi, after.count)
                bi += 1
            }
            while ai < after.count && (li >= lcs.count || after[ai] != lcs[li]) {
                process(before.count, ai)
                ai += 1
            }
            if li < lcs.count {
                process(bi, ai)
                bi += 1
                ai += 1
                li += 1
            }
        }
    }

    static func isReorder<T: Equatable>(_ before: [T], _ after: [T]) -> Bool {
        guard before.count == after.count else { return false }
        return before.allSatisfy { b in after.contains(b) }
    }

    /// As terraform's objchange.LongestCommonSubsequence (same tie-breaking).
    static func longestCommonSubsequence<T: Equatable>(_ xs: [T], _ ys: [T]) -> [T] {
        if xs.isEmpty || ys.isEmpty { return [] }
        let w = xs.count
        var c = [Int](repeating: 0, count: xs.count * ys.count)
        var eqs = [Bool](repeating: false, count: xs.count * ys.count)
        for y in 0..<ys.count {
            for x in 0..<xs.count {
                if xs[x] == ys[y] {
                    eqs[w * y + x] = true
                    c[w * y + x] = (x == 0 || y == 0) ? 1 : c[w * (y - 1) + (x - 1)] + 1
                } else {
                    let l = x > 0 ? c[w * y + (x - 1)] : 0
                    let u = y > 0 ? c[w * (y - 1) + x] : 0
                    c[w * y + x] = max(l, u)
                }
            }
        }
        var seq: [T] = []
        var x = xs.count - 1, y = ys.count - 1
        while x > -1 && y > -1 {
            if eqs[w * y + x] {
                seq.append(xs[x])
                x -= 1
                y -= 1
            } else {
                let l = x > 0 ? c[w * y + (x - 1)] : 0
                let u = y > 0 ? c[w * (y - 1) + x] : 0
                if l > u { x -= 1 } else { y -= 1 }
            }
        }
        return seq.reversed()
    }

    static func processNestedList(_ change: Change, _ visit: (Change) -> Void) {
        let b = change.before.array?.count ?? 0, a = change.after.array?.count ?? 0
        var i = 0
        while i < b || i < a {
            visit(change.childIndex(i, i))
            i += 1
        }
    }

    static func processSet(_ change: Change, _ visit: (Change) -> Void) {
        let before = change.before.array ?? [], after = change.after.array ?? []
        var foundBefore: [Int: Int] = [:], foundAfter: [Int: Int] = [:]
        for i in before.indices {
            var matched = false
            for j in after.indices where foundAfter[j] == nil {
                let c = change.childIndex(i, j)
                if c.before == c.after && c.isBeforeSensitive == c.isAfterSensitive && !c.isUnknown {
                    matched = true
                    foundBefore[i] = j
                    foundAfter[j] = i
                }
            }
            if !matched { foundBefore[i] = -1 }
        }
        for i in before.indices {
            if let j = foundBefore[i], j >= 0 { visit(change.childIndex(i, j)) } else { visit(change.childIndex(i, after.count)) }
        }
        for j in after.indices where foundAfter[j] == nil {
            visit(change.childIndex(before.count, j))
        }
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}

// MARK: - Rendering

extension ValueDiff {
    static func indentText(_ n: Int) -> String { String(repeating: "    ", count: max(0, n)) }

    /// terraform's colorstring: the code, the text, a reset, and the reset every coloured piece ends with.
    static func paint(_ code: String, _ text: String, _ opts: Opts) -> String {
        opts.color ? "\u{1B}[\(code)m" + text + "\u{1B}[0m\u{1B}[0m" : text
    }

    static func symbol(_ a: Action, _ opts: Opts) -> String {
        if opts.hideSymbols { return "" }
        switch a {
        case .create: return "  " + paint("32", "+", opts) + " "
        case .delete: return "  " + paint("31", "-", opts) + " "
        case .update: return "  " + paint("33", "~", opts) + " "
        case .noOp: return "    "
        }
    }

    static func arrow(_ opts: Opts) -> String { " " + paint("33", "->", opts) + " " }

    static func nullSuffix(_ a: Action, _ opts: Opts) -> String { !opts.overrideNullSuffix && a == .delete ? " " + paint("90", "-> null", opts) : "" }

    static func forcesReplacement(_ replace: Bool, _ opts: Opts) -> String {
        (replace || opts.forceForcesReplacement) && !opts.forbidForcesReplacement ? " " + paint("31", "# forces replacement", opts) : ""
    }

    static func unchanged(_ keyword: String, _ n: Int, _ opts: Opts) -> String {
        paint("90", "# (\(n) unchanged \(keyword)\(n == 1 ? "" : "s") hidden)", opts)
    }

    static func attributeName(_ key: String) -> String { PlanRenderer.isHCLIdentifier(key) ? key : GoStrings.quote(key) }

    static func padded(_ s: String, _ width: Int) -> String {
        // Widths are measured in bytes (Go's len) but %-*s pads by runes.
        let n = s.unicodeScalars.count
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }

    static func render(_ d: CDiff, _ indent: Int, _ opts: Opts) -> String {
        switch d.renderer {
        case .primitive(let b, let a, let t):
            if t == .string { return renderString(d, b, a, indent, opts) }
            func text(_ v: JV) -> String {
                switch v {
                case .bool(let x): return x ? "true" : "false"
                case .number(let n): return n
                default: return opts.nullText
                }
            }
            switch d.action {
            case .create: return text(a) + forcesReplacement(d.replace, opts)
            case .delete: return text(b) + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts)
            case .noOp: return text(b) + forcesReplacement(d.replace, opts)
            case .update: return text(b) + arrow(opts) + text(a) + forcesReplacement(d.replace, opts)
            }
        case .sensitive:
            return "(sensitive value)" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts)
        case .unknown(let before):
            guard d.action != .create, let b = before else { return "(known after apply)" + forcesReplacement(d.replace, opts) }
            var o = opts.cloned
            o.overrideNullSuffix = true
            if d.replace { o.forbidForcesReplacement = true }
            return render(b, indent, o) + " -> (known after apply)" + forcesReplacement(d.replace, opts)
        case .typeChange(let b, let a):
            var o = opts
            o.overrideNullSuffix = true
            return render(b, indent, o) + arrow(opts) + render(a, indent, o)
        case .object(let attrs): return renderObject(d, attrs, indent, opts)
        case .map(let elems): return renderMap(d, elems, indent, opts)
        case .list(let elems, let context): return renderList(d, elems, context, indent, opts)
        case .set(let elems): return renderSet(d, elems, indent, opts)
        case .block(let attrs, let blocks): return renderBlock(d, attrs, blocks, indent, opts)
        }
    }

    static func warnings(_ d: CDiff, _ indent: Int, _ opts: Opts) -> [String] {
        guard case .sensitive(let inner, let bs, let as_) = d.renderer else { return [] }
        if bs == as_ || inner.action == .create || inner.action == .delete { return [] }
        var w: String
        if bs {
            w = "  # Warning: this attribute value will no longer be marked as sensitive\n\(indentText(indent))  # after applying this change."
        } else {
            w = "  # Warning: this attribute value will be marked as sensitive and will not\n\(indentText(indent))  # display in UI output after applying this change."
        }
        if opts.color {
            // One colorstring call over the whole warning: yellow "Warning", one reset at its end.
            w = w.replacingOccurrences(of: "# Warning:", with: "# \u{1B}[33mWarning\u{1B}[0m:") + "\u{1B}[0m"
        }
        if inner.action == .noOp { w += " The value is unchanged." }
        return [w]
    }

    static func isObjectRenderer(_ d: CDiff) -> Bool { if case .object = d.renderer { return true }; return false }

    static func renderObject(_ d: CDiff, _ attrs: [String: CDiff], _ indent: Int, _ opts: Opts) -> String {
        if attrs.isEmpty { return "{}" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        var attrOpts = opts.cloned
        attrOpts.overrideNullSuffix = true
        let keys = attrs.keys.sorted(by: byteOrder)
        let width = keys.map { attributeName($0).utf8.count }.max() ?? 0
        var hidden = 0
        var out = "{" + forcesReplacement(d.replace, opts) + "\n"
        for key in keys {
            guard let attr = attrs[key] else { continue }
            if PlanRenderer.importantAttributes.contains(key) {
                var o = attrOpts.cloned
                o.showUnchangedChildren = true
                for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
                out += indentText(indent + 1) + symbol(attr.action, o) + padded(attributeName(key), width) + " = " + render(attr, indent + 1, o) + "\n"
                continue
            }
            if attr.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(attr.action, attrOpts) + padded(attributeName(key), width) + " = " + render(attr, indent + 1, attrOpts) + "\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("attribute", hidden, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "}" + nullSuffix(d.action, opts)
    }

    static func renderMap(_ d: CDiff, _ elems: [String: CDiff], _ indent: Int, _ opts: Opts) -> String {
        if elems.isEmpty { return "{}" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        let keys = elems.keys.sorted(by: byteOrder)
        let width = keys.map { GoStrings.quote($0).utf8.count }.max() ?? 0
        var elemOpts = opts.cloned
        elemOpts.overrideNullSuffix = d.action == .delete
        var hidden = 0
        var out = "{" + forcesReplacement(d.replace, opts) + "\n"
        for key in keys {
            guard let e = elems[key] else { continue }
            if e.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(e, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            let comma = isObjectRenderer(e) ? "," : ""
            out += indentText(indent + 1) + symbol(e.action, elemOpts) + padded(GoStrings.quote(key), width) + " = " + render(e, indent + 1, elemOpts) + comma + "\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("element", hidden, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "}" + nullSuffix(d.action, opts)
    }

    static func renderList(_ d: CDiff, _ elems: [CDiff], _ context: Bool, _ indent: Int, _ opts: Opts) -> String {
        if elems.isEmpty { return "[]" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        var elemOpts = opts.cloned
        elemOpts.overrideNullSuffix = true
        var unchangedOpts = opts.cloned
        unchangedOpts.showUnchangedChildren = true
        var pending: [CDiff] = []
        var renderNext = false
        var out = "[" + forcesReplacement(d.replace, opts) + "\n"
        for e in elems {
            if e.action == .noOp && !renderNext && !opts.showUnchangedChildren {
                pending.append(e)
                continue
            }
            renderNext = false
            var o = elemOpts
            if context {
                if pending.count > 1 { out += indentText(indent + 1) + symbol(.noOp, o) + unchanged("element", pending.count - 1, opts) + "\n" }
                if let last = pending.last {
                    out += indentText(indent + 1) + symbol(last.action, unchangedOpts) + render(last, indent + 1, unchangedOpts) + ",\n"
                }
                pending = []
                if e.action == .noOp { o = unchangedOpts } else { renderNext = true }
            }
            for w in warnings(e, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(e.action, o) + render(e, indent + 1, o) + ",\n"
        }
        if !pending.isEmpty { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("element", pending.count, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "]" + nullSuffix(d.action, opts)
    }

    static func renderSet(_ d: CDiff, _ elems: [CDiff], _ indent: Int, _ opts: Opts) -> String {
        if elems.isEmpty { return "[]" + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
        var elemOpts = opts.cloned
        elemOpts.overrideNullSuffix = true
        elemOpts.forceForcesReplacement = d.replace
        var hidden = 0
        var out = "[\n"
        for e in elems {
            if e.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(e, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(e.action, elemOpts) + render(e, indent + 1, elemOpts) + ",\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("element", hidden, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "]" + nullSuffix(d.action, opts)
    }

    static func renderBlock(_ d: CDiff, _ attrs: [String: CDiff], _ blocks: [BlockEntry], _ indent: Int, _ opts: Opts) -> String {
        if attrs.isEmpty && blocks.isEmpty { return "{}" + forcesReplacement(d.replace, opts) }
        let keys = attrs.keys.sorted(by: byteOrder)
        let width = keys.map { attributeName($0).utf8.count }.max() ?? 0
        var importantOpts = opts.cloned
        importantOpts.showUnchangedChildren = true
        let attrOpts = opts.cloned
        var hidden = 0
        var out = "{" + forcesReplacement(d.replace, opts) + "\n"
        for key in keys {
            guard let attr = attrs[key] else { continue }
            if PlanRenderer.importantAttributes.contains(key) {
                for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
                out += indentText(indent + 1) + symbol(attr.action, importantOpts) + padded(key, width) + " = " + render(attr, indent + 1, importantOpts) + "\n"
                continue
            }
            if attr.action == .noOp && !opts.showUnchangedChildren {
                hidden += 1
                continue
            }
            for w in warnings(attr, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            out += indentText(indent + 1) + symbol(attr.action, attrOpts) + padded(attributeName(key), width) + " = " + render(attr, indent + 1, attrOpts) + "\n"
        }
        if hidden > 0 { out += indentText(indent + 1) + symbol(.noOp, opts) + unchanged("attribute", hidden, opts) + "\n" }
        var hiddenBlocks = 0
        var lastName: String?
        var foundChanged = false
        for entry in blocks {
            if entry.name != lastName {
                lastName = entry.name
                foundChanged = false
            }
            var bd = entry.diff
            let creatingSensitive = bd.action == .create && entry.afterSensitive
            let deletingSensitive = bd.action == .delete && entry.beforeSensitive
            let modifyingSensitive = (bd.action == .update || bd.action == .noOp) && (entry.afterSensitive || entry.beforeSensitive)
            if creatingSensitive || deletingSensitive || modifyingSensitive {
                var action = bd.action
                if bd.action == .noOp && entry.beforeSensitive != entry.afterSensitive { action = .update }
                bd = CDiff(renderer: .sensitive(bd, before: entry.beforeSensitive, after: entry.afterSensitive), action: action, replace: bd.replace)
            }
            if bd.action == .noOp && !opts.showUnchangedChildren {
                hiddenBlocks += 1
                continue
            }
            if !foundChanged && !attrs.isEmpty {
                out += "\n"
                foundChanged = true
            }
            var blockOpts = opts.cloned
            blockOpts.forceForcesReplacement = entry.forceReplace
            for w in warnings(bd, indent + 1, opts) { out += indentText(indent + 1) + w + "\n" }
            let body: String
            if case .sensitive = bd.renderer {
                let p = indentText(indent + 1) + symbol(.noOp, blockOpts)
                body = "{" + forcesReplacement(bd.replace, blockOpts) + "\n" + p + "  # At least one attribute in this block is (or was) sensitive,\n"
                    + p + "  # so its contents will not be displayed.\n" + p + "}"
            } else {
                body = render(bd, indent + 1, blockOpts)
            }
            out += indentText(indent + 1) + symbol(bd.action, blockOpts) + attributeName(entry.name) + " " + body + "\n"
        }
        if hiddenBlocks > 0 { out += "\n" + indentText(indent + 1) + symbol(.noOp, opts) + unchanged("block", hiddenBlocks, opts) + "\n" }
        return out + indentText(indent) + symbol(.noOp, opts) + "}"
    }

    // MARK: strings

    struct EvaluatedString {
        var text: String
        var json: JV?
        var multiline = false
        var isNull = false

        var simple: String { isNull ? text : GoStrings.quote(text) }
    }

    static func evaluateString(_ v: JV, _ opts: Opts) -> EvaluatedString {
        guard case .string(let s) = v else { return EvaluatedString(text: opts.nullText, isNull: true) }
        if s.hasPrefix("{") || s.hasPrefix("[") {
            if let parsed = try? JSON.parse(s) { return EvaluatedString(text: s, json: JV.from(parsed)) }
        }
        if s.contains("\n") {
            return EvaluatedString(text: s.trimmingGoSpace(), multiline: true)
        }
        return EvaluatedString(text: s)
    }

    static func renderString(_ d: CDiff, _ b: JV, _ a: JV, _ indent: Int, _ opts: Opts) -> String {
        var lines: [String] = []
        let noop = symbol(.noOp, opts)
        func heredocLines(_ s: String) -> [String] {
            goLines(s).map { indentText(indent + 1) + noop + $0 }
        }
        switch d.action {
        case .create, .noOp:
            let str = evaluateString(a, opts)
            if str.json != nil {
                return d.action == .noOp ? renderJSONString(d, indent, opts, str, str) : renderJSONString(d, indent, opts, EvaluatedString(text: ""), str)
            }
            if !str.multiline { return str.simple + forcesReplacement(d.replace, opts) }
            lines = heredocLines(str.text)
        case .delete:
            let str = evaluateString(b, opts)
            if str.isNull { return str.simple + forcesReplacement(d.replace, opts) }
            if str.json != nil { return renderJSONString(d, indent, opts, str, EvaluatedString(text: "")) }
            if !str.multiline { return str.simple + nullSuffix(d.action, opts) + forcesReplacement(d.replace, opts) }
            lines = heredocLines(str.text)
        case .update:
            let bs = evaluateString(b, opts), as_ = evaluateString(a, opts)
            if bs.json != nil && as_.json != nil { return renderJSONString(d, indent, opts, bs, as_) }
            if bs.json != nil || as_.json != nil {
                let del = CDiff(renderer: .primitive(b, .null, .string), action: .delete, replace: false)
                let cre = CDiff(renderer: .primitive(.null, a, .string), action: .create, replace: false)
                return render(CDiff(renderer: .typeChange(del, cre), action: d.action, replace: d.replace), indent, opts)
            }
            if !bs.multiline && !as_.multiline {
                return bs.simple + arrow(opts) + as_.simple + forcesReplacement(d.replace, opts)
            }
            let bl = goLines(bs.text), al = goLines(as_.text)
            processSlice(bl, al, isObject: { _ in false }) { bi, ai in
                if bi < 0 || bi >= bl.count {
                    lines.append(indentText(indent + 1) + symbol(.create, opts) + al[ai])
                } else if ai < 0 || ai >= al.count {
                    lines.append(indentText(indent + 1) + symbol(.delete, opts) + bl[bi])
                } else if bl[bi] != al[ai] {
                    lines.append(indentText(indent + 1) + symbol(.delete, opts) + bl[bi])
                    lines.append(indentText(indent + 1) + symbol(.create, opts) + al[ai])
                } else {
                    lines.append(indentText(indent + 1) + noop + bl[bi])
                }
            }
        }
        return "<<-EOT" + forcesReplacement(d.replace, opts) + "\n" + lines.joined(separator: "\n") + "\n" + indentText(indent) + noop + "EOT" + nullSuffix(d.action, opts)
    }

    /// Split on "\n" scalars (a Swift Character would keep "\r\n" together).
    static func goLines(_ s: String) -> [String] {
        s.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    static func renderJSONString(_ d: CDiff, _ indent: Int, _ opts: Opts, _ b: EvaluatedString, _ a: EvaluatedString) -> String {
        let change = Change(beforeExplicit: d.action != .create, afterExplicit: d.action != .delete, before: b.json ?? .null, after: a.json ?? .null)
        let jsonDiff = jsonTransform(change)
        var action = d.action
        var jsonOpts = opts.cloned
        jsonOpts.overrideNullSuffix = true
        var whitespace = "", replace = ""
        if jsonDiff.action == .noOp && d.action == .update {
            whitespace = d.replace ? " # whitespace changes force replacement" : " # whitespace changes"
            jsonOpts.showUnchangedChildren = true
            action = .noOp
        } else {
            replace = forcesReplacement(d.replace, opts)
        }
        let rendered = render(jsonDiff, indent + 1, jsonOpts)
        if d.action == .create || d.action == .delete { action = .noOp }
        if rendered.contains("\n") {
            return "jsonencode(" + whitespace + "\n" + indentText(indent + 1) + symbol(action, opts) + rendered + replace + "\n"
                + indentText(indent) + symbol(.noOp, opts) + ")" + nullSuffix(d.action, opts)
        }
        return "jsonencode(" + rendered + ")" + whitespace + replace
    }
}

extension String {
    /// Go's strings.TrimSpace (Unicode white space at both ends).
    func trimmingGoSpace() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && scalars[start].properties.isWhitespace { start += 1 }
        while end > start && scalars[end - 1].properties.isWhitespace { end -= 1 }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }
}

// MARK: - Entry points for the plan and state renderers

extension ValueDiff {
    /// `{ ... }` of a resource instance (the text after `resource "T" "N" `), lines at indent level 1.
    static func resourceBody(before: Value, after: Value, schema: SchemaBlock, replace: [AttributePath] = [],
                             showUnchanged: Bool = false, hideSymbols: Bool = false, forget: Bool = false, color: Bool = false) -> String {
        var c = change(before: before, after: after, replace: replace)
        if forget { c = c.asNoOp }
        var opts = Opts()
        opts.showUnchangedChildren = showUnchanged
        opts.hideSymbols = hideSymbols
        opts.color = color
        return render(forBlock(c, schema), 0, opts)
    }

    /// An output's change: its action symbol (as terraform derives it from the values) and text.
    static func outputDiff(before: Value?, after: Value?, sensitive: Bool, color: Bool = false) -> (symbol: String, text: String)? {
        var c = change(before: before, after: after)
        if sensitive {
            c.beforeSensitive = .bool(true)
            c.afterSensitive = .bool(true)
        }
        let d = forOutput(c)
        if d.action == .noOp { return nil }
        var opts = Opts()
        opts.color = color
        return (String(symbol(d.action, opts).dropLast()), render(d, 0, opts))
    }
}

/// Values as `show` prints them from state: every part shown, no change symbols.
public enum StateValueRendering {
    static func opts(_ color: Bool) -> ValueDiff.Opts {
        var o = ValueDiff.Opts()
        o.showUnchangedChildren = true
        o.hideSymbols = true
        o.color = color
        return o
    }

    /// A value of no fixed type (a dynamic attribute), rendered structurally as JSON; `indent` in levels of four spaces.
    public static func dynamic(_ json: JSONValue, indent: Int, color: Bool = false) -> String {
        let v = ValueDiff.JV.from(json)
        let c = ValueDiff.Change(before: v, after: v)
        return ValueDiff.render(ValueDiff.forOutput(c), indent, opts(color))
    }

    /// A dynamic attribute with its type (`{"value","type"}` in state) and the
    /// resource's sensitive paths (state's `sensitive_attributes`); nil when it does not decode.
    public static func dynamic(_ json: JSONValue, type: JSONValue, attribute: String, sensitivePaths: [JSONValue], indent: Int, color: Bool = false) -> String? {
        guard let t = StateValueCodec.parseType(type), case .success(let value) = StateValueCodec.decode(json, type: t) else { return nil }
        let whole = StateValueCodec.markSensitive(Value.object([attribute: value]), paths: sensitivePaths)
        guard let marked = whole.attributes?[attribute] else { return nil }
        let s = ValueDiff.shape(marked)
        let c = ValueDiff.Change(before: s.value, after: s.value, beforeSensitive: s.sensitive, afterSensitive: s.sensitive)
        return ValueDiff.render(ValueDiff.forOutput(c), indent, opts(color))
    }

    /// A value of a known type (an output, a typed attribute); nil when the JSON does not decode as that type.
    public static func typed(_ json: JSONValue, type: ValueType, sensitive: Bool, indent: Int, legacy: Bool = false, color: Bool = false) -> String? {
        guard case .success(let value) = StateValueCodec.decode(json, type: type) else { return nil }
        let s = ValueDiff.shape(value, schemaSensitive: sensitive)
        let c = ValueDiff.Change(before: s.value, after: s.value, beforeSensitive: s.sensitive, afterSensitive: s.sensitive, nonLegacy: !legacy)
        return ValueDiff.render(ValueDiff.forType(c, type), indent, opts(color))
    }
}

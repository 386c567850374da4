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

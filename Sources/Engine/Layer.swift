/// The Engine layer: terraform's core for the root module.
///
/// Flow of `plan` / `apply` (entry points on `Engine`):
/// - `ConfigGraph.build` orders variables, locals, resources and outputs by
///   their references and `depends_on` (cycles are diagnostics).
/// - `Engine.plan(prior:destroy:refresh:)` refreshes prior objects through
///   their `Provider`, then walks the graph once: each resource's
///   `count`/`for_each` is expanded (`ConfigDecoding.expansion`), each instance's
///   body is evaluated in an `EvaluationScope` and planned by the provider
///   (`planResourceChange`); the resource's aggregate value is stored once, so
///   references to `x[key]` are dictionary lookups. Instances and resources left
///   in state become deletions. The result is a `Plan` of `PlannedChange`s.
/// - `PlanRenderer` prints a `Plan` as terraform's human plan text.
/// - `Engine.apply(_:persist:)` destroys (reverse dependency order), then
///   creates/updates in dependency order with real values, writing state
///   through the caller's persister (`StateDocument` keeps it indexed).
/// Providers are Swift types behind the `Provider` protocol (terraform's
/// protocol v6), found by source address in a `ProviderRegistry`.
public enum EngineLayer {
    public static let name = "Engine"
}

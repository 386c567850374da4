/// The Engine layer. See docs/architecture.md for what it will hold and which issue brings it.
public enum EngineLayer {
    public static let name = "Engine"
}

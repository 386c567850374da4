/// The Config layer. See docs/architecture.md for what it will hold and which issue brings it.
public enum ConfigLayer {
    public static let name = "Config"
}

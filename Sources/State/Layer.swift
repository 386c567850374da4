/// The State layer. See docs/architecture.md for what it will hold and which issue brings it.
public enum StateLayer {
    public static let name = "State"
}

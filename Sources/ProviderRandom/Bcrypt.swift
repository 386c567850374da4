import Values

/// random_password's `bcrypt_hash`: Go's `bcrypt.GenerateFromPassword` at the default
/// cost, through the same bcrypt as the `bcrypt()` function (Values.Bcrypt).
enum PasswordHash {
    /// The `$2a$10$` hash of `password` with a fresh random salt. Only the first 72 bytes
    /// count, as in the provider (the hash library it was built with truncated them).
    static func bcrypt(_ password: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return bcrypt(Array(password.utf8), cost: Bcrypt.defaultCost, salt: salt)
    }

    static func bcrypt(_ password: [UInt8], cost: Int, salt: [UInt8]) -> String {
        // Cannot throw: at most 72 bytes, a cost in range, a 16-byte salt.
        (try? Bcrypt.hash(password: Array(password.prefix(72)), cost: cost, salt: salt)) ?? ""
    }

    /// Whether `hashed` (a `$2a$`/`$2b$` hash) matches `password`.
    static func verify(_ password: String, hashed: String) -> Bool {
        Bcrypt.verify(password: Array(Array(password.utf8).prefix(72)), hash: hashed)
    }
}

// Hand-written additions to the generated CodespacesSecrets.swift (same module). Kept tiny:
// everything else is generated from the Rust crate.

/// The generated enum already has `description` (the SDK's message, from Rust's Display); this
/// conformance makes `"\(error)"`, `String(describing:)` and `localizedDescription` use it.
extension CodespacesSecretsError: CustomStringConvertible {}

extension Client {
    /// An organization's secrets, spelled as in the other scopes' examples: `client.org("octo-org")`.
    public func org(_ name: String) -> Scope {
        org(org: name)
    }
}

/// Why a platform could not be set up from its configuration (`[platform]`).
public enum PlatformSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `kind = "affise"` without `url`.
    case missingURL
    /// `kind = "affise"` without an API key (neither `api_key` nor a set `api_key_env`).
    case missingAPIKey
    /// The URL is not an `http(s)://host…` URL.
    case invalidURL(String)
    /// `concurrency` below 1.
    case invalidConcurrency(Int)

    public var description: String {
        switch self {
        case .missingURL: return "[platform] kind = \"affise\" needs url = \"https://api-<company>.affise.com\""
        case .missingAPIKey: return "[platform] kind = \"affise\" needs an API key (api_key_env = \"NAME\" set in the environment, or api_key)"
        case .invalidURL(let url): return "[platform] url \"\(url)\" is not an http(s) URL with a host"
        case .invalidConcurrency(let value): return "[platform] concurrency must be at least 1 (got \(value))"
        }
    }
}

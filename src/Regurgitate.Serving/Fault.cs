namespace Regurgitate.Serving;

/// <summary>What the server does to one request instead of (or before) answering it.</summary>
public enum Fault
{
    /// <summary>Answer normally.</summary>
    None,
    /// <summary>HTTP 429 with a Retry-After header.</summary>
    RateLimited,
    /// <summary>HTTP 500.</summary>
    ServerError,
    /// <summary>HTTP 502.</summary>
    BadGateway,
    /// <summary>HTTP 503.</summary>
    Unavailable,
    /// <summary>Hold the request without answering until the client gives up (or the hang time passes, then 504).</summary>
    Timeout,
    /// <summary>HTTP 200 with a truncated, unparseable JSON body.</summary>
    Malformed,
    /// <summary>HTTP 200 with a well-formed completion whose content is empty.</summary>
    Empty,
}

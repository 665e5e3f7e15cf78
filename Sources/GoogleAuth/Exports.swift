// RS256 signing and the error type live in JWTSigning, which builds without the HTTP stack so its
// tests can run in a release build quickly; callers of GoogleAuth see them as part of it.
@_exported import JWTSigning

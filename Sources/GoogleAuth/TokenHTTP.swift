import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The OAuth2 token reply shared by the token endpoint and the metadata server:
/// `{"access_token", "expires_in", "token_type"}`; errors as `{"error", "error_description"}`.
enum TokenHTTP {
    /// Token replies are tiny; anything bigger is not a token reply.
    static let maximumBodyBytes = 64 * 1024

    private struct Success: Decodable {
        var access_token: String
        var expires_in: Double?
        var token_type: String?
    }

    private struct Failure: Decodable {
        var error: String?
        var error_description: String?
    }

    /// Sends `request` and turns the reply into a token that expires `expires_in` seconds after `now`.
    static func fetchToken(
        _ request: HTTPClientRequest, httpClient: HTTPClient, timeout: Duration,
        clock: any WallClock, logger: Logger
    ) async throws(GoogleAuthError) -> AccessToken {
        let response: HTTPClientResponse
        let body: ByteBuffer
        let requestedAt = clock.now
        do {
            response = try await httpClient.execute(request, timeout: TimeAmount(timeout), logger: logger)
            body = try await response.body.collect(upTo: maximumBodyBytes)
        } catch {
            throw GoogleAuthError.transportFailed.with("\(request.method) \(redactedURL(request.url)): \(error)")
        }
        let bytes = Data(body.readableBytesView)
        guard response.status == .ok else {
            // The OAuth2 error code and description are safe to surface; the raw body might not be.
            let failure = try? JSONDecoder().decode(Failure.self, from: bytes)
            let reason = [failure?.error, failure?.error_description].compactMap { $0 }.joined(separator: ": ")
            throw GoogleAuthError.tokenRequestRejected.with(
                "\(redactedURL(request.url)) answered \(response.status.code)\(reason.isEmpty ? "" : " (\(reason))")",
                httpStatus: Int(response.status.code))
        }
        guard let success = try? JSONDecoder().decode(Success.self, from: bytes), !success.access_token.isEmpty else {
            throw GoogleAuthError.invalidTokenResponse.with("\(redactedURL(request.url)) sent no access_token")
        }
        if let type = success.token_type, type.lowercased() != "bearer" {
            throw GoogleAuthError.invalidTokenResponse.with("token_type \"\(type)\" is not Bearer")
        }
        // Count the lifetime from when the request left, so network time only shortens it.
        let expiresAt = success.expires_in.map { requestedAt.addingTimeInterval($0) }
        return AccessToken(value: success.access_token, expiresAt: expiresAt)
    }

    /// A URL safe to log: no query string (where a careless caller might put a secret).
    static func redactedURL(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }

    /// `application/x-www-form-urlencoded` encoding of `fields`, in order.
    static func formEncode(_ fields: [(String, String)]) -> String {
        fields.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func percentEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

import Foundation

/// Runs the independent implementations the tests check against: the `openssl` CLI and Python's
/// `cryptography`. Keys are generated here, at test time, never committed.
enum ExternalTools {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` with `arguments`, feeding `input`; returns (exit status, stdout, stderr).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) async throws -> (Int32, String, String) {
        try await offThePool { try runWaiting(executable, arguments, input: input) }
    }

    /// A pair from `generateRSAKeyPairWaiting`, made on a thread of its own.
    static func generateRSAKeyPair(bits: Int = 2048) async throws -> (privatePEM: String, publicPEM: String) {
        try await offThePool { try generateRSAKeyPairWaiting(bits: bits) }
    }

    /// Runs `body`, which waits for a child process, on a thread of its own and resumes with its
    /// result. On one of the test process's cooperative threads (two on a 2-core machine) the wait
    /// stalls every other test meanwhile: a query with a 1-s deadline measured 11.7 s in the full run.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// As `run`, waiting on the calling thread.
    @discardableResult
    private static func runWaiting(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// A scratch directory removed when the closure returns.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("googleauth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// A fresh RSA-2048 key pair from the openssl CLI: (PKCS#8 private PEM, SPKI public PEM).
    static func generateRSAKeyPairWaiting(bits: Int = 2048) throws -> (privatePEM: String, publicPEM: String) {
        try withTemporaryDirectory { directory in
            let privatePath = directory.appendingPathComponent("key.pem").path
            let publicPath = directory.appendingPathComponent("pub.pem").path
            let (status, _, error) = try runWaiting(
                "openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)", "-out", privatePath])
            guard status == 0 else { throw Failure(description: "openssl genpkey: \(error)") }
            let (pubStatus, _, pubError) = try runWaiting("openssl", ["pkey", "-in", privatePath, "-pubout", "-out", publicPath])
            guard pubStatus == 0 else { throw Failure(description: "openssl pkey: \(pubError)") }
            return (try String(contentsOfFile: privatePath, encoding: .utf8), try String(contentsOfFile: publicPath, encoding: .utf8))
        }
    }

    /// `openssl dgst -sha256 -verify`: true when the signature checks out.
    static func opensslVerifies(message: Data, signature: Data, publicPEM: String) async throws -> Bool {
        try await offThePool {
            try withTemporaryDirectory { directory in
                let messagePath = directory.appendingPathComponent("message").path
                let signaturePath = directory.appendingPathComponent("signature").path
                let keyPath = directory.appendingPathComponent("pub.pem").path
                try message.write(to: URL(fileURLWithPath: messagePath))
                try signature.write(to: URL(fileURLWithPath: signaturePath))
                try publicPEM.write(toFile: keyPath, atomically: true, encoding: .utf8)
                let (status, output, _) = try runWaiting(
                    "openssl", ["dgst", "-sha256", "-verify", keyPath, "-signature", signaturePath, messagePath])
                return status == 0 && output.contains("Verified OK")
            }
        }
    }

    /// Python `cryptography`: verifies a compact RS256 JWT (PKCS#1 v1.5, SHA-256) and prints "ok".
    static func pythonVerifiesJWT(_ jwt: String, publicPEM: String) async throws -> Bool {
        let script = """
            import base64, sys
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import padding
            pem, token = sys.stdin.read().split("\\n----TOKEN----\\n")
            key = serialization.load_pem_public_key(pem.encode())
            header, claims, signature = token.strip().split(".")
            def unb64(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
            try:
                key.verify(unb64(signature), (header + "." + claims).encode(), padding.PKCS1v15(), hashes.SHA256())
                print("ok")
            except Exception as error:
                print("bad", type(error).__name__)
            """
        let (status, output, error) = try await run("python3", ["-c", script], input: Data((publicPEM + "\n----TOKEN----\n" + jwt).utf8))
        guard status == 0 else { throw Failure(description: "python3: \(error)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok"
    }
}

/// One key pair per test process, for tests that only need *a* key (generation costs ~0.1 s).
enum TestKeys {
    private static let pair = Result { try ExternalTools.generateRSAKeyPairWaiting() }

    static func shared() throws -> (privatePEM: String, publicPEM: String) { try pair.get() }
}

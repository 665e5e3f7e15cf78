import WireJSON

extension LocalEmulator {
    /// Issues a service-account key file, exactly as `POST /emulator/v1/projects/{project}/serviceAccounts`
    /// does, for code that embeds the emulator (`warehouse serve --require-auth` handing the API a
    /// reader key and the Sink a writer key). `tokenURI` is where clients will exchange it, i.e.
    /// `http://HOST:PORT/token` of the running emulator. Returns the key file's JSON text.
    public func createServiceAccountKey(
        project: String, accountID: String, role: ServiceAccountRole,
        tokenURI: String
    ) async throws -> String {
        let (validAccountID, _) = try AuthAPI.validate(project: project, body: ["accountId": .string(accountID)])
        let keyFile = try await auth.createKey(project: project, accountID: validAccountID, role: role, tokenURI: tokenURI)
        return keyFile.encodedString()
    }
}

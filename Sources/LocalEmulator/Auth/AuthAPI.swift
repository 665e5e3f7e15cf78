import Hummingbird
import WireJSON

/// The token endpoint (`POST /token`) and the admin call that issues service-account keys
/// (`POST /emulator/v1/projects/{project}/serviceAccounts`, plus GET to list accounts).
/// The token endpoint is always open (it is how tokens are obtained); issuing keys needs the admin
/// token under `requireAuth` (see `AuthMiddleware`), or anyone could mint a key for any account.
struct AuthAPI: EmulatedAPI {
    let service: AuthService
    /// `host:port` from the configuration, used when a request carries no Host header.
    let fallbackAuthority: String

    static let tokenPath = "/token"

    func addRoutes(to router: Router<EmulatorRequestContext>) {
        router.post(RouterPath(Self.tokenPath)) { request, _ in
            let form = try await request.formBody(limit: 64 * 1024)
            let reply = try await service.exchange(form: form, audiences: tokenURLs(for: request))
            var response = JSONResponse.make(reply)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.post("/emulator/v1/projects/:project/serviceAccounts") { request, context in
            let project = try context.parameters.required("project")
            let body = try await request.jsonObjectBody(limit: 64 * 1024)
            let (accountID, role) = try Self.validate(project: project, body: body)
            let keyFile = try await service.createKey(
                project: project, accountID: accountID, role: role,
                tokenURI: "http://\(authority(of: request))\(Self.tokenPath)")
            return JSONResponse.make(keyFile)
        }
        router.get("/emulator/v1/projects/:project/serviceAccounts") { _, context in
            let project = try context.parameters.required("project")
            let accounts = try await service.store.accounts(project: project)
            return JSONResponse.make([
                "accounts": .array(
                    accounts.map { account in
                        [
                            "email": .string(account.email), "accountId": .string(account.accountID),
                            "uniqueId": .string(account.clientID), "role": .string(account.role.rawValue),
                        ]
                    })
            ])
        }
    }

    /// Where the caller reached us, as it would write it in a URL.
    func authority(of request: Request) -> String {
        request.head.authority ?? fallbackAuthority
    }

    /// Audiences an assertion may name: this emulator's token URL as the caller addresses it, or
    /// as configured.
    func tokenURLs(for request: Request) -> Set<String> {
        ["http://\(authority(of: request))\(Self.tokenPath)", "http://\(fallbackAuthority)\(Self.tokenPath)"]
    }

    /// IAM's rules: accountId is 6-30 characters, lowercase letters, digits and hyphens, starting
    /// with a letter and not ending with a hyphen.
    static func validate(project: String, body: JSONObject) throws -> (String, ServiceAccountRole?) {
        guard !project.isEmpty, project.count <= 100,
            project.unicodeScalars.allSatisfy({ isLowerAlnum($0) || "-.:".unicodeScalars.contains($0) })
        else {
            throw GoogleAPIError.badRequest("Invalid project id \"\(project)\".")
        }
        guard let accountID = body["accountId"]?.stringValue else {
            throw GoogleAPIError.badRequest("\"accountId\" is required.", location: "accountId")
        }
        let scalars = Array(accountID.unicodeScalars)
        guard (6...30).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first),
            scalars.last != "-", scalars.allSatisfy({ isLowerAlnum($0) || $0 == "-" })
        else {
            throw GoogleAPIError.badRequest(
                "accountId \"\(accountID)\" must be 6-30 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen.",
                location: "accountId")
        }
        var role: ServiceAccountRole?
        if let roleValue = body["role"], !roleValue.isNull {
            guard let name = roleValue.stringValue, let parsed = ServiceAccountRole(rawValue: name) else {
                throw GoogleAPIError.badRequest("\"role\" must be \"reader\" or \"writer\".", location: "role")
            }
            role = parsed
        }
        return (accountID, role)
    }

    private static func isLowerAlnum(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

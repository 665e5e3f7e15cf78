/// A service account acts in its own project only, as on Google Cloud without cross-project IAM
/// grants: the project of its key file (`...@PROJECT.iam.gserviceaccount.com`). Calls naming
/// another project, in the path or inside the body (a subscription's topic, a table a query
/// reads), are 403 PERMISSION_DENIED.
enum ProjectAccess {
    /// Checks a project named in the request path.
    static func require(_ account: AuthStore.Account, mayUse project: String, method: String, path: String) throws {
        guard project == account.project else {
            let permission = ServiceAccountRole.permissionName(method: method, path: path)
            throw denied(account, project: project, permission: permission)
        }
    }

    /// Checks a project named inside a request body; a no-op without `requireAuth` (no caller).
    static func require(_ caller: AuthStore.Account?, mayUse project: String, permission: String) throws {
        guard let caller, project != caller.project else { return }
        throw denied(caller, project: project, permission: permission)
    }

    private static func denied(_ account: AuthStore.Account, project: String, permission: String) -> GoogleAPIError {
        GoogleAPIError(
            .forbidden, reason: "accessDenied",
            message:
                "Access Denied: Project \(project): Permission \(permission) denied for \(account.email), an account of project \(account.project).")
    }
}

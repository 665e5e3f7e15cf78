import GoogleSQL
import Hummingbird
import WireJSON

/// routines.insert, get, list, update (PUT) and delete.
extension BigQueryAPI {
    func addRoutineRoutes(to group: RouterGroup<EmulatorRequestContext>) {
        group.post { request, context in
            let (project, dataset) = try BigQueryAPI.datasetPath(context)
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            return JSONResponse.make(try await store.insertRoutine(project: project, dataset: dataset, body: body))
        }
        group.get { request, context in
            let (project, dataset) = try BigQueryAPI.datasetPath(context)
            let routines = try await store.listRoutines(project: project, dataset: dataset)
            return JSONResponse.make(.object(try BigQueryAPI.page(routines, key: "routines", request: request)))
        }
        group.get(":routine") { _, context in
            JSONResponse.make(try await store.routine(try BigQueryAPI.routinePath(context)))
        }
        group.put(":routine") { request, context in
            let name = try BigQueryAPI.routinePath(context)
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            return JSONResponse.make(try await store.updateRoutine(name, body: body))
        }
        group.delete(":routine") { _, context in
            try await store.deleteRoutine(try BigQueryAPI.routinePath(context))
            return Response(status: .noContent)
        }
    }

    static func routinePath(_ context: EmulatorRequestContext) throws -> RoutineName {
        let (project, dataset) = try datasetPath(context)
        return try BigQueryStore.routineName(project: project, dataset: dataset, routine: try context.parameters.required("routine"))
    }
}

/// Runs async jobs with at most `width` in flight, handing each result to the caller's task as it comes.
enum ReconcilerJobs {
    static func run<Job: Sendable, Output: Sendable>(
        _ jobs: [Job], width: Int, _ body: @escaping @Sendable (Job) async -> Output, onResult: (Output) async -> Void
    ) async {
        guard !jobs.isEmpty else { return }
        await withTaskGroup(of: Output.self) { group in
            var next = jobs.startIndex
            for _ in 0..<min(max(1, width), jobs.count) {
                let job = jobs[next]
                next += 1
                group.addTask { await body(job) }
            }
            for await output in group {
                await onResult(output)
                if next < jobs.endIndex {
                    let job = jobs[next]
                    next += 1
                    group.addTask { await body(job) }
                }
            }
        }
    }
}

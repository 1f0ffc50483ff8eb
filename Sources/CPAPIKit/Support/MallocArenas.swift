import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// glibc's heap, tuned for this process: at most `limit` malloc arenas.
///
/// glibc gives each thread that allocates under contention an arena of its own, up to 8 per core,
/// and memory freed in one arena is not reused by another. A sync allocates on many threads at
/// once (the HTTP client's, the database's queues, the task pool); with the default, a sync's peak
/// memory is far higher (docs/PERFORMANCE.md).
public enum MallocArenas {
    /// Call first thing in `main`. Does nothing where glibc's `mallopt` is not found.
    public static func limit(_ limit: Int32 = 2) {
        #if canImport(Glibc)
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
            guard let symbol = dlsym(nil, "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMax, limit)
        #endif
    }
}

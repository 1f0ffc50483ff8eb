/// A benchmark that could not measure: what went wrong, in words.
struct BenchError: Error, CustomStringConvertible {
    let description: String
}

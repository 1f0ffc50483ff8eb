import CPAPIKit
import Foundation
import TUI

/// The conversion-lookup dialog: the subid and optional offer typed, the call while it waits for its
/// slot or runs, and the last answer or error.
public struct ConversionLookupState: Sendable {
    /// The input that gets the typed keys.
    public enum Field: Sendable, Equatable { case subid, offer }

    /// A lookup under way.
    public struct Call: Sendable, Equatable {
        public var requestID: Int
        /// When the Conversions API's slot frees, while the call waits for it.
        public var waitingUntil: Date?
        /// Esc was pressed: the call is being cancelled.
        public var cancelling = false
    }

    public var sourceID: String
    public var subid: InputState
    public var offer: InputState
    public var field: Field = .subid
    public var call: Call?
    public var answer: ConversionLookup?
    /// The last refusal (bad input) or failure (the call's error), shown in place.
    public var failure: String?

    public init(sourceID: String, subid: String = "", offer: String = "") {
        self.sourceID = sourceID
        self.subid = InputState(text: subid)
        self.offer = InputState(text: offer)
    }
}

import Foundation

extension PlatformOfferFields {
    /// These fields with a write applied the way a platform applies it: every field the write sends
    /// replaces the stored one, a field it does not send is left as it is, and an empty external
    /// offer id removes it. Shared by the local platform and the fake Affise so both behave alike.
    public func applying(_ write: PlatformOfferFields) -> PlatformOfferFields {
        var result = overlaid(with: write)
        if write.externalOfferID?.isEmpty == true { result.externalOfferID = nil }
        return result
    }

    /// A new offer made from a create's fields: as Affise, `stopped` when no status is sent.
    public static func created(from write: PlatformOfferFields) -> PlatformOfferFields {
        var result = PlatformOfferFields().applying(write)
        if result.status == nil { result.status = .stopped }
        return result
    }

    /// Why a create with these fields would be refused (the fields a platform needs to make an offer), or nil.
    public var missingFieldsForCreate: String? {
        var missing: [String] = []
        if (title ?? "").isEmpty { missing.append("title") }
        if (url ?? "").isEmpty { missing.append("url") }
        return missing.isEmpty ? nil : "missing required field(s): " + missing.joined(separator: ", ")
    }
}

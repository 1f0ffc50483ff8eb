/// Which platform offer fields each sync rule field governs, and the selections the planner makes
/// from a desired offer by those rules.
///
/// Fields no rule names (advertiser, privacy, redirect type, overcap, geo restriction, logo) follow
/// `always`, as an unnamed rule does. The external offer id is set at creation only: it is the
/// offer's identity, and observe treats any change of it in the platform as a detach.
enum SyncFieldSelection {
    /// Fields Affise refuses a create without: sent at creation even when their rule is `disabled`
    /// (`disabled` then means "never updated"). The advertiser has no rule and is always sent.
    static let requiredAtCreation: Set<SyncField> = [.title, .url, .payments]

    /// The fields of a create: everything desired, except fields whose rule is `disabled` and that a
    /// create can do without. A `disabled` status is not sent, so the platform's default applies.
    static func creation(_ desired: PlatformOfferFields, campaign: Campaign) -> PlatformOfferFields {
        var fields = desired
        for field in SyncField.allCases where campaign.rule(for: field) == .disabled && !requiredAtCreation.contains(field) {
            clear(field, in: &fields)
        }
        return fields
    }

    /// The fields of an update, status aside: those whose rule is `always` and whose desired value
    /// differs from what the placement last pushed. A desired value of nil is never sent (nil means
    /// "leave as it is").
    static func changes(_ desired: PlatformOfferFields, lastPushed: PlatformOfferFields?, campaign: Campaign) -> PlatformOfferFields {
        let last = lastPushed ?? PlatformOfferFields()
        var out = PlatformOfferFields()
        func always(_ field: SyncField) -> Bool { campaign.rule(for: field) == .always }
        func pick<T: Equatable>(_ path: WritableKeyPath<PlatformOfferFields, T?>, _ rule: SyncField?) {
            guard rule.map(always) ?? true, let value = desired[keyPath: path], value != last[keyPath: path] else { return }
            out[keyPath: path] = value
        }
        pick(\.title, .title)
        pick(\.description, .description)
        pick(\.url, .url)
        pick(\.previewURL, .preview)
        pick(\.categories, .categories)
        pick(\.payments, .payments)
        pick(\.caps, .caps)
        pick(\.advertiser, nil)
        pick(\.privacy, nil)
        pick(\.redirectType, nil)
        pick(\.isRedirectOvercap, nil)
        pick(\.strictlyCountry, nil)
        pick(\.logo, nil)
        return out
    }

    static func clear(_ field: SyncField, in fields: inout PlatformOfferFields) {
        switch field {
        case .title: fields.title = nil
        case .description: fields.description = nil
        case .url: fields.url = nil
        case .preview: fields.previewURL = nil
        case .payments: fields.payments = nil
        case .status: fields.status = nil
        case .caps: fields.caps = nil
        case .categories: fields.categories = nil
        }
    }
}

extension PlatformOfferFields {
    /// These fields with every field that `other` sets laid over them: what a placement has pushed in all.
    func overlaid(with other: PlatformOfferFields) -> PlatformOfferFields {
        var out = self
        if let v = other.title { out.title = v }
        if let v = other.description { out.description = v }
        if let v = other.url { out.url = v }
        if let v = other.previewURL { out.previewURL = v }
        if let v = other.externalOfferID { out.externalOfferID = v }
        if let v = other.advertiser { out.advertiser = v }
        if let v = other.status { out.status = v }
        if let v = other.privacy { out.privacy = v }
        if let v = other.categories { out.categories = v }
        if let v = other.redirectType { out.redirectType = v }
        if let v = other.isRedirectOvercap { out.isRedirectOvercap = v }
        if let v = other.strictlyCountry { out.strictlyCountry = v }
        if let v = other.logo { out.logo = v }
        if let v = other.payments { out.payments = v }
        if let v = other.caps { out.caps = v }
        return out
    }
}

/// The calls the fake Affise answers.
public enum FakeAffiseEndpoint: String, Sendable, CaseIterable {
    /// `POST /3.0/admin/offer`
    case create
    /// `POST /3.0/admin/offer/{id}`
    case edit
    /// `POST /3.0/admin/offer/mass-update`
    case massUpdate = "mass-update"
    /// `POST /3.0/admin/offer/delete`
    case delete
    /// `GET /3.0/offers`
    case list
    /// `GET /3.0/offer/{id}`
    case get
}

/// A fault the fake Affise plays on a call, for tests of the client's and the engine's behaviour.
public enum FakeAffiseFault: Sendable, Equatable {
    /// HTTP 500 with `status: 2`; nothing is done.
    case serverError
    /// The call is done (a create stores its offer), then the connection is closed without an answer.
    case answerDropped
    /// This HTTP status (200 too) with `status: 2` and this message; nothing is done.
    case rejected(httpStatus: Int, message: String)
    /// HTTP 404 with `status: 2` "Offer not found"; nothing is done.
    case notFound
    /// HTTP 429 with `Retry-After: seconds`; nothing is done.
    case tooManyRequests(retryAfterSeconds: Int)
    /// Answered normally after this delay.
    case slow(Duration)
    /// HTTP 200 with `status: 2` and the message under `message` as an object (`{"field": "text"}`), as
    /// Affise answers some refusals; nothing is done.
    case refusedWithMessageObject([String: String])
    /// An HTML page (a proxy's or the web server's error page) with this status and `<title>`.
    case htmlPage(httpStatus: Int, title: String)
    /// The call waits until `FakeAffiseServer.release()`, then is done and answered normally: the test
    /// acts while the client waits (a create held after it reached Affise).
    case held
    /// A list answers without this offer although it exists (as a list can: a status filter, a page
    /// boundary that moved); `GET /3.0/offer/{id}` still answers it. Inject it on `.list`.
    case leftOutOfLists(offerID: Int)
}

/// How many times an injected fault plays.
public enum FakeAffiseFaultRepeat: Sendable, Equatable {
    case once
    case times(Int)
    /// Until `clearFaults()`.
    case untilCleared
}

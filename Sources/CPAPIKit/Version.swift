public enum CPAPIKitVersion { public static let string = "0.1.0" }

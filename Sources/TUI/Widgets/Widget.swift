/// Something that draws itself into a rectangle of a buffer. Widgets are cheap values built anew
/// for every frame; whatever must outlive a frame (selection, scroll offset, text being edited)
/// lives in a separate state value owned by the app.
public protocol Widget {
    func render(in area: Rect, buffer: inout Buffer)
}

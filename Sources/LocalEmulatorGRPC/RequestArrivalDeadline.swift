import NIOCore
import NIOHTTP2

/// Closes a call's stream (RST_STREAM) when its first request message has not arrived `timeout`
/// after the stream opened: the gRPC counterpart of the HTTP ports' request read timeout.
///
/// Opening a stream costs a client a few bytes of HEADERS and the server tens of kilobytes and a
/// task waiting for the request; without a bound, streams whose request never came were held for
/// good, so a client could fill the emulator's memory with very little traffic. One whole message
/// (or the client closing its side) is enough: a streaming pull's later requests may be minutes apart.
///
/// Sits first in the stream's pipeline, where it sees the HTTP/2 frames of that stream alone.
final class RequestArrivalDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTP2Frame.FramePayload

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    /// The 5-byte gRPC message prefix (compressed flag, then the length, big-endian), as it arrives.
    private var prefix: [UInt8] = []
    private var bytesReceived = 0

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let stream = context.channel
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { stream.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .headers(let headers) where headers.endStream:
            disarm()
        case .data(let frame):
            if case .byteBuffer(let bytes) = frame.data { count(bytes) }
            if frame.endStream || firstMessageArrived { disarm() }
        default:
            break
        }
        context.fireChannelRead(data)
    }

    private var firstMessageArrived: Bool {
        guard prefix.count == 5 else { return false }
        let length = prefix[1...4].reduce(0) { $0 << 8 | Int($1) }
        return bytesReceived >= 5 + length
    }

    private func count(_ bytes: ByteBuffer) {
        if prefix.count < 5 { prefix += bytes.readableBytesView.prefix(5 - prefix.count) }
        bytesReceived += bytes.readableBytes
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }
}

@available(*, unavailable)
extension RequestArrivalDeadline: Sendable {}

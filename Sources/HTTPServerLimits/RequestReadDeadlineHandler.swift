import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request has not fully arrived `timeout` after its head did: the
/// emulator's and the API's servers both install one per connection.
///
/// The server's idle timeout closes a connection that goes quiet; this bounds one that never
/// quite does (a body trickled a byte at a time), so no request holds a connection and its
/// handler longer than `timeout`. Sits after HTTP decoding, one instance per connection.
public final class RequestReadDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    public init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        case .body:
            break
        case .end:
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension RequestReadDeadlineHandler: Sendable {}

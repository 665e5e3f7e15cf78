import NIOCore

/// Closes a gRPC connection that has had no call open and has sent nothing for `limit`.
///
/// gRPC's own idle handling (`maxIdleTime`) only asks: it sends GOAWAY and a PING, and closes once
/// the client acknowledges the PING. A client that never answers (one that opened a socket and
/// went quiet, or sent the HTTP/2 preface and stopped) kept its connection, and the descriptor
/// the REST port shares, for good. This is the backstop, set past `maxIdleTime` so that a
/// well-behaved client has closed by itself first.
///
/// Sits first in the connection's pipeline, where it sees the bytes read; `GRPCConnectionLimits`
/// tells it of each call's stream opening and closing, all on the connection's event loop.
final class IdleConnectionCloser: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let limit: TimeAmount
    private var openStreams = 0
    private var lastActivity = NIODeadline.now()
    private var check: Scheduled<Void>?

    init(limit: TimeAmount) {
        self.limit = limit
    }

    func streamOpened() { openStreams += 1 }

    func streamClosed() {
        openStreams -= 1
        lastActivity = .now()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        lastActivity = .now()
        scheduleCheck(on: context.channel)
    }

    /// Looked at a few times per limit, so a connection closes between 1 and 1.25 limits idle.
    private func scheduleCheck(on channel: any Channel) {
        check = channel.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(limit.nanoseconds / 4)) { [self] in
            if openStreams == 0, NIODeadline.now() - lastActivity >= limit {
                channel.close(promise: nil)
            } else {
                scheduleCheck(on: channel)
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { stop() }

    private func stop() {
        check?.cancel()
        check = nil
    }
}

@available(*, unavailable)
extension IdleConnectionCloser: Sendable {}

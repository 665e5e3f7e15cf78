import NIOCore
import NIOHPACK
import NIOHTTP2
import Synchronization

/// The bounds the gRPC port puts on connections and calls beyond those of gRPC's transport,
/// installed through its channel callbacks: connections idle with no call are closed
/// (`IdleConnectionCloser`), a call whose request does not arrive is ended
/// (`RequestArrivalDeadline`), and past `maxOpenCalls` calls open in the whole process, new ones
/// are answered UNAVAILABLE (`StreamRefuser`), which clients retry.
final class GRPCConnectionLimits: Sendable {
    private let idleConnectionLimit: TimeAmount
    private let requestArrivalTimeout: TimeAmount
    private let maxOpenCalls: Int
    private let openCalls = Mutex(0)

    init(idleConnectionLimit: TimeAmount, requestArrivalTimeout: TimeAmount, maxOpenCalls: Int) {
        self.idleConnectionLimit = idleConnectionLimit
        self.requestArrivalTimeout = requestArrivalTimeout
        self.maxOpenCalls = maxOpenCalls
    }

    /// For `onAcceptTCPConnection`: runs on the connection's event loop.
    func connectionAccepted(_ connection: any Channel) -> EventLoopFuture<Void> {
        connection.eventLoop.makeCompletedFuture {
            try connection.pipeline.syncOperations.addHandler(IdleConnectionCloser(limit: idleConnectionLimit), position: .first)
        }
    }

    /// For `onAcceptHTTP2Stream`: runs on the stream's event loop, which is its connection's.
    func streamAccepted(_ stream: any Channel) -> EventLoopFuture<Void> {
        stream.eventLoop.makeCompletedFuture {
            let admitted = openCalls.withLock { open in
                guard open < maxOpenCalls else { return false }
                open += 1
                return true
            }
            guard admitted else {
                try stream.pipeline.syncOperations.addHandler(StreamRefuser(openCallLimit: maxOpenCalls), position: .first)
                return
            }
            let closer = stream.parent.flatMap { try? $0.pipeline.syncOperations.handler(type: IdleConnectionCloser.self) }
            closer?.streamOpened()
            stream.closeFuture.assumeIsolated().whenComplete { [self] _ in
                openCalls.withLock { $0 -= 1 }
                closer?.streamClosed()
            }
            try stream.pipeline.syncOperations.addHandler(RequestArrivalDeadline(timeout: requestArrivalTimeout), position: .first)
        }
    }
}

/// Answers a call at once with UNAVAILABLE (a trailers-only response, as gRPC servers give for a
/// call they do not take), which clients retry with backoff, and ends the stream. A bare
/// REFUSED_STREAM would be retried at once and without limit by some clients.
final class StreamRefuser: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private let message: String
    private var answered = false

    init(openCallLimit: Int) {
        message = "The emulator has \(openCallLimit) gRPC calls open, its limit; retry when one ends"
    }

    /// Answered when the call's HEADERS arrive, not when the stream is set up: a stream ended
    /// while still being created would close before HTTP/2's bookkeeping knew it was open.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }  // the call's own frames go no further
        answered = true
        let trailers: HPACKHeaders = [
            ":status": "200", "content-type": "application/grpc", "grpc-status": "14", "grpc-message": message,
        ]
        context.writeAndFlush(wrapOutboundOut(.headers(.init(headers: trailers, endStream: true))), promise: nil)
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension StreamRefuser: Sendable {}

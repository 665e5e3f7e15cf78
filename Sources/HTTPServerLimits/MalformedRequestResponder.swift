import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP decoder cannot read (a request line or headers past the size limit,
/// bytes that are not HTTP) with a status and a JSON error body, then closes the connection.
///
/// Without it the server's answer is a bare `400` with an empty body, which a client cannot tell
/// from a proxy's and which breaks the promise that every error of these servers is JSON. Sits
/// after HTTP decoding (in `additionalChannelHandlers`), one instance per connection. It answers
/// only between exchanges, when no response is owed: a decoding error in the middle of a request
/// is left to the server, which has a response of its own under way.
public final class MalformedRequestResponder: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    /// The JSON body for a refusal with `status`, saying `message`: each server's own error shape.
    public typealias ErrorBody = @Sendable (_ status: HTTPResponse.Status, _ message: String) -> [UInt8]

    private let errorBody: ErrorBody
    private let maxHeaderBytes: Int
    /// How long the rest of a refused request may still arrive before the connection is closed.
    private let lingerBeforeClose: TimeAmount
    /// Requests whose head has arrived and whose response has not ended.
    private var owedResponses = 0

    /// `maxHeaderBytes` is the decoder's limit, named in the message of a refusal for size.
    public init(maxHeaderBytes: Int, lingerBeforeClose: TimeAmount = .seconds(2), errorBody: @escaping ErrorBody) {
        self.maxHeaderBytes = maxHeaderBytes
        self.lingerBeforeClose = lingerBeforeClose
        self.errorBody = errorBody
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { owedResponses += 1 }
        context.fireChannelRead(data)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { owedResponses = max(0, owedResponses - 1) }
        context.write(data, promise: promise)
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, owedResponses == 0 else {
            context.fireErrorCaught(error)
            return
        }
        let (status, message) = Self.refusal(for: parserError, maxHeaderBytes: maxHeaderBytes)
        let body = errorBody(status, message)
        var fields: HTTPFields = [.contentType: "application/json", .connection: "close"]
        fields[.contentLength] = String(body.count)
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        // The decoder reads nothing more from this connection, so it is closed once the answer is out;
        // the error stops here, or the server would answer it a second time. Output first: a client
        // still sending its oversized head would otherwise get a reset that can destroy the answer
        // before it reads it (what servers call a lingering close); what it still sends is discarded.
        let channel = context.channel
        let linger = lingerBeforeClose
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: linger) { channel.close(promise: nil) }
        }
    }

    /// 431 for a head past the size limit (RFC 6585), 400 for anything else the decoder refuses.
    static func refusal(for error: HTTPParserError, maxHeaderBytes: Int) -> (HTTPResponse.Status, String) {
        if error == .headerOverflow {
            return (
                .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                "The request line and headers are larger than this server accepts (\(maxHeaderBytes) bytes)."
            )
        }
        return (.badRequest, "The request is not valid HTTP/1.1 (\(error)).")
    }
}

@available(*, unavailable)
extension MalformedRequestResponder: Sendable {}

extension MalformedRequestResponder {
    /// The message for a 400 when a handler's read of the body failed because the bytes stopped
    /// being HTTP (a broken chunk, say): the decoder's error reaches the handler, not this handler,
    /// since a response is owed by then. Nil for any other error.
    public static func badBodyMessage(for error: any Error) -> String? {
        guard let parserError = error as? HTTPParserError else { return nil }
        return "The request body is not valid HTTP/1.1 (\(parserError))."
    }
}

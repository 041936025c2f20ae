package io.quickrpc.transport.network;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The end of a WebSocket connection's pipeline: what {@link ConnectionHandler} does for a byte
 * stream, for whole messages. The peer connects once the upgrade succeeds; each text or binary
 * message goes to the listener as one frame; while the peer is paused, messages are kept, in
 * order, and delivered when reading resumes. A message over the maximum frame size closes the
 * connection with status 1009, a broken frame with the status the decoder chose; the keepalive is
 * a ping. A server answers HTTP requests for other paths with 404.
 */
final class WebSocketHandler extends ConnectionHandler {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketHandler.class);

	private static final RateLimitedWarning broken = new RateLimitedWarning(logger);

	/** The server's path, for the 404 answer; {@code null} on a client. */
	private final @Nullable String path;

	/** Messages read while the peer was paused, in order: on the event loop. */
	private final Deque<ByteBuf> kept = new ArrayDeque<>();

	/**
	 * The bytes that arrived since the upgrade, and those of them the decoder made frames of: more
	 * arrived than decoded means a frame is unfinished. On the event loop.
	 */
	private long arrived;

	private long decoded;

	/** Whether the last data frame left its message unfinished, more fragments to come. */
	private boolean fragmented;

	private @Nullable Promise<Void> upgraded;

	WebSocketHandler(Connections connections, @Nullable String path) {
		super(connections);
		this.path = path;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
		this.upgraded = ctx.executor().newPromise();
		super.handlerAdded(ctx);
	}

	@Override
	Future<?> ready(Channel channel) {
		Promise<Void> promise = this.upgraded;
		return (promise != null) ? promise : channel.newFailedFuture(new IllegalStateException("not initialized"));
	}

	/** The peer connects once the WebSocket upgrade succeeds, not when TLS does. */
	@Override
	void secured(ChannelHandlerContext ctx) {
	}

	/**
	 * Bytes arrived, before any decoder: the peer is not idle, pings included, and if no message
	 * was unfinished, one starts now.
	 */
	void bytesArrived(ChannelHandlerContext ctx, int bytes) {
		noteRead();
		this.arrived += bytes;
		if (!isPartial()) {
			messageStarted(ctx);
		}
	}

	/**
	 * The decoder made something of the bytes: a WebSocket frame, or, before the upgrade, part of
	 * an HTTP message. Once every byte that arrived is in a frame, and no message waits for more
	 * fragments, nothing is unfinished.
	 */
	void decoded(Object message) {
		if (!(message instanceof WebSocketFrame frame)) {
			return; // the upgrade ends what came before it
		}
		this.decoded += wireSize(frame.content().readableBytes());
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
				|| frame instanceof ContinuationWebSocketFrame) {
			this.fragmented = !frame.isFinalFragment();
		}
		if (this.decoded >= this.arrived && !this.fragmented) {
			this.arrived = this.decoded;
			messageEnded();
		}
	}

	/** The size of a frame on the wire: RFC 6455 asks for the shortest length field, and Netty checks it. */
	private long wireSize(int payload) {
		int length = (payload <= 125) ? 0 : (payload <= 65535) ? 2 : 8;
		int mask = (this.path != null) ? 4 : 0; // clients mask what they send, servers do not
		return 2 + length + mask + (long) payload;
	}

	@Override
	int partialBytes() {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(0, this.arrived - this.decoded));
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof HandshakeComplete || event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
			this.arrived = 0;
			this.decoded = 0;
			messageEnded();
			connect(ctx);
			succeed();
		}
		else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
			fail(new IllegalStateException("the server did not answer the WebSocket upgrade in time"));
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
				received(ctx, ((WebSocketFrame) msg).content());
			}
			else if (msg instanceof FullHttpRequest request) {
				notFound(ctx, request);
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void received(ChannelHandlerContext ctx, ByteBuf content) {
		if (!isConnected()) {
			return;
		}
		if (this.paused || !this.kept.isEmpty()) {
			this.kept.add(content.retain());
			return;
		}
		deliver(content);
	}

	/** Hands one message to the listener; keeps what it leaves if it paused the peer meanwhile. */
	private void deliver(ByteBuf content) {
		ByteBuffer frame = content.nioBuffer();
		int start = frame.position();
		this.connections.listener().receivedFrame(this.name, frame);
		if (frame.hasRemaining() && this.paused) {
			int consumed = frame.position() - start;
			this.kept.addFirst(content.retainedSlice(content.readerIndex() + consumed, frame.remaining()));
		}
	}

	@Override
	boolean hasKept() {
		return !this.kept.isEmpty();
	}

	@Override
	void deliverKept(ChannelHandlerContext ctx) {
		ByteBuf next;
		while (!this.paused && isConnected() && (next = this.kept.poll()) != null) {
			try {
				deliver(next);
			}
			finally {
				next.release();
			}
		}
	}

	/** Answers a request for a path that is not the server's. */
	private void notFound(ChannelHandlerContext ctx, FullHttpRequest request) {
		DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.NOT_FOUND, Unpooled.copiedBuffer("No WebSocket endpoint at " + request.uri()
						+ "; connect to " + this.path + "\n", StandardCharsets.UTF_8));
		response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
		response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	void sendKeepalive(ChannelHandlerContext ctx) {
		if (isConnected()) {
			ctx.writeAndFlush(new PingWebSocketFrame());
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		fail(new IllegalStateException("the connection closed during the WebSocket upgrade"));
		ByteBuf next;
		while ((next = this.kept.poll()) != null) {
			next.release();
		}
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		Promise<Void> promise = this.upgraded;
		if (promise != null && !promise.isDone()) {
			fail(cause);
			ctx.close();
			return;
		}
		int maxFrameSize = this.connections.options().maxFrameSize();
		if (cause instanceof TooLongFrameException || (cause instanceof CorruptedWebSocketFrameException corrupted
				&& corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code())) {
			frameTooLarge.warn("Dropping peer '{}' on {}: it sent a WebSocket message of more than the maximum frame "
					+ "size of {} bytes; raise maxFrameSize if such messages are expected", this.name,
					this.connections.transport(), maxFrameSize);
			if (cause instanceof TooLongFrameException) {
				close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
			}
			else {
				ctx.close(); // the decoder sent the close frame with status 1009 already
			}
		}
		else if (cause instanceof CorruptedWebSocketFrameException) {
			// the decoder sent the close frame with its status already
			broken.warn("Dropping peer '{}' on {}: it broke the WebSocket protocol: {}", this.name,
					this.connections.transport(), cause.getMessage());
			ctx.close();
		}
		else {
			super.exceptionCaught(ctx, cause);
		}
	}

	/** Closes the connection with a close frame, unless it is closed already. */
	private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
		if (ctx.channel().isActive()) {
			ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
		}
	}

	private void succeed() {
		Promise<Void> promise = this.upgraded;
		if (promise != null) {
			promise.trySuccess(null);
		}
	}

	private void fail(Throwable cause) {
		Promise<Void> promise = this.upgraded;
		if (promise != null) {
			promise.tryFailure(cause);
		}
	}

}

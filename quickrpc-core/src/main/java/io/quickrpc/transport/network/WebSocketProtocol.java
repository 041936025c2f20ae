package io.quickrpc.transport.network;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import io.quickrpc.codec.Framer;
import io.quickrpc.transport.Transport;

/**
 * WebSocket (RFC 6455) on a connection: the HTTP upgrade, then one text message per frame of the
 * codec, without its delimiter. A server answers its path only; a client opens one URI. Messages
 * sent in pieces (continuation frames) are put together up to the maximum frame size; a larger
 * message closes its connection with status 1009. A binary message is read as the same bytes
 * would be in a text message.
 */
final class WebSocketProtocol implements ConnectionProtocol {

	/** The most bytes of the HTTP upgrade request or response, headers included. */
	private static final int MAX_HANDSHAKE_BYTES = 8192;

	/** How long the HTTP upgrade may take. */
	private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

	private final @Nullable String path;

	private final @Nullable URI uri;

	private WebSocketProtocol(@Nullable String path, @Nullable URI uri) {
		this.path = path;
		this.uri = uri;
	}

	/** The server side, answering upgrades to {@code path} and nothing else. */
	static WebSocketProtocol server(String path) {
		return new WebSocketProtocol(path, null);
	}

	/** The client side, opening {@code uri}. */
	static WebSocketProtocol client(URI uri) {
		return new WebSocketProtocol(null, uri);
	}

	@Override
	public ConnectionHandler newHandler(Connections connections) {
		return new WebSocketHandler(connections, this.path);
	}

	@Override
	public void addHandlers(ChannelPipeline pipeline, ConnectionHandler handler, NetworkOptions options) {
		WebSocketHandler messages = (WebSocketHandler) handler;
		int maxFrameSize = options.maxFrameSize();
		// bytes as they arrive start a message; the upgrade, and frames that hold every byte that arrived, end it
		pipeline.addLast(new Progress(messages, true));
		URI target = this.uri;
		if (target == null) {
			pipeline.addLast(new HttpServerCodec());
			pipeline.addLast(new Progress(messages, false));
			pipeline.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
			pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
				.websocketPath(this.path)
				.checkStartsWith(false)
				.maxFramePayloadLength(maxFrameSize)
				.handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
				.withUTF8Validator(false)
				.build()));
		}
		else {
			pipeline.addLast(new HttpClientCodec());
			pipeline.addLast(new Progress(messages, false));
			pipeline.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
			pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
				.webSocketUri(target)
				.maxFramePayloadLength(maxFrameSize)
				.handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
				.withUTF8Validator(false)
				.build()));
		}
		pipeline.addLast(new WebSocketFrameAggregator(maxFrameSize));
	}

	@Override
	public PeerChannel.Writer writer(Transport.Listener listener) {
		return new Messages(listener::framer);
	}

	/**
	 * Tells the connection's handler that a message started (bytes arrived) or that one was
	 * decoded, for the frame timeout. One sits where bytes arrive; the other after the decoder,
	 * which the upgrade replaces in place, so that it sees every WebSocket frame, control frames
	 * too.
	 */
	private static final class Progress extends ChannelInboundHandlerAdapter {

		private final WebSocketHandler handler;

		private final boolean bytes;

		Progress(WebSocketHandler handler, boolean bytes) {
			this.handler = handler;
			this.bytes = bytes;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (this.bytes) {
				this.handler.bytesArrived(ctx, (msg instanceof ByteBuf buffer) ? buffer.readableBytes() : 0);
			}
			else {
				this.handler.decoded(msg);
			}
			ctx.fireChannelRead(msg);
		}

	}

	/**
	 * Writes each frame of what is sent as a text message of its own, without its delimiter: the
	 * listener's framer finds where frames end. On the event loop only, so one framer serves the
	 * connection.
	 */
	private static final class Messages implements PeerChannel.Writer {

		private final Supplier<@Nullable Framer> framers;

		private @Nullable Framer framer;

		private boolean asked;

		Messages(Supplier<@Nullable Framer> framers) {
			this.framers = framers;
		}

		@Override
		public int write(Channel channel, List<byte[]> batch, int size) {
			if (!this.asked) {
				this.framer = this.framers.get();
				this.asked = true;
			}
			int handed = 0;
			for (byte[] data : batch) {
				handed += writeFrames(channel, data);
			}
			return handed;
		}

		private int writeFrames(Channel channel, byte[] data) {
			Framer current = this.framer;
			if (current == null) {
				writeMessage(channel, data, 0, data.length);
				return data.length;
			}
			int[] handed = { 0 };
			boolean ended = current.split(data, (offset, length) -> {
				writeMessage(channel, data, offset, length);
				handed[0] += length;
			});
			if (!ended) {
				// not ended by a delimiter: sent as it is, and the next send is framed afresh
				this.framer = this.framers.get();
			}
			return handed[0];
		}

		private static void writeMessage(Channel channel, byte[] data, int offset, int length) {
			channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(data, offset, length)), channel.voidPromise());
		}

	}

}

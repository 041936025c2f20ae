package io.quickrpc.transport.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The end of one connection's pipeline: admits the connection (after the TLS handshake, if any),
 * hands received bytes to the transport's listener, keeps what it leaves for the next read, drops
 * the peer whose unfinished message outgrows the maximum frame size or the frame timeout, closes
 * the connection silent past the idle timeout, wakes senders waiting for a slow peer, and sends
 * the keepalive message when the connection is idle.
 * <p>
 * The channel reads only while neither of two reasons to stop holds: the endpoint paused the
 * peer, or more than {@code maxQueuedBytes} wait to be written to it (until they fall under half).
 * Bytes read before a pause are kept, and handed to the listener again when reading resumes, so
 * that what it left while pausing is not lost. Each timeout is one task on the event loop, armed
 * once and re-armed for the time left: reads only note the time.
 * <p>
 * This class reads a byte stream; {@link WebSocketHandler} extends it for connections that carry
 * whole messages, through the hooks it overrides.
 */
class ConnectionHandler extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionHandler.class);

	/**
	 * The handler of a channel, kept after the pipeline has let it go: a connection that fails
	 * while it opens is closed, and its handler still tells why.
	 */
	static final AttributeKey<ConnectionHandler> HANDLER = AttributeKey.valueOf(ConnectionHandler.class, "handler");

	static final RateLimitedWarning frameTooLarge = new RateLimitedWarning(logger);

	private static final RateLimitedWarning frameTimedOut = new RateLimitedWarning(logger);

	private static final RateLimitedWarning handshakeFailed = new RateLimitedWarning(logger);

	private static final RateLimitedWarning failed = new RateLimitedWarning(logger);

	final Connections connections;

	/** The frame timeout in nanoseconds, 0 for never. */
	private final long frameTimeout;

	/** The idle timeout in nanoseconds, 0 for never. */
	private final long idleTimeout;

	private boolean admitted;

	private @Nullable PeerChannel peer;

	String name = "?";

	private @Nullable ChannelHandlerContext context;

	/** Whether the endpoint paused the peer: set from any thread; while set, nothing is delivered. */
	volatile boolean paused;

	/** Whether more than maxQueuedBytes wait to be written, until under half: on the event loop. */
	private boolean outboundFull;

	/** Whether an unfinished message waits, and since when: on the event loop. */
	private boolean partial;

	private long partialSince;

	private @Nullable ScheduledFuture<?> frameTimer;

	/** When the peer last sent, while the idle timeout is on: on the event loop. */
	private long lastRead;

	private @Nullable ScheduledFuture<?> idleTimer;

	/** Why the peer left, when it broke the connection: logged when the channel closes. */
	private @Nullable String leftBecause;

	ConnectionHandler(Connections connections) {
		this.connections = connections;
		this.frameTimeout = connections.options().frameTimeout().toNanos();
		this.idleTimeout = connections.options().idleTimeout().toNanos();
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
		this.context = ctx;
		ctx.channel().attr(HANDLER).set(this);
		super.handlerAdded(ctx);
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.name = this.connections.nameOf(ctx.channel());
		this.admitted = this.connections.admit(ctx.channel());
		if (!this.admitted) {
			ctx.close();
			return;
		}
		if (this.idleTimeout > 0) {
			this.lastRead = System.nanoTime();
			this.idleTimer = ctx.executor().schedule(this::checkIdle, this.idleTimeout, TimeUnit.NANOSECONDS);
		}
		if (!this.connections.usesTls()) {
			secured(ctx);
		}
		super.channelActive(ctx);
	}

	/**
	 * Hears that the connection is secured: the TLS handshake succeeded, or there is none. A byte
	 * stream is ready then, and its peer connected.
	 */
	void secured(ChannelHandlerContext ctx) {
		connect(ctx);
	}

	/** Announces the peer, ready to send and receive. */
	final void connect(ChannelHandlerContext ctx) {
		if (this.admitted && ctx.channel().isActive()) {
			this.peer = this.connections.connected(this.name, ctx.channel(),
					this.connections.usesTls() ? peerIdentity(ctx) : null, this);
		}
	}

	/** Returns whether the peer is announced, and what it sends goes to the listener. */
	final boolean isConnected() {
		return this.peer != null && !this.connections.closing();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancel(this.frameTimer);
		cancel(this.idleTimer);
		this.frameTimer = null;
		this.idleTimer = null;
		super.channelInactive(ctx);
		if (this.admitted) {
			this.admitted = false;
			this.connections.released();
		}
		PeerChannel connected = this.peer;
		if (connected != null) {
			logger.debug("Peer '{}' left {}{}", this.name, this.connections.transport(),
					(this.leftBecause != null) ? ": " + this.leftBecause : "");
			this.connections.disconnected(connected);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		noteRead();
		super.channelRead(ctx, msg);
	}

	/** Notes that the peer sent something, for the idle timeout. */
	final void noteRead() {
		if (this.idleTimeout > 0) {
			this.lastRead = System.nanoTime();
		}
	}

	/**
	 * Returns what completes once the connection is ready to carry messages, after the handshakes
	 * of the protocol on top of TCP and TLS, if any; a byte stream is ready at once.
	 */
	Future<?> ready(Channel channel) {
		return channel.newSucceededFuture();
	}

	/**
	 * Not the decoder's own: with auto-read off, it asks for another read whenever no message went
	 * down the pipeline, which is every time here, and would read on from a paused peer.
	 */
	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		discardSomeReadBytes();
		ctx.fireChannelReadComplete();
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (this.peer == null || this.connections.closing()) {
			in.skipBytes(in.readableBytes());
			return;
		}
		if (this.paused) {
			return; // kept, and delivered when the endpoint resumes the peer
		}
		deliver(ctx, in);
	}

	/** Hands what was read to the listener, keeps what it leaves, and checks the frame limits. */
	private void deliver(ChannelHandlerContext ctx, ByteBuf in) {
		int start = in.readerIndex();
		ByteBuffer data = in.nioBuffer(start, in.readableBytes());
		int position = data.position();
		this.connections.listener().received(this.name, data);
		int consumed = data.position() - position;
		in.skipBytes(consumed);
		int left = in.readableBytes();
		if (left == 0) {
			this.partial = false;
			return;
		}
		if (this.paused) {
			return; // the listener paused and left the rest: not the peer's doing
		}
		if (left > this.connections.options().maxFrameSize()) {
			frameTooLarge.warn("Dropping peer '{}' on {}: it sent {} bytes without completing a message, more than "
					+ "the maximum frame size of {} bytes; raise maxFrameSize if such messages are expected", this.name,
					this.connections.transport(), left, this.connections.options().maxFrameSize());
			in.skipBytes(left);
			ctx.close();
			return;
		}
		if (consumed > 0 || !this.partial) {
			// a message started in this read: it has the whole frame timeout to finish
			messageStarted(ctx);
		}
	}

	/** Hears that a message started: it has the whole frame timeout to finish. On the event loop. */
	final void messageStarted(ChannelHandlerContext ctx) {
		this.partial = true;
		this.partialSince = System.nanoTime();
		if (this.frameTimeout > 0 && this.frameTimer == null) {
			this.frameTimer = ctx.executor().schedule(this::checkFrame, this.frameTimeout, TimeUnit.NANOSECONDS);
		}
	}

	/** Hears that no message is unfinished. On the event loop. */
	final void messageEnded() {
		this.partial = false;
	}

	/** Returns whether a message is unfinished: started and not yet whole. */
	final boolean isPartial() {
		return this.partial;
	}

	/** Returns how many bytes of an unfinished message wait, for the log. */
	int partialBytes() {
		return internalBuffer().readableBytes();
	}

	/** Drops the peer whose unfinished message has waited past the frame timeout; else re-arms. */
	private void checkFrame() {
		this.frameTimer = null;
		ChannelHandlerContext ctx = this.context;
		if (ctx == null || !this.partial || !ctx.channel().isActive()) {
			return;
		}
		long left = this.partialSince + this.frameTimeout - System.nanoTime();
		if (!ctx.channel().config().isAutoRead()) {
			left = this.frameTimeout; // not reading: the rest may be waiting in the socket
		}
		if (left > 0) {
			this.frameTimer = ctx.executor().schedule(this::checkFrame, left, TimeUnit.NANOSECONDS);
			return;
		}
		frameTimedOut.warn("Dropping peer '{}' on {}: it sent {} bytes of a message and has not finished it within {} "
				+ "ms; raise frameTimeout if it is merely slow", this.name, this.connections.transport(),
				partialBytes(), TimeUnit.NANOSECONDS.toMillis(this.frameTimeout));
		ctx.close();
	}

	/** Closes the connection silent past the idle timeout; else re-arms. */
	private void checkIdle() {
		this.idleTimer = null;
		ChannelHandlerContext ctx = this.context;
		if (ctx == null || !ctx.channel().isActive()) {
			return;
		}
		long left = this.lastRead + this.idleTimeout - System.nanoTime();
		if (!ctx.channel().config().isAutoRead()) {
			left = this.idleTimeout; // not reading: what the peer sent may be waiting in the socket
		}
		if (left > 0) {
			this.idleTimer = ctx.executor().schedule(this::checkIdle, left, TimeUnit.NANOSECONDS);
			return;
		}
		logger.debug("Closing the connection to '{}' on {}: it sent nothing for {} ms, the idle timeout", this.name,
				this.connections.transport(), TimeUnit.NANOSECONDS.toMillis(this.idleTimeout));
		ctx.close();
	}

	/** Stops reading from the peer: from any thread; nothing is delivered once this returns. */
	void pauseReading() {
		this.paused = true;
		onEventLoop(this::updateReading);
	}

	/** Reads from the peer again, unless too much waits to be written to it: from any thread. */
	void resumeReading() {
		this.paused = false;
		onEventLoop(this::updateReading);
	}

	private void onEventLoop(Runnable task) {
		ChannelHandlerContext ctx = this.context;
		if (ctx == null) {
			return;
		}
		EventExecutor loop = ctx.executor();
		if (loop.inEventLoop()) {
			task.run();
			return;
		}
		try {
			loop.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the event loops ended: the channel is closed, there is nothing to read
		}
	}

	/**
	 * Reads while neither reason to stop holds; on resuming, restarts the timeouts (the peer could
	 * not be heard meanwhile) and hands back to the listener what it left. On the event loop.
	 */
	private void updateReading() {
		ChannelHandlerContext ctx = this.context;
		if (ctx == null || !ctx.channel().isActive()) {
			return;
		}
		boolean read = !this.paused && !this.outboundFull;
		ChannelConfig config = ctx.channel().config();
		if (config.isAutoRead() == read) {
			return;
		}
		config.setAutoRead(read);
		if (read) {
			long now = System.nanoTime();
			this.lastRead = now;
			this.partialSince = now;
			if (hasKept()) {
				// a task of its own: this may run in the listener's call, which must return first
				ctx.executor().execute(this::deliverKept);
			}
		}
	}

	/** Returns whether bytes read while the peer was paused wait to be delivered. */
	boolean hasKept() {
		return internalBuffer().isReadable();
	}

	/** Hands the listener what was read and kept while the peer was paused. */
	private void deliverKept() {
		ChannelHandlerContext ctx = this.context;
		if (ctx == null || this.paused || !isConnected() || !ctx.channel().isActive()) {
			return;
		}
		deliverKept(ctx);
	}

	/** Hands the listener what was kept, while the peer is not paused. */
	void deliverKept(ChannelHandlerContext ctx) {
		ByteBuf kept = internalBuffer();
		if (kept.isReadable()) {
			deliver(ctx, kept);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		boolean full = !ctx.channel().isWritable();
		if (full != this.outboundFull) {
			this.outboundFull = full;
			updateReading();
		}
		PeerChannel connected = this.peer;
		if (connected != null) {
			connected.outboundFull(full);
			connected.wake();
		}
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof IdleStateEvent) {
			sendKeepalive(ctx);
			return;
		}
		if (event instanceof SslHandshakeCompletionEvent handshake) {
			if (handshake.isSuccess()) {
				secured(ctx);
			}
			else if (!handshake.isSuccess()) {
				handshakeFailed.warn("TLS handshake with '{}' on {} failed: {}; check that each side trusts the "
						+ "other's certificate, and that a client certificate is sent where the server requires one",
						this.name, this.connections.transport(), handshake.cause().toString());
				ctx.close();
			}
		}
		super.userEventTriggered(ctx, event);
	}

	/** Sends the keepalive message: the connection was silent for the keepalive interval. */
	void sendKeepalive(ChannelHandlerContext ctx) {
		ctx.writeAndFlush(Unpooled.wrappedBuffer(this.connections.options().keepaliveMessage()));
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!ctx.channel().isActive() || (this.peer == null && this.connections.usesTls())) {
			// a write that raced with the close, or a failed handshake, which is logged already
			ctx.close();
			return;
		}
		if (cause instanceof IOException && !(cause instanceof SSLException)) {
			// a reset, a broken pipe: the peer left, as peers do
			this.leftBecause = cause.toString();
		}
		else {
			failed.warn("Closing the connection to '{}' on {}: {}", this.name, this.connections.transport(),
					cause.toString());
		}
		ctx.close();
	}

	private static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
	}

	/** The subject of the certificate the peer presented and the TLS engine verified, if any. */
	private static @Nullable String peerIdentity(ChannelHandlerContext ctx) {
		SslHandler tls = ctx.pipeline().get(SslHandler.class);
		try {
			Certificate[] chain = tls.engine().getSession().getPeerCertificates();
			return (chain.length > 0 && chain[0] instanceof X509Certificate certificate)
					? certificate.getSubjectX500Principal().getName() : null;
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
	}

}

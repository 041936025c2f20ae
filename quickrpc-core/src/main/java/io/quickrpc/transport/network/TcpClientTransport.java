package io.quickrpc.transport.network;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * A TCP client: one connection, to one peer named {@code HOST:PORT}. When the server closes the
 * connection, the transport stops; wrap it in {@code restart:} to reconnect. The connection
 * carries a byte stream, or WebSocket messages ({@code ws:}, {@code wss:}).
 */
final class TcpClientTransport implements Transport {

	private final String host;

	private final int port;

	private final NetworkOptions options;

	private final @Nullable SslContext tls;

	private final ConnectionProtocol protocol;

	private final String name;

	/** How long stopping waits for a connection to close. */
	private static final int CLOSE_TIMEOUT_SECONDS = 5;

	private volatile @Nullable Running running;

	TcpClientTransport(String host, int port, NetworkOptions options) {
		this(host, port, options, ConnectionProtocol.STREAM, "tcp:" + host + ":" + port);
	}

	TcpClientTransport(String host, int port, NetworkOptions options, ConnectionProtocol protocol, String name) {
		this.host = host;
		this.port = port;
		this.options = options;
		this.protocol = protocol;
		this.name = name;
		TlsOptions tlsOptions = options.tls();
		this.tls = (tlsOptions != null) ? tlsOptions.clientContext(toString()) : null;
	}

	@Override
	public synchronized void start(Listener listener) {
		Running previous = this.running;
		if (previous != null && previous.channel().isActive()) {
			return;
		}
		if (previous != null) {
			// the server closed the last connection: its channel is closed, its event loops still held,
			// and its peer maybe not yet reported gone
			this.running = null;
			previous.connections().closeAllReportingGone(previous.channel().eventLoop());
			previous.eventLoops().release();
		}
		EventLoops eventLoops = this.options.eventLoops();
		Connections connections = Connections.client(listener, this.options, toString(), this.host, this.port,
				this.tls, this.protocol);
		ChannelFuture connect = new Bootstrap().group(eventLoops.acquire())
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.handler(connections.initializer())
			.connect(this.host, this.port)
			.awaitUninterruptibly();
		if (!connect.isSuccess()) {
			connect.channel().close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			eventLoops.release();
			Throwable cause = connect.cause();
			throw new TransportException("Cannot connect to " + this.host + ":" + this.port + " (" + cause.getMessage()
					+ "); check that the server is running and reachable", cause);
		}
		awaitHandshake(connect.channel(), eventLoops);
		awaitReady(connect.channel(), eventLoops);
		// the connect and handshake promises complete just before the pipeline hears of it: a task
		// queued now runs after the peer is announced
		connect.channel().eventLoop().submit(() -> {
		}).awaitUninterruptibly();
		this.running = new Running(connect.channel(), connections, eventLoops);
	}

	private void awaitHandshake(Channel channel, EventLoops eventLoops) {
		SslHandler handler = channel.pipeline().get(SslHandler.class);
		if (handler == null) {
			return;
		}
		awaitOrClose(handler.handshakeFuture(), channel, eventLoops, (cause) -> "TLS handshake with " + this.host + ":"
				+ this.port + " failed (" + cause.getMessage() + "); check that this client trusts the server's "
				+ "certificate, that the certificate names '" + this.host + "', and that a client certificate is set if "
				+ "the server requires one");
	}

	private void awaitReady(Channel channel, EventLoops eventLoops) {
		// from the channel, not the pipeline: a connection refused while it opens is closed, and its
		// pipeline emptied, maybe before this thread looks
		awaitOrClose(channel.attr(ConnectionHandler.HANDLER).get().ready(channel), channel, eventLoops,
				(cause) -> "Cannot open " + this + " (" + cause.getMessage() + "); check the path, and that the server at "
						+ this.host + ":" + this.port + " accepts WebSocket connections there");
	}

	/** Waits for a step of opening the connection; if it fails, closes it and throws. */
	private static void awaitOrClose(Future<?> step, Channel channel, EventLoops eventLoops,
			Function<Throwable, String> failure) {
		step.awaitUninterruptibly();
		if (!step.isSuccess()) {
			channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			eventLoops.release();
			throw new TransportException(failure.apply(step.cause()), step.cause());
		}
	}

	@Override
	public @Nullable String peerIdentity(String peer) {
		Running current = this.running;
		return (current != null) ? current.connections().identity(peer) : null;
	}

	@Override
	public boolean pauseReading(String peer) {
		Running current = this.running;
		return current != null && current.connections().pauseReading(peer);
	}

	@Override
	public void resumeReading(String peer) {
		Running current = this.running;
		if (current != null) {
			current.connections().resumeReading(peer);
		}
	}

	@Override
	public void stop() {
		Running stopping;
		synchronized (this) {
			stopping = this.running;
			this.running = null;
		}
		if (stopping != null) {
			end(stopping);
		}
	}

	/**
	 * Closes a run's connection and waits for it to close, then lets go of the event loops. Only
	 * the thread that took the run out of {@link #running} calls this, never a close listener on
	 * the event loop: that loop would shut its own group down under a close still queued on it.
	 */
	private static void end(Running run) {
		run.connections().closeAll();
		run.eventLoops().release();
	}

	@Override
	public boolean isRunning() {
		Running current = this.running;
		return current != null && current.channel().isActive();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Running current = this.running;
		if (current == null || !current.channel().isActive()) {
			throw new TransportException("Cannot send on " + this + ": it is not connected; start it first");
		}
		if (receivers == null) {
			current.connections().sendToAll(data);
		}
		else {
			current.connections().send(data, receivers);
		}
	}

	@Override
	public Set<String> peers() {
		Running current = this.running;
		return (current != null) ? current.connections().peers() : Set.of();
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** One connection, from start to close. */
	private record Running(Channel channel, Connections connections, EventLoops eventLoops) {
	}

}

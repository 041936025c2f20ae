package io.quickrpc.transport;

import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

/**
 * A TCP client: one connection, to one peer named {@code HOST:PORT}. When the server closes the
 * connection, the transport stops; wrap it in {@code restart:} to reconnect.
 */
final class TcpClientTransport implements Transport {

	private final String host;

	private final int port;

	private final NetworkOptions options;

	private final @Nullable SslContext tls;

	private @Nullable Running running;

	TcpClientTransport(String host, int port, NetworkOptions options) {
		this.host = host;
		this.port = port;
		this.options = options;
		TlsOptions tlsOptions = options.tls();
		this.tls = (tlsOptions != null) ? tlsOptions.clientContext(toString()) : null;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.running != null && this.running.channel.isActive()) {
			return;
		}
		Connections connections = Connections.client(listener, this.options, toString(), this.host, this.port,
				this.tls);
		ChannelFuture connect = new Bootstrap().group(NettyEventLoops.acquire())
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.handler(connections.initializer())
			.connect(this.host, this.port)
			.awaitUninterruptibly();
		if (!connect.isSuccess()) {
			connect.channel().close();
			NettyEventLoops.release();
			Throwable cause = connect.cause();
			throw new TransportException("Cannot connect to " + this.host + ":" + this.port + " (" + cause.getMessage()
					+ "); check that the server is running and reachable", cause);
		}
		awaitHandshake(connect.channel());
		// the connect and handshake promises complete just before the pipeline hears of it: a task
		// queued now runs after the peer is announced
		connect.channel().eventLoop().submit(() -> {
		}).awaitUninterruptibly();
		Running started = new Running(connect.channel(), connections);
		this.running = started;
		connect.channel().closeFuture().addListener((closed) -> released(started));
	}

	private void awaitHandshake(Channel channel) {
		SslHandler handler = channel.pipeline().get(SslHandler.class);
		if (handler == null) {
			return;
		}
		Future<Channel> handshake = handler.handshakeFuture().awaitUninterruptibly();
		if (!handshake.isSuccess()) {
			channel.close().awaitUninterruptibly();
			NettyEventLoops.release();
			Throwable cause = handshake.cause();
			throw new TransportException("TLS handshake with " + this.host + ":" + this.port + " failed ("
					+ cause.getMessage() + "); check that this client trusts the server's certificate, that the "
					+ "certificate names '" + this.host + "', and that a client certificate is set if the server "
					+ "requires one", cause);
		}
	}

	@Override
	public @Nullable String peerIdentity(String peer) {
		Running current = this.running;
		return (current != null) ? current.connections.identity(peer) : null;
	}

	@Override
	public void stop() {
		Running stopping;
		synchronized (this) {
			stopping = this.running;
			this.running = null;
		}
		if (stopping != null) {
			stopping.connections.closeAll();
			stopping.channel.close().awaitUninterruptibly();
			released(stopping);
		}
	}

	private void released(Running run) {
		if (run.release()) {
			NettyEventLoops.release();
		}
		synchronized (this) {
			if (this.running == run) {
				this.running = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		Running current = this.running;
		return current != null && current.channel.isActive();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Running current = this.running;
		if (current == null || !current.channel.isActive()) {
			throw new TransportException("Cannot send on " + this + ": it is not connected; start it first");
		}
		if (receivers == null) {
			current.connections.sendToAll(data);
		}
		else {
			current.connections.send(data, receivers);
		}
	}

	@Override
	public Set<String> peers() {
		Running current = this.running;
		return (current != null) ? current.connections.peers() : Set.of();
	}

	@Override
	public String toString() {
		return "tcp:" + this.host + ":" + this.port;
	}

	/** One connection, from start to close. */
	private static final class Running {

		final Channel channel;

		final Connections connections;

		private boolean released;

		Running(Channel channel, Connections connections) {
			this.channel = channel;
			this.connections = connections;
		}

		synchronized boolean release() {
			boolean first = !this.released;
			this.released = true;
			return first;
		}

	}

}

package io.quickrpc.transport.network;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * A TCP server: every accepted connection is a peer, named by its remote address. Connections
 * carry a byte stream, or WebSocket messages ({@code wsserv:}).
 */
final class TcpServerTransport implements Transport {

	private final @Nullable String host;

	private final int port;

	private final NetworkOptions options;

	private final @Nullable SslContext tls;

	private final ConnectionProtocol protocol;

	private final String name;

	private @Nullable Channel server;

	private @Nullable Connections connections;

	TcpServerTransport(@Nullable String host, int port, NetworkOptions options) {
		this(host, port, options, ConnectionProtocol.STREAM,
				"tcpserv:" + ((host != null) ? host : "") + ":" + port);
	}

	TcpServerTransport(@Nullable String host, int port, NetworkOptions options, ConnectionProtocol protocol,
			String name) {
		this.host = host;
		this.port = port;
		this.options = options;
		this.protocol = protocol;
		this.name = name;
		TlsOptions tlsOptions = options.tls();
		this.tls = (tlsOptions != null) ? tlsOptions.serverContext(toString()) : null;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.server != null) {
			return;
		}
		Connections started = Connections.server(listener, this.options, toString(), this.tls, this.protocol);
		EventLoops eventLoops = this.options.eventLoops();
		EventLoopGroup group = eventLoops.acquire();
		InetSocketAddress address = (this.host == null) ? new InetSocketAddress(this.port)
				: new InetSocketAddress(this.host, this.port);
		ChannelFuture bind = new ServerBootstrap().group(group)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childHandler(started.initializer())
			.bind(address)
			.awaitUninterruptibly();
		if (!bind.isSuccess()) {
			eventLoops.release();
			Throwable cause = bind.cause();
			throw new TransportException("Cannot listen on " + describe(address) + " (" + cause.getMessage()
					+ "); choose a free port, or stop what uses it", cause);
		}
		this.server = bind.channel();
		this.connections = started;
	}

	@Override
	public void stop() {
		Channel stopping;
		Connections open;
		synchronized (this) {
			stopping = this.server;
			open = this.connections;
			this.server = null;
			this.connections = null;
		}
		if (stopping == null || open == null) {
			return;
		}
		if (!stopping.eventLoop().inEventLoop()) {
			stopping.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
		else {
			stopping.close();
		}
		open.closeAll();
		this.options.eventLoops().release();
	}

	@Override
	public boolean isRunning() {
		Channel current = this.server;
		return current != null && current.isActive();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Connections current = this.connections;
		if (current == null) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		if (receivers == null) {
			current.sendToAll(data);
		}
		else {
			current.send(data, receivers);
		}
	}

	@Override
	public Set<String> peers() {
		Connections current = this.connections;
		return (current != null) ? current.peers() : Set.of();
	}

	@Override
	public @Nullable String peerIdentity(String peer) {
		Connections current = this.connections;
		return (current != null) ? current.identity(peer) : null;
	}

	@Override
	public boolean pauseReading(String peer) {
		Connections current = this.connections;
		return current != null && current.pauseReading(peer);
	}

	@Override
	public void resumeReading(String peer) {
		Connections current = this.connections;
		if (current != null) {
			current.resumeReading(peer);
		}
	}

	@Override
	public @Nullable InetSocketAddress localAddress() {
		Channel current = this.server;
		return (current != null) ? (InetSocketAddress) current.localAddress() : null;
	}

	@Override
	public String toString() {
		return this.name;
	}

	private static String describe(InetSocketAddress address) {
		return (address.getAddress() != null && address.getAddress().isAnyLocalAddress() ? "*"
				: address.getHostString()) + ":" + address.getPort();
	}

}

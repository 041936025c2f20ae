package io.quickrpc.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The open connections of one network transport run, by peer name: what the client and the
 * server transports share. Writes are batched: many messages written in a row go out with one
 * flush.
 */
final class Connections {

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private final Transport.Listener listener;

	private final NetworkOptions options;

	private final String transport;

	private final @Nullable String peerName;

	/**
	 * Creates the connection table.
	 * @param peerName the name of the one peer of a client transport, or {@code null} to name
	 * each peer by its remote address
	 */
	Connections(Transport.Listener listener, NetworkOptions options, String transport, @Nullable String peerName) {
		this.listener = listener;
		this.options = options;
		this.transport = transport;
		this.peerName = peerName;
	}

	String nameOf(Channel channel) {
		return (this.peerName != null) ? this.peerName : peerName(channel.remoteAddress());
	}

	Transport.Listener listener() {
		return this.listener;
	}

	NetworkOptions options() {
		return this.options;
	}

	String transport() {
		return this.transport;
	}

	/** The pipeline of every connection. */
	ChannelInitializer<Channel> initializer() {
		return new ChannelInitializer<>() {

			@Override
			protected void initChannel(Channel channel) {
				channel.config().setOption(ChannelOption.TCP_NODELAY, true);
				channel.pipeline().addLast(new FlushConsolidationHandler(256, true));
				long keepalive = Connections.this.options.keepaliveInterval().toMillis();
				if (keepalive > 0) {
					channel.pipeline().addLast(new IdleStateHandler(0, keepalive, 0, TimeUnit.MILLISECONDS));
				}
				channel.pipeline().addLast(new ConnectionHandler(Connections.this));
			}

		};
	}

	void connected(String peer, Channel channel) {
		this.channels.put(peer, channel);
		this.listener.peerConnected(peer);
	}

	void disconnected(String peer, Channel channel) {
		if (this.channels.remove(peer, channel)) {
			this.listener.peerDisconnected(peer);
		}
	}

	Set<String> peers() {
		return new TreeSet<>(this.channels.keySet());
	}

	void send(byte[] data, Collection<String> receivers) {
		List<Channel> targets = new ArrayList<>(receivers.size());
		for (String receiver : receivers) {
			Channel channel = this.channels.get(receiver);
			if (channel == null) {
				throw new TransportException("Unknown receiver '" + receiver + "' on " + this.transport
						+ "; connected peers: " + peers());
			}
			targets.add(channel);
		}
		for (Channel channel : targets) {
			channel.writeAndFlush(Unpooled.wrappedBuffer(data), channel.voidPromise());
		}
	}

	void sendToAll(byte[] data) {
		for (Channel channel : this.channels.values()) {
			channel.writeAndFlush(Unpooled.wrappedBuffer(data), channel.voidPromise());
		}
	}

	/** Closes every connection and waits until they are closed. */
	void closeAll() {
		List<ChannelFuture> closing = new ArrayList<>();
		for (Channel channel : this.channels.values()) {
			closing.add(channel.close());
		}
		for (ChannelFuture future : closing) {
			if (!future.channel().eventLoop().inEventLoop()) {
				future.awaitUninterruptibly(5, TimeUnit.SECONDS);
			}
		}
	}

	static String peerName(SocketAddress address) {
		if (address instanceof InetSocketAddress inet) {
			String host = (inet.getAddress() != null) ? inet.getAddress().getHostAddress() : inet.getHostString();
			return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
		}
		return String.valueOf(address);
	}

}

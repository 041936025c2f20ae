package io.quickrpc.transport.network;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.PreferHeapByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * The open connections of one network transport run, by peer name: what the client and the
 * server transports share. It builds each connection's pipeline, admits connections up to the
 * maximum, and finds the peers a message goes to; each {@link PeerChannel} writes and bounds
 * what it is sent.
 */
final class Connections {

	private static final Logger logger = LoggerFactory.getLogger(Connections.class);

	private static final RateLimitedWarning refused = new RateLimitedWarning(logger);

	/**
	 * Heap buffers, for reading too: codecs parse received bytes straight from the buffer's
	 * array, with no copy. A plain allocator hands out direct buffers for socket reads whatever
	 * it prefers, which codecs would copy to parse, and scan a byte at a time.
	 */
	private static final ByteBufAllocator HEAP_BUFFERS = new PreferHeapByteBufAllocator(
			new AdaptiveByteBufAllocator(false));

	private final Map<String, PeerChannel> peers = new ConcurrentHashMap<>();

	/** The peers, for sending to all without iterating the map: replaced when one comes or goes. */
	private volatile PeerChannel[] all = new PeerChannel[0];

	private final AtomicInteger admitted = new AtomicInteger();

	/** Every open channel, admitted or not, handshaken or not: what {@link #closeAll()} closes. */
	private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

	/** Set once the transport stops: from then on, nothing reaches the listener. */
	private volatile boolean closing;

	private final Transport.Listener listener;

	private final NetworkOptions options;

	private final String transport;

	private final @Nullable String peerName;

	private final @Nullable SslContext tls;

	private final int peerPort;

	private final ConnectionProtocol protocol;

	private Connections(Transport.Listener listener, NetworkOptions options, String transport,
			@Nullable String peerName, @Nullable SslContext tls, int peerPort, ConnectionProtocol protocol) {
		this.listener = listener;
		this.options = options;
		this.transport = transport;
		this.peerName = peerName;
		this.tls = tls;
		this.peerPort = peerPort;
		this.protocol = protocol;
	}

	/** The connections of a server: each peer is named by its remote address. */
	static Connections server(Transport.Listener listener, NetworkOptions options, String transport,
			@Nullable SslContext tls, ConnectionProtocol protocol) {
		return new Connections(listener, options, transport, null, tls, 0, protocol);
	}

	/** The connection of a client to its one peer, {@code host:port}. */
	static Connections client(Transport.Listener listener, NetworkOptions options, String transport, String host,
			int port, @Nullable SslContext tls, ConnectionProtocol protocol) {
		return new Connections(listener, options, transport, host + ":" + port, tls, port, protocol);
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

	boolean usesTls() {
		return this.tls != null;
	}

	/** The pipeline of every connection. */
	ChannelInitializer<Channel> initializer() {
		return new ChannelInitializer<>() {

			@Override
			protected void initChannel(Channel channel) {
				if (!track(channel)) {
					return;
				}
				int maxQueued = Connections.this.options.maxQueuedBytes();
				channel.config().setOption(ChannelOption.TCP_NODELAY, true);
				channel.config().setAllocator(HEAP_BUFFERS);
				channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxQueued / 2, maxQueued));
				SslContext tls = Connections.this.tls;
				if (tls != null) {
					String host = Connections.this.peerName;
					channel.pipeline()
						.addLast((host != null)
								? tls.newHandler(channel.alloc(), host.substring(0, host.lastIndexOf(':')),
										Connections.this.peerPort)
								: tls.newHandler(channel.alloc()));
				}
				ConnectionHandler handler = Connections.this.protocol.newHandler(Connections.this);
				Connections.this.protocol.addHandlers(channel.pipeline(), handler, Connections.this.options);
				long keepalive = Connections.this.options.keepaliveInterval().toMillis();
				if (keepalive > 0) {
					channel.pipeline().addLast(new IdleStateHandler(0, keepalive, 0, TimeUnit.MILLISECONDS));
				}
				channel.pipeline().addLast(handler);
			}

		};
	}

	/** Remembers an open channel until it closes; closes it at once if the transport stops. */
	private boolean track(Channel channel) {
		this.channels.add(channel);
		channel.closeFuture().addListener((closed) -> this.channels.remove(channel));
		if (this.closing) {
			channel.close();
			return false;
		}
		return true;
	}

	/** Whether the transport stopped: then nothing more goes to the listener. */
	boolean closing() {
		return this.closing;
	}

	/** Counts a new connection in, unless the maximum is reached; then logs and refuses it. */
	boolean admit(Channel channel) {
		int max = this.options.maxConnections();
		if (this.admitted.incrementAndGet() > max) {
			this.admitted.decrementAndGet();
			refused.warn("Refusing a connection from {} on {}: {} connections are open, the maximum; raise "
					+ "maxConnections if this server should accept more", peerName(channel.remoteAddress()),
					this.transport, max);
			return false;
		}
		return true;
	}

	void released() {
		this.admitted.decrementAndGet();
	}

	@Nullable PeerChannel connected(String name, Channel channel, @Nullable String identity,
			ConnectionHandler reader) {
		if (this.closing) {
			return null;
		}
		PeerChannel peer = new PeerChannel(name, channel, identity, this.options, this.transport, reader,
				this.protocol.writer(this.listener));
		this.peers.put(name, peer);
		refreshAll();
		this.listener.peerConnected(name);
		return peer;
	}

	void disconnected(PeerChannel peer) {
		peer.closed();
		if (this.peers.remove(peer.name, peer)) {
			refreshAll();
			if (!this.closing) {
				this.listener.peerDisconnected(peer.name);
			}
		}
	}

	private synchronized void refreshAll() {
		this.all = this.peers.values().toArray(new PeerChannel[0]);
	}

	Set<String> peers() {
		if (this.peerName != null) {
			// a client's one peer: asked for on every call, so without copying a map
			return this.peers.containsKey(this.peerName) ? Set.of(this.peerName) : Set.of();
		}
		return new TreeSet<>(this.peers.keySet());
	}

	@Nullable String identity(String peer) {
		if (this.tls == null) {
			return null;
		}
		PeerChannel connected = this.peers.get(peer);
		return (connected != null) ? connected.identity : null;
	}

	void send(byte[] data, Collection<String> receivers) {
		if (receivers.size() == 1) {
			peer(receivers.iterator().next()).send(data);
			return;
		}
		List<PeerChannel> targets = new ArrayList<>(receivers.size());
		for (String receiver : receivers) {
			targets.add(peer(receiver));
		}
		for (PeerChannel peer : targets) {
			peer.send(data);
		}
	}

	private PeerChannel peer(String receiver) {
		PeerChannel peer = this.peers.get(receiver);
		if (peer == null) {
			throw new TransportException("Unknown receiver '" + receiver + "' on " + this.transport
					+ "; connected peers: " + peers());
		}
		return peer;
	}

	/**
	 * Stops reading from a connected peer until {@link #resumeReading(String)}.
	 * @return whether the peer is connected, and so held back
	 */
	boolean pauseReading(String name) {
		PeerChannel peer = this.peers.get(name);
		if (peer == null) {
			return false;
		}
		peer.pauseReading();
		return true;
	}

	/** Reads from a peer again; does nothing for a peer that is gone. */
	void resumeReading(String name) {
		PeerChannel peer = this.peers.get(name);
		if (peer != null) {
			peer.resumeReading();
		}
	}

	void sendToAll(byte[] data) {
		for (PeerChannel peer : this.all) {
			peer.send(data);
		}
	}

	/**
	 * Closes every connection and waits until they are closed. Once it returns, the listener hears
	 * nothing more: a read in progress on an event loop ends before that loop runs the close.
	 */
	void closeAll() {
		this.closing = true;
		awaitClosed(closeChannels());
	}

	/**
	 * Closes every connection of a transport that starts again after its connection was lost, and
	 * reports each peer gone exactly once before it returns, whether or not the event loop had got
	 * to it: a peer of the next connection may have the same name, and must not be reported gone.
	 * @param eventLoop the event loop of the lost connection, which reports what it has not yet
	 * reported, after whatever it was reporting
	 */
	void closeAllReportingGone(EventLoop eventLoop) {
		awaitClosed(closeChannels());
		Runnable reportRest = () -> this.peers.values().forEach(this::disconnected);
		if (eventLoop.inEventLoop()) {
			reportRest.run();
		}
		else {
			try {
				if (!eventLoop.submit(reportRest).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
					reportRest.run();
				}
			}
			catch (RejectedExecutionException ex) {
				reportRest.run();
			}
		}
		this.closing = true;
	}

	private List<ChannelFuture> closeChannels() {
		List<ChannelFuture> closing = new ArrayList<>();
		for (Channel channel : this.channels) {
			closing.add(channel.close());
		}
		return closing;
	}

	private static void awaitClosed(List<ChannelFuture> closing) {
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

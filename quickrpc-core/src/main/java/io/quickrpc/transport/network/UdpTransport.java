package io.quickrpc.transport.network;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * UDP datagrams on one port. Peers are the hosts heard from: named by address alone when they
 * send from this transport's own port (as the Python original does), else by address and port.
 * A host leaves when the transport forgets it, to remember a newer one past
 * {@link NetworkOptions#maxConnections()}, or, with keepalive, when it has been silent for three
 * keepalive intervals; the keepalive message goes to every host heard from at each interval.
 */
final class UdpTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(UdpTransport.class);

	private static final RateLimitedWarning datagramTooLarge = new RateLimitedWarning(logger);

	private static final RateLimitedWarning datagramNotWhole = new RateLimitedWarning(logger);

	/** The largest payload of a UDP datagram over IPv4. */
	private static final int MAX_DATAGRAM = 65_507;

	private final int port;

	private final NetworkOptions options;

	private volatile @Nullable Running running;

	UdpTransport(int port, NetworkOptions options) {
		this.port = port;
		this.options = options;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.running != null) {
			return;
		}
		EventLoops eventLoops = this.options.eventLoops();
		// one byte more than a frame may have, so that a larger datagram shows as filling the buffer
		int bufferSize = Math.min(this.options.maxFrameSize(), MAX_DATAGRAM) + 1;
		Running started = new Running(listener);
		ChannelFuture bind = new Bootstrap().group(eventLoops.acquire())
			.channel(NioDatagramChannel.class)
			.option(ChannelOption.SO_BROADCAST, true)
			.option(ChannelOption.SO_REUSEADDR, true)
			.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(bufferSize))
			.handler(started)
			.bind(this.port)
			.awaitUninterruptibly();
		if (!bind.isSuccess()) {
			eventLoops.release();
			throw new TransportException("Cannot bind UDP port " + this.port + " (" + bind.cause().getMessage()
					+ "); choose a free port", bind.cause());
		}
		started.channel = bind.channel();
		long keepalive = this.options.keepaliveInterval().toMillis();
		if (keepalive > 0) {
			// ends with the channel: on shared event loops it would otherwise outlive the transport
			ScheduledFuture<?> pings = bind.channel().eventLoop().scheduleAtFixedRate(started::keepalive, keepalive,
					keepalive, TimeUnit.MILLISECONDS);
			bind.channel().closeFuture().addListener((closed) -> pings.cancel(false));
		}
		this.running = started;
	}

	@Override
	public void stop() {
		Running stopping;
		synchronized (this) {
			stopping = this.running;
			this.running = null;
		}
		if (stopping != null) {
			stopping.stopped = true;
			Channel channel = stopping.channel;
			if (channel != null && !channel.eventLoop().inEventLoop()) {
				// a datagram being delivered now is delivered before the loop runs the close
				channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
			}
			else if (channel != null) {
				channel.close();
			}
			this.options.eventLoops().release();
		}
	}

	@Override
	public boolean isRunning() {
		Running current = this.running;
		Channel channel = (current != null) ? current.channel : null;
		return channel != null && channel.isActive();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Running running = this.running;
		Channel current = (running != null) ? running.channel : null;
		if (current == null || !current.isActive()) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		int ownPort = ((InetSocketAddress) current.localAddress()).getPort();
		if (receivers == null) {
			current.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data),
					new InetSocketAddress("255.255.255.255", ownPort)), current.voidPromise());
			return;
		}
		send(current, data, receivers);
	}

	private void send(Channel channel, byte[] data, Collection<String> receivers) {
		int ownPort = ((InetSocketAddress) channel.localAddress()).getPort();
		for (String receiver : receivers) {
			channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), address(receiver, ownPort)),
					channel.voidPromise());
		}
	}

	private InetSocketAddress address(String receiver, int ownPort) {
		int colon = receiver.lastIndexOf(':');
		boolean hasPort = colon > 0 && (receiver.indexOf(':') == colon || receiver.startsWith("["));
		String host = hasPort ? receiver.substring(0, colon) : receiver;
		host = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		InetSocketAddress address;
		try {
			address = new InetSocketAddress(host, hasPort ? Integer.parseInt(receiver.substring(colon + 1)) : ownPort);
		}
		catch (IllegalArgumentException ex) {
			throw new TransportException("Unknown receiver '" + receiver + "' on " + this
					+ "; name a host, or HOST:PORT", ex);
		}
		if (address.isUnresolved()) {
			throw new TransportException("Unknown receiver '" + receiver + "' on " + this + ": no host of that name "
					+ "was found; name a host that resolves, or an address");
		}
		return address;
	}

	@Override
	public Set<String> peers() {
		Running current = this.running;
		if (current == null) {
			return Set.of();
		}
		synchronized (current.heard) {
			return new TreeSet<>(current.heard.keySet());
		}
	}

	@Override
	public @Nullable InetSocketAddress localAddress() {
		Running current = this.running;
		Channel channel = (current != null) ? current.channel : null;
		return (channel != null) ? (InetSocketAddress) channel.localAddress() : null;
	}

	@Override
	public String toString() {
		return "udp:" + this.port;
	}

	/**
	 * One run, from start to stop: hands each datagram to the listener, and remembers the hosts
	 * heard from, with when they were last heard. Runs on the channel's event loop.
	 */
	private final class Running extends SimpleChannelInboundHandler<DatagramPacket> {

		private final Listener listener;

		/** Hosts heard from, by name, with the time last heard, least recently heard first. */
		final Map<String, Long> heard = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true));

		volatile @Nullable Channel channel;

		volatile boolean stopped;

		Running(Listener listener) {
			this.listener = listener;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
			if (this.stopped) {
				return;
			}
			InetSocketAddress sender = packet.sender();
			int ownPort = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
			String host = Connections.peerName(sender);
			String peer = (sender.getPort() == ownPort) ? host.substring(0, host.lastIndexOf(':')) : host;
			int size = packet.content().readableBytes();
			if (size > UdpTransport.this.options.maxFrameSize()) {
				datagramTooLarge.warn("Dropping a datagram from '{}' on {}: it holds more than the maximum frame size of {} "
						+ "bytes; raise maxFrameSize if such messages are expected", peer, UdpTransport.this,
						UdpTransport.this.options.maxFrameSize());
				return;
			}
			if (this.heard.put(peer, System.nanoTime()) == null) {
				this.listener.peerConnected(peer);
				forgetBeyond(UdpTransport.this.options.maxConnections());
			}
			ByteBuffer data = packet.content().nioBuffer();
			this.listener.received(peer, data);
			if (data.hasRemaining()) {
				datagramNotWhole.warn("Ignoring {} bytes at the end of a datagram from '{}' on {}: a datagram must hold whole "
						+ "messages", data.remaining(), peer, UdpTransport.this);
			}
		}

		/** Forgets the hosts least recently heard from, beyond the given number. */
		private void forgetBeyond(int max) {
			while (true) {
				String eldest;
				synchronized (this.heard) {
					if (this.heard.size() <= max) {
						return;
					}
					eldest = this.heard.keySet().iterator().next();
					this.heard.remove(eldest);
				}
				this.listener.peerDisconnected(eldest);
			}
		}

		/** Sends the keepalive message to every host, and forgets those silent for three intervals. */
		void keepalive() {
			Channel current = this.channel;
			if (this.stopped || current == null) {
				return;
			}
			long silentSince = System.nanoTime() - 3 * UdpTransport.this.options.keepaliveInterval().toNanos();
			List<String> silent = new ArrayList<>();
			List<String> alive = new ArrayList<>();
			synchronized (this.heard) {
				this.heard.forEach((peer, heardAt) -> ((heardAt - silentSince < 0) ? silent : alive).add(peer));
				silent.forEach(this.heard::remove);
			}
			silent.forEach(this.listener::peerDisconnected);
			if (!alive.isEmpty()) {
				send(current, UdpTransport.this.options.keepaliveMessage(), alive);
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			logger.warn("Error on {}: {}", UdpTransport.this, cause.toString());
		}

	}

}

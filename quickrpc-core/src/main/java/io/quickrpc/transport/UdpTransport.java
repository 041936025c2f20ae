package io.quickrpc.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * UDP datagrams on one port. Peers are the hosts heard from: named by address alone when they
 * send from this transport's own port (as the Python original does), else by address and port.
 */
final class UdpTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(UdpTransport.class);

	private static final int MAX_REMEMBERED_PEERS = 1024;

	private final int port;

	private volatile @Nullable Channel channel;

	private final Map<String, Boolean> heard = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > MAX_REMEMBERED_PEERS;
		}

	});

	UdpTransport(int port) {
		this.port = port;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.channel != null) {
			return;
		}
		ChannelFuture bind = new Bootstrap().group(NettyEventLoops.acquire())
			.channel(NioDatagramChannel.class)
			.option(ChannelOption.SO_BROADCAST, true)
			.option(ChannelOption.SO_REUSEADDR, true)
			.handler(new Receiver(listener))
			.bind(this.port)
			.awaitUninterruptibly();
		if (!bind.isSuccess()) {
			NettyEventLoops.release();
			throw new TransportException("Cannot bind UDP port " + this.port + " (" + bind.cause().getMessage()
					+ "); choose a free port", bind.cause());
		}
		this.channel = bind.channel();
	}

	@Override
	public void stop() {
		Channel stopping;
		synchronized (this) {
			stopping = this.channel;
			this.channel = null;
		}
		if (stopping != null) {
			stopping.close().awaitUninterruptibly();
			this.heard.clear();
			NettyEventLoops.release();
		}
	}

	@Override
	public boolean isRunning() {
		Channel current = this.channel;
		return current != null && current.isActive();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Channel current = this.channel;
		if (current == null) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		int ownPort = ((InetSocketAddress) current.localAddress()).getPort();
		if (receivers == null) {
			current.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data),
					new InetSocketAddress("255.255.255.255", ownPort)), current.voidPromise());
			return;
		}
		for (String receiver : receivers) {
			current.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), address(receiver, ownPort)),
					current.voidPromise());
		}
	}

	private InetSocketAddress address(String receiver, int ownPort) {
		int colon = receiver.lastIndexOf(':');
		boolean hasPort = colon > 0 && (receiver.indexOf(':') == colon || receiver.startsWith("["));
		String host = hasPort ? receiver.substring(0, colon) : receiver;
		host = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		try {
			return new InetSocketAddress(host, hasPort ? Integer.parseInt(receiver.substring(colon + 1)) : ownPort);
		}
		catch (IllegalArgumentException ex) {
			throw new TransportException("Unknown receiver '" + receiver + "' on " + this
					+ "; name a host, or HOST:PORT", ex);
		}
	}

	@Override
	public Set<String> peers() {
		synchronized (this.heard) {
			return new TreeSet<>(this.heard.keySet());
		}
	}

	@Override
	public @Nullable InetSocketAddress localAddress() {
		Channel current = this.channel;
		return (current != null) ? (InetSocketAddress) current.localAddress() : null;
	}

	@Override
	public String toString() {
		return "udp:" + this.port;
	}

	/** Hands each datagram to the listener; a datagram holds whole messages. */
	private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {

		private final Listener listener;

		Receiver(Listener listener) {
			this.listener = listener;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
			InetSocketAddress sender = packet.sender();
			int ownPort = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
			String host = Connections.peerName(sender);
			String peer = (sender.getPort() == ownPort) ? host.substring(0, host.lastIndexOf(':')) : host;
			if (UdpTransport.this.heard.put(peer, Boolean.TRUE) == null) {
				this.listener.peerConnected(peer);
			}
			ByteBuffer data = packet.content().nioBuffer();
			this.listener.received(peer, data);
			if (data.hasRemaining()) {
				logger.warn("Ignoring {} bytes at the end of a datagram from '{}' on {}: a datagram must hold whole "
						+ "messages", data.remaining(), peer, UdpTransport.this);
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			logger.warn("Error on {}: {}", UdpTransport.this, cause.toString());
		}

	}

}

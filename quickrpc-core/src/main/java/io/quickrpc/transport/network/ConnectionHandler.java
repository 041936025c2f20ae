package io.quickrpc.transport.network;

import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The end of one connection's pipeline: admits the connection (after the TLS handshake, if any),
 * hands received bytes to the transport's listener, keeps what it leaves for the next read, drops
 * the peer whose unfinished message outgrows the maximum frame size, wakes senders waiting for a
 * slow peer, and sends the keepalive message when the connection is idle.
 */
final class ConnectionHandler extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionHandler.class);

	private final Connections connections;

	private boolean admitted;

	private @Nullable PeerChannel peer;

	private String name = "?";

	ConnectionHandler(Connections connections) {
		this.connections = connections;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.name = this.connections.nameOf(ctx.channel());
		this.admitted = this.connections.admit(ctx.channel());
		if (!this.admitted) {
			ctx.close();
			return;
		}
		if (!this.connections.usesTls()) {
			this.peer = this.connections.connected(this.name, ctx.channel(), null);
		}
		super.channelActive(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		super.channelInactive(ctx);
		if (this.admitted) {
			this.admitted = false;
			this.connections.released();
		}
		if (this.peer != null) {
			this.connections.disconnected(this.peer);
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (this.peer == null || this.connections.closing()) {
			in.skipBytes(in.readableBytes());
			return;
		}
		int start = in.readerIndex();
		ByteBuffer data = in.nioBuffer(start, in.readableBytes());
		int position = data.position();
		this.connections.listener().received(this.name, data);
		in.skipBytes(data.position() - position);
		if (in.readableBytes() > this.connections.options().maxFrameSize()) {
			logger.warn("Dropping peer '{}' on {}: it sent {} bytes without completing a message, more than the "
					+ "maximum frame size of {} bytes", this.name, this.connections.transport(), in.readableBytes(),
					this.connections.options().maxFrameSize());
			in.skipBytes(in.readableBytes());
			ctx.close();
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (this.peer != null) {
			this.peer.wake();
		}
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof IdleStateEvent) {
			ctx.writeAndFlush(Unpooled.wrappedBuffer(this.connections.options().keepaliveMessage()));
			return;
		}
		if (event instanceof SslHandshakeCompletionEvent handshake) {
			if (handshake.isSuccess() && this.admitted && ctx.channel().isActive()) {
				this.peer = this.connections.connected(this.name, ctx.channel(), peerIdentity(ctx));
			}
			else if (!handshake.isSuccess()) {
				logger.warn("TLS handshake with '{}' on {} failed: {}; check that each side trusts the other's "
						+ "certificate, and that a client certificate is sent where the server requires one",
						this.name, this.connections.transport(), handshake.cause().toString());
				ctx.close();
			}
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!ctx.channel().isActive() || (this.peer == null && this.connections.usesTls())) {
			// a write that raced with the close, or a failed handshake, which is logged already
			ctx.close();
			return;
		}
		logger.warn("Closing the connection to '{}' on {}: {}", this.name, this.connections.transport(),
				cause.toString());
		ctx.close();
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

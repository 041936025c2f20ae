package io.quickrpc.transport;

import java.nio.ByteBuffer;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The end of one connection's pipeline: hands received bytes to the transport's listener, keeps
 * what it leaves for the next read, drops the peer whose unfinished message outgrows the
 * maximum frame size, and sends the keepalive message when the connection is idle.
 */
final class ConnectionHandler extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionHandler.class);

	private final Connections connections;

	private String peer = "?";

	ConnectionHandler(Connections connections) {
		this.connections = connections;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.peer = this.connections.nameOf(ctx.channel());
		this.connections.connected(this.peer, ctx.channel());
		super.channelActive(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		super.channelInactive(ctx);
		this.connections.disconnected(this.peer, ctx.channel());
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		int start = in.readerIndex();
		ByteBuffer data = in.nioBuffer(start, in.readableBytes());
		int position = data.position();
		this.connections.listener().received(this.peer, data);
		in.skipBytes(data.position() - position);
		if (in.readableBytes() > this.connections.options().maxFrameSize()) {
			logger.warn("Dropping peer '{}' on {}: it sent {} bytes without completing a message, more than the "
					+ "maximum frame size of {} bytes", this.peer, this.connections.transport(), in.readableBytes(),
					this.connections.options().maxFrameSize());
			in.skipBytes(in.readableBytes());
			ctx.close();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof IdleStateEvent) {
			ctx.writeAndFlush(Unpooled.wrappedBuffer(this.connections.options().keepaliveMessage()));
			return;
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.warn("Closing the connection to '{}' on {}: {}", this.peer, this.connections.transport(),
				cause.toString());
		ctx.close();
	}

}

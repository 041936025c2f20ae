package io.quickrpc.benchmarks;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

/**
 * The limit of this stack: a Netty echo with quickrpc's framing (frames ending in NUL) and no
 * JSON, written to be fast. The server writes each frame back as a slice of what it read and
 * flushes once per read; the pipelining client keeps its window full from the event loop and
 * also flushes once per read; the one-way client flushes every 64 frames, while the channel is
 * writable. Frames
 * starting with {@code N} are counted instead of echoed, and {@code ?} asks for the count.
 * <p>
 * The server can also answer on a handler thread of its own, as quickrpc's default does: the
 * frames of each read go to one handler thread, which writes their echoes back as one buffer.
 * That costs two hand-offs between threads per read and nothing else, the floor of any server
 * whose handlers may block.
 */
final class RawNetty {

	private RawNetty() {
	}

	static byte[] frame(char kind, String payload) {
		byte[] text = (kind + payload.substring(1)).getBytes(StandardCharsets.US_ASCII);
		byte[] frame = new byte[text.length + 1];
		System.arraycopy(text, 0, frame, 0, text.length);
		return frame;
	}

	/** Calls {@code onFrame} with each NUL-ended frame of what arrives, the NUL included. */
	private abstract static class Frames extends ByteToMessageDecoder {

		@Override
		protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
			int end;
			while ((end = in.forEachByte(in.readerIndex(), in.readableBytes(), ByteProcessor.FIND_NUL)) >= 0) {
				int length = end + 1 - in.readerIndex();
				onFrame(ctx, in, length);
				in.readerIndex(end + 1);
			}
		}

		/** Handles the frame at the reader index, of the given length; must not move the index. */
		abstract void onFrame(ChannelHandlerContext ctx, ByteBuf in, int length);

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
			super.channelReadComplete(ctx);
			ctx.flush();
		}

	}

	/** The echo server. */
	static final class Server implements AutoCloseable {

		private final EventLoopGroup group;

		private final Channel channel;

		private final @Nullable ExecutorService handlerThread;

		private Server(EventLoopGroup group, Channel channel, @Nullable ExecutorService handlerThread) {
			this.group = group;
			this.channel = channel;
			this.handlerThread = handlerThread;
		}

		/**
		 * Starts a server.
		 * @param onHandlerThread whether frames are answered on a handler thread instead of the event loop
		 */
		static Server start(boolean onHandlerThread) {
			ExecutorService handlerThread = onHandlerThread ? Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "raw-netty-handler");
				thread.setDaemon(true);
				return thread;
			}) : null;
			EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
			Channel channel = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<>() {

					@Override
					protected void initChannel(Channel child) {
						child.pipeline().addLast((handlerThread != null) ? new HandedOffEchoHandler(handlerThread)
								: new EchoHandler());
					}

				})
				.bind("127.0.0.1", 0)
				.syncUninterruptibly()
				.channel();
			return new Server(group, channel, handlerThread);
		}

		int port() {
			return ((InetSocketAddress) this.channel.localAddress()).getPort();
		}

		@Override
		public void close() {
			this.channel.close().syncUninterruptibly();
			this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
			if (this.handlerThread != null) {
				this.handlerThread.shutdownNow();
			}
		}

	}

	private static final class EchoHandler extends Frames {

		private long counted;

		@Override
		void onFrame(ChannelHandlerContext ctx, ByteBuf in, int length) {
			byte kind = in.getByte(in.readerIndex());
			if (kind == 'N') {
				this.counted++;
			}
			else if (kind == '?') {
				ctx.write(Unpooled.copiedBuffer(this.counted + "\0", StandardCharsets.US_ASCII));
			}
			else {
				ctx.write(in.retainedSlice(in.readerIndex(), length));
			}
		}

	}

	/** Answers the frames of each read on the handler thread, with one buffer and one flush. */
	private static final class HandedOffEchoHandler extends Frames {

		private final Executor handlerThread;

		private List<ByteBuf> frames = new ArrayList<>();

		/** Counted on the handler thread. */
		private long counted;

		HandedOffEchoHandler(Executor handlerThread) {
			this.handlerThread = handlerThread;
		}

		@Override
		void onFrame(ChannelHandlerContext ctx, ByteBuf in, int length) {
			this.frames.add(in.retainedSlice(in.readerIndex(), length));
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
			super.channelReadComplete(ctx);
			if (!this.frames.isEmpty()) {
				List<ByteBuf> read = this.frames;
				this.frames = new ArrayList<>();
				this.handlerThread.execute(() -> answer(ctx, read));
			}
		}

		private void answer(ChannelHandlerContext ctx, List<ByteBuf> read) {
			ByteBuf out = ctx.alloc().directBuffer();
			for (ByteBuf frame : read) {
				byte kind = frame.getByte(frame.readerIndex());
				if (kind == 'N') {
					this.counted++;
				}
				else if (kind == '?') {
					out.writeBytes((this.counted + "\0").getBytes(StandardCharsets.US_ASCII));
				}
				else {
					out.writeBytes(frame);
				}
				frame.release();
			}
			if (out.isReadable()) {
				ctx.writeAndFlush(out, ctx.voidPromise());
			}
			else {
				out.release();
			}
		}

	}

	/** The client, one connection; one workload at a time. */
	static final class Client implements Target {

		private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

		private final Channel channel;

		private final ClientHandler handler = new ClientHandler();

		private final String payload;

		private final String name;

		Client(int port, String payload) {
			this(port, payload, "raw netty");
		}

		Client(int port, String payload, String name) {
			this.payload = payload;
			this.name = name;
			this.channel = new Bootstrap().group(this.group)
				.channel(NioSocketChannel.class)
				.option(ChannelOption.TCP_NODELAY, true)
				.handler(this.handler)
				.connect("127.0.0.1", port)
				.syncUninterruptibly()
				.channel();
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public long[] sequential(int warmup, int measured) throws Exception {
			ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(frame('E', this.payload)));
			long[] latencies = new long[measured];
			for (int i = -warmup; i < measured; i++) {
				long start = System.nanoTime();
				this.channel.writeAndFlush(frame.duplicate());
				this.handler.replies.take();
				if (i >= 0) {
					latencies[i] = System.nanoTime() - start;
				}
			}
			return latencies;
		}

		@Override
		public double pipelined(Duration warmup, Duration measure, int window) throws Exception {
			ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(frame('E', this.payload)));
			this.handler.refill = frame;
			this.channel.eventLoop().execute(() -> {
				for (int i = 0; i < window; i++) {
					this.channel.write(frame.duplicate());
				}
				this.channel.flush();
			});
			Thread.sleep(warmup.toMillis());
			long before = this.handler.echoes;
			long start = System.nanoTime();
			Thread.sleep(measure.toMillis());
			long after = this.handler.echoes;
			double seconds = (System.nanoTime() - start) / 1e9;
			this.handler.refill = null;
			drain(window);
			return (after - before) / seconds;
		}

		private void drain(int window) throws Exception {
			// the last window of echoes is still on its way: wait for it, so the next workload starts clean
			long last = -1;
			while (last != this.handler.echoes) {
				last = this.handler.echoes;
				Thread.sleep(100);
			}
			this.handler.replies.clear();
		}

		@Override
		public double oneWay(Duration duration) throws Exception {
			// sent from this thread, as quickrpc's client sends: writes flushed every 64 frames, and
			// held back while more than Netty's high water mark waits to be written
			ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(frame('N', this.payload)));
			long before = count();
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			while (System.nanoTime() < end) {
				for (int i = 0; i < 64; i++) {
					this.channel.write(frame.duplicate(), this.channel.voidPromise());
				}
				this.channel.flush();
				while (!this.channel.isWritable()) {
					this.handler.awaitWritable();
				}
			}
			long after = count();
			return (after - before) / ((System.nanoTime() - start) / 1e9);
		}

		private long count() throws InterruptedException {
			this.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { '?', 0 }));
			return Long.parseLong(this.handler.replies.take());
		}

		@Override
		public void close() {
			this.channel.close().syncUninterruptibly();
			this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}

	}

	private static final class ClientHandler extends Frames {

		final BlockingQueue<String> replies = new ArrayBlockingQueue<>(1024);

		volatile long echoes;

		volatile ByteBuf refill;

		synchronized void awaitWritable() throws InterruptedException {
			wait(10);
		}

		@Override
		void onFrame(ChannelHandlerContext ctx, ByteBuf in, int length) {
			ByteBuf again = this.refill;
			if (again != null) {
				this.echoes++;
				ctx.write(again.duplicate());
				return;
			}
			if (in.getByte(in.readerIndex()) == 'E') {
				this.echoes++;
				this.replies.offer("");
				return;
			}
			this.replies.offer(in.toString(in.readerIndex(), length - 1, StandardCharsets.US_ASCII));
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
			synchronized (this) {
				notifyAll();
			}
			super.channelWritabilityChanged(ctx);
		}

	}

}

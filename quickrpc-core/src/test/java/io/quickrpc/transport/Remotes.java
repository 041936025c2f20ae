package io.quickrpc.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import io.quickrpc.transport.AbstractTransportTest.Remote;

/**
 * The peers the contract checks connect to their subjects: a plain socket, a datagram socket, a
 * transport of our own, a pair of pipes.
 */
public final class Remotes {

	private Remotes() {
	}

	/** The loopback address, which every check listens and connects on. */
	static InetAddress loopback() {
		return InetAddress.getLoopbackAddress();
	}

	/** A server socket on the loopback address and a port the system chose, for client subjects. */
	static ServerSocketChannel listen() {
		try {
			return ServerSocketChannel.open().bind(new InetSocketAddress(loopback(), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A plain TCP connection to a listening subject. */
	static Remote connect(InetSocketAddress subject) throws IOException {
		return new SocketRemote(new Socket(loopback(), subject.getPort()));
	}

	/**
	 * The next connection a client subject made to this server socket, skipping those its earlier
	 * runs made and closed: their end of stream is queued already, since the client closed them
	 * before it connected again.
	 */
	static Remote accept(ServerSocketChannel server) throws IOException {
		while (true) {
			SocketChannel channel = server.accept();
			channel.configureBlocking(false);
			int read = channel.read(ByteBuffer.allocate(1));
			if (read < 0) {
				channel.close();
				continue;
			}
			if (read > 0) {
				throw new IllegalStateException("the subject sent before it was asked to");
			}
			channel.configureBlocking(true);
			return new SocketRemote(channel.socket());
		}
	}

	/** A peer over a plain socket; a thread reads what the subject sends. */
	static final class SocketRemote extends Remote {

		private final Socket socket;

		private final OutputStream output;

		private final Received received = new Received();

		SocketRemote(Socket socket) throws IOException {
			this.socket = socket;
			this.output = socket.getOutputStream();
			InputStream input = socket.getInputStream();
			Thread reader = new Thread(() -> this.received.readAll(input), "test-remote-reader");
			reader.setDaemon(true);
			reader.start();
		}

		@Override
		protected void send(byte[] data) throws IOException {
			this.output.write(data);
			this.output.flush();
		}

		@Override
		protected String receive(int length) {
			return this.received.first(length);
		}

		@Override
		protected boolean closedBySubject() {
			return this.received.ended();
		}

		@Override
		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closed already
			}
		}

	}

	/** A peer over UDP: the subject knows it once it has sent. */
	static final class DatagramRemote extends Remote {

		private final DatagramSocket socket;

		private final InetSocketAddress subject;

		private final Received received = new Received();

		DatagramRemote(InetSocketAddress subject) throws SocketException {
			this.socket = new DatagramSocket(new InetSocketAddress(loopback(), 0));
			this.subject = new InetSocketAddress(loopback(), subject.getPort());
			Thread reader = new Thread(() -> {
				byte[] buffer = new byte[65_536];
				while (!this.socket.isClosed()) {
					DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
					try {
						this.socket.receive(packet);
					}
					catch (IOException ex) {
						return;
					}
					this.received.add(Arrays.copyOf(packet.getData(), packet.getLength()));
				}
			}, "test-remote-reader");
			reader.setDaemon(true);
			reader.start();
		}

		@Override
		protected boolean announces() {
			return true;
		}

		@Override
		protected void send(byte[] data) throws IOException {
			this.socket.send(new DatagramPacket(data, data.length, this.subject));
		}

		@Override
		protected String receive(int length) {
			return this.received.first(length);
		}

		@Override
		protected boolean closedBySubject() {
			return false;
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

	/** A peer that is a transport of its own, such as a member of the same bus or a TLS client. */
	static final class TransportRemote extends Remote implements Transport.Listener {

		private final Transport transport;

		private final @Nullable List<String> subject;

		private final Received received = new Received();

		private volatile boolean disconnected;

		/**
		 * Starts the transport.
		 * @param transport the peer's transport
		 * @param subject the subject's name, where it has peers besides the subject, else {@code null}
		 */
		TransportRemote(Transport transport, @Nullable String subject) {
			this.transport = transport;
			this.subject = (subject != null) ? List.of(subject) : null;
			transport.start(this);
		}

		@Override
		public void received(String peer, ByteBuffer data) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.received.add(bytes);
		}

		@Override
		public void peerDisconnected(String peer) {
			this.disconnected = true;
		}

		@Override
		protected void send(byte[] data) {
			this.transport.send(data, this.subject);
		}

		@Override
		protected String receive(int length) {
			return this.received.first(length);
		}

		@Override
		protected boolean closedBySubject() {
			return this.disconnected || !this.transport.isRunning();
		}

		@Override
		public void close() {
			this.transport.stop();
		}

	}

	/** The bytes a peer received, and whether their stream ended. */
	public static final class Received {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private volatile boolean ended;

		/**
		 * Reads the stream to its end, keeping what it reads.
		 * @param input the stream
		 */
		public void readAll(InputStream input) {
			byte[] buffer = new byte[8192];
			try {
				int count;
				while ((count = input.read(buffer)) >= 0) {
					add(Arrays.copyOf(buffer, count));
				}
			}
			catch (IOException ex) {
				// reset by the subject, or closed by the test: ended either way
			}
			this.ended = true;
		}

		synchronized void add(byte[] data) {
			this.bytes.writeBytes(data);
		}

		synchronized int size() {
			return this.bytes.size();
		}

		/**
		 * Waits until the given number of bytes came.
		 * @param length how many
		 * @return the first bytes, as UTF-8 text
		 */
		public String first(int length) {
			Awaitility.await().until(() -> size() >= length);
			synchronized (this) {
				return new String(this.bytes.toByteArray(), 0, length, StandardCharsets.UTF_8);
			}
		}

		boolean ended() {
			return this.ended;
		}

	}

}

package io.quickrpc.sample;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A peer that is not quickrpc: a plain socket that writes and reads JSON-RPC frames, each ended by
 * a NUL, as the Python original does.
 */
final class JrpcSocket implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	/**
	 * Connects to a port of this machine; a read waits at most 30 s.
	 * @param port the port
	 * @throws IOException when the connection fails
	 */
	JrpcSocket(int port) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout(30_000);
		this.in = this.socket.getInputStream();
	}

	/**
	 * Sends one frame.
	 * @param json the frame, without its delimiter
	 * @throws IOException when it cannot be written
	 */
	void send(String json) throws IOException {
		this.socket.getOutputStream().write((json + "\0").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the next frame.
	 * @return the frame, without its delimiter
	 * @throws IOException when the server closes the connection first, or nothing comes for 30 s
	 */
	String receive() throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		for (int b = this.in.read(); b != 0; b = this.in.read()) {
			if (b < 0) {
				throw new EOFException("The server closed the connection in the middle of a frame: " + frame);
			}
			frame.write(b);
		}
		return frame.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}

package io.quickrpc;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP client that knows nothing of quickrpc: it writes text frames, each followed by a
 * delimiter, and reads the frames that come back. A read that waits ten seconds fails, so a
 * missing reply fails its test instead of hanging it.
 */
final class FrameSocket implements Closeable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private final byte delimiter;

	FrameSocket(int port, char delimiter) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout(10_000);
		this.out = this.socket.getOutputStream();
		this.in = this.socket.getInputStream();
		this.delimiter = (byte) delimiter;
	}

	/** Sends one frame and its delimiter. */
	void send(String frame) throws IOException {
		this.out.write(frame.getBytes(StandardCharsets.UTF_8));
		this.out.write(this.delimiter);
		this.out.flush();
	}

	/** Reads the next frame, without its delimiter. */
	String receive() throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != this.delimiter) {
			if (b < 0) {
				throw new IOException("the server closed the connection after '" + frame + "'");
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

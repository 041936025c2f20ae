package io.quickrpc.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.quickrpc.spi.Registry;

/**
 * A child process for the {@code process} transport checks: relays between its {@code stdio:}
 * transport and a TCP connection to the test (the port is its argument), so that the test plays
 * the child's part over a socket. Exits when either side ends.
 */
public final class StdioRelay {

	private StdioRelay() {
	}

	public static void main(String[] args) throws Exception {
		Socket control = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
		OutputStream toTest = control.getOutputStream();
		Transport stdio = Registry.transports().create("stdio:");
		stdio.start(new Transport.Listener() {

			@Override
			public void received(String peer, ByteBuffer data) {
				byte[] bytes = new byte[data.remaining()];
				data.get(bytes);
				try {
					toTest.write(bytes);
					toTest.flush();
				}
				catch (Exception ex) {
					System.exit(1);
				}
			}

			@Override
			public void peerDisconnected(String peer) {
				System.exit(0);
			}

		});
		InputStream fromTest = control.getInputStream();
		byte[] buffer = new byte[8192];
		int count;
		while ((count = fromTest.read(buffer)) >= 0) {
			stdio.send(Arrays.copyOf(buffer, count), null);
		}
		System.exit(0);
	}

}

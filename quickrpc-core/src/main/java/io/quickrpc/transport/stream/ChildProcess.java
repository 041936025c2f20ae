package io.quickrpc.transport.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child process whose standard input and output a {@link StreamTransport} uses, and
 * ends it when the transport stops: first by closing its input, then by asking, then by force.
 */
final class ChildProcess implements StreamTransport.StreamSource {

	private final List<String> command;

	ChildProcess(List<String> command) {
		this.command = List.copyOf(command);
	}

	@Override
	public StreamTransport.Streams open() throws IOException {
		Process process = new ProcessBuilder(this.command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		return new StreamTransport.Streams() {

			@Override
			public InputStream input() {
				return process.getInputStream();
			}

			@Override
			public OutputStream output() {
				return process.getOutputStream();
			}

			@Override
			public void close() {
				try {
					process.getOutputStream().close();
					if (!process.waitFor(1, TimeUnit.SECONDS)) {
						process.destroy();
						if (!process.waitFor(2, TimeUnit.SECONDS)) {
							process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
						}
					}
				}
				catch (IOException ex) {
					process.destroyForcibly();
				}
				catch (InterruptedException ex) {
					process.destroyForcibly();
					Thread.currentThread().interrupt();
				}
			}

		};
	}

}

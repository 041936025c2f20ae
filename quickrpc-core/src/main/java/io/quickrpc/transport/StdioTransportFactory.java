package io.quickrpc.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;

/**
 * Creates the transport over this process's standard input and output, {@code stdio:}, with one
 * peer named {@code stdio}: for a process that another starts with {@code process:}. Nothing
 * else may write to standard output then; log to standard error.
 */
public final class StdioTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "stdio";
	}

	@Override
	public String syntax() {
		return "stdio:";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		if (!expression.body().isBlank()) {
			throw expression.invalid("'stdio:' takes no arguments");
		}
		InputStream input = System.in;
		PrintStream output = System.out;
		return new StreamTransport("stdio:", "stdio", () -> new StreamTransport.Streams() {

			@Override
			public InputStream input() {
				return input;
			}

			@Override
			public OutputStream output() {
				return output;
			}

			@Override
			public void close() {
				// the process's own streams stay open: they are not ours to close
			}

		}, registry.setting(NetworkOptions.class, NetworkOptions.defaults()).maxFrameSize());
	}

}

package io.quickrpc.transport.stream;

import java.io.InputStream;
import java.io.OutputStream;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * Creates the transport over this process's standard input and output, {@code stdio:}, with one
 * peer named {@code stdio}: for a process that another starts with {@code process:}. Nothing
 * else may write to standard output then; log to standard error. One thread reads standard input
 * for the whole process: it cannot be woken without closing standard input, so it stays after the
 * transport stops, and keeps what it reads for the next start.
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
		return transport(StandardInput.INPUT, System.out,
				registry.setting(NetworkOptions.class, NetworkOptions.defaults()).maxFrameSize());
	}

	/** The stdio transport over the given streams, which it never closes. */
	static Transport transport(SharedInput input, OutputStream output, int maxFrameSize) {
		return new StreamTransport("stdio:", "stdio", () -> {
			SharedInput.View view = input.open();
			return new StreamTransport.Streams() {

				@Override
				public InputStream input() {
					return view;
				}

				@Override
				public OutputStream output() {
					return output;
				}

				@Override
				public void close() {
					// ends this run's reads; the process's own streams stay open: they are not ours to close
					view.close();
				}

			};
		}, maxFrameSize);
	}

	/** This process's standard input, read by one thread for every run of every stdio transport. */
	private static final class StandardInput {

		static final SharedInput INPUT = new SharedInput(System.in, "quickrpc-stdin");

	}

}

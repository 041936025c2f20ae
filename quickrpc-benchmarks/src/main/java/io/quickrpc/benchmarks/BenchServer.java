package io.quickrpc.benchmarks;

import java.io.IOException;

import io.quickrpc.RpcEndpoint;

/**
 * The server process: {@code quickrpc} (a tcpserv endpoint of {@link BenchApi}),
 * {@code quickrpc-inline} (the same, running handlers on the event loop), {@code raw} (the
 * {@link RawNetty} echo) or {@code raw-handler-thread} (the same, answering on a thread of its own), on 127.0.0.1 and a port the system chooses. It prints
 * {@code PORT n} and runs until its standard input closes, so it ends with the process that
 * started it.
 */
public final class BenchServer {

	private BenchServer() {
	}

	/**
	 * Runs a server.
	 * @param args {@code quickrpc} or {@code raw}
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		boolean nats = args.length == 2 && (args[0].equals("quickrpc-nats") || args[0].equals("nats-raw"));
		if (!nats && (args.length != 1 || !(args[0].equals("quickrpc") || args[0].equals("quickrpc-inline")
				|| args[0].equals("raw") || args[0].equals("raw-handler-thread")))) {
			System.err.println("Usage: BenchServer quickrpc|quickrpc-inline|raw|raw-handler-thread, or BenchServer "
					+ "quickrpc-nats|nats-raw URL");
			System.exit(2);
		}
		AutoCloseable server;
		int port = 0;
		if (args[0].equals("nats-raw")) {
			try {
				server = new RawNats.Server(args[1]);
			}
			catch (Exception ex) {
				throw new IOException("Cannot serve on NATS at " + args[1], ex);
			}
		}
		else if (args[0].equals("quickrpc-nats")) {
			RpcEndpoint<BenchApi> endpoint = RpcEndpoint.builder(BenchApi.class)
				.transport("nats:(" + args[1] + "):bench:servers")
				.build();
			endpoint.connect(new BenchHandler(endpoint));
			endpoint.start();
			server = endpoint;
		}
		else if (args[0].startsWith("raw")) {
			RawNetty.Server raw = RawNetty.Server.start(args[0].equals("raw-handler-thread"));
			server = raw;
			port = raw.port();
		}
		else {
			RpcEndpoint.Builder<BenchApi> builder = RpcEndpoint.builder(BenchApi.class).transport("tcpserv:127.0.0.1:0");
			if (args[0].equals("quickrpc-inline")) {
				builder.handlersOnReceivingThread();
			}
			RpcEndpoint<BenchApi> endpoint = builder.build();
			endpoint.connect(new BenchHandler(endpoint));
			endpoint.start();
			server = endpoint;
			port = endpoint.transport().localAddress().getPort();
		}
		System.out.println("PORT " + port);
		System.out.flush();
		while (System.in.read() >= 0) {
			// runs until the client closes our standard input or ends
		}
		try {
			server.close();
		}
		catch (Exception ex) {
			System.err.println("Stopping the server failed: " + ex);
		}
	}

}

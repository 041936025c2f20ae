package io.quickrpc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child process for the process and stdio transport tests: serves {@link EchoApi} on its
 * standard input and output until its input ends.
 */
public final class EchoChild {

	private EchoChild() {
	}

	public static void main(String[] args) {
		RpcEndpoint<EchoApi> endpoint = RpcEndpoint.builder(EchoApi.class).transport("stdio:").build();
		endpoint.connect(new RpcEndpointTests.EchoHandler());
		endpoint.connect("say", (call) -> {
			endpoint.api().echo(null, "child heard " + call.argument("text"));
			return null;
		});
		endpoint.start();
		while (endpoint.transport().isRunning()) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		endpoint.stop();
	}

}

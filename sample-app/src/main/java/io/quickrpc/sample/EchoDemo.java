package io.quickrpc.sample;

import java.math.BigDecimal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;

/**
 * Runs an echo server and a client in one process, on the in-process bus, and shows each call
 * of the {@link EchoApi} contract.
 */
public final class EchoDemo {

	private EchoDemo() {
	}

	/**
	 * Runs the demo.
	 * @param args ignored
	 * @throws InterruptedException if interrupted while waiting for the echo
	 */
	public static void main(String[] args) throws InterruptedException {
		try (RpcEndpoint<EchoApi> server = RpcEndpoint.builder(EchoApi.class).transport("internal:demo:server").build();
				RpcEndpoint<EchoApi> client = RpcEndpoint.builder(EchoApi.class)
					.transport("internal:demo:client")
					.inverted(true)
					.build()) {
			server.connect(new EchoService(server));
			server.start();
			CountDownLatch echoed = new CountDownLatch(1);
			client.connect("echo", (call) -> {
				System.out.println("echo      <- " + call.argument("text"));
				echoed.countDown();
				return null;
			});
			client.start();

			System.out.println("ping(hi)  -> " + client.api().ping("hi"));
			System.out.println("add(2, 3) -> " + client.api().add(new BigDecimal("2"), new BigDecimal("3")));
			System.out.println("add(1.5, 99999999999999999999) -> "
					+ client.api().add(new BigDecimal("1.5"), new BigDecimal("99999999999999999999")));
			try {
				client.api().fail("on purpose");
			}
			catch (RemoteException ex) {
				System.out.println("fail(on purpose) -> error " + ex.code() + ": " + ex.remoteMessage());
			}
			client.api().say(null, "hello");
			if (!echoed.await(5, TimeUnit.SECONDS)) {
				System.out.println("no echo within 5 s");
			}
			System.out.println("unhandled calls on the server: " + server.unhandledCalls());
		}
	}

}

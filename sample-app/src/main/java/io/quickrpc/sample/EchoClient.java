package io.quickrpc.sample;

import java.math.BigDecimal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RemoteException;

/**
 * The client mode: calls every method of the echo server and prints what comes back.
 */
@Component
@Profile("client")
public class EchoClient implements ApplicationRunner {

	private final EchoApi server;

	private final CountDownLatch echoed = new CountDownLatch(1);

	/**
	 * Creates the client.
	 * @param server the proxy of the inverted API: its calls go to the server
	 */
	public EchoClient(EchoApi server) {
		this.server = server;
	}

	/**
	 * Prints what the server echoes.
	 * @param text the echo
	 */
	@IncomingHandler
	public void echo(String text) {
		System.out.println("echo      <- " + text);
		this.echoed.countDown();
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		System.out.println("ping(hi)  -> " + this.server.ping("hi"));
		System.out.println("add(2, 40) -> " + this.server.add(new BigDecimal("2"), new BigDecimal("40")));
		System.out.println("add(0.1, 99999999999999999999) -> "
				+ this.server.add(new BigDecimal("0.1"), new BigDecimal("99999999999999999999")));
		try {
			this.server.fail("on purpose");
		}
		catch (RemoteException ex) {
			System.out.println("fail(on purpose) -> error " + ex.code() + ": " + ex.remoteMessage());
		}
		this.server.say(null, "hello");
		if (!this.echoed.await(5, TimeUnit.SECONDS)) {
			System.out.println("no echo within 5 s");
		}
	}

}

package io.quickrpc.sample;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

import io.quickrpc.IncomingHandler;

/**
 * The server side of {@link EchoApi}, on every endpoint that serves it.
 */
@Service
@Profile("!client")
public class EchoService {

	private final List<EchoApi> peers;

	/**
	 * Creates the service.
	 * @param peers the API proxies of every endpoint that serves {@link EchoApi}
	 */
	public EchoService(List<EchoApi> peers) {
		this.peers = peers;
	}

	/**
	 * Tells every connected peer, on every endpoint, the sender included, what a peer said: the
	 * text as it was said.
	 * @param text what was said
	 */
	@IncomingHandler
	public void say(String text) {
		this.peers.forEach((api) -> api.echo(null, text));
	}

	/**
	 * Replies with the text.
	 * @param text the text
	 * @return the text
	 */
	@IncomingHandler
	public String ping(String text) {
		return text;
	}

	/**
	 * Adds two numbers.
	 * @param a a number
	 * @param b another number
	 * @return the sum
	 */
	@IncomingHandler
	public BigDecimal add(BigDecimal a, BigDecimal b) {
		return a.add(b);
	}

	/**
	 * Fails on purpose.
	 * @param message the error message
	 * @return never
	 */
	@IncomingHandler
	public String fail(String message) {
		throw new IllegalStateException(message);
	}

}

package io.quickrpc.sample;

import java.math.BigDecimal;
import java.util.List;

import io.quickrpc.IncomingHandler;
import io.quickrpc.Peer;
import io.quickrpc.RpcEndpoint;

/**
 * The server side of {@link EchoApi}.
 */
public class EchoService {

	private final RpcEndpoint<EchoApi> endpoint;

	/**
	 * Creates the service.
	 * @param endpoint the server endpoint, used to broadcast echoes
	 */
	public EchoService(RpcEndpoint<EchoApi> endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Broadcasts what a peer said to every peer.
	 * @param sender the peer
	 * @param text what it said
	 */
	@IncomingHandler
	public void say(@Peer String sender, String text) {
		this.endpoint.api().echo((List<String>) null, sender + " said: " + text);
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

package io.quickrpc.sample;

import java.math.BigDecimal;
import java.util.List;

import io.quickrpc.Incoming;
import io.quickrpc.Outgoing;
import io.quickrpc.Peer;
import io.quickrpc.RemoteApi;

/**
 * The sample's contract, seen from the server. A client uses the same interface inverted.
 */
@RemoteApi("echo")
public interface EchoApi {

	/**
	 * Broadcasts {@code text}, unchanged, to every connected peer as {@link #echo}, the sender
	 * included.
	 * @param sender who said it
	 * @param text what was said
	 */
	@Incoming
	void say(@Peer String sender, String text);

	/**
	 * Tells peers what someone said.
	 * @param receivers the peers to tell, {@code null} for all
	 * @param text what was said
	 */
	@Outgoing
	void echo(@Peer List<String> receivers, String text);

	/**
	 * Replies with the text it was given.
	 * @param text the text
	 * @return the same text
	 */
	@Incoming
	String ping(String text);

	/**
	 * Adds two numbers; integers stay integers, of any size.
	 * @param a a number
	 * @param b another number
	 * @return the sum
	 */
	@Incoming
	BigDecimal add(BigDecimal a, BigDecimal b);

	/**
	 * Always fails, with {@code message} as the error message.
	 * @param message the message of the error reply
	 * @return never
	 */
	@Incoming
	String fail(String message);

}

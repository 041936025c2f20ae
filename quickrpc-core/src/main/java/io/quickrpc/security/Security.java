package io.quickrpc.security;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A security provider: signs what an endpoint sends and checks what it receives. The security
 * information it returns travels ahead of the payload (in JSON-RPC, as an {@code rpc.secinfo}
 * header). Implementations must be safe for concurrent use.
 */
public interface Security {

	/**
	 * Returns the security information to send ahead of an outgoing payload, such as a user name
	 * or a signature; an empty map sends none.
	 * @param payload the encoded message
	 * @param offset where the payload starts in the array
	 * @param length the payload's length
	 * @return the security information
	 */
	Map<String, String> sign(byte[] payload, int offset, int length);

	/**
	 * Checks an incoming payload and the security information that came with it, and returns
	 * what handlers may learn of it.
	 * @param payload the encoded message as received
	 * @param securityInfo the security information received, empty if none
	 * @return the security information to hand to handlers that ask for it
	 * @throws SecurityRejectedException if the message must not be dispatched
	 */
	SecurityInfo verify(ByteBuffer payload, Map<String, String> securityInfo);

}

package io.quickrpc;

/**
 * A request got no reply within the endpoint's reply timeout.
 */
public class ReplyTimeoutException extends RpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what timed out, and what to do
	 */
	public ReplyTimeoutException(String message) {
		super(message);
	}

}
